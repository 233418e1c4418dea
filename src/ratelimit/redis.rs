//! The Redis store (feature `redis`): the same rings as the in-process store (`ring.rs`), in
//! Redis or a Redis Cluster, so that every instance of a service shares one count per caller.
//!
//! Each caller has one string per scope: its ring of admission times, 4 bytes each (one
//! caller at 600 requests per 5 minutes: under 2.5 KB). A request is one Lua script run
//! (`redis/acquire.lua`), atomic in Redis: it drops the times no limit counts, checks that
//! every limit has room, and only then records the request. Time is Redis's own clock
//! (`TIME`). Each ring expires by itself one window after its last request; nothing needs
//! cleaning up, and no key is written by every request.
//!
//! Every key of one caller and scope shares a hash slot (`{prefix:scope:key}`, then
//! `:bucket` for the limits of some routes only), and the limits of scope `total` have a slot
//! of their own (`{prefix:total}`). On a single Redis a
//! request's groups are decided in one script run; on a cluster each group is decided in its
//! own slot, in order, and when a later group refuses, the admissions of the earlier ones are
//! taken back (`redis/release.lua`): no window ever holds more than its limit, and a refused
//! request counts under none once it is answered.
//!
//! [`RedisStore::gcra`] keeps GCRA cells instead (`redis/gcra.lua`, `redis/gcra_release.lua`):
//! per caller and group one hash, a cell per limit, under the same keys and slots.

use super::gcra::Schedule;
use super::ring::Plan;
use super::{Acquire, Counted, Outcome, Store, StoreError};
use crate::Scope;
use crate::runtime::LimitState;
use futures_util::future::BoxFuture;
use redis::aio::{ConnectionLike, ConnectionManager};
use redis::cluster_async::ClusterConnection;
use std::sync::LazyLock;
use std::time::Duration;

/// How a store reaches Redis.
#[derive(Clone)]
enum Connection {
    /// One Redis: every group of a request in one script run.
    Single(ConnectionManager),
    /// A Redis Cluster: one script run per group, each in its own slot.
    Cluster(ClusterConnection),
}

/// The rate-limit state in Redis, shared by every instance of a service that uses the same
/// Redis (or cluster) and prefix.
///
/// ```no_run
/// # async fn demo() -> Result<(), errspec::ratelimit::StoreError> {
/// use errspec::ratelimit::{RateLimitLayer, RedisStore, header};
///
/// let store = RedisStore::connect("redis://127.0.0.1:6379/", "offers-api").await?;
/// // or: RedisStore::connect_cluster(&["redis://127.0.0.1:7000/"], "offers-api").await?
/// let layer = RateLimitLayer::<errspec::funder_offers::Api, _>::new(header(
///     "x-api-key".parse().unwrap(),
/// ))
/// .with_store(store);
/// # let _ = layer; Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    connection: Connection,
    /// What the store keeps per caller: the exact rings, or GCRA cells ([`RedisStore::gcra`]).
    window: Window,
    prefix: String,
}

/// What a [`RedisStore`] keeps per caller and group of limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Window {
    /// A ring of admission times, as [`MemoryStore`](super::MemoryStore) keeps.
    Exact,
    /// One GCRA cell per limit, as [`GcraStore`](super::GcraStore) keeps.
    Gcra,
}

/// The scripts of one kind of window: a request's decision, and taking one back.
struct Scripts {
    acquire: redis::Script,
    release: redis::Script,
}

impl Window {
    /// Its scripts, made (and their hashes taken) once per process.
    fn scripts(self) -> &'static Scripts {
        static RINGS: LazyLock<Scripts> = LazyLock::new(|| Scripts {
            acquire: redis::Script::new(include_str!("redis/acquire.lua")),
            release: redis::Script::new(include_str!("redis/release.lua")),
        });
        static CELLS: LazyLock<Scripts> = LazyLock::new(|| Scripts {
            acquire: redis::Script::new(include_str!("redis/gcra.lua")),
            release: redis::Script::new(include_str!("redis/gcra_release.lua")),
        });
        match self {
            Window::Exact => &RINGS,
            Window::Gcra => &CELLS,
        }
    }
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.connection {
            Connection::Single(_) => "single",
            Connection::Cluster(_) => "cluster",
        };
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .field("redis", &kind)
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

impl RedisStore {
    /// Connects to the Redis at `url` (`redis://127.0.0.1:6379/`); the store's keys start
    /// with `{prefix:`. The connection reconnects by itself after a failure; while Redis is
    /// unreachable, requests fail as the layer's [`OnStoreError`](super::OnStoreError) says.
    pub async fn connect(url: &str, prefix: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(store_error)?;
        let connection = ConnectionManager::new(client).await.map_err(store_error)?;
        Ok(Self::new(connection, prefix))
    }

    /// Connects to the Redis Cluster that `nodes` (some of its masters' URLs) belong to. The
    /// cluster client follows `MOVED` and `ASK` redirections and reconnects to the masters it
    /// learns of; while the master of a caller's slot is down, that caller's requests fail as
    /// the layer's [`OnStoreError`](super::OnStoreError) says.
    pub async fn connect_cluster(nodes: &[&str], prefix: &str) -> Result<Self, StoreError> {
        let client = redis::cluster::ClusterClientBuilder::new(nodes.to_vec())
            .connection_timeout(Duration::from_secs(2))
            .response_timeout(Duration::from_secs(2))
            .retries(2)
            .build()
            .map_err(store_error)?;
        let connection = client.get_async_connection().await.map_err(store_error)?;
        Ok(Self::with_connection(
            Connection::Cluster(connection),
            prefix,
        ))
    }

    /// A store over an existing connection to one Redis.
    #[must_use]
    pub fn new(connection: ConnectionManager, prefix: &str) -> Self {
        Self::with_connection(Connection::Single(connection), prefix)
    }

    fn with_connection(connection: Connection, prefix: &str) -> Self {
        Self {
            connection,
            window: Window::Exact,
            prefix: prefix.to_owned(),
        }
    }

    /// The approximate store, for a fleet: one GCRA cell per caller and limit, as
    /// [`GcraStore`](super::GcraStore) keeps in process, with the same promise (a caller
    /// within every limit is never refused; a window of length W holds at most twice a limit
    /// of N per W: N at once, then one every W / N). A caller's group of limits is one Redis
    /// hash of a few fields, whatever the number of requests its limits count (under 200
    /// bytes of `MEMORY USAGE` for one limit, where the exact ring of 600 requests takes
    /// 2.5 KB), and it expires once the caller is as good as new. Its keys end in `:gcra`, so
    /// exact and approximate stores on one prefix never read each other's.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), errspec::ratelimit::StoreError> {
    /// use errspec::ratelimit::RedisStore;
    ///
    /// let store = RedisStore::connect("redis://127.0.0.1:6379/", "offers-api")
    ///     .await?
    ///     .gcra();
    /// # let _ = store; Ok(()) }
    /// ```
    #[must_use]
    pub fn gcra(self) -> Self {
        Self {
            window: Window::Gcra,
            ..self
        }
    }

    /// The key of a group's ring (or cells, ending in `:gcra`). The hash tag spans the whole
    /// name, so a caller's key can hold any bytes (`}` included) and still never names
    /// another caller's ring: keys that differ differ in their name, whatever slot they share.
    #[must_use]
    pub fn key(&self, group: &Counted<'_>) -> String {
        let mut key = match group.scope {
            Scope::Total => format!("{{{}:total}}", self.prefix),
            scope => format!("{{{}:{}:{}}}", self.prefix, scope.as_str(), group.key),
        };
        // After the tag, so a caller's rings share its slot; a bucket never holds `}`, so a
        // name still ends in the bucket or in the tag's `}`, and names stay apart.
        if !group.bucket.is_empty() {
            key.push(':');
            key.push_str(group.bucket);
        }
        if self.window == Window::Gcra {
            key.push_str(":gcra");
        }
        key
    }

    /// Decides `groups` in one script run on `connection`, recording the request when
    /// `record` says so and every limit has room: whether they had room, each group's
    /// recorded tick (for GCRA cells, 1; 0 when not recorded), and the states.
    async fn run<C: ConnectionLike>(
        &self,
        connection: &mut C,
        groups: &[&Counted<'_>],
        record: bool,
    ) -> Result<(bool, Vec<i64>, Vec<LimitState>), StoreError> {
        let mut invocation = self.window.scripts().acquire.prepare_invoke();
        invocation.arg(u8::from(record));
        for group in groups {
            invocation.key(self.key(group));
            match self.window {
                Window::Exact => {
                    let plan = Plan::new(group.limits);
                    invocation
                        .arg(plan.tick_micros)
                        .arg(plan.longest)
                        .arg(plan.capacity)
                        .arg(group.cost)
                        .arg(group.limits.len());
                    for limit in group.limits {
                        invocation.arg(limit.requests).arg(plan.window(limit));
                    }
                }
                Window::Gcra => {
                    invocation.arg(group.cost).arg(group.limits.len());
                    for limit in group.limits {
                        let schedule = Schedule::of(limit);
                        invocation
                            .arg(limit.requests)
                            .arg(schedule.interval)
                            .arg(schedule.ahead);
                    }
                }
            }
        }
        let reply: Vec<i64> = invocation
            .invoke_async(connection)
            .await
            .map_err(store_error)?;
        read_reply(&reply, groups)
    }

    /// Takes back the admission recorded at `tick` in `group`'s ring, or the cost it moved
    /// `group`'s cells on by.
    async fn undo<C: ConnectionLike>(
        &self,
        connection: &mut C,
        group: &Counted<'_>,
        tick: i64,
    ) -> Result<(), StoreError> {
        let mut invocation = self.window.scripts().release.key(self.key(group));
        match self.window {
            Window::Exact => {
                invocation.arg(tick).arg(group.cost);
            }
            Window::Gcra => {
                invocation.arg(group.cost).arg(group.limits.len());
                for limit in group.limits {
                    invocation
                        .arg(limit.requests)
                        .arg(Schedule::of(limit).interval);
                }
            }
        }
        let _: i64 = invocation
            .invoke_async(connection)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    /// A cluster's decision: one group after the other, each in its own slot; a refusal
    /// undoes the groups admitted before it, so the request counts under none.
    async fn run_each(
        &self,
        connection: &mut ClusterConnection,
        groups: &[&Counted<'_>],
    ) -> Result<Outcome, StoreError> {
        let mut states = Vec::new();
        let mut recorded: Vec<(&Counted<'_>, i64)> = Vec::new();
        let mut admitted = true;
        for group in groups {
            // Once refused, the later groups are only read for their states.
            let result = self
                .run(connection, std::slice::from_ref(group), admitted)
                .await;
            let (ok, ticks, group_states) = match result {
                Ok(decided) => decided,
                Err(error) => {
                    self.undo_all(connection, &recorded).await;
                    return Err(error);
                }
            };
            states.extend(group_states);
            if !admitted {
                continue;
            }
            if ok {
                recorded.extend(ticks.first().map(|&tick| (*group, tick)));
            } else {
                admitted = false;
                self.undo_all(connection, &recorded).await;
                recorded.clear();
            }
        }
        Ok(Outcome { admitted, states })
    }

    /// Undoes `recorded` admissions; a failure leaves them counted, which only ever refuses
    /// more, never admits more than a limit.
    async fn undo_all(&self, connection: &mut ClusterConnection, recorded: &[(&Counted<'_>, i64)]) {
        for (group, tick) in recorded {
            let _ = self.undo(connection, group, *tick).await;
        }
    }
}

impl Store for RedisStore {
    fn acquire<'a>(&'a self, request: Acquire<'a>) -> BoxFuture<'a, Result<Outcome, StoreError>> {
        Box::pin(async move {
            let groups: Vec<&Counted<'_>> = request
                .groups
                .iter()
                .filter(|g| !g.limits.is_empty())
                .collect();
            if groups.is_empty() {
                return Ok(Outcome {
                    admitted: true,
                    states: Vec::new(),
                });
            }
            match &self.connection {
                Connection::Single(connection) => {
                    let (admitted, _, states) =
                        self.run(&mut connection.clone(), &groups, true).await?;
                    Ok(Outcome { admitted, states })
                }
                Connection::Cluster(connection) => {
                    self.run_each(&mut connection.clone(), &groups).await
                }
            }
        })
    }
}

/// The script's reply: whether it admitted, each group's recorded tick, and the states; an
/// error for a reply of another shape.
fn read_reply(
    reply: &[i64],
    groups: &[&Counted<'_>],
) -> Result<(bool, Vec<i64>, Vec<LimitState>), StoreError> {
    let limits: Vec<_> = groups.iter().flat_map(|g| g.limits).collect();
    let expected = 1 + groups.len() + 2 * limits.len();
    if reply.len() != expected {
        return Err(StoreError(format!("unexpected script reply {reply:?}")));
    }
    let ticks = reply[1..=groups.len()].to_vec();
    let states = reply[1 + groups.len()..]
        .chunks_exact(2)
        .zip(limits)
        .map(|(pair, limit)| LimitState {
            limit: *limit,
            remaining: u32::try_from(pair[0]).unwrap_or(0),
            reset_after: Duration::from_micros(u64::try_from(pair[1]).unwrap_or(0)),
        })
        .collect();
    Ok((reply[0] == 1, ticks, states))
}

fn store_error(error: redis::RedisError) -> StoreError {
    StoreError(error.to_string())
}
