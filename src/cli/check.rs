//! `carelint check`: lint articles and report findings, streamed in path order.

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Args;

use super::args::{ConfigArgs, JobsArgs, OutputArgs, StdinArgs};
use super::select::SelectArgs;
use super::{EXIT_ERROR, cwd, exit_code_for, render_options};
use crate::model::outcome::FileReport;
use crate::report::Totals;
use crate::run::{RunOptions, run_streaming, run_text};
use crate::workspace::shard::Shard;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, folders or globs to lint.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub jobs: JobsArgs,
    #[command(flatten)]
    pub stdin: StdinArgs,
    /// With --format sarif: a category for `automationDetails.id` (`carelint/CATEGORY/`), to
    /// tell apart several carelint analyses uploaded for one commit.
    #[arg(long, value_name = "NAME")]
    pub sarif_category: Option<String>,
    /// Report inline suppressions (and front-matter `carelint: {disable}` entries) that
    /// suppressed nothing, as `suppression/unused` warnings.
    #[arg(long)]
    pub report_unused_disables: bool,
    /// Report only findings that are not recorded in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file (then report only what it cannot record:
    /// unreadable files and configuration errors).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Lint only files changed since this git ref (working tree included, untracked files
    /// too) and report only findings on changed lines.
    #[arg(long, value_name = "REF", conflicts_with = "stdin")]
    pub changed_since: Option<String>,
    /// Only this shard of the files (K of N, 1-based), for a CI matrix; `figures/cross-article`
    /// is then left to `carelint check-claims`.
    #[arg(long, value_name = "K/N", conflicts_with = "stdin")]
    pub shard: Option<Shard>,
    #[command(flatten)]
    pub selection: SelectArgs,
    /// Print each pipeline stage's time and the throughput to stderr after the run.
    #[arg(long)]
    pub timings: bool,
    /// Never draw the progress bar (shown on a terminal, outside CI, after a second).
    #[arg(long)]
    pub no_progress: bool,
    /// Succeed when the paths match no article (by default that is an error, exit 2: a
    /// mistyped path in CI must not pass).
    #[arg(long)]
    pub allow_empty: bool,
}

pub fn run(args: &CheckArgs) -> u8 {
    let selection = match args.selection.selection() {
        Ok(selection) => selection,
        Err(e) => {
            eprintln!("carelint: {e}");
            return EXIT_ERROR;
        }
    };
    let cwd = cwd();
    let changed = match &args.changed_since {
        Some(git_ref) => match crate::workspace::changed::ChangedFiles::since(git_ref, &cwd) {
            Ok(changed) => Some(std::sync::Arc::new(changed)),
            Err(e) => {
                eprintln!("carelint: --changed-since {git_ref}: {e}");
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let stdin = args.stdin.stdin;
    let options = RunOptions {
        paths: args.paths.clone(),
        config: args.config.config.clone(),
        jobs: args.jobs.jobs,
        cwd,
        report_unused_disables: args.report_unused_disables,
        shard: args.shard,
        changed,
        timings: args
            .timings
            .then(|| std::sync::Arc::new(crate::timings::Clock::default())),
        progress: (!stdin && !args.no_progress && crate::run::progress::wanted())
            .then(|| std::sync::Arc::new(crate::run::progress::Progress::start())),
        exit_after: true,
    };
    // A broken baseline stops the run before any work: its findings would all look new.
    let baseline = match &args.baseline {
        Some(path) => match crate::baseline::Baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("carelint: {e}");
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let mut render_options = render_options(args.output.color, args.output.ascii);
    render_options.sarif_category = args.sarif_category.clone();
    let mut renderer = crate::report::renderer(args.output.format, &render_options);
    let mut recorder = args
        .write_baseline
        .as_ref()
        .map(|_| crate::baseline::Recorder::default());
    let mut hider = baseline.as_ref().map(crate::baseline::Baseline::hider);
    let mut totals = Totals {
        baselined: (hider.is_some() || recorder.is_some()).then_some(0),
        ..Totals::default()
    };
    // Reports are written as they come, in path order; a closed pipe (`carelint check | head`)
    // is not an error worth a panic, so write errors only stop the writing.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut written = renderer.begin(&mut stdout);
    let mut sink = |mut report: FileReport| {
        // What is not shown is not counted either: exit codes follow what the reader sees.
        report.diagnostics.retain(|d| selection.keeps(d));
        // Everything recorded is hidden, as if the new baseline were applied.
        let hidden = match (&mut recorder, &mut hider) {
            (Some(recorder), _) => recorder.take(&mut report),
            (None, Some(hider)) => {
                let before = hider.hidden;
                hider.apply(&mut report);
                hider.hidden - before
            }
            (None, None) => 0,
        };
        if let Some(baselined) = &mut totals.baselined {
            *baselined += hidden;
        }
        totals.add(&report);
        if written.is_ok() {
            written = renderer.file(&report, &mut stdout);
        }
    };
    let (fail_on, max_warnings, files_checked) = if stdin {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            eprintln!("carelint: cannot read standard input: {e}");
            return EXIT_ERROR;
        }
        let outcome = run_text(text, &args.stdin.path(), &options);
        for report in outcome.reports {
            sink(report);
        }
        (outcome.fail_on, outcome.max_warnings, outcome.files_checked)
    } else {
        let summary = run_streaming(&options, &mut sink);
        (summary.fail_on, summary.max_warnings, summary.files_checked)
    };
    totals.files_checked = files_checked;
    if let (Some(path), Some(recorder)) = (&args.write_baseline, recorder) {
        let written = recorder.finish();
        if let Err(e) = written.write(path) {
            eprintln!("carelint: {e}");
            return EXIT_ERROR;
        }
        let n: usize = written.findings.iter().map(|e| e.count).sum();
        eprintln!("carelint: recorded {n} findings in {}", path.display());
    }
    if let Some(progress) = &options.progress {
        progress.finish();
    }
    let started = std::time::Instant::now();
    if written.is_ok() {
        written = renderer.finish(&totals, &mut stdout);
    }
    let _ = written.and_then(|()| stdout.flush());
    if let Some(summary) = renderer.step_summary(&totals) {
        append_step_summary(&summary);
    }
    if let Some(clock) = &options.timings {
        clock.lap(crate::timings::Stage::Report, started);
        eprint!(
            "{}",
            clock.render(crate::run::pool::threads(args.jobs.jobs))
        );
    }
    // A run narrowed to a shard or to changed files may rightly be empty; standard input never is.
    let narrowed = stdin || args.shard.is_some() || args.changed_since.is_some();
    if let Some(message) =
        crate::run::empty::complaint(&args.paths, files_checked, args.allow_empty || narrowed)
    {
        eprintln!("carelint: {message}");
        return EXIT_ERROR;
    }
    exit_code_for(
        &totals,
        args.output.fail_on.or(fail_on),
        super::warning_limit(args.output.max_warnings, max_warnings),
    )
}

/// GitHub shows only a few annotations per step, so `--format github` also appends a table of
/// every finding to `$GITHUB_STEP_SUMMARY` when the runner sets it.
fn append_step_summary(summary: &str) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(summary.as_bytes()));
    if let Err(e) = written {
        eprintln!(
            "carelint: cannot append to GITHUB_STEP_SUMMARY ({}): {e}",
            std::path::Path::new(&path).display()
        );
    }
}
