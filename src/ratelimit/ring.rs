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
//! store keeps the same ring, in the same layout, as one string per caller (see `redis.rs`).

use crate::RateLimit;
use crate::runtime::LimitState;
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

/// The last admission times of one caller, oldest first, as offsets from `base`, in a circular
/// buffer that grows to the plan's capacity as it fills (and no further: the allocation is
/// never larger than the times the largest limit counts).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ring {
    base: u64,
    /// Where the oldest time is in `slots`.
    head: u32,
    len: u32,
    /// The most times the ring keeps: the plan's capacity.
    most: u32,
    /// The newest time's offset (when `len > 0`), kept beside the slots: a request reads it
    /// from here, so that its only touch of the slots is the write of its own time.
    newest: u32,
    slots: Box<[u32]>,
}

impl Ring {
    /// The slot of the `i`-th oldest time: a wrap, not a division (this is the hot path).
    fn slot(&self, i: u32) -> usize {
        let slot = (self.head + i) as usize;
        if slot >= self.slots.len() {
            slot - self.slots.len()
        } else {
            slot
        }
    }

    /// The `i`-th oldest admission time, in ticks.
    fn at(&self, i: u32) -> u64 {
        self.base + u64::from(self.slots[self.slot(i)])
    }

    /// The newest admission time, in ticks, when the ring holds any.
    pub(crate) fn newest(&self) -> Option<u64> {
        (self.len > 0).then(|| self.base + u64::from(self.newest))
    }

    /// Fits the ring to `plan` and keeps offsets in range. Returns the time to decide at:
    /// `now`, or the newest time when a clock went back (Redis's, after a failover), so that
    /// times only ever grow. Times no limit counts any more are forgotten only when room is
    /// needed ([`push`](Self::push)) or offsets move: a request reads the ring's newest times
    /// and, under a limit of N, its N-th newest, never the oldest.
    #[inline]
    fn prepare(&mut self, plan: &Plan, now: u64) -> u64 {
        if self.most != plan.capacity {
            self.most = plan.capacity;
            // Fewer times to keep: the oldest go.
            while self.len > self.most {
                self.pop_oldest();
            }
        }
        let now = match self.newest() {
            None => now,
            Some(newest) => now.max(newest),
        };
        if self.len > 0 && now - self.base >= REBASE_AFTER {
            self.forget(plan, now);
        }
        if self.len == 0 {
            self.base = now;
        } else if now - self.base >= REBASE_AFTER {
            let oldest = self.at(0);
            let shift = (oldest - self.base) as u32;
            for i in 0..self.len {
                let slot = self.slot(i);
                self.slots[slot] -= shift;
            }
            self.newest -= shift;
            self.base = oldest;
        }
        now
    }

    /// Forgets the times no limit counts at `now`.
    fn forget(&mut self, plan: &Plan, now: u64) {
        while self.len > 0 && self.at(0) + plan.longest <= now {
            self.pop_oldest();
        }
    }

    /// Drops the oldest time.
    fn pop_oldest(&mut self) {
        self.head = self.slot(1) as u32;
        self.len -= 1;
    }

    /// Prepares the ring for a request of `cost` at `now_micros` under `limits` of `plan`:
    /// the tick to decide at, and whether every limit has room.
    #[inline]
    fn room(
        &mut self,
        plan: &Plan,
        limits: &[RateLimit],
        now_micros: u64,
        cost: u32,
    ) -> (u64, bool) {
        let now = self.prepare(plan, plan.tick(now_micros));
        let room = limits
            .iter()
            .all(|limit| self.has_room(plan, limit, now, cost));
        (now, room)
    }

    /// Records a request of `cost` at `now`: that many admissions.
    #[inline]
    fn record(&mut self, plan: &Plan, now: u64, cost: u32) {
        for _ in 0..cost {
            self.push(plan, now);
        }
    }

    /// Records an admission at `now` (the newest time), dropping the oldest when the ring
    /// holds as many as it keeps; when the buffer is full, the times no limit counts go
    /// first, and it grows only if that frees nothing.
    #[inline]
    fn push(&mut self, plan: &Plan, now: u64) {
        if self.most == 0 {
            return;
        }
        if self.len == 0 {
            self.base = now;
        }
        if self.len == self.most {
            self.pop_oldest();
        } else if self.len as usize == self.slots.len() {
            self.forget(plan, now);
            if self.len == 0 {
                self.base = now;
            }
            if self.len as usize == self.slots.len() {
                self.grow();
            }
        }
        let offset = (now - self.base) as u32;
        let slot = self.slot(self.len);
        self.slots[slot] = offset;
        self.newest = offset;
        self.len += 1;
    }

    /// A larger buffer, the times in order from its start: twice the size, at most `most`.
    fn grow(&mut self) {
        if self.slots.is_empty() {
            self.slots = vec![0u32; self.most.min(8) as usize].into_boxed_slice();
            self.head = 0;
            return;
        }
        let size = (self.slots.len() * 2).max(8).min(self.most as usize);
        let mut slots = vec![0u32; size].into_boxed_slice();
        for i in 0..self.len {
            slots[i as usize] = self.slots[self.slot(i)];
        }
        self.slots = slots;
        self.head = 0;
    }

    /// The index of the oldest time `limit` still counts at `now`: the first of the latest
    /// `requests` that is less than the window ago.
    fn first_counted(&self, plan: &Plan, limit: &RateLimit, now: u64) -> u32 {
        let window = plan.window(limit);
        let mut low = self.len.saturating_sub(limit.requests);
        let mut high = self.len;
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

    /// Where the caller stands under `limit` at `now`, for requests of `cost`: it has room
    /// again once the oldest counted time leaves the window, or, for a request that costs
    /// more than is left, once as many have left as it lacks.
    fn state(&self, plan: &Plan, limit: &RateLimit, now: u64, cost: u32) -> LimitState {
        let first = self.first_counted(plan, limit, now);
        let used = self.len - first;
        let lacking = (used + cost)
            .saturating_sub(limit.requests)
            .clamp(1, used.max(1));
        let reset_ticks = if used == 0 {
            0
        } else {
            (self.at(first + lacking - 1) + plan.window(limit)).saturating_sub(now)
        };
        LimitState {
            limit: *limit,
            remaining: limit.requests.saturating_sub(used),
            reset_after: Duration::from_micros(reset_ticks.saturating_mul(plan.tick_micros)),
        }
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
        self.len <= room || self.at(self.len - room - 1) + plan.window(limit) <= now
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

    /// The bytes the ring holds on the heap.
    pub(crate) fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.slots)
    }
}

/// One ring and its limits, for [`acquire`].
pub(crate) struct Group<'a> {
    pub(crate) ring: &'a mut Ring,
    pub(crate) plan: Plan,
    pub(crate) limits: &'a [RateLimit],
    /// How many admissions the request counts as under these limits.
    pub(crate) cost: u32,
}

impl Group<'_> {
    /// Prepares the ring for a request at `now_micros`; the tick to decide at, and whether
    /// every limit has room.
    fn room(&mut self, now_micros: u64) -> (u64, bool) {
        self.ring
            .room(&self.plan, self.limits, now_micros, self.cost)
    }

    /// Records the request at `now`, as many times as it costs.
    fn record(&mut self, now: u64) {
        self.ring.record(&self.plan, now, self.cost);
    }
}

/// The common request, in place: one ring, `limits` of `plan`, no states asked for. Admits
/// it at `now_micros` and records it (as many times as it `cost`s) when every limit has room,
/// and returns whether it did; a refused request is recorded nowhere (its states are
/// [`acquire`]'s to tell, at the same time, with the same result).
#[inline]
pub(crate) fn admit(
    ring: &mut Ring,
    plan: &Plan,
    limits: &[RateLimit],
    cost: u32,
    now_micros: u64,
) -> bool {
    let (now, room) = ring.room(plan, limits, now_micros, cost);
    if room {
        ring.record(plan, now, cost);
    }
    room
}

/// Admits a request at `now_micros` when every limit of every group has room, and records
/// it in every ring; a refused request is recorded in none. Returns whether it was admitted
/// and the state of every limit afterwards, group by group (none for an admitted request
/// unless `admitted_states`: finding each limit's oldest counted time is a search).
pub(crate) fn acquire(
    groups: &mut [Group<'_>],
    now_micros: u64,
    admitted_states: bool,
) -> (bool, Vec<LimitState>) {
    // The common request: one group, let through, no states asked for; its ring is prepared
    // once.
    if let [group] = groups
        && !admitted_states
    {
        let (now, room) = group.room(now_micros);
        if room {
            group.record(now);
            return (true, Vec::new());
        }
    }
    let mut admitted = true;
    for group in groups.iter_mut() {
        admitted &= group.room(now_micros).1;
    }
    if admitted && !admitted_states {
        for group in groups.iter_mut() {
            let now = group.room(now_micros).0;
            group.record(now);
        }
        return (true, Vec::new());
    }
    let mut states = Vec::with_capacity(groups.iter().map(|g| g.limits.len()).sum());
    for group in groups.iter_mut() {
        // Prepared already: the same tick again, nothing more to forget.
        let now = group.room(now_micros).0;
        if admitted {
            group.record(now);
        }
        states.extend(
            group
                .limits
                .iter()
                .map(|limit| group.ring.state(&group.plan, limit, now, group.cost)),
        );
    }
    (admitted, states)
}

#[cfg(test)]
mod tests;
