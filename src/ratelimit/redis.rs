//! The Redis store (feature `redis`): the same exact sliding window, in Redis, so that every
//! instance of a service shares one count per caller.
//!
//! Each request is one Lua script run, atomic in Redis: for each limit it drops the time
//! stamps that left the window, checks that every limit has room, and only then records the
//! request under all of them. There is no read-then-write race between instances. Time is
//! Redis's own clock (`TIME`), so the instances' clocks do not matter. Each limit's set
//! expires by itself one window after its last request; nothing needs cleaning up.

use super::{Acquire, Outcome, Store, StoreError};
use crate::RateLimit;
use crate::runtime::LimitState;
use futures_util::future::BoxFuture;
use redis::aio::ConnectionManager;
use std::time::Duration;

/// KEYS: one sorted set per limit, then the sequence key. ARGV: per limit, its requests and
/// window in microseconds. Returns whether it admitted the request, then per limit the
/// requests left and the microseconds until the oldest counted one leaves the window.
const SCRIPT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local n = #KEYS - 1
local admitted = 1
local counts = {}
for i = 1, n do
  local requests = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  counts[i] = redis.call('ZCARD', KEYS[i])
  if counts[i] >= requests then admitted = 0 end
end
local out = {admitted}
local seq = 0
if admitted == 1 then seq = redis.call('INCR', KEYS[n + 1]) end
for i = 1, n do
  local requests = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  if admitted == 1 then
    redis.call('ZADD', KEYS[i], now, now .. '-' .. seq)
    redis.call('PEXPIRE', KEYS[i], math.ceil(window / 1000) + 1)
    counts[i] = counts[i] + 1
  end
  local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  local reset = 0
  if oldest[2] then reset = tonumber(oldest[2]) + window - now end
  out[#out + 1] = math.max(requests - counts[i], 0)
  out[#out + 1] = math.max(reset, 0)
end
return out
";

/// The rate-limit state in Redis, shared by every instance of a service that uses the same
/// Redis and prefix.
///
/// ```no_run
/// # async fn demo() -> Result<(), errspec::ratelimit::StoreError> {
/// use errspec::ratelimit::{RateLimitLayer, RedisStore, header};
///
/// let store = RedisStore::connect("redis://127.0.0.1:6379/", "offers-api").await?;
/// let layer = RateLimitLayer::<errspec::funder_offers::Api, _>::new(header(
///     "x-api-key".parse().unwrap(),
/// ))
/// .with_store(store);
/// # let _ = layer; Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    connection: ConnectionManager,
    script: redis::Script,
    prefix: String,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl RedisStore {
    /// Connects to the Redis at `url` (`redis://127.0.0.1:6379/`); the store's keys start
    /// with `prefix` and a colon. The connection reconnects by itself after a failure; while
    /// Redis is unreachable, requests fail as the layer's
    /// [`OnStoreError`](super::OnStoreError) says.
    pub async fn connect(url: &str, prefix: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(store_error)?;
        let connection = ConnectionManager::new(client).await.map_err(store_error)?;
        Ok(Self::new(connection, prefix))
    }

    /// A store over an existing connection.
    #[must_use]
    pub fn new(connection: ConnectionManager, prefix: &str) -> Self {
        Self {
            connection,
            script: redis::Script::new(SCRIPT),
            prefix: prefix.to_owned(),
        }
    }

    fn key(&self, limit: &RateLimit, caller: Option<&str>) -> String {
        // The caller's key last, so that no caller key can make another limit's name.
        match caller {
            Some(caller) => format!("{}:{}:k:{caller}", self.prefix, limit.name),
            None => format!("{}:{}:total", self.prefix, limit.name),
        }
    }
}

impl Store for RedisStore {
    fn acquire<'a>(&'a self, request: Acquire<'a>) -> BoxFuture<'a, Result<Outcome, StoreError>> {
        Box::pin(async move {
            let limits: Vec<&RateLimit> = request.keyed.iter().chain(request.shared).collect();
            let mut invocation = self.script.prepare_invoke();
            for limit in request.keyed {
                invocation.key(self.key(limit, Some(request.key)));
            }
            for limit in request.shared {
                invocation.key(self.key(limit, None));
            }
            invocation.key(format!("{}:seq", self.prefix));
            for limit in &limits {
                let micros = u64::try_from(limit.window.as_micros()).unwrap_or(u64::MAX);
                invocation.arg(limit.requests).arg(micros.max(1));
            }
            let mut connection = self.connection.clone();
            let reply: Vec<i64> = invocation
                .invoke_async(&mut connection)
                .await
                .map_err(store_error)?;
            read_reply(&reply, &limits)
        })
    }
}

/// The script's reply as an outcome; an error for a reply of another shape.
fn read_reply(reply: &[i64], limits: &[&RateLimit]) -> Result<Outcome, StoreError> {
    let (admitted, pairs) = reply
        .split_first()
        .filter(|(_, rest)| rest.len() == limits.len() * 2)
        .ok_or_else(|| StoreError(format!("unexpected script reply {reply:?}")))?;
    let states = pairs
        .chunks_exact(2)
        .zip(limits)
        .map(|(pair, limit)| LimitState {
            limit: **limit,
            remaining: u32::try_from(pair[0]).unwrap_or(0),
            reset_after: Duration::from_micros(u64::try_from(pair[1]).unwrap_or(0)),
        })
        .collect();
    Ok(Outcome {
        admitted: *admitted == 1,
        states,
    })
}

fn store_error(error: redis::RedisError) -> StoreError {
    StoreError(error.to_string())
}
