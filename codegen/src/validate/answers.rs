//! `answers:`, what a server answers on its own: each a documented status, or a code and its
//! status.

use super::*;
use crate::model::{Answer, Answers};

impl Validator<'_> {
    pub(super) fn answers(&mut self, api: &Api, section: Spanned<spec::AnswersSection>) -> Answers {
        let section = section.value;
        Answers {
            missing_key: section.missing_key.and_then(|a| self.answer(api, a)),
            invalid_key: section.invalid_key.and_then(|a| self.answer(api, a)),
            unknown_route: section.unknown_route.and_then(|a| self.answer(api, a)),
        }
    }

    /// One answer: its code's status unless it names a status (which must then be the
    /// code's own).
    fn answer(&mut self, api: &Api, entry: Spanned<spec::AnswerEntry>) -> Option<Answer> {
        let (error_key, status_key) = (&entry.value.error, &entry.value.status);
        if error_key.is_none() && status_key.is_none() {
            self.error(at(&entry), &ANSWER_EMPTY);
            return None;
        }
        let error = error_key.as_ref().and_then(|e| self.error_ref(api, e));
        let status = status_key.as_ref().and_then(|s| self.status_ref(api, s));
        self.check_error_status(api, error_key.as_ref(), error, status);
        let status = match error {
            Some(e) => api.errors[e].status,
            None => status?,
        };
        Some(Answer { status, error })
    }
}
