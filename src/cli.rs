//! The command line: argument parsing, exit codes, and the small commands around `check`.
//!
//! Why one file of ~710 lines: argument definitions and one function per command. Splitting it
//! into `cli/` with a file per command, and flattening the flags `check` and `fix` share, is
//! left to do: their help texts differ per command today, so a flattened group would change
//! `--help`.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::diagnostic::Severity;
use crate::model::outcome::FailOn;
use crate::model::outcome::{FileReport, Outcome};
use crate::report::{OutputFormat, RenderOptions, Totals, render};
use crate::rules::{self, REGISTRY};
use crate::run::{RunOptions, run_streaming, run_text};
use crate::workspace::config::STARTER;
use crate::workspace::shard::Shard;

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage, configuration or I/O errors.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "carelint",
    version,
    about = "Lint health and wellbeing articles for unsourced statistics, inconsistent figures, \
             stigmatising language and missing help-seeking advice.",
    after_help = "Exit codes: 0 no findings at or above --fail-on; 1 findings; 2 usage, configuration or input errors.\n\
                  Docs for a rule: carelint explain RULE"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint articles (Markdown and plain text) and report findings.
    Check(CheckArgs),
    /// List every rule with its category and default level.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Show a rule's documentation with bad and good examples (or a lexicon entry's details).
    Explain {
        /// A rule id such as `language/stigmatising`, or a lexicon entry id such as
        /// `suicide/committed`.
        rule: String,
    },
    /// Print every figure the articles state, as JSON Lines: path, span, population, window,
    /// measure, values, precision and how it is sourced.
    Claims {
        /// Files, folders or globs.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Use this configuration file only.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Only this shard of the files (K of N, 1-based), for a CI matrix.
        #[arg(long, value_name = "K/N")]
        shard: Option<Shard>,
    },
    /// Compare the claims that `carelint claims --shard K/N` printed for each shard, and
    /// report figures that disagree across articles (`figures/cross-article`).
    CheckClaims(CheckClaimsArgs),
    /// Print the JSON Schema of `.carelint.yml` (for editors' completion and validation).
    Schema,
    /// Apply the fixes findings offer: safe ones, and suggested ones with --unsafe.
    Fix(FixArgs),
    /// Write a commented starter `.carelint.yml`.
    Init {
        /// Folder to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, folders or globs to lint.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this configuration file only (no lookup of `.carelint.yml` files).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with 1 when a finding at or above this level is reported [default: error, or the
    /// configuration's `fail_on`].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Exit with 1 when there are more than this many warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Worker threads [default: one per core]. Output is the same for any value.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Colour in human output. `auto` honours NO_COLOR and turns colour off when not a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Draw human output with ASCII characters only.
    #[arg(long)]
    pub ascii: bool,
    /// Read the article from standard input.
    #[arg(long)]
    pub stdin: bool,
    /// With --stdin: the path the text would have, for configuration and messages.
    #[arg(long, value_name = "PATH", default_value = "stdin.md")]
    pub stdin_filename: PathBuf,
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

#[derive(Debug, Args)]
pub struct CheckClaimsArgs {
    /// JSON Lines files written by `carelint claims`.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with 1 when a finding at or above this level is reported [default: error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Exit with 1 when there are more than this many warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files, folders or globs to fix.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this configuration file only (no lookup of `.carelint.yml` files).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Apply suggested fixes too (rewordings an editor should review), not only safe ones.
    #[arg(long = "unsafe")]
    pub unsafe_fixes: bool,
    /// Print a unified diff of the fixes and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to print the findings that remain.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with 1 when a finding at or above this level remains [default: error, or the
    /// configuration's `fail_on`].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Exit with 1 when more than this many warnings remain.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Worker threads [default: one per core].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Read the article from standard input and print the fixed text to standard output.
    #[arg(long)]
    pub stdin: bool,
    /// With --stdin: the path the text would have, for configuration and messages.
    #[arg(long, value_name = "PATH", default_value = "stdin.md")]
    pub stdin_filename: PathBuf,
}

/// Prints to stdout and ignores a closed pipe (`carelint explain X | head`), which is not an
/// error worth a panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    ExitCode::from(match cli.command {
        Command::Check(args) => check(&args),
        Command::Rules { format } => list_rules(format),
        Command::Explain { rule } => explain(&rule),
        Command::Fix(args) => fix(&args),
        Command::Init { dir, force } => init(&dir, force),
        Command::Claims {
            paths,
            config,
            jobs,
            shard,
        } => claims(paths, config, jobs, shard),
        Command::CheckClaims(args) => check_claims(&args),
        Command::Schema => {
            out!("{}", crate::workspace::config::json_schema::text());
            EXIT_CLEAN
        }
    })
}

fn check(args: &CheckArgs) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
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
    let options = RunOptions {
        paths: args.paths.clone(),
        config: args.config.clone(),
        jobs: args.jobs,
        cwd,
        report_unused_disables: args.report_unused_disables,
        shard: args.shard,
        changed,
        timings: args
            .timings
            .then(|| std::sync::Arc::new(crate::timings::Clock::default())),
        progress: (!args.stdin && !args.no_progress && crate::run::progress::wanted())
            .then(|| std::sync::Arc::new(crate::run::progress::Progress::start())),
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
    let mut render_options = render_options(args.color, args.ascii);
    render_options.sarif_category = args.sarif_category.clone();
    let mut renderer = crate::report::renderer(args.format, &render_options);
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
    let (fail_on, max_warnings, files_checked) = if args.stdin {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            eprintln!("carelint: cannot read standard input: {e}");
            return EXIT_ERROR;
        }
        let outcome = run_text(text, &args.stdin_filename, &options);
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
        eprint!("{}", clock.render(crate::run::pool::threads(args.jobs)));
    }
    // A run narrowed to a shard or to changed files may rightly be empty; standard input never is.
    let narrowed = args.stdin || args.shard.is_some() || args.changed_since.is_some();
    if let Some(message) =
        crate::empty_run::complaint(&args.paths, files_checked, args.allow_empty || narrowed)
    {
        eprintln!("carelint: {message}");
        return EXIT_ERROR;
    }
    exit_code_for(
        &totals,
        args.fail_on.or(fail_on),
        args.max_warnings.or(max_warnings),
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

fn render_options(color: ColorChoice, ascii: bool) -> RenderOptions {
    RenderOptions {
        color: use_color(color),
        ascii,
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
        sarif_category: None,
    }
}

fn check_claims(args: &CheckClaimsArgs) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut result = crate::check_claims::check_claims(&args.files, &cwd);
    // The run-level settings `check` would use here (`fail_on`, `max_warnings`); a broken
    // configuration is reported and fails the run, as in `check`.
    let mut loader = crate::workspace::config::ConfigLoader::new(cwd.clone(), None);
    if let Some(chain) = loader.chain_for_folder(&cwd) {
        result.outcome.fail_on = chain.fail_on();
        result.outcome.max_warnings = chain.max_warnings();
    }
    for error in loader.errors {
        result.outcome.reports.push(FileReport {
            path: error.source.path.clone(),
            source: Some(error.source),
            checked: false,
            diagnostics: vec![error.diagnostic],
        });
    }
    let text = result.render(args.format, &render_options(args.color, args.ascii));
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    exit_code(&result.outcome, args.fail_on, args.max_warnings)
}

/// The exit code for a finished run.
pub fn exit_code(outcome: &Outcome, fail_on: Option<FailOn>, max_warnings: Option<usize>) -> u8 {
    exit_code_for(
        &Totals::of(outcome),
        fail_on.or(outcome.fail_on),
        max_warnings.or(outcome.max_warnings),
    )
}

/// The exit code for a run's totals, given the `--fail-on` and `--max-warnings` in force.
fn exit_code_for(totals: &Totals, fail_on: Option<FailOn>, max_warnings: Option<usize>) -> u8 {
    if totals.pipeline_errors {
        return EXIT_ERROR;
    }
    if let Some(threshold) = fail_on.unwrap_or_default().threshold()
        && totals.worst_finding.is_some_and(|w| w >= threshold)
    {
        return EXIT_FINDINGS;
    }
    if let Some(max) = max_warnings
        && totals.count(Severity::Warning) > max
    {
        return EXIT_FINDINGS;
    }
    EXIT_CLEAN
}

/// `carelint fix`: stdout gets the remaining findings (or the diff with --dry-run, or the fixed
/// text with --stdin); the one-line summary goes to stderr when stdout is for programs.
fn fix(args: &FixArgs) -> u8 {
    let options = crate::fix::FixOptions {
        run: RunOptions {
            paths: args.paths.clone(),
            config: args.config.clone(),
            jobs: args.jobs,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            ..RunOptions::default()
        },
        unsafe_fixes: args.unsafe_fixes,
        dry_run: args.dry_run || args.stdin,
    };
    let mut stdout = std::io::stdout().lock();
    let outcome = if args.stdin {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            eprintln!("carelint: cannot read standard input: {e}");
            return EXIT_ERROR;
        }
        let outcome = crate::fix::fix_text(text.clone(), &args.stdin_filename, &options);
        let fixed = outcome
            .files
            .first()
            .map_or(text.as_str(), |f| &f.fixed.text);
        let _ = stdout.write_all(fixed.as_bytes());
        outcome
    } else {
        crate::fix::fix(&options)
    };
    let mut code = exit_code(&outcome.remaining, args.fail_on, args.max_warnings);
    let mut out = String::new();
    if args.dry_run && !args.stdin {
        for file in &outcome.files {
            out.push_str(&file.diff());
        }
    } else if !args.stdin {
        let render_options = RenderOptions {
            color: use_color(args.color),
            ..RenderOptions::default()
        };
        out = render(&outcome.remaining, args.format, &render_options);
    }
    for file in &outcome.files {
        match &file.status {
            crate::fix::FileStatus::Changed => eprintln!(
                "carelint: warning: {} changed since it was read; it was not fixed (run carelint fix again)",
                file.path
            ),
            crate::fix::FileStatus::Failed(e) => {
                eprintln!("carelint: cannot write {}: {e}", file.path);
                code = EXIT_ERROR;
            }
            _ => {}
        }
        if !file.converged {
            eprintln!(
                "carelint: warning: {} still has fixes to apply after {} passes; review it",
                file.path,
                crate::fix::MAX_PASSES
            );
        }
    }
    let summary = outcome.summary(&options);
    if args.format == OutputFormat::Human && !args.dry_run && !args.stdin {
        out.push_str(&summary);
        out.push('\n');
    } else {
        eprintln!("{summary}");
    }
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
    code
}

fn claims(
    paths: Vec<PathBuf>,
    config: Option<PathBuf>,
    jobs: Option<usize>,
    shard: Option<Shard>,
) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let options = RunOptions {
        paths,
        config,
        jobs,
        cwd,
        shard,
        ..RunOptions::default()
    };
    let (claims, outcome) = crate::run::collect_claims(&options);
    let mut out = String::new();
    for claim in &claims {
        match serde_json::to_string(claim) {
            Ok(line) => {
                out.push_str(&line);
                out.push('\n');
            }
            Err(e) => eprintln!("carelint: cannot write a claim: {e}"),
        }
    }
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
    // Problems reading files or configuration go to stderr, so stdout stays JSON Lines.
    if !outcome.reports.is_empty() {
        let text = render(&outcome, OutputFormat::Compact, &RenderOptions::default());
        eprint!("{text}");
    }
    if outcome.has_pipeline_errors() {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    }
}

fn use_color(choice: ColorChoice) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let forced = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color && (forced || std::io::stdout().is_terminal()),
    }
}

fn list_rules(format: ListFormat) -> u8 {
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = REGISTRY
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "id": s.meta.id,
                        "category": s.meta.category.as_str(),
                        "default_level": s.meta.default_level,
                        "summary": s.meta.summary,
                    })
                })
                .collect();
            out!(
                "{}",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            );
        }
        ListFormat::Human => {
            let id_w = REGISTRY
                .iter()
                .map(|s| s.meta.id.len())
                .max()
                .unwrap_or(4)
                .max(4);
            out!(
                "{:id_w$}  {:22}  {:8}  SUMMARY",
                "RULE",
                "CATEGORY",
                "LEVEL"
            );
            for s in REGISTRY {
                let level = serde_json::to_value(s.meta.default_level)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                out!(
                    "{:id_w$}  {:22}  {:8}  {}",
                    s.meta.id,
                    s.meta.category.as_str(),
                    level,
                    s.meta.summary
                );
            }
        }
    }
    EXIT_CLEAN
}

fn explain(id: &str) -> u8 {
    if let Some(spec) = rules::find(id) {
        out!("{}", spec.meta.doc());
        return EXIT_CLEAN;
    }
    if let Some((builtin, lexicon, entry)) = rules::lexicon::find_entry(id) {
        out!("# {} ({} lexicon entry)\n", entry.id, builtin.meta.id);
        out!("Group: {}   Level: {:?}", entry.group, entry.level);
        out!("Matches: {}", entry.phrases.join("; "));
        out!("Why: {}", entry.reason);
        out!("Instead: {}", entry.alternatives.join("; "));
        for key in &entry.sources {
            match lexicon.sources.get(key) {
                Some(s) => out!(
                    "Source [{key}]: {}{}",
                    s.name,
                    s.url
                        .as_ref()
                        .map(|u| format!(" <{u}>"))
                        .unwrap_or_default()
                ),
                None => out!("Source: {key}"),
            }
        }
        return EXIT_CLEAN;
    }
    // Findings that are not rules: suppression comments, and problems with the run.
    let others = crate::report::sarif::SUPPRESSION_RULES
        .iter()
        .chain(crate::report::sarif::NOTIFICATIONS.iter());
    if let Some((id, _, text, help)) = others.clone().find(|(other, ..)| *other == id) {
        out!("# {id}\n\n{text}\n\n{help}");
        return EXIT_CLEAN;
    }
    let suggestion =
        crate::workspace::config::suggest(id, rules::ids().chain(others.map(|(other, ..)| *other)));
    eprintln!(
        "carelint: unknown rule `{id}`{}",
        suggestion
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default()
    );
    eprintln!("Run `carelint rules` to list them.");
    EXIT_ERROR
}

fn init(dir: &std::path::Path, force: bool) -> u8 {
    let path = dir.join(".carelint.yml");
    if path.exists() && !force {
        eprintln!(
            "carelint: {} already exists (use --force to overwrite)",
            path.display()
        );
        return EXIT_ERROR;
    }
    match std::fs::write(&path, STARTER) {
        Ok(()) => {
            out!("Wrote {}", path.display());
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("carelint: cannot write {}: {e}", path.display());
            EXIT_ERROR
        }
    }
}
