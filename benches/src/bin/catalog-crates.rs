//! Writes the crates whose compile times `benches/compile_time.sh` compares.
//!
//! Usage: `catalog-crates DIR [CODES]` (default 10,000 codes).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: catalog-crates DIR [CODES]");
        return ExitCode::from(2);
    };
    let codes = match args.next().map(|a| a.to_string_lossy().parse::<usize>()) {
        None => 10_000,
        Some(Ok(codes)) if codes > 0 => codes,
        Some(_) => {
            eprintln!("CODES must be a positive number");
            return ExitCode::from(2);
        }
    };
    // The errspec repository: this crate's parent folder.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let repo = repo.canonicalize().unwrap_or(repo);
    match errspec_bench::catalog_crates::write_all(&dir, &repo, codes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "error: cannot write the crates into {}: {error}",
                dir.display()
            );
            ExitCode::from(2)
        }
    }
}
