//! The command line: argument parsing, exit codes, and the small commands around `check`.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{FailOn, STARTER};
use crate::diagnostic::Severity;
use crate::pipeline::{Outcome, RunOptions, run, run_text};
use crate::report::{OutputFormat, RenderOptions, render};
use crate::rules::{self, REGISTRY};

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
    },
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
    /// Print each pipeline stage's time and the throughput to stderr after the run.
    #[arg(long)]
    pub timings: bool,
    /// Never draw the progress bar (shown on a terminal, outside CI, after a second).
    #[arg(long)]
    pub no_progress: bool,
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
        Command::Init { dir, force } => init(&dir, force),
        Command::Claims {
            paths,
            config,
            jobs,
        } => claims(paths, config, jobs),
    })
}

fn check(args: &CheckArgs) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let options = RunOptions {
        paths: args.paths.clone(),
        config: args.config.clone(),
        jobs: args.jobs,
        cwd,
        timings: args
            .timings
            .then(|| std::sync::Arc::new(crate::timings::Clock::default())),
        progress: (!args.stdin && !args.no_progress && crate::progress::wanted())
            .then(|| std::sync::Arc::new(crate::progress::Progress::start())),
    };
    let outcome = if args.stdin {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            eprintln!("carelint: cannot read standard input: {e}");
            return EXIT_ERROR;
        }
        run_text(text, &args.stdin_filename, &options)
    } else {
        run(&options)
    };
    if let Some(progress) = &options.progress {
        progress.finish();
    }
    let started = std::time::Instant::now();
    let render_options = RenderOptions {
        color: use_color(args.color),
        ascii: args.ascii,
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    };
    let text = render(&outcome, args.format, &render_options);
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`carelint check | head`) is not an error worth a panic.
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    if let Some(clock) = &options.timings {
        clock.lap(crate::timings::Stage::Report, started);
        let threads = args.jobs.unwrap_or_else(rayon::current_num_threads).max(1);
        eprint!("{}", clock.render(threads));
    }
    exit_code(&outcome, args.fail_on, args.max_warnings)
}

/// The exit code for a finished run.
pub fn exit_code(outcome: &Outcome, fail_on: Option<FailOn>, max_warnings: Option<usize>) -> u8 {
    if outcome.has_pipeline_errors() {
        return EXIT_ERROR;
    }
    let fail_on = fail_on.or(outcome.fail_on).unwrap_or_default();
    if let Some(threshold) = fail_on.threshold()
        && outcome
            .diagnostics()
            .any(|d| !d.category.is_pipeline() && d.severity >= threshold)
    {
        return EXIT_FINDINGS;
    }
    if let Some(max) = max_warnings.or(outcome.max_warnings)
        && outcome.count(Severity::Warning) > max
    {
        return EXIT_FINDINGS;
    }
    EXIT_CLEAN
}

fn claims(paths: Vec<PathBuf>, config: Option<PathBuf>, jobs: Option<usize>) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let options = RunOptions {
        paths,
        config,
        jobs,
        cwd,
        ..RunOptions::default()
    };
    let (claims, outcome) = crate::pipeline::collect_claims(&options);
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
    let suggestion = crate::config::suggest(id, rules::ids());
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
