//! One shard of an in-process store: its callers by id, each entry one cache line (its id
//! and its window: the ring's header with the ring's newest times, or its GCRA cells), so
//! that a request below its limits reads and writes one line of memory.

use super::super::window::Window;
use super::SWEEP_EVERY;
use crate::RateLimit;
use hashbrown::HashTable;
use std::time::Duration;

/// The callers of one shard.
#[derive(Debug)]
pub(super) struct Shard<W: Window> {
    /// Callers by id; the table's hash is the id's low half.
    callers: HashTable<Caller<W>>,
    /// Every set of limits the shard's callers were counted under, numbered in order, with
    /// its plan: worked out once, not on each request. A window's tag is the number of the
    /// set it was last used with, which tells when it goes idle.
    sets: Vec<Set<W::Plan>>,
    /// Requests served since the last sweep.
    served: u32,
    /// Requests to serve from the last sweep to the next ([`serve`](Self::serve)).
    sweep_after: u32,
}

impl<W: Window> Default for Shard<W> {
    fn default() -> Self {
        Self {
            callers: HashTable::new(),
            sets: Vec::new(),
            served: 0,
            sweep_after: SWEEP_EVERY,
        }
    }
}

/// One caller of one scope and set of routes: its id ([`super::id`]) and its window.
#[derive(Debug)]
#[repr(C, align(64))]
pub(super) struct Caller<W> {
    id: u128,
    pub(super) window: W,
}

/// A set of limits, as the windows see it (each limit's requests and window, in order), and
/// its plan.
#[derive(Debug)]
struct Set<P> {
    limits: Box<[(u32, Duration)]>,
    plan: P,
}

/// The number of a set of limits the shard could not number (it numbered 65,535 already): a
/// window used with it is never swept.
pub(super) const UNNUMBERED: u16 = u16::MAX;

impl<W: Window> Shard<W> {
    /// The number of the set of `limits` among the shard's (numbered when new), and its
    /// plan. A catalog has a few sets, so this is a short look through a short list.
    #[inline]
    pub(super) fn set(&mut self, limits: &[RateLimit]) -> (u16, W::Plan) {
        match self.sets.iter().position(|set| same(&set.limits, limits)) {
            Some(at) => (at as u16, self.sets[at].plan),
            None => self.number(limits),
        }
    }

    /// Numbers the set of `limits`, new to the shard, when it numbers any more.
    #[cold]
    fn number(&mut self, limits: &[RateLimit]) -> (u16, W::Plan) {
        let set = Self::set_of(limits);
        let plan = set.plan;
        if self.sets.len() >= usize::from(UNNUMBERED) {
            return (UNNUMBERED, plan);
        }
        self.sets.push(set);
        ((self.sets.len() - 1) as u16, plan)
    }

    /// The set of `limits`, with its plan.
    fn set_of(limits: &[RateLimit]) -> Set<W::Plan> {
        Set {
            limits: limits.iter().map(|l| (l.requests, l.window)).collect(),
            plan: W::plan(limits),
        }
    }

    /// The caller of `id`, added when new, its window tagged with `set`, the number of the
    /// set of limits the request uses it with. One lookup in the table.
    pub(super) fn caller(&mut self, id: u128, set: u16) -> &mut Caller<W> {
        let entry = self
            .callers
            .entry(id as u64, |c| c.id == id, |c| c.id as u64);
        let caller = entry
            .or_insert_with(|| Caller {
                id,
                window: W::default(),
            })
            .into_mut();
        if W::TAGGED {
            caller.window.set_tag(set);
        }
        caller
    }

    /// The caller of `id`, when the shard holds it.
    pub(super) fn get(&mut self, id: u128) -> Option<&mut Caller<W>> {
        self.callers.find_mut(id as u64, |c| c.id == id)
    }

    /// Counts a request served at `now_micros`, and sweeps once the shard has served as many
    /// since its last sweep as it held callers after it, or [`SWEEP_EVERY`] when that is
    /// more. A sweep reads every caller, so a request pays for reading about one caller at
    /// most however many the shard holds (a fixed period would make a shard of 100,000
    /// callers read a hundred for each request); and callers that no longer count are gone by
    /// the time the shard holds twice as many as after its last sweep, plus `SWEEP_EVERY`
    /// (for requests that each add one caller to it).
    #[inline]
    pub(super) fn serve(&mut self, now_micros: u64) {
        self.served += 1;
        if self.served >= self.sweep_after {
            self.sweep(now_micros);
            self.served = 0;
            self.sweep_after = u32::try_from(self.callers.len())
                .map_or(u32::MAX, |callers| callers.max(SWEEP_EVERY));
        }
    }

    /// Drops the callers none of whose requests count any more at `now_micros`, under the
    /// plan each window was last used with.
    fn sweep(&mut self, now_micros: u64) {
        let sets = &self.sets;
        self.callers.retain(|c| {
            let plan = match W::TAGGED {
                true => sets.get(usize::from(c.window.tag())).map(|set| &set.plan),
                false => None,
            };
            c.window.idle_from(plan) > now_micros
        });
    }

    /// Numbers sets of limits no request uses until the shard numbers no more (for tests of
    /// what comes after).
    #[cfg(test)]
    pub(super) fn number_every_set(&mut self) {
        // Numbered as `set` would number them, without looking through those before.
        for at in self.sets.len()..usize::from(UNNUMBERED) {
            self.sets.push(Self::set_of(&[RateLimit {
                requests: u32::MAX - at as u32,
                ..super::tests::PER_HOUR
            }]));
        }
    }

    /// How many callers the shard holds.
    pub(super) fn len(&self) -> usize {
        self.callers.len()
    }

    /// The bytes the callers' windows take on the heap.
    pub(super) fn heap_bytes(&self) -> usize {
        self.callers.iter().map(|c| c.window.heap_bytes()).sum()
    }
}

/// Whether `limits` are the set `set` holds: the same requests and windows, in order.
#[inline]
fn same(set: &[(u32, Duration)], limits: &[RateLimit]) -> bool {
    set.len() == limits.len()
        && set.iter().zip(limits).all(|(&(requests, window), limit)| {
            requests == limit.requests && window == limit.window
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ratelimit::ring::Ring;
    use crate::ratelimit::window::{Group, acquire};

    /// The store's tests' limit: 3 an hour per API key.
    const HOUR: &[RateLimit] = &[super::super::tests::PER_HOUR];

    /// A request of the caller of `id` at `now` under `limits`, as the store makes it; the
    /// remaining requests under the first limit.
    fn request(shard: &mut Shard<Ring>, id: u128, limits: &[RateLimit], now: u64) -> u32 {
        let (set, plan) = shard.set(limits);
        let caller = shard.caller(id, set);
        let (_, states) = acquire(
            &mut [Group {
                window: &mut caller.window,
                plan,
                limits,
                cost: 1,
            }],
            now,
            true,
        );
        states[0].remaining
    }

    /// Two callers whose ids share their low half (the table's hash) keep rings of their own,
    /// are found again, and are swept when idle.
    #[test]
    fn callers_of_one_hash_are_kept_apart() {
        let mut shard = Shard::<Ring>::default();
        let (a, b) = (7u128, 7u128 | (1 << 64));
        assert_eq!(request(&mut shard, a, HOUR, 1), 2);
        assert_eq!(request(&mut shard, a, HOUR, 1), 1);
        assert_eq!(request(&mut shard, b, HOUR, 1), 2, "b counts apart from a");
        assert_eq!(shard.len(), 2);
        assert!(shard.get(a).is_some() && shard.get(b).is_some());
        assert!(shard.get(8).is_none());
        // An hour later, neither counts any request: both go.
        shard.sweep(3_599_999_999);
        assert_eq!(shard.len(), 2, "still counted until the hour is over");
        shard.sweep(3_600_000_000);
        assert_eq!(shard.len(), 0);
    }

    /// A shard sweeps after `SWEEP_EVERY` requests, then after as many as it held callers
    /// after its last sweep when that is more: callers that count are kept, and idle ones
    /// go at the sweep, not before.
    #[test]
    fn a_shard_sweeps_after_as_many_requests_as_it_holds_callers() {
        let mut shard = Shard::<Ring>::default();
        let callers = 3 * SWEEP_EVERY;
        for id in 0..callers {
            request(&mut shard, u128::from(id), HOUR, 0);
        }
        // Within the hour every caller counts: the first sweep keeps them all.
        for _ in 0..SWEEP_EVERY {
            shard.serve(1);
        }
        assert_eq!(
            (shard.len(), shard.served),
            (callers as usize, 0),
            "swept once"
        );
        // An hour later none counts, but the next sweep comes after 3 × SWEEP_EVERY requests.
        let later = 3_600_000_000;
        for _ in 1..callers {
            shard.serve(later);
        }
        assert_eq!(shard.len(), callers as usize, "no sweep before its time");
        shard.serve(later);
        assert_eq!(shard.len(), 0, "every idle caller went at the sweep");
        // A shard that holds fewer callers than SWEEP_EVERY sweeps after SWEEP_EVERY again,
        // so new callers that go idle at once never number more than that.
        assert_eq!(shard.sweep_after, SWEEP_EVERY);
        let mut most = 0;
        for id in callers..2 * callers {
            request(&mut shard, u128::from(id), HOUR, later);
            most = most.max(shard.len());
            shard.serve(2 * later);
        }
        assert_eq!(most, SWEEP_EVERY as usize);
    }

    /// A caller's entry is one cache line: with 10,000 callers, a request below its limits
    /// touches one line of the table.
    #[test]
    fn a_caller_is_one_cache_line() {
        assert_eq!(std::mem::size_of::<Ring>(), 48);
        assert_eq!(std::mem::size_of::<Caller<Ring>>(), 64);
        assert_eq!(std::mem::align_of::<Caller<Ring>>(), 64);
    }

    /// Sets of limits are numbered by their requests and windows, in order, whatever their
    /// names; a set's plan is its limits' own.
    #[test]
    fn sets_of_limits_are_numbered_once() {
        let mut shard = Shard::<Ring>::default();
        let renamed = [RateLimit {
            name: "renamed",
            ..HOUR[0]
        }];
        let four = [RateLimit {
            requests: 4,
            ..HOUR[0]
        }];
        let both = [HOUR[0], four[0]];
        let swapped = [four[0], HOUR[0]];
        let numbers: Vec<u16> = [HOUR, &renamed, &four, &both, &swapped, HOUR, &both]
            .iter()
            .map(|limits| shard.set(limits).0)
            .collect();
        assert_eq!(numbers, [0, 0, 1, 2, 3, 0, 2]);
        assert_eq!(shard.set(&four).1, Ring::plan(&four));
        assert_ne!(shard.set(HOUR).1, shard.set(&four).1);
    }

    /// Past 65,535 sets, a shard numbers no more: their windows are never swept, and the sets
    /// it numbered keep their numbers.
    #[test]
    fn a_shard_numbers_at_most_65535_sets() {
        let mut shard = Shard::<Ring>::default();
        let set = |requests| {
            [RateLimit {
                requests,
                ..HOUR[0]
            }]
        };
        assert_eq!([shard.set(&set(1)).0, shard.set(&set(2)).0], [0, 1]);
        shard.number_every_set();
        assert_eq!(
            shard.set(&set(u32::MAX - 65_534)).0,
            65_534,
            "the last numbered"
        );
        assert_eq!(shard.set(&set(3)).0, UNNUMBERED);
        assert_eq!(shard.set(&set(3)).1, Ring::plan(&set(3)));
        assert_eq!(shard.set(&set(2)).0, 1);
        request(&mut shard, 1, &set(3), 5);
        shard.sweep(u64::MAX - 1);
        assert_eq!(shard.len(), 1, "an unnumbered set's window is never swept");
    }

    /// A caller is idle from its newest time plus the longest window of the plan its ring was
    /// last used with; each set of limits gets its own number.
    #[test]
    fn a_caller_is_idle_from_its_newest_time_plus_its_longest_window() {
        let mut shard = Shard::<Ring>::default();
        let day = [RateLimit {
            window: std::time::Duration::from_secs(86_400),
            ..HOUR[0]
        }];
        let (hour_plan, day_plan) = (shard.set(HOUR).1, shard.set(&day).1);
        // An hour ticks every 2 µs (it spans at most 2^31 ticks): the request at 5 µs is at
        // tick 2, counted until tick 2 + 1,800,000,000.
        request(&mut shard, 1, HOUR, 5);
        assert_eq!(
            shard.get(1).unwrap().window.idle_from(&hour_plan),
            3_600_000_004
        );
        for plan in [hour_plan, day_plan] {
            let caller = shard.get(1).unwrap();
            let idle_from = caller.window.idle_from(&plan);
            assert!(!caller.window.is_idle(&plan, plan.tick(idle_from - 1)));
            assert!(caller.window.is_idle(&plan, plan.tick(idle_from)));
        }
        // A caller of the day's limit stays past the hour, until its own day is over.
        request(&mut shard, 2, &day, 5);
        let day_over = shard.get(2).unwrap().window.idle_from(&day_plan);
        assert!(day_over > 86_400_000_000);
        shard.sweep(3_600_000_004);
        assert!(shard.get(1).is_none() && shard.get(2).is_some());
        shard.sweep(day_over - 1);
        assert_eq!(shard.len(), 1);
        shard.sweep(day_over);
        assert_eq!(shard.len(), 0);
    }
}
