//! The telemetry layer over loopback: an axum app whose requests each open a `tracing` span,
//! called with reqwest, under a real subscriber and a `metrics` debugging recorder; the test
//! reads back the `error.type` each request's span got and the counter's labels and counts.

use crate::http_support::{client, serve};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use errspec::axum::fallback;
use errspec::funder_offers::{Api, ErrorBody, ErrorCode, Status};
use errspec::server::Reply;
use errspec::telemetry::{API, ERROR_TYPE, ERRORS, STATUS, TelemetryLayer};
use metrics_util::MetricKind;
use metrics_util::debugging::{DebugValue, DebuggingRecorder};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Instrument, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// A span's fields as text, by name.
type Fields = BTreeMap<String, String>;

/// The counter's count for each set of labels (name, value).
type Counts = BTreeMap<Vec<(String, String)>, u64>;

/// A subscriber layer that keeps the fields of every closed span.
#[derive(Clone, Default)]
struct Spans(Arc<Mutex<Vec<Fields>>>);

/// Writes the fields a span records into its [`Fields`].
struct Writer<'a>(&'a mut Fields);

impl Visit for Writer<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> tracing_subscriber::Layer<S> for Spans {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields::new();
        attrs.record(&mut Writer(&mut fields));
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(fields);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id)
            && let Some(fields) = span.extensions_mut().get_mut::<Fields>()
        {
            values.record(&mut Writer(fields));
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(&id)
            && let Some(fields) = span.extensions_mut().remove::<Fields>()
        {
            self.0.lock().unwrap().push(fields);
        }
    }
}

/// The funder offers API's app: each request in a span named `request` with its path and an
/// empty `error.type`, the telemetry layer inside it.
fn app() -> Router {
    let unknown_code: ErrorBody =
        serde_json::from_str(r#"{"error":"NEW_CODE","message":"Not in the catalog."}"#).unwrap();
    Router::new()
        .route(
            "/conflict",
            get(|| async { Err::<&str, _>(ErrorCode::VersionConflict) }),
        )
        .route("/forbidden", get(|| async { Status::Forbidden }))
        .route(
            "/teapot",
            get(|| async { (StatusCode::IM_A_TEAPOT, "tea") }),
        )
        .route(
            "/new-code",
            get(move || {
                let body = unknown_code.clone();
                async move { Reply::<Api>::new(400, body) }
            }),
        )
        .route("/ok", get(|| async { "{\"ok\":true}" }))
        .fallback(fallback::<Api>)
        .layer(TelemetryLayer::<Api>::new())
        .layer(axum::middleware::from_fn(
            |request: axum::extract::Request, next: axum::middleware::Next| {
                let path = request.uri().path().to_owned();
                let span = tracing::info_span!("request", path, error.type = tracing::field::Empty);
                next.run(request).instrument(span)
            },
        ))
}

/// Sends a GET for each of `paths` to the app, in order, on one thread with the subscriber
/// and the recorder in force; the closed spans' fields, and the counter's values by labels.
fn observe(paths: &[&str]) -> (Vec<Fields>, Counts) {
    let spans = Spans::default();
    let subscriber = tracing_subscriber::registry().with(spans.clone());
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    // A runtime on this thread, so the thread's subscriber and recorder see the server's work.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let statuses = tracing::subscriber::with_default(subscriber, || {
        metrics::with_local_recorder(&recorder, || {
            runtime.block_on(async {
                let addr = serve(app()).await;
                let mut statuses = Vec::new();
                for path in paths {
                    let response = client()
                        .get(format!("http://{addr}{path}"))
                        .send()
                        .await
                        .expect("response");
                    statuses.push(response.status().as_u16());
                    response.bytes().await.expect("body");
                }
                statuses
            })
        })
    });
    assert_eq!(statuses.len(), paths.len());
    let mut counters = Counts::new();
    for (key, _, _, value) in snapshotter.snapshot().into_vec() {
        assert_eq!(key.kind(), MetricKind::Counter);
        let key = key.key();
        assert_eq!(key.name(), ERRORS);
        let labels = key
            .labels()
            .map(|l| (l.key().to_owned(), l.value().to_owned()))
            .collect();
        let DebugValue::Counter(count) = value else {
            panic!("{value:?} is not a count");
        };
        counters.insert(labels, count);
    }
    (spans.0.lock().unwrap().clone(), counters)
}

/// The labels the counter has for `error_type` and `status`.
fn labels(error_type: &str, status: &str) -> Vec<(String, String)> {
    [
        (API, "Funder Offers"),
        (ERROR_TYPE, error_type),
        (STATUS, status),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .to_vec()
}

/// The `error.type` each `path`'s request span got, `None` where it got none.
fn error_types(spans: &[Fields], paths: &[&str]) -> Vec<Option<String>> {
    paths
        .iter()
        .map(|path| {
            let span = spans
                .iter()
                .find(|fields| fields.get("path").map(String::as_str) == Some(path))
                .unwrap_or_else(|| panic!("no span for {path}"));
            span.get(ERROR_TYPE).cloned()
        })
        .collect()
}

#[test]
fn error_types_on_spans_and_counter() {
    let paths = [
        "/conflict",
        "/forbidden",
        "/teapot",
        "/new-code",
        "/ok",
        "/no-such-route",
        "/conflict",
    ];
    let (spans, counters) = observe(&paths);
    assert_eq!(
        error_types(&spans, &paths[..6]),
        [
            Some("VERSION_CONFLICT"),
            Some("403"),
            Some("_OTHER"),
            Some("_OTHER"),
            None,
            Some("404"),
        ]
        .map(|t| t.map(str::to_owned))
    );
    let expected = BTreeMap::from([
        (labels("VERSION_CONFLICT", "409"), 2),
        (labels("403", "403"), 1),
        (labels("_OTHER", "418"), 1),
        (labels("_OTHER", "400"), 1),
        (labels("404", "404"), 1),
    ]);
    assert_eq!(counters, expected);
}

/// The `error.type` column of the Telemetry table on `page`, code spans unwrapped.
fn documented_error_types(page: &str) -> Vec<String> {
    let section = page
        .split("\n## Telemetry\n")
        .nth(1)
        .expect("a Telemetry section");
    section
        .lines()
        .skip_while(|line| !line.starts_with("| ---"))
        .skip(1)
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| line.split('|').nth(1))
        .map(|cell| cell.trim().trim_matches('`').to_owned())
        .collect()
}

#[test]
fn docs_list_every_error_type_the_layer_records() {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/docs/funder_offers.md"),
    )
    .expect("the generated funder offers page");
    let codes = ErrorCode::ALL.iter().map(|&code| {
        errspec::telemetry::error_type::<Api>(code.status().code(), Some(&code.into()))
    });
    // The statuses the catalog declares on their own (this one has no class such as `5xx`).
    let statuses = (400..600)
        .filter(|&s| Status::from_code(s).map(|d| d.code()) == Some(s))
        .map(|s| errspec::telemetry::error_type::<Api>(s, None));
    let mut recorded: Vec<String> = codes.chain(statuses).flatten().map(Into::into).collect();
    recorded.push(errspec::telemetry::OTHER.to_owned());
    assert_eq!(documented_error_types(&page), recorded);
}
