//! A seed API's errors served by axum, exactly as its spec documents them.
//!
//! ```text
//! cargo run --example serve -- --addr 127.0.0.1:8080 [--api ID] [--window exact|gcra]
//!     [--redis redis://127.0.0.1:6379/ | --redis-cluster redis://127.0.0.1:7000/,redis://...]
//! ```
//!
//! `--api` picks the catalog: `funder_offers` (the default), `mugglepay`, `centrapay` or
//! `muse_finance` (the modules `errspec::<ID>`).
//!
//! - `GET /` answers 200 `{"ok":true}`;
//! - `GET /errors/{CODE}` answers that error code's documented response (an unknown code
//!   the API's 404);
//! - `POST /offers` takes a JSON object: malformed JSON is the API's 400 (the funder offers
//!   API's `VALIDATION_FAILED`);
//! - every route counts against the spec's rate limits (for the funder offers API, 60 a
//!   minute and 5 a second per `X-Api-Key`), in this process or, with `--redis` or
//!   `--redis-cluster` (some of the cluster's masters, comma-separated), in Redis for a
//!   fleet; exactly (the default), or with `--window gcra` approximately, in a GCRA cell
//!   per caller and limit (`GcraStore`, `RedisStore::gcra`);
//! - unknown routes get the spec's 404, wrong methods its status with `Allow`;
//! - `Accept: application/problem+json` gets every error as an RFC 9457 problem document.
//!
//! It prints `listening on ADDR` once it accepts connections. Wrong arguments exit with
//! status 2 and say what is wrong.

use axum::extract::Path;
use axum::routing::{get, post};
use axum::{Json, Router};
use errspec::axum::{CatalogLayer, fallback};
use errspec::ratelimit::{GcraStore, MemoryStore, RateLimitLayer, RedisStore, Store, header};
use errspec::server::Reply;
use errspec::{Catalog, UnknownCode, WireCode};
use std::net::SocketAddr;
use std::sync::Arc;

/// The catalogs `--api` picks from: each is its own `Api` type, served by `serve::<Api>`.
#[derive(Clone, Copy)]
enum Api {
    FunderOffers,
    MugglePay,
    Centrapay,
    MuseFinance,
}

impl Api {
    const ALL: [(&str, Api); 4] = [
        ("funder_offers", Api::FunderOffers),
        ("mugglepay", Api::MugglePay),
        ("centrapay", Api::Centrapay),
        ("muse_finance", Api::MuseFinance),
    ];

    fn ids() -> String {
        Self::ALL.map(|(id, _)| id).join(", ")
    }
}

async fn root() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "ok": true }))
}

async fn error<A: Catalog>(Path(code): Path<String>) -> Reply<A> {
    match A::Code::from_wire(&code) {
        Some(code) => Reply::from_code(code),
        None => Reply::for_status(404, Some(UnknownCode::new(&code).to_string())),
    }
}

async fn create_offer(Json(offer): Json<serde_json::Value>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "created": offer }))
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "error: {problem}\nusage: serve --addr 127.0.0.1:PORT [--api ID] \
         [--window exact|gcra] [--redis URL | --redis-cluster URL[,URL...]]\n  ID: {}",
        Api::ids()
    );
    std::process::exit(2)
}

/// Serves API `A` on `listener`, counting in `store`.
async fn serve<A: Catalog>(listener: tokio::net::TcpListener, store: Arc<dyn Store>) {
    let key = header("x-api-key".parse().expect("a valid header name"));
    let app = Router::new()
        .route("/", get(root))
        .route("/errors/{code}", get(error::<A>))
        .route("/offers", post(create_offer))
        .fallback(fallback::<A>)
        .layer(RateLimitLayer::<A, _>::new(key).with_store(store))
        .layer(CatalogLayer::<A>::new());
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (mut addr, mut api, mut redis, mut cluster) = (None, None, None, None);
    let mut window = None;
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--addr" => &mut addr,
            "--api" => &mut api,
            "--window" => &mut window,
            "--redis" => &mut redis,
            "--redis-cluster" => &mut cluster,
            other => usage(&format!("unexpected argument `{other}`")),
        };
        if slot.is_some() {
            usage(&format!("{arg} is given twice"));
        }
        *slot = Some(
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value"))),
        );
    }
    let addr: SocketAddr = addr
        .unwrap_or_else(|| usage("--addr is required"))
        .parse()
        .unwrap_or_else(|e| usage(&format!("--addr: {e}")));
    let api = api.unwrap_or_else(|| "funder_offers".to_owned());
    let Some(&(_, catalog)) = Api::ALL.iter().find(|(id, _)| *id == api) else {
        usage(&format!("--api: unknown API `{api}`"))
    };

    let gcra = match window.as_deref() {
        None | Some("exact") => false,
        Some("gcra") => true,
        Some(other) => usage(&format!(
            "--window: `{other}` is neither `exact` nor `gcra`"
        )),
    };
    // Each API counts under its own prefix, so that two of them can share one Redis.
    let prefix = format!("errspec-serve-{api}");
    let in_redis = |store: RedisStore| -> Arc<dyn Store> {
        if gcra {
            Arc::new(store.gcra())
        } else {
            Arc::new(store)
        }
    };
    let store: Arc<dyn Store> = match (redis, cluster) {
        (None, None) if gcra => Arc::new(GcraStore::new()),
        (None, None) => Arc::new(MemoryStore::new()),
        (Some(_), Some(_)) => usage("--redis and --redis-cluster exclude each other"),
        (Some(url), None) => in_redis(
            RedisStore::connect(&url, &prefix)
                .await
                .unwrap_or_else(|e| usage(&format!("--redis {url}: {e}"))),
        ),
        (None, Some(urls)) => {
            let nodes: Vec<&str> = urls.split(',').map(str::trim).collect();
            if nodes.iter().any(|node| node.is_empty()) {
                usage("--redis-cluster: an empty URL in the list");
            }
            in_redis(
                RedisStore::connect_cluster(&nodes, &prefix)
                    .await
                    .unwrap_or_else(|e| usage(&format!("--redis-cluster {urls}: {e}"))),
            )
        }
    };

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|e| usage(&format!("cannot listen on {addr}: {e}")));
    let bound = listener.local_addr().unwrap_or(addr);
    println!("listening on {bound}");
    match catalog {
        Api::FunderOffers => serve::<errspec::funder_offers::Api>(listener, store).await,
        Api::MugglePay => serve::<errspec::mugglepay::Api>(listener, store).await,
        Api::Centrapay => serve::<errspec::centrapay::Api>(listener, store).await,
        Api::MuseFinance => serve::<errspec::muse_finance::Api>(listener, store).await,
    }
}
