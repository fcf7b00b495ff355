//! Every input the `lint` fuzz target ever crashed on (`fuzz/regressions/*`, one file each, named
//! after the bug), run through the same checks as the fuzz target: no panic, every span within
//! the text and on character boundaries, positions (of both ends of the primary span, labels,
//! fixes and related places) that agree with a naive count. The seed
//! corpus (`fuzz/corpus/lint/*`) runs too, so the checks stay meaningful on real articles.

#[path = "../fuzz/common/mod.rs"]
mod fuzz_common;

use std::path::Path;

fn inputs(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let bytes = std::fs::read(&path).expect("read input");
            (path.display().to_string(), bytes)
        })
        .collect();
    out.sort();
    out
}

fn run_all(folder: &str) {
    let inputs = inputs(folder);
    assert!(!inputs.is_empty(), "no inputs in {folder}");
    for (name, bytes) in inputs {
        let result = std::panic::catch_unwind(|| fuzz_common::check_input(&bytes));
        assert!(result.is_ok(), "{name} fails the fuzz checks again");
    }
}

#[test]
fn every_past_fuzz_crash_passes_the_fuzz_checks() {
    run_all("fuzz/regressions");
}

#[test]
fn the_seed_corpus_passes_the_fuzz_checks() {
    run_all("fuzz/corpus/lint");
}

#[test]
fn the_strict_pack_turns_every_rule_on() {
    let rules = fuzz_common::strict_rules();
    assert_eq!(rules.rules.len(), carelint::rules::REGISTRY.len());
}
