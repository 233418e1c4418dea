//! `components/responses` and `components/headers`: one response per documented error status,
//! with a named example per code in both media types, and the headers the API sends with it.

use super::schemas::schema_ref;
use crate::model::{
    self, Api, ErrorDef, HeaderRole, HeaderSent, HeaderValue, ResetFormat, Status, StatusKey,
    built_body, problem,
};
use serde_json::{Map, Value, json};

/// The response's key: the status (`429`), or its class as OpenAPI writes it (`5XX`).
pub fn response_key(key: StatusKey) -> String {
    match key {
        StatusKey::Code(c) => c.to_string(),
        StatusKey::Class(n) => format!("{n}XX"),
    }
}

/// One response per error status (4xx and 5xx), in spec order.
pub fn responses(api: &Api) -> Map<String, Value> {
    let mut out = Map::new();
    for (index, status) in api.statuses.iter().enumerate() {
        if status.key.code() < 400 {
            continue;
        }
        out.insert(response_key(status.key), response(api, index, status));
    }
    out
}

fn response(api: &Api, index: usize, status: &Status) -> Value {
    let mut description = format!("{} {}.", status.key, status.title);
    for text in [&status.description, &status.when].into_iter().flatten() {
        description.push_str("\n\n");
        description.push_str(text);
    }
    let limits: Vec<&model::RateLimit> = rate_limits_of(api, index).collect();
    if !limits.is_empty() {
        description.push_str("\n\nSent when a rate limit is exceeded:");
        for r in &limits {
            description.push_str(&format!("\n- `{}`: {}", r.name, r.describe()));
        }
    }
    for (_, situation, answer) in api.answers.all() {
        let Some(answer) = answer.filter(|a| a.status == index) else {
            continue;
        };
        let code = answer
            .error
            .map(|e| format!(" (`{}`)", api.errors[e].code))
            .unwrap_or_default();
        description.push_str(&format!(
            "\n\nSent for {situation}{code}, before any handler."
        ));
    }
    let mut bodies = Map::new();
    let mut problems = Map::new();
    for example in examples(api, index, status) {
        if let Some(body) = example.body {
            let mut shown = json!({ "summary": example.summary, "value": body });
            if let Some(grpc) = example.grpc {
                shown["x-grpc-code"] = json!(grpc);
            }
            bodies.insert(example.name.clone(), shown);
        }
        let mut shown = json!({ "summary": example.summary, "value": example.problem });
        if let Some(grpc) = example.grpc {
            shown["x-grpc-code"] = json!(grpc);
        }
        problems.insert(example.name, shown);
    }
    let mut content = Map::new();
    if api.body.is_some() {
        let mut media = json!({ "schema": schema_ref("ErrorBody") });
        if !bodies.is_empty() {
            media["examples"] = Value::Object(bodies);
        }
        content.insert("application/json".into(), media);
    }
    content.insert(
        "application/problem+json".into(),
        json!({ "schema": schema_ref("Problem"), "examples": problems }),
    );
    let mut response = json!({ "description": description, "content": content });
    if api.names_grpc() {
        response["x-grpc-code"] = json!(api.status_grpc(index).as_str());
    }
    let headers = headers_of(api, status, !limits.is_empty());
    if !headers.is_empty() {
        response["headers"] = Value::Object(headers);
    }
    response
}

/// The rate limits answered with status `index`.
fn rate_limits_of(api: &Api, index: usize) -> impl Iterator<Item = &model::RateLimit> {
    api.rate_limits
        .iter()
        .filter(move |r| r.status == Some(index) || r.other_statuses.contains(&index))
}

/// A named example: its name, summary, JSON body (none without a documented body) and
/// problem form.
struct Example {
    name: String,
    summary: String,
    body: Option<Value>,
    problem: Value,
    /// The gRPC code of the example's code or status, where the spec names gRPC codes.
    grpc: Option<&'static str>,
}

/// The named examples of a status: `(name, JSON body, problem)`, one per code of the status
/// (its spec examples, else the body the generated code sends), then the status's own.
fn examples(api: &Api, index: usize, status: &Status) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for e in api.errors_of(index) {
        let summary = format!("{}: {}", e.code, e.message);
        let as_problem = problem(api, status, Some(e));
        let bodies: Vec<Option<Value>> = if e.examples.is_empty() {
            vec![built(api, Some(e), status)]
        } else {
            e.examples.iter().cloned().map(Some).collect()
        };
        for (n, body) in bodies.into_iter().enumerate() {
            out.push(Example {
                name: numbered(&e.code, n),
                summary: summary.clone(),
                body,
                problem: as_problem.clone(),
                grpc: api.names_grpc().then(|| api.error_grpc(e).as_str()),
            });
        }
    }
    let own: Vec<&Value> = status
        .examples
        .iter()
        .chain(status.cases.iter().flat_map(|c| &c.examples))
        .collect();
    let name = format!("status-{}", status.key);
    let summary = if own.is_empty() {
        format!("{} {}", status.key, status.title)
    } else {
        format!("{} {}: as the spec shows it", status.key, status.title)
    };
    let as_problem = problem(api, status, None);
    let bodies: Vec<Option<Value>> = if own.is_empty() && out.is_empty() {
        vec![built(api, None, status)]
    } else {
        // A status example that is also a code's example is shown once, under the code.
        own.into_iter()
            .filter(|example| !out.iter().any(|o| o.body.as_ref() == Some(*example)))
            .cloned()
            .map(Some)
            .collect()
    };
    for (n, body) in bodies.into_iter().enumerate() {
        out.push(Example {
            name: numbered(&name, n),
            summary: summary.clone(),
            body,
            problem: as_problem.clone(),
            grpc: api.names_grpc().then(|| api.status_grpc(index).as_str()),
        });
    }
    out
}

fn numbered(name: &str, n: usize) -> String {
    if n == 0 {
        name.to_owned()
    } else {
        format!("{name}-{}", n + 1)
    }
}

fn built(api: &Api, error: Option<&ErrorDef>, status: &Status) -> Option<Value> {
    Some(built_body(api.body.as_ref()?, error, Some(status)))
}

/// The headers a response of `status` comes with: the rate-limit headers with a
/// rate-limit answer (and on every response where the spec says so), `Retry-After` with a
/// rate-limit answer or a 429.
fn headers_of(api: &Api, status: &Status, limited: bool) -> Map<String, Value> {
    let h = &api.headers;
    let rate_limited = limited || status.key == StatusKey::Code(429);
    let mut out = Map::new();
    for (role, header) in &h.roles {
        let sent = match role.sent() {
            HeaderSent::WithRateLimits => rate_limited || h.every_response,
            HeaderSent::WhenRateLimited => rate_limited,
            HeaderSent::WithErrors => true,
        };
        if sent {
            out.insert(header.name.clone(), header_ref(&header.name));
        }
    }
    out
}

/// The key of header `name` under `components/headers`: its name, with any character that a
/// component key cannot hold as `_`.
pub fn header_key(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn header_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/headers/{}", header_key(name)) })
}

/// The description and schema of a role's header: its meaning, and how its value is written.
fn role_schema(role: HeaderRole, reset_format: Option<ResetFormat>) -> (String, Value) {
    let count = |what: &str| json!({ "type": "integer", "minimum": 0, "description": what });
    let (more, schema) = match role.value() {
        HeaderValue::Count => ("", count("requests")),
        HeaderValue::Time => match reset_format {
            Some(ResetFormat::DeltaSeconds) => (" In seconds from now.", count("seconds")),
            _ => (" As Unix time in seconds.", count("Unix time in seconds")),
        },
        HeaderValue::Name => ("", json!({ "type": "string" })),
        HeaderValue::Wait => (
            " Seconds, or an HTTP date.",
            json!({ "oneOf": [
                { "type": "integer", "minimum": 0, "description": "seconds to wait" },
                { "type": "string", "description": "an HTTP date (RFC 9110), such as `Wed, 21 Oct 2015 07:28:00 GMT`" },
            ] }),
        ),
        HeaderValue::Flag => (
            " `true` (retry, after some backoff) or `false` (do not, whatever the code).",
            json!({ "type": "string", "enum": ["true", "false"] }),
        ),
    };
    (format!("{}{more}", role.meaning()), schema)
}

/// Every header the API documents, in its documented format, and `RateLimit-Policy` with the
/// value of the spec's rate limits.
pub fn headers(api: &Api) -> Map<String, Value> {
    let h = &api.headers;
    let mut out = Map::new();
    let mut add = |header: &model::Header, default: &str, schema: Value| {
        let description = header
            .description
            .clone()
            .unwrap_or_else(|| default.to_owned());
        out.insert(
            header_key(&header.name),
            json!({ "description": description, "schema": schema }),
        );
    };
    for (role, header) in &h.roles {
        let (meaning, schema) = role_schema(*role, h.reset_format);
        add(header, &meaning, schema);
    }
    for x in &h.other {
        add(
            x,
            "A header the API documents with its errors.",
            json!({ "type": "string" }),
        );
    }
    if let Some(policy) = policy(api) {
        out.insert(
            "RateLimit-Policy".into(),
            json!({
                "description": "The rate limits of the spec as the IETF `RateLimit-Policy` field (draft-ietf-httpapi-ratelimit-headers): one member per limit, its requests (`q`) and window in seconds (`w`). errspec servers send it, with `RateLimit`, where they opt in.",
                "schema": { "type": "string" },
                "example": policy,
            }),
        );
    }
    out
}

/// `"per_minute";q=60;w=60, ...`, as `errspec::ietf::policy_value` writes it; none without
/// rate limits (their names are snake_case, so they are valid structured-field strings).
fn policy(api: &Api) -> Option<String> {
    let members: Vec<String> = api
        .rate_limits
        .iter()
        .map(|r| {
            format!(
                "\"{}\";q={};w={}",
                r.name,
                r.requests,
                r.window.as_millis().div_ceil(1000)
            )
        })
        .collect();
    (!members.is_empty()).then(|| members.join(", "))
}
