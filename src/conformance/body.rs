//! A response body read up to a limit for checking, then given to the client unchanged: the
//! bytes read come first, then the rest of the original body, its trailers and its error.

use bytes::{Buf, Bytes, BytesMut};
use http::HeaderMap;
use http_body::{Body, Frame, SizeHint};
use std::pin::Pin;
use std::task::{Context, Poll};

/// The body of a response that passed the conformance layer: exactly the bytes, trailers and
/// error of the body the service sent.
pub struct Replay<B: Body> {
    /// The bytes read for checking, not yet sent on.
    head: Option<Bytes>,
    /// The error that ended reading, sent after the head.
    error: Option<B::Error>,
    /// The trailers read for checking, sent after the head.
    trailers: Option<HeaderMap>,
    /// What was not read; `None` once the body has ended.
    rest: Option<Pin<Box<B>>>,
}

// No field is ever pinned: the original body is boxed, the rest are moved out whole.
impl<B: Body> Unpin for Replay<B> {}

impl<B: Body> std::fmt::Debug for Replay<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replay")
            .field("head", &self.head)
            .field("ended", &self.rest.is_none())
            .finish_non_exhaustive()
    }
}

/// What reading a body for checking found.
pub(super) enum Prefix {
    /// The whole body, in at most `limit` bytes.
    Whole(Bytes),
    /// More than `limit` bytes.
    TooLarge,
    /// The body failed while being read.
    Failed,
}

impl<B: Body> Replay<B> {
    /// `body`, not read.
    pub(super) fn untouched(body: B) -> Self {
        Self {
            head: None,
            error: None,
            trailers: None,
            rest: Some(Box::pin(body)),
        }
    }

    /// Reads `body` until it ends or holds more than `limit` bytes.
    pub(super) async fn read(body: B, limit: usize) -> (Self, Prefix) {
        let mut rest = Box::pin(body);
        let mut head = BytesMut::new();
        let mut error = None;
        let mut trailers = None;
        let mut ended = true;
        loop {
            if head.len() > limit {
                ended = false;
                break;
            }
            match std::future::poll_fn(|cx| rest.as_mut().poll_frame(cx)).await {
                None => break,
                Some(Ok(frame)) => match frame.into_data() {
                    Ok(mut data) => head.extend_from_slice(&data.copy_to_bytes(data.remaining())),
                    // Trailers end a body: nothing follows them.
                    Err(frame) => {
                        trailers = frame.into_trailers().ok();
                        break;
                    }
                },
                Some(Err(failed)) => {
                    error = Some(failed);
                    break;
                }
            }
        }
        let head = head.freeze();
        let prefix = match (&error, ended) {
            (Some(_), _) => Prefix::Failed,
            (None, false) => Prefix::TooLarge,
            (None, true) => Prefix::Whole(head.clone()),
        };
        let replay = Self {
            head: Some(head).filter(|h| !h.is_empty()),
            error,
            trailers,
            rest: Some(rest).filter(|_| !ended),
        };
        (replay, prefix)
    }
}

impl<B: Body> Body for Replay<B> {
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        let this = self.get_mut();
        if let Some(head) = this.head.take() {
            return Poll::Ready(Some(Ok(Frame::data(head))));
        }
        if let Some(error) = this.error.take() {
            return Poll::Ready(Some(Err(error)));
        }
        if let Some(trailers) = this.trailers.take() {
            return Poll::Ready(Some(Ok(Frame::trailers(trailers))));
        }
        let Some(rest) = this.rest.as_mut() else {
            return Poll::Ready(None);
        };
        match rest.as_mut().poll_frame(cx) {
            Poll::Ready(None) => {
                this.rest = None;
                Poll::Ready(None)
            }
            Poll::Ready(Some(frame)) => {
                Poll::Ready(Some(frame.map(|f| {
                    f.map_data(|mut data| data.copy_to_bytes(data.remaining()))
                })))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.head.is_none()
            && self.error.is_none()
            && self.trailers.is_none()
            && self.rest.as_ref().is_none_or(|rest| rest.is_end_stream())
    }

    fn size_hint(&self) -> SizeHint {
        let head = self.head.as_ref().map_or(0, |h| h.len() as u64);
        let mut hint = SizeHint::new();
        match &self.rest {
            None => hint.set_exact(head),
            Some(rest) => {
                let inner = rest.size_hint();
                hint.set_lower(inner.lower().saturating_add(head));
                if let Some(upper) = inner.upper() {
                    hint.set_upper(upper.saturating_add(head));
                }
            }
        }
        hint
    }
}
