//! The funder offers API's errors served by axum, exactly as its spec documents them.
//!
//! ```text
//! cargo run --example serve -- --addr 127.0.0.1:8080 [--redis redis://127.0.0.1:6379/]
//! ```
//!
//! - `GET /` answers 200 `{"ok":true}`;
//! - `GET /errors/{CODE}` answers that error code's documented response;
//! - `POST /offers` takes a JSON offer: malformed JSON is the spec's 400 `VALIDATION_FAILED`;
//! - every route counts against the spec's rate limits (60 a minute and 5 a second per
//!   `X-Api-Key`), in this process or, with `--redis`, in Redis for a fleet;
//! - unknown routes get the spec's 404, wrong methods its status with `Allow`;
//! - `Accept: application/problem+json` gets every error as an RFC 9457 problem document.
//!
//! It prints `listening on ADDR` once it accepts connections.

use axum::extract::Path;
use axum::routing::{get, post};
use axum::{Json, Router};
use errspec::axum::{CatalogLayer, fallback};
use errspec::funder_offers::{Api, ErrorCode};
use errspec::ratelimit::{RateLimitLayer, RedisStore, header};
use errspec::server::Reply;
use std::net::SocketAddr;

async fn root() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "ok": true }))
}

async fn error(Path(code): Path<String>) -> Reply<Api> {
    match code.parse::<ErrorCode>() {
        Ok(code) => Reply::from_code(code),
        Err(unknown) => Reply::for_status(404, Some(unknown.to_string())),
    }
}

async fn create_offer(Json(offer): Json<serde_json::Value>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "created": offer }))
}

fn usage(problem: &str) -> ! {
    eprintln!("error: {problem}\nusage: serve --addr 127.0.0.1:PORT [--redis URL]");
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (mut addr, mut redis) = (None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--addr" => addr = args.next(),
            "--redis" => redis = args.next(),
            other => usage(&format!("unexpected argument `{other}`")),
        }
    }
    let addr: SocketAddr = addr
        .unwrap_or_else(|| usage("--addr is required"))
        .parse()
        .unwrap_or_else(|e| usage(&format!("--addr: {e}")));

    let key = header("x-api-key".parse().expect("a valid header name"));
    let limits = RateLimitLayer::<Api, _>::new(key);
    let routes = Router::new()
        .route("/", get(root))
        .route("/errors/{code}", get(error))
        .route("/offers", post(create_offer))
        .fallback(fallback::<Api>);
    let app = match redis {
        None => routes.layer(limits),
        Some(url) => {
            let store = RedisStore::connect(&url, "errspec-serve")
                .await
                .unwrap_or_else(|e| usage(&format!("--redis {url}: {e}")));
            routes.layer(limits.with_store(store))
        }
    }
    .layer(CatalogLayer::<Api>::new());

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|e| usage(&format!("cannot listen on {addr}: {e}")));
    let bound = listener.local_addr().unwrap_or(addr);
    println!("listening on {bound}");
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
