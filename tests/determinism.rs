//! The output is the same for any number of worker threads, and sorted by path then offset.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use tempfile::TempDir;

/// Each phrase in a sentence where it is flagged exactly once.
const SENTENCES: &[(&str, &str)] = &[
    ("suffers from", "She suffers from anxiety most winters."),
    (
        "committed suicide",
        "Her brother committed suicide last year.",
    ),
    ("addicts", "Services for addicts are scarce in the region."),
    (
        "men don't cry",
        "He was raised to believe that men don't cry.",
    ),
    (
        "the mentally ill",
        "The clinic was built to help the mentally ill.",
    ),
    (
        "wheelchair-bound",
        "My neighbour is wheelchair-bound after the accident.",
    ),
];

const FILLER: &[&str] = &[
    "Sleep matters more than most people think.",
    "Talk to your doctor if symptoms last more than two weeks.",
    "Café owners in Zürich report the same pattern — quiet mornings.",
    "Exercise helps, but it is not a cure.",
    "Nobody should feel ashamed to ask for help.",
];

const FOLDERS: &[&str] = &[
    "",
    "news",
    "news/2024",
    "news/2024/march",
    "guides",
    "a",
    "a/b",
];

/// A small deterministic generator, so the corpus is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// Writes 60 articles; returns how many phrases were planted.
fn corpus(dir: &Path) -> usize {
    let mut rng = Lcg(0x5eed);
    let mut planted = 0;
    let (mut crlf_files, mut txt_files, mut empty_of_phrases) = (0, 0, 0);
    for i in 0..60 {
        let folder = FOLDERS[rng.next(FOLDERS.len())];
        let ext = if rng.next(3) == 0 { "txt" } else { "md" };
        let crlf = rng.next(4) == 0;
        let mut paragraphs = Vec::new();
        if ext == "md" && rng.next(2) == 0 {
            paragraphs.push(format!("# Article {i}"));
        }
        let phrases = rng.next(6);
        planted += phrases;
        crlf_files += usize::from(crlf);
        txt_files += usize::from(ext == "txt");
        empty_of_phrases += usize::from(phrases == 0);
        let mut sentences: Vec<String> = (0..phrases)
            .map(|_| SENTENCES[rng.next(SENTENCES.len())].1.to_string())
            .collect();
        for _ in 0..1 + rng.next(4) {
            let at = rng.next(sentences.len() + 1);
            sentences.insert(at, FILLER[rng.next(FILLER.len())].to_string());
        }
        // Group sentences into paragraphs (some as list items in Markdown).
        let mut current = Vec::new();
        for sentence in sentences {
            current.push(sentence);
            if rng.next(2) == 0 {
                let text = current.join(" ");
                current.clear();
                if ext == "md" && rng.next(3) == 0 {
                    paragraphs.push(format!("- {text}"));
                } else {
                    paragraphs.push(text);
                }
            }
        }
        if !current.is_empty() {
            paragraphs.push(current.join(" "));
        }
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut text = paragraphs.join(&format!("{newline}{newline}"));
        text.push_str(newline);
        let name = format!("article-{:02}.{ext}", (i * 37) % 60);
        let path = dir.join(folder).join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    assert!(crlf_files >= 5 && txt_files >= 5 && empty_of_phrases >= 3);
    planted
}

fn repo() -> (TempDir, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    // Article-level findings (help-seeking) would make the count depend on how sentences fall
    // into paragraphs; this corpus plants phrases, so only phrase rules run.
    std::fs::write(
        dir.path().join(".carelint.yml"),
        "root: true\nrules:\n  safety/help-seeking: off\n",
    )
    .unwrap();
    let planted = corpus(dir.path());
    (dir, planted)
}

/// Stdout of `carelint check --format FORMAT [--jobs N] .`, with the exit code.
fn run(dir: &Path, format: &str, jobs: Option<usize>) -> (i32, Vec<u8>) {
    let mut cmd = cargo_bin_cmd!("carelint");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--format", format]);
    if let Some(n) = jobs {
        cmd.arg("--jobs").arg(n.to_string());
    }
    let output = cmd.arg(".").output().expect("run carelint");
    (output.status.code().unwrap(), output.stdout)
}

#[test]
fn json_output_is_identical_for_any_number_of_jobs() {
    let (dir, planted) = repo();
    let (code, one) = run(dir.path(), "json", Some(1));
    let json: Value = serde_json::from_slice(&one).expect("JSON");
    // "committed suicide" and "the mentally ill" are errors; nothing else can fail the run.
    let errors = json["summary"]["errors"].as_u64().unwrap();
    assert_eq!(code, if errors > 0 { 1 } else { 0 });
    assert_eq!(json["summary"]["files"], 60);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(
        diagnostics.len(),
        planted,
        "every planted phrase is found once"
    );
    assert!(
        planted > 60,
        "the corpus has plenty of findings ({planted})"
    );
    assert!(
        diagnostics
            .iter()
            .all(|d| d["rule"] == "language/stigmatising" || d["rule"] == "safety/suicide-language")
    );

    for jobs in [Some(2), Some(4), Some(4), None] {
        let (c, other) = run(dir.path(), "json", jobs);
        assert_eq!(c, code, "--jobs {jobs:?}");
        assert!(
            one == other,
            "JSON differs between --jobs 1 and --jobs {jobs:?}:\n{}\n---\n{}",
            String::from_utf8_lossy(&one),
            String::from_utf8_lossy(&other)
        );
    }
}

#[test]
fn compact_output_is_identical_for_any_number_of_jobs() {
    let (dir, planted) = repo();
    let (code, one) = run(dir.path(), "compact", Some(1));
    let text = String::from_utf8(one.clone()).unwrap();
    assert_eq!(
        text.lines().count(),
        planted + 1,
        "one line per finding and a summary"
    );
    for jobs in [Some(2), Some(4), Some(4), None] {
        let (c, other) = run(dir.path(), "compact", jobs);
        assert_eq!(c, code, "--jobs {jobs:?}");
        assert!(
            one == other,
            "compact output differs between --jobs 1 and --jobs {jobs:?}:\n{text}\n---\n{}",
            String::from_utf8_lossy(&other)
        );
    }
}

#[test]
fn diagnostics_are_sorted_by_path_then_offset() {
    let (dir, _) = repo();
    let (_, out) = run(dir.path(), "json", Some(4));
    let json: Value = serde_json::from_slice(&out).unwrap();
    let keys: Vec<(String, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["span"]["start"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // Spans within a file are strictly increasing: each phrase is reported once.
    assert!(keys.windows(2).all(|w| w[0].0 != w[1].0 || w[0].1 < w[1].1));
    // Findings span several folders, so the path order is really exercised.
    let folders: std::collections::BTreeSet<_> = keys
        .iter()
        .map(|(p, _)| p.rsplit_once('/').map_or("", |(f, _)| f).to_string())
        .collect();
    assert!(folders.len() >= 5, "{folders:?}");

    // The compact lines come in the same order as the JSON diagnostics.
    let (_, compact) = run(dir.path(), "compact", Some(4));
    let compact = String::from_utf8(compact).unwrap();
    let paths: Vec<&str> = compact
        .lines()
        .filter_map(|l| l.split_once(':').map(|(p, _)| p))
        .filter(|p| p.ends_with(".md") || p.ends_with(".txt"))
        .collect();
    let json_paths: Vec<&str> = keys.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, json_paths);
}

/// The phrase corpus plus articles with figures that disagree within and across articles and
/// fixes of both kinds, so every kind of finding (related places, labels, fixes) is in play.
fn rich_repo() -> TempDir {
    let (dir, _) = repo();
    for (i, figure) in ["10%", "41%", "25%", "41%", "38%"].iter().enumerate() {
        let path = dir
            .path()
            .join(format!("figures/{}/men-{i}.md", ["x", "y"][i % 2]));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            path,
            format!(
                "# Men and tears\n\n{figure} of men have cried after sex at some point in their lives.\n\n\
                 In 2019, 46% of women had cried after sex at least once; in 2019, 56% of women had cried after sex at least once.\n\n\
                 About 7. 5% said so, and he committed suicide.\n"
            ),
        )
        .unwrap();
    }
    dir
}

/// Stdout of `carelint ARGS` in `dir` with `--jobs N` (or none), and the exit code.
fn run_args(dir: &Path, args: &[&str], jobs: Option<usize>) -> (i32, Vec<u8>) {
    let mut cmd = cargo_bin_cmd!("carelint");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args);
    if let Some(n) = jobs {
        cmd.arg("--jobs").arg(n.to_string());
    }
    let output = cmd.output().expect("run carelint");
    (output.status.code().unwrap_or(-1), output.stdout)
}

#[test]
fn every_output_format_is_identical_for_any_number_of_jobs() {
    let dir = rich_repo();
    for format in [
        "human", "json", "compact", "sarif", "github", "rdjson", "junit",
    ] {
        let args = ["check", "--format", format, "."];
        let (code, one) = run_args(dir.path(), &args, Some(1));
        assert!(!one.is_empty(), "{format}");
        if format == "json" {
            let json: Value = serde_json::from_slice(&one).expect("JSON");
            let rules: std::collections::BTreeSet<&str> = json["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|d| d["rule"].as_str())
                .collect();
            for rule in [
                "figures/cross-article",
                "figures/contradiction",
                "figures/broken-number",
            ] {
                assert!(rules.contains(rule), "no {rule} in the corpus: {rules:?}");
            }
        }
        for jobs in [Some(2), Some(4), None] {
            let (c, other) = run_args(dir.path(), &args, jobs);
            assert_eq!(c, code, "{format} --jobs {jobs:?}");
            assert!(
                one == other,
                "{format} differs between --jobs 1 and --jobs {jobs:?}:\n{}\n---\n{}",
                String::from_utf8_lossy(&one),
                String::from_utf8_lossy(&other)
            );
        }
    }
}

#[test]
fn claims_are_identical_for_any_number_of_jobs() {
    let dir = rich_repo();
    let (code, one) = run_args(dir.path(), &["claims", "."], Some(1));
    assert_eq!(code, 0);
    assert!(String::from_utf8_lossy(&one).lines().count() >= 15);
    for jobs in [Some(2), Some(4), None] {
        assert_eq!(
            run_args(dir.path(), &["claims", "."], jobs),
            (code, one.clone()),
            "--jobs {jobs:?}"
        );
    }
}

/// Every file of `dir` (relative path, bytes), sorted.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn fix_is_identical_for_any_number_of_jobs() {
    let mut results = Vec::new();
    for jobs in [Some(1), Some(2), Some(4), None] {
        let dir = rich_repo();
        let (_, dry) = run_args(dir.path(), &["fix", "--unsafe", "--dry-run", "."], jobs);
        let (code, out) = run_args(dir.path(), &["fix", "--unsafe", "."], jobs);
        results.push((jobs, dry, code, out, tree(dir.path())));
    }
    let (_, dry, code, out, files) = &results[0];
    assert!(String::from_utf8_lossy(dry).contains("+About 7.5% said so"));
    for (jobs, other_dry, other_code, other_out, other_files) in &results[1..] {
        assert!(
            dry == other_dry,
            "--dry-run diff differs with --jobs {jobs:?}"
        );
        assert_eq!(code, other_code, "--jobs {jobs:?}");
        assert!(out == other_out, "fix report differs with --jobs {jobs:?}");
        assert!(
            files == other_files,
            "fixed files differ with --jobs {jobs:?}"
        );
    }
}
