//! gRPC status codes (`google.rpc.Code`), and the HTTP mapping `google.rpc.Code` documents:
//! what a catalog's status or code is over gRPC when its spec says nothing (`grpc:`).

use crate::spelled;

spelled! {
    /// A gRPC status code, as `google.rpc.Code` names and numbers them (in this order, from 0).
    pub enum GrpcCode {
        /// Not an error.
        Ok = "OK",
        /// The operation was cancelled, typically by the caller.
        Cancelled = "CANCELLED",
        /// An unknown error.
        Unknown = "UNKNOWN",
        /// The client specified an invalid argument.
        InvalidArgument = "INVALID_ARGUMENT",
        /// The deadline expired before the operation could complete.
        DeadlineExceeded = "DEADLINE_EXCEEDED",
        /// Some requested entity was not found.
        NotFound = "NOT_FOUND",
        /// The entity a client attempted to create already exists.
        AlreadyExists = "ALREADY_EXISTS",
        /// The caller does not have permission.
        PermissionDenied = "PERMISSION_DENIED",
        /// Some resource has been exhausted: a quota, or a rate limit.
        ResourceExhausted = "RESOURCE_EXHAUSTED",
        /// The system is not in a state required for the operation.
        FailedPrecondition = "FAILED_PRECONDITION",
        /// The operation was aborted, typically by a concurrency conflict.
        Aborted = "ABORTED",
        /// The operation was attempted past the valid range.
        OutOfRange = "OUT_OF_RANGE",
        /// The operation is not implemented or not supported.
        Unimplemented = "UNIMPLEMENTED",
        /// An internal error.
        Internal = "INTERNAL",
        /// The service is currently unavailable.
        Unavailable = "UNAVAILABLE",
        /// Unrecoverable data loss or corruption.
        DataLoss = "DATA_LOSS",
        /// The request does not have valid authentication credentials.
        Unauthenticated = "UNAUTHENTICATED",
    }
}

impl GrpcCode {
    /// Its number in `google.rpc.Code` (`NOT_FOUND` is 5).
    #[must_use]
    pub const fn number(self) -> i32 {
        self as i32
    }

    /// The gRPC code of an HTTP status when the spec names none: the mapping `google.rpc.Code`
    /// documents for each code (`INVALID_ARGUMENT` for 400, `ABORTED` for 409, `INTERNAL` for
    /// 500, where it gives one status to several codes), gRPC's own for the rest (502 is
    /// `UNAVAILABLE`), `UNKNOWN` for any other status.
    ///
    /// ```
    /// use errspec_vocab::GrpcCode;
    ///
    /// assert_eq!(GrpcCode::for_http(429), GrpcCode::ResourceExhausted);
    /// assert_eq!(GrpcCode::for_http(418), GrpcCode::Unknown);
    /// ```
    #[must_use]
    pub const fn for_http(status: u16) -> GrpcCode {
        match status {
            200..=299 => Self::Ok,
            400 => Self::InvalidArgument,
            401 => Self::Unauthenticated,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            409 => Self::Aborted,
            429 => Self::ResourceExhausted,
            499 => Self::Cancelled,
            500 => Self::Internal,
            501 => Self::Unimplemented,
            502 | 503 => Self::Unavailable,
            504 => Self::DeadlineExceeded,
            _ => Self::Unknown,
        }
    }

    /// The HTTP status `google.rpc.Code` documents for the code: how a gRPC status read back
    /// finds the catalog's status when it carries no error code.
    #[must_use]
    pub const fn http_status(self) -> u16 {
        match self {
            Self::Ok => 200,
            Self::InvalidArgument | Self::FailedPrecondition | Self::OutOfRange => 400,
            Self::Unauthenticated => 401,
            Self::PermissionDenied => 403,
            Self::NotFound => 404,
            Self::AlreadyExists | Self::Aborted => 409,
            Self::ResourceExhausted => 429,
            Self::Cancelled => 499,
            Self::Unimplemented => 501,
            Self::Unavailable => 503,
            Self::DeadlineExceeded => 504,
            Self::Unknown | Self::Internal | Self::DataLoss => 500,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_google_rpc_codes_and_the_mappings_agree() {
        assert_eq!(GrpcCode::ALL.len(), 17);
        for (i, (_, code)) in GrpcCode::ALL.iter().enumerate() {
            assert_eq!(code.number(), i as i32);
        }
        assert_eq!(GrpcCode::Unauthenticated.number(), 16);
        // Every code `for_http` gives maps back to the status it came from.
        for status in [400, 401, 403, 404, 409, 429, 499, 500, 501, 503, 504] {
            assert_eq!(GrpcCode::for_http(status).http_status(), status, "{status}");
        }
    }
}
