//! The rule for `answers:`, what a server answers on its own.

use super::{ANSWER_CHANGED, Diff, Level, Step};
use crate::model::{Answer, Api};

impl Diff<'_> {
    pub(super) fn answers(&mut self) {
        let (old, new) = (self.old.api, self.new.api);
        for ((key, situation, o), (_, _, n)) in old.answers.all().into_iter().zip(new.answers.all())
        {
            let (was, now) = (answer_text(old, o), answer_text(new, n));
            if was == now {
                continue;
            }
            let message = format!("{situation} is now answered with {now} instead of {was}");
            // Clients that match on the old code or status see another; the Rust constant
            // `ANSWERS` only changes its value.
            let base = [Step::Key("answers")];
            self.field(
                ANSWER_CHANGED,
                Level::Breaking,
                Level::Info,
                message,
                &base,
                key,
            );
        }
    }
}

/// An answer in words: `401 with INVALID_API_KEY`, or the default.
fn answer_text(api: &Api, answer: Option<Answer>) -> String {
    let Some(answer) = answer else {
        return "the status's own body".to_owned();
    };
    let status = api.statuses[answer.status].key.to_string();
    match answer.error {
        Some(e) => format!("{status} with `{}`", api.errors[e].code),
        None => status,
    }
}
