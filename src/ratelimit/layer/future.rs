//! The future of a rate-limited request: the inner service's (with the spec's headers added
//! to its response), an answer of the layer's own, or a store's decision still to come.

use futures_util::future::BoxFuture;
use http::{HeaderName, HeaderValue, Response};
use pin_project_lite::pin_project;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pin_project! {
    /// The response future of [`RateLimitService`](super::RateLimitService). A request an
    /// in-process store admits costs no allocation: this is the inner service's own future.
    pub struct ResponseFuture<F, R, E> {
        #[pin]
        kind: Kind<F, R, E>,
    }
}

pin_project! {
    #[project = KindProjection]
    enum Kind<F, R, E> {
        /// Let through: the inner future, and headers to add to its response.
        Inner {
            #[pin]
            future: F,
            headers: Vec<(HeaderName, HeaderValue)>,
        },
        /// Answered by the layer (a refusal, a request without a key); boxed, so that the
        /// future of a request let through stays the size of the inner one.
        Ready { response: Option<Box<Response<R>>> },
        /// Waiting for a store that must be asked over the network.
        Waiting { future: BoxFuture<'static, Result<Response<R>, E>> },
    }
}

impl<F, R, E> ResponseFuture<F, R, E> {
    /// The inner service's future; `headers` go on its response.
    pub(super) fn inner(future: F, headers: Vec<(HeaderName, HeaderValue)>) -> Self {
        Self {
            kind: Kind::Inner { future, headers },
        }
    }

    /// The layer's own answer.
    pub(super) fn ready(response: Response<R>) -> Self {
        Self {
            kind: Kind::Ready {
                response: Some(Box::new(response)),
            },
        }
    }

    /// A decision still to come.
    pub(super) fn waiting(future: BoxFuture<'static, Result<Response<R>, E>>) -> Self {
        Self {
            kind: Kind::Waiting { future },
        }
    }
}

impl<F, R, E> Future for ResponseFuture<F, R, E>
where
    F: Future<Output = Result<Response<R>, E>>,
{
    type Output = Result<Response<R>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().kind.project() {
            KindProjection::Inner { future, headers } => {
                let poll = future.poll(cx);
                // Most responses get no headers: the inner poll as it is, not moved again.
                if headers.is_empty() {
                    return poll;
                }
                let mut response = std::task::ready!(poll)?;
                for (name, value) in headers.drain(..) {
                    response.headers_mut().insert(name, value);
                }
                Poll::Ready(Ok(response))
            }
            KindProjection::Ready { response } => match response.take() {
                Some(response) => Poll::Ready(Ok(*response)),
                // Polled again after it completed: a caller's bug, answered without a panic.
                None => Poll::Pending,
            },
            KindProjection::Waiting { future } => future.as_mut().poll(cx),
        }
    }
}

impl<F, R, E> std::fmt::Debug for ResponseFuture<F, R, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}
