//! Rules of example bodies, rate limits, other limits and headers.

use super::catalog::{DID_YOU_MEAN_ONE_OF, ONE_OF};
use super::{Rule, rules};

const HEADER_NAME_HELP: &str =
    "a header name is ASCII letters, digits and any of ! # $ % & ' * + - . ^ _ ` | ~";

rules! {
    EXAMPLE_WITHOUT_BODY {
        id: "example-without-body", applies_to: "examples",
        message: ["an example body is given but the spec declares no `body:`"],
        help: ["declare the body's fields under `body: {{ fields: ... }}`"],
    }
    EXAMPLE_NOT_MAPPING {
        id: "example-not-mapping", applies_to: "examples",
        message: ["an example body must be a mapping of {what}, not {kind}"], help: [],
    }
    EXAMPLE_OUTSIDE_ENVELOPE {
        id: "example-outside-envelope", applies_to: "examples",
        message: ["example has key `{key}`, but the body's fields are nested under `{envelope}`"],
        help: ["write the example as `{envelope}: {{ ... }}`"],
    }
    EXAMPLE_ENVELOPE_NOT_MAPPING {
        id: "example-envelope-not-mapping", applies_to: "examples",
        message: ["the envelope `{envelope}` must hold a mapping of body fields, not {kind}"], help: [],
    }
    EXAMPLE_ENVELOPE_MISSING {
        id: "example-envelope-missing", applies_to: "examples",
        message: ["example has no `{envelope}`, the envelope the body's fields are under"], help: [],
    }
    EXAMPLE_FIELD_UNKNOWN {
        id: "example-field-unknown", applies_to: "examples",
        message: ["example has field `{field}`, which the body does not declare"],
        help: ["did you mean `{best}`? body fields: {fields}", "body fields: {fields}"],
    }
    EXAMPLE_KEY_TWICE {
        id: "example-key-twice", applies_to: "examples",
        message: ["key `{key}` is given twice"], help: ["remove one of them"],
    }
    EXAMPLE_MESSAGE_NOT_CODE {
        id: "example-message-not-code", applies_to: "examples",
        message: ["example field `{field}` is `{value}`, which does not read as `{code}`: it matches neither its message nor its `match` patterns"],
        help: [],
    }
    EXAMPLE_TEXT_DIFFERS {
        id: "example-text-differs", applies_to: "examples",
        message: ["example field `{field}` is `{value}`, but the spec gives this field `{expected}`"],
        help: [],
    }
    EXAMPLE_CODE_OTHER {
        id: "example-code-other", applies_to: "examples",
        message: ["example field `{field}` names `{value}`, but this example documents `{code}`"],
        help: [],
    }
    EXAMPLE_CODE_OTHER_STATUS {
        id: "example-code-other-status", applies_to: "examples",
        message: ["example field `{field}` names `{value}`, which is sent with status {sent}, not {status}"],
        help: [],
    }
    EXAMPLE_CODE_UNDECLARED {
        id: "example-code-undeclared", applies_to: "examples",
        message: ["example field `{field}` `{value}` is not a declared error code"],
        help: [],
    }
    EXAMPLE_TITLE_DIFFERS {
        id: "example-title-differs", applies_to: "examples",
        message: ["example field `{field}` is `{value}`, but status {status}'s reason is `{reason}`; set `reason:` on the status if the body says otherwise"],
        help: [],
    }
    EXAMPLE_STATUS_DIFFERS {
        id: "example-status-differs", applies_to: "examples",
        message: ["example field `{field}` is {value}, but this example documents status {status}"],
        help: [],
    }
    EXAMPLE_STATUS_TEXT_DIFFERS {
        id: "example-status-text-differs", applies_to: "examples",
        message: ["example field `{field}` is \"{value}\", but this example documents status {status}"],
        help: [],
    }
    EXAMPLE_WRONG_TYPE {
        id: "example-wrong-type", applies_to: "examples",
        message: ["example field `{field}` has the wrong type for role `{role}`"], help: [],
    }
    RATE_LIMIT_NAME_INVALID {
        id: "rate-limit-name-invalid", applies_to: "`rate_limits`",
        message: ["rate limit name `{name}` is not snake_case"],
        help: ["use a snake_case name such as `per_minute`"],
    }
    RATE_LIMIT_TWICE {
        id: "rate-limit-twice", applies_to: "`rate_limits`",
        message: ["rate limit `{name}` is declared twice"], help: [],
    }
    RATE_LIMIT_NAMED_RATE_LIMITS {
        id: "rate-limit-named-rate-limits", applies_to: "`rate_limits`",
        message: ["rate limit `rate_limits` would clash with the constant `RATE_LIMITS`"],
        help: ["`limits::RATE_LIMITS` lists every rate limit: rename this one"],
    }
    RATE_LIMIT_NO_REQUESTS {
        id: "rate-limit-no-requests", applies_to: "`rate_limits`",
        message: ["`requests: {requests}` is out of range: a rate limit allows at least one request"],
        help: ["write a whole number from 1 to {max}"],
    }
    RATE_LIMIT_TOO_MANY_REQUESTS {
        id: "rate-limit-too-many-requests", applies_to: "`rate_limits`",
        message: ["`requests: {requests}` is out of range: that is more than a rate limit can count"],
        help: ["write a whole number from 1 to {max}"],
    }
    SCOPE_UNKNOWN {
        id: "scope-unknown", applies_to: "`rate_limits`",
        message: ["unknown rate limit scope `{value}`"],
        help: [DID_YOU_MEAN_ONE_OF, ONE_OF],
    }
    RATE_LIMIT_STATUS_AND_STATUSES {
        id: "rate-limit-status-and-statuses", applies_to: "`rate_limits`",
        message: ["a rate limit gives `status` or `statuses`, not both"],
        help: ["list every status under `statuses`, the one a server sends first"],
    }
    RATE_LIMIT_STATUSES_EMPTY {
        id: "rate-limit-statuses-empty", applies_to: "`rate_limits`",
        message: ["`statuses` is empty"],
        help: ["list the statuses an exceeded limit is answered with, or leave it out"],
    }
    RATE_LIMIT_STATUS_TWICE {
        id: "rate-limit-status-twice", applies_to: "`rate_limits`",
        message: ["status {status} is listed twice"], help: [],
    }
    RATE_LIMIT_ROUTES_EMPTY {
        id: "rate-limit-routes-empty", applies_to: "`rate_limits`",
        message: ["`routes` is empty"],
        help: ["list the routes the limit counts (`GET /search/*`), or leave `routes` out to count every request"],
    }
    RATE_LIMIT_ROUTE_INVALID {
        id: "rate-limit-route-invalid", applies_to: "`rate_limits`",
        message: ["`{route}` is not a route: {why}"],
        help: ["write an optional method in capitals and a path: `GET /search/*`, `/repos/{{owner}}/{{repo}}`"],
    }
    RATE_LIMIT_ROUTE_TWICE {
        id: "rate-limit-route-twice", applies_to: "`rate_limits`",
        message: ["route `{route}` is listed twice"], help: [],
    }
    RATE_LIMIT_SEPARATE_WITHOUT_ROUTES {
        id: "rate-limit-separate-without-routes", applies_to: "`rate_limits`",
        message: ["`separate` needs `routes`: a limit without them counts every request"],
        help: ["list the limit's routes under `routes`, or leave `separate` out"],
    }
    RATE_LIMIT_UNAUTHENTICATED_SCOPE {
        id: "rate-limit-unauthenticated-scope", applies_to: "`rate_limits`",
        message: ["a limit per `{scope}` counts requests that carry one: it cannot count only unauthenticated requests"],
        help: ["count unauthenticated requests per `ip` (or `total`), or leave `unauthenticated` out"],
    }
    RATE_LIMIT_COST_EMPTY {
        id: "rate-limit-cost-empty", applies_to: "`rate_limits`",
        message: ["`cost` is empty"],
        help: ["name the methods whose requests cost more than 1 (`POST: 5`), or leave `cost` out"],
    }
    RATE_LIMIT_COST_METHOD_INVALID {
        id: "rate-limit-cost-method-invalid", applies_to: "`rate_limits`",
        message: ["`{method}` is not an HTTP method in capitals"],
        help: ["write the method as requests send it: `POST`, `DELETE`"],
    }
    RATE_LIMIT_COST_OUT_OF_RANGE {
        id: "rate-limit-cost-out-of-range", applies_to: "`rate_limits`",
        message: ["a `{method}` request costs {cost}, but the limit allows {requests} in a window"],
        help: ["a cost is from 1 to the limit's `requests`: a request that costs more could never be let through"],
    }
    RATE_LIMIT_PER_ENDPOINT_TOTAL {
        id: "rate-limit-per-endpoint-total", applies_to: "`rate_limits`",
        message: ["a limit on everyone's requests together cannot count per endpoint"],
        help: ["count per `api_key`, `account` or `ip`, or leave `per_endpoint` out"],
    }
    ANSWER_EMPTY {
        id: "answer-empty", applies_to: "`answers`",
        message: ["an answer names an `error`, a `status`, or both"],
        help: ["name the documented code the server sends (`error: INVALID_API_KEY`)"],
    }
    DURATION_INVALID {
        id: "duration-invalid", applies_to: "`rate_limits`, `limits`",
        message: ["invalid duration `{value}`: {why}"],
        help: ["write a positive whole number and a unit: ms, s, m, h or d (`90s`, `5m`, `1h`)"],
    }
    LIMIT_STATUS_NOT_ERRORS {
        id: "limit-status-not-errors", applies_to: "`rate_limits`, `limits`",
        message: ["error `{code}` is sent with status {sent}, but this limit says {status}"],
        help: [],
    }
    LIMIT_NAME_INVALID {
        id: "limit-name-invalid", applies_to: "`limits`",
        message: ["limit name `{name}` is not snake_case"], help: [],
    }
    LIMIT_TWICE {
        id: "limit-twice", applies_to: "`limits`",
        message: ["limit `{name}` is declared twice"], help: [],
    }
    LIMIT_NAME_CLASH {
        id: "limit-name-clash", applies_to: "`limits`",
        message: ["limit `{name}` would clash with the constant `{constant}`"], help: [],
    }
    LIMIT_VALUE_NOT_POSITIVE {
        id: "limit-value-not-positive", applies_to: "`limits`",
        message: ["limit value {value} is out of range: a limit must be positive"],
        help: ["write a whole number from 1 up, or a duration such as `5m`"],
    }
    LIMIT_VALUE_FRACTION {
        id: "limit-value-fraction", applies_to: "`limits`",
        message: ["a limit must be a whole number or a duration such as 5m"], help: [],
    }
    HEADER_NAME_INVALID {
        id: "header-name-invalid", applies_to: "`headers`, `limits`",
        message: ["`{name}` is not a valid HTTP header name"], help: [HEADER_NAME_HELP],
    }
    HEADER_TWICE {
        id: "header-twice", applies_to: "`headers`",
        message: ["header `{name}` is declared twice under `headers:`"],
        help: ["header names are case-insensitive: keep one entry"],
    }
    HEADER_FORMAT_NOT_RESET {
        id: "header-format-not-reset", applies_to: "`headers`",
        message: ["header `{name}` takes no `format` (only `reset` does)"], help: [],
    }
    RESET_HEADER_WITHOUT_FORMAT {
        id: "reset-header-without-format", applies_to: "`headers`",
        message: ["reset header `{name}` needs a `format`"],
        help: ["write `reset: {{ name: ..., format: unix_seconds }}` or `format: delta_seconds`"],
    }
    RESET_FORMAT_UNKNOWN {
        id: "reset-format-unknown", applies_to: "`headers`",
        message: ["unknown reset header format `{value}`"],
        help: [DID_YOU_MEAN_ONE_OF, ONE_OF],
    }
}
