//! Codes read from messages (`body: code_from_message: true`): each code's `match` patterns
//! parse, its own message is one of them, and no message is claimed by an earlier code.

use super::*;
use errspec_vocab::pattern;

impl Validator<'_> {
    /// The `match` patterns of the code whose `message` is given, checked.
    pub(super) fn patterns(
        &mut self,
        api: &Api,
        message: &Spanned<String>,
        patterns: Option<Vec<Spanned<String>>>,
    ) -> Vec<String> {
        let Some(patterns) = patterns else {
            return Vec::new();
        };
        if !api.body.as_ref().is_some_and(|b| b.code_from_message) {
            if let Some(first) = patterns.first() {
                self.error(
                    at(first),
                    "`match` patterns need a body whose codes are read from the message",
                )
                .set_help("set `code_from_message: true` under `body:`");
            }
            return Vec::new();
        }
        let mut parsed_all = Vec::new();
        for spanned in &patterns {
            match pattern::parse(&spanned.value) {
                Ok(parts) => parsed_all.push(parts),
                Err(why) => {
                    self.error(
                        at(spanned),
                        format!("pattern `{}` cannot be used: {why}", spanned.value),
                    );
                }
            }
        }
        if parsed_all.len() == patterns.len()
            && !parsed_all
                .iter()
                .any(|parts| pattern::matches(parts, &message.value))
        {
            self.error(
                at(message),
                "this message matches none of the code's `match` patterns, so a body the server sends with it would not read back as this code",
            )
            .set_help("add the message as a pattern, or write it as an instance of one");
        }
        patterns.into_iter().map(|p| p.value).collect()
    }

    /// A message that an earlier code's pattern matches too would read as that code.
    pub(super) fn patterns_overlap(&mut self, api: &Api, positions: &[Position]) {
        if !api.body.as_ref().is_some_and(|b| b.code_from_message) {
            return;
        }
        let parts: Vec<Vec<Vec<pattern::Part<'_>>>> =
            api.errors.iter().map(ErrorDef::message_parts).collect();
        for (index, error) in api.errors.iter().enumerate() {
            let earlier = (0..index).find(|&other| {
                parts[other]
                    .iter()
                    .any(|p| pattern::matches(p, &error.message))
            });
            if let (Some(other), Some(&position)) = (earlier, positions.get(index)) {
                let d = self.error(
                    position,
                    format!(
                        "the message of `{}` is matched by `{}`, which comes first, so bodies with it would read as `{}`",
                        error.code, api.errors[other].code, api.errors[other].code
                    ),
                );
                if let Some(&first) = positions.get(other) {
                    d.add_note(first, format!("`{}` is here", api.errors[other].code));
                }
                d.set_help("make the earlier code's patterns narrower, or declare this code first");
            }
        }
    }
}
