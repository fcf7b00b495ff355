//! Pathological sizes (issue 13): one article each, linted with every default rule.
//!
//! ```sh
//! cargo bench --bench pathological                 # full measurement
//! cargo bench --bench pathological -- --test       # each once, a hundredth of the size (CI)
//! CARELINT_BENCH_WRITE=/tmp/patho cargo bench --bench pathological -- --test  # and the inputs
//! ```
//!
//! With `--test` (CI, a dev build) the inputs are a hundredth of their size unless
//! `CARELINT_BENCH_FULL` is set: the run only shows that the benchmark works. The files
//! `CARELINT_BENCH_WRITE` asks for are always full size.
//!
//! - `one-line-10mb`: a 10 MB article on a single line (a page exported without line ends);
//!   target under 3 s and 200 MB peak.
//! - `figures-40k`: 40,000 figure paragraphs; target under 1 s.
//! - `paper-2mb`: a 2 MB research paper as converters leave them: long lines, tables
//!   flattened to runs of numbers, a reference list; target under 0.3 s.
//!
//! The texts are generated here (our own words). With `CARELINT_BENCH_WRITE` set, each is also
//! written to that folder, so the binary's peak memory can be measured on the same input
//! (`/usr/bin/time -f %M carelint check --format json FILE`).

use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::Arc;

use carelint::lint::article::lint_source;
use carelint::lint::rule_set::RuleSet;
use carelint::model::source::SourceFile;
use carelint::parse::ParseOptions;
use carelint::workspace::config::RulesConfig;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Sentences of a health article, with figures, sources, weak attributions and lexicon words.
fn sentence(i: usize) -> String {
    let k = 3 + i % 94;
    match i % 8 {
        0 => format!("About {k}% of adults in group {i} said they had felt low in the past year."),
        1 => format!(
            "According to a 2019 national survey, {k}% of people who suffer from depression in area {i} saw a doctor."
        ),
        2 => format!(
            "One in {} people in team {i} — café staff included — said so.",
            2 + i % 9
        ),
        3 => format!(
            "Experts believe the rate in region {i} rose from {k}% to {}%.",
            k + 2
        ),
        4 => format!(
            "A review of {} patients (19–28 years) found {k}.5% improved.",
            100 + i
        ),
        5 => "If you are struggling, talk to someone you trust or call a helpline.".to_string(),
        6 => format!(
            "Rates per 100,000 fell from {} to {} between 2010 and 2020.",
            10 + k,
            k
        ),
        _ => format!("Studies show that {k} in 1,000 addicts in town {i} relapse."),
    }
}

/// A single line of at least `bytes` bytes.
fn one_line(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(&sentence(i));
        text.push(' ');
        i += 1;
    }
    text.push('\n');
    text
}

/// `n` short paragraphs, each with one figure.
fn figures(n: usize) -> String {
    let mut text = String::from("# Figures\n\n");
    for i in 0..n {
        let _ = write!(
            text,
            "About {}% of adults in group {i} said so.\n\n",
            1 + i % 99
        );
    }
    text
}

/// A research paper of at least `bytes` bytes: an abstract, sections of long lines of prose
/// with bracketed citations, tables flattened into runs of numbers, and a reference list.
fn paper(bytes: usize) -> String {
    let mut text = String::from("# A cohort study of mood and sleep in adults\n\n## Abstract\n\n");
    let mut i = 0;
    let mut section = 0;
    while text.len() < bytes * 4 / 5 {
        section += 1;
        let _ = write!(text, "\n## {section}. Results for cohort {section}\n\n");
        for _ in 0..6 {
            // A long line: a paragraph of eight sentences with numbered citations.
            for _ in 0..8 {
                text.push_str(&sentence(i));
                let _ = write!(text, " [{}] ", 1 + i % 60);
                i += 1;
            }
            text.push_str("\n\n");
        }
        // A table flattened to one line of labels and numbers, as PDF converters leave it.
        let _ = write!(text, "Table {section}. Outcomes by group ");
        for row in 0..40 {
            let _ = write!(
                text,
                "Group {row} n = {} {}.{} % (95% CI {}.1–{}.9) p = 0.0{} ",
                50 + row,
                10 + row % 50,
                row % 10,
                5 + row % 40,
                15 + row % 40,
                1 + row % 9
            );
        }
        text.push_str("\n\n");
    }
    text.push_str("\n## References\n\n");
    let mut r = 0;
    while text.len() < bytes {
        r += 1;
        let _ = writeln!(
            text,
            "{r}. Author A, Writer B, Scholar C, et al. Mood and sleep in cohort {r}: a {}-year follow-up. J Mood Res. {}; {}({}): {}–{}. doi:10.1000/jmr.{r}\n",
            1 + r % 20,
            1990 + r % 35,
            r % 90,
            1 + r % 12,
            100 + r,
            110 + r
        );
    }
    text
}

fn bench_one(
    c: &mut Criterion,
    rules: &RuleSet,
    name: &str,
    text: String,
    full: impl Fn() -> String,
) {
    if let Some(dir) = std::env::var_os("CARELINT_BENCH_WRITE") {
        let dir = std::path::PathBuf::from(dir);
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(format!("{name}.md")), full());
    }
    let source = Arc::new(SourceFile::new(format!("{name}.md"), text));
    let mut group = c.benchmark_group("pathological");
    group.throughput(Throughput::Bytes(source.text.len() as u64));
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| {
            black_box(lint_source(
                Arc::clone(&source),
                ParseOptions::default(),
                rules,
            ))
        });
    });
    group.finish();
}

fn pathological(c: &mut Criterion) {
    let rules = RuleSet::build(&RulesConfig::default()).expect("default rules build");
    let quick = std::env::args().any(|a| a == "--test")
        && std::env::var_os("CARELINT_BENCH_FULL").is_none();
    let scale = if quick { 100 } else { 1 };
    let (line, count, paper_bytes) = (10_000_000, 40_000, 2_000_000);
    bench_one(c, &rules, "one-line-10mb", one_line(line / scale), || {
        one_line(line)
    });
    bench_one(c, &rules, "figures-40k", figures(count / scale), || {
        figures(count)
    });
    bench_one(c, &rules, "paper-2mb", paper(paper_bytes / scale), || {
        paper(paper_bytes)
    });
}

criterion_group!(benches, pathological);
criterion_main!(benches);
