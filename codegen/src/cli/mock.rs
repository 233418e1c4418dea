//! `errspec mock`: a stand-in server for one API, for the teams that call it.
//!
//! It is the runtime's own `errspec::mock::Mock`, with the rate-limit layer and replies a real
//! server has, over the API's generated catalog. That catalog is Rust, so the command writes a
//! small crate (the generated module and a `main`) into its build folder, builds it with
//! cargo, and then becomes that server: the first build compiles axum and tokio (a minute or
//! two); later runs rebuild only what a changed spec changes.

mod server;

use super::SpecDir;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Serve a stand-in for an API: `200 {}` unless a request asks for a documented error, the
/// spec's rate limits enforced
#[derive(Debug, clap::Args)]
#[command(
    long_about = "Serve a stand-in for an API, for the teams that call it.\n\n\
                  Any method and path answers 200 with {}. `Prefer: code=WIRE_CODE` answers that \
                  code's documented response (status, body, content type, headers), \
                  `Prefer: status=NNN` the status's documented body, and `Accept: \
                  application/problem+json` the RFC 9457 form; an unknown code or status gets \
                  a 400 problem naming the nearest documented ones. The spec's rate limits are \
                  enforced per key header with the headers a real server sends.\n\n\
                  The mock is errspec's own server code over the API's generated Rust: the \
                  command builds it with cargo in --build-dir (the first build takes a minute \
                  or two), then runs it.",
    after_help = "Scenario file: {\"GET /offers/1\": [503, 503, 200], \"POST /offers\": [\"VALIDATION_FAILED\", 201]}: \
                  each method and path answers its steps in order (a status, or a documented \
                  code), then as above.\n\n\
                  Exit status: 0 stopped (Ctrl-C), 2 an invalid spec or scenario, usage, build \
                  or I/O error."
)]
pub(super) struct Args {
    /// The API to stand in for (its spec file's stem); needed when there are several
    #[arg(long, value_name = "ID")]
    api: Option<String>,
    /// Where to listen, e.g. 127.0.0.1:8080; port 0 takes a free port (the address is printed)
    #[arg(long, value_name = "ADDR")]
    addr: SocketAddr,
    /// The request header whose value rate limits are counted per
    #[arg(long, value_name = "NAME", default_value = "x-api-key", value_parser = header_name)]
    key_header: String,
    /// Scripted answers by method and path, as JSON (see below)
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// Where the mock server is built [default: errspec-mock in $CARGO_TARGET_DIR or target/]
    #[arg(long, value_name = "DIR")]
    build_dir: Option<PathBuf>,
    #[command(flatten)]
    spec: SpecDir,
}

/// A header name as HTTP defines one (a token), lowercased.
fn header_name(name: &str) -> Result<String, String> {
    const SEPARATORS: &[u8] = b"!#$%&'*+-.^_`|~";
    let token = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || SEPARATORS.contains(&b));
    match token {
        true => Ok(name.to_ascii_lowercase()),
        false => Err(format!("`{name}` is not an HTTP header name")),
    }
}

pub(super) fn run(args: &Args) -> ExitCode {
    let Some(api) = super::load_api(&args.spec.spec_dir, args.api.as_deref()) else {
        return ExitCode::from(2);
    };
    if let Some(scenario) = &args.scenario
        && !scenario.is_file()
    {
        errln!("error: {}: no such file (--scenario)", scenario.display());
        return ExitCode::from(2);
    }
    let build_dir = args.build_dir.clone().unwrap_or_else(|| {
        let target = std::env::var_os("CARGO_TARGET_DIR").map_or("target".into(), PathBuf::from);
        target.join("errspec-mock")
    });
    let server = match server::build(&api, &build_dir) {
        Ok(server) => server,
        Err(problem) => {
            errln!("error: {problem}");
            return ExitCode::from(2);
        }
    };
    let mut command = std::process::Command::new(&server);
    command
        .arg("--addr")
        .arg(args.addr.to_string())
        .arg("--key-header")
        .arg(&args.key_header);
    if let Some(scenario) = &args.scenario {
        command.arg("--scenario").arg(scenario);
    }
    server::become_(command)
}
