//! Writes a deterministic corpus of generated health articles for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --files 1000 --out /tmp/corpus [--seed 7] [--words 5000]
//! ```
//!
//! Article `i` depends only on the seed and `i` (see `benches/support/corpus.rs`), so a corpus
//! of 1,000 files is the first tenth of one of 10,000. `--words N` makes every article N words
//! long (for the single-article start-to-exit benchmark).

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/support/corpus.rs"]
mod corpus;

const USAGE: &str = "usage: gen-corpus --files N --out DIR [--seed S] [--words N]";

fn main() -> ExitCode {
    let mut files: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 1;
    let mut words: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let parsed = match (arg.as_str(), value) {
            ("--files", Some(v)) => v.parse().map(|n| files = Some(n)).is_ok(),
            ("--out", Some(v)) => {
                out = Some(PathBuf::from(v));
                true
            }
            ("--seed", Some(v)) => v.parse().map(|n| seed = n).is_ok(),
            ("--words", Some(v)) => v.parse().map(|n| words = Some(n)).is_ok(),
            _ => false,
        };
        if !parsed {
            eprintln!("gen-corpus: bad argument `{arg}`\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let (Some(files), Some(out)) = (files, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let mut bytes = 0usize;
    for article in corpus::corpus(seed, files, words) {
        let path = out.join(&article.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &article.text));
        if let Err(e) = written {
            eprintln!("gen-corpus: cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
        bytes += article.text.len();
    }
    eprintln!(
        "gen-corpus: {files} files, {:.1} MB in {} (seed {seed})",
        bytes as f64 / 1e6,
        out.display()
    );
    ExitCode::SUCCESS
}
