//! The spec's own gRPC codes (`grpc:`), with Google's catalog (the `errspec-catalogs` module,
//! checked in): each of its codes is the `google.rpc.Code` of its name, where its HTTP status
//! alone would say another (400 is `INVALID_ARGUMENT`, 409 `ABORTED`, 500 `INTERNAL`).

#[allow(dead_code, clippy::all)]
#[rustfmt::skip]
#[path = "../../catalogs/src/apis/google_rpc.rs"]
mod google_rpc;

use errspec::tonic::GrpcError;
use errspec::{CatalogCode, CatalogStatus, GrpcCode};
use google_rpc::{ErrorCode, Status};

#[test]
fn codes_carry_the_specs_grpc_code_and_statuses_the_default() {
    for &code in ErrorCode::ALL {
        assert_eq!(code.grpc().as_str(), code.as_str(), "{code:?}");
    }
    assert_eq!(Status::BadRequest.grpc(), GrpcCode::InvalidArgument);
    assert_eq!(Status::Conflict.grpc(), GrpcCode::Aborted);
    assert_eq!(
        CatalogStatus::grpc(Status::InternalServerError),
        GrpcCode::Internal
    );
    assert_eq!(
        CatalogCode::grpc(ErrorCode::AlreadyExists),
        GrpcCode::AlreadyExists
    );
}

#[test]
fn a_tonic_status_carries_the_specs_grpc_code_and_reads_back() {
    for code in [
        ErrorCode::FailedPrecondition,
        ErrorCode::AlreadyExists,
        ErrorCode::DataLoss,
    ] {
        let status = errspec::tonic::status(code);
        assert_eq!(status.code() as i32, code.grpc().number(), "{code:?}");
        let read = GrpcError::<google_rpc::Api>::read(&status);
        assert_eq!(read.known_code(), Some(code));
    }
    // Without `ErrorInfo`, a gRPC code finds the catalog's status that has it.
    let bare = tonic::Status::new(tonic::Code::Unavailable, "try later");
    let read = GrpcError::<google_rpc::Api>::read(&bare);
    assert_eq!(read.known_code(), None);
    assert!(
        matches!(read.decision, errspec::RetryDecision::Backoff { .. }),
        "{:?}",
        read.decision
    );
}
