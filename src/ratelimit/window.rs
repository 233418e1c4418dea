//! What an in-process store keeps for each caller, behind one interface: the exact sliding
//! window's ring of admission times (`ring.rs`, for [`MemoryStore`](super::MemoryStore)) or
//! one GCRA cell per limit (`gcra.rs`, for [`GcraStore`](super::GcraStore)); and the
//! all-or-nothing admission of a request over the windows of its groups.
//!
//! Times are microseconds on the store's clock.

use crate::RateLimit;
use crate::runtime::LimitState;

/// A caller's state under one group of limits.
pub(crate) trait Window: Default + Send + 'static {
    /// What a window's work on one group of limits shares, made once per request.
    type Plan: Copy + PartialEq + Send + std::fmt::Debug + 'static;

    /// Whether a caller's window belongs to one set of limits: its id covers them, and
    /// everyone's window for limits of scope `total` is kept per set. A ring counts
    /// admissions, which every limit of the caller shares; a GCRA cell is one limit's own.
    const PER_LIMITS: bool;

    /// The plan of `limits`.
    fn plan(limits: &[RateLimit]) -> Self::Plan;

    /// Prepares the window for a request of `cost` at `micros` (microseconds) under `limits` of `plan`:
    /// the time to decide at (in the window's own units), and whether every limit has room.
    fn room(
        &mut self,
        plan: &Self::Plan,
        limits: &[RateLimit],
        micros: u64,
        cost: u32,
    ) -> (u64, bool);

    /// Records a request of `cost` at `now`, a time [`room`](Self::room) gave.
    fn record(&mut self, plan: &Self::Plan, limits: &[RateLimit], now: u64, cost: u32);

    /// Where the caller stands under `limits[at]` at `now`, for requests of `cost`.
    fn state(
        &self,
        plan: &Self::Plan,
        limits: &[RateLimit],
        at: usize,
        now: u64,
        cost: u32,
    ) -> LimitState;

    /// Whether the window's idle time depends on its plan: the store then keeps the number of
    /// the set of limits (and so the plan) it was last used with ([`tag`](Self::tag)).
    const TAGGED: bool;

    /// The time in microseconds from which the window counts nothing under `plan` (the one
    /// it was last used with, when the store knows it): a new window would decide every later
    /// request the same.
    fn idle_from(&self, plan: Option<&Self::Plan>) -> u64;

    /// The bytes the window holds on the heap.
    fn heap_bytes(&self) -> usize;

    /// The number the store keeps with a [`TAGGED`](Self::TAGGED) window (which set of limits
    /// it was last used with).
    fn tag(&self) -> u16;

    /// Sets [`tag`](Self::tag).
    fn set_tag(&mut self, tag: u16);
}

/// How many of the `used` admissions under a limit of `requests` must leave before a request
/// of `cost` has room: at least one (a caller with room is told when one more fits), at most
/// all of them.
pub(crate) fn lacking(used: u32, cost: u32, requests: u32) -> u32 {
    (used + cost).saturating_sub(requests).clamp(1, used.max(1))
}

/// One window and its limits, for [`acquire`].
pub(crate) struct Group<'a, W: Window> {
    pub(crate) window: &'a mut W,
    pub(crate) plan: W::Plan,
    pub(crate) limits: &'a [RateLimit],
    /// How many admissions the request counts as under these limits.
    pub(crate) cost: u32,
}

impl<W: Window> Group<'_, W> {
    /// Prepares the window for a request at `now_micros`; the time to decide at, and
    /// whether every limit has room.
    fn room(&mut self, now_micros: u64) -> (u64, bool) {
        self.window
            .room(&self.plan, self.limits, now_micros, self.cost)
    }

    /// Records the request at `now`, as many times as it costs.
    fn record(&mut self, now: u64) {
        self.window.record(&self.plan, self.limits, now, self.cost);
    }
}

/// The common request, in place: one window, `limits` of `plan`, no states asked for. Admits
/// it at `now_micros` and records it (as many times as it `cost`s) when every limit has room,
/// and returns whether it did; a refused request is recorded nowhere (its states are
/// [`acquire`]'s to tell, at the same time, with the same result).
#[inline]
pub(crate) fn admit<W: Window>(
    window: &mut W,
    plan: &W::Plan,
    limits: &[RateLimit],
    cost: u32,
    now_micros: u64,
) -> bool {
    let (now, room) = window.room(plan, limits, now_micros, cost);
    if room {
        window.record(plan, limits, now, cost);
    }
    room
}

/// Admits a request at `now_micros` when every limit of every group has room, and records
/// it in every window; a refused request is recorded in none. Returns whether it was
/// admitted and the state of every limit afterwards, group by group (none for an admitted
/// request unless `admitted_states`: finding each limit's state may be a search).
pub(crate) fn acquire<W: Window>(
    groups: &mut [Group<'_, W>],
    now_micros: u64,
    admitted_states: bool,
) -> (bool, Vec<LimitState>) {
    // The common request: one group, let through, no states asked for; its window is
    // prepared once.
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
        // Prepared already: the same time again, nothing more to forget.
        let now = group.room(now_micros).0;
        if admitted {
            group.record(now);
        }
        states.extend((0..group.limits.len()).map(|at| {
            group
                .window
                .state(&group.plan, group.limits, at, now, group.cost)
        }));
    }
    (admitted, states)
}
