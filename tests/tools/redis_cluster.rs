//! The rate-limit layer on a real Redis Cluster of three masters over loopback (started here
//! with `redis-server --cluster-enabled yes` and `redis-cli --cluster create`): two instances
//! admit each caller's limit once between them, callers whose rings live on different masters
//! alike, and a master killed mid-run gives its callers the configured fail-open or
//! fail-closed answer while the other masters' callers are still counted.

use crate::cluster::Cluster;
use crate::http_support::{admitted, burst, ratelimited_app as app, serve};
use crate::redis::block_on;
use errspec::Scope;
use errspec::ratelimit::{Counted, OnStoreError, RedisStore};
use std::path::PathBuf;
use std::time::Duration;

/// The ring key of the funder offers API's caller `caller` under `prefix`.
fn ring_key(store: &RedisStore, caller: &str) -> String {
    store.key(&Counted {
        scope: Scope::ApiKey,
        bucket: "",
        key: caller,
        limits: &[],
        cost: 1,
    })
}

pub fn two_instances_on_a_cluster_admit_each_limit_once_and_a_dead_master_fails_as_configured(
    (server, cli): (PathBuf, PathBuf),
) {
    let mut cluster = Cluster::start(&server, &cli);
    block_on(async {
        let urls = cluster.urls();
        let nodes: Vec<&str> = urls.iter().map(String::as_str).collect();
        let connect = || RedisStore::connect_cluster(&nodes, "fleet");
        let (one, two) = (connect().await.unwrap(), connect().await.unwrap());
        // Callers whose rings live on each of the three masters.
        let mut callers: Vec<(String, u16)> = Vec::new();
        for i in 0..200 {
            let caller = format!("caller-{i}");
            let master = cluster.master_of(&ring_key(&one, &caller));
            if callers.iter().filter(|(_, m)| *m == master).count() < 2 {
                callers.push((caller, master));
            }
        }
        let masters: std::collections::BTreeSet<u16> = callers.iter().map(|(_, m)| *m).collect();
        assert_eq!(masters.len(), 3, "callers on every master: {callers:?}");
        let a = serve(app(one, OnStoreError::FailOpen)).await;
        let b = serve(app(two, OnStoreError::FailClosed)).await;
        for (caller, _) in &callers {
            let (statuses, elapsed) = burst(&[a, b], caller, 16).await;
            assert!(
                statuses.iter().all(|&s| s == 200 || s == 429),
                "{statuses:?}"
            );
            if elapsed < Duration::from_secs(1) {
                assert_eq!(admitted(&statuses), 5, "{caller}: {statuses:?}");
            }
        }
        // One master dies: its callers get the configured answer, the others are counted.
        let (dead_caller, dead) = callers[0].clone();
        cluster.kill(dead);
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let (open, _) = burst(&[a], &dead_caller, 8).await;
        assert_eq!(
            admitted(&open),
            8,
            "fail open lets {dead_caller} through: {open:?}"
        );
        let (closed, _) = burst(&[b], &dead_caller, 3).await;
        assert_eq!(closed, [503, 503, 503], "fail closed refuses {dead_caller}");
        let (alive, _) = callers
            .iter()
            .find(|(_, master)| *master != dead)
            .cloned()
            .expect("a caller on a live master");
        let (statuses, elapsed) = burst(&[a, b], &alive, 12).await;
        if elapsed < Duration::from_secs(1) {
            assert_eq!(admitted(&statuses), 5, "{alive}: {statuses:?}");
        }
    });
}

/// A limit of one minute.
const fn per_minute(
    name: &'static str,
    requests: u32,
    scope: Scope,
    cost: errspec::Cost,
) -> errspec::RateLimit {
    errspec::RateLimit {
        name,
        requests,
        window: Duration::from_secs(60),
        scope,
        routes: errspec::Routes::EVERY,
        unauthenticated: false,
        cost,
        per_endpoint: false,
    }
}

/// 12 points a minute per account, a write costing 5.
const POINTS: &[errspec::RateLimit] = &[per_minute(
    "points",
    12,
    Scope::Account,
    errspec::Cost {
        methods: &[("POST", 5)],
    },
)];

/// One request a minute per address.
const PER_IP: &[errspec::RateLimit] = &[per_minute("per_ip", 1, Scope::Ip, errspec::Cost::ONE)];

/// On a cluster each group is decided in its own slot: when a later group refuses, the earlier
/// group's admission is taken back whole, as many times as the request cost.
pub fn a_refused_request_takes_back_its_whole_cost_on_a_cluster(tools: (PathBuf, PathBuf)) {
    takes_back(tools, false);
}

/// The same with GCRA cells ([`RedisStore::gcra`]): the earlier group's cells move back by
/// the whole cost, so the next writes fit as if the refused one had never come; a cell that
/// two equal limits share moves back once.
pub fn a_refused_request_takes_back_its_whole_cost_from_gcra_cells_on_a_cluster(
    tools: (PathBuf, PathBuf),
) {
    takes_back(tools, true);
}

fn takes_back((server, cli): (PathBuf, PathBuf), gcra: bool) {
    use errspec::ratelimit::{Acquire, Store};
    let cluster = Cluster::start(&server, &cli);
    block_on(async {
        let urls = cluster.urls();
        let nodes: Vec<&str> = urls.iter().map(String::as_str).collect();
        let store = RedisStore::connect_cluster(&nodes, "undo").await.unwrap();
        let store = if gcra { store.gcra() } else { store };
        let write = Counted {
            scope: Scope::Account,
            bucket: "points",
            key: "octocat",
            limits: POINTS,
            cost: 5,
        };
        let address = Counted {
            scope: Scope::Ip,
            bucket: "",
            key: "192.0.2.1",
            limits: PER_IP,
            cost: 1,
        };
        let acquire = async |groups: Vec<Counted<'static>>| {
            let request = Acquire {
                groups: &groups,
                admitted_states: false,
            };
            store
                .acquire(request)
                .await
                .expect("the cluster answers")
                .admitted
        };
        assert!(acquire(vec![address]).await, "the address's one request");
        // The write is recorded in its slot, then refused by the address's: taken back.
        assert!(!acquire(vec![write, address]).await);
        let writes = [
            acquire(vec![write]).await,
            acquire(vec![write]).await,
            acquire(vec![write]).await,
        ];
        assert_eq!(
            writes,
            [true, true, false],
            "no point of the refused write is left"
        );
        if !gcra {
            return;
        }
        // Two equal limits share one cell: the refused write moved it once, and is taken
        // back once. Taken back twice, the cell would fall behind the first write's points.
        let twice = Counted {
            key: "hubot",
            limits: POINTS_TWICE,
            ..write
        };
        assert!(acquire(vec![twice]).await, "the first write");
        assert!(!acquire(vec![twice, address]).await);
        let writes = [acquire(vec![twice]).await, acquire(vec![twice]).await];
        assert_eq!(
            writes,
            [true, false],
            "the first write's points are still used"
        );
    });
}

/// [`POINTS`]' limit twice over, as a spec could list it.
const POINTS_TWICE: &[errspec::RateLimit] = &[POINTS[0], POINTS[0]];
