//! The pieces of Rust the emitters write as text rather than as tokens: string and byte string
//! literals (`literal`), the lines of doc texts (`shapes`) and the blank lines between items
//! (`spacing`). Everything else is `quote!`.

pub(crate) mod literal;
pub(crate) mod shapes;
mod spacing;

pub use spacing::space_items;
