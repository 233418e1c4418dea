//! Rate limits, other limits and the rate-limit headers.

use super::*;

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
                self.error(
                    at(name),
                    format!("rate limit name `{}` is not snake_case", name.value),
                )
                .set_help("use a snake_case name such as `per_minute`");
            } else if let Some(first) = first {
                let message = format!("rate limit `{}` is declared twice", name.value);
                self.twice(at(name), first, "declared", message);
                continue;
            } else if name.value == "rate_limits" {
                self.error(
                    at(name),
                    "rate limit `rate_limits` would clash with the constant `RATE_LIMITS`",
                )
                .set_help("`limits::RATE_LIMITS` lists every rate limit: rename this one");
            }
            let requests = match u32::try_from(entry.requests.value) {
                Ok(n) if n > 0 => n,
                _ => {
                    let n = entry.requests.value;
                    let why = if n <= 0 {
                        "a rate limit allows at least one request"
                    } else {
                        "that is more than a rate limit can count"
                    };
                    self.error(
                        at(&entry.requests),
                        format!("`requests: {n}` is out of range: {why}"),
                    )
                    .set_help(format!("write a whole number from 1 to {}", u32::MAX));
                    1
                }
            };
            let window = self
                .duration(&entry.window)
                .unwrap_or(Duration::from_secs(1));
            let scope = self
                .spelled(&entry.scope, Scope::ALL, "rate limit scope")
                .unwrap_or(Scope::Total);
            let status = entry.status.as_ref().and_then(|s| self.status_ref(api, s));
            let error = entry.error.as_ref().and_then(|e| self.error_ref(api, e));
            self.check_error_status(api, entry.error.as_ref(), error, status);
            out.push(RateLimit {
                const_name: naming::const_name(&name.value),
                name: name.value.clone(),
                requests,
                window,
                scope,
                status,
                error,
                description: entry.description,
            });
        }
        out
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
            self.error(
                at(code),
                format!(
                    "error `{}` is sent with status {own}, but this limit says {named}",
                    code.value
                ),
            );
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
                let message = format!("limit `{}` is declared twice", name.value);
                self.twice(at(&name), first, "declared", message);
                continue;
            }
            if !naming::is_snake_identifier(&name.value) {
                self.error(
                    at(&name),
                    format!("limit name `{}` is not snake_case", name.value),
                );
            } else if taken.contains(&const_name) || const_name == "RATE_LIMITS" {
                self.error(
                    at(&name),
                    format!(
                        "limit `{}` would clash with the constant `{const_name}`",
                        name.value
                    ),
                );
            }
            let value = match &entry.value.value {
                Scalar::Int(n) if *n > 0 => Some(LimitValue::Count(n.unsigned_abs())),
                Scalar::Int(n) => {
                    self.error(
                        at(&entry.value),
                        format!("limit value {n} is out of range: a limit must be positive"),
                    )
                    .set_help("write a whole number from 1 up, or a duration such as `5m`");
                    None
                }
                Scalar::Float(_) => {
                    self.error(
                        at(&entry.value),
                        "a limit must be a whole number or a duration such as 5m",
                    );
                    None
                }
                Scalar::Text(_) => self.duration(&entry.value).map(LimitValue::Duration),
            };
            let status = entry.status.as_ref().and_then(|s| self.status_ref(api, s));
            let error = entry.error.as_ref().and_then(|e| self.error_ref(api, e));
            self.check_error_status(api, entry.error.as_ref(), error, status);
            out.push(Limit {
                name: name.value,
                const_name,
                value: value.unwrap_or(LimitValue::Count(1)),
                header: entry.header,
                error,
                status,
                description: entry.description,
            });
        }
        out
    }

    pub(super) fn headers(&mut self, headers: Spanned<spec::HeadersSection>) -> Headers {
        let h = headers.value;
        let plain = |entry: Option<Spanned<spec::HeaderEntry>>, this: &mut Self| {
            entry.map(|e| {
                if let Some(format) = &e.value.format {
                    this.error(
                        at(format),
                        format!(
                            "header `{}` takes no `format` (only `reset` does)",
                            e.value.name
                        ),
                    );
                }
                this.header_name(&e);
                Header {
                    name: e.value.name,
                    description: e.value.description,
                }
            })
        };
        let limit = plain(h.limit, self);
        let remaining = plain(h.remaining, self);
        let retry_after = plain(h.retry_after, self);
        let reset = h.reset.and_then(|e| {
            self.header_name(&e);
            let format = match &e.value.format {
                None => {
                    self.error(at(&e), format!("reset header `{}` needs a `format`", e.value.name))
                        .set_help("write `reset: { name: ..., format: unix_seconds }` or `format: delta_seconds`");
                    None
                }
                Some(f) => self.spelled(f, ResetFormat::ALL, "reset header format"),
            }?;
            Some((Header { name: e.value.name, description: e.value.description }, format))
        });
        Headers {
            limit,
            remaining,
            reset,
            retry_after,
        }
    }

    /// Header names are HTTP tokens: printable ASCII without separators.
    pub(super) fn header_name(&mut self, entry: &Spanned<spec::HeaderEntry>) {
        let name = &entry.value.name;
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !valid {
            self.error(
                at(entry),
                format!("`{name}` is not a valid HTTP header name"),
            );
        }
    }
}
