//! `carelint init`: a commented starter `.carelint.yml`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::workspace::config::STARTER;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to write it in.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &InitArgs) -> u8 {
    let path = args.dir.join(".carelint.yml");
    if path.exists() && !args.force {
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
