//! A progress bar on stderr for long runs.
//!
//! Shown only when stderr is a terminal, `CI` is not set, `TERM` is not `dumb` and the run has
//! lasted more than a second (short runs, editors on save, never flicker), whatever `--format`
//! is: it draws on stderr only and is cleared before the report is written, so stdout and
//! exit codes never change. Piped or redirected stderr, CI logs and `--no-progress` get none.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// Whether this process may draw a progress bar at all.
pub fn wanted() -> bool {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    !ci && !dumb && std::io::stderr().is_terminal()
}

/// A bar that stays hidden for [`DELAY`], then draws on stderr.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    /// Dropped to tell the reveal thread the run is over.
    done: Mutex<Option<mpsc::Sender<()>>>,
    reveal: Mutex<Option<JoinHandle<()>>>,
}

impl Progress {
    pub fn start() -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} checking {pos}/{len} files {wide_bar} {eta}")
        {
            bar.set_style(style);
        }
        let (done, wait) = mpsc::channel::<()>();
        let shown = bar.clone();
        let reveal = std::thread::spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(DELAY) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Progress {
            bar,
            done: Mutex::new(Some(done)),
            reveal: Mutex::new(Some(reveal)),
        }
    }

    /// Sets the number of files the bar counts to.
    pub fn set_files(&self, files: usize) {
        self.bar.set_length(files as u64);
    }

    /// One more file done.
    pub fn tick(&self) {
        self.bar.inc(1);
    }

    /// Stops the bar and erases it, so nothing of it is left above the report.
    pub fn finish(&self) {
        if let Ok(mut done) = self.done.lock() {
            done.take();
        }
        let reveal = self.reveal.lock().ok().and_then(|mut r| r.take());
        if let Some(reveal) = reveal {
            let _ = reveal.join();
        }
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
