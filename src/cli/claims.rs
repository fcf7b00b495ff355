//! `carelint claims`: every figure the articles state, as JSON Lines on stdout.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::args::{ConfigArgs, JobsArgs};
use super::{EXIT_CLEAN, EXIT_ERROR, cwd};
use crate::report::{OutputFormat, RenderOptions, render};
use crate::run::RunOptions;
use crate::workspace::shard::Shard;

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Files, folders or globs.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub jobs: JobsArgs,
    /// Only this shard of the files (K of N, 1-based), for a CI matrix.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
}

pub fn run(args: &ClaimsArgs) -> u8 {
    let options = RunOptions {
        paths: args.paths.clone(),
        config: args.config.config.clone(),
        jobs: args.jobs.jobs,
        cwd: cwd(),
        shard: args.shard,
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
