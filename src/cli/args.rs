//! Flag groups more than one command takes, flattened into each (`#[command(flatten)]`), so
//! `check`, `fix`, `claims` and `check-claims` cannot drift apart in names, defaults or help.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::model::outcome::FailOn;
use crate::report::OutputFormat;

/// `--format human|json` for the listing commands.
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

/// How findings are printed and when the run fails.
#[derive(Debug, Args)]
pub struct OutputArgs {
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit with 1 when a finding at or above this level is reported [default: error, or the
    /// configuration's `fail_on`].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Exit with 1 when there are more than this many warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Colour in human output. `auto` honours NO_COLOR and turns colour off when not a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Draw human output with ASCII characters only.
    #[arg(long)]
    pub ascii: bool,
}

/// Which configuration applies.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Use this configuration file only (no lookup of `.carelint.yml` files).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// How many threads lint.
#[derive(Debug, Args)]
pub struct JobsArgs {
    /// Worker threads [default: one per core]. Output is the same for any value.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

/// Reading one article from standard input.
#[derive(Debug, Args)]
pub struct StdinArgs {
    /// Read the article from standard input (`fix` prints the fixed text to standard output).
    /// Paths cannot be given too: they would be ignored.
    #[arg(long, conflicts_with = "paths")]
    pub stdin: bool,
    /// With --stdin: the path the text would have, for configuration and messages
    /// [default: stdin.md].
    #[arg(long, value_name = "PATH", requires = "stdin")]
    pub stdin_filename: Option<PathBuf>,
}

impl StdinArgs {
    /// The path standard input's text stands for.
    pub fn path(&self) -> PathBuf {
        self.stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("stdin.md"))
    }
}
