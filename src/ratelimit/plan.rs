//! Which of a catalog's limits a request counts under, and how they are grouped into rings.
//!
//! A limit without routes counts every request, one with routes only the requests on them;
//! a request on the routes of a `separate` limit counts under the limits whose routes it is on
//! and under none of those on every route (GitHub's search limit and its core limit).
//!
//! Where the spec has limits on `unauthenticated` requests, a request that carries no key for
//! the scopes of credentials (`api_key`, `account`) counts under those and the limits of the
//! other scopes, and one that carries a key under every limit but those.
//!
//! The limits a request counts under are grouped by scope, routes, whether they are on
//! unauthenticated requests only, what a request costs and whether they count per endpoint:
//! the limits of one group count exactly the same requests alike, so they share one ring per
//! caller (their *bucket*: `""` for the limits on every request at one each, else the name
//! of the group's first limit).

use crate::runtime::counting::{
    Indexed, counts_unauthenticated, for_callers, is_credential, on_route,
};
use crate::{Cost, RateLimit, Routes, Scope};
use std::sync::{Arc, RwLock};

/// Limits of one scope that count the same requests alike: one ring per caller.
#[derive(Clone, Debug)]
pub(super) struct Group {
    pub scope: Scope,
    pub bucket: &'static str,
    pub limits: Vec<RateLimit>,
    /// What a request costs under every limit of the group.
    pub cost: Cost,
    /// Whether the group counts each endpoint of a caller apart.
    pub per_endpoint: bool,
}

/// What makes limits of one scope count the same requests alike, so that they share a ring.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Counts {
    routes: Routes,
    unauthenticated: bool,
    cost: Cost,
    per_endpoint: bool,
}

impl Counts {
    fn of(limit: &RateLimit) -> Self {
        Self {
            routes: limit.routes,
            unauthenticated: limit.unauthenticated,
            cost: limit.cost,
            per_endpoint: limit.per_endpoint,
        }
    }

    /// Whether these are every request's, one each: the limits of the ring named `""`.
    fn is_plain(&self) -> bool {
        self.routes.is_every() && !self.unauthenticated && self.cost.is_one() && !self.per_endpoint
    }
}

/// The groups one request counts under.
#[derive(Clone, Debug, Default)]
pub(super) struct Plan {
    pub groups: Vec<Group>,
    /// For each state of an `Outcome` (group by group), its index in `RATE_LIMITS`.
    pub index: Vec<usize>,
    /// Whether a group counts per endpoint, so that a request needs its endpoint.
    pub per_endpoint: bool,
}

impl Plan {
    /// `limits` (each with its index in `RATE_LIMITS`) grouped by scope, in the order of
    /// `Scope::ALL` (`total` last), then by routes, in the order first named.
    fn new(limits: &[(usize, RateLimit)]) -> Self {
        let mut plan = Plan::default();
        for &(_, scope) in Scope::ALL {
            let mut buckets: Vec<(Counts, &'static str, Indexed)> = Vec::new();
            for &(i, limit) in limits.iter().filter(|(_, l)| l.scope == scope) {
                let counts = Counts::of(&limit);
                match buckets.iter_mut().find(|(c, _, _)| *c == counts) {
                    Some((_, _, members)) => members.push((i, limit)),
                    None => {
                        let bucket = if counts.is_plain() { "" } else { limit.name };
                        buckets.push((counts, bucket, vec![(i, limit)]));
                    }
                }
            }
            for (counts, bucket, members) in buckets {
                plan.per_endpoint |= counts.per_endpoint;
                plan.index.extend(members.iter().map(|(i, _)| *i));
                plan.groups.push(Group {
                    scope,
                    bucket,
                    limits: members.into_iter().map(|(_, l)| l).collect(),
                    cost: counts.cost,
                    per_endpoint: counts.per_endpoint,
                });
            }
        }
        plan
    }
}

/// The plan a request counts under.
#[derive(Clone, Debug)]
pub(super) enum Chosen {
    /// The limits on every route (of an unauthenticated request, or not), the plan of every
    /// request when the spec names no routes.
    Every { unauthenticated: bool },
    /// Another set of limits.
    Routed(Arc<Plan>),
}

/// A catalog's limits, ready to pick a request's plan.
#[derive(Debug)]
pub(super) struct Limits {
    /// The limits of requests with credentials, or of every request when the spec has no
    /// limit on unauthenticated requests.
    signed: Selection,
    /// The limits of unauthenticated requests, when the spec has some for them.
    unauthenticated: Option<Selection>,
    /// The scopes of credentials the limits count per, in the order of `Scope::ALL`.
    credentials: Vec<Scope>,
}

impl Limits {
    pub fn new(limits: &[RateLimit]) -> Self {
        let signed = Selection::new(for_callers(limits, true));
        let unauthenticated =
            counts_unauthenticated(limits).then(|| Selection::new(for_callers(limits, false)));
        let credentials = Scope::ALL
            .iter()
            .map(|&(_, scope)| scope)
            .filter(|&scope| is_credential(scope) && limits.iter().any(|l| l.scope == scope))
            .collect();
        Self {
            signed,
            unauthenticated,
            credentials,
        }
    }

    /// The scopes whose keys tell whether a request is unauthenticated, when the spec has
    /// limits on unauthenticated requests: a request with none of them is. `None` otherwise.
    pub fn credentials(&self) -> Option<&[Scope]> {
        self.unauthenticated.as_ref().map(|_| &*self.credentials)
    }

    /// The plan for a request with `method` on `path`, with or without credentials.
    pub fn choose(&self, method: &str, path: &str, unauthenticated: bool) -> Chosen {
        match &self.unauthenticated {
            Some(theirs) if unauthenticated => theirs.choose(method, path, true),
            _ => self.signed.choose(method, path, false),
        }
    }

    /// The plan `chosen` stands for.
    pub fn plan<'a>(&'a self, chosen: &'a Chosen) -> &'a Plan {
        match chosen {
            Chosen::Every { unauthenticated } => match &self.unauthenticated {
                Some(theirs) if *unauthenticated => &theirs.every,
                _ => &self.signed.every,
            },
            Chosen::Routed(plan) => plan,
        }
    }
}

/// The limits one kind of request (with credentials, or without) may count under.
#[derive(Debug)]
struct Selection {
    /// The plan of a request on no limit's routes.
    every: Plan,
    /// Every limit of the catalog with its index, for the other plans.
    all: Vec<(usize, RateLimit)>,
    /// How many limits have routes: without any, every request has the one plan.
    routed_count: usize,
    /// The plans made so far, by the limits with routes that the request is on (bit `i`:
    /// the `i`th limit with routes).
    routed: RwLock<Vec<(u128, Arc<Plan>)>>,
}

/// More limits with routes than a plan key holds: their plans are made per request.
const KEY_BITS: usize = 128;

impl Selection {
    fn new(all: Indexed) -> Self {
        let on_every: Vec<(usize, RateLimit)> = all
            .iter()
            .copied()
            .filter(|(_, l)| l.routes.is_every())
            .collect();
        Self {
            routed_count: all.len() - on_every.len(),
            every: Plan::new(&on_every),
            all,
            routed: RwLock::default(),
        }
    }

    /// The plan for a request with `method` on `path`.
    fn choose(&self, method: &str, path: &str, unauthenticated: bool) -> Chosen {
        if self.routed_count == 0 {
            return Chosen::Every { unauthenticated };
        }
        let mut key = 0u128;
        let mut any = false;
        let mut routed = 0;
        for (_, limit) in &self.all {
            if limit.routes.is_every() {
                continue;
            }
            if limit.routes.covers(method, path) {
                any = true;
                if routed < KEY_BITS {
                    key |= 1 << routed;
                }
            }
            routed += 1;
        }
        if !any {
            return Chosen::Every { unauthenticated };
        }
        let cacheable = routed <= KEY_BITS;
        if cacheable {
            let plans = self.routed.read().unwrap_or_else(|e| e.into_inner());
            if let Some((_, plan)) = plans.iter().find(|(k, _)| *k == key) {
                return Chosen::Routed(Arc::clone(plan));
            }
        }
        let plan = Arc::new(self.plan_on(method, path));
        if cacheable {
            let mut plans = self.routed.write().unwrap_or_else(|e| e.into_inner());
            if !plans.iter().any(|(k, _)| *k == key) {
                plans.push((key, Arc::clone(&plan)));
            }
        }
        Chosen::Routed(plan)
    }

    /// The plan of a request on some limit's routes, made anew.
    fn plan_on(&self, method: &str, path: &str) -> Plan {
        Plan::new(&on_route(&self.all, method, path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const fn limit(name: &'static str, scope: Scope, routes: Routes) -> RateLimit {
        RateLimit {
            name,
            requests: 10,
            window: Duration::from_secs(60),
            scope,
            routes,
            unauthenticated: false,
            cost: crate::Cost::ONE,
            per_endpoint: false,
        }
    }

    const SEARCH: Routes = Routes {
        patterns: &["GET /search/*"],
        separate: true,
    };
    const WRITES: Routes = Routes {
        patterns: &["POST /*", "PATCH /*"],
        separate: false,
    };
    /// GitHub's shape: core limits, a separate search limit, secondary limits on writes.
    const LIMITS: &[RateLimit] = &[
        limit("core_ip", Scope::Ip, Routes::EVERY),
        limit("core", Scope::Account, Routes::EVERY),
        limit("search", Scope::Account, SEARCH),
        limit("search_ip", Scope::Ip, SEARCH),
        limit("writes_minute", Scope::Account, WRITES),
        limit("writes_hour", Scope::Account, WRITES),
    ];

    /// The plan's groups as (scope, bucket, limit names).
    fn groups(
        limits: &Limits,
        method: &str,
        path: &str,
    ) -> Vec<(Scope, &'static str, Vec<&'static str>)> {
        let chosen = limits.choose(method, path, false);
        limits
            .plan(&chosen)
            .groups
            .iter()
            .map(|g| (g.scope, g.bucket, g.limits.iter().map(|l| l.name).collect()))
            .collect()
    }

    #[test]
    fn a_request_counts_under_the_limits_of_its_routes() {
        let limits = Limits::new(LIMITS);
        assert_eq!(
            groups(&limits, "GET", "/user"),
            [
                (Scope::Account, "", vec!["core"]),
                (Scope::Ip, "", vec!["core_ip"]),
            ]
        );
        assert_eq!(
            groups(&limits, "POST", "/repos/a/b/issues"),
            [
                (Scope::Account, "", vec!["core"]),
                (
                    Scope::Account,
                    "writes_minute",
                    vec!["writes_minute", "writes_hour"]
                ),
                (Scope::Ip, "", vec!["core_ip"]),
            ],
            "writes count under the core limits too"
        );
        assert_eq!(
            groups(&limits, "GET", "/search/code"),
            [
                (Scope::Account, "search", vec!["search"]),
                (Scope::Ip, "search_ip", vec!["search_ip"]),
            ],
            "search is separate from the core limits"
        );
        let chosen = limits.choose("GET", "/search/code", false);
        assert_eq!(limits.plan(&chosen).index, [2, 3]);
        assert_eq!(
            limits.signed.routed.read().unwrap().len(),
            2,
            "each plan made once"
        );
        let _ = limits.choose("GET", "/search/issues", false);
        assert_eq!(limits.signed.routed.read().unwrap().len(), 2);
    }

    #[test]
    fn without_routes_every_request_has_the_one_plan() {
        let limits = Limits::new(&LIMITS[..2]);
        let chosen = limits.choose("GET", "/search/x", false);
        assert!(matches!(chosen, Chosen::Every { .. }));
        assert_eq!(limits.plan(&chosen).index, [1, 0]);
        assert_eq!(
            limits.credentials(),
            None,
            "no limit on unauthenticated requests"
        );
    }

    /// GitHub's primary limits: 60 an hour per address for unauthenticated requests, 5,000
    /// per account for the others, and a limit per address on every request beside them.
    #[test]
    fn unauthenticated_requests_count_under_their_own_limits() {
        let unauthenticated = RateLimit {
            unauthenticated: true,
            ..limit("unauthenticated", Scope::Ip, Routes::EVERY)
        };
        let search_unauthenticated = RateLimit {
            unauthenticated: true,
            ..limit("search_unauthenticated", Scope::Ip, SEARCH)
        };
        let limits = Limits::new(&[
            unauthenticated,
            limit("authenticated", Scope::Account, Routes::EVERY),
            limit("everyone", Scope::Ip, Routes::EVERY),
            limit("search", Scope::Account, SEARCH),
            search_unauthenticated,
        ]);
        assert_eq!(limits.credentials(), Some(&[Scope::Account][..]));
        let groups = |method, path, anonymous| {
            let chosen = limits.choose(method, path, anonymous);
            let plan = limits.plan(&chosen);
            let groups = plan.groups.iter();
            let groups = groups.map(|g| (g.scope, g.bucket, g.limits.iter().map(|l| l.name)));
            let groups = groups.map(|(s, b, l)| (s, b, l.collect::<Vec<_>>()));
            (groups.collect::<Vec<_>>(), plan.index.clone())
        };
        assert_eq!(
            groups("GET", "/user", false),
            (
                vec![
                    (Scope::Account, "", vec!["authenticated"]),
                    (Scope::Ip, "", vec!["everyone"]),
                ],
                vec![1, 2]
            )
        );
        // The limit on every unauthenticated request keeps a ring apart from the one on
        // every request: requests with credentials from the same address count in the one
        // and not the other.
        assert_eq!(
            groups("GET", "/user", true),
            (
                vec![
                    (Scope::Ip, "unauthenticated", vec!["unauthenticated"]),
                    (Scope::Ip, "", vec!["everyone"]),
                ],
                vec![0, 2]
            )
        );
        assert_eq!(
            groups("GET", "/search/code", true).0,
            [(
                Scope::Ip,
                "search_unauthenticated",
                vec!["search_unauthenticated"]
            )]
        );
        assert_eq!(
            groups("GET", "/search/code", false).0,
            [(Scope::Account, "search", vec!["search"])]
        );
    }

    /// A limit whose requests cost more than one, or that counts per endpoint, keeps a ring
    /// apart from the limits that count every request once.
    #[test]
    fn costs_and_endpoints_keep_rings_of_their_own() {
        let points = RateLimit {
            cost: Cost {
                methods: &[("POST", 5)],
            },
            per_endpoint: true,
            ..limit("points", Scope::Account, Routes::EVERY)
        };
        let limits = Limits::new(&[limit("core", Scope::Account, Routes::EVERY), points]);
        let chosen = limits.choose("POST", "/repos/a/b/issues", false);
        let plan = limits.plan(&chosen);
        let groups: Vec<_> = plan
            .groups
            .iter()
            .map(|g| (g.bucket, g.cost.of("POST"), g.per_endpoint))
            .collect();
        assert_eq!(groups, [("", 1, false), ("points", 5, true)]);
    }
}
