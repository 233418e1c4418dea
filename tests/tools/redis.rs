//! The rate-limit layer with a real Redis over loopback: two instances sharing it admit the
//! limit once between them, and an unreachable one fails open or closed as configured.

use crate::http_support::{
    admitted, burst, client, free_port, paced, ratelimited_app as app, serve,
};
use errspec::funder_offers::limits;
use errspec::ratelimit::{OnStoreError, RedisStore};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `redis-server`, on the PATH.
pub fn redis_server() -> Result<PathBuf, String> {
    let program = PathBuf::from("redis-server");
    Command::new(&program)
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        .then_some(program)
        .ok_or_else(|| "redis-server is not installed: apt-get install redis-server".into())
}

/// Runs a test on a runtime of two worker threads, as `#[tokio::test]` would.
pub fn block_on(test: impl Future<Output = ()>) {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(test);
}

/// The limit a burst that took `elapsed` may admit: 5 a second, so 5 when it fit in a
/// second. A burst this small on loopback always does; the bound keeps a slow machine honest
/// rather than flaky.
fn allowed(elapsed: Duration) -> usize {
    let windows = elapsed.as_secs() as usize + 1;
    (windows * limits::PER_SECOND.requests as usize).min(limits::PER_MINUTE.requests as usize)
}

/// A `redis-server` of its own, on a free loopback port, without persistence; stopped when
/// dropped.
pub struct RedisServer {
    child: Child,
    /// `redis://127.0.0.1:PORT/`.
    pub url: String,
}

impl RedisServer {
    /// Starts `program` (a `redis-server`).
    pub fn start(program: &Path) -> Self {
        let port = free_port();
        let child = Command::new(program)
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        let server = Self {
            child,
            url: format!("redis://127.0.0.1:{port}/"),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "redis-server did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    /// Stops the server now (the tests of an unreachable store).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn two_instances_sharing_redis_admit_the_limit_once(program: PathBuf) {
    block_on(two_instances(program));
}

async fn two_instances(program: PathBuf) {
    let redis = RedisServer::start(&program);
    let one = RedisStore::connect(&redis.url, "fleet").await.unwrap();
    let two = RedisStore::connect(&redis.url, "fleet").await.unwrap();
    let a = serve(app(one, OnStoreError::FailClosed)).await;
    let b = serve(app(two, OnStoreError::FailClosed)).await;
    let (statuses, elapsed) = burst(&[a, b], "shared", 64).await;
    assert!(
        statuses.iter().all(|&s| s == 200 || s == 429),
        "{statuses:?}"
    );
    assert!(
        admitted(&statuses) <= allowed(elapsed),
        "{statuses:?} in {elapsed:?}"
    );
    if elapsed < Duration::from_secs(1) {
        assert_eq!(admitted(&statuses), 5, "{statuses:?}");
    }
    // After the window, both instances let the caller through again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (statuses, _) = burst(&[a, b], "shared", 2).await;
    assert_eq!(statuses, [200, 200]);
}

pub fn an_unreachable_redis_fails_open_or_closed_as_configured(program: PathBuf) {
    block_on(unreachable(program));
}

async fn unreachable(program: PathBuf) {
    let mut redis = RedisServer::start(&program);
    let open = RedisStore::connect(&redis.url, "down").await.unwrap();
    let closed = RedisStore::connect(&redis.url, "down").await.unwrap();
    let open = serve(app(open, OnStoreError::FailOpen)).await;
    let closed = serve(app(closed, OnStoreError::FailClosed)).await;
    let (statuses, _) = burst(&[closed], "k", 1).await;
    assert_eq!(statuses, [200], "Redis is up");
    redis.stop();
    let (statuses, _) = burst(&[open], "k", 10).await;
    assert_eq!(admitted(&statuses), 10, "fail open lets everything through");
    let response = client()
        .get(format!("http://{closed}/"))
        .header("x-api-key", "k")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], 503);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("the rate-limit store failed"),
        "{body}"
    );
}

/// Limits of one scope on other routes keep a ring of their own in Redis, under a key in the
/// caller's hash slot: a caller who spent its search limit still has its core limit.
pub fn a_callers_routes_count_apart_in_redis(program: PathBuf) {
    block_on(routes_apart(program, false));
}

/// The same with GCRA cells ([`RedisStore::gcra`]): a hash of cells per route group, under
/// keys that end in `:gcra`.
pub fn a_callers_routes_count_apart_in_gcra_cells(program: PathBuf) {
    block_on(routes_apart(program, true));
}

/// A store on `url` under `prefix`: GCRA cells when `gcra`, else rings.
async fn connect(url: &str, prefix: &str, gcra: bool) -> RedisStore {
    let store = RedisStore::connect(url, prefix).await.expect("connects");
    if gcra { store.gcra() } else { store }
}

/// Whether `store` lets a request of `group` through.
async fn let_through(store: &RedisStore, group: errspec::ratelimit::Counted<'_>) -> bool {
    use errspec::ratelimit::{Acquire, Store};
    let groups = [group];
    let request = Acquire {
        groups: &groups,
        admitted_states: true,
    };
    store
        .acquire(request)
        .await
        .expect("Redis answers")
        .admitted
}

async fn routes_apart(program: PathBuf, gcra: bool) {
    use errspec::ratelimit::Counted;
    use errspec::{RateLimit, Routes, Scope};
    const SEARCH: Routes = Routes {
        patterns: &["GET /search/*"],
        separate: true,
    };
    let limit = |name, routes| RateLimit {
        name,
        requests: 2,
        window: Duration::from_secs(60),
        scope: Scope::Account,
        routes,
        unauthenticated: false,
        cost: errspec::Cost::ONE,
        per_endpoint: false,
    };
    let (core, search) = ([limit("core", Routes::EVERY)], [limit("search", SEARCH)]);
    let server = RedisServer::start(&program);
    let store = connect(&server.url, "routes", gcra).await;
    let group = |bucket, limits| Counted {
        scope: Scope::Account,
        bucket,
        key: "octocat",
        limits,
        cost: 1,
    };
    for _ in 0..2 {
        assert!(let_through(&store, group("search", &search)).await);
    }
    let spent = let_through(&store, group("search", &search)).await;
    assert!(!spent, "the search limit is spent");
    assert!(
        let_through(&store, group("", &core)).await,
        "the core limit is not"
    );
    let suffix = if gcra { ":gcra" } else { "" };
    assert_eq!(
        store.key(&group("", &core)),
        format!("{{routes:account:octocat}}{suffix}")
    );
    assert_eq!(
        store.key(&group("search", &search)),
        format!("{{routes:account:octocat}}:search{suffix}")
    );
    let kind = if gcra { "hash" } else { "string" };
    assert_eq!(cli(&server, &["TYPE", &store.key(&group("", &core))]), kind);
}

/// A request that costs 5 points counts as five in its ring, in Redis as in process: two
/// writes spend 10 of 12 points, a third is refused, and reads still fit in the 2 left.
pub fn a_requests_cost_counts_in_redis(program: PathBuf) {
    block_on(costs_in_redis(program, false));
}

/// The same with GCRA cells: 12 points a minute let 12 through at once, then one every 5 s,
/// so the writes and reads decide alike.
pub fn a_requests_cost_counts_in_gcra_cells(program: PathBuf) {
    block_on(costs_in_redis(program, true));
}

async fn costs_in_redis(program: PathBuf, gcra: bool) {
    use errspec::ratelimit::Counted;
    use errspec::{Cost, RateLimit, Routes, Scope};
    let points = [RateLimit {
        name: "points",
        requests: 12,
        window: Duration::from_secs(60),
        scope: Scope::Account,
        routes: Routes::EVERY,
        unauthenticated: false,
        cost: Cost {
            methods: &[("POST", 5)],
        },
        per_endpoint: false,
    }];
    let server = RedisServer::start(&program);
    let store = connect(&server.url, "points", gcra).await;
    let group = |cost| Counted {
        scope: Scope::Account,
        bucket: "points",
        key: "octocat",
        limits: &points,
        cost,
    };
    let writes = [
        let_through(&store, group(5)).await,
        let_through(&store, group(5)).await,
        let_through(&store, group(5)).await,
    ];
    assert_eq!(writes, [true, true, false]);
    let reads = [
        let_through(&store, group(1)).await,
        let_through(&store, group(1)).await,
        let_through(&store, group(1)).await,
    ];
    assert_eq!(reads, [true, true, false]);
}

/// `redis-cli -u URL args...`'s answer, trimmed.
fn cli(server: &RedisServer, args: &[&str]) -> String {
    let output = Command::new("redis-cli")
        .args(["-u", &server.url])
        .args(args)
        .output()
        .expect("redis-cli runs");
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// GCRA cells shared by two instances over loopback: a burst admits the funder offers API's
/// 5 a second at once and one more for every 200 ms it lasted, and a caller at the documented
/// rate is never refused.
pub fn gcra_cells_in_redis_admit_a_burst_then_the_rate_across_two_instances(program: PathBuf) {
    block_on(gcra_two_instances(program));
}

async fn gcra_two_instances(program: PathBuf) {
    let redis = RedisServer::start(&program);
    let one = connect(&redis.url, "fleet", true).await;
    let two = connect(&redis.url, "fleet", true).await;
    let a = serve(app(one, OnStoreError::FailClosed)).await;
    let b = serve(app(two, OnStoreError::FailClosed)).await;
    let (statuses, elapsed) = burst(&[a, b], "shared", 64).await;
    let schedule = usize::try_from(elapsed.as_millis() / 200).unwrap();
    assert!(
        (5..=5 + schedule).contains(&admitted(&statuses)),
        "{statuses:?} in {elapsed:?}"
    );
    assert!(statuses.iter().all(|&s| s == 200 || s == 429));
    paced(a).await;
}

/// The GCRA tests' limit: 3 requests per 600 ms (one every 200 ms) per API key.
const THREE_PER_600_MS: &[errspec::RateLimit] = &[errspec::RateLimit {
    name: "three",
    requests: 3,
    window: Duration::from_millis(600),
    scope: errspec::Scope::ApiKey,
    routes: errspec::Routes::EVERY,
    unauthenticated: false,
    cost: errspec::Cost::ONE,
    per_endpoint: false,
}];

/// The caller of API key `key` under [`THREE_PER_600_MS`].
fn caller(key: &str) -> errspec::ratelimit::Counted<'_> {
    errspec::ratelimit::Counted {
        scope: errspec::Scope::ApiKey,
        bucket: "",
        key,
        limits: THREE_PER_600_MS,
        cost: 1,
    }
}

/// One request of `key` under [`THREE_PER_600_MS`], its states asked for.
async fn three_per_600_ms(store: &RedisStore, key: &str) -> errspec::ratelimit::Outcome {
    use errspec::ratelimit::{Acquire, Store};
    let groups = [caller(key)];
    let request = Acquire {
        groups: &groups,
        admitted_states: true,
    };
    store.acquire(request).await.expect("Redis answers")
}

/// What GCRA cells in Redis tell and keep, on the store itself, at 3 requests per 600 ms (one
/// every 200 ms): 3 of 5 at once, the state of the refusals, one more after 300 ms but not
/// two; a hash of well under 200 bytes whose expiry is the time until the caller is as good
/// as new, and which is gone after it.
pub fn gcra_cells_in_redis_tell_their_state_and_go_once_the_caller_is_as_good_as_new(
    program: PathBuf,
) {
    block_on(gcra_state(program));
}

async fn gcra_state(program: PathBuf) {
    let server = RedisServer::start(&program);
    let store = connect(&server.url, "cells", true).await;
    let acquire = async || three_per_600_ms(&store, "k").await;
    let start = Instant::now();
    let mut burst = Vec::new();
    for _ in 0..5 {
        burst.push(acquire().await);
    }
    let took = start.elapsed();
    let admitted: Vec<bool> = burst.iter().map(|o| o.admitted).collect();
    if took < Duration::from_millis(200) {
        assert_eq!(admitted, [true, true, true, false, false], "in {took:?}");
        let refused = &burst[4].states[0];
        assert_eq!(refused.remaining, 0);
        // The next request fits once the schedule is one interval (200 ms) on.
        assert!(
            refused.reset_after > Duration::ZERO
                && refused.reset_after <= Duration::from_millis(200),
            "{refused:?}"
        );
        assert_eq!(burst[0].states[0].remaining, 2, "{:?}", burst[0]);
    }
    let key = store.key(&caller("k"));
    assert_eq!(cli(&server, &["TYPE", &key]), "hash");
    let bytes: u64 = cli(&server, &["MEMORY", "USAGE", &key]).parse().unwrap();
    assert!(bytes < 200, "MEMORY USAGE {bytes}");
    // Until the schedule is back at the clock: 3 requests of 200 ms, at most 600 ms.
    let ttl: i64 = cli(&server, &["PTTL", &key]).parse().unwrap();
    assert!((1..=601).contains(&ttl), "PTTL {ttl}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let later = [acquire().await.admitted, acquire().await.admitted];
    if start.elapsed() < Duration::from_millis(500) {
        assert_eq!(later, [true, false], "one interval on, one more fits");
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(
        cli(&server, &["EXISTS", &key]),
        "0",
        "the caller is as good as new"
    );
}

/// GCRA cells kept past the script's rebase (a million seconds after their base, when
/// nanoseconds after it would soon lose exactness in Lua's numbers) move to the current
/// second and keep their place against the clock: a caller 10 s ahead of its schedule is
/// still refused and still 10 s ahead, and a caller whose cells fell behind is as good as new.
pub fn gcra_cells_in_redis_keep_their_place_when_their_base_moves(program: PathBuf) {
    block_on(gcra_rebase(program));
}

async fn gcra_rebase(program: PathBuf) {
    let server = RedisServer::start(&program);
    let store = connect(&server.url, "rebase", true).await;
    let now: u64 = cli(&server, &["TIME"])
        .lines()
        .next()
        .and_then(|s| s.parse().ok())
        .expect("TIME's seconds");
    let base = (now - 2_000_000).to_string();
    // 3 per 600 ms: a cell per limit, named by its requests and interval (200 ms).
    let field = "3/200000000";
    let ahead = (2_000_010u64 * 1_000_000_000).to_string();
    let behind = (1_999_000u64 * 1_000_000_000).to_string();
    for (key, tat) in [("ahead", &ahead), ("behind", &behind)] {
        let name = store.key(&caller(key));
        assert_eq!(
            cli(&server, &["HSET", &name, "base", &base, field, tat]),
            "2"
        );
    }
    let acquire = async |key| three_per_600_ms(&store, key).await;
    let ahead = acquire("ahead").await;
    assert!(!ahead.admitted, "10 s ahead of its schedule");
    // It fits again once its schedule is 400 ms (two intervals, `ahead`) from the clock:
    // 9.6 s after the second the cells were seeded in, less what of it had passed.
    let reset = ahead.states[0].reset_after;
    assert!(
        (Duration::from_millis(8_500)..=Duration::from_millis(9_600)).contains(&reset),
        "{ahead:?}"
    );
    let name = store.key(&caller("ahead"));
    let moved: u64 = cli(&server, &["HGET", &name, "base"]).parse().unwrap();
    assert!(moved >= now, "the base moved on: {moved} from {base}");
    let cell: f64 = cli(&server, &["HGET", &name, field]).parse().unwrap();
    let offset = cell / 1e9 - (now as f64 - moved as f64);
    assert!((9.0..=10.5).contains(&offset), "still 10 s ahead: {cell}");
    let behind = acquire("behind").await;
    assert!(behind.admitted, "{behind:?}");
    assert_eq!(behind.states[0].remaining, 2, "as good as new: {behind:?}");
}
