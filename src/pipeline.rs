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
use crate::timings::{Clock, Stage};

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub paths: Vec<PathBuf>,
    /// `--config FILE`: use this file only, no cascade.
    pub config: Option<PathBuf>,
    /// Worker threads; `None` uses one per core.
    pub jobs: Option<usize>,
    pub cwd: PathBuf,
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

/// Lints one article's text with a rule set: parse → analyse → check.
pub fn lint_source(
    source: Arc<SourceFile>,
    options: ParseOptions,
    rules: &RuleSet,
) -> Vec<Diagnostic> {
    lint_source_and_claims(source, options, rules, false).0
}

/// Lints one article and, when `want_claims` and the rule set compares articles, keys its
/// figures for `figures/cross-article`.
pub fn lint_source_and_claims(
    source: Arc<SourceFile>,
    options: ParseOptions,
    rules: &RuleSet,
    want_claims: bool,
) -> (Vec<Diagnostic>, Vec<ClaimRecord>) {
    lint_source_timed(source, options, rules, want_claims, None)
}

/// [`lint_source_and_claims`], adding parse, analyse and check times to `clock` when given.
pub fn lint_source_timed(
    source: Arc<SourceFile>,
    options: ParseOptions,
    rules: &RuleSet,
    want_claims: bool,
    clock: Option<&Clock>,
) -> (Vec<Diagnostic>, Vec<ClaimRecord>) {
    let lap = |stage: Stage, since: Option<std::time::Instant>| {
        clock.zip(since).map(|(c, t)| c.lap(stage, t))
    };
    let t = clock.map(|_| std::time::Instant::now());
    let doc = parse(source, options);
    let t = lap(Stage::Parse, t);
    let analysis = analyse(&doc);
    let t = lap(Stage::Analyse, t);
    let claims = match &rules.claims {
        Some((finder, _)) if want_claims => records(&doc, &analysis, finder)
            .into_iter()
            .filter(|c| c.interval.is_some() && c.population.is_some() && c.measure.is_some())
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
    lap(Stage::Check, t);
    (diagnostics, claims)
}

pub fn run(options: &RunOptions) -> Outcome {
    let clock = options.timings.as_deref();
    let t = clock.map(|_| std::time::Instant::now());
    let discovered = discover(&options.paths);
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
        let source = match read.source {
            Some(source) => {
                let (found, keyed) =
                    lint_source_timed(Arc::clone(&source), job.parse, &job.rules, compare, clock);
                diagnostics.extend(found);
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
        }
    };
    let mut reports: Vec<FileReport> = par_map(options.jobs, &jobs, lint);
    let t = clock.zip(t).map(|(c, t)| c.lap(Stage::Lint, t));
    let files_checked = reports.iter().filter(|r| r.checked).count();

    reports.extend(unlinted(discovered.errors, loader.errors));
    reports.extend(extra);
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    merge_same_path(&mut reports);
    compare_articles(&mut reports);
    if let Some((clock, t)) = clock.zip(t) {
        clock.lap(Stage::CrossArticle, t);
    }
    Outcome {
        reports,
        files_checked,
        fail_on,
        max_warnings,
    }
}

/// `figures/cross-article`: one pass over the figures every article kept, after the parallel
/// per-file pass, so that pass stays independent per file.
fn compare_articles(reports: &mut [FileReport]) {
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
        return;
    }
    for (index, diagnostic) in crate::rules::figures::cross_article::compare(&files) {
        if let Some(report) = reports.get_mut(index) {
            report.diagnostics.push(diagnostic);
            report
                .diagnostics
                .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
    }
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
    let discovered = discover(&options.paths);
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
        match settings.rules.options.statistics.finder() {
            Ok(finder) => jobs.push((
                crate::config::display_path(&path),
                path,
                settings.parse,
                finder,
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
        Arc<crate::rules::statistics::sourcing::Finder>,
        u64,
    );
    let each = |(shown, path, parse_options, finder, max): &ClaimJob| {
        let read = read(path, shown, *max);
        let claims = read.source.as_ref().map_or_else(Vec::new, |source| {
            let doc = parse(Arc::clone(source), *parse_options);
            let analysis = analyse(&doc);
            records(&doc, &analysis, finder)
        });
        let report = FileReport {
            path: shown.clone(),
            checked: read.source.is_some(),
            source: read.source.or(read.shown),
            claims: None,
            diagnostics: read.problems,
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
    if let Some(chain) = loader.chain_for(path) {
        let settings = chain.settings_for(&loader.absolute(path));
        match RuleSet::build(&settings.rules) {
            Ok(rules) => {
                let source = Arc::new(SourceFile::new(shown.clone(), text));
                let clock = options.timings.as_deref();
                if let Some(clock) = clock {
                    clock.article(source.text.len());
                }
                let (diagnostics, _) =
                    lint_source_timed(Arc::clone(&source), settings.parse, &rules, false, clock);
                reports.push(FileReport {
                    path: shown,
                    source: Some(source),
                    checked: true,
                    claims: None,
                    diagnostics,
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
        ..Outcome::default()
    }
}
