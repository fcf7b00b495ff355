//! `carelint completions SHELL` and `carelint man`: generated from the clap definitions, so
//! they always match the real options.

use std::io::Write;

use clap::{Args, CommandFactory};

use super::{Cli, EXIT_CLEAN, EXIT_ERROR};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &CompletionsArgs) -> u8 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "carelint", &mut out);
    write_out(&out)
}

/// The man page, carelint(1), as roff on stdout, with a section for each command.
pub fn man() -> u8 {
    let command = Cli::command();
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(command.clone()).render(&mut out) {
        eprintln!("carelint: cannot write the man page: {e}");
        return EXIT_ERROR;
    }
    // Each command's synopsis and options follow as a section of the one page, so
    // `man carelint` shows every option without a page per command.
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("carelint {}", sub.get_name());
        let man = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        let mut part = Vec::new();
        let rendered = man
            .render_synopsis_section(&mut part)
            .and_then(|()| man.render_options_section(&mut part));
        if let Err(e) = rendered {
            eprintln!("carelint: cannot write the man page: {e}");
            return EXIT_ERROR;
        }
        let part = String::from_utf8_lossy(&part)
            .replace(".SH SYNOPSIS", &format!(".SH \"{}\"", name.to_uppercase()))
            .replace(".SH OPTIONS", ".SS Options");
        out.extend_from_slice(part.as_bytes());
    }
    write_out(&out)
}

/// Writes to stdout; a closed pipe (`carelint man | head`) is not an error.
fn write_out(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
    EXIT_CLEAN
}
