//! `carelint check --timings`: where a run's time goes, stage by stage.
//!
//! Sequential stages (discover, config — which includes compiling rule sets and their phrase
//! automata —, cross-article, report) are wall time. Reports stream: cross-article comparison
//! and writing happen on the calling thread while workers lint, so those two stages overlap the
//! per-file pass (whose wall time includes them). Per-file stages (read, parse, analyse,
//! check) run on the worker pool, so they are summed over threads: comparable with the run's
//! wall time times the thread count (on a loaded machine they also count time the thread
//! waited for a core; `perf stat -e task-clock` gives CPU time proper). Rules that force lazy
//! analysis (topics, figure classification) count under `check`, and so does keying figures
//! for `figures/cross-article`. The cost when off is one branch per stage and file.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A pipeline stage, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Discover,
    Config,
    Read,
    Parse,
    Analyse,
    Check,
    /// The parallel per-file pass as a whole (wall time).
    Lint,
    CrossArticle,
    Report,
}

impl Stage {
    const ALL: [Stage; 9] = [
        Stage::Discover,
        Stage::Config,
        Stage::Read,
        Stage::Parse,
        Stage::Analyse,
        Stage::Check,
        Stage::Lint,
        Stage::CrossArticle,
        Stage::Report,
    ];

    fn name(self) -> &'static str {
        match self {
            Stage::Discover => "discover",
            Stage::Config => "config",
            Stage::Read => "read",
            Stage::Parse => "parse",
            Stage::Analyse => "analyse",
            Stage::Check => "check",
            Stage::Lint => "per-file pass",
            Stage::CrossArticle => "cross-article",
            Stage::Report => "report",
        }
    }

    /// Summed over worker threads rather than measured once.
    fn per_file(self) -> bool {
        matches!(
            self,
            Stage::Read | Stage::Parse | Stage::Analyse | Stage::Check
        )
    }
}

/// Accumulates stage times from any thread. Create one per run.
#[derive(Debug)]
pub struct Clock {
    started: Instant,
    nanos: [AtomicU64; Stage::ALL.len()],
    bytes: AtomicU64,
    files: AtomicU64,
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            started: Instant::now(),
            nanos: Default::default(),
            bytes: AtomicU64::new(0),
            files: AtomicU64::new(0),
        }
    }
}

impl Clock {
    /// Adds the time since `since` to `stage` and returns now, to time the next stage from.
    pub fn lap(&self, stage: Stage, since: Instant) -> Instant {
        let now = Instant::now();
        let spent = u64::try_from(now.duration_since(since).as_nanos()).unwrap_or(u64::MAX);
        if let Some(slot) = Stage::ALL
            .iter()
            .position(|s| *s == stage)
            .and_then(|i| self.nanos.get(i))
        {
            slot.fetch_add(spent, Ordering::Relaxed);
        }
        now
    }

    /// Counts one article read, of `bytes` bytes.
    pub fn article(&self, bytes: usize) {
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        self.files.fetch_add(1, Ordering::Relaxed);
    }

    fn get(&self, stage: Stage) -> Duration {
        Stage::ALL
            .iter()
            .position(|s| *s == stage)
            .and_then(|i| self.nanos.get(i))
            .map_or(Duration::ZERO, |n| {
                Duration::from_nanos(n.load(Ordering::Relaxed))
            })
    }

    /// The table `--timings` prints: each stage, the run's wall time and throughput.
    pub fn render(&self, threads: usize) -> String {
        let wall = self.started.elapsed();
        let bytes = self.bytes.load(Ordering::Relaxed) as f64;
        let files = self.files.load(Ordering::Relaxed) as f64;
        let secs = wall.as_secs_f64().max(1e-9);
        let mut out = String::from("timings:\n");
        for stage in Stage::ALL {
            let how = if stage.per_file() {
                format!("cpu, summed over {threads} thread(s)")
            } else {
                "wall".to_string()
            };
            let _ = writeln!(
                out,
                "  {:<14} {:>10.1} ms  {how}",
                stage.name(),
                self.get(stage).as_secs_f64() * 1e3
            );
        }
        let _ = writeln!(
            out,
            "  {:<14} {:>10.1} ms  wall, start to exit\n  throughput: {:.2} MB/s, {} files/s ({} files, {:.2} MB)",
            "total",
            wall.as_secs_f64() * 1e3,
            bytes / 1e6 / secs,
            rate(files / secs),
            files,
            bytes / 1e6
        );
        out
    }
}

/// A rate with the digits that matter: a run of one file takes a fraction of a second, and
/// "0 files/s" read as nothing done.
fn rate(per_second: f64) -> String {
    if per_second >= 100.0 {
        format!("{per_second:.0}")
    } else if per_second >= 1.0 {
        format!("{per_second:.1}")
    } else {
        format!("{per_second:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_accumulate_per_stage() {
        let clock = Clock::default();
        let t = Instant::now() - Duration::from_millis(5);
        clock.lap(Stage::Parse, t);
        clock.lap(Stage::Parse, t);
        assert!(clock.get(Stage::Parse) >= Duration::from_millis(10));
        assert_eq!(clock.get(Stage::Check), Duration::ZERO);
        clock.article(2_000_000);
        let text = clock.render(2);
        assert!(text.contains("parse"), "{text}");
        assert!(text.contains("2.00 MB)"), "{text}");
        assert!(text.contains("summed over 2 thread(s)"), "{text}");
    }

    #[test]
    fn slow_rates_keep_their_digits() {
        assert_eq!(rate(0.25), "0.250");
        assert_eq!(rate(4.56), "4.6");
        assert_eq!(rate(1234.4), "1234");
    }
}
