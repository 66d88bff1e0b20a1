//! The gopitfalls web app (placeholder until the foundation lands).
fn main() {}
