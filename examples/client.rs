//! Calls the example server (`cargo run --example serve`) with reqwest and prints each typed
//! error and what to do about it.
//!
//! ```text
//! cargo run --example client -- --url http://127.0.0.1:8080 [--key KEY]
//! ```

use errspec::RetryDecision;
use errspec::client::ErrorResponse;
use errspec::funder_offers::{Api, ErrorCode};
use errspec::reqwest::{CallError, Retrying};
use std::time::SystemTime;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (mut url, mut key) = (None, "example-key".to_owned());
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--url", Some(value)) => url = Some(value),
            ("--key", Some(value)) => key = value,
            _ => {
                eprintln!("usage: client --url http://127.0.0.1:PORT [--key KEY]");
                std::process::exit(2);
            }
        }
    }
    let Some(url) = url else {
        eprintln!("usage: client --url http://127.0.0.1:PORT [--key KEY]");
        std::process::exit(2);
    };
    let client = reqwest::Client::new();
    let mut failed = false;
    for code in ErrorCode::ALL {
        let response = client
            .get(format!("{url}/errors/{}", code.as_str()))
            .header("x-api-key", &key)
            .send()
            .await;
        match response {
            Ok(response) => {
                let error = ErrorResponse::<Api>::from_reqwest(response).await;
                let decision = error.retry(SystemTime::now());
                println!(
                    "{error}\n  code: {:?}, retry: {decision:?}",
                    error.known_code()
                );
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    // A burst over the 5-a-second limit: the retry loop waits as Retry-After says.
    for _ in 0..6 {
        let result = Retrying::default()
            .send::<Api>(|| client.get(format!("{url}/")).header("x-api-key", &key))
            .await;
        match result {
            Ok(response) => println!("GET / -> {}", response.status()),
            Err(CallError::Api(error)) => {
                let decision: RetryDecision = error.retry(SystemTime::now());
                println!("GET / -> {error} ({decision:?})");
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    std::process::exit(i32::from(failed));
}
