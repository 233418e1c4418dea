//! Memory of the rate-limit state, per caller at a full limit: Muse Finance's 600 requests per
//! 5 minutes, counted per API key, for 100,000 callers (BENCHMARKS.md, section 7).
//!
//! - In process: the heap a `MemoryStore` holds after every caller sent 600 requests, counted
//!   by a global allocator that tracks live bytes (the rings and the map), and the same for
//!   the approximate `GcraStore` (the map of its 64-byte entries).
//! - In Redis: `MEMORY USAGE` of one caller's ring after 600 real requests through
//!   `RedisStore`, then `used_memory` (`INFO memory`) after 100,000 such rings, written as
//!   copies of that one (`SET`, pipelined), against an empty Redis; the same for
//!   `RedisStore::gcra`'s hash of cells (`HSET`).
//!
//! `cargo bench -p errspec-bench --bench ratelimit_memory` (needs `redis-server` for the second
//! part; without it, says so and measures the first). `CALLERS=1000` for a quick run.

use errspec::RateLimit;
use errspec::Scope;
use errspec::ratelimit::{Acquire, Counted, GcraStore, MemoryStore, RedisStore, Store};
use std::alloc::{GlobalAlloc, Layout, System};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Duration;

/// The system allocator, counting the bytes it has handed out and not got back.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller's contract for `alloc` is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller's contract for `dealloc` is passed on unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Muse Finance's documented limit, counted per API key.
const LIMIT: RateLimit = RateLimit {
    name: "requests",
    requests: 600,
    window: Duration::from_secs(300),
    scope: Scope::ApiKey,
    routes: errspec::Routes::EVERY,
    unauthenticated: false,
    cost: errspec::Cost::ONE,
    per_endpoint: false,
};

fn callers() -> usize {
    std::env::var("CALLERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

fn in_process(callers: usize) {
    let before = LIVE.load(Ordering::Relaxed);
    let store = MemoryStore::new();
    fill(callers, |request| store.count(request).admitted);
    let live = LIVE.load(Ordering::Relaxed) - before;
    println!(
        "in process: {callers} callers at 600 requests: {live} bytes live, {:.0} bytes a caller \
         ({:.0} of them the rings)",
        live as f64 / callers as f64,
        store.ring_bytes() as f64 / callers as f64,
    );
    assert_eq!(store.callers(), callers);
    // The approximate store, the same callers: a GCRA cell each, in the entry.
    let before = LIVE.load(Ordering::Relaxed);
    let store = GcraStore::new();
    fill(callers, |request| store.count(request).admitted);
    let live = LIVE.load(Ordering::Relaxed) - before;
    println!(
        "in process, GcraStore: {callers} callers at 600 requests: {live} bytes live, {:.0} bytes \
         a caller",
        live as f64 / callers as f64,
    );
    assert_eq!(store.callers(), callers);
}

/// Sends 600 requests for each of `callers` API keys through `count`, each admitted.
fn fill(callers: usize, count: impl Fn(&Acquire<'_>) -> bool) {
    let limits = [LIMIT];
    for caller in 0..callers {
        let key = format!("sk_live_{caller:08}");
        let groups = [Counted {
            scope: Scope::ApiKey,
            bucket: "",
            key: &key,
            limits: &limits,
            cost: 1,
        }];
        for _ in 0..LIMIT.requests {
            assert!(count(&Acquire {
                groups: &groups,
                admitted_states: true,
            }));
        }
    }
}

/// `redis-cli -p port args...`'s output.
fn ask(port: u16, args: &[&str]) -> String {
    let output = Command::new("redis-cli")
        .args(["-h", "127.0.0.1", "-p", &port.to_string()])
        .args(args)
        .output()
        .expect("redis-cli runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn used_memory(port: u16) -> i64 {
    ask(port, &["INFO", "memory"])
        .lines()
        .find_map(|l| l.strip_prefix("used_memory:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("used_memory")
}

fn in_redis(callers: usize) {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("its address").port()
    };
    let child = Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        println!("in Redis: not measured, redis-server is not installed");
        return;
    };
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let url = format!("redis://127.0.0.1:{port}/");
    let client = redis::Client::open(url.as_str()).expect("a client");
    let mut connection = client.get_connection().expect("a connection");
    let store = runtime
        .block_on(RedisStore::connect(&url, "muse"))
        .expect("connects");

    // The exact rings: copies of the first caller's string.
    let empty = used_memory(port);
    let key = first_caller(&runtime, &store, port, "in Redis: one caller's ring");
    let ring: Vec<u8> = redis::cmd("GET")
        .arg(&key)
        .query(&mut connection)
        .expect("the ring");
    copies(&mut connection, &key, callers, |pipe, other| {
        pipe.cmd("SET")
            .arg(other)
            .arg(&ring)
            .arg("PX")
            .arg(301_000)
            .ignore();
    });
    report(port, empty, callers, "in Redis");

    // GCRA cells: copies of the first caller's hash, each expiring as the store sets it.
    let () = redis::cmd("FLUSHALL")
        .query(&mut connection)
        .expect("an empty Redis");
    let store = store.gcra();
    let empty = used_memory(port);
    let label = "in Redis, RedisStore::gcra";
    let key = first_caller(
        &runtime,
        &store,
        port,
        &format!("{label}: one caller's cells"),
    );
    let cells: Vec<(String, String)> = redis::cmd("HGETALL")
        .arg(&key)
        .query(&mut connection)
        .expect("the cells");
    copies(&mut connection, &key, callers, |pipe, other| {
        pipe.cmd("HSET").arg(other).arg(&cells).ignore();
        pipe.cmd("PEXPIRE").arg(other).arg(301_000).ignore();
    });
    report(port, empty, callers, label);
    let _ = child.kill();
    let _ = child.wait();
}

/// Sends the first caller's 600 requests through `store` and prints `MEMORY USAGE` of its
/// key, which it returns.
fn first_caller(
    runtime: &tokio::runtime::Runtime,
    store: &RedisStore,
    port: u16,
    label: &str,
) -> String {
    let limits = [LIMIT];
    let groups = [Counted {
        scope: Scope::ApiKey,
        bucket: "",
        key: "sk_live_00000000",
        limits: &limits,
        cost: 1,
    }];
    for _ in 0..LIMIT.requests {
        let outcome = runtime
            .block_on(store.acquire(Acquire {
                groups: &groups,
                admitted_states: true,
            }))
            .expect("Redis answers");
        assert!(outcome.admitted);
    }
    let key = store.key(&groups[0]);
    let usage = ask(port, &["MEMORY", "USAGE", &key]);
    println!(
        "{label} after 600 requests: MEMORY USAGE {} bytes",
        usage.trim()
    );
    key
}

/// Writes the other callers' state, each a copy of `key`'s under its own name (`write`, into
/// a pipe), in batches of 1,000 through one connection.
fn copies(
    connection: &mut redis::Connection,
    key: &str,
    callers: usize,
    write: impl Fn(&mut redis::Pipeline, &str),
) {
    for batch in (1..callers).collect::<Vec<_>>().chunks(1000) {
        let mut pipe = redis::pipe();
        for caller in batch {
            write(&mut pipe, &key.replace("00000000", &format!("{caller:08}")));
        }
        let () = pipe.query(connection).expect("the copies");
    }
}

/// Prints how much `used_memory` grew since `empty`, for `callers`.
fn report(port: u16, empty: i64, callers: usize, label: &str) {
    let used = used_memory(port) - empty;
    println!(
        "{label}: {callers} callers at 600 requests: used_memory grew {used} bytes, {:.0} a caller",
        used as f64 / callers as f64
    );
}

fn main() {
    let callers = callers();
    in_process(callers);
    in_redis(callers);
}
