//! Every input the `lint` fuzz target ever crashed on (`fuzz/regressions/*`, one file each, named
//! after the bug), run through the same checks as the fuzz target: no panic, every span within
//! the text and on character boundaries, positions (of both ends of the primary span, labels,
//! fixes and related places) that agree with a naive count. The seed
//! corpus (`fuzz/corpus/lint/*`) runs too, so the checks stay meaningful on real articles.
//!
//! The `articles` target's generator runs here on fixed seeds, so it builds and passes the same
//! checks in every test run without cargo-fuzz; and the `lint` target's dictionary (written by
//! `cargo run --example fuzz-dict` from `rules/*.yml` and the shapes in
//! `fuzz/common/vocabulary.rs`) must be one libFuzzer reads whole.

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

/// Bytes from a fixed seed (SplitMix64), standing in for the fuzzer's.
fn seeded_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}

#[test]
fn generated_articles_pass_the_fuzz_checks() {
    let (mut formats, mut pairs, mut figures) = ([0; 5], 0, 0);
    for seed in 0..300 {
        let bytes = seeded_bytes(seed, 64 + (seed as usize % 7) * 300);
        let mut u = arbitrary::Unstructured::new(&bytes);
        let generated = fuzz_common::article::generate(&mut u).expect("generates");
        formats[usize::from(generated.selector)] += 1;
        pairs += usize::from(generated.articles.len() == 2);
        figures += usize::from(generated.articles[0].contains('%'));
        let input = generated.to_input();
        let result = std::panic::catch_unwind(|| fuzz_common::check_input(&input));
        assert!(
            result.is_ok(),
            "seed {seed} fails the fuzz checks:\n{}",
            String::from_utf8_lossy(&input)
        );
    }
    // The generator reaches every format, pairs of articles and figures.
    assert!(formats.iter().all(|&n| n > 0), "{formats:?}");
    assert!(
        pairs > 0 && figures > 0,
        "{pairs} pairs, {figures} with a percentage"
    );
}

/// libFuzzer's limits: an entry of more than 64 bytes is dropped, and so is every entry after
/// the 16,384th (`kMaxDictElementSize`, `kMaxDictSize`).
const MAX_ENTRY: usize = 64;
const MAX_ENTRIES: usize = 1 << 14;

#[test]
fn the_fuzz_dictionary_is_one_libfuzzer_reads_whole() {
    let dictionary = fuzz_common::vocabulary::dictionary();
    let mut entries = Vec::new();
    for line in dictionary.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // libFuzzer rejects the whole file over a line with a byte that is not printable ASCII.
        assert!(line.bytes().all(|b| (b' '..=b'~').contains(&b)), "{line:?}");
        let quoted = line
            .strip_prefix('"')
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or_else(|| panic!("not a quoted entry: {line:?}"));
        let mut bytes = Vec::new();
        let mut rest = quoted.as_bytes();
        while let Some((&b, tail)) = rest.split_first() {
            rest = tail;
            if b != b'\\' {
                bytes.push(b);
                continue;
            }
            match rest {
                [b'x', hi, lo, tail @ ..] => {
                    let hex = std::str::from_utf8(&[*hi, *lo]).map(str::to_string);
                    let byte = hex.ok().and_then(|h| u8::from_str_radix(&h, 16).ok());
                    bytes.push(byte.unwrap_or_else(|| panic!("bad escape in {line:?}")));
                    rest = tail;
                }
                [c @ (b'\\' | b'"'), tail @ ..] => {
                    bytes.push(*c);
                    rest = tail;
                }
                _ => panic!("bad escape in {line:?}"),
            }
        }
        assert!(!bytes.is_empty() && bytes.len() <= MAX_ENTRY, "{line:?}");
        entries.push(String::from_utf8(bytes).expect("an entry is UTF-8"));
    }
    assert!(entries.len() <= MAX_ENTRIES, "{} entries", entries.len());
    // The shapes the issue names, and the phrase lists of every rule-data file.
    for shape in [
        "one in five",
        "per 100,000",
        "19–28",
        "| --- | --- |",
        "- ",
        "“",
        "according to",
    ] {
        assert!(entries.iter().any(|e| e == shape), "{shape:?} is missing");
    }
    for file in [
        "figures",
        "help",
        "helplines",
        "method-detail",
        "quantities",
        "statistics",
        "stigmatising",
        "suicide-language",
        "topics",
    ] {
        let section = format!("# rules/{file}.yml:");
        assert!(
            dictionary.contains(&section),
            "no phrases from rules/{file}.yml"
        );
    }
}
