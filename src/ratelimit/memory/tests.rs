//! The in-process stores, exact and approximate: callers counted apart, costs, and sweeping.

use super::*;
use crate::RateLimit;
use std::time::Duration;

/// 3 an hour per API key (the shard's tests use it too).
pub(super) const PER_HOUR: RateLimit = RateLimit {
    name: "per_hour",
    requests: 3,
    window: Duration::from_secs(3600),
    scope: Scope::ApiKey,
    routes: crate::Routes::EVERY,
    unauthenticated: false,
    cost: crate::Cost::ONE,
    per_endpoint: false,
};
const EVERYONE: RateLimit = RateLimit {
    name: "everyone",
    requests: 4,
    window: Duration::from_secs(3600),
    scope: Scope::Total,
    routes: crate::Routes::EVERY,
    unauthenticated: false,
    cost: crate::Cost::ONE,
    per_endpoint: false,
};

/// The groups of a request of caller `key` under `keyed` limits (scope `api_key`) and
/// `shared` ones (scope `total`).
fn groups<'a>(key: &'a str, keyed: &'a [RateLimit], shared: &'a [RateLimit]) -> [Counted<'a>; 2] {
    [
        Counted {
            scope: Scope::ApiKey,
            bucket: "",
            key,
            limits: keyed,
            cost: 1,
        },
        Counted {
            scope: Scope::Total,
            bucket: "",
            key: "",
            limits: shared,
            cost: 1,
        },
    ]
}

#[test]
fn callers_are_counted_apart_and_a_total_limit_for_all() {
    counted_apart::<Ring>();
    counted_apart::<Cells>();
}

/// Three a caller in an hour and four for everyone, all at once: the same with the exact
/// window and with GCRA, which admits a limit's worth at once.
fn counted_apart<W: Window>() {
    let store = Local::<W>::default();
    let (keyed, shared) = (&[PER_HOUR][..], &[EVERYONE][..]);
    let admitted = |key| {
        let groups = groups(key, keyed, shared);
        store
            .count(&Acquire {
                groups: &groups,
                admitted_states: true,
            })
            .admitted
    };
    assert!(admitted("a") && admitted("a") && admitted("a"));
    assert!(!admitted("a"), "a's fourth in the hour");
    assert!(
        admitted("b"),
        "b has its own three, and everyone's fourth is left"
    );
    assert!(!admitted("c"), "everyone's four are used");
    assert_eq!(store.callers(), 3);
}

/// A request counts as its cost, on the in-place path (no states asked for) as on the
/// general one: 12 points, writes of 5.
#[test]
fn a_request_counts_as_its_cost() {
    let points = [RateLimit {
        requests: 12,
        ..PER_HOUR
    }];
    for admitted_states in [false, true] {
        costs::<Ring>(&points, admitted_states);
        costs::<Cells>(&points, admitted_states);
    }
}

/// 12 points, writes of 5, with either window.
fn costs<W: Window>(points: &[RateLimit], admitted_states: bool) {
    let store = Local::<W>::default();
    let admitted = |cost| {
        let group = Counted {
            scope: Scope::ApiKey,
            bucket: "points",
            key: "octocat",
            limits: points,
            cost,
        };
        let request = Acquire {
            groups: &[group],
            admitted_states,
        };
        store.count(&request).admitted
    };
    assert_eq!([admitted(5), admitted(5), admitted(5)], [true, true, false]);
    assert_eq!([admitted(1), admitted(1), admitted(1)], [true, true, false]);
}

/// One caller under two sets of limits: `GcraStore` keeps cells of its own for each set, on
/// both paths and past the sets a shard numbers, where `MemoryStore` counts the caller's
/// admissions in one ring under both.
#[test]
fn a_caller_under_other_limits_has_other_gcra_cells() {
    let one = [RateLimit {
        requests: 1,
        ..PER_HOUR
    }];
    let two = [RateLimit {
        requests: 2,
        ..PER_HOUR
    }];
    let three = [RateLimit {
        requests: 3,
        ..PER_HOUR
    }];
    let exact = Local::<Ring>::default();
    assert_eq!(
        under(&exact, &[&one, &one, &two, &two]),
        [true, false, true, false]
    );
    let gcra = Local::<Cells>::default();
    assert_eq!(
        under(&gcra, &[&one, &one, &two, &two, &two]),
        [true, false, true, true, false]
    );
    // The request of two groups is decided apart, with the same cells.
    let both = groups("octocat", &one, &[EVERYONE]);
    let request = Acquire {
        groups: &both,
        admitted_states: false,
    };
    assert!(!gcra.count(&request).admitted, "one's cell is used");
    // Past the sets the caller's shard numbers, a new set is known by its limits' hash.
    let (shard, _) = gcra.place(&both[0]);
    lock(&gcra.shards[shard]).number_every_set();
    let four = [RateLimit {
        requests: 4,
        ..PER_HOUR
    }];
    assert_eq!(
        under(&gcra, &[&three, &one, &four, &three, &three, &three]),
        [true, false, true, true, true, false]
    );
    assert_eq!(
        under(&gcra, &[&four, &four, &four, &four]),
        [true, true, true, false]
    );
    assert_eq!(gcra.callers(), 4);
}

/// Whether each request of the caller `octocat`, under the limits given, is admitted.
fn under<W: Window>(store: &Local<W>, limits: &[&[RateLimit]]) -> Vec<bool> {
    limits
        .iter()
        .map(|limits| {
            let group = Counted {
                scope: Scope::ApiKey,
                bucket: "",
                key: "octocat",
                limits,
                cost: 1,
            };
            let request = Acquire {
                groups: &[group],
                admitted_states: false,
            };
            store.count(&request).admitted
        })
        .collect()
}

#[test]
fn idle_callers_are_swept_and_busy_ones_kept() {
    let store = MemoryStore::new();
    let short = RateLimit {
        window: Duration::from_micros(1),
        ..PER_HOUR
    };
    let busy = RateLimit {
        requests: u32::MAX,
        ..PER_HOUR
    };
    for i in 0..(SWEEP_EVERY as usize * SHARDS * 2) {
        let key = format!("caller {i}");
        let _ = store.count(&Acquire {
            groups: &groups(&key, &[short], &[]),
            admitted_states: true,
        });
    }
    assert!(
        store.callers() <= SWEEP_EVERY as usize * SHARDS,
        "{} callers",
        store.callers()
    );
    let store = MemoryStore::new();
    for i in 0..5000 {
        let key = format!("caller {i}");
        let _ = store.count(&Acquire {
            groups: &groups(&key, &[busy], &[]),
            admitted_states: true,
        });
    }
    assert_eq!(
        store.callers(),
        5000,
        "callers whose requests count are kept"
    );
}

/// GCRA callers are swept once their cells are behind the clock, and kept while ahead.
#[test]
fn gcra_callers_are_swept_when_their_schedule_is_behind_the_clock() {
    for (window, kept) in [(Duration::from_micros(1), false), (PER_HOUR.window, true)] {
        let store = GcraStore::new();
        let keyed = [RateLimit { window, ..PER_HOUR }];
        let callers = SWEEP_EVERY as usize * SHARDS * 2;
        for i in 0..callers {
            let key = format!("caller {i}");
            let outcome = store.count(&Acquire {
                groups: &groups(&key, &keyed, &[]),
                admitted_states: false,
            });
            assert!(outcome.admitted);
        }
        match kept {
            true => assert_eq!(store.callers(), callers),
            false => assert!(store.callers() <= callers / 2, "{}", store.callers()),
        }
    }
}

/// A request of several scopes leaves each of its callers with its idle time too: they
/// are swept when idle, kept while counted.
#[test]
fn callers_of_requests_of_several_scopes_are_swept_when_idle() {
    let everyone = RateLimit {
        requests: u32::MAX,
        ..EVERYONE
    };
    for (window, kept) in [(Duration::from_micros(1), false), (PER_HOUR.window, true)] {
        let store = MemoryStore::new();
        let keyed = [RateLimit {
            window,
            requests: u32::MAX,
            ..PER_HOUR
        }];
        let shared = [everyone];
        for i in 0..(SWEEP_EVERY as usize * SHARDS * 2) {
            let key = format!("caller {i}");
            let groups = groups(&key, &keyed, &shared);
            let outcome = store.count(&Acquire {
                groups: &groups,
                admitted_states: false,
            });
            assert!(outcome.admitted);
        }
        let callers = store.callers();
        if kept {
            assert_eq!(callers, SWEEP_EVERY as usize * SHARDS * 2);
        } else {
            assert!(
                callers <= SWEEP_EVERY as usize * SHARDS,
                "{callers} callers"
            );
        }
    }
}
