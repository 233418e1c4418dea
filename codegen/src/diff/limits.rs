//! The rules for the rate limits and the other limits.

use super::{
    API_DOC_CHANGED, LIMIT_ADDED, LIMIT_CHANGED, LIMIT_REMOVED, RATE_LIMIT_ADDED,
    RATE_LIMIT_ANSWER_CHANGED, RATE_LIMIT_COST_CHANGED, RATE_LIMIT_LOOSENED,
    RATE_LIMIT_PER_ENDPOINT_CHANGED, RATE_LIMIT_REMOVED, RATE_LIMIT_ROUTES_CHANGED,
    RATE_LIMIT_TIGHTENED, RATE_LIMIT_UNAUTHENTICATED_CHANGED,
};
use super::{At, Diff, Level, Step, was_now};
use crate::model::{Api, Limit, LimitValue, RateLimit, Scope, human_duration};

impl Diff<'_> {
    pub(super) fn rate_limits(&mut self) {
        let (old, new) = (self.old.api, self.new.api);
        for o in &old.rate_limits {
            let at = [Step::Key("rate_limits"), Step::Named(&o.name)];
            match new.rate_limits.iter().find(|n| n.name == o.name) {
                Some(n) => self.rate_limit_pair(o, n),
                None => {
                    let message = format!(
                        "rate limit `{}` ({}) was removed, and with it `limits::{}`",
                        o.name,
                        rate(o),
                        o.const_name
                    );
                    self.report(
                        RATE_LIMIT_REMOVED,
                        Level::Info,
                        Level::Breaking,
                        message,
                        At::Old(&at),
                    );
                }
            }
        }
        for n in &new.rate_limits {
            if !old.rate_limits.iter().any(|o| o.name == n.name) {
                let message = format!(
                    "rate limit `{}` ({}) is new: requests that were admitted may now be refused",
                    n.name,
                    rate(n)
                );
                let at = [Step::Key("rate_limits"), Step::Named(&n.name)];
                self.report(
                    RATE_LIMIT_ADDED,
                    Level::Breaking,
                    Level::Info,
                    message,
                    At::New(&at),
                );
            }
        }
    }

    fn rate_limit_pair(&mut self, o: &RateLimit, n: &RateLimit) {
        let base = [Step::Key("rate_limits"), Step::Named(&o.name)];
        self.rate_limit_budget(&base, o, n);
        self.rate_limit_answer(&base, o, n);
        self.rate_limit_routes(&base, o, n);
        self.rate_limit_unauthenticated(&base, o, n);
        self.rate_limit_cost(&base, o, n);
        let what = format!("rate limit `{}`", o.name);
        let docs = [("description", o.description != n.description)];
        self.docs(API_DOC_CHANGED, &what, &base, &docs);
    }

    /// The budget: tightened where any of requests, window or scope is stricter (located at
    /// the first that is), else loosened where any is looser.
    fn rate_limit_budget(&mut self, base: &[Step<'_>], o: &RateLimit, n: &RateLimit) {
        let stricter = [
            (n.requests < o.requests, "requests"),
            (n.window > o.window, "window"),
            (wider(o.scope, n.scope), "scope"),
        ];
        let looser = [
            (n.requests > o.requests, "requests"),
            (n.window < o.window, "window"),
            (wider(n.scope, o.scope) && !wider(o.scope, n.scope), "scope"),
        ];
        let first =
            |list: &[(bool, &'static str)]| list.iter().find(|(hit, _)| *hit).map(|(_, key)| *key);
        let change = format!(
            "rate limit `{}` changed from {} to {}",
            o.name,
            rate(o),
            rate(n)
        );
        if let Some(key) = first(&stricter) {
            let message = format!("{change}: clients that kept to the old limit may be refused");
            self.field(
                RATE_LIMIT_TIGHTENED,
                Level::Breaking,
                Level::Info,
                message,
                base,
                key,
            );
        } else if let Some(key) = first(&looser) {
            self.field(
                RATE_LIMIT_LOOSENED,
                Level::Info,
                Level::Info,
                change,
                base,
                key,
            );
        }
    }

    /// How an exceeded rate limit is answered, compared by the statuses and code sent.
    fn rate_limit_answer(&mut self, base: &[Step<'_>], o: &RateLimit, n: &RateLimit) {
        let answer = |api: &Api, r: &RateLimit| {
            let key = |i: usize| api.statuses[i].key;
            (
                r.status.map(key),
                r.other_statuses.iter().map(|&i| key(i)).collect::<Vec<_>>(),
                r.error.map(|i| api.errors[i].code.clone()),
            )
        };
        if answer(self.old.api, o) != answer(self.new.api, n) {
            let message = format!(
                "an exceeded rate limit `{}` is now answered with {} instead of {}",
                o.name,
                answer_text(self.new.api, n),
                answer_text(self.old.api, o)
            );
            self.field(
                RATE_LIMIT_ANSWER_CHANGED,
                Level::Breaking,
                Level::Warning,
                message,
                base,
                answer_key(o.error, n.error),
            );
        }
    }

    /// Which requests a rate limit counts. A limit that now counts every request, or that
    /// is no longer separate from those on every route, refuses requests it let through; on
    /// fewer routes (or newly separate), it refuses less; on other routes, it is worth a
    /// review.
    fn rate_limit_routes(&mut self, base: &[Step<'_>], o: &RateLimit, n: &RateLimit) {
        let shown = |r: &RateLimit| {
            r.describe_routes()
                .unwrap_or_else(|| "on every route".to_owned())
        };
        let (routes, separate) = (o.routes != n.routes, o.separate != n.separate);
        if !routes && !separate {
            return;
        }
        let wire = if (n.routes.is_empty() && !o.routes.is_empty()) || (o.separate && !n.separate) {
            Level::Breaking
        } else if o.routes.is_empty() || n.routes.iter().all(|r| o.routes.contains(r)) {
            Level::Info
        } else {
            Level::Warning
        };
        let message = format!(
            "rate limit `{}` now counts requests {} instead of {}",
            o.name,
            shown(n),
            shown(o)
        );
        let key = if routes { "routes" } else { "separate" };
        self.field(
            RATE_LIMIT_ROUTES_CHANGED,
            wire,
            Level::Info,
            message,
            base,
            key,
        );
    }

    /// Whether a rate limit counts only unauthenticated requests. One that now counts the
    /// others too refuses requests it let through; one that now counts only unauthenticated
    /// requests refuses less.
    fn rate_limit_unauthenticated(&mut self, base: &[Step<'_>], o: &RateLimit, n: &RateLimit) {
        if o.unauthenticated == n.unauthenticated {
            return;
        }
        let (wire, message) = if n.unauthenticated {
            let message = "now counts only unauthenticated requests";
            (Level::Info, message)
        } else {
            let message = "now counts requests with credentials too, not only unauthenticated ones";
            (Level::Breaking, message)
        };
        let message = format!("rate limit `{}` {message}", o.name);
        self.field(
            RATE_LIMIT_UNAUTHENTICATED_CHANGED,
            wire,
            Level::Info,
            message,
            base,
            "unauthenticated",
        );
    }

    /// What a request costs. A method that costs more refuses requests that were let
    /// through; only cheaper methods refuse less.
    fn rate_limit_cost(&mut self, base: &[Step<'_>], o: &RateLimit, n: &RateLimit) {
        if o.cost != n.cost {
            let cost_of = |r: &RateLimit, method: &str| {
                r.cost
                    .iter()
                    .find(|(m, _)| m == method)
                    .map_or(1, |&(_, c)| c)
            };
            let methods = o.cost.iter().chain(&n.cost).map(|(m, _)| m.as_str());
            let dearer = methods.clone().any(|m| cost_of(n, m) > cost_of(o, m));
            let wire = if dearer { Level::Breaking } else { Level::Info };
            let shown = |r: &RateLimit| {
                r.describe_cost()
                    .unwrap_or_else(|| "every request costs 1".to_owned())
            };
            let message = format!("rate limit `{}`: {} (was: {})", o.name, shown(n), shown(o));
            self.field(
                RATE_LIMIT_COST_CHANGED,
                wire,
                Level::Info,
                message,
                base,
                "cost",
            );
        }
        if o.per_endpoint != n.per_endpoint {
            let (wire, now) = match n.per_endpoint {
                true => (Level::Info, "now counts each endpoint apart"),
                false => (Level::Breaking, "now counts every endpoint together"),
            };
            let message = format!("rate limit `{}` {now}", o.name);
            self.field(
                RATE_LIMIT_PER_ENDPOINT_CHANGED,
                wire,
                Level::Info,
                message,
                base,
                "per_endpoint",
            );
        }
    }

    pub(super) fn limits(&mut self) {
        let (old, new) = (self.old.api, self.new.api);
        for o in &old.limits {
            let at = [Step::Key("limits"), Step::Key(&o.name)];
            match new.limits.iter().find(|n| n.name == o.name) {
                Some(n) => self.limit_pair(o, n),
                None => {
                    let message = format!(
                        "limit `{}` ({}) was removed, and with it `limits::{}`",
                        o.name,
                        value(o.value),
                        o.const_name
                    );
                    self.report(
                        LIMIT_REMOVED,
                        Level::Info,
                        Level::Breaking,
                        message,
                        At::Old(&at),
                    );
                }
            }
        }
        for n in &new.limits {
            if !old.limits.iter().any(|o| o.name == n.name) {
                let message = format!(
                    "limit `{}` ({}) is new: requests that were accepted may now be refused",
                    n.name,
                    value(n.value)
                );
                let at = [Step::Key("limits"), Step::Key(&n.name)];
                self.report(
                    LIMIT_ADDED,
                    Level::Breaking,
                    Level::Info,
                    message,
                    At::New(&at),
                );
            }
        }
    }

    fn limit_pair(&mut self, o: &Limit, n: &Limit) {
        let base = [Step::Key("limits"), Step::Key(&o.name)];
        let what = format!("limit `{}`", o.name);
        let levels = match (o.value, n.value) {
            (a, b) if a == b => None,
            (LimitValue::Duration(a), LimitValue::Duration(b)) => {
                Some(if b < a { Level::Breaking } else { Level::Info }).map(|w| (w, Level::Info))
            }
            (LimitValue::Count(a), LimitValue::Count(b)) => {
                Some(if b < a { Level::Breaking } else { Level::Info }).map(|w| (w, Level::Info))
            }
            _ => Some((Level::Breaking, Level::Breaking)),
        };
        if let Some((wire, rust)) = levels {
            let message = format!(
                "{what} changed from {} to {}",
                value(o.value),
                value(n.value)
            );
            self.field(LIMIT_CHANGED, wire, rust, message, &base, "value");
        }
        if o.header != n.header {
            let shown = |h: &Option<String>| h.clone().unwrap_or_else(|| "no header".to_owned());
            let message = format!(
                "{what}'s header changed from {}",
                was_now(&shown(&o.header), &shown(&n.header))
            );
            self.field(
                LIMIT_CHANGED,
                Level::Breaking,
                Level::Info,
                message,
                &base,
                "header",
            );
        }
        let answer = |api: &Api, l: &Limit| {
            (
                l.status.map(|i| api.statuses[i].key),
                l.error.map(|i| api.errors[i].code.clone()),
            )
        };
        if answer(self.old.api, o) != answer(self.new.api, n) {
            let message = format!("an exceeded {what} is answered differently");
            self.field(
                LIMIT_CHANGED,
                Level::Breaking,
                Level::Warning,
                message,
                &base,
                answer_key(o.error, n.error),
            );
        }
        let docs = [("description", o.description != n.description)];
        self.docs(API_DOC_CHANGED, &what, &base, &docs);
    }
}

/// Whether `new` counts requests of more callers together than `old`: per key, then per
/// address or account, then in total. A change between scopes of one width (key to address)
/// counts as wider: some callers now share a budget they did not.
fn wider(old: Scope, new: Scope) -> bool {
    let width = |s: Scope| match s {
        Scope::ApiKey => 0,
        Scope::Account | Scope::Ip => 1,
        Scope::Total => 2,
    };
    width(new) > width(old) || (width(new) == width(old) && new != old)
}

/// `60 requests per 1 minute per API key`.
fn rate(r: &RateLimit) -> String {
    format!(
        "{} {} per {} {}",
        r.requests,
        r.unit(),
        human_duration(r.window),
        r.describe_who()
    )
}

/// A limit's value in words.
fn value(v: LimitValue) -> String {
    match v {
        LimitValue::Duration(d) => human_duration(d),
        LimitValue::Count(n) => n.to_string(),
    }
}

/// Where a changed answer is located: at `error` where either version names a code, else at
/// `status`.
fn answer_key(old: Option<usize>, new: Option<usize>) -> &'static str {
    if old.is_some() || new.is_some() {
        "error"
    } else {
        "status"
    }
}

/// How an exceeded rate limit is answered: `429 with RATE_LIMIT_EXCEEDED`.
fn answer_text(api: &Api, r: &RateLimit) -> String {
    let status = r.status.map(|i| api.statuses[i].key.to_string());
    let others: Vec<String> = r
        .other_statuses
        .iter()
        .map(|&i| api.statuses[i].key.to_string())
        .collect();
    let code = r.error.map(|i| format!("`{}`", api.errors[i].code));
    let mut text = match status {
        Some(s) if others.is_empty() => s,
        Some(s) => format!("{s} or {}", others.join(" or ")),
        None => "an undocumented status".to_owned(),
    };
    if let Some(code) = code {
        text.push_str(" with ");
        text.push_str(&code);
    }
    text
}
