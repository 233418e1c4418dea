//! Blank lines between items, as a person (and rustfmt's users) would write them:
//! prettyplease prints items back to back, which makes a long generated module hard to scan.
//!
//! The rule works on prettyplease's own layout, line by line: a line that starts an item (its
//! doc comment, an attribute, or the item's keyword) gets a blank line before it when the line
//! above, at the same indentation, ends an item (`}` or `;`). Enum variants, struct fields and
//! match arms end with `,`, so they stay together, like the rows of a table. String literals
//! never hold a raw line break in prettyplease's output (it escapes `\n`), so no literal can
//! change.

/// What a line may start with to begin an item.
const ITEM_STARTS: &[&str] = &[
    "///",
    "#[",
    "pub ",
    "pub(",
    "impl",
    "fn ",
    "const ",
    "static ",
    "mod ",
    "struct ",
    "enum ",
    "type ",
    "use ",
    "trait ",
    "unsafe ",
    "macro_rules!",
];

/// `formatted` with a blank line before every item that follows another one.
pub fn space_items(formatted: &str) -> String {
    let mut out = String::with_capacity(formatted.len() + formatted.len() / 16);
    let mut previous: Option<&str> = None;
    for line in formatted.split_inclusive('\n') {
        if let Some(above) = previous
            && ends_item(above)
            && starts_item(line)
            && indent(above) == indent(line)
        {
            out.push('\n');
        }
        out.push_str(line);
        previous = Some(line);
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn ends_item(line: &str) -> bool {
    let text = line.trim();
    !text.starts_with("//") && (text.ends_with('}') || text.ends_with(';'))
}

fn starts_item(line: &str) -> bool {
    let text = line.trim_start();
    ITEM_STARTS.iter().any(|start| text.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::space_items;

    #[test]
    fn items_get_a_blank_line_and_table_rows_do_not() {
        let printed = "\
pub const A: u8 = 1;
/// B.
pub const B: u8 = 2;
pub enum E {
    /// One.
    One,
    /// Two.
    Two,
}
impl E {
    /// First.
    pub fn first() {}
    pub fn second() {
        let x = 1;
        match x {
            1 => {}
            _ => {}
        }
    }
}
";
        let expected = "\
pub const A: u8 = 1;

/// B.
pub const B: u8 = 2;

pub enum E {
    /// One.
    One,
    /// Two.
    Two,
}

impl E {
    /// First.
    pub fn first() {}

    pub fn second() {
        let x = 1;
        match x {
            1 => {}
            _ => {}
        }
    }
}
";
        assert_eq!(space_items(printed), expected);
        assert_eq!(
            space_items(expected),
            expected,
            "spacing twice changes nothing"
        );
    }
}
