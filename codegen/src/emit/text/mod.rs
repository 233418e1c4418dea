//! Every piece of Rust the emitters write as text rather than as tokens: string and byte
//! string literals (`literal`); the shapes a module repeats once per status or code (`shapes`:
//! variants, `ALL` elements, `match` arms), written in prettyplease's layout and spliced into
//! its output (`splice`); and the blank lines between items (`spacing`). Everything else is
//! `quote!`.

pub(crate) mod literal;
pub(crate) mod shapes;
mod spacing;
mod splice;

pub use spacing::space_items;
pub(crate) use splice::{Constant, Depth, Splices};
