//! `carelint fix`: apply the fixes findings offer. Stdout gets the remaining findings (or the
//! diff with --dry-run, or the fixed text with --stdin); the one-line summary goes to stderr
//! when stdout is for programs.

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Args;

use super::args::{ConfigArgs, JobsArgs, OutputArgs, StdinArgs};
use super::select::SelectArgs;
use super::{EXIT_ERROR, cwd, exit_code, render_options};
use crate::report::{OutputFormat, render};
use crate::run::RunOptions;

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files, folders or globs to fix.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Apply suggested fixes too (rewordings an editor should review), not only safe ones.
    #[arg(long = "unsafe")]
    pub unsafe_fixes: bool,
    /// Print a unified diff of the fixes and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub jobs: JobsArgs,
    #[command(flatten)]
    pub stdin: StdinArgs,
    /// Report (and, their fix being safe, remove) inline suppressions that suppress nothing.
    #[arg(long)]
    pub report_unused_disables: bool,
    /// As for `check`; only the findings selected are fixed.
    #[command(flatten)]
    pub selection: SelectArgs,
}

pub fn run(args: &FixArgs) -> u8 {
    let selection = match args.selection.selection() {
        Ok(selection) => selection,
        Err(e) => {
            eprintln!("carelint: {e}");
            return EXIT_ERROR;
        }
    };
    let stdin = args.stdin.stdin;
    let options = crate::fix::FixOptions {
        run: RunOptions {
            paths: args.paths.clone(),
            config: args.config.config.clone(),
            jobs: args.jobs.jobs,
            cwd: cwd(),
            report_unused_disables: args.report_unused_disables,
            ..RunOptions::default()
        },
        unsafe_fixes: args.unsafe_fixes,
        dry_run: args.dry_run || stdin,
        selection,
    };
    let mut stdout = std::io::stdout().lock();
    let mut outcome = if stdin {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            eprintln!("carelint: cannot read standard input: {e}");
            return EXIT_ERROR;
        }
        let outcome = crate::fix::fix_text(text.clone(), &args.stdin.path(), &options);
        let fixed = outcome
            .files
            .first()
            .map_or(text.as_str(), |f| &f.fixed.text);
        let _ = stdout.write_all(fixed.as_bytes());
        outcome
    } else {
        crate::fix::fix(&options)
    };
    // What is not selected is neither fixed nor shown nor counted, as in `check`.
    for report in &mut outcome.remaining.reports {
        report.diagnostics.retain(|d| options.selection.keeps(d));
    }
    let mut code = exit_code(
        &outcome.remaining,
        args.output.fail_on,
        args.output.max_warnings,
    );
    let mut out = String::new();
    if args.dry_run && !stdin {
        for file in &outcome.files {
            out.push_str(&file.diff());
        }
    } else if !stdin {
        let render_options = render_options(args.output.color, args.output.ascii);
        out = render(&outcome.remaining, args.output.format, &render_options);
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
    if args.output.format == OutputFormat::Human && !args.dry_run && !stdin {
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
