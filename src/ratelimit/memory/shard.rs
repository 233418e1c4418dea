//! One shard of an in-process store: its callers by id, each entry one cache line (its id
//! and its window: the ring's header with the ring's newest times, or its GCRA cells), so
//! that a request below its limits reads and writes one line of memory.

use super::super::window::Window;
use hashbrown::HashTable;

/// The callers of one shard.
#[derive(Debug)]
pub(super) struct Shard<W: Window> {
    /// Callers by id; the table's hash is the id's low half.
    callers: HashTable<Caller<W>>,
    /// Every plan the shard's windows were used with: a window's tag is the index of the
    /// last one, which tells when it goes idle.
    plans: Vec<W::Plan>,
    /// Requests served, for sweeping.
    pub(super) served: u32,
}

impl<W: Window> Default for Shard<W> {
    fn default() -> Self {
        Self {
            callers: HashTable::new(),
            plans: Vec::new(),
            served: 0,
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

/// The tag of a window whose plan the shard could not number (more than 65,534 plans): it is
/// never swept.
const UNNUMBERED: u16 = u16::MAX;

impl<W: Window> Shard<W> {
    /// The caller of `id`, added when new, its window tagged with `plan`, which the request
    /// uses it with. One lookup in the table.
    pub(super) fn caller(&mut self, id: u128, plan: &W::Plan) -> &mut Caller<W> {
        let tag = if W::TAGGED { self.tag(plan) } else { 0 };
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
            caller.window.set_tag(tag);
        }
        caller
    }

    /// The caller of `id`, when the shard holds it.
    pub(super) fn get(&mut self, id: u128) -> Option<&mut Caller<W>> {
        self.callers.find_mut(id as u64, |c| c.id == id)
    }

    /// The tag of a window used with `plan`: its number among the shard's plans, numbered when
    /// new. A catalog has a few plans, so this is a short look through a short list.
    fn tag(&mut self, plan: &W::Plan) -> u16 {
        if let Some(at) = self.plans.iter().position(|p| p == plan) {
            return at as u16;
        }
        if self.plans.len() >= usize::from(UNNUMBERED) {
            return UNNUMBERED;
        }
        self.plans.push(*plan);
        (self.plans.len() - 1) as u16
    }

    /// Drops the callers none of whose requests count any more at `now_micros`, under the
    /// plan each window was last used with.
    pub(super) fn sweep(&mut self, now_micros: u64) {
        let plans = &self.plans;
        self.callers.retain(|c| {
            let plan = match W::TAGGED {
                true => plans.get(usize::from(c.window.tag())),
                false => None,
            };
            c.window.idle_from(plan) > now_micros
        });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RateLimit;
    use crate::ratelimit::ring::{Plan, Ring};
    use crate::ratelimit::window::{Group, acquire};

    /// The store's tests' limit: 3 an hour per API key.
    const LIMITS: &[RateLimit] = &[super::super::tests::PER_HOUR];

    /// A request of the caller of `id` at `now` under `plan`, as the store makes it; the
    /// remaining requests under the limit.
    fn request(shard: &mut Shard<Ring>, id: u128, plan: Plan, now: u64) -> u32 {
        let caller = shard.caller(id, &plan);
        let (_, states) = acquire(
            &mut [Group {
                window: &mut caller.window,
                plan,
                limits: LIMITS,
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
        let plan = Plan::new(LIMITS);
        let (a, b) = (7u128, 7u128 | (1 << 64));
        assert_eq!(request(&mut shard, a, plan, 1), 2);
        assert_eq!(request(&mut shard, a, plan, 1), 1);
        assert_eq!(request(&mut shard, b, plan, 1), 2, "b counts apart from a");
        assert_eq!(shard.len(), 2);
        assert!(shard.get(a).is_some() && shard.get(b).is_some());
        assert!(shard.get(8).is_none());
        // An hour later, neither counts any request: both go.
        shard.sweep(3_599_999_999);
        assert_eq!(shard.len(), 2, "still counted until the hour is over");
        shard.sweep(3_600_000_000);
        assert_eq!(shard.len(), 0);
    }

    /// A caller's entry is one cache line: with 10,000 callers, a request below its limits
    /// touches one line of the table.
    #[test]
    fn a_caller_is_one_cache_line() {
        assert_eq!(std::mem::size_of::<Ring>(), 48);
        assert_eq!(std::mem::size_of::<Caller<Ring>>(), 64);
        assert_eq!(std::mem::align_of::<Caller<Ring>>(), 64);
    }

    /// A caller is idle from its newest time plus the longest window of the plan its ring was
    /// last used with; each plan gets its own tag.
    #[test]
    fn a_caller_is_idle_from_its_newest_time_plus_its_longest_window() {
        let mut shard = Shard::<Ring>::default();
        let hour = Plan::new(LIMITS);
        let day = Plan::new(&[RateLimit {
            window: std::time::Duration::from_secs(86_400),
            ..LIMITS[0]
        }]);
        assert_eq!(
            [shard.tag(&hour), shard.tag(&day), shard.tag(&hour)],
            [0, 1, 0]
        );
        // An hour ticks every 2 µs (it spans at most 2^31 ticks): the request at 5 µs is at
        // tick 2, counted until tick 2 + 1,800,000,000.
        request(&mut shard, 1, hour, 5);
        assert_eq!(shard.get(1).unwrap().window.idle_from(&hour), 3_600_000_004);
        for plan in [hour, day] {
            let caller = shard.get(1).unwrap();
            let idle_from = caller.window.idle_from(&plan);
            assert!(!caller.window.is_idle(&plan, plan.tick(idle_from - 1)));
            assert!(caller.window.is_idle(&plan, plan.tick(idle_from)));
        }
        // A caller of the day's plan stays past the hour, until its own day is over.
        request(&mut shard, 2, day, 5);
        let day_over = shard.get(2).unwrap().window.idle_from(&day);
        assert!(day_over > 86_400_000_000);
        shard.sweep(3_600_000_004);
        assert!(shard.get(1).is_none() && shard.get(2).is_some());
        shard.sweep(day_over - 1);
        assert_eq!(shard.len(), 1);
        shard.sweep(day_over);
        assert_eq!(shard.len(), 0);
    }
}
