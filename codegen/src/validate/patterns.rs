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
                self.error(at(first), &MATCH_WITHOUT_CODE_FROM_MESSAGE);
            }
            return Vec::new();
        }
        let mut parsed_all = Vec::new();
        for spanned in &patterns {
            match pattern::parse(&spanned.value) {
                Ok(parts) => parsed_all.push(parts),
                Err(why) => {
                    let message = MATCH_PATTERN_INVALID
                        .with("pattern", &spanned.value)
                        .with("why", why);
                    self.error(at(spanned), message);
                }
            }
        }
        if parsed_all.len() == patterns.len()
            && !parsed_all
                .iter()
                .any(|parts| pattern::matches(parts, &message.value))
        {
            self.error(at(message), &MATCH_MISSES_MESSAGE);
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
                let message = MATCH_CLAIMED_EARLIER
                    .with("code", &error.code)
                    .with("earlier", &api.errors[other].code);
                let d = self.error(position, message);
                if let Some(&first) = positions.get(other) {
                    d.add_note(first, format!("`{}` is here", api.errors[other].code));
                }
            }
        }
    }
}
