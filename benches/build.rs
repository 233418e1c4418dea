//! Generates the benchmark catalogs into OUT_DIR at build time (nothing here is checked in):
//!
//! - `spec/synthetic.yaml`, a synthetic catalog of [`SYNTHETIC_CODES`] codes,
//!   `spec/wide.yaml`, a small catalog at the edges of what a spec allows, and
//!   `spec/bench_limits.yaml`, a rate limit no benchmark reaches;
//! - the errspec modules for it, for `../spec/mugglepay.yaml` and for Stripe's 173 codes
//!   (`../catalogs/spec/stripe.yaml`), through
//!   `errspec_codegen::Builder`, exactly as a user's build script would;
//! - `alternatives.rs`: the same codes behind the lookups a user might write instead (a `phf`
//!   map from `phf_codegen`, a strum `EnumString` enum, and the strategies the generator chose
//!   between: a plain `match`, a match on length then code, a binary search).

use errspec_codegen::__internals::Api;
use errspec_codegen::__internals::model::ErrorDef;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

/// Size of the large catalog.
const SYNTHETIC_CODES: usize = 5_000;

/// A catalog with one rate limit of a billion requests a second per API key.
const LIMITS_SPEC: &str = "api:
  name: Bench Limits
statuses:
  429:
    title: Too Many Requests
rate_limits:
  - name: per_second
    requests: 1000000000
    window: 1s
    scope: api_key
    status: 429
headers:
  limit: X-RateLimit-Limit
  remaining: X-RateLimit-Remaining
  reset:
    name: X-RateLimit-Reset
    format: delta_seconds
";

fn main() {
    if let Err(message) = run() {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/synthetic.rs");
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env("OUT_DIR")?);
    let mugglepay = manifest_dir.join("../spec/mugglepay.yaml");
    println!("cargo:rerun-if-changed={}", mugglepay.display());
    // A real catalog of medium size: Stripe's 173 codes.
    let stripe = manifest_dir.join("../catalogs/spec/stripe.yaml");
    println!("cargo:rerun-if-changed={}", stripe.display());

    let spec_dir = out_dir.join("spec");
    std::fs::create_dir_all(&spec_dir).map_err(|e| e.to_string())?;
    let synthetic_spec = spec_dir.join("synthetic.yaml");
    let yaml = synthetic::spec("Synthetic", SYNTHETIC_CODES, 0);
    write(&synthetic_spec, &yaml)?;
    // A catalog at the edges of what a spec allows, for the tests; its lookup needs the
    // whole-code hash, which the benchmarks measure too.
    let wide_spec = spec_dir.join("wide.yaml");
    write(&wide_spec, &synthetic::wide_spec())?;
    // A limit no benchmark reaches, so that the rate-limit benchmarks measure letting
    // requests through.
    write(&spec_dir.join("bench_limits.yaml"), LIMITS_SPEC)?;

    // The generated files live in OUT_DIR, so the Builder's own rerun-if-changed lines (which
    // would name a file this script writes) are turned off in favour of the lines above.
    errspec_codegen::Builder::new()
        .spec_dir(&spec_dir)
        .file(&mugglepay)
        .file(&stripe)
        .out_dir(&out_dir)
        .emit_rerun_if_changed(false)
        .compile()
        .map_err(|e| e.render())?;

    let apis = errspec_codegen::__internals::compile_paths(&[
        synthetic_spec,
        wide_spec,
        mugglepay,
        stripe,
    ])
    .map_err(|e| e.render(false))?;
    let mut alternatives = String::new();
    for api in &apis {
        alternatives.push_str(&alternatives_module(api));
    }
    write(&out_dir.join("alternatives.rs"), &alternatives)
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("cargo did not set {name}"))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    errspec_codegen::__internals::write_if_changed(path, text.as_bytes())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// A Rust string literal for `text`: `{:?}` escapes exactly what a literal needs.
fn literal(text: &str) -> String {
    format!("{text:?}")
}

/// The module of one catalog's lookups written the other ways a user might write them.
fn alternatives_module(api: &Api) -> String {
    let id = &api.id;
    let n = api.errors.len();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/// Other ways to look up the {n} codes of `{id}`.\n\
         pub mod {id} {{\n\
         #![allow(deprecated)]\n\
         use crate::catalogs::{id}::ErrorCode;\n"
    );
    codes_and_phf(&mut out, api);
    matches(&mut out, api);
    binary_search(&mut out, api);
    strum_enum(&mut out, api);
    out.push_str("}\n\n");
    out
}

/// `ErrorCode::Variant` for `e`.
fn variant(e: &ErrorDef) -> String {
    format!("ErrorCode::{}", e.rust_name)
}

/// The wire codes as an array, and a `phf` map of them.
fn codes_and_phf(out: &mut String, api: &Api) {
    let n = api.errors.len();
    out.push_str("/// The wire codes, in catalog order.\npub static CODES: [&str; ");
    let _ = write!(out, "{n}] = [");
    for e in &api.errors {
        let _ = write!(out, "{},", literal(&e.code));
    }
    out.push_str("];\n\n");

    let mut map = phf_codegen::Map::new();
    for e in &api.errors {
        map.entry(e.code.as_str(), variant(e));
    }
    let _ = writeln!(
        out,
        "/// A `phf` map (CHD with SipHash-1-3), as `phf_codegen` builds it.\n\
         pub static PHF: ::phf::Map<&'static str, ErrorCode> = {};\n",
        map.build()
    );
}

/// One `match` arm per code, and a `match` on the length first.
fn matches(out: &mut String, api: &Api) {
    out.push_str(
        "/// The generator's former strategy: one `match` arm per code.\n\
         pub fn plain_match(code: &str) -> Option<ErrorCode> {\nmatch code {\n",
    );
    for e in &api.errors {
        let _ = writeln!(out, "{} => Some({}),", literal(&e.code), variant(e));
    }
    out.push_str("_ => None,\n}\n}\n\n");

    let mut by_length: std::collections::BTreeMap<usize, Vec<_>> = Default::default();
    for e in &api.errors {
        by_length.entry(e.code.len()).or_default().push(e);
    }
    out.push_str(
        "/// A `match` on the length, then on the code among the codes of that length.\n\
         pub fn length_then_match(code: &str) -> Option<ErrorCode> {\nmatch code.len() {\n",
    );
    for (len, errors) in &by_length {
        let _ = writeln!(out, "{len} => match code {{");
        for e in errors {
            let _ = writeln!(out, "{} => Some({}),", literal(&e.code), variant(e));
        }
        out.push_str("_ => None,\n},\n");
    }
    out.push_str("_ => None,\n}\n}\n\n");
}

/// A binary search over the codes sorted bytewise.
fn binary_search(out: &mut String, api: &Api) {
    let n = api.errors.len();
    let mut sorted: Vec<_> = api.errors.iter().collect();
    sorted.sort_by(|a, b| a.code.cmp(&b.code));
    let _ = write!(
        out,
        "/// A binary search over the codes sorted bytewise.\n\
         pub fn binary_search(code: &str) -> Option<ErrorCode> {{\n\
         static SORTED: [(&str, ErrorCode); {n}] = ["
    );
    for e in sorted {
        let _ = write!(out, "({}, {}),", literal(&e.code), variant(e));
    }
    out.push_str(
        "];\nSORTED.binary_search_by(|(wire, _)| (*wire).cmp(code)).ok().and_then(|i| SORTED.get(i)).map(|(_, c)| *c)\n}\n\n",
    );
}

/// The enum with strum's derives.
fn strum_enum(out: &mut String, api: &Api) {
    out.push_str(
        "/// The enum as a user would write it by hand, with strum's derives.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, ::strum::EnumString, ::strum::IntoStaticStr, ::strum::EnumMessage)]\n\
         pub enum StrumCode {\n",
    );
    for (i, e) in api.errors.iter().enumerate() {
        let _ = writeln!(
            out,
            "#[strum(serialize = {}, message = {})] V{i},",
            literal(&e.code),
            literal(&e.message)
        );
    }
    out.push_str("}\n");
}
