//! The whole run, top to bottom: discover → read → parse → analyse → check → (report).
//!
//! Configuration is resolved and rule sets are compiled up front on one thread; then worker
//! threads read, parse, analyse and check files independently, and the calling thread takes
//! their reports in path order as they finish, compares each article's figures with those of
//! the articles before it, applies suppressions and hands the report on to be written and
//! dropped. Output is the same for any number of threads, and memory does not grow with the
//! archive (only the few figures cross-article checks compare are kept).

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
            .map(|c| c.clone().with_excerpt(&doc.source))
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

/// Lints everything `options` names and hands each file's report to `emit` in path order, as
/// soon as it and every report before it are done. Reports are finished when emitted:
/// cross-article findings (always on the later article) and suppressions are applied. Nothing
/// is kept afterwards but the figures cross-article checks compare, so memory stays flat
/// however large the archive.
pub fn run_streaming(options: &RunOptions, mut emit: impl FnMut(FileReport)) -> RunSummary {
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
    let lint_slot = |slot: &Slot| -> Vec<FileReport> {
        slot.jobs
            .iter()
            .map(|job| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint(job)))
                    .unwrap_or_else(|panic| internal_error(&job.shown, panic.as_ref()))
            })
            .collect()
    };

    let mut comparison = crate::rules::figures::cross_article::Comparison::default();
    let mut summary = RunSummary {
        fail_on,
        max_warnings,
        ..RunSummary::default()
    };
    let threads = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    ordered_stream(threads, &slots, lint_slot, |i, linted| {
        let problems = waiting.get_mut(i).map(std::mem::take).unwrap_or_default();
        let Some(mut report) = merge(linted.into_iter().chain(problems)) else {
            return;
        };
        let t = clock.map(|_| std::time::Instant::now());
        if let Some((severity, claims)) = report.claims.take()
            && compared
        {
            let found = comparison.next(claims, severity);
            if !found.is_empty() {
                report.diagnostics.extend(found);
                report
                    .diagnostics
                    .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            }
        }
        if let Some(table) = report.suppressions.take() {
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
            crate::changed::keep_changed_lines(&mut report, changed, &options.cwd);
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
fn merge(reports: impl Iterator<Item = FileReport>) -> Option<FileReport> {
    let mut merged: Option<FileReport> = None;
    let mut several = false;
    for report in reports {
        let Some(last) = merged.as_mut() else {
            merged = Some(report);
            continue;
        };
        several = true;
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
    }
    if several && let Some(m) = merged.as_mut() {
        m.diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    merged
}

/// Results waiting to be emitted, per worker thread: enough to keep every thread busy while
/// one thread spends 100 ms on a 500 KB article (at 16, the other thread ran out of room
/// after 50 ms and waited), few enough that memory stays flat (a few MB).
const WINDOW_PER_THREAD: usize = 64;

/// Maps `items` with `work` on `threads` threads and hands each result to `emit` (on the
/// calling thread) in item order, as soon as it and every result before it are done.
///
/// Threads take the next item from a shared counter, so one slow file holds up no other
/// thread, and none runs more than a window ahead of the oldest result not yet emitted. (A
/// rayon parallel iterator splits the items into halves, so the first result in order
/// could wait for the middle of the list, with everything in between held in memory.)
fn ordered_stream<J: Sync, R: Send>(
    threads: usize,
    items: &[J],
    work: impl Fn(&J) -> R + Sync,
    mut emit: impl FnMut(usize, R),
) {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, PoisonError};

    if threads <= 1 || items.len() <= 1 {
        for (i, item) in items.iter().enumerate() {
            emit(i, work(item));
        }
        return;
    }
    let window = threads * WINDOW_PER_THREAD;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let emitted = Mutex::new(0usize);
    let room = Condvar::new();
    /// Opens the gate for good when the consumer leaves (even by a panic), so no worker
    /// waits for room that will never come.
    struct Release<'a>(&'a AtomicBool, &'a Mutex<usize>, &'a Condvar);
    impl Drop for Release<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
            let _guard = self.1.lock().unwrap_or_else(PoisonError::into_inner);
            self.2.notify_all();
        }
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, R)>();
        for _ in 0..threads.min(items.len()) {
            let tx = tx.clone();
            let (next, stop, emitted, room, work) = (&next, &stop, &emitted, &room, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    let mut done = emitted.lock().unwrap_or_else(PoisonError::into_inner);
                    while i >= *done + window && !stop.load(Ordering::SeqCst) {
                        done = room.wait(done).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(done);
                    if stop.load(Ordering::SeqCst) || tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let _release = Release(&stop, &emitted, &room);
        let mut pending = std::collections::BTreeMap::new();
        let mut count = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            let before = count;
            while let Some(result) = pending.remove(&count) {
                emit(count, result);
                count += 1;
            }
            if count > before {
                *emitted.lock().unwrap_or_else(PoisonError::into_inner) = count;
                room.notify_all();
            }
        }
    });
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Results come out in item order, and no more than the window are ever made and not yet
    /// emitted, however uneven the work.
    #[test]
    fn ordered_stream_keeps_order_and_a_bounded_window() {
        let items: Vec<usize> = (0..600).collect();
        for threads in [1, 2, 3, 8] {
            let waiting = AtomicUsize::new(0);
            let most = AtomicUsize::new(0);
            let mut seen = Vec::new();
            ordered_stream(
                threads,
                &items,
                |&i| {
                    // Uneven work: every 37th item is much slower than its neighbours.
                    let spins = if i % 37 == 0 { 200_000 } else { 1_000 };
                    let mut x = i as u64;
                    for _ in 0..spins {
                        x = std::hint::black_box(
                            x.wrapping_mul(6364136223846793005).wrapping_add(1),
                        );
                    }
                    let now = waiting.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    (i, x)
                },
                |at, (i, _)| {
                    waiting.fetch_sub(1, Ordering::SeqCst);
                    assert_eq!(at, i);
                    seen.push(i);
                },
            );
            assert_eq!(seen, items, "{threads} threads");
            let bound = threads * WINDOW_PER_THREAD + threads;
            assert!(
                most.load(Ordering::SeqCst) <= bound,
                "{threads} threads: {} results waited (bound {bound})",
                most.load(Ordering::SeqCst)
            );
        }
    }

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
