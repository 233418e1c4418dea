//! The exact sliding window: a limit of N requests per window W admits a request at time t
//! when fewer than N admitted requests lie in (t - W, t]. So no window of length W ever holds
//! more than N admitted requests, and a caller who never sends more than N in any such window
//! is never refused (refused requests do not count). It costs one time stamp per counted
//! request: at most N per caller and limit.

use crate::RateLimit;
use crate::runtime::LimitState;
use std::collections::VecDeque;
use std::time::Duration;

/// A window in nanoseconds, saturating (a window of centuries is still longer than any wait).
pub(crate) fn nanos(window: Duration) -> u64 {
    u64::try_from(window.as_nanos()).unwrap_or(u64::MAX)
}

/// The admitted requests of one caller under one limit that still count, oldest first, as
/// nanoseconds on the store's clock.
#[derive(Clone, Debug, Default)]
pub(crate) struct Log {
    times: VecDeque<u64>,
}

impl Log {
    /// Forgets the requests that left the window by `now`.
    fn prune(&mut self, window: u64, now: u64) {
        while self
            .times
            .front()
            .is_some_and(|&t| t.saturating_add(window) <= now)
        {
            self.times.pop_front();
        }
    }

    /// Whether no request of the log counts at `now` any more.
    pub(crate) fn is_idle(&self, window: u64, now: u64) -> bool {
        self.times
            .back()
            .is_none_or(|&t| t.saturating_add(window) <= now)
    }

    /// Where the caller stands under `limit` at `now`: requests left, and the time until the
    /// oldest counted request leaves the window (when one more request is let through).
    fn state(&self, limit: &RateLimit, now: u64) -> LimitState {
        let used = u32::try_from(self.times.len()).unwrap_or(u32::MAX);
        let reset_after = self.times.front().map_or(0, |&t| {
            t.saturating_add(nanos(limit.window)).saturating_sub(now)
        });
        LimitState {
            limit: *limit,
            remaining: limit.requests.saturating_sub(used),
            reset_after: Duration::from_nanos(reset_after),
        }
    }
}

/// The logs of one caller (or of everyone, for limits of scope `total`) and their limits,
/// index for index.
pub(crate) struct Group<'a> {
    pub(crate) logs: &'a mut [Log],
    pub(crate) limits: &'a [RateLimit],
}

/// Admits a request at `now` when every limit of every group has room, and counts it under
/// all of them; a refused request counts under none. Returns whether it was admitted and the
/// state of every limit afterwards, group by group.
pub(crate) fn acquire(groups: &mut [Group<'_>], now: u64) -> (bool, Vec<LimitState>) {
    let mut admitted = true;
    for group in groups.iter_mut() {
        for (log, limit) in group.logs.iter_mut().zip(group.limits) {
            log.prune(nanos(limit.window), now);
            admitted &= log.times.len() < limit.requests as usize;
        }
    }
    let mut states = Vec::with_capacity(groups.iter().map(|g| g.limits.len()).sum());
    for group in groups.iter_mut() {
        for (log, limit) in group.logs.iter_mut().zip(group.limits) {
            if admitted {
                log.times.push_back(now);
            }
            states.push(log.state(limit, now));
        }
    }
    (admitted, states)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scope;

    const SECOND: u64 = 1_000_000_000;

    fn limit(requests: u32, window: Duration) -> RateLimit {
        RateLimit {
            name: "test",
            requests,
            window,
            scope: Scope::ApiKey,
        }
    }

    /// Sends requests at `times` (nanoseconds, ascending) through `limits`; the admitted ones.
    fn run(limits: &[RateLimit], times: &[u64]) -> Vec<u64> {
        let mut logs = vec![Log::default(); limits.len()];
        let mut admitted = Vec::new();
        for &t in times {
            let mut groups = [Group {
                logs: &mut logs,
                limits,
            }];
            if acquire(&mut groups, t).0 {
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

    #[test]
    fn no_window_ever_holds_more_than_the_limit_and_no_refusal_is_spare() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200 {
            let requests = 1 + (next() % 8) as u32;
            let window = 1 + next() % (3 * SECOND);
            let limits = [limit(requests, Duration::from_nanos(window))];
            let mut t = 0;
            let times: Vec<u64> = (0..200)
                .map(|_| {
                    t += next() % (window / 2 + 1);
                    t
                })
                .collect();
            let admitted = run(&limits, &times);
            for (i, &a) in admitted.iter().enumerate() {
                if let Some(&later) = admitted.get(i + requests as usize) {
                    assert!(later - a >= window, "more than {requests} in {window} ns");
                }
            }
            for &r in times.iter().filter(|t| !admitted.contains(t)) {
                let counted = admitted
                    .iter()
                    .filter(|&&a| a <= r && a + window > r)
                    .count();
                assert_eq!(counted, requests as usize, "refused at {r} with room");
            }
        }
    }

    #[test]
    fn states_say_what_is_left_and_when_the_next_request_fits() {
        let limits = [limit(2, Duration::from_secs(10))];
        let mut logs = vec![Log::default()];
        let mut at = |t: u64| {
            acquire(
                &mut [Group {
                    logs: &mut logs,
                    limits: &limits,
                }],
                t,
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
        assert!(logs[0].is_idle(nanos(limits[0].window), 20 * SECOND));
        assert!(!logs[0].is_idle(nanos(limits[0].window), 19 * SECOND));
    }

    #[test]
    fn a_refusal_by_one_limit_counts_under_none() {
        let tight = limit(1, Duration::from_secs(10));
        let loose = limit(2, Duration::from_secs(10));
        let admitted = run(&[loose, tight], &[0, 1, 2, 10 * SECOND, 10 * SECOND + 1]);
        assert_eq!(admitted, vec![0, 10 * SECOND]);
    }
}
