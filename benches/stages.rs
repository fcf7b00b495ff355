//! One criterion benchmark per pipeline stage, on the same generated corpus.
//!
//! ```sh
//! cargo bench --bench stages                       # full measurement
//! cargo bench --bench stages -- --test             # run each benchmark once (CI)
//! CARELINT_BENCH_FILES=200 cargo bench --bench stages -- generated/
//! ```
//!
//! The corpus is generated in memory (`benches/support/corpus.rs`, seed 1, 40 files unless
//! `CARELINT_BENCH_FILES` says otherwise); `../shared/corpus/us-gov` is benchmarked too when it
//! is there. Stages: `comrak` (raw `comrak::parse_document` with carelint's options: the floor),
//! `parse` (carelint's document model), `analyse` (sentences, quantities, quotations and the
//! topics rules force), `citations` (the sources in reach of each figure, which the statistics
//! and figures rules share), one benchmark per rule family and one for every default rule (each on
//! fresh analyses, so rules pay for the lazy analysis they force), `lint` (parse + analyse +
//! all rules + claim keying, what a worker does per file), and `report/human`, `report/json`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use carelint::analyse::{Analysis, analyse};
use carelint::lint::article::lint_source_and_records;
use carelint::lint::rule_set::RuleSet;
use carelint::model::diagnostic::Level;
use carelint::model::outcome::{FileReport, Outcome};
use carelint::model::source::SourceFile;
use carelint::parse::{Document, ParseOptions, comrak_options, parse};
use carelint::report::{OutputFormat, RenderOptions, render};
use carelint::rules::REGISTRY;
use carelint::workspace::config::{ConfigLoader, RulesConfig};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

#[path = "support/corpus.rs"]
mod corpus;

/// Rule families: every rule whose id starts with `family/`.
const FAMILIES: &[&str] = &["language", "statistics", "figures", "safety"];

struct Input {
    source: Arc<SourceFile>,
    options: ParseOptions,
}

fn options_for(path: &str) -> ParseOptions {
    ParseOptions {
        plain_shapes: path.ends_with(".txt"),
        ..ParseOptions::default()
    }
}

fn generated() -> Vec<Input> {
    let files = std::env::var("CARELINT_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    corpus::corpus(1, files, None)
        .map(|a| Input {
            options: options_for(&a.path),
            source: Arc::new(SourceFile::new(a.path, a.text)),
        })
        .collect()
}

fn us_gov() -> Option<Vec<Input>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/us-gov");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| carelint::workspace::discover::is_article(p))
        .collect();
    paths.sort();
    let inputs: Vec<Input> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let shown = p.display().to_string();
            Some(Input {
                options: options_for(&shown),
                source: Arc::new(SourceFile::new(shown, text)),
            })
        })
        .collect();
    (!inputs.is_empty()).then_some(inputs)
}

/// The rules configuration a run without `.carelint.yml` uses (the `recommended` pack), read
/// through the same loader as `carelint check`.
fn default_rules() -> RulesConfig {
    let dir = std::env::temp_dir().join(format!("carelint-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let config = dir.join(".carelint.yml");
    let _ = std::fs::write(&config, "root: true\n");
    let mut loader = ConfigLoader::new(dir.clone(), Some(&config));
    let rules = loader
        .chain_for(&dir.join("a.md"))
        .map(|chain| chain.settings_for(&dir.join("a.md")).rules)
        .unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    rules
}

/// `base` with every rule outside `family` turned off.
fn only_family(base: &RulesConfig, family: &str) -> RulesConfig {
    let mut config = base.clone();
    for spec in REGISTRY {
        if !spec.meta.id.starts_with(&format!("{family}/")) {
            config.levels.insert(spec.meta.id.to_string(), Level::Off);
        }
    }
    config
}

fn bench_corpus(c: &mut Criterion, name: &str, inputs: &[Input], rules: &RulesConfig) {
    let bytes: usize = inputs.iter().map(|i| i.source.text.len()).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);

    let comrak = comrak_options();
    group.bench_function("comrak", |b| {
        b.iter(|| {
            for input in inputs {
                let arena = comrak::Arena::new();
                black_box(comrak::parse_document(&arena, &input.source.text, &comrak));
            }
        });
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            for input in inputs {
                black_box(parse(Arc::clone(&input.source), input.options));
            }
        });
    });

    let docs: Vec<Document> = inputs
        .iter()
        .map(|i| parse(Arc::clone(&i.source), i.options))
        .collect();
    group.bench_function("analyse", |b| {
        b.iter(|| {
            for doc in &docs {
                let analysis = analyse(doc);
                black_box(analysis.topics(doc));
                black_box(analysis);
            }
        });
    });

    let fresh = || docs.iter().map(analyse).collect::<Vec<Analysis>>();
    // Citations: which figures have a source in reach (what the statistics and figures rules
    // share, computed lazily once per article).
    if let Ok(finder) = rules
        .options
        .get(&carelint::rules::statistics::OPTIONS)
        .finder()
    {
        group.bench_function("citations", |b| {
            b.iter_batched(
                fresh,
                |analyses| {
                    for (doc, analysis) in docs.iter().zip(&analyses) {
                        black_box(carelint::analyse::citations::figures::cited_figures(
                            doc, analysis, &finder,
                        ));
                    }
                    analyses
                },
                BatchSize::LargeInput,
            );
        });
    }
    let mut sets: Vec<(String, RuleSet)> = FAMILIES
        .iter()
        .filter_map(|f| {
            RuleSet::build(&only_family(rules, f))
                .ok()
                .map(|s| (format!("rules/{f}"), s))
        })
        .collect();
    if let Ok(all) = RuleSet::build(rules) {
        sets.push(("rules/all".to_string(), all));
    }
    for (label, set) in &sets {
        group.bench_function(label.as_str(), |b| {
            b.iter_batched(
                fresh,
                |analyses| {
                    for (doc, analysis) in docs.iter().zip(&analyses) {
                        black_box(set.check(doc, analysis));
                    }
                    analyses
                },
                BatchSize::LargeInput,
            );
        });
    }

    let Ok(all) = RuleSet::build(rules) else {
        group.finish();
        return;
    };
    group.bench_function("lint", |b| {
        b.iter(|| {
            for input in inputs {
                black_box(lint_source_and_records(
                    Arc::clone(&input.source),
                    input.options,
                    &all,
                    true,
                ));
            }
        });
    });

    let outcome = Outcome {
        reports: inputs
            .iter()
            .map(|input| {
                let (diagnostics, _) =
                    lint_source_and_records(Arc::clone(&input.source), input.options, &all, false);
                FileReport {
                    path: input.source.path.clone(),
                    source: Some(Arc::clone(&input.source)),
                    checked: true,
                    diagnostics,
                }
            })
            .collect(),
        files_checked: inputs.len(),
        ..Outcome::default()
    };
    let plain = RenderOptions::default();
    for (label, format) in [
        ("report/human", OutputFormat::Human),
        ("report/json", OutputFormat::Json),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| black_box(render(&outcome, format, &plain)));
        });
    }
    group.finish();
}

fn stages(c: &mut Criterion) {
    let rules = default_rules();
    bench_corpus(c, "generated", &generated(), &rules);
    if let Some(inputs) = us_gov() {
        bench_corpus(c, "us-gov", &inputs, &rules);
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
