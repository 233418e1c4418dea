//! The in-process store alone, without the layer or HTTP around it: `MemoryStore::count` (and
//! the approximate `GcraStore::count`) for one admitted request against governor's keyed
//! limiter (`RateLimiter::keyed`, the store under
//! tower_governor) for one, over one key and over 10,000 keys in turn, under a limit no run
//! reaches (a billion a second), as `ratelimit/admitted/*` runs the layers (BENCHMARKS.md,
//! section 7). A plain loop, not criterion: seven rounds of 2,000,000 requests per store, the
//! median and fastest round's time per request; the stores alternate round by round, so that
//! the machine's load falls on both.
//!
//! `cargo bench -p errspec-bench --bench ratelimit_store`; `KEYS=10000` runs one case (any
//! number of keys),
//! `TOKENS=1` uses keys of 40 bytes (`ghp_` and 36 digits, the length of GitHub's tokens)
//! instead of `key-0` to `key-9999`.
use errspec::ratelimit::{Acquire, Counted, GcraStore, MemoryStore};
use errspec::{RateLimit, Routes, Scope};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A limit no run reaches: every request is admitted.
const LIMITS: &[RateLimit] = &[RateLimit {
    name: "unreached",
    requests: 1_000_000_000,
    window: Duration::from_secs(1),
    scope: Scope::ApiKey,
    routes: Routes::EVERY,
    unauthenticated: false,
    cost: errspec::Cost::ONE,
    per_endpoint: false,
}];

/// Requests per round and store.
const REQUESTS: usize = 2_000_000;

/// Rounds per store; the median is the fourth fastest.
const ROUNDS: usize = 7;

fn main() {
    let only: Option<usize> = std::env::var("KEYS").ok().and_then(|v| v.parse().ok());
    let tokens = std::env::var("TOKENS").is_ok_and(|v| v == "1");
    let cases = match only {
        Some(keys) => vec![keys],
        None => vec![1, 10_000],
    };
    for keys in cases {
        // `key-0`, `key-1`, …, or with `TOKENS=1` keys of 40 bytes, as GitHub's tokens are.
        let names: Vec<String> = (0..keys)
            .map(|i| match tokens {
                true => format!("ghp_{i:036}"),
                false => format!("key-{i}"),
            })
            .collect();
        let store = MemoryStore::new();
        let gcra = GcraStore::new();
        let quota = governor::Quota::per_second(std::num::NonZeroU32::new(1_000_000_000).unwrap());
        let governor = governor::RateLimiter::keyed(quota);
        let (mut errspec_ns, mut gcra_ns, mut governor_ns) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            errspec_ns.push(round(|request| store.count(request), &names));
            gcra_ns.push(round(|request| gcra.count(request), &names));
            let start = Instant::now();
            for i in 0..REQUESTS {
                black_box(governor.check_key(&names[i % keys]).is_ok());
            }
            governor_ns.push(start.elapsed().as_nanos() as f64 / REQUESTS as f64);
        }
        errspec_ns.sort_by(f64::total_cmp);
        gcra_ns.sort_by(f64::total_cmp);
        governor_ns.sort_by(f64::total_cmp);
        println!(
            "ratelimit_store/{keys}_keys: MemoryStore {:.1} ns (fastest {:.1}), governor keyed {:.1} ns (fastest {:.1}), ratio {:.2}; GcraStore {:.1} ns (fastest {:.1}), ratio {:.2}",
            errspec_ns[ROUNDS / 2],
            errspec_ns[0],
            governor_ns[ROUNDS / 2],
            governor_ns[0],
            errspec_ns[ROUNDS / 2] / governor_ns[ROUNDS / 2],
            gcra_ns[ROUNDS / 2],
            gcra_ns[0],
            gcra_ns[ROUNDS / 2] / governor_ns[ROUNDS / 2],
        );
    }
}

/// One round of `REQUESTS` requests through `count`, over `names` in turn: nanoseconds per
/// request.
fn round<O>(count: impl Fn(&Acquire<'_>) -> O, names: &[String]) -> f64 {
    let start = Instant::now();
    for i in 0..REQUESTS {
        let groups = [Counted {
            scope: Scope::ApiKey,
            bucket: "",
            key: &names[i % names.len()],
            limits: LIMITS,
            cost: 1,
        }];
        black_box(count(&Acquire {
            groups: &groups,
            admitted_states: false,
        }));
    }
    start.elapsed().as_nanos() as f64 / REQUESTS as f64
}
