//! The whole run, top to bottom: discover → read → parse → analyse → check → (report).
//!
//! Configuration is resolved and rule sets are compiled up front on one thread; then worker
//! threads read, parse, analyse and check files independently, and the calling thread takes
//! their reports in path order as they finish, compares each article's figures with those of
//! the articles before it, applies suppressions and hands the report on to be written and
//! dropped. Output is the same for any number of threads, and memory does not grow with the
//! archive (only the few figures cross-article checks compare are kept).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::lint::across::{ArticleRecords, Comparisons};
use crate::lint::article::lint_article;
use crate::lint::rule_set::RuleSet;
use crate::lint::suppress::{ApplyOptions, Suppressions};
use crate::model::diagnostic::Category;
use crate::model::outcome::{FailOn, FileReport, Outcome};
use crate::model::source::SourceFile;
use crate::parse::ParseOptions;
use crate::timings::{Clock, Stage};
use crate::workspace::discover::discover_with;
use crate::workspace::read::read;

pub mod claims;
pub mod empty;
pub mod pool;
pub mod progress;
pub mod resolve;

pub use claims::{ArticleClaims, collect_article_claims, collect_claims};
use pool::{ordered_stream, threads};
use resolve::{Resolved, Resolver};

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub paths: Vec<PathBuf>,
    /// `--config FILE`: use this file only, no cascade.
    pub config: Option<PathBuf>,
    /// Worker threads; `None` uses one per core.
    pub jobs: Option<usize>,
    pub cwd: PathBuf,
    /// `--report-unused-disables`: a suppression that suppressed nothing is a finding.
    pub report_unused_disables: bool,
    /// `--shard K/N`: lint only this shard's files (and leave `figures/cross-article` to
    /// `carelint check-claims`, which sees every shard).
    pub shard: Option<crate::workspace::shard::Shard>,
    /// `--changed-since REF`: lint only changed files and report findings on changed lines.
    pub changed: Option<Arc<crate::workspace::changed::ChangedFiles>>,
    /// `--timings`: stage times are added here when set.
    pub timings: Option<Arc<Clock>>,
    /// A progress bar counting files, for long runs on a terminal.
    pub progress: Option<Arc<crate::run::progress::Progress>>,
    /// The process ends with this run (the command line): the compiled rule sets are left for
    /// the operating system to take back, not freed one phrase at a time (a fifth of a
    /// one-article run's instructions).
    pub exit_after: bool,
}

/// A file's report while the run still holds it: the article's records wait for the
/// comparisons across articles, and its suppressions for every finding (those of the
/// comparisons included) to be in.
struct InFlight {
    report: FileReport,
    /// What it leaves for the rules that compare articles, when articles are compared.
    records: ArticleRecords,
    suppressions: Option<Suppressions>,
}

impl From<FileReport> for InFlight {
    fn from(report: FileReport) -> Self {
        InFlight {
            report,
            records: ArticleRecords::default(),
            suppressions: None,
        }
    }
}

/// One article to lint, with everything resolved.
struct Job {
    path: PathBuf,
    shown: String,
    parse: ParseOptions,
    rules: Arc<RuleSet>,
    max_size: u64,
}

/// The discovered files this run covers: its shard, and with `--changed-since` the changed ones.
fn select(options: &RunOptions, files: &mut Vec<PathBuf>) {
    if let Some(shard) = options.shard {
        files.retain(|f| shard.contains(f));
    }
    if let Some(changed) = &options.changed {
        if changed.is_empty() {
            files.clear();
        }
        files.retain(|f| changed.get(f, &options.cwd).is_some());
    }
}

/// What a run knows besides its reports.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    /// Articles that were read and checked.
    pub files_checked: usize,
    /// Run-level settings from the configuration that applies to the working directory.
    pub fail_on: Option<FailOn>,
    pub max_warnings: Option<usize>,
    /// Findings turned off by inline suppressions.
    pub suppressed: usize,
}

/// Lints everything `options` names and collects the reports, sorted by path.
pub fn run(options: &RunOptions) -> Outcome {
    let mut reports = Vec::new();
    let summary = run_streaming(options, |report| reports.push(report));
    Outcome {
        reports,
        files_checked: summary.files_checked,
        fail_on: summary.fail_on,
        max_warnings: summary.max_warnings,
        suppressed: summary.suppressed,
        baselined: None,
    }
}

/// Everything reported under one path: the article (if it is one to lint) and the problems
/// found before linting (an unwalkable path, a broken configuration).
struct Slot {
    path: String,
    jobs: Vec<Job>,
}

/// The articles `options` names: files with an article's extension, and those the
/// configuration adds (`extensions:`, `parse:`, `include:`), narrowed to the run's selection.
pub(crate) fn discover_articles(
    options: &RunOptions,
    loader: &mut crate::workspace::config::ConfigLoader,
) -> crate::workspace::discover::Discovered {
    let mut discovered = discover_with(&options.paths, &mut |path| {
        loader
            .chain_for(path)
            .is_some_and(|chain| chain.reads(&loader.absolute(path)))
    });
    select(options, &mut discovered.files);
    discovered
}

/// Lints everything `options` names and hands each file's report to `emit` in path order, as
/// soon as it and every report before it are done. Reports are finished when emitted: the
/// findings of the comparisons across articles (always on the later article) and suppressions
/// are applied. Nothing is kept afterwards but the records the comparisons keep, so memory
/// stays flat however large the archive.
pub fn run_streaming(options: &RunOptions, mut emit: impl FnMut(FileReport)) -> RunSummary {
    let clock = options.timings.as_deref();
    let t = clock.map(|_| std::time::Instant::now());
    let mut resolver = Resolver::new(options.cwd.clone(), options.config.as_deref());
    let discovered = discover_articles(options, &mut resolver.loader);
    let t = clock.zip(t).map(|(c, t)| c.lap(Stage::Discover, t));
    let mut extra: Vec<FileReport> = Vec::new();
    let mut jobs = Vec::new();

    for path in discovered.files {
        let Some(resolved) = resolver.resolve(&path) else {
            // A configuration on the way is broken; its error is reported below.
            continue;
        };
        if !resolved.settings.included {
            continue;
        }
        let rules = match resolver.rule_set(&resolved.settings) {
            Ok(rules) => rules,
            Err(first) => {
                if let Some(message) = first {
                    extra.push(FileReport::problem(
                        resolved.config_name(),
                        Category::Config,
                        message,
                    ));
                }
                continue;
            }
        };
        jobs.push(Job {
            shown: crate::workspace::config::display_path(&path),
            path,
            parse: resolved.settings.parse,
            rules,
            max_size: resolved.max_size(),
        });
    }
    let mut loader = resolver.into_loader(options.exit_after);

    let run_chain = loader.chain_for_folder(&options.cwd);
    let fail_on = run_chain.as_ref().and_then(|c| c.fail_on());
    let max_warnings = run_chain.as_ref().and_then(|c| c.max_warnings());
    let report_unused = options.report_unused_disables
        || run_chain
            .as_ref()
            .and_then(|c| c.report_unused_disables())
            .unwrap_or(false);

    // Articles are compared with each other only when there is more than one, and not in a
    // shard of a split run: `check-claims` compares all shards' claims.
    let compare = jobs.len() > 1;
    let compared = compare && options.shard.is_none_or(|s| s.count == 1);
    if let Some(progress) = &options.progress {
        progress.set_files(jobs.len());
    }

    // Every path's slot, in path order; problems found before linting wait beside it. Paths
    // with several problems (a configuration with several errors) become one report.
    let mut entries: Vec<(String, Option<Job>, Option<FileReport>)> = jobs
        .into_iter()
        .map(|job| (job.shown.clone(), Some(job), None))
        .collect();
    entries.extend(
        unlinted(discovered.errors, loader.errors)
            .chain(extra)
            .map(|r| (r.path.clone(), None, Some(r))),
    );
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut slots: Vec<Slot> = Vec::new();
    let mut waiting: Vec<Vec<FileReport>> = Vec::new();
    for (path, job, problem) in entries {
        if slots.last().is_none_or(|s| s.path != path) {
            slots.push(Slot {
                path,
                jobs: Vec::new(),
            });
            waiting.push(Vec::new());
        }
        if let (Some(slot), Some(job)) = (slots.last_mut(), job) {
            slot.jobs.push(job);
        }
        if let (Some(w), Some(problem)) = (waiting.last_mut(), problem) {
            w.push(problem);
        }
    }
    let t = clock.zip(t).map(|(c, t)| c.lap(Stage::Config, t));

    let lint = |job: &Job| -> InFlight {
        let started = clock.map(|_| std::time::Instant::now());
        let read = read(&job.path, &job.shown, job.max_size);
        if let (Some(clock), Some(started)) = (clock, started) {
            clock.lap(Stage::Read, started);
            clock.article(read.source.as_ref().map_or(0, |s| s.text.len()));
        }
        let mut diagnostics = read.problems;
        let checked = read.source.is_some();
        let mut records = ArticleRecords::default();
        let mut suppressions = None;
        let source = match read.source {
            Some(source) => {
                let linted =
                    lint_article(Arc::clone(&source), job.parse, &job.rules, compare, clock);
                diagnostics.extend(linted.diagnostics);
                suppressions = Some(linted.suppressions);
                records = linted.records;
                Some(source)
            }
            None => read.shown,
        };
        if let Some(progress) = &options.progress {
            progress.tick();
        }
        InFlight {
            report: FileReport {
                path: job.shown.clone(),
                source,
                checked,
                diagnostics,
            },
            records,
            suppressions,
        }
    };
    let lint_slot = |slot: &Slot| -> Vec<InFlight> {
        slot.jobs
            .iter()
            .map(|job| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint(job)))
                    .unwrap_or_else(|panic| internal_error(&job.shown, panic.as_ref()).into())
            })
            .collect()
    };

    let mut comparisons = Comparisons::default();
    let mut summary = RunSummary {
        fail_on,
        max_warnings,
        ..RunSummary::default()
    };
    ordered_stream(threads(options.jobs), &slots, lint_slot, |i, linted| {
        let problems = waiting.get_mut(i).map(std::mem::take).unwrap_or_default();
        let Some(InFlight {
            mut report,
            records,
            suppressions,
        }) = merge(
            linted
                .into_iter()
                .chain(problems.into_iter().map(InFlight::from)),
        )
        else {
            return;
        };
        let t = clock.map(|_| std::time::Instant::now());
        if compared {
            let found = comparisons.next(records);
            if !found.is_empty() {
                report.diagnostics.extend(found);
                report
                    .diagnostics
                    .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            }
        }
        if let Some(table) = suppressions {
            let found = std::mem::take(&mut report.diagnostics);
            let (kept, n) = table.apply(
                found,
                report.source.as_deref(),
                ApplyOptions {
                    report_unused,
                    compared,
                },
            );
            report.diagnostics = kept;
            summary.suppressed += n;
        }
        if let Some(changed) = &options.changed {
            crate::workspace::changed::keep_changed_lines(&mut report, changed, &options.cwd);
        }
        if let Some((clock, t)) = clock.zip(t) {
            clock.lap(Stage::CrossArticle, t);
        }
        summary.files_checked += usize::from(report.checked);
        let t = clock.map(|_| std::time::Instant::now());
        emit(report);
        if let Some((clock, t)) = clock.zip(t) {
            clock.lap(Stage::Report, t);
        }
    });
    if let Some((clock, t)) = clock.zip(t) {
        clock.lap(Stage::Lint, t);
    }
    summary
}

/// A configuration that could not be read, reported on the configuration file.
pub(crate) fn config_error(error: crate::workspace::config::ConfigError) -> FileReport {
    FileReport {
        path: error.source.path.clone(),
        source: Some(error.source),
        checked: false,
        diagnostics: vec![error.diagnostic],
    }
}

/// A file whose linting panicked: reported as an error on that file, so the rest of the run
/// goes on and the run fails.
fn internal_error(path: &str, panic: &(dyn std::any::Any + Send)) -> FileReport {
    let why = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    FileReport::problem(
        path.to_string(),
        Category::Input,
        format!("carelint failed on this file (internal error: {why}); please report it"),
    )
}

/// The reports under one path as one report, findings in offset order.
fn merge(reports: impl Iterator<Item = InFlight>) -> Option<InFlight> {
    let mut merged: Option<InFlight> = None;
    let mut several = false;
    for next in reports {
        let Some(last) = merged.as_mut() else {
            merged = Some(next);
            continue;
        };
        several = true;
        last.report.diagnostics.extend(next.report.diagnostics);
        last.report.checked |= next.report.checked;
        if last.records.is_empty() {
            last.records = next.records;
        }
        if last.report.source.is_none() {
            last.report.source = next.report.source;
        }
        if last.suppressions.is_none() {
            last.suppressions = next.suppressions;
        }
    }
    if several && let Some(m) = merged.as_mut() {
        m.report
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    merged
}

/// Reports for paths that could not be walked and configurations that could not be read.
pub(crate) fn unlinted(
    walk: Vec<crate::workspace::discover::DiscoveryError>,
    config: Vec<crate::workspace::config::ConfigError>,
) -> impl Iterator<Item = FileReport> {
    walk.into_iter()
        .map(|e| {
            FileReport::problem(
                crate::workspace::config::display_path(&e.path),
                Category::Input,
                e.message,
            )
        })
        .chain(config.into_iter().map(config_error))
}

/// Checks text given directly (from stdin or an editor) as if it were the file at `path`.
pub fn run_text(text: String, path: &Path, options: &RunOptions) -> Outcome {
    let mut resolver = Resolver::new(options.cwd.clone(), options.config.as_deref());
    run_text_with(&mut resolver, text, path, options)
}

/// [`run_text`] with a resolver that outlives the call: the language server keeps one per
/// workspace, so configuration is read and rules are compiled once, not on every keystroke.
/// Configuration errors the call comes upon are taken out of the resolver and reported.
pub fn run_text_with(
    resolver: &mut Resolver,
    text: String,
    path: &Path,
    options: &RunOptions,
) -> Outcome {
    run_text_compared(resolver, text, path, options, None)
}

/// [`run_text_with`], comparing the text's figures with other articles' (`figures/cross-article`
/// when it is on for `path`): an editor compares the open document with the rest of its folder.
/// Cross-article findings join the text's before its suppressions apply, as in `check`.
pub fn run_text_compared(
    resolver: &mut Resolver,
    text: String,
    path: &Path,
    options: &RunOptions,
    others: Option<&Comparisons>,
) -> Outcome {
    let shown = crate::workspace::config::display_path(path);
    let mut reports = Vec::new();
    let mut report_unused = options.report_unused_disables;
    let mut suppressed = 0;
    if let Some(Resolved { settings, .. }) = resolver.resolve(path) {
        // As `check PATH` would: text under an excluded (or not included) path checks nothing.
        if !settings.included {
            return Outcome {
                reports: std::mem::take(&mut resolver.loader.errors)
                    .into_iter()
                    .map(config_error)
                    .collect(),
                ..Outcome::default()
            };
        }
        report_unused |= resolver
            .loader
            .chain_for_folder(&options.cwd)
            .and_then(|c| c.report_unused_disables())
            .unwrap_or(false);
        match resolver.rule_set(&settings) {
            Ok(rules) => {
                let source = Arc::new(SourceFile::new(shown.clone(), text));
                let clock = options.timings.as_deref();
                if let Some(clock) = clock {
                    clock.article(source.text.len());
                }
                let mut linted = lint_article(
                    Arc::clone(&source),
                    settings.parse,
                    &rules,
                    others.is_some(),
                    clock,
                );
                if let Some(others) = others {
                    let found = others.findings(&linted.records);
                    if !found.is_empty() {
                        linted.diagnostics.extend(found);
                        linted
                            .diagnostics
                            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                    }
                }
                let (diagnostics, n) = linted.suppressions.apply(
                    linted.diagnostics,
                    Some(&source),
                    ApplyOptions {
                        report_unused,
                        compared: others.is_some(),
                    },
                );
                suppressed = n;
                reports.push(FileReport {
                    path: shown,
                    source: Some(source),
                    checked: true,
                    diagnostics,
                });
            }
            Err(message) => reports.push(FileReport::problem(
                shown,
                Category::Config,
                message.unwrap_or_default(),
            )),
        }
    }
    reports.extend(
        std::mem::take(&mut resolver.loader.errors)
            .into_iter()
            .map(config_error),
    );
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let files_checked = reports.iter().filter(|r| r.checked).count();
    Outcome {
        reports,
        files_checked,
        suppressed,
        ..Outcome::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Severity;

    #[test]
    fn a_panic_becomes_an_error_on_that_file() {
        let panic: Box<dyn std::any::Any + Send> = Box::new("index out of bounds");
        let report = internal_error("a.md", panic.as_ref());
        assert!(!report.checked);
        assert_eq!(report.diagnostics.len(), 1);
        assert_eq!(report.diagnostics[0].severity, Severity::Error);
        assert!(
            report.diagnostics[0]
                .message
                .contains("index out of bounds")
        );
    }
}
