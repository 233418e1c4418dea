//! A load run of the rate limits on a fleet: two instances of the example server
//! (`examples/serve.rs`, the funder offers API: 5 requests a second and 60 a minute per
//! `X-Api-Key`) sharing a local Redis Cluster of three masters, 64 concurrent clients over
//! 1,000 keys for 10 seconds, every request to the two instances in turn. It reports the
//! requests per second and checks, per key, that no more were let through than the limits
//! allow in the run's span: with 5 a second, at most 5 in each of the ⌊span⌋ + 1 one-second
//! windows that cover it.
//!
//! With `WINDOW=gcra` the servers count in GCRA cells (`--window gcra`, `RedisStore::gcra`)
//! and the check is theirs: at most the limit at once and one more per interval (200 ms for 5
//! a second, 1 s for 60 a minute) over the span.
//!
//! Run (the example server is built first, in release mode):
//!
//! ```text
//! cargo build --release --example serve
//! cargo bench -p errspec-bench --bench ratelimit_load
//! WINDOW=gcra cargo bench -p errspec-bench --bench ratelimit_load
//! ```
//!
//! Without `redis-server` and `redis-cli`, or without the example built, it says so and runs
//! nothing. Everything listens on 127.0.0.1.

#[allow(dead_code)]
#[path = "../../tests/tools/cluster.rs"]
mod cluster;

use cluster::{Cluster, cluster_tools, free_port};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENTS: usize = 64;
const KEYS: usize = 1_000;
const RUN: Duration = Duration::from_secs(10);
/// The funder offers API's limits, per key.
const PER_SECOND: u64 = 5;
const PER_MINUTE: u64 = 60;

/// An example server, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The example server built by `cargo build --release --example serve`.
fn example() -> Option<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let path = target.join("release/examples/serve");
    path.is_file().then_some(path)
}

fn start(example: &PathBuf, urls: &str, window: &str) -> (Server, String) {
    let port = free_port();
    let child = Command::new(example)
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .args(["--redis-cluster", urls])
        .args(["--window", window])
        .stdout(Stdio::null())
        .spawn()
        .expect("the example server starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "the example server did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (Server(child), format!("http://127.0.0.1:{port}/"))
}

/// What the clients saw, per key: let through, refused.
#[derive(Default)]
struct Tally {
    admitted: HashMap<usize, u64>,
    refused: u64,
    failed: u64,
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let (server, cli) = match cluster_tools() {
        Ok(tools) => tools,
        Err(why) => return println!("ratelimit_load: not run: {why}"),
    };
    let Some(example) = example() else {
        return println!(
            "ratelimit_load: not run: build the example first (cargo build --release --example serve)"
        );
    };
    let window = std::env::var("WINDOW").unwrap_or_else(|_| "exact".to_owned());
    let cluster = Cluster::start(&server, &cli);
    let urls = cluster.urls().join(",");
    let (_a, a) = start(&example, &urls, &window);
    let (_b, b) = start(&example, &urls, &window);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .pool_max_idle_per_host(CLIENTS)
            .build()
            .expect("a client");
        let mut tasks = Vec::new();
        for task in 0..CLIENTS {
            let (client, tally) = (client.clone(), Arc::clone(&tally));
            let servers = [a.clone(), b.clone()];
            tasks.push(tokio::spawn(async move {
                let mut sent = 0usize;
                while started.elapsed() < RUN {
                    let key = (task + sent * CLIENTS) % KEYS;
                    let url = &servers[sent % 2];
                    sent += 1;
                    let response = client
                        .get(url)
                        .header("x-api-key", format!("load-{key}"))
                        .send()
                        .await;
                    let mut tally = tally.lock().unwrap_or_else(|e| e.into_inner());
                    match response.map(|r| r.status().as_u16()) {
                        Ok(200) => *tally.admitted.entry(key).or_default() += 1,
                        Ok(429) => tally.refused += 1,
                        _ => tally.failed += 1,
                    }
                }
            }));
        }
        for task in tasks {
            task.await.expect("a client task");
        }
    });
    let span = started.elapsed();
    let tally = tally.lock().unwrap_or_else(|e| e.into_inner());
    let admitted: u64 = tally.admitted.values().sum();
    let total = admitted + tally.refused + tally.failed;
    let bound = if window == "gcra" {
        // The limit at once, then one per interval over the span.
        let span = span.as_secs_f64();
        (PER_SECOND + (span * PER_SECOND as f64) as u64)
            .min(PER_MINUTE + (span * PER_MINUTE as f64 / 60.0) as u64)
    } else {
        (PER_SECOND * (span.as_secs() + 1)).min(PER_MINUTE)
    };
    let mut counts: Vec<u64> = (0..KEYS)
        .map(|k| tally.admitted.get(&k).copied().unwrap_or(0))
        .collect();
    counts.sort_unstable();
    let over: Vec<(usize, u64)> = (0..KEYS)
        .filter_map(|k| {
            let n = tally.admitted.get(&k).copied().unwrap_or(0);
            (n > bound).then_some((k, n))
        })
        .collect();
    println!(
        "ratelimit_load: {CLIENTS} clients, {KEYS} keys, 2 instances, 3-master cluster, {:.1} s, \
         the {window} window",
        span.as_secs_f64()
    );
    println!(
        "  requests: {total} ({:.0}/s): {admitted} admitted, {} refused (429), {} failed",
        total as f64 / span.as_secs_f64(),
        tally.refused,
        tally.failed
    );
    println!(
        "  admitted per key: min {}, median {}, max {}; the limits allow at most {bound} in {:.1} s",
        counts[0],
        counts[KEYS / 2],
        counts[KEYS - 1],
        span.as_secs_f64()
    );
    if over.is_empty() && tally.failed == 0 {
        println!("  held: no key was let through more than its limits allow");
    } else {
        println!(
            "  NOT HELD: keys over the limit {:?}, {} failed requests",
            &over[..over.len().min(10)],
            tally.failed
        );
        drop(cluster);
        std::process::exit(1);
    }
}
