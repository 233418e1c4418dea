//! The ring against the promise of the exact sliding window, on random traffic, and its size.

use super::*;
use crate::Scope;
use crate::ratelimit::window::{Group, acquire};

pub(crate) const SECOND: u64 = 1_000_000;

pub(crate) fn limit(requests: u32, window: Duration) -> RateLimit {
    RateLimit {
        name: "test",
        requests,
        window,
        scope: Scope::ApiKey,
        routes: crate::Routes::EVERY,
        unauthenticated: false,
        cost: crate::Cost::ONE,
        per_endpoint: false,
    }
}

/// Sends requests at `times` (microseconds, ascending) through `limits`; the admitted ones.
/// Every other request asks for no states when admitted: the decisions are the same.
fn run(limits: &[RateLimit], times: &[u64]) -> Vec<u64> {
    let plan = Plan::new(limits);
    let mut ring = Ring::default();
    let mut admitted = Vec::new();
    for &t in times {
        let mut groups = [Group {
            window: &mut ring,
            plan,
            limits,
            cost: 1,
        }];
        if acquire(&mut groups, t, t % 2 == 0).0 {
            admitted.push(t);
        }
    }
    admitted
}

/// What an unbounded log of every admission admits: a request at `t` when fewer than
/// `requests` admitted ones lie in `(t - window, t]`, under every limit.
pub(crate) fn reference(limits: &[RateLimit], times: &[u64]) -> Vec<u64> {
    let mut admitted: Vec<u64> = Vec::new();
    for &t in times {
        let room = limits.iter().all(|l| {
            let window = micros(l.window);
            let counted = admitted.iter().filter(|&&a| a + window > t).count();
            counted < l.requests as usize
        });
        if room {
            admitted.push(t);
        }
    }
    admitted
}

#[test]
fn five_per_second_admits_five_in_any_second_where_a_burst_bucket_admits_nine() {
    // One request every 100 ms: GCRA with a burst of 5 admits 9 in the first 0.9 s.
    let times: Vec<u64> = (0..30).map(|i| i * SECOND / 10).collect();
    let admitted = run(&[limit(5, Duration::from_secs(1))], &times);
    let first_second = admitted.iter().filter(|&&t| t < SECOND).count();
    assert_eq!(first_second, 5);
    for (i, &t) in admitted.iter().enumerate() {
        let in_window = admitted[i..]
            .iter()
            .take_while(|&&u| u < t + SECOND)
            .count();
        assert!(
            in_window <= 5,
            "{in_window} admitted in the second from {t}"
        );
    }
}

#[test]
fn a_caller_at_the_documented_rate_is_never_refused() {
    let per_second = limit(5, Duration::from_secs(1));
    let per_minute = limit(60, Duration::from_secs(60));
    // 5 per second would be 300 a minute: pace at the tighter of the two, 1 per second.
    let times: Vec<u64> = (0..300).map(|i| i * SECOND).collect();
    assert_eq!(run(&[per_second, per_minute], &times), times);
    // Exactly 5 in every second, back to back.
    let burst: Vec<u64> = (0..50).map(|i| (i / 5) * SECOND + i % 5).collect();
    assert_eq!(run(&[per_second], &burst), burst);
}

/// A xorshift generator: reproducible traffic.
pub(crate) fn generator() -> impl FnMut() -> u64 {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

#[test]
fn no_window_ever_holds_more_than_any_limit_and_no_refusal_is_spare() {
    let mut next = generator();
    for _ in 0..200 {
        // One to three limits of different sizes over one ring, as a caller's limits are:
        // small ones, and ones whose times outgrow the ring's first buffer, so that it grows
        // and wraps.
        let limits: Vec<RateLimit> = (0..1 + next() % 3)
            .map(|_| {
                let most = if next().is_multiple_of(2) { 8 } else { 40 };
                let requests = 1 + (next() % most) as u32;
                limit(requests, Duration::from_micros(1 + next() % (3 * SECOND)))
            })
            .collect();
        let longest = limits.iter().map(|l| micros(l.window)).max().unwrap_or(1);
        // Requests spread over the windows, or close together (up to 20 ms apart), so that
        // the newest times beside the ring's header are kept both ways (`recent.rs`).
        let spread = match next().is_multiple_of(2) {
            true => longest / 3 + 1,
            false => 20_000,
        };
        let mut t = 0;
        let times: Vec<u64> = (0..300)
            .map(|_| {
                t += next() % spread;
                t
            })
            .collect();
        let admitted = run(&limits, &times);
        assert_eq!(admitted, reference(&limits, &times));
        for l in &limits {
            let (requests, window) = (l.requests as usize, micros(l.window));
            for (i, &a) in admitted.iter().enumerate() {
                if let Some(&later) = admitted.get(i + requests) {
                    assert!(later - a >= window, "more than {requests} in {window} µs");
                }
            }
        }
        for &r in times.iter().filter(|t| !admitted.contains(t)) {
            let full = limits.iter().any(|l| {
                let counted = admitted
                    .iter()
                    .filter(|&&a| a <= r && a + micros(l.window) > r)
                    .count();
                counted == l.requests as usize
            });
            assert!(full, "refused at {r} with room under every limit");
        }
    }
}

/// When the buffer is full and makes room by forgetting the times no limit counts, a time
/// one tick short of the longest window stays: it still counts.
#[test]
fn a_time_a_tick_inside_the_window_is_not_forgotten() {
    let limits = [limit(40, Duration::from_micros(1_000))];
    // 0 leaves the window at 1,000; 1 is counted until 1,001. The burst at 1,000 moves its
    // times into the buffer twice; the second time the buffer is full and forgets 0 only.
    let times: Vec<u64> = [0, 1].into_iter().chain([1_000; 45]).collect();
    let admitted = run(&limits, &times);
    assert_eq!(admitted, reference(&limits, &times));
    assert_eq!(admitted.iter().filter(|&&t| t == 1_000).count(), 39);
}

#[test]
fn states_say_what_is_left_and_when_the_next_request_fits() {
    let limits = [limit(2, Duration::from_secs(10))];
    let plan = Plan::new(&limits);
    let mut ring = Ring::default();
    let mut at = |t: u64| {
        acquire(
            &mut [Group {
                window: &mut ring,
                plan,
                limits: &limits,
                cost: 1,
            }],
            t,
            true,
        )
    };
    let (ok, states) = at(0);
    assert!(ok);
    assert_eq!(states[0].remaining, 1);
    assert_eq!(states[0].reset_after, Duration::from_secs(10));
    assert!(at(4 * SECOND).0);
    let (ok, states) = at(5 * SECOND);
    assert!(!ok);
    assert_eq!(states[0].remaining, 0);
    assert_eq!(states[0].reset_after, Duration::from_secs(5));
    assert!(at(10 * SECOND).0, "the first request left the window");
    assert!(ring.is_idle(&plan, 20 * SECOND));
    assert!(!ring.is_idle(&plan, 19 * SECOND));
}

#[test]
fn a_refusal_by_one_limit_counts_under_none() {
    let tight = limit(1, Duration::from_secs(10));
    let loose = limit(2, Duration::from_secs(10));
    let admitted = run(&[loose, tight], &[0, 1, 2, 10 * SECOND, 10 * SECOND + 1]);
    assert_eq!(admitted, vec![0, 10 * SECOND]);
}

#[test]
fn one_caller_at_muse_finances_full_limit_keeps_2400_bytes_of_times() {
    // 600 requests per 5 minutes, all in the window: the ring is full.
    let limits = [limit(600, Duration::from_secs(300))];
    let plan = Plan::new(&limits);
    assert_eq!(plan.tick_micros, 1);
    let mut ring = Ring::default();
    for i in 0..600 {
        let mut groups = [Group {
            window: &mut ring,
            plan,
            limits: &limits,
            cost: 1,
        }];
        assert!(acquire(&mut groups, i * 100_000, true).0);
    }
    // 600 times of 4 bytes, 100 ms apart: the newest six beside the header (too far apart
    // to keep eleven) and 594 in the buffer, which has room for all 600 (and its own head
    // and length).
    assert_eq!((ring.recent.len(), ring.len), (6, 594));
    assert_eq!(ring.heap_bytes(), 2400 + std::mem::size_of::<Buffer>());
    assert_eq!(std::mem::size_of::<Ring>(), 48);
}

#[test]
fn offsets_move_their_base_and_long_windows_tick_coarser() {
    // Hours of traffic, far past the 2^31 ticks an offset reaches from one base: the ring
    // admits exactly what a log of every admission would.
    let per_minute = [limit(3, Duration::from_secs(60))];
    let times: Vec<u64> = (0..20_000).map(|i| i * 400_000 + i % 7).collect();
    assert_eq!(run(&per_minute, &times), reference(&per_minute, &times));
    // And bursts of five a millisecond apart, whose times beside the ring's header are kept
    // as distances from the first (`recent.rs`) when the base moves.
    let thirty = [limit(30, Duration::from_secs(60))];
    let bursts: Vec<u64> = (0..1_500)
        .map(|i| i / 5 * 10 * SECOND + i % 5 * 1_000)
        .collect();
    assert_eq!(run(&thirty, &bursts), reference(&thirty, &bursts));
    // A day's window ticks every 41 µs so that it spans at most 2^31 ticks.
    let per_day = [limit(2, Duration::from_secs(86_400))];
    let plan = Plan::new(&per_day);
    assert_eq!(plan.tick_micros, 86_400 * SECOND / (1 << 31) + 1);
    assert!(plan.longest <= 1 << 31);
    let day = 86_400 * SECOND;
    let admitted = run(&per_day, &[0, 1, 2, day - 100, day + 41, day + 83]);
    assert_eq!(admitted, vec![0, 1, day + 41, day + 83]);
}

#[test]
fn the_newest_limits_resize_the_ring_and_keep_the_newest_times() {
    let mut ring = Ring::default();
    let small = [limit(2, Duration::from_secs(10))];
    let large = [limit(4, Duration::from_secs(10))];
    for (t, limits) in [(0, &small), (1, &small), (2, &large), (3, &large)] {
        let mut groups = [Group {
            window: &mut ring,
            plan: Plan::new(limits),
            limits,
            cost: 1,
        }];
        assert!(acquire(&mut groups, t, true).0, "at {t}");
    }
    let mut groups = [Group {
        window: &mut ring,
        plan: Plan::new(&large),
        limits: &large,
        cost: 1,
    }];
    assert!(!acquire(&mut groups, 4, true).0, "four in the window");
}

/// Requests at `times` (microseconds, ascending), each with its cost, through `limits`; the
/// admitted ones, and the state of each limit after each request.
fn run_costed(limits: &[RateLimit], times: &[(u64, u32)]) -> (Vec<(u64, u32)>, Vec<LimitState>) {
    let plan = Plan::new(limits);
    let mut ring = Ring::default();
    let (mut admitted, mut last) = (Vec::new(), Vec::new());
    for &(t, cost) in times {
        let mut groups = [Group {
            window: &mut ring,
            plan,
            limits,
            cost,
        }];
        let (ok, states) = acquire(&mut groups, t, true);
        if ok {
            admitted.push((t, cost));
        }
        last = states;
    }
    (admitted, last)
}

/// What an unbounded log admits when a request counts as its cost: one at `t` when the costs
/// of the admitted ones in `(t - window, t]` and its own add up to at most `requests`.
fn reference_costed(limits: &[RateLimit], times: &[(u64, u32)]) -> Vec<(u64, u32)> {
    let mut admitted: Vec<(u64, u32)> = Vec::new();
    for &(t, cost) in times {
        let room = limits.iter().all(|l| {
            let window = micros(l.window);
            let counted: u32 = admitted
                .iter()
                .filter(|&&(a, _)| a + window > t)
                .map(|&(_, c)| c)
                .sum();
            counted + cost <= l.requests
        });
        if room {
            admitted.push((t, cost));
        }
    }
    admitted
}

/// GitHub's points: a request of cost 5 counts as five; the ring admits exactly what a log of
/// every admission with its cost admits, on random traffic.
#[test]
fn a_request_counts_as_its_cost() {
    let points = [limit(12, Duration::from_secs(1))];
    // Two writes (10 points) leave 2: a third write is refused, two reads are let through.
    let at = |i: u64, cost| (i * 1000, cost);
    let (admitted, states) = run_costed(
        &points,
        &[at(0, 5), at(1, 5), at(2, 5), at(3, 1), at(4, 1), at(5, 1)],
    );
    assert_eq!(admitted, [at(0, 5), at(1, 5), at(3, 1), at(4, 1)]);
    assert_eq!(states[0].remaining, 0);
    // With 1 point left, a write lacks 4: it has room once four counted points have left,
    // those of the first write, a second after it was recorded (3 ms before the refusal).
    let (_, states) = run_costed(&points, &[at(0, 5), at(1, 5), at(2, 1), at(3, 5)]);
    assert_eq!(states[0].remaining, 1);
    assert_eq!(states[0].reset_after, Duration::from_micros(SECOND - 3000));
    let mut next = generator();
    for _ in 0..200 {
        let limits: Vec<RateLimit> = (0..1 + next() % 2)
            .map(|_| {
                let requests = 3 + (next() % 10) as u32;
                limit(requests, Duration::from_micros(1 + next() % (3 * SECOND)))
            })
            .collect();
        let longest = limits.iter().map(|l| micros(l.window)).max().unwrap_or(1);
        let mut t = 0;
        let times: Vec<(u64, u32)> = (0..300)
            .map(|_| {
                t += next() % (longest / 5 + 1);
                (t, 1 + (next() % 3) as u32)
            })
            .collect();
        assert_eq!(
            run_costed(&limits, &times).0,
            reference_costed(&limits, &times)
        );
    }
}
