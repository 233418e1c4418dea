//! The rate-limit layer over loopback with real clients: bursts admit exactly the limit, and
//! a caller at the documented rate is never refused; with the approximate store (GCRA), a
//! burst admits the limit and what its schedule adds while the burst lasts. The tests with a real Redis (two
//! instances sharing it, an unreachable one) are in the `tools` binary, since they need
//! `redis-server`.

use crate::http_support::{admitted, burst, paced, ratelimited_app as app, serve};
use errspec::ratelimit::{GcraStore, MemoryStore, OnStoreError};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_64_admits_exactly_the_limit() {
    let addr = serve(app(MemoryStore::new(), OnStoreError::FailOpen)).await;
    let (statuses, elapsed) = burst(&[addr], "burst", 64).await;
    assert!(
        statuses.iter().all(|&s| s == 200 || s == 429),
        "{statuses:?}"
    );
    assert!(
        elapsed < Duration::from_secs(1),
        "64 loopback requests took {elapsed:?}"
    );
    assert_eq!(admitted(&statuses), 5, "{statuses:?}");
    // Another key is counted apart.
    let (statuses, _) = burst(&[addr], "other", 8).await;
    assert_eq!(admitted(&statuses), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_at_the_documented_rate_is_never_refused() {
    let addr = serve(app(MemoryStore::new(), OnStoreError::FailOpen)).await;
    paced(addr).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gcra_admits_a_burst_of_the_limit_and_never_refuses_the_documented_rate() {
    let addr = serve(app(GcraStore::new(), OnStoreError::FailOpen)).await;
    let (statuses, elapsed) = burst(&[addr], "burst", 64).await;
    // 5 at once, and one more for every 200 ms (a second / 5) the burst went on.
    let schedule = usize::try_from(elapsed.as_millis() / 200).unwrap();
    let admitted = admitted(&statuses);
    assert!(
        (5..=5 + schedule).contains(&admitted),
        "{admitted} admitted in {elapsed:?}: {statuses:?}"
    );
    paced(addr).await;
}
