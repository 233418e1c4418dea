//! What the layer benchmarks (`ratelimit.rs`, `ratelimit_layers.rs`) share: the route behind
//! every layer, and tower_governor's key, the `x-api-key` header as errspec's layer reads it.

use axum::body::Body;
use http::{Request, Response};
use std::convert::Infallible;
use tower::Service;
use tower_governor::GovernorError;
use tower_governor::key_extractor::KeyExtractor;

/// tower_governor keyed by the `x-api-key` header, as errspec's layer is.
#[derive(Clone, Copy, Debug)]
pub struct ApiKey;

impl KeyExtractor for ApiKey {
    type Key = String;

    fn extract<T>(&self, request: &Request<T>) -> Result<String, GovernorError> {
        request
            .headers()
            .get("x-api-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .ok_or(GovernorError::UnableToExtractKey)
    }
}

/// The route behind every layer: an empty 200.
pub fn route() -> impl Service<
    Request<Body>,
    Response = Response<Body>,
    Error = Infallible,
    Future = impl Send + 'static,
> + Clone
+ Send
+ 'static {
    tower::service_fn(|_: Request<Body>| async {
        Ok::<_, Infallible>(Response::new(Body::empty()))
    })
}
