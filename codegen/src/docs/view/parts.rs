//! The views of a page's parts, each built from the model: statuses, codes, limits, headers
//! and the body, with the words a page says beyond the spec (retry advice, header meanings).
use super::*;

pub(super) fn status_anchor(status: &model::Status) -> String {
    escape::anchor("status", &status.key.to_string())
}

pub fn retry_view(retry: Retry, headers: &model::Headers) -> RetryView {
    let advice = match retry {
        Retry::Never => {
            "Do not retry as is: the same request fails again. Change the request first.".to_owned()
        }
        Retry::Backoff => match headers.get(HeaderRole::RetryAfter) {
            Some(h) => format!(
                "Retry with exponential backoff; when a {} header is sent, wait at least that long.",
                h.name
            ),
            None => "Retry with exponential backoff.".to_owned(),
        },
        Retry::AfterReset => match (
            headers.get(HeaderRole::RetryAfter),
            headers.get(HeaderRole::Reset),
        ) {
            (Some(h), _) => format!("Wait as long as the {} header says, then retry.", h.name),
            (None, Some(h)) => format!(
                "Wait until the time in the {} header, when the rate-limit window resets, then retry.",
                h.name
            ),
            (None, None) => "Wait until the rate-limit window resets, then retry.".to_owned(),
        },
        Retry::AfterRefresh => {
            "Fetch the current state of the resource, then retry the request based on it."
                .to_owned()
        }
    };
    RetryView {
        policy: retry.as_str(),
        advice,
    }
}

pub(super) fn status_view<'a>(
    api: &'a Api,
    shared: &Shared,
    index: usize,
) -> Result<StatusView<'a>, tera::Error> {
    let s = &api.statuses[index];
    let anchor = status_anchor(s);
    let codes: Vec<Value> = api
        .errors
        .iter()
        .enumerate()
        .filter(|(_, e)| e.status == index)
        .filter_map(|(i, _)| shared.code(i))
        .collect();
    Ok(StatusView {
        key: s.key.to_string(),
        code: s.key.code(),
        is_class: matches!(s.key, model::StatusKey::Class(_)),
        is_error: s.key.code() >= 400,
        title: &s.title,
        description: s.description.as_deref(),
        when: s.when.as_deref(),
        message: &s.message,
        reason: &s.reason,
        debugging: shared.strings(&s.debugging)?,
        retry: shared.retry(s.retry),
        grpc: api.names_grpc().then(|| api.status_grpc(index).as_str()),
        examples: shared.examples(&s.examples)?,
        fields: field_values(api, &s.field_values),
        cases: s
            .cases
            .iter()
            .enumerate()
            .map(|(i, case)| {
                Ok(CaseView {
                    title: &case.title,
                    anchor: format!("{anchor}-case-{}", i + 1),
                    description: case.description.as_deref(),
                    debugging: shared.strings(&case.debugging)?,
                    examples: shared.examples(&case.examples)?,
                })
            })
            .collect::<Result<_, tera::Error>>()?,
        codes: if codes.is_empty() {
            shared.empty.clone()
        } else {
            Value::from(codes)
        },
        anchor,
    })
}

/// The `text` field values of a code or status, in the body's field order.
fn field_values<'a>(api: &'a Api, own: &'a [(usize, String)]) -> Vec<FieldValueView<'a>> {
    let Some(body) = &api.body else {
        return Vec::new();
    };
    let mut values: Vec<&(usize, String)> = own.iter().collect();
    values.sort_by_key(|(index, _)| *index);
    values
        .into_iter()
        .filter_map(|(index, value)| {
            Some(FieldValueView {
                name: &body.fields.get(*index)?.wire,
                value,
            })
        })
        .collect()
}

pub(super) fn code_view<'a>(
    api: &'a Api,
    shared: &Shared,
    e: &'a model::ErrorDef,
) -> Result<CodeView<'a>, tera::Error> {
    // The validator resolves every status reference; a missing one would be a generator bug,
    // shown as the bare index rather than a panic.
    let status = match shared.status_ref(e.status) {
        Some(status) => status,
        None => Value::try_from_serializable(&StatusRef {
            key: e.status.to_string(),
            title: "",
            anchor: String::new(),
        })?,
    };
    Ok(CodeView {
        code: &e.code,
        anchor: escape::anchor("code", &e.code),
        rust_name: &e.rust_name,
        status,
        message: &e.message,
        description: e.description.as_deref(),
        causes: shared.strings(&e.causes)?,
        resolution: shared.strings(&e.resolution)?,
        retry: shared.retry(e.retry),
        grpc: api.names_grpc().then(|| api.error_grpc(e).as_str()),
        deprecated: e.deprecated.is_some(),
        deprecation: e.deprecated.as_deref().filter(|r| !r.trim().is_empty()),
        retired: match &e.retired {
            Some(r) => Some(RetiredView {
                since: r.since.clone(),
                replaced_by: r.replaced_by.map(|i| code_ref(api, i)).transpose()?,
            }),
            None => None,
        },
        examples: shared.examples(&e.examples)?,
        fields: field_values(api, &e.field_values),
        patterns: e.patterns.iter().map(String::as_str).collect(),
        search_text: format!("{} {} {}", e.code, e.rust_name, e.message).to_lowercase(),
        body: e
            .examples
            .first()
            .cloned()
            .or_else(|| {
                let status = api.statuses.get(e.status)?;
                Some(model::built_body(api.body.as_ref()?, Some(e), Some(status)))
            })
            .map(|body| escape::json_block(&body)),
        problem: match api.statuses.get(e.status) {
            Some(status) => escape::json_block(&model::problem(api, status, Some(e))),
            None => String::new(),
        },
    })
}

/// The link target of error code `index`.
fn code_ref(api: &Api, index: usize) -> Result<Value, tera::Error> {
    let code = &api.errors[index].code;
    Value::try_from_serializable(&CodeRef {
        code,
        anchor: escape::anchor("code", code),
    })
}

/// The views of the codes that `keep`, in spec order.
pub(super) fn codes_where(
    api: &Api,
    shared: &Shared,
    keep: impl Fn(&model::ErrorDef) -> bool,
) -> Vec<Value> {
    api.errors
        .iter()
        .zip(&shared.codes)
        .filter(|(e, _)| keep(e))
        .map(|(_, view)| view.clone())
        .collect()
}

/// One change per retired code, newest first (by the `since` text; ties in spec order).
pub(super) fn change_views(api: &Api) -> Result<Vec<ChangeView<'_>>, tera::Error> {
    let mut changes = Vec::new();
    for (index, e) in api.errors.iter().enumerate() {
        if let Some(r) = &e.retired {
            changes.push(ChangeView {
                since: &r.since,
                code: code_ref(api, index)?,
                replaced_by: r.replaced_by.map(|i| code_ref(api, i)).transpose()?,
            });
        }
    }
    changes.sort_by(|a, b| b.since.cmp(a.since));
    Ok(changes)
}

pub(super) fn rate_limit_view<'a>(shared: &Shared, r: &'a model::RateLimit) -> RateLimitView<'a> {
    RateLimitView {
        name: &r.name,
        anchor: escape::anchor("rate-limit", &r.name),
        requests: r.requests,
        window: model::human_duration(r.window),
        window_seconds: r.window.as_secs(),
        scope: r.scope.as_str(),
        scope_text: r.describe_who(),
        status: r.status.and_then(|i| shared.status_ref(i)),
        other_statuses: r
            .other_statuses
            .iter()
            .filter_map(|&i| shared.status_ref(i))
            .collect(),
        error: r.error.and_then(|i| shared.code(i)),
        routes: r.routes.iter().map(String::as_str).collect(),
        separate: r.separate,
        description: r.description.as_deref(),
    }
}

/// `text` with its first letter in capitals.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The answers the spec names, in the order of the docs.
pub(super) fn answer_views(shared: &Shared, answers: &model::Answers) -> Vec<AnswerView> {
    answers
        .all()
        .into_iter()
        .filter_map(|(situation, text, answer)| {
            let answer = answer?;
            Some(AnswerView {
                situation,
                text: capitalized(text),
                status: shared.status_ref(answer.status),
                error: answer.error.and_then(|i| shared.code(i)),
            })
        })
        .collect()
}

pub(super) fn limit_view<'a>(shared: &Shared, l: &'a model::Limit) -> LimitView<'a> {
    let (kind, value) = match l.value {
        LimitValue::Duration(d) => ("duration", model::human_duration(d)),
        LimitValue::Count(n) => ("count", n.to_string()),
    };
    LimitView {
        name: &l.name,
        anchor: escape::anchor("limit", &l.name),
        kind,
        value,
        header: l.header.as_deref(),
        status: l.status.and_then(|i| shared.status_ref(i)),
        error: l.error.and_then(|i| shared.code(i)),
        description: l.description.as_deref(),
    }
}

pub(super) fn header_view<'a>(
    role: &'static str,
    header: &'a model::Header,
    default_meaning: &'static str,
    format: &'static str,
    reset_format: Option<&'static str>,
) -> HeaderView<'a> {
    HeaderView {
        role,
        name: &header.name,
        meaning: header.description.as_deref().unwrap_or(default_meaning),
        format,
        reset_format,
    }
}

/// Each documented header in the docs' order, with the meaning and format of its role (the
/// spec's own description, where it gives one, replaces the meaning).
pub(super) fn header_views(headers: &model::Headers) -> Vec<HeaderView<'_>> {
    let reset_format = headers.reset_format.map(ResetFormat::as_str);
    headers
        .roles
        .iter()
        .map(|(role, header)| {
            let format = value_words(role.value(), headers.reset_format);
            let own_format = (role.value() == HeaderValue::Time)
                .then_some(reset_format)
                .flatten();
            header_view(role.as_str(), header, role.meaning(), format, own_format)
        })
        .chain(
            headers
                .other
                .iter()
                .map(|h| header_view("other", h, "Documented by the API.", "text", None)),
        )
        .collect()
}

/// How a header's value is written, in words.
fn value_words(value: HeaderValue, reset_format: Option<ResetFormat>) -> &'static str {
    match value {
        HeaderValue::Count => "integer",
        HeaderValue::Time => match reset_format {
            Some(ResetFormat::DeltaSeconds) => "seconds from now",
            _ => "Unix time in seconds (seconds since 1970-01-01 UTC)",
        },
        HeaderValue::Name => "text",
        HeaderValue::Wait => "seconds to wait, or an HTTP date",
        HeaderValue::Flag => "true or false",
    }
}

pub(super) fn body_view<'a>(api: &'a Api, body: &'a model::Body) -> BodyView<'a> {
    let first_example = api
        .statuses
        .iter()
        .flat_map(|s| {
            s.examples
                .iter()
                .chain(s.cases.iter().flat_map(|c| &c.examples))
        })
        .chain(api.errors.iter().flat_map(|e| &e.examples))
        .next();
    let (example, example_is_built) = match first_example {
        Some(value) => (escape::json_block(value), false),
        None => (escape::json_block(&built_example(api, body)), true),
    };
    BodyView {
        envelope: body.envelope.as_deref(),
        code_from_message: body.code_from_message,
        code_lists: body
            .fields
            .iter()
            .filter_map(|f| {
                let list = f.codes.as_ref()?;
                let details = f.role == Role::Details;
                Some(CodeListView {
                    field: &f.wire,
                    anchor: escape::anchor("codes", &f.wire),
                    enum_name: &list.enum_name,
                    code_key: details.then_some(list.code_key.as_str()),
                    domain: list.domain.as_deref(),
                    codes: list
                        .codes
                        .iter()
                        .map(|c| SubCodeView {
                            code: &c.code,
                            anchor: escape::anchor(&f.wire, &c.code),
                            description: &c.description,
                        })
                        .collect(),
                })
            })
            .collect(),
        sends_reason: body.field(Role::Title).is_some(),
        fields: body
            .fields
            .iter()
            .map(|f| FieldView {
                name: &f.wire,
                role: f.role.as_str(),
                meaning: f.role.meaning(),
                value: f.value.as_deref(),
                description: f.description.as_deref(),
                retry_delay: f.retry_delay.as_deref(),
            })
            .collect(),
        example,
        example_is_built,
    }
}

/// The body the generated `ErrorBody::from_code` (or `from_status` when the API has no codes)
/// sends for the first error code, or for the first error status: details are left out, as
/// they are there.
pub(super) fn built_example(api: &Api, body: &model::Body) -> serde_json::Value {
    let error = api.errors.first();
    let status_index = error.map(|e| e.status).or_else(|| {
        api.statuses
            .iter()
            .position(|s| s.key.code() >= 400)
            .or((!api.statuses.is_empty()).then_some(0))
    });
    model::built_body(body, error, status_index.and_then(|i| api.statuses.get(i)))
}
