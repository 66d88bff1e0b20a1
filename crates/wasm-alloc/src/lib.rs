//! A small size-class allocator for single-threaded wasm32, which the web
//! app installs as its global allocator in the browser build instead of
//! std's default (dlmalloc) to make the download smaller. dlmalloc
//! brings about 7 KB of code for coalescing and trimming that a browser tab
//! does not need: wasm memory can only grow, never shrink.
//!
//! Block sizes are 16 B and then two classes per doubling up to 2 GiB:
//! 32, 48, 64, 96, 128, 192, ... A power of two is aligned to its own size,
//! a 3·2^j block to 2^j (its lowest set bit), and a request whose alignment
//! its size class lacks takes the next class, a power of two. Freed blocks go
//! on a singly linked free list per class (the link lives in the block
//! itself); a request whose class has none carves a suitably aligned block out
//! of the smallest larger free block and frees the rest as power-of-two
//! blocks. Blocks are never merged again. New blocks are bump-allocated from
//! memory taken from the host a chunk at a time; the gap that aligning the
//! bump pointer skips is cut into naturally aligned blocks and put on the free
//! lists, so nothing is lost. The cost is the rounding up to a class: at most
//! 1.5x the requested size above 32 B (power-of-two classes alone cost up to
//! 2x, and 1.45x dlmalloc's memory on case 16, against 1.2x with these).
//!
//! [`Heap`] holds the logic over any [`Pages`] source, so native tests can
//! drive it with a fake memory; [`WasmHeap`] (wasm32 only) is the heap over
//! the host's memory, for a `#[global_allocator]`. The crate knows nothing of
//! the app and must not allocate itself.

use core::alloc::Layout;
use core::ptr;

/// Size of a wasm memory page, the unit the host grows memory by.
pub const PAGE: usize = 64 * 1024;
/// Pages taken from the host at least per growth, to keep `memory.grow`
/// calls (which also detach the JS views of the memory) rare.
const CHUNK_PAGES: usize = 16;
const MIN_SHIFT: u32 = 4;
/// The smallest block: room for the free-list link, 16-byte aligned.
const MIN_BLOCK: usize = 1 << MIN_SHIFT;
/// 16 B, 32 B, 48 B, 64 B, ... 1.5 GiB, 2 GiB.
const CLASSES: usize = 54;
const MAX_BLOCK: usize = 1 << 31;

/// Where a [`Heap`] gets its memory from.
pub trait Pages {
    /// Adds `pages` pages of fresh, writable memory and returns the address
    /// of the first, or `None` when the host refuses. The address is a
    /// multiple of [`PAGE`] and usually, but not necessarily, right after the
    /// previous growth's end.
    fn grow(&mut self, pages: usize) -> Option<usize>;
}

/// The size class of a request: the index of the smallest block that holds
/// `size` bytes aligned to `align`, or `None` above [`MAX_BLOCK`].
fn class_of(size: usize, align: usize) -> Option<usize> {
    let need = size.max(align).max(MIN_BLOCK);
    if need > MAX_BLOCK {
        return None;
    }
    let k = need.next_power_of_two().trailing_zeros() as usize;
    // 2^k is class 2k - 9 (16 B is class 0); from 64 B on, 3·2^(k-2) is the
    // class just below it.
    let mut class = (2 * k).saturating_sub(2 * MIN_SHIFT as usize + 1);
    if k > MIN_SHIFT as usize + 1 && need <= 3 << (k - 2) {
        class -= 1;
    }
    // Only a 3·2^j class can lack the alignment, which then is 2^(j+1); the
    // next class, 2^(j+2), has it.
    if block_align(class) < align {
        class += 1;
    }
    Some(class)
}

const fn block_size(class: usize) -> usize {
    if class == 0 {
        return MIN_BLOCK;
    }
    let pow = MIN_BLOCK << class.div_ceil(2);
    if class % 2 == 1 {
        pow
    } else {
        pow / 2 * 3
    }
}

/// The alignment every block of `class` has: its size's lowest set bit.
const fn block_align(class: usize) -> usize {
    let size = block_size(class);
    size & size.wrapping_neg()
}

/// A heap of power-of-two blocks over the memory that `P` hands out.
pub struct Heap<P> {
    /// Head address of each class's free list, 0 when empty.
    free: [usize; CLASSES],
    /// Bit `c` is set when class `c`'s free list is not empty.
    nonempty: u64,
    /// Next unused byte of the current chunk; always a multiple of 16.
    bump: usize,
    /// End of the current chunk.
    end: usize,
    pages: P,
}

impl<P: Pages> Heap<P> {
    pub const fn new(pages: P) -> Self {
        Heap {
            free: [0; CLASSES],
            nonempty: 0,
            bump: 0,
            end: 0,
            pages,
        }
    }

    /// A block for `layout`, or null when memory runs out.
    ///
    /// # Safety
    /// The memory `P` hands out must be valid, writable and used by nothing
    /// else.
    pub unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        match class_of(layout.size(), layout.align()) {
            Some(class) => self.alloc_class(class),
            None => ptr::null_mut(),
        }
    }

    /// # Safety
    /// `block` came from this heap's `alloc` or `realloc` with `layout`, and
    /// is not used afterwards.
    pub unsafe fn dealloc(&mut self, block: *mut u8, layout: Layout) {
        if let Some(class) = class_of(layout.size(), layout.align()) {
            self.push(class, block as usize);
        }
    }

    /// Resizes `block` (allocated with `layout`) to `new_size` bytes: in
    /// place while the size class stays the same, otherwise by moving it.
    /// Null (with `block` untouched) when memory runs out.
    ///
    /// # Safety
    /// As for [`Heap::dealloc`]; on success only the returned block may be
    /// used.
    pub unsafe fn realloc(&mut self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = class_of(layout.size(), layout.align());
        let Some(new) = class_of(new_size, layout.align()) else {
            return ptr::null_mut();
        };
        if old == Some(new) {
            return block;
        }
        let moved = self.alloc_class(new);
        if !moved.is_null() {
            ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
            self.dealloc(block, layout);
        }
        moved
    }

    unsafe fn alloc_class(&mut self, class: usize) -> *mut u8 {
        if let Some(block) = self.pop(class) {
            return block as *mut u8;
        }
        // Carve the block out of the smallest larger free block (a buffer a
        // growing Vec left behind, say) before taking new memory. Any larger
        // block holds an aligned one of `class`: a 3·2^j block is 2^j-aligned,
        // so a 2^(j+1) block starts at most 2^j into it.
        let larger = self.nonempty >> class >> 1;
        if larger != 0 {
            let big = class + 1 + larger.trailing_zeros() as usize;
            if let Some(block) = self.pop(big) {
                let start = block.next_multiple_of(block_align(class));
                let end = start + block_size(class);
                debug_assert!(end <= block + block_size(big));
                self.release(block, start);
                self.release(end, block + block_size(big));
                return start as *mut u8;
            }
        }
        self.bump_alloc(block_size(class), block_align(class))
            .unwrap_or(ptr::null_mut())
    }

    unsafe fn pop(&mut self, class: usize) -> Option<usize> {
        let head = self.free[class];
        if head == 0 {
            return None;
        }
        let next = *(head as *const usize);
        self.free[class] = next;
        if next == 0 {
            self.nonempty &= !(1u64 << class);
        }
        Some(head)
    }

    /// Carves an `align`-aligned block of `size` bytes off the current
    /// chunk, growing memory when it does not fit.
    unsafe fn bump_alloc(&mut self, size: usize, align: usize) -> Option<*mut u8> {
        loop {
            let start = align_up(self.bump, align)?;
            let fits = start.checked_add(size).filter(|&e| e <= self.end);
            if let Some(block_end) = fits {
                self.release(self.bump, start);
                self.bump = block_end;
                return Some(start as *mut u8);
            }
            // Assume the growth lands right after the chunk (it does unless
            // something else grows memory); if not, the loop grows again.
            let missing = start.checked_add(size)? - self.end;
            let pages = missing.div_ceil(PAGE).max(CHUNK_PAGES);
            let base = self.pages.grow(pages)?;
            let grown_end = base.checked_add(pages.checked_mul(PAGE)?)?;
            if base != self.end {
                self.release(self.bump, self.end);
                self.bump = base;
            }
            self.end = grown_end;
        }
    }

    /// Puts the unused range `lo..hi` (multiples of 16) on the free lists as
    /// the largest naturally aligned blocks that tile it.
    unsafe fn release(&mut self, mut lo: usize, hi: usize) {
        while lo < hi {
            // The largest power of two `lo` is aligned to (0 is aligned to all).
            let mut size = if lo == 0 {
                MAX_BLOCK
            } else {
                (lo & lo.wrapping_neg()).min(MAX_BLOCK)
            };
            while size > hi - lo {
                size /= 2;
            }
            // 2^k is class 2k - 9, and 16 B class 0.
            let k = size.trailing_zeros();
            self.push((2 * k).saturating_sub(2 * MIN_SHIFT + 1) as usize, lo);
            lo += size;
        }
    }

    unsafe fn push(&mut self, class: usize, block: usize) {
        *(block as *mut usize) = self.free[class];
        self.free[class] = block;
        self.nonempty |= 1u64 << class;
    }
}

fn align_up(addr: usize, align: usize) -> Option<usize> {
    Some(addr.checked_add(align - 1)? & !(align - 1))
}

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("the wasm heap assumes a single thread; build without the atomics feature");

#[cfg(target_arch = "wasm32")]
pub use wasm::WasmHeap;

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::{Heap, Pages, PAGE};
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;

    struct HostMemory;

    impl Pages for HostMemory {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let before = core::arch::wasm32::memory_grow(0, pages);
            if before == usize::MAX {
                return None;
            }
            before.checked_mul(PAGE)
        }
    }

    /// The heap over the host's linear memory, for `#[global_allocator]`.
    pub struct WasmHeap(UnsafeCell<Heap<HostMemory>>);

    impl WasmHeap {
        pub const fn new() -> Self {
            WasmHeap(UnsafeCell::new(Heap::new(HostMemory)))
        }
    }

    impl Default for WasmHeap {
        fn default() -> Self {
            Self::new()
        }
    }

    // SAFETY: wasm32-unknown-unknown without the atomics feature (refused
    // above) runs one thread and has no signals or interrupts, so calls into
    // the allocator never overlap: the `&mut` each method takes is unique.
    // The heap code itself never allocates or calls out, so it is not
    // re-entered either.
    unsafe impl Sync for WasmHeap {}

    unsafe impl GlobalAlloc for WasmHeap {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            (*self.0.get()).alloc(layout)
        }

        unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
            (*self.0.get()).dealloc(block, layout)
        }

        unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            (*self.0.get()).realloc(block, layout, new_size)
        }
    }
}

// The ban on standard sorts is about the wasm's size; tests run natively only.
#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use std::alloc::{alloc_zeroed, dealloc};

    /// A fixed, page-aligned native buffer handed out page by page; it can
    /// skip pages to imitate someone else growing memory in between.
    struct FakeMemory {
        base: *mut u8,
        pages: usize,
        used: usize,
        skip_next: usize,
        grows: usize,
    }

    impl FakeMemory {
        fn new(pages: usize) -> Self {
            let base = unsafe { alloc_zeroed(Self::layout(pages)) };
            assert!(!base.is_null());
            FakeMemory {
                base,
                pages,
                used: 0,
                skip_next: 0,
                grows: 0,
            }
        }

        fn layout(pages: usize) -> Layout {
            Layout::from_size_align(pages * PAGE, PAGE).unwrap()
        }

        fn range(&self) -> (usize, usize) {
            let lo = self.base as usize;
            (lo, lo + self.used * PAGE)
        }
    }

    impl Drop for FakeMemory {
        fn drop(&mut self) {
            unsafe { dealloc(self.base, Self::layout(self.pages)) }
        }
    }

    impl Pages for FakeMemory {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let first = self.used + std::mem::take(&mut self.skip_next);
            if first + pages > self.pages {
                return None;
            }
            self.used = first + pages;
            self.grows += 1;
            Some(self.base as usize + first * PAGE)
        }
    }

    fn heap(pages: usize) -> Heap<FakeMemory> {
        Heap::new(FakeMemory::new(pages))
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn size_classes_are_16_then_two_per_doubling() {
        let sizes: Vec<usize> = (0..9).map(block_size).collect();
        assert_eq!(sizes, [16, 32, 48, 64, 96, 128, 192, 256, 384]);
        let aligns: Vec<usize> = (0..9).map(block_align).collect();
        assert_eq!(aligns, [16, 32, 16, 64, 32, 128, 64, 256, 128]);
        assert_eq!(block_size(CLASSES - 2), 3 << 29);
        assert_eq!(block_size(CLASSES - 1), MAX_BLOCK);
        assert_eq!(class_of(0, 1), Some(0));
        assert_eq!(class_of(16, 8), Some(0));
        assert_eq!(class_of(17, 8), Some(1));
        assert_eq!(class_of(33, 8), Some(2));
        assert_eq!(class_of(48, 16), Some(2));
        assert_eq!(class_of(48, 32), Some(3), "48 B is only 16-byte aligned");
        assert_eq!(class_of(8, 64), Some(3));
        assert_eq!(class_of(MAX_BLOCK, 1), Some(CLASSES - 1));
        assert_eq!(class_of(MAX_BLOCK + 1, 1), None);
    }

    /// `class_of` picks the smallest class that is large and aligned enough,
    /// checked against a search over all classes.
    #[test]
    fn the_class_of_a_request_is_the_smallest_that_fits() {
        let fits =
            |c: usize, size: usize, align: usize| block_size(c) >= size && block_align(c) >= align;
        let mut sizes: Vec<usize> = (0..=4096).collect();
        for k in 12..31 {
            for d in [-16isize, -1, 0, 1, 16] {
                sizes.push(((1usize << k) as isize + d) as usize);
                sizes.push(((3usize << (k - 1)) as isize + d) as usize);
            }
        }
        for &size in &sizes {
            for a in 0..16 {
                let align = 1 << a;
                let want = (0..CLASSES).find(|&c| fits(c, size, align));
                assert_eq!(class_of(size, align), want, "size {size} align {align}");
            }
        }
    }

    #[test]
    fn blocks_honour_the_requested_alignment() {
        let mut h = heap(64);
        for &(size, align) in &[
            (1, 1),
            (3, 2),
            (24, 8),
            (5, 64),
            (100, 16),
            (70_000, 4096),
            (10, 2 * PAGE),
        ] {
            let p = unsafe { h.alloc(layout(size, align)) };
            assert!(!p.is_null());
            assert_eq!(p as usize % align, 0, "size {size} align {align}");
        }
    }

    #[test]
    fn freed_blocks_are_reused_before_memory_grows() {
        let mut h = heap(64);
        let l = layout(40, 8);
        let a = unsafe { h.alloc(l) };
        let b = unsafe { h.alloc(l) };
        unsafe { h.dealloc(a, l) };
        let c = unsafe { h.alloc(layout(48, 8)) };
        assert_eq!(
            c, a,
            "a 48-byte request reuses the freed 40-byte block (same class)"
        );
        unsafe { h.dealloc(b, l) };
        unsafe { h.dealloc(c, l) };
        let grows = h.pages.grows;
        for _ in 0..10_000 {
            let p = unsafe { h.alloc(l) };
            unsafe { h.dealloc(p, l) };
        }
        assert_eq!(h.pages.grows, grows);
    }

    #[test]
    fn a_larger_free_block_is_split_before_memory_grows() {
        let mut h = heap(64);
        let big = layout(4096, 8);
        let b = unsafe { h.alloc(big) } as usize;
        unsafe { h.dealloc(b as *mut u8, big) };
        let grows = h.pages.grows;
        let bump = h.bump;
        // 4096 B split into 16 + 16 + 32 + ... + 2048: all of it is reused.
        let mut got: Vec<usize> = (0..4096 / 16)
            .map(|_| unsafe { h.alloc(layout(16, 16)) } as usize)
            .collect();
        got.sort();
        assert_eq!(got, (0..4096 / 16).map(|i| b + 16 * i).collect::<Vec<_>>());
        assert_eq!(
            (h.pages.grows, h.bump),
            (grows, bump),
            "no new memory taken"
        );
    }

    /// A 2^(j+1) block cut from a free 3·2^j block that is only 2^j-aligned
    /// starts 2^j into it; the 2^j before it is reused too.
    #[test]
    fn an_aligned_block_is_cut_from_a_three_quarter_block() {
        let mut h = heap(64);
        let pad = unsafe { h.alloc(layout(32, 32)) } as usize;
        let l96 = layout(96, 32);
        let b = unsafe { h.alloc(l96) } as usize;
        assert_eq!(b, pad + 32);
        assert_eq!(b % 64, 32, "the bump pointer leaves it only 32-aligned");
        unsafe { h.dealloc(b as *mut u8, l96) };
        let bump = h.bump;
        let c = unsafe { h.alloc(layout(64, 64)) } as usize;
        assert_eq!(c, b + 32);
        let d = unsafe { h.alloc(layout(32, 32)) } as usize;
        assert_eq!(d, b);
        assert_eq!(h.bump, bump, "no new memory taken");
    }

    #[test]
    fn realloc_keeps_contents_when_growing_and_shrinking() {
        let mut h = heap(64);
        let mut l = layout(10, 1);
        let mut p = unsafe { h.alloc(l) };
        unsafe { ptr::copy_nonoverlapping(b"0123456789".as_ptr(), p, 10) };
        // 12 stays in the 16-byte class: same block.
        let q = unsafe { h.realloc(p, l, 12) };
        assert_eq!(q, p);
        l = layout(12, 1);
        for size in [100, 5000, 200_000, 7] {
            p = unsafe { h.realloc(p, l, size) };
            assert!(!p.is_null());
            let kept = l.size().min(size).min(10);
            let got = unsafe { std::slice::from_raw_parts(p, kept) };
            assert_eq!(got, &b"0123456789"[..kept], "after resizing to {size}");
            l = layout(size, 1);
        }
    }

    #[test]
    fn memory_from_a_non_adjacent_growth_is_used_and_the_old_tail_kept() {
        let mut h = heap(256);
        let small = layout(16, 16);
        let first = unsafe { h.alloc(small) };
        h.pages.skip_next = 3;
        // Larger than the chunk, so the heap has to grow; the growth is not
        // adjacent, and the rest of the old chunk goes to the free lists.
        let big = unsafe { h.alloc(layout(CHUNK_PAGES * PAGE * 2, 8)) };
        assert!(!big.is_null());
        assert_eq!(big as usize % (CHUNK_PAGES * PAGE * 2), 0);
        let again = unsafe { h.alloc(small) };
        assert_eq!(
            again as usize,
            first as usize + 16,
            "the old chunk's tail is reused"
        );
    }

    #[test]
    fn out_of_memory_is_null() {
        let mut h = heap(CHUNK_PAGES);
        assert!(unsafe { h.alloc(layout(CHUNK_PAGES * PAGE + 1, 1)) }.is_null());
        assert!(unsafe { h.alloc(layout(usize::MAX / 2, 1)) }.is_null());
        let p = unsafe { h.alloc(layout(100, 8)) };
        assert!(!p.is_null(), "a failed request leaves the heap usable");
        assert!(unsafe { h.realloc(p, layout(100, 8), CHUNK_PAGES * PAGE * 4) }.is_null());
    }

    /// Random alloc/free/realloc: live blocks never overlap, stay inside the
    /// memory handed out, and keep their contents.
    #[test]
    fn random_operations_keep_live_blocks_disjoint_and_intact() {
        let mut h = heap(1024);
        let mut live: Vec<(usize, Layout, u8)> = Vec::new();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let fill =
            |p: usize, l: Layout, tag: u8| unsafe { ptr::write_bytes(p as *mut u8, tag, l.size()) };
        let intact = |p: usize, l: Layout, tag: u8, n: usize| unsafe {
            std::slice::from_raw_parts(p as *const u8, n)
                .iter()
                .all(|&b| b == tag)
                && l.size() >= n
        };
        for round in 0..20_000u32 {
            let r = next();
            let tag = (round % 251) as u8 + 1;
            // Sizes near the 3·2^j classes and alignments up to 4 KiB too, so
            // that some requests need a larger class for their alignment.
            let size = match r % 10 {
                0 => (next() % 70_000) as usize,
                1..=2 => (next() % 1000) as usize,
                3 => (3 << (next() % 12 + 3)) + (next() % 3) as usize - 1,
                _ => (next() % 64) as usize,
            };
            let align = 1usize << (next() % 13).min(next() % 13);
            match (r >> 8) % 4 {
                0 | 1 => {
                    let l = layout(size, align);
                    let p = unsafe { h.alloc(l) } as usize;
                    assert_ne!(p, 0);
                    assert_eq!(p % align, 0);
                    fill(p, l, tag);
                    live.push((p, l, tag));
                }
                2 if !live.is_empty() => {
                    let (p, l, t) = live.swap_remove((next() % live.len() as u64) as usize);
                    assert!(intact(p, l, t, l.size()));
                    unsafe { h.dealloc(p as *mut u8, l) };
                }
                3 if !live.is_empty() => {
                    let i = (next() % live.len() as u64) as usize;
                    let (p, l, t) = live[i];
                    let q = unsafe { h.realloc(p as *mut u8, l, size) } as usize;
                    assert_ne!(q, 0);
                    let nl = layout(size, l.align());
                    assert!(
                        intact(q, nl, t, l.size().min(size)),
                        "realloc kept the contents"
                    );
                    fill(q, nl, tag);
                    live[i] = (q, nl, tag);
                }
                _ => {}
            }
            if round % 500 == 0 {
                check_disjoint(&live, h.pages.range());
            }
        }
        check_disjoint(&live, h.pages.range());
        for (p, l, t) in live {
            assert!(intact(p, l, t, l.size()));
        }
    }

    fn check_disjoint(live: &[(usize, Layout, u8)], (lo, hi): (usize, usize)) {
        let mut spans: Vec<(usize, usize)> = live
            .iter()
            .map(|&(p, l, _)| (p, p + l.size().max(1)))
            .collect();
        spans.sort_by_key(|s| s.0);
        for s in &spans {
            assert!(
                s.0 >= lo && s.1 <= hi,
                "block {s:?} outside the memory {lo:#x}..{hi:#x}"
            );
        }
        for w in spans.windows(2) {
            assert!(w[0].1 <= w[1].0, "blocks {:?} and {:?} overlap", w[0], w[1]);
        }
    }
}
