//! Rate limits, other limits and the rate-limit headers.

use super::*;
use crate::model::HeaderValue;

impl Validator<'_> {
    pub(super) fn rate_limits(
        &mut self,
        api: &Api,
        entries: Vec<Spanned<spec::RateLimitEntry>>,
    ) -> Vec<RateLimit> {
        let mut out: Vec<RateLimit> = Vec::new();
        let mut seen = FirstSeen::new();
        for entry in entries {
            let entry = entry.value;
            let name = &entry.name;
            let first = seen.again(name.value.clone(), at(name));
            if !naming::is_snake_identifier(&name.value) {
                self.error(at(name), RATE_LIMIT_NAME_INVALID.with("name", &name.value));
            } else if let Some(first) = first {
                let message = RATE_LIMIT_TWICE.with("name", &name.value);
                self.twice(at(name), first, "declared", message);
                continue;
            } else if name.value == "rate_limits" {
                self.error(at(name), &RATE_LIMIT_NAMED_RATE_LIMITS);
            }
            let requests = match u32::try_from(entry.requests.value) {
                Ok(n) if n > 0 => n,
                _ => {
                    let n = entry.requests.value;
                    let rule = if n <= 0 {
                        &RATE_LIMIT_NO_REQUESTS
                    } else {
                        &RATE_LIMIT_TOO_MANY_REQUESTS
                    };
                    let message = rule.with("requests", n).with("max", u32::MAX);
                    self.error(at(&entry.requests), message);
                    1
                }
            };
            let window = self
                .duration(&entry.window)
                .unwrap_or(Duration::from_secs(1));
            let scope = self
                .spelled(&entry.scope, Scope::ALL, &SCOPE_UNKNOWN)
                .unwrap_or(Scope::Total);
            let (status, other_statuses) = self.rate_limit_statuses(api, &entry);
            let error = entry.error.as_ref().and_then(|e| self.error_ref(api, e));
            self.check_error_status(api, entry.error.as_ref(), error, status);
            let routes = entry
                .routes
                .as_ref()
                .map(|r| self.routes(r))
                .unwrap_or_default();
            let separate = entry.separate.as_ref().is_some_and(|s| s.value);
            if let Some(flag) = &entry.separate
                && flag.value
                && entry.routes.is_none()
            {
                self.error(at(flag), &RATE_LIMIT_SEPARATE_WITHOUT_ROUTES);
            }
            let unauthenticated = entry.unauthenticated.as_ref().is_some_and(|u| u.value);
            if let Some(flag) = &entry.unauthenticated
                && flag.value
                && matches!(scope, Scope::ApiKey | Scope::Account)
            {
                let message = RATE_LIMIT_UNAUTHENTICATED_SCOPE.with("scope", &entry.scope.value);
                self.error(at(flag), message);
            }
            let cost = entry
                .cost
                .as_ref()
                .map(|c| self.cost(c, requests))
                .unwrap_or_default();
            let per_endpoint = entry.per_endpoint.as_ref().is_some_and(|p| p.value);
            if let Some(flag) = &entry.per_endpoint
                && flag.value
                && scope == Scope::Total
            {
                self.error(at(flag), &RATE_LIMIT_PER_ENDPOINT_TOTAL);
            }
            out.push(RateLimit {
                const_name: naming::const_name(&name.value),
                name: name.value.clone(),
                requests,
                window,
                scope,
                status,
                other_statuses,
                error,
                routes,
                separate,
                unauthenticated,
                cost,
                per_endpoint,
                description: entry.description,
            });
        }
        out
    }

    /// A rate limit's `cost`: each method in capitals, each cost from 1 to `requests`.
    fn cost(
        &mut self,
        map: &Spanned<spec::OrderedMap<String, i64>>,
        requests: u32,
    ) -> Vec<(String, u32)> {
        if map.value.0.is_empty() {
            self.error(at(map), &RATE_LIMIT_COST_EMPTY);
        }
        let mut out = Vec::new();
        let mut seen = FirstSeen::new();
        for (method, cost) in &map.value.0 {
            let capitals =
                !method.value.is_empty() && method.value.bytes().all(|b| b.is_ascii_uppercase());
            if !capitals {
                let message = RATE_LIMIT_COST_METHOD_INVALID.with("method", &method.value);
                self.error(at(method), message);
                continue;
            }
            if let Some(first) = seen.again(method.value.clone(), at(method)) {
                let message = KEY_TWICE.with("key", &method.value);
                self.twice(at(method), first, "given", message);
                continue;
            }
            match u32::try_from(cost.value) {
                Ok(points) if (1..=requests).contains(&points) => {
                    out.push((method.value.clone(), points));
                }
                _ => {
                    let message = RATE_LIMIT_COST_OUT_OF_RANGE
                        .with("method", &method.value)
                        .with("cost", cost.value)
                        .with("requests", requests);
                    self.error(at(cost), message);
                }
            }
        }
        out
    }

    /// A rate limit's `routes`, each a route pattern (`errspec_vocab::route`), each once.
    fn routes(&mut self, list: &Spanned<Vec<Spanned<String>>>) -> Vec<String> {
        if list.value.is_empty() {
            self.error(at(list), &RATE_LIMIT_ROUTES_EMPTY);
        }
        let mut seen = FirstSeen::new();
        let mut out = Vec::new();
        for route in &list.value {
            if let Err(why) = errspec_vocab::route::check(&route.value) {
                let message = RATE_LIMIT_ROUTE_INVALID
                    .with("route", &route.value)
                    .with("why", why.reason());
                self.error(at(route), message);
            } else if let Some(first) = seen.again(route.value.clone(), at(route)) {
                let message = RATE_LIMIT_ROUTE_TWICE.with("route", &route.value);
                self.twice(at(route), first, "listed", message);
            } else {
                out.push(route.value.clone());
            }
        }
        out
    }

    /// A rate limit's `status`, or the first of its `statuses` and the others.
    fn rate_limit_statuses(
        &mut self,
        api: &Api,
        entry: &spec::RateLimitEntry,
    ) -> (Option<usize>, Vec<usize>) {
        let Some(list) = &entry.statuses else {
            let status = entry.status.as_ref().and_then(|s| self.status_ref(api, s));
            return (status, Vec::new());
        };
        if entry.status.is_some() {
            self.error(at(list), &RATE_LIMIT_STATUS_AND_STATUSES);
        }
        if list.value.is_empty() {
            self.error(at(list), &RATE_LIMIT_STATUSES_EMPTY);
        }
        let mut seen = FirstSeen::new();
        let mut found = Vec::new();
        for key in &list.value {
            if let Some(first) = seen.again(key.value.to_string(), at(key)) {
                let message = RATE_LIMIT_STATUS_TWICE.with("status", &key.value);
                self.twice(at(key), first, "listed", message);
                continue;
            }
            found.extend(self.status_ref(api, key));
        }
        let mut found = found.into_iter();
        (found.next(), found.collect())
    }

    /// A limit that names both an error and a status must name the error's own status.
    pub(super) fn check_error_status(
        &mut self,
        api: &Api,
        code: Option<&Spanned<String>>,
        error: Option<usize>,
        status: Option<usize>,
    ) {
        if let (Some(code), Some(e), Some(s)) = (code, error, status)
            && api.errors[e].status != s
        {
            let own = api.statuses[api.errors[e].status].key;
            let named = api.statuses[s].key;
            let message = LIMIT_STATUS_NOT_ERRORS
                .with("code", &code.value)
                .with("sent", own)
                .with("status", named);
            self.error(at(code), message);
        }
    }

    pub(super) fn limits(
        &mut self,
        api: &Api,
        entries: spec::OrderedMap<String, spec::LimitEntry>,
    ) -> Vec<Limit> {
        let mut out: Vec<Limit> = Vec::new();
        let taken: Vec<String> = api
            .rate_limits
            .iter()
            .map(|r| r.const_name.clone())
            .collect();
        let mut seen = FirstSeen::new();
        for (name, entry) in entries.0 {
            let entry = entry.value;
            let const_name = naming::const_name(&name.value);
            if let Some(first) = seen.again(name.value.clone(), at(&name)) {
                let message = LIMIT_TWICE.with("name", &name.value);
                self.twice(at(&name), first, "declared", message);
                continue;
            }
            if !naming::is_snake_identifier(&name.value) {
                self.error(at(&name), LIMIT_NAME_INVALID.with("name", &name.value));
            } else if taken.contains(&const_name) || const_name == "RATE_LIMITS" {
                let message = LIMIT_NAME_CLASH
                    .with("name", &name.value)
                    .with("constant", &const_name);
                self.error(at(&name), message);
            }
            let value = match &entry.value.value {
                // YAML gives no whole number above `u64::MAX`, so only 0 and below fail.
                Scalar::Int(n) => match u64::try_from(*n) {
                    Ok(count) if count > 0 => Some(LimitValue::Count(count)),
                    _ => {
                        self.error(at(&entry.value), LIMIT_VALUE_NOT_POSITIVE.with("value", n));
                        None
                    }
                },
                Scalar::Float(_) => {
                    self.error(at(&entry.value), &LIMIT_VALUE_FRACTION);
                    None
                }
                Scalar::Text(_) => self.duration(&entry.value).map(LimitValue::Duration),
            };
            if let Some(header) = &entry.header {
                self.header_token(&header.value, at(header));
            }
            let status = entry.status.as_ref().and_then(|s| self.status_ref(api, s));
            let error = entry.error.as_ref().and_then(|e| self.error_ref(api, e));
            self.check_error_status(api, entry.error.as_ref(), error, status);
            out.push(Limit {
                name: name.value,
                const_name,
                value: value.unwrap_or(LimitValue::Count(1)),
                header: entry.header.map(|h| h.value),
                error,
                status,
                description: entry.description,
            });
        }
        out
    }

    pub(super) fn headers(&mut self, headers: Spanned<spec::HeadersSection>) -> Headers {
        let mut h = headers.value;
        let roles = h.take_roles();
        let declared: Vec<(String, Position)> = roles
            .iter()
            .filter_map(|(_, entry)| entry.as_ref())
            .chain(h.other.iter().flatten())
            .map(|e| (e.value.name.to_ascii_lowercase(), at(e)))
            .collect();
        self.headers_once(declared);
        let mut out = Headers {
            every_response: h.every_response.unwrap_or(false),
            ..Headers::default()
        };
        for (role, entry) in roles {
            let Some(entry) = entry else { continue };
            // A time needs its format; no other value takes one.
            let format = match (&entry.value.format, role.value()) {
                (Some(f), HeaderValue::Time) => {
                    self.spelled(f, ResetFormat::ALL, &RESET_FORMAT_UNKNOWN)
                }
                (None, HeaderValue::Time) => {
                    let message = RESET_HEADER_WITHOUT_FORMAT.with("name", &entry.value.name);
                    self.error(at(&entry), message);
                    None
                }
                (Some(f), _) => {
                    self.no_format(f, &entry.value.name);
                    None
                }
                (None, _) => None,
            };
            if role.value() == HeaderValue::Time {
                let Some(format) = format else { continue };
                out.reset_format = Some(format);
            }
            self.header_name(&entry);
            let header = Header {
                name: entry.value.name,
                description: entry.value.description,
            };
            out.roles.push((role, header));
        }
        out.roles.sort_by_key(|(role, _)| role.index());
        for entry in h.other.unwrap_or_default() {
            if let Some(f) = &entry.value.format {
                self.no_format(f, &entry.value.name);
            }
            self.header_name(&entry);
            out.other.push(Header {
                name: entry.value.name,
                description: entry.value.description,
            });
        }
        out
    }

    /// A `format` on a header whose value is not a time.
    fn no_format(&mut self, format: &Spanned<String>, name: &str) {
        self.error(at(format), HEADER_FORMAT_NOT_RESET.with("name", name));
    }

    /// Each header name once, whatever its case: a reader could not tell two apart.
    fn headers_once(&mut self, declared: Vec<(String, Position)>) {
        let mut seen = FirstSeen::new();
        for (name, position) in declared {
            if let Some(first) = seen.again(name.clone(), position) {
                let message = HEADER_TWICE.with("name", &name);
                self.twice(position, first, "declared", message);
            }
        }
    }

    /// Header names are HTTP tokens: printable ASCII without separators.
    pub(super) fn header_name(&mut self, entry: &Spanned<spec::HeaderEntry>) {
        self.header_token(&entry.value.name, at(entry));
    }

    /// Reports `name` at `position` unless it is an HTTP token (RFC 9110's `tchar`s).
    fn header_token(&mut self, name: &str, position: Position) {
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !valid {
            self.error(position, HEADER_NAME_INVALID.with("name", name));
        }
    }
}
