//! Small general-purpose pieces the simulator is built from, with no
//! knowledge of Go: exact big naturals (`bignum`), the fixed hasher of
//! gosim's internal tables (`fasthash`), the one stable sort (`order`), the
//! ordered map and set behind Go maps, timers and explore (`sorted`), and
//! the deterministic generator behind seeded schedules (`splitmix`).
//!
//! Like rust-analyzer's `stdx`: nothing here imports the rest of gosim.
//! The sort and the ordered containers exist because the standard ones
//! stamp out a large copy per element type in the wasm.

pub mod bignum;
pub mod fasthash;
pub mod order;
pub mod sorted;
pub mod splitmix;
