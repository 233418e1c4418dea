//! The errspec crate's tests that need a program from outside Rust: the rate-limit layer with
//! a real `redis-server`, and on a Redis Cluster; a utoipa document in `openapi-spec-validator`. Where it is missing, each test is reported as ignored with the
//! reason, in the summary line too; under `CI=true` it fails instead (`needs`).

mod cluster;
#[path = "../it/http_support.rs"]
mod http_support;
#[path = "../../codegen/tests/tools/needs.rs"]
mod needs;
mod redis;
mod redis_cluster;
#[path = "../it/utoipa_app.rs"]
mod utoipa_app;
mod utoipa_validator;

use needs::needs;

fn main() {
    needs::run(vec![
        needs(
            "redis::two_instances_sharing_redis_admit_the_limit_once",
            redis::redis_server,
            redis::two_instances_sharing_redis_admit_the_limit_once,
        ),
        needs(
            "redis::an_unreachable_redis_fails_open_or_closed_as_configured",
            redis::redis_server,
            redis::an_unreachable_redis_fails_open_or_closed_as_configured,
        ),
        needs(
            "redis::a_callers_routes_count_apart_in_redis",
            redis::redis_server,
            redis::a_callers_routes_count_apart_in_redis,
        ),
        needs(
            "redis::a_requests_cost_counts_in_redis",
            redis::redis_server,
            redis::a_requests_cost_counts_in_redis,
        ),
        needs(
            "redis::a_callers_routes_count_apart_in_gcra_cells",
            redis::redis_server,
            redis::a_callers_routes_count_apart_in_gcra_cells,
        ),
        needs(
            "redis::a_requests_cost_counts_in_gcra_cells",
            redis::redis_server,
            redis::a_requests_cost_counts_in_gcra_cells,
        ),
        needs(
            "redis::gcra_cells_in_redis_admit_a_burst_then_the_rate_across_two_instances",
            redis::redis_server,
            redis::gcra_cells_in_redis_admit_a_burst_then_the_rate_across_two_instances,
        ),
        needs(
            "redis::gcra_cells_in_redis_tell_their_state_and_go_once_the_caller_is_as_good_as_new",
            redis::redis_server,
            redis::gcra_cells_in_redis_tell_their_state_and_go_once_the_caller_is_as_good_as_new,
        ),
        needs(
            "redis::gcra_cells_in_redis_keep_their_place_when_their_base_moves",
            redis::redis_server,
            redis::gcra_cells_in_redis_keep_their_place_when_their_base_moves,
        ),
        needs(
            "redis_cluster::a_refused_request_takes_back_its_whole_cost_on_a_cluster",
            cluster::cluster_tools,
            redis_cluster::a_refused_request_takes_back_its_whole_cost_on_a_cluster,
        ),
        needs(
            "redis_cluster::a_refused_request_takes_back_its_whole_cost_from_gcra_cells_on_a_cluster",
            cluster::cluster_tools,
            redis_cluster::a_refused_request_takes_back_its_whole_cost_from_gcra_cells_on_a_cluster,
        ),
        needs(
            "redis_cluster::two_instances_on_a_cluster_admit_each_limit_once_and_a_dead_master_fails_as_configured",
            cluster::cluster_tools,
            redis_cluster::two_instances_on_a_cluster_admit_each_limit_once_and_a_dead_master_fails_as_configured,
        ),
        needs(
            "utoipa_validator::the_apps_document_is_valid_openapi_3_1",
            needs::openapi_validator,
            utoipa_validator::the_apps_document_is_valid_openapi_3_1,
        ),
    ]);
}
