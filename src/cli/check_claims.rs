//! `carelint check-claims`: the cross-article figure check over the claims files a sharded
//! run printed.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::args::OutputArgs;
use super::select::SelectArgs;
use super::{EXIT_ERROR, cwd, exit_code, render_options};
use crate::model::outcome::FileReport;

#[derive(Debug, Args)]
pub struct CheckClaimsArgs {
    /// JSON Lines files written by `carelint claims`.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub selection: SelectArgs,
}

pub fn run(args: &CheckClaimsArgs) -> u8 {
    let selection = match args.selection.selection() {
        Ok(selection) => selection,
        Err(e) => {
            eprintln!("carelint: {e}");
            return EXIT_ERROR;
        }
    };
    let cwd = cwd();
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
    // As in `check`: what is not selected is neither shown nor counted.
    for report in &mut result.outcome.reports {
        report.diagnostics.retain(|d| selection.keeps(d));
    }
    let text = result.render(
        args.output.format,
        &render_options(args.output.color, args.output.ascii),
    );
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    exit_code(
        &result.outcome,
        args.output.fail_on,
        args.output.max_warnings,
    )
}
