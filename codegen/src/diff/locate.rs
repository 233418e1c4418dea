//! Where things are in a spec file: the YAML read once more as a tree of located nodes, so a
//! change can point at the line of the key that changed (`statuses: 401: description:`),
//! whatever the style it is written in (block or flow, quoted or not, through an alias).

use crate::diagnostic::Position;
use crate::load::spec::Spanned;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// One spec file's located tree.
#[derive(Debug, Default)]
pub struct Locations {
    root: Option<Spanned<Node>>,
}

/// A YAML node: a mapping with located keys, a list, or a scalar's text.
#[derive(Debug)]
enum Node {
    Map(Vec<(Spanned<Key>, Spanned<Node>)>),
    List(Vec<Spanned<Node>>),
    Scalar(String),
}

/// A mapping key as text: `401` and `"401"` are both `401`.
#[derive(Debug)]
struct Key(String);

/// One step of a path into the tree.
#[derive(Clone, Copy, Debug)]
pub enum Step<'a> {
    /// The value of a mapping key.
    Key(&'a str),
    /// The item of a list whose `name:` is this (a rate limit).
    Named(&'a str),
}

impl Locations {
    /// The tree of `text`, parsed with the loader's budgets; an unparsable text locates
    /// nothing (the loader reports it).
    pub fn of(text: &str) -> Self {
        let root =
            serde_saphyr::from_str_with_options::<Spanned<Node>>(text, crate::load::options()).ok();
        Self { root }
    }

    /// Where `path` is written: the key of its last step (a list item itself for `Named`), or,
    /// when the path goes further than the file, the deepest part of it that is there.
    pub fn at(&self, path: &[Step<'_>]) -> Position {
        self.walk(path).0
    }

    /// Where `path` is written, when all of it is there.
    pub fn find(&self, path: &[Step<'_>]) -> Option<Position> {
        let (position, complete) = self.walk(path);
        complete.then_some(position)
    }

    /// The deepest place of `path` found, and whether that is all of it.
    fn walk(&self, path: &[Step<'_>]) -> (Position, bool) {
        let Some(mut node) = self.root.as_ref() else {
            return (Position::default(), false);
        };
        let mut found = Position::new(1, 1, 1);
        for step in path {
            let next = match (&node.value, step) {
                (Node::Map(entries), Step::Key(key)) => entries
                    .iter()
                    .find(|(k, _)| k.value.0 == *key)
                    .map(|(k, v)| (Position::from(k.referenced), v)),
                (Node::List(items), Step::Named(name)) => items
                    .iter()
                    .find(|item| item.value.text_of("name") == Some(name))
                    .map(|item| (Position::from(item.referenced), item)),
                _ => None,
            };
            match next {
                Some((position, child)) => {
                    found = position;
                    node = child;
                }
                None => return (found, false),
            }
        }
        (found, true)
    }
}

impl Node {
    /// The text of scalar key `key` of a mapping.
    fn text_of(&self, key: &str) -> Option<&str> {
        let Node::Map(entries) = self else {
            return None;
        };
        entries
            .iter()
            .find(|(k, _)| k.value.0 == key)
            .and_then(|(_, v)| match &v.value {
                Node::Scalar(text) => Some(text.as_str()),
                _ => None,
            })
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(NodeVisitor)? {
            Node::Scalar(text) => Ok(Key(text)),
            _ => Ok(Key(String::new())),
        }
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar(String::new()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Scalar(String::new()))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "api: { name: Acme }\nstatuses:\n  401:\n    title: Unauthorized\n    description: >-\n      Missing key.\n  \"5xx\": { title: Server Error }\nrate_limits:\n  - { name: per_minute, requests: 60, window: 1m, scope: ip }\n  - name: per_second\n    requests: 5\n";

    fn at(path: &[Step<'_>]) -> (u32, u32) {
        let p = Locations::of(SPEC).at(path);
        (p.line, p.column)
    }

    #[test]
    fn keys_are_found_in_block_and_flow_style_as_text() {
        assert_eq!(at(&[Step::Key("statuses"), Step::Key("401")]), (3, 3));
        assert_eq!(
            at(&[
                Step::Key("statuses"),
                Step::Key("401"),
                Step::Key("description")
            ]),
            (5, 5)
        );
        assert_eq!(
            at(&[Step::Key("statuses"), Step::Key("5xx"), Step::Key("title")]),
            (7, 12)
        );
        assert_eq!(at(&[Step::Key("api"), Step::Key("name")]), (1, 8));
    }

    #[test]
    fn list_items_are_found_by_name_and_missing_steps_stop_at_the_deepest_found() {
        assert_eq!(
            at(&[Step::Key("rate_limits"), Step::Named("per_second")]),
            (10, 5)
        );
        assert_eq!(
            at(&[
                Step::Key("rate_limits"),
                Step::Named("per_minute"),
                Step::Key("window")
            ]),
            (9, 39)
        );
        assert_eq!(
            at(&[Step::Key("statuses"), Step::Key("401"), Step::Key("when")]),
            (3, 3)
        );
        assert_eq!(
            Locations::of(": : :\n  - [").at(&[Step::Key("api")]),
            Position::default()
        );
    }
}
