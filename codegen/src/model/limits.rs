//! The checked model of an API's limits: rate limits, other bounds and the headers that
//! report them.

use std::time::Duration;

pub use errspec_vocab::Scope;

/// Who a rate limit applies to, in words: "per API key".
pub fn describe_scope(scope: Scope) -> &'static str {
    match scope {
        Scope::ApiKey => "per API key",
        Scope::Account => "per account",
        Scope::Ip => "per client IP address",
        Scope::Total => "in total",
    }
}

/// A duration in the largest whole unit: `5 minutes`, `1 second`, `90 seconds`, `250 ms`.
pub fn human_duration(d: Duration) -> String {
    let ms = d.as_millis();
    let units: [(u128, &str); 4] = [
        (86_400_000, "day"),
        (3_600_000, "hour"),
        (60_000, "minute"),
        (1_000, "second"),
    ];
    for (size, unit) in units {
        if ms >= size && ms.is_multiple_of(size) {
            let n = ms / size;
            return if n == 1 {
                format!("1 {unit}")
            } else {
                format!("{n} {unit}s")
            };
        }
    }
    format!("{ms} ms")
}

/// A request-rate limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// snake_case name.
    pub name: String,
    /// SCREAMING_SNAKE constant name.
    pub const_name: String,
    /// Requests allowed per window.
    pub requests: u32,
    /// Window length.
    pub window: Duration,
    /// Who it applies to.
    pub scope: Scope,
    /// Index of the status returned when exceeded.
    pub status: Option<usize>,
    /// Indexes of the other statuses an exceeded limit may be answered with.
    pub other_statuses: Vec<usize>,
    /// Index of the error code returned when exceeded.
    pub error: Option<usize>,
    /// The method and path patterns of the requests it counts; empty: every request.
    pub routes: Vec<String>,
    /// Whether a request on `routes` counts under this limit instead of those on every route.
    pub separate: bool,
    /// Whether it counts only requests without credentials (no API key, no account).
    pub unauthenticated: bool,
    /// What a request costs, by method in capitals, where it is more than 1.
    pub cost: Vec<(String, u32)>,
    /// Whether it counts each endpoint of a caller apart.
    pub per_endpoint: bool,
    /// Markdown description.
    pub description: Option<String>,
}

impl RateLimit {
    /// The limit in words: "30 requests per 1 minute per account, on `GET /search/*` only,
    /// separate from the limits on every route".
    pub fn describe(&self) -> String {
        let mut out = format!(
            "{} {} per {} {}",
            self.requests,
            self.unit(),
            human_duration(self.window),
            self.describe_who()
        );
        if let Some(routes) = self.describe_routes() {
            out.push_str(", ");
            out.push_str(&routes);
        }
        out
    }

    /// What `requests` counts: `requests`, or `points` when some requests cost more than one.
    pub fn unit(&self) -> &'static str {
        match self.cost.is_empty() {
            true => "requests",
            false => "points",
        }
    }

    /// Who it counts, in words: "per client IP address"; "per client IP address, for
    /// unauthenticated requests"; "per account, per endpoint; a POST request costs 5 points,
    /// any other 1".
    pub fn describe_who(&self) -> String {
        let mut out = describe_scope(self.scope).to_owned();
        if self.unauthenticated {
            out.push_str(", for unauthenticated requests");
        }
        if self.per_endpoint {
            out.push_str(", per endpoint");
        }
        if let Some(cost) = self.describe_cost() {
            out.push_str("; ");
            out.push_str(&cost);
        }
        out
    }

    /// What a request costs, in words ("a POST, PATCH, PUT or DELETE request costs 5 points,
    /// any other 1"), or `None` when every request costs one.
    pub fn describe_cost(&self) -> Option<String> {
        let mut costs: Vec<u32> = self.cost.iter().map(|&(_, c)| c).collect();
        costs.dedup();
        let parts: Vec<String> = costs
            .iter()
            .map(|&cost| {
                let methods: Vec<&str> = self
                    .cost
                    .iter()
                    .filter(|&&(_, c)| c == cost)
                    .map(|(m, _)| m.as_str())
                    .collect();
                let methods = match methods.split_last() {
                    Some((last, [])) => (*last).to_owned(),
                    Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                    None => String::new(),
                };
                format!("a {methods} request costs {cost} point{}", plural(cost))
            })
            .collect();
        (!parts.is_empty()).then(|| format!("{}, any other 1", parts.join(", ")))
    }

    /// Its routes in words ("on `GET /search/*` only, separate from the limits on every
    /// route"), or `None` for a limit on every request.
    pub fn describe_routes(&self) -> Option<String> {
        if self.routes.is_empty() {
            return None;
        }
        let list: Vec<String> = self.routes.iter().map(|r| format!("`{r}`")).collect();
        let mut out = format!("on {} only", list.join(", "));
        if self.separate {
            out.push_str(", separate from the limits on every route");
        }
        Some(out)
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What a server answers on its own (`answers:`), each an [`Answer`] when the spec names one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// A request without a key.
    pub missing_key: Option<Answer>,
    /// A request whose key cannot be read.
    pub invalid_key: Option<Answer>,
    /// A request for a route the server does not have.
    pub unknown_route: Option<Answer>,
}

impl Answers {
    /// Each situation with its spelling in the spec, its words and its answer.
    pub fn all(&self) -> [(&'static str, &'static str, Option<Answer>); 3] {
        [
            ("missing_key", "a request without a key", self.missing_key),
            (
                "invalid_key",
                "a request whose key cannot be read",
                self.invalid_key,
            ),
            (
                "unknown_route",
                "a request for an unknown route",
                self.unknown_route,
            ),
        ]
    }
}

/// One of [`Answers`]: a status, and the code sent with it if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Index of the status.
    pub status: usize,
    /// Index of the error code.
    pub error: Option<usize>,
}

/// Another documented bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    /// snake_case name.
    pub name: String,
    /// SCREAMING_SNAKE constant name.
    pub const_name: String,
    /// The bound.
    pub value: LimitValue,
    /// The request header it applies to.
    pub header: Option<String>,
    /// Index of the error code returned when exceeded.
    pub error: Option<usize>,
    /// Index of the status returned when exceeded.
    pub status: Option<usize>,
    /// Markdown description.
    pub description: Option<String>,
}

/// The value of a [`Limit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitValue {
    /// A length of time.
    Duration(Duration),
    /// A count or size.
    Count(u64),
}

pub use errspec_vocab::{HeaderRole, HeaderSent, HeaderValue, ResetFormat};

/// One header the API sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The header name, exactly as sent.
    pub name: String,
    /// What it means.
    pub description: Option<String>,
}

/// The headers the API sends: one per rate-limit role it documents, and others.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers {
    /// Each documented role's header, in the order of the docs (`HeaderRole::ALL`).
    pub roles: Vec<(HeaderRole, Header)>,
    /// How the reset header writes time; set exactly when the `reset` role is documented.
    pub reset_format: Option<ResetFormat>,
    /// Other documented headers.
    pub other: Vec<Header>,
    /// Whether the rate-limit headers come on every response, not only on errors.
    pub every_response: bool,
}

impl Headers {
    /// The header of `role`, when the API documents one.
    pub fn get(&self, role: HeaderRole) -> Option<&Header> {
        self.roles.iter().find(|(r, _)| *r == role).map(|(_, h)| h)
    }

    /// Every documented header, in the order the docs list them.
    pub fn all(&self) -> impl Iterator<Item = &Header> {
        self.roles.iter().map(|(_, h)| h).chain(&self.other)
    }

    /// Whether the API documents no header.
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.other.is_empty()
    }
}
