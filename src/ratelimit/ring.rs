//! The compact exact sliding window: one ring of admission times per caller, for all of its
//! limits.
//!
//! A request counts under every limit of its caller or under none (admission is all or
//! nothing), so every limit of a caller counts the same admission times: a limit of N requests
//! per window W looks at the latest N of them, and is full at `now` when the N-th latest is
//! less than W ago. One ring of the last max(N) admission times serves every limit: no window
//! of length W ever holds more than N admitted requests, and a caller who never sends more
//! than N in any such window is never refused (refused requests are not recorded).
//!
//! Times are ticks of the store's clock, a microsecond (coarser only for windows longer than
//! 2^31 µs, about 35 minutes: the longest window then spans 2^31 ticks), and a ring holds them
//! as 4-byte offsets from a base tick: 600 requests per 5 minutes take 2,400 bytes. The Redis
//! store keeps the same times, oldest first, as one string per caller (see `redis.rs`).

use super::window::{Window, lacking};
use crate::RateLimit;
use crate::runtime::LimitState;
use recent::Recent;
use std::time::Duration;

/// The clock and size of the rings of one group of limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Microseconds per tick.
    pub(crate) tick_micros: u64,
    /// The longest window, in ticks: older admissions count under no limit.
    pub(crate) longest: u64,
    /// How many admission times a ring keeps: the largest `requests`.
    pub(crate) capacity: u32,
}

/// Ticks a 4-byte offset may reach before the ring moves its base: half the range, so the
/// longest window (at most 2^31 ticks) always fits after a move.
const REBASE_AFTER: u64 = 1 << 31;

impl Plan {
    /// The plan of `limits`.
    pub(crate) fn new(limits: &[RateLimit]) -> Self {
        let longest_micros = limits.iter().map(|l| micros(l.window)).max().unwrap_or(1);
        let tick_micros = longest_micros.div_ceil(1 << 31).max(1);
        Self {
            tick_micros,
            longest: ticks(longest_micros, tick_micros),
            capacity: limits.iter().map(|l| l.requests).max().unwrap_or(0),
        }
    }

    /// `limit`'s window in ticks, rounded up: never shorter than documented.
    pub(crate) fn window(&self, limit: &RateLimit) -> u64 {
        ticks(micros(limit.window), self.tick_micros)
    }

    /// The tick of a time in microseconds.
    pub(crate) fn tick(&self, micros: u64) -> u64 {
        // Windows up to 35 minutes tick every microsecond: no division (this is the hot path).
        if self.tick_micros == 1 {
            micros
        } else {
            micros / self.tick_micros
        }
    }
}

/// `micros` in ticks of `tick_micros`, rounded up.
fn ticks(micros: u64, tick_micros: u64) -> u64 {
    if tick_micros == 1 {
        micros
    } else {
        micros.div_ceil(tick_micros)
    }
}

/// A duration in microseconds, saturating.
pub(crate) fn micros(window: Duration) -> u64 {
    u64::try_from(window.as_micros()).unwrap_or(u64::MAX)
}

/// A duration in nanoseconds, saturating.
pub(crate) fn nanos(window: Duration) -> u64 {
    u64::try_from(window.as_nanos()).unwrap_or(u64::MAX)
}

/// The last admission times of one caller, oldest first, as offsets from `base`: the newest
/// few beside the header ([`Recent`]), the older ones in a circular buffer on the heap that
/// grows to the plan's capacity as it fills (and no further: the allocation is never larger
/// than the times the largest limit counts).
///
/// 48 bytes, so that a caller's whole entry in the in-process store is one cache line: a
/// request below its limits reads and writes that line only, and one request in six to eleven
/// moves the recent times into the buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ring {
    base: u64,
    /// Times in the buffer: the older ones.
    len: u32,
    /// A number the ring's store keeps with it, in room the ring has spare (the in-process
    /// store: the number of the set of limits the ring was last used with, whose plan tells
    /// when it goes idle).
    tag: u16,
    /// The newest times. Never empty while the ring holds any.
    recent: Recent,
    buffer: Option<Box<Buffer>>,
}

/// The older times of a ring, in a circular buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Buffer {
    /// Where the oldest time is in `slots`.
    head: u32,
    slots: Box<[u32]>,
}

impl Buffer {
    /// The slot of the `i`-th oldest time: a wrap, not a division.
    fn slot(&self, i: u32) -> usize {
        let slot = (self.head + i) as usize;
        if slot >= self.slots.len() {
            slot - self.slots.len()
        } else {
            slot
        }
    }
}

impl Ring {
    /// How many times the ring holds.
    fn total(&self) -> u32 {
        self.len + self.recent.len()
    }

    /// The `i`-th oldest admission time's offset.
    fn offset(&self, i: u32) -> u32 {
        match &self.buffer {
            Some(buffer) if i < self.len => buffer.slots[buffer.slot(i)],
            _ => self.recent.get(i.saturating_sub(self.len) as usize),
        }
    }

    /// The `i`-th oldest admission time, in ticks.
    fn at(&self, i: u32) -> u64 {
        self.base + u64::from(self.offset(i))
    }

    /// The newest admission time, in ticks, when the ring holds any.
    pub(crate) fn newest(&self) -> Option<u64> {
        let last = self.recent.len().checked_sub(1)?;
        Some(self.base + u64::from(self.recent.get(last as usize)))
    }

    /// Fits the ring to `plan` and keeps offsets in range. Returns the time to decide at:
    /// `now`, or the newest time when a clock went back (Redis's, after a failover), so that
    /// times only ever grow. Times no limit counts any more are forgotten only when room is
    /// needed ([`spill`](Self::spill)) or offsets move: a request reads the ring's newest
    /// times and, under a limit of N, its N-th newest, never the oldest.
    #[inline]
    fn prepare(&mut self, plan: &Plan, now: u64) -> u64 {
        // Fewer times to keep than the ring holds (its limits changed): the oldest go.
        while self.total() > plan.capacity {
            self.pop_oldest();
        }
        let now = match self.newest() {
            None => now,
            Some(newest) => now.max(newest),
        };
        if self.total() > 0 && now - self.base >= REBASE_AFTER {
            self.forget(plan, now);
        }
        if self.total() == 0 {
            self.base = now;
        } else if now - self.base >= REBASE_AFTER {
            let shift = self.offset(0);
            if let Some(buffer) = &mut self.buffer {
                for i in 0..self.len {
                    let slot = buffer.slot(i);
                    buffer.slots[slot] -= shift;
                }
            }
            self.recent.shift(shift);
            self.base += u64::from(shift);
        }
        now
    }

    /// Forgets the times no limit counts at `now`: the buffer's, then, once it holds none,
    /// the recent ones (they are all newer).
    fn forget(&mut self, plan: &Plan, now: u64) {
        self.forget_buffered(plan, now);
        while self.len == 0 && self.recent.len() > 0 && self.at(0) + plan.longest <= now {
            self.recent.pop_first();
        }
    }

    /// Drops the oldest time: the buffer's, else the oldest of the recent ones.
    fn pop_oldest(&mut self) {
        if self.len > 0
            && let Some(buffer) = &mut self.buffer
        {
            buffer.head = buffer.slot(1) as u32;
            self.len -= 1;
        } else {
            self.recent.pop_first();
        }
    }

    /// Records an admission at `now` (the newest time), dropping the oldest when the ring
    /// holds as many as it keeps. It goes beside the header; when it does not fit there, the
    /// recent times move into the buffer first.
    #[inline]
    fn push(&mut self, plan: &Plan, now: u64) {
        if plan.capacity == 0 {
            return;
        }
        if self.total() == 0 {
            self.base = now;
        }
        if self.total() >= plan.capacity {
            self.pop_oldest();
        }
        let offset = (now - self.base) as u32;
        if !self.recent.push(offset) {
            self.spill(plan, now);
            // Into the emptied run: always room.
            let pushed = self.recent.push(offset);
            debug_assert!(pushed);
        }
    }

    /// Moves the recent times into the buffer: when it is full, the times no limit counts
    /// go first, and it grows only if that frees too little.
    #[cold]
    fn spill(&mut self, plan: &Plan, now: u64) {
        let room = self.buffer.as_ref().map_or(0, |b| b.slots.len());
        if self.total() as usize > room {
            // The buffer's own times only: the recent ones are about to move.
            self.forget_buffered(plan, now);
            if self.total() as usize > room {
                self.grow(plan.capacity);
            }
        }
        let buffer = self.buffer.get_or_insert_default();
        let (times, moved) = self.recent.offsets();
        let times = &times[..moved];
        // After the buffer's newest time, wrapping to its start.
        let start = buffer.slot(self.len);
        let to_end = times.len().min(buffer.slots.len() - start);
        buffer.slots[start..start + to_end].copy_from_slice(&times[..to_end]);
        buffer.slots[..times.len() - to_end].copy_from_slice(&times[to_end..]);
        self.len += moved as u32;
        self.recent.clear();
    }

    /// Forgets the buffer's times no limit counts at `now`: its oldest, up to the first that
    /// is less than the longest window ago. One pass over the slots they leave.
    fn forget_buffered(&mut self, plan: &Plan, now: u64) {
        let Some(buffer) = &mut self.buffer else {
            return;
        };
        // Offsets up to this one are a longest window old or older.
        let Some(old) = now.checked_sub(self.base.saturating_add(plan.longest)) else {
            return;
        };
        let mut forgotten = 0;
        while forgotten < self.len && u64::from(buffer.slots[buffer.slot(forgotten)]) <= old {
            forgotten += 1;
        }
        buffer.head = buffer.slot(forgotten) as u32;
        self.len -= forgotten;
    }

    /// A larger buffer for every time the ring holds, the buffer's times in order from its
    /// start: twice the size, at least 8, at most the `capacity` of the ring's plan.
    fn grow(&mut self, capacity: u32) {
        let old = self.buffer.take().unwrap_or_default();
        let size = (old.slots.len() * 2)
            .max(8)
            .min(capacity as usize)
            .max(self.total() as usize);
        let mut slots = vec![0u32; size].into_boxed_slice();
        for i in 0..self.len {
            slots[i as usize] = old.slots[old.slot(i)];
        }
        self.buffer = Some(Box::new(Buffer { head: 0, slots }));
    }

    /// The index of the oldest time `limit` still counts at `now`: the first of the latest
    /// `requests` that is less than the window ago.
    fn first_counted(&self, plan: &Plan, limit: &RateLimit, now: u64) -> u32 {
        let window = plan.window(limit);
        let mut low = self.total().saturating_sub(limit.requests);
        let mut high = self.total();
        // Times grow with the index: binary search for the first one inside the window.
        while low < high {
            let mid = low + (high - low) / 2;
            if self.at(mid) + window <= now {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// Whether `limit` has room for a request of `cost` at `now` (it counts as `cost`
    /// admissions): room for that many more times than it holds, or the oldest of its latest
    /// `requests - cost + 1` out of its window, which leaves at most `requests - cost` inside.
    /// One look, at any size.
    fn has_room(&self, plan: &Plan, limit: &RateLimit, now: u64, cost: u32) -> bool {
        if cost > limit.requests {
            return false;
        }
        let room = limit.requests - cost;
        let total = self.total();
        total <= room || self.at(total - room - 1) + plan.window(limit) <= now
    }

    /// Whether no limit counts any time of the ring at `now` (the store sweeps by
    /// [`idle_from`](Self::idle_from), which the tests check against this).
    #[cfg(test)]
    pub(crate) fn is_idle(&self, plan: &Plan, now: u64) -> bool {
        self.newest()
            .is_none_or(|newest| newest.saturating_add(plan.longest) <= now)
    }

    /// The time in microseconds from which no limit of `plan` counts any time of the ring:
    /// it [`is_idle`](Self::is_idle) at every later time, and at none before.
    pub(crate) fn idle_from(&self, plan: &Plan) -> u64 {
        self.newest().map_or(0, |newest| {
            newest
                .saturating_add(plan.longest)
                .saturating_mul(plan.tick_micros)
        })
    }

    /// The bytes the ring holds on the heap: its buffer's times and header.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.buffer.as_ref().map_or(0, |buffer| {
            std::mem::size_of::<Buffer>() + std::mem::size_of_val(&*buffer.slots)
        })
    }
}

impl Window for Ring {
    type Plan = Plan;
    const PER_LIMITS: bool = false;

    fn plan(limits: &[RateLimit]) -> Plan {
        Plan::new(limits)
    }

    /// Prepares the ring (see `prepare`): the tick to decide at, and whether every limit has
    /// room.
    #[inline]
    fn room(&mut self, plan: &Plan, limits: &[RateLimit], micros: u64, cost: u32) -> (u64, bool) {
        let now = self.prepare(plan, plan.tick(micros));
        let room = limits
            .iter()
            .all(|limit| self.has_room(plan, limit, now, cost));
        (now, room)
    }

    #[inline]
    /// As many admissions as the request costs.
    fn record(&mut self, plan: &Plan, _: &[RateLimit], now: u64, cost: u32) {
        for _ in 0..cost {
            self.push(plan, now);
        }
    }

    /// Where the caller stands under `limits[at]`: it has room again once the oldest counted
    /// time leaves the window, or, for a request that costs more than is left, once as many
    /// have left as it lacks.
    fn state(
        &self,
        plan: &Plan,
        limits: &[RateLimit],
        at: usize,
        now: u64,
        cost: u32,
    ) -> LimitState {
        let limit = &limits[at];
        let first = self.first_counted(plan, limit, now);
        let used = self.total() - first;
        let reset_ticks = if used == 0 {
            0
        } else {
            let lacking = lacking(used, cost, limit.requests);
            (self.at(first + lacking - 1) + plan.window(limit)).saturating_sub(now)
        };
        LimitState {
            limit: *limit,
            remaining: limit.requests.saturating_sub(used),
            reset_after: Duration::from_micros(reset_ticks.saturating_mul(plan.tick_micros)),
        }
    }

    const TAGGED: bool = true;

    /// Never, without the plan: its longest window is unknown.
    fn idle_from(&self, plan: Option<&Plan>) -> u64 {
        plan.map_or(u64::MAX, |plan| Ring::idle_from(self, plan))
    }

    fn heap_bytes(&self) -> usize {
        Ring::heap_bytes(self)
    }

    fn tag(&self) -> u16 {
        self.tag
    }

    fn set_tag(&mut self, tag: u16) {
        self.tag = tag;
    }
}

mod recent;

#[cfg(test)]
pub(crate) mod tests;
