//! The errspec crate's integration tests, one binary (one link) for all of them: the seed
//! catalogs, the wire runtime on both sides, the generated folder's freshness and the hostile
//! specs compiled in a scratch crate, and HTTP over loopback (axum, the rate-limit layer and
//! its client addresses behind proxies, reqwest, the examples). Each module says what it
//! covers. The tests with a real Redis are in the `tools` binary, since they need
//! `redis-server`.

mod conformance;
mod generated_fresh;
mod grpc_spec;
mod grpc_tonic;
mod har;
mod hostile_specs;
mod http_axum;
mod http_client;
mod http_example;
mod http_forwarded;
mod http_ratelimit;
mod http_routes;
mod http_support;
mod mock;
mod openapi_examples;
mod seed_catalogs;
mod telemetry;
mod utoipa_app;
mod utoipa_doc;
mod wire_client;
mod wire_quota;
mod wire_reader_fuzz;
mod wire_role_specs;
mod wire_seed_examples;
mod wire_server;
