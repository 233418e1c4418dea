//! The approximate window of [`GcraStore`](super::GcraStore): one GCRA cell per limit (the
//! generic cell rate algorithm, which governor keeps), 8 bytes a limit whatever the number of
//! requests it counts.
//!
//! A limit of N requests per window W is a schedule of one request every `T = W / N` (whole
//! nanoseconds, rounded down, at least one): a request of cost c is let through when its last
//! unit is due no more than `(N − 1)·T` ahead of now, and moves the caller's theoretical
//! arrival time (`tat`) on by `c·T` from the later of `tat` and now. Against the exact window
//! (`ring.rs`):
//! - a caller who never sends more than N in a window of length W is never refused: in any
//!   span of length L such traffic holds at most `N·(1 + ⌊L / W⌋) ≤ N + L / T` requests,
//!   which is what the schedule lets through;
//! - a window of length W holds at most 2N admitted requests (N at once, then one every T),
//!   where the exact window holds N.
//!
//! The tests check both against a log of every admission on random traffic.

use super::ring::nanos;
use super::window::{Window, lacking};
use crate::RateLimit;
use crate::runtime::LimitState;
use std::time::Duration;

/// Limits whose cells sit beside the caller's id in its entry; a group's further limits keep
/// theirs on the heap.
const INLINE: usize = 4;

/// The cells of one caller's group of limits: each limit's theoretical arrival time, in
/// nanoseconds on the store's clock (0 for a caller as good as new).
///
/// 48 bytes, so that the caller's entry (its id and its cells) is one cache line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cells {
    inline: [u64; INLINE],
    more: Option<Box<[u64]>>,
}

/// The schedules of a group's first limits (those whose cells sit in the entry), worked out
/// once per request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Plan([Schedule; INLINE]);

impl Plan {
    /// The schedule of `limits[index]`, one of the limits the plan was made of.
    fn schedule(&self, limits: &[RateLimit], index: usize) -> Schedule {
        match self.0.get(index) {
            Some(schedule) => *schedule,
            None => Schedule::of(&limits[index]),
        }
    }
}

/// A limit as a schedule: one request every `interval` nanoseconds, up to `ahead` nanoseconds
/// ahead of it. The Redis store's GCRA script (`redis/gcra.lua`) keeps the same schedules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Schedule {
    pub(crate) interval: u64,
    pub(crate) ahead: u64,
    requests: u32,
}

impl Schedule {
    pub(crate) fn of(limit: &RateLimit) -> Self {
        let window = nanos(limit.window);
        // Rounded down, never slower than the limit: a caller within it is never refused.
        let interval = (window / u64::from(limit.requests.max(1))).max(1);
        Self {
            interval,
            ahead: interval.saturating_mul(u64::from(limit.requests.saturating_sub(1))),
            requests: limit.requests,
        }
    }

    /// Whether a request of `cost` at `now` fits, the cell at `tat`: its last unit is due
    /// no more than `ahead` after now. A request that costs nothing always fits.
    fn fits(&self, tat: u64, now: u64, cost: u32) -> bool {
        if cost == 0 {
            return true;
        }
        let last = tat
            .max(now)
            .saturating_add(self.interval.saturating_mul(u64::from(cost - 1)));
        cost <= self.requests && last <= now.saturating_add(self.ahead)
    }

    /// The cell after a request of `cost` at `now`.
    fn after(&self, tat: u64, now: u64, cost: u32) -> u64 {
        tat.max(now)
            .saturating_add(self.interval.saturating_mul(u64::from(cost)))
    }

    /// How many requests of cost 1 fit at `now`.
    fn remaining(&self, tat: u64, now: u64) -> u32 {
        let (start, latest) = (tat.max(now), now.saturating_add(self.ahead));
        if start > latest {
            return 0;
        }
        let fit = (latest - start) / self.interval + 1;
        u32::try_from(fit).map_or(self.requests, |fit| fit.min(self.requests))
    }
}

impl Cells {
    /// The `index`-th limit's cell.
    fn get(&self, index: usize) -> u64 {
        match index.checked_sub(INLINE) {
            None => self.inline[index],
            Some(at) => self
                .more
                .as_ref()
                .and_then(|more| more.get(at).copied())
                .unwrap_or(0),
        }
    }

    /// Sets the `index`-th limit's cell.
    fn set(&mut self, index: usize, tat: u64) {
        match index.checked_sub(INLINE) {
            None => self.inline[index] = tat,
            Some(at) => {
                let more = self.more.get_or_insert_default();
                if more.len() <= at {
                    let mut grown = vec![0; at + 1];
                    grown[..more.len()].copy_from_slice(more);
                    *more = grown.into_boxed_slice();
                }
                more[at] = tat;
            }
        }
    }
}

impl Window for Cells {
    type Plan = Plan;
    const PER_LIMITS: bool = true;

    fn plan(limits: &[RateLimit]) -> Plan {
        let mut plan = Plan::default();
        for (schedule, limit) in plan.0.iter_mut().zip(limits) {
            *schedule = Schedule::of(limit);
        }
        plan
    }

    #[inline]
    fn room(&mut self, plan: &Plan, limits: &[RateLimit], micros: u64, cost: u32) -> (u64, bool) {
        let now = micros.saturating_mul(1000);
        let room = (0..limits.len()).all(|index| {
            plan.schedule(limits, index)
                .fits(self.get(index), now, cost)
        });
        (now, room)
    }

    #[inline]
    fn record(&mut self, plan: &Plan, limits: &[RateLimit], now: u64, cost: u32) {
        for index in 0..limits.len() {
            let tat = plan
                .schedule(limits, index)
                .after(self.get(index), now, cost);
            self.set(index, tat);
        }
    }

    /// As the exact window tells it: what is left, and when a request of `cost` fits again
    /// (or, when it fits, when one more does).
    fn state(
        &self,
        plan: &Plan,
        limits: &[RateLimit],
        at: usize,
        now: u64,
        cost: u32,
    ) -> LimitState {
        let limit = limits[at];
        let schedule = plan.schedule(limits, at);
        let tat = self.get(at);
        let remaining = schedule.remaining(tat, now);
        let used = limit.requests - remaining;
        let reset_nanos = if used == 0 {
            0
        } else {
            // `remaining + lacking` fit once the schedule's start is that many intervals
            // short of `ahead` past the time.
            let fit = (remaining + lacking(used, cost, limit.requests)).min(limit.requests);
            tat.saturating_add(schedule.interval.saturating_mul(u64::from(fit - 1)))
                .saturating_sub(schedule.ahead)
                .saturating_sub(now)
        };
        LimitState {
            limit,
            remaining,
            reset_after: Duration::from_nanos(reset_nanos),
        }
    }

    const TAGGED: bool = false;

    /// The latest cell, in microseconds rounded up: from then on every cell is behind the
    /// clock, as a new caller's.
    fn idle_from(&self, _: Option<&Plan>) -> u64 {
        let inline = self.inline.iter().copied().max().unwrap_or(0);
        let more = self.more.iter().flat_map(|more| more.iter().copied()).max();
        inline.max(more.unwrap_or(0)).div_ceil(1000)
    }

    fn heap_bytes(&self) -> usize {
        self.more
            .as_ref()
            .map_or(0, |more| std::mem::size_of_val(&**more))
    }

    fn tag(&self) -> u16 {
        0
    }

    fn set_tag(&mut self, _: u16) {}
}

#[cfg(test)]
mod tests;
