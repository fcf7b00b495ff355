//! The command line: argument parsing, exit codes, and one file per command.
//!
//! Adding a command: a variant in [`Command`] with its arguments (flatten the groups in
//! [`args`] it shares with other commands), a file with its `run` function, and an arm in
//! [`main`].

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::model::diagnostic::Severity;
use crate::model::outcome::FailOn;
use crate::model::outcome::Outcome;
use crate::report::{RenderOptions, Totals};

/// Prints to stdout and ignores a closed pipe (`carelint explain X | head`), which is not an
/// error worth a panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

pub mod args;
mod check;
mod check_claims;
mod claims;
mod completions;
mod explain;
mod fix;
mod init;
mod rules;
mod schema;
mod select;

pub use args::{ColorChoice, ListFormat};
pub use check::CheckArgs;
pub use check_claims::CheckClaimsArgs;
pub use claims::ClaimsArgs;
pub use fix::FixArgs;

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
    Rules(rules::RulesArgs),
    /// Show a rule's documentation with bad and good examples (or a lexicon entry's details).
    Explain(explain::ExplainArgs),
    /// Print every figure the articles state, as JSON Lines: path, span, population, window,
    /// measure, values, precision and how it is sourced.
    Claims(ClaimsArgs),
    /// Compare the claims that `carelint claims --shard K/N` printed for each shard, and
    /// report figures that disagree across articles (`figures/cross-article`).
    CheckClaims(CheckClaimsArgs),
    /// Print the JSON Schema of `.carelint.yml` (for editors' completion and validation).
    Schema,
    /// Apply the fixes findings offer: safe ones, and suggested ones with --unsafe.
    Fix(FixArgs),
    /// Write a commented starter `.carelint.yml`.
    Init(init::InitArgs),
    /// Run the language server on stdin and stdout (LSP), for editors: findings while you write.
    Server,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
    /// Print the man page, carelint(1), as roff (`carelint man > carelint.1`).
    Man,
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
    // clap drops a `requires` when the arg's requirement conflicts with a present one
    // (`--stdin` with paths), so `--stdin-filename x.md a.md` is checked here.
    let stdin = match &cli.command {
        Command::Check(args) => Some(&args.stdin),
        Command::Fix(args) => Some(&args.stdin),
        _ => None,
    };
    if let Some(stdin) = stdin
        && stdin.stdin_filename.is_some()
        && !stdin.stdin
    {
        let e = Cli::command().error(
            clap::error::ErrorKind::MissingRequiredArgument,
            "--stdin-filename names the text read with --stdin, which is missing",
        );
        let _ = e.print();
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::from(match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Claims(args) => claims::run(&args),
        Command::CheckClaims(args) => check_claims::run(&args),
        Command::Schema => schema::run(),
        Command::Completions(args) => completions::run(&args),
        Command::Man => completions::man(),
        Command::Server => crate::server::serve_stdio(),
    })
}

/// The folder a run resolves paths and configuration against.
fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

fn render_options(color: ColorChoice, ascii: bool) -> RenderOptions {
    RenderOptions {
        color: use_color(color),
        ascii,
        width: width(),
        sarif_category: None,
    }
}

/// Columns for human output: `$COLUMNS` when set, else the terminal's width (of stdout,
/// stderr or stdin), else 100 for a file or a pipe.
pub fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c: &usize| c > 0)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(100)
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

/// The exit code for a finished run.
pub fn exit_code(outcome: &Outcome, fail_on: Option<FailOn>, max_warnings: Option<usize>) -> u8 {
    exit_code_for(
        &Totals::of(outcome),
        fail_on.or(outcome.fail_on),
        warning_limit(max_warnings, outcome.max_warnings),
    )
}

/// The warning limit in force and the name it was set by, for the message when it is passed:
/// the flag wins over the configuration's `max_warnings`.
fn warning_limit(flag: Option<usize>, config: Option<usize>) -> Option<(usize, &'static str)> {
    flag.map(|n| (n, "--max-warnings"))
        .or(config.map(|n| (n, "max_warnings")))
}

/// The exit code for a run's totals, given the `--fail-on` and warning limit in force. A run
/// that fails only by its warning count says so on stderr: the findings alone do not show why.
fn exit_code_for(
    totals: &Totals,
    fail_on: Option<FailOn>,
    max_warnings: Option<(usize, &str)>,
) -> u8 {
    if totals.pipeline_errors {
        return EXIT_ERROR;
    }
    if let Some(threshold) = fail_on.unwrap_or_default().threshold()
        && totals.worst_finding.is_some_and(|w| w >= threshold)
    {
        return EXIT_FINDINGS;
    }
    if let Some((max, name)) = max_warnings {
        let warnings = totals.count(Severity::Warning);
        if warnings > max {
            let plural = if warnings == 1 { "" } else { "s" };
            eprintln!("carelint: {warnings} warning{plural}, more than {name} {max}");
            return EXIT_FINDINGS;
        }
    }
    EXIT_CLEAN
}
