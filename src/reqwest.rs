//! Calling an API with reqwest (feature `reqwest`): error responses read into typed errors,
//! and a retry loop that does what the spec and the response say.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use errspec::funder_offers::Api;
//! use errspec::reqwest::{CallError, Retrying};
//!
//! let client = reqwest::Client::new();
//! let result = Retrying::default()
//!     .send::<Api>(|| client.get("http://127.0.0.1:8080/offers/42"))
//!     .await;
//! match result {
//!     Ok(response) => println!("{}", response.text().await?),
//!     Err(CallError::Api(error)) => println!("{error}: {:?}", error.known_code()),
//!     Err(CallError::Transport(error)) => println!("no response: {error}"),
//! }
//! # Ok(()) }
//! ```

use crate::client::{DEFAULT_MAX_BODY, ErrorResponse};
use crate::{Catalog, RetryDecision};
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::time::{Duration, Instant, SystemTime};

impl<A: Catalog> ErrorResponse<A> {
    /// Reads a reqwest response: its status, headers and at most [`DEFAULT_MAX_BODY`] bytes of
    /// its body (a longer body is kept truncated, as [`ErrorResponse::read`] says). A body that
    /// breaks off midway is read as far as it came.
    pub async fn from_reqwest(response: ::reqwest::Response) -> Self {
        Self::from_reqwest_with_limit(response, DEFAULT_MAX_BODY).await
    }

    /// [`from_reqwest`](Self::from_reqwest) with another size limit for the body.
    pub async fn from_reqwest_with_limit(
        mut response: ::reqwest::Response,
        max_body: usize,
    ) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        // One byte past the limit is enough to know the body is too large.
        while body.len() <= max_body {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let room = max_body + 1 - body.len();
                    body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
                Ok(None) | Err(_) => break,
            }
        }
        Self::read_with_limit(status, headers.iter(), &body, max_body)
    }
}

/// Why a call through [`Retrying::send`] failed.
#[derive(Debug)]
pub enum CallError<A: Catalog> {
    /// The API answered with an error that is not worth retrying, or was still failing when
    /// the attempts or the time ran out.
    Api(Box<ErrorResponse<A>>),
    /// No response: the connection failed or timed out (after the retries), or the request
    /// could not be built.
    Transport(::reqwest::Error),
}

impl<A: Catalog> fmt::Display for CallError<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(error) => error.fmt(f),
            Self::Transport(error) => write!(f, "{}: no response: {error}", A::NAME),
        }
    }
}

impl<A: Catalog> std::error::Error for CallError<A> {}

/// A retry loop that follows [`RetryDecision`]: it never retries an error the spec says not
/// to (`Never`, and `Refresh`, which needs a re-read only the caller can do); waits as long as
/// `Retry-After`, `X-RateLimit-Reset` or the body say for a rate limit; backs off
/// exponentially, with jitter, for transient failures and for connections that fail. Attempts
/// and the total time are bounded: a wait that would end past `max_total` is not started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retrying {
    /// Attempts in all, the first included (at least 1).
    pub max_attempts: u32,
    /// The most time from the first attempt to the start of the last.
    pub max_total: Duration,
    /// The first backoff; each next one doubles.
    pub base: Duration,
    /// The longest backoff.
    pub cap: Duration,
}

impl Default for Retrying {
    /// 4 attempts within 30 seconds, backing off from 250 ms up to 8 s.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            max_total: Duration::from_secs(30),
            base: Duration::from_millis(250),
            cap: Duration::from_secs(8),
        }
    }
}

impl Retrying {
    /// Sends the request `build` makes (once per attempt) until it succeeds (any status below
    /// 400), fails in a way not worth retrying, or the attempts or time run out.
    pub async fn send<A: Catalog>(
        &self,
        mut build: impl FnMut() -> ::reqwest::RequestBuilder,
    ) -> Result<::reqwest::Response, CallError<A>> {
        let started = Instant::now();
        let mut attempt = 0;
        loop {
            let last = attempt + 1 >= self.max_attempts.max(1);
            let (decision, failure) = match build().send().await {
                Ok(response) if response.status().as_u16() < 400 => return Ok(response),
                Ok(response) => {
                    let error = ErrorResponse::<A>::from_reqwest(response).await;
                    (
                        error.retry(SystemTime::now()),
                        CallError::Api(Box::new(error)),
                    )
                }
                Err(error) if error.is_connect() || error.is_timeout() => (
                    RetryDecision::Backoff {
                        at_least: Duration::ZERO,
                    },
                    CallError::Transport(error),
                ),
                Err(error) => return Err(CallError::Transport(error)),
            };
            if last || matches!(decision, RetryDecision::Refresh) {
                return Err(failure);
            }
            let Some(wait) = decision.delay(attempt, self.base, self.cap) else {
                return Err(failure);
            };
            let wait = jittered(decision, wait);
            if started.elapsed() + wait > self.max_total {
                return Err(failure);
            }
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }
}

/// `wait` with jitter, so that clients refused together do not come back together: a backoff
/// anywhere from half of it to all of it (but not below what the server asked for); a wait the
/// server named, up to a tenth longer, never shorter.
fn jittered(decision: RetryDecision, wait: Duration) -> Duration {
    // A fresh `RandomState` has fresh keys: random enough to spread retries.
    let unit = (RandomState::new().hash_one(wait) >> 11) as f64 / (1u64 << 53) as f64;
    match decision {
        RetryDecision::Backoff { at_least } => wait.mul_f64(0.5 + unit / 2.0).max(at_least),
        _ => wait + wait.mul_f64(unit / 10.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_never_waits_less_than_the_server_asked() {
        for _ in 0..1000 {
            let after = RetryDecision::After(Duration::from_secs(2));
            let wait = jittered(after, Duration::from_secs(2));
            assert!(wait >= Duration::from_secs(2) && wait <= Duration::from_millis(2200));
            let backoff = RetryDecision::Backoff {
                at_least: Duration::from_secs(3),
            };
            let wait = jittered(backoff, Duration::from_secs(4));
            assert!(wait >= Duration::from_secs(3) && wait <= Duration::from_secs(4));
            let plain = RetryDecision::Backoff {
                at_least: Duration::ZERO,
            };
            let wait = jittered(plain, Duration::from_secs(4));
            assert!(wait >= Duration::from_secs(2) && wait <= Duration::from_secs(4));
        }
    }
}
