//! The GCRA window against what it promises, on random traffic checked against a log of every
//! admission (the exact window's reference), and its size.

use super::*;
use crate::ratelimit::ring::tests::{SECOND, generator, limit, reference};
use crate::ratelimit::window::{Group, acquire};

/// Sends requests at `times` (microseconds, ascending) through `limits` over one caller's
/// cells; the admitted ones. Every other request asks for states: the decisions are the same.
fn run(limits: &[RateLimit], times: &[u64]) -> Vec<u64> {
    let mut cells = Cells::default();
    let mut admitted = Vec::new();
    for &t in times {
        let mut groups = [Group {
            window: &mut cells,
            plan: Cells::plan(limits),
            limits,
            cost: 1,
        }];
        if acquire(&mut groups, t, t % 2 == 0).0 {
            admitted.push(t);
        }
    }
    admitted
}

/// Random limits (one to three) and 300 requests under them, as the ring's tests draw them.
fn traffic(next: &mut impl FnMut() -> u64) -> (Vec<RateLimit>, Vec<u64>) {
    let limits: Vec<RateLimit> = (0..1 + next() % 3)
        .map(|_| {
            let requests = 1 + (next() % 40) as u32;
            limit(requests, Duration::from_micros(1 + next() % (3 * SECOND)))
        })
        .collect();
    let longest = limits.iter().map(|l| l.window.as_micros() as u64).max();
    let mut t = 0;
    let times = (0..300)
        .map(|_| {
            t += next() % (longest.unwrap_or(1) / 3 + 1);
            t
        })
        .collect();
    (limits, times)
}

#[test]
fn a_caller_within_every_limit_is_never_refused() {
    let mut next = generator();
    for _ in 0..200 {
        let (limits, times) = traffic(&mut next);
        // What the exact window admits never holds more than a limit in any window: such a
        // caller is within every limit, and the cells let all of it through.
        let within = reference(&limits, &times);
        assert_eq!(run(&limits, &within), within, "limits {limits:?}");
    }
}

#[test]
fn no_window_holds_more_than_twice_a_limit() {
    let mut next = generator();
    let mut over = 0;
    for _ in 0..200 {
        let (limits, times) = traffic(&mut next);
        let admitted = run(&limits, &times);
        for l in &limits {
            let (twice, window) = (2 * l.requests as usize, l.window.as_micros() as u64);
            for (i, &a) in admitted.iter().enumerate() {
                if let Some(&later) = admitted.get(i + twice) {
                    assert!(later - a >= window, "more than {twice} in {window} µs");
                }
                // Over the exact window's limit: what the approximation costs.
                if let Some(&later) = admitted.get(i + l.requests as usize) {
                    over += usize::from(later - a < window);
                }
            }
        }
    }
    assert!(over > 0, "the random traffic never went past a limit");
}

#[test]
fn a_burst_of_the_limit_then_one_every_window_over_the_limit() {
    // 5 a second: 5 at once, then one every 200 ms; within the first second, 5 + 4 = 9 where
    // the exact window admits 5.
    let per_second = [limit(5, Duration::from_secs(1))];
    let times: Vec<u64> = (0..30).map(|i| i * SECOND / 100).collect();
    let admitted = run(&per_second, &times);
    let first_second = admitted.iter().filter(|&&t| t < SECOND).count();
    assert_eq!(admitted[..5], times[..5]);
    assert_eq!(
        admitted[5],
        2 * SECOND / 10,
        "the sixth once 200 ms went by"
    );
    assert!(first_second <= 10);
    let burst: Vec<u64> = (0..10).map(|i| i * 10).chain([SECOND * 15 / 100]).collect();
    assert_eq!(run(&per_second, &burst).len(), 5, "no sixth within 200 ms");
    // Nearly twice the limit in one window: 5 at once, then 4 more 200 ms apart within the
    // second (the tenth, at 1 s, is in the next).
    let paced: Vec<u64> = [0; 5]
        .into_iter()
        .chain((1..=5).map(|i| i * SECOND / 5))
        .collect();
    let admitted = run(&per_second, &paced);
    let in_a_second = admitted.iter().filter(|&&t| t < SECOND).count();
    assert_eq!(in_a_second, 9, "{admitted:?}");
}

#[test]
fn states_say_what_is_left_and_when_the_next_request_fits() {
    let limits = [limit(2, Duration::from_secs(10))];
    let mut cells = Cells::default();
    let mut request = |t: u64, cost: u32| {
        let mut groups = [Group {
            window: &mut cells,
            plan: Cells::plan(&limits),
            limits: &limits,
            cost,
        }];
        let (admitted, states) = acquire(&mut groups, t, true);
        (admitted, states[0].remaining, states[0].reset_after)
    };
    // A new caller: nothing used, nothing to wait for.
    assert_eq!(request(0, 0), (true, 2, Duration::ZERO));
    // One used: one left, and the used one is back after 5 s (one every 10 s / 2).
    assert_eq!(request(0, 1), (true, 1, Duration::from_secs(5)));
    assert_eq!(request(SECOND, 1), (true, 0, Duration::from_secs(4)));
    // Full: refused, and the next request fits 4 s later (at 5 s, a third within 10 s: what
    // the approximation lets through); one of cost 2 at 10 s.
    assert_eq!(request(SECOND, 1), (false, 0, Duration::from_secs(4)));
    assert_eq!(request(SECOND, 2), (false, 0, Duration::from_secs(9)));
    assert_eq!(request(10 * SECOND, 1), (true, 1, Duration::from_secs(5)));
    // A request that costs more than the limit never fits.
    assert!(!request(100 * SECOND, 3).0);
}

#[test]
fn a_group_of_more_than_four_limits_keeps_the_others_on_the_heap() {
    // Seven limits; the seventh, 1 a minute, is the tightest.
    let limits: Vec<RateLimit> = (0..7)
        .map(|i| match i {
            6 => limit(1, Duration::from_secs(60)),
            _ => limit(100, Duration::from_secs(1)),
        })
        .collect();
    let admitted = run(&limits, &[0, SECOND, 59 * SECOND, 60 * SECOND]);
    assert_eq!(admitted, vec![0, 60 * SECOND]);
    let mut cells = Cells::default();
    cells.set(6, 7);
    assert_eq!((cells.get(6), cells.get(5), cells.get(9)), (7, 0, 0));
    assert_eq!(cells.heap_bytes(), 3 * std::mem::size_of::<u64>());
    assert_eq!(Cells::default().heap_bytes(), 0);
}

#[test]
fn cells_are_idle_once_every_schedule_is_behind_the_clock() {
    let limits = [
        limit(2, Duration::from_secs(1)),
        limit(10, Duration::from_secs(60)),
    ];
    let mut cells = Cells::default();
    assert_eq!(cells.idle_from(None), 0);
    let plan = Cells::plan(&limits);
    let (now, room) = cells.room(&plan, &limits, 3, 1);
    assert!(room);
    cells.record(&plan, &limits, now, 1);
    // The minute's schedule is 6 s on from 3 µs.
    assert_eq!(cells.idle_from(None), 6 * SECOND + 3);
}

#[test]
fn a_callers_cells_and_id_are_one_cache_line() {
    assert_eq!(std::mem::size_of::<Cells>(), 48);
}
