//! One stable sort for every element type in gosim and in the web app.
//!
//! The standard library's sorts are generic over the element and the
//! comparator, so each call site stamps out its own copy of a large
//! algorithm (about 2 KiB of wasm per instantiation, 57 KiB in all when this
//! module was written). Here the algorithm is written once over indices
//! behind a `dyn` comparator; a call site only adds its comparator closure
//! and a short permutation loop. The sort is a bottom-up merge sort: stable,
//! O(n log n) comparisons, O(n) extra indices, no recursion.
//!
//! Clippy's `disallowed-methods` (clippy.toml) keeps the standard sorts out.

use std::cmp::Ordering;

/// Sorts `v` stably by the strict "comes before" relation `less`.
pub fn sort_by_less<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let order = sorted_order(v.len(), &mut |i, j| less(&v[i], &v[j]));
    permute(v, order);
}

/// Sorts `v` stably with a three-way comparator, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    sort_by_less(v, |a, b| cmp(a, b) == Ordering::Less);
}

/// Sorts `v` stably by a key, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by_less(v, |a, b| key(a) < key(b));
}

/// Sorts `v` stably in ascending order, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by_less(v, |a, b| a < b);
}

/// The stable sorted order of `n` items: `order[k]` is the index of the item
/// that belongs at position `k`. `less(i, j)` says item `i` sorts before `j`.
fn sorted_order(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    // Ids gathered in creation order mostly arrive sorted: one pass says so
    // instead of log n merge passes.
    if (1..n).all(|i| !less(i, i - 1)) {
        return from;
    }
    let mut to = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = n.min(lo + width);
            let hi = n.min(lo + 2 * width);
            let (mut i, mut j) = (lo, mid);
            for slot in &mut to[lo..hi] {
                // Take from the right run only when it is strictly smaller:
                // equal items keep their input order.
                let take_right = j < hi && (i == mid || less(from[j], from[i]));
                if take_right {
                    *slot = from[j];
                    j += 1;
                } else {
                    *slot = from[i];
                    i += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Rearranges `v` so that position `k` holds what was at `order[k]`, by
/// following the permutation's cycles with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut at = start;
        while order[at] != DONE {
            let src = order[at];
            order[at] = DONE;
            if src == start {
                break;
            }
            v.swap(at, src);
            at = src;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no dependency.
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn matches_the_standard_stable_sort_on_random_inputs() {
        let mut seed = 7;
        for len in 0..70 {
            for range in [1, 3, 1000] {
                let v: Vec<(u64, usize)> = (0..len).map(|i| (lcg(&mut seed) % range, i)).collect();
                let mut ours = v.clone();
                sort_by_key(&mut ours, |p| p.0);
                let mut std_sorted = v.clone();
                #[allow(clippy::disallowed_methods)]
                std_sorted.sort_by_key(|p| p.0);
                assert_eq!(ours, std_sorted, "len {len}, key range {range}");
            }
        }
    }

    #[test]
    fn keeps_equal_items_in_input_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn sorts_owned_values_without_losing_any() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "fig", "kiwi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort(&mut v);
        assert_eq!(v, ["apple", "fig", "fig", "kiwi", "pear"]);
    }

    #[test]
    fn reversed_and_sorted_inputs() {
        let mut down: Vec<i32> = (0..1000).rev().collect();
        sort(&mut down);
        assert!(down.iter().copied().eq(0..1000));
        sort_by_less(&mut down, |a, b| a > b);
        assert!(down.iter().copied().eq((0..1000).rev()));
    }
}
