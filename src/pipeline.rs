//! The whole run, top to bottom: discover → read → parse → analyse → check → (report).
//!
//! Configuration is resolved and rule sets are compiled up front on one thread; then every file
//! is read, parsed, analysed and checked independently on the rayon pool. Results are sorted by
//! path, so output is the same for any number of threads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::analyse::analyse;
use crate::check::RuleSet;
use crate::config::{ConfigLoader, FailOn, SettingsKey};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::discover::discover;
use crate::parse::{ParseOptions, parse};
use crate::read::{DEFAULT_MAX_FILE_SIZE, read};
use crate::rules::figures::claims::{ClaimRecord, records};
use crate::source::{SourceFile, Span};
use crate::suppress::{ApplyOptions, Suppressions};
use crate::timings::{Clock, Stage};

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
    pub shard: Option<crate::shard::Shard>,
    /// `--changed-since REF`: lint only changed files and report findings on changed lines.
    pub changed: Option<Arc<crate::changed::ChangedFiles>>,
    /// `--timings`: stage times are added here when set.
    pub timings: Option<Arc<Clock>>,
    /// A progress bar counting files, for long runs on a terminal.
    pub progress: Option<Arc<crate::progress::Progress>>,
}

/// Everything reported about one file (an article or a configuration file).
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    /// The text the spans refer to, when there is one.
    pub source: Option<Arc<SourceFile>>,
    /// The article was read and checked (not skipped).
    pub checked: bool,
    /// Its figures, keyed, and the severity `figures/cross-article` has for it, when articles
    /// are compared with each other.
    pub claims: Option<(Severity, Vec<ClaimRecord>)>,
    pub diagnostics: Vec<Diagnostic>,
    /// The article's inline suppressions, applied once every finding (cross-article ones
    /// included) is in.
    pub suppressions: Option<Suppressions>,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// Sorted by path; each report's diagnostics sorted by offset.
    pub reports: Vec<FileReport>,
    /// Articles that were read and checked.
    pub files_checked: usize,
    /// Run-level settings from the configuration that applies to the working directory.
    pub fail_on: Option<FailOn>,
    pub max_warnings: Option<usize>,
    /// Findings turned off by inline suppressions.
    pub suppressed: usize,
    /// Findings hidden by `--baseline` (`None` without one).
    pub baselined: Option<usize>,
}

impl Outcome {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.reports.iter().flat_map(|r| r.diagnostics.iter())
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Input or configuration errors: the run could not do all it was asked.
    pub fn has_pipeline_errors(&self) -> bool {
        self.diagnostics()
            .any(|d| d.category.is_pipeline() && d.severity == Severity::Error)
    }
}

impl FileReport {
    /// A problem that stops a file (or a configuration) from being checked at all.
    fn problem(path: String, category: Category, message: String) -> Self {
        FileReport {
            path,
            source: None,
            checked: false,
            claims: None,
            suppressions: None,
            diagnostics: vec![Diagnostic::new(
                category.as_str(),
                category,
                Severity::Error,
                Span::default(),
                message,
            )],
        }
    }

    fn config_error(error: crate::config::ConfigError) -> Self {
        FileReport {
            path: error.source.path.clone(),
            source: Some(error.source),
            checked: false,
            claims: None,
            suppressions: None,
            diagnostics: vec![error.diagnostic],
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

/// Lints one article's text with a rule set: parse → analyse → check, with the article's
/// inline suppressions applied.
pub fn lint_source(
    source: Arc<SourceFile>,
    options: ParseOptions,
    rules: &RuleSet,
) -> Vec<Diagnostic> {
    let linted = lint_article(Arc::clone(&source), options, rules, false, None);
    linted
        .suppressions
        .apply(linted.diagnostics, Some(&source), ApplyOptions::default())
        .0
}

/// One article's findings (before suppressions), keyed figures and suppression table.
pub struct Linted {
    pub diagnostics: Vec<Diagnostic>,
    pub claims: Vec<ClaimRecord>,
    pub suppressions: Suppressions,
}

/// Lints one article and, when `want_claims` and the rule set compares articles, keys its
/// figures for `figures/cross-article`. Suppressions are not applied.
pub fn lint_source_and_claims(
    source: Arc<SourceFile>,
    options: ParseOptions,
    rules: &RuleSet,
    want_claims: bool,
) -> (Vec<Diagnostic>, Vec<ClaimRecord>) {
    let linted = lint_article(source, options, rules, want_claims, None);
    (linted.diagnostics, linted.claims)
}

/// [`lint_source_and_claims`] with the article's suppression table, to apply after the run.
pub fn lint_article(
    source: Arc<SourceFile>,
    options: ParseOptions,
    rules: &RuleSet,
    want_claims: bool,
    clock: Option<&Clock>,
) -> Linted {
    let lap = |stage: Stage, since: Option<std::time::Instant>| {
        clock.zip(since).map(|(c, t)| c.lap(stage, t))
    };
    let t = clock.map(|_| std::time::Instant::now());
    let doc = parse(source, options);
    let t = lap(Stage::Parse, t);
    let suppressions = Suppressions::build(&doc, &rules.suppression_names);
    let analysis = analyse(&doc);
    let t = lap(Stage::Analyse, t);
    let claims = match &rules.claims {
        Some((finder, _)) if want_claims => records(&doc, &analysis, finder)
            .iter()
            .filter(|c| c.interval.is_some() && c.population.is_some() && c.measure.is_some())
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let mut diagnostics = rules.check(&doc, &analysis);
    if let Some((at, message)) = doc.front_matter.as_ref().and_then(|f| f.error.clone()) {
        let at = doc.source.text.floor_char_boundary(at);
        diagnostics.push(
            Diagnostic::new(
                "input",
                Category::Input,
                Severity::Warning,
                Span::new(at, at),
                format!("front matter is not valid YAML: {message}"),
            )
            .with_help("rules that read front matter (title, metadata) skip this article's"),
        );
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    if let Some(why) = &doc.read_as_plain {
        diagnostics.push(
            Diagnostic::new(
                "input",
                Category::Input,
                Severity::Info,
                Span::default(),
                why.clone(),
            )
            .with_help("no article nests lists or quotes this deep; check how the file was made"),
        );
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    lap(Stage::Check, t);
    Linted {
        diagnostics,
        claims,
        suppressions,
    }
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

pub fn run(options: &RunOptions) -> Outcome {
    let clock = options.timings.as_deref();
    let t = clock.map(|_| std::time::Instant::now());
    let mut discovered = discover(&options.paths);
    select(options, &mut discovered.files);
    let t = clock.zip(t).map(|(c, t)| c.lap(Stage::Discover, t));
    let mut loader = ConfigLoader::new(options.cwd.clone(), options.config.as_deref());
    let mut extra: Vec<FileReport> = Vec::new();
    let mut rule_sets: HashMap<SettingsKey, Option<Arc<RuleSet>>> = HashMap::new();
    let mut jobs = Vec::new();

    for path in discovered.files {
        let Some(chain) = loader.chain_for(&path) else {
            // A configuration on the way is broken; its error is reported below.
            continue;
        };
        let abs = loader.absolute(&path);
        let settings = chain.settings_for(&abs);
        if !settings.included {
            continue;
        }
        let rules = rule_sets
            .entry(settings.key.clone())
            .or_insert_with(|| match RuleSet::build(&settings.rules) {
                Ok(set) => Some(Arc::new(set)),
                Err(message) => {
                    let name = chain
                        .layers
                        .last()
                        .map_or_else(String::new, |l| l.name.clone());
                    extra.push(FileReport::problem(name, Category::Config, message));
                    None
                }
            })
            .clone();
        let Some(rules) = rules else { continue };
        jobs.push(Job {
            shown: crate::config::display_path(&path),
            path,
            parse: settings.parse,
            rules,
            max_size: chain.max_file_size().unwrap_or(DEFAULT_MAX_FILE_SIZE),
        });
    }

    let run_chain = loader.chain_for_folder(&options.cwd);
    let fail_on = run_chain.as_ref().and_then(|c| c.fail_on());
    let max_warnings = run_chain.as_ref().and_then(|c| c.max_warnings());
    let report_unused = options.report_unused_disables
        || run_chain
            .as_ref()
            .and_then(|c| c.report_unused_disables())
            .unwrap_or(false);

    // Articles are compared with each other only when there is more than one.
    let compare = jobs.len() > 1;
    let t = clock.zip(t).map(|(c, t)| c.lap(Stage::Config, t));
    if let Some(progress) = &options.progress {
        progress.set_files(jobs.len());
    }
    let lint = |job: &Job| -> FileReport {
        let started = clock.map(|_| std::time::Instant::now());
        let read = read(&job.path, &job.shown, job.max_size);
        if let (Some(clock), Some(started)) = (clock, started) {
            clock.lap(Stage::Read, started);
            clock.article(read.source.as_ref().map_or(0, |s| s.text.len()));
        }
        let mut diagnostics = read.problems;
        let checked = read.source.is_some();
        let mut claims = None;
        let mut suppressions = None;
        let source = match read.source {
            Some(source) => {
                let linted =
                    lint_article(Arc::clone(&source), job.parse, &job.rules, compare, clock);
                let keyed = linted.claims;
                diagnostics.extend(linted.diagnostics);
                suppressions = Some(linted.suppressions);
                claims = job
                    .rules
                    .claims
                    .as_ref()
                    .map(|(_, severity)| (*severity, keyed));
                Some(source)
            }
            None => read.shown,
        };
        if let Some(progress) = &options.progress {
            progress.tick();
        }
        FileReport {
            path: job.shown.clone(),
            source,
            checked,
            claims,
            diagnostics,
            suppressions,
        }
    };
    let mut reports: Vec<FileReport> = par_map(options.jobs, &jobs, lint);
    let t = clock.zip(t).map(|(c, t)| c.lap(Stage::Lint, t));
    let files_checked = reports.iter().filter(|r| r.checked).count();

    reports.extend(unlinted(discovered.errors, loader.errors));
    reports.extend(extra);
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    merge_same_path(&mut reports);
    // A shard sees only part of the archive: `check-claims` compares all shards' claims.
    let compared = options.shard.is_none_or(|s| s.count == 1) && compare_articles(&mut reports);
    if let Some((clock, t)) = clock.zip(t) {
        clock.lap(Stage::CrossArticle, t);
    }
    let suppressed = apply_suppressions(
        &mut reports,
        ApplyOptions {
            report_unused,
            compared,
        },
    );
    if let Some(changed) = &options.changed {
        crate::changed::keep_changed_lines(&mut reports, changed, &options.cwd);
    }
    Outcome {
        reports,
        files_checked,
        fail_on,
        max_warnings,
        suppressed,
        baselined: None,
    }
}

/// Applies each article's suppressions to its findings, once every finding is in; returns how
/// many were suppressed.
fn apply_suppressions(reports: &mut [FileReport], options: ApplyOptions) -> usize {
    let mut suppressed = 0;
    for report in reports {
        if let Some(table) = report.suppressions.take() {
            let found = std::mem::take(&mut report.diagnostics);
            let (kept, n) = table.apply(found, report.source.as_deref(), options);
            report.diagnostics = kept;
            suppressed += n;
        }
    }
    suppressed
}

/// `figures/cross-article`: one pass over the figures every article kept, after the parallel
/// per-file pass, so that pass stays independent per file. Returns whether articles were
/// compared.
fn compare_articles(reports: &mut [FileReport]) -> bool {
    let files: Vec<(usize, Vec<ClaimRecord>, Severity)> = reports
        .iter_mut()
        .enumerate()
        .filter_map(|(i, r)| {
            r.claims
                .take()
                .map(|(severity, claims)| (i, claims, severity))
        })
        .collect();
    if files.len() < 2 {
        return false;
    }
    for (index, diagnostic) in crate::rules::figures::cross_article::compare(&files) {
        if let Some(report) = reports.get_mut(index) {
            report.diagnostics.push(diagnostic);
            report
                .diagnostics
                .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
    }
    true
}

/// Reports for paths that could not be walked and configurations that could not be read.
fn unlinted(
    walk: Vec<crate::discover::DiscoveryError>,
    config: Vec<crate::config::ConfigError>,
) -> impl Iterator<Item = FileReport> {
    walk.into_iter()
        .map(|e| {
            FileReport::problem(
                crate::config::display_path(&e.path),
                Category::Input,
                e.message,
            )
        })
        .chain(config.into_iter().map(FileReport::config_error))
}

/// Maps `items` on the rayon pool (`jobs` threads, or one per core); results keep their order.
fn par_map<J: Sync, R: Send>(
    jobs: Option<usize>,
    items: &[J],
    f: impl Fn(&J) -> R + Sync + Send,
) -> Vec<R> {
    match jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(|| items.par_iter().map(&f).collect()),
            Err(_) => items.iter().map(f).collect(),
        },
        None => items.par_iter().map(f).collect(),
    }
}

/// Several configuration errors in one file become one report.
fn merge_same_path(reports: &mut Vec<FileReport>) {
    let mut merged: Vec<FileReport> = Vec::with_capacity(reports.len());
    for report in reports.drain(..) {
        match merged.last_mut() {
            Some(last) if last.path == report.path => {
                last.diagnostics.extend(report.diagnostics);
                last.checked |= report.checked;
                if last.claims.is_none() {
                    last.claims = report.claims;
                }
                if last.source.is_none() {
                    last.source = report.source;
                }
                if last.suppressions.is_none() {
                    last.suppressions = report.suppressions;
                }
                last.diagnostics
                    .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            }
            _ => merged.push(report),
        }
    }
    *reports = merged;
}

/// The figures of every article under `options.paths`, keyed for comparison (`carelint
/// claims`), in path and offset order, with the problems that kept files from being read.
pub fn collect_claims(
    options: &RunOptions,
) -> (Vec<crate::rules::figures::claims::ClaimRecord>, Outcome) {
    let mut discovered = discover(&options.paths);
    select(options, &mut discovered.files);
    let mut loader = ConfigLoader::new(options.cwd.clone(), options.config.as_deref());
    let mut jobs = Vec::new();
    let mut problems = Vec::new();
    for path in discovered.files {
        let Some(chain) = loader.chain_for(&path) else {
            continue;
        };
        let settings = chain.settings_for(&loader.absolute(&path));
        if !settings.included {
            continue;
        }
        // The severity `check` would give this file's cross-article findings, so that
        // `check-claims` over the printed claims finds what `check` finds.
        let cross = crate::rules::figures::cross_article::META.id;
        let severity = settings
            .rules
            .levels
            .get(cross)
            .copied()
            .unwrap_or(crate::rules::figures::cross_article::META.default_level)
            .severity();
        match settings.rules.options.statistics.finder() {
            Ok(finder) => jobs.push((
                crate::config::display_path(&path),
                path,
                settings.parse,
                (finder, severity),
                chain.max_file_size().unwrap_or(DEFAULT_MAX_FILE_SIZE),
            )),
            Err(message) => problems.push(FileReport::problem(
                crate::config::display_path(&path),
                Category::Config,
                message,
            )),
        }
    }
    type ClaimJob = (
        String,
        PathBuf,
        ParseOptions,
        (
            Arc<crate::rules::statistics::sourcing::Finder>,
            Option<Severity>,
        ),
        u64,
    );
    let each = |(shown, path, parse_options, (finder, severity), max): &ClaimJob| {
        let read = read(path, shown, *max);
        let claims = read.source.as_ref().map_or_else(Vec::new, |source| {
            let doc = parse(Arc::clone(source), *parse_options);
            let analysis = analyse(&doc);
            let mut found = records(&doc, &analysis, finder).into_owned();
            for claim in &mut found {
                claim.cross_article = *severity;
            }
            found
        });
        let report = FileReport {
            path: shown.clone(),
            checked: read.source.is_some(),
            source: read.source.or(read.shown),
            claims: None,
            diagnostics: read.problems,
            suppressions: None,
        };
        (claims, report)
    };
    let results: Vec<_> = par_map(options.jobs, &jobs, each);
    let mut claims = Vec::new();
    let mut reports = problems;
    for (c, report) in results {
        claims.extend(c);
        if !report.diagnostics.is_empty() {
            reports.push(report);
        }
    }
    reports.extend(unlinted(discovered.errors, loader.errors));
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let files_checked = jobs.len();
    (
        claims,
        Outcome {
            reports,
            files_checked,
            ..Outcome::default()
        },
    )
}

/// Checks text given directly (from stdin or an editor) as if it were the file at `path`.
pub fn run_text(text: String, path: &Path, options: &RunOptions) -> Outcome {
    let mut loader = ConfigLoader::new(options.cwd.clone(), options.config.as_deref());
    let shown = crate::config::display_path(path);
    let mut reports = Vec::new();
    let mut report_unused = options.report_unused_disables;
    let mut suppressed = 0;
    if let Some(chain) = loader.chain_for(path) {
        let settings = chain.settings_for(&loader.absolute(path));
        report_unused |= loader
            .chain_for_folder(&options.cwd)
            .and_then(|c| c.report_unused_disables())
            .unwrap_or(false);
        match RuleSet::build(&settings.rules) {
            Ok(rules) => {
                let source = Arc::new(SourceFile::new(shown.clone(), text));
                let clock = options.timings.as_deref();
                if let Some(clock) = clock {
                    clock.article(source.text.len());
                }
                let linted =
                    lint_article(Arc::clone(&source), settings.parse, &rules, false, clock);
                let (diagnostics, n) = linted.suppressions.apply(
                    linted.diagnostics,
                    Some(&source),
                    ApplyOptions {
                        report_unused,
                        compared: false,
                    },
                );
                suppressed = n;
                reports.push(FileReport {
                    path: shown,
                    source: Some(source),
                    checked: true,
                    claims: None,
                    diagnostics,
                    suppressions: None,
                });
            }
            Err(message) => reports.push(FileReport::problem(shown, Category::Config, message)),
        }
    }
    reports.extend(loader.errors.into_iter().map(FileReport::config_error));
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let files_checked = reports.iter().filter(|r| r.checked).count();
    Outcome {
        reports,
        files_checked,
        suppressed,
        ..Outcome::default()
    }
}
