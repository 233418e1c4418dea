//! Every piece of Rust the emitters write as text rather than as tokens: string and byte
//! string literals (`literal`), and the parts of a module that grow with a catalog, written in
//! prettyplease's layout and spliced into its output (`splice`). Everything else is `quote!`.

pub(crate) mod literal;
mod splice;

pub(crate) use splice::{Constant, Depth, Splices};
