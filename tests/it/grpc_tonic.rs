//! gRPC over loopback: a tonic server answers each method with a catalog's error as a
//! `tonic::Status`, a tonic client calls it, and the status it gets reads back into the typed
//! code, the message and the retry decision the spec gives.

use crate::wire_role_specs::fixtures::wire_role_envelope as envelope;
use errspec::server::Reply;
use errspec::tonic::GrpcError;
use errspec::{RetryDecision, centrapay, funder_offers};
use std::convert::Infallible;
use std::future::{Ready, ready};
use std::task::{Context, Poll};
use std::time::Duration;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::transport::{Endpoint, Server};

/// A service whose every method fails: `Update` with the funder offers API's
/// `VERSION_CONFLICT`, `Create` with Centrapay's `RATE_LIMIT_EXCEEDED` and a 30 s
/// `Retry-After`, `Delete` with the funder offers API's 403 (a status without a code), `Pay`
/// with the `card_declined` of an API whose spec has a site.
#[derive(Clone)]
struct Offers;

impl tonic::server::NamedService for Offers {
    const NAME: &'static str = "offers.Offers";
}

impl tower::Service<http::Request<tonic::body::Body>> for Offers {
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        let status: tonic::Status = match request.uri().path() {
            "/offers.Offers/Update" => {
                errspec::tonic::status(funder_offers::ErrorCode::VersionConflict)
            }
            "/offers.Offers/Create" => Reply::from_code(centrapay::ErrorCode::RateLimitExceeded)
                .with_retry_after(Duration::from_secs(30))
                .into(),
            "/offers.Offers/Delete" => Reply::from_status(funder_offers::Status::Forbidden).into(),
            "/offers.Offers/Pay" => errspec::tonic::status(envelope::ErrorCode::CardDeclined),
            _ => tonic::Status::unimplemented("no such method"),
        };
        ready(Ok(status.into_http()))
    }
}

/// Empty messages: the calls send nothing and every answer is an error.
#[derive(Clone, Copy, Default)]
struct Empty;

impl Encoder for Empty {
    type Item = ();
    type Error = tonic::Status;

    fn encode(&mut self, (): (), _: &mut EncodeBuf<'_>) -> Result<(), tonic::Status> {
        Ok(())
    }
}

impl Decoder for Empty {
    type Item = ();
    type Error = tonic::Status;

    fn decode(&mut self, _: &mut DecodeBuf<'_>) -> Result<Option<()>, tonic::Status> {
        Ok(Some(()))
    }
}

impl Codec for Empty {
    type Encode = ();
    type Decode = ();
    type Encoder = Empty;
    type Decoder = Empty;

    fn encoder(&mut self) -> Empty {
        Empty
    }

    fn decoder(&mut self) -> Empty {
        Empty
    }
}

/// Serves [`Offers`] on a free loopback port, calls each of `methods` with a tonic client
/// and returns the statuses it got.
async fn call(methods: &[&'static str]) -> Vec<tonic::Status> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let addr = listener.local_addr().expect("bound address");
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    tokio::spawn(
        Server::builder()
            .add_service(Offers)
            .serve_with_incoming(incoming),
    );
    let channel = Endpoint::from_shared(format!("http://{addr}"))
        .expect("endpoint")
        .timeout(Duration::from_secs(10))
        .connect()
        .await
        .expect("connects");
    let mut client = tonic::client::Grpc::new(channel);
    let mut statuses = Vec::new();
    for method in methods {
        client.ready().await.expect("ready");
        let path = http::uri::PathAndQuery::from_static(method);
        let answer = client
            .unary::<(), (), _>(tonic::Request::new(()), path, Empty)
            .await;
        statuses.push(answer.expect_err("every method fails"));
    }
    statuses
}

#[tokio::test]
async fn statuses_over_tonic_read_back_as_the_catalogs_errors() {
    let statuses = call(&[
        "/offers.Offers/Update",
        "/offers.Offers/Create",
        "/offers.Offers/Delete",
        "/offers.Offers/Pay",
    ])
    .await;

    let conflict = GrpcError::<funder_offers::Api>::read(&statuses[0]);
    assert_eq!(conflict.grpc_code, tonic::Code::Aborted);
    assert_eq!(
        conflict.known_code(),
        Some(funder_offers::ErrorCode::VersionConflict)
    );
    assert_eq!(
        conflict.message,
        "Another update happened between your read and write."
    );
    // VERSION_CONFLICT is retried after a re-read: RetryInfo without a delay.
    assert_eq!(conflict.decision, RetryDecision::Refresh);
    assert_eq!(conflict.retry_delay, None);

    let limited = GrpcError::<centrapay::Api>::read(&statuses[1]);
    assert_eq!(limited.grpc_code, tonic::Code::ResourceExhausted);
    assert_eq!(
        limited.known_code(),
        Some(centrapay::ErrorCode::RateLimitExceeded)
    );
    assert_eq!(limited.retry_delay, Some(Duration::from_secs(30)));
    assert_eq!(
        limited.decision,
        RetryDecision::After(Duration::from_secs(30))
    );
    // Another API's reason is not this catalog's code.
    assert_eq!(
        GrpcError::<funder_offers::Api>::read(&statuses[1]).code,
        None
    );

    let forbidden = GrpcError::<funder_offers::Api>::read(&statuses[2]);
    assert_eq!(forbidden.grpc_code, tonic::Code::PermissionDenied);
    assert_eq!(forbidden.code, None);
    assert_eq!(forbidden.decision, RetryDecision::Never);
    assert_eq!(forbidden.help, None);

    // 402 has no gRPC mapping: UNKNOWN; the code's docs section comes as `Help`.
    let declined = GrpcError::<envelope::Api>::read(&statuses[3]);
    assert_eq!(declined.grpc_code, tonic::Code::Unknown);
    assert_eq!(
        declined.known_code(),
        Some(envelope::ErrorCode::CardDeclined)
    );
    let page = envelope::DOCS_PAGE.expect("the fixture has a site");
    assert_eq!(declined.help, Some(format!("{page}#code-card_declined")));
    assert_eq!(declined.decision, RetryDecision::Never);
}
