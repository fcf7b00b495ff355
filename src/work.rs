//! Work counters: how many steps each pipeline stage takes, to prove that it grows linearly.
//!
//! Wall time on a shared machine is too noisy to tell 4× from 5×, and instruction counters need
//! valgrind or `perf`. Instead the inner loops of each stage call [`tick`] (a block visited, a
//! word scanned, a candidate phrase checked, a record compared, a byte written) and the stage
//! that is running is named with [`enter`]. The counts are deterministic, so a test can lint an
//! article of N and 4N figures and require each stage to grow by less than 5×
//! (the `growth` tests below).
//!
//! Counting is compiled in only for the crate's own tests and with the `work-counter` feature;
//! otherwise [`tick`] and [`enter`] are empty and inlined away, so release builds pay nothing.

/// Counts `n` steps of work for the stage running on this thread.
#[inline(always)]
pub fn tick(n: usize) {
    imp::tick(n);
}

/// Names the stage that the following work belongs to, until the guard is dropped (then the
/// stage before it runs again). Lazy analyses forced by a rule enter their own stage, so their
/// work is not counted under whichever rule asked first.
#[inline(always)]
#[must_use = "the stage ends when the guard is dropped"]
pub fn enter(stage: &'static str) -> Guard {
    imp::enter(stage)
}

pub use imp::Guard;

/// This thread's counts so far, by stage, and resets them. Empty unless counting is compiled
/// in ([`ENABLED`]).
pub fn take() -> std::collections::BTreeMap<&'static str, u64> {
    imp::take()
}

/// Whether counting is compiled in.
pub const ENABLED: bool = cfg!(any(test, feature = "work-counter"));

#[cfg(any(test, feature = "work-counter"))]
mod imp {
    use std::cell::{Cell, RefCell};
    use std::collections::BTreeMap;

    thread_local! {
        /// The stage running, and its steps not yet added to `TOTALS`: one add per tick.
        static CURRENT: Cell<(&'static str, u64)> = const { Cell::new(("other", 0)) };
        static TOTALS: RefCell<BTreeMap<&'static str, u64>> = const { RefCell::new(BTreeMap::new()) };
    }

    #[inline]
    pub fn tick(n: usize) {
        CURRENT.with(|c| {
            let (stage, count) = c.get();
            c.set((stage, count.saturating_add(n as u64)));
        });
    }

    /// Moves the running stage's pending steps into the totals and runs `stage` instead.
    fn switch(stage: &'static str) -> &'static str {
        let (before, count) = CURRENT.with(|c| c.replace((stage, 0)));
        if count > 0 {
            TOTALS.with(|t| *t.borrow_mut().entry(before).or_default() += count);
        }
        before
    }

    pub struct Guard {
        before: &'static str,
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            switch(self.before);
        }
    }

    pub fn enter(stage: &'static str) -> Guard {
        Guard {
            before: switch(stage),
        }
    }

    pub fn take() -> BTreeMap<&'static str, u64> {
        let (stage, _) = CURRENT.with(Cell::get);
        switch(stage);
        TOTALS.with(|t| std::mem::take(&mut *t.borrow_mut()))
    }
}

#[cfg(not(any(test, feature = "work-counter")))]
mod imp {
    use std::collections::BTreeMap;

    #[inline(always)]
    pub fn tick(_: usize) {}

    pub struct Guard;

    #[inline(always)]
    pub fn enter(_: &'static str) -> Guard {
        Guard
    }

    pub fn take() -> BTreeMap<&'static str, u64> {
        BTreeMap::new()
    }
}

/// Each stage's work grows linearly (issue 13): an input four times as large costs every
/// stage less than five times the steps. Measured with the work counters, which are exact, so
/// the test does not depend on the machine's load. A loop over every block per figure (the
/// quadratic sourcing check of session 5) makes its stage grow about 16× here.
#[cfg(test)]
mod growth {
    use std::collections::BTreeMap;
    use std::fmt::Write as _;
    use std::sync::Arc;

    use crate::lint::across::Comparisons;
    use crate::lint::article::lint_article;
    use crate::lint::rule_set::RuleSet;
    use crate::model::diagnostic::Level;
    use crate::model::outcome::{FileReport, Outcome};
    use crate::model::source::SourceFile;
    use crate::parse::ParseOptions;
    use crate::report::{OutputFormat, RenderOptions, render};
    use crate::rules::REGISTRY;
    use crate::workspace::config::RulesConfig;

    /// Every rule on, so each one's loops run.
    fn every_rule() -> RuleSet {
        let mut config = RulesConfig::default();
        for spec in REGISTRY {
            config
                .levels
                .insert(spec.meta.id.to_string(), Level::Warning);
        }
        RuleSet::build(&config).expect("rules build")
    }

    /// Steps per stage to lint `articles` as one run: each parsed, analysed, checked and its
    /// figures keyed, then compared with the articles before it, then all reported in three
    /// formats.
    fn work(articles: &[String]) -> BTreeMap<&'static str, u64> {
        let rules = every_rule();
        let _ = super::take();
        let mut comparisons = Comparisons::default();
        let mut outcome = Outcome::default();
        for (i, text) in articles.iter().enumerate() {
            let path = format!("article-{i:04}.md");
            let source = Arc::new(SourceFile::new(path.clone(), text.clone()));
            let linted = lint_article(
                Arc::clone(&source),
                ParseOptions::default(),
                &rules,
                true,
                None,
            );
            let mut diagnostics = linted.diagnostics;
            diagnostics.extend(comparisons.next(linted.records));
            outcome.reports.push(FileReport {
                path,
                source: Some(source),
                checked: true,
                diagnostics,
            });
            outcome.files_checked += 1;
        }
        for format in [OutputFormat::Json, OutputFormat::Human, OutputFormat::Sarif] {
            render(&outcome, format, &RenderOptions::default());
        }
        super::take()
    }

    /// The paragraphs the articles are made of: figures with and without sources, lists, weak
    /// attributions, lexicon phrases, a helpline, and names, samples and data notes glued to
    /// their neighbours, each numbered so no two are alike.
    fn paragraph(i: usize) -> String {
        let k = 5 + i % 90;
        match i % 7 {
            6 => format!(
                "Data in this section come from theNational Sleep Survey of Region {i}: a studyof {} adults found {k}% nap, and asSamaritansor inFinland Trust staff agree.",
                200 + i
            ),
            0 => format!("About {k}% of adults in group {i} had felt low in the past year."),
            1 => format!(
                "According to the Office for National Statistics, {k}% of people in area {i} who suffer from depression saw a doctor in 2019."
            ),
            2 => format!("- One in {} people in team {i} said so in 2020.", 2 + i % 9),
            3 => format!(
                "Researchers say {k}% of men in town {i} have cried after sex at some point in their lives."
            ),
            4 => format!(
                "A [2021 study](https://example.org/{i}) of {} patients found that {k}% had thought about suicide; call 988 for help.",
                100 + i
            ),
            _ => format!(
                "Experts believe the figure for region {i} rose from {k}% to {}%.",
                k + 3
            ),
        }
    }

    /// A heading and `n` figure paragraphs.
    fn paragraphs(n: usize) -> String {
        let mut text = String::from("# Figures\n\n");
        for i in 0..n {
            let _ = write!(text, "{}\n\n", paragraph(i));
        }
        text
    }

    /// `n` figure sentences on one line.
    fn one_line(n: usize) -> String {
        let mut text = String::new();
        for i in 0..n {
            let p = paragraph(i);
            text.push_str(p.trim_start_matches("- "));
            text.push(' ');
        }
        text.push('\n');
        text
    }

    /// A table of `n` rows of figures.
    fn table(n: usize) -> String {
        let mut text = String::from("# Rates\n\n| Group | Share | Note |\n|---|---|---|\n");
        for i in 0..n {
            let _ = writeln!(
                text,
                "| group {i} | {}% in 2019 | {} |",
                5 + i % 90,
                paragraph(i).trim_start_matches("- ")
            );
        }
        text
    }

    /// `n` short articles whose figures about one quantity disagree across articles.
    fn articles(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                format!(
                    "# Article {i}\n\n{}% of men have cried after sex at some point in their lives.\n\n{}\n\n{}\n",
                    10 + (i * 7) % 80,
                    paragraph(i),
                    paragraph(i + 1)
                )
            })
            .collect()
    }

    /// Fails with the stages that grew by 5× or more from `small` to `large` (4× the input).
    fn assert_linear(shape: &str, small: &BTreeMap<&str, u64>, large: &BTreeMap<&str, u64>) {
        let grown: Vec<String> = large
            .iter()
            .filter(|(stage, steps)| **steps >= 5 * small.get(*stage).copied().unwrap_or(0).max(1))
            .map(|(stage, steps)| format!("{stage}: {} → {steps}", small.get(stage).unwrap_or(&0)))
            .collect();
        assert!(
            grown.is_empty(),
            "{shape}: stages growing 5× or more for 4× the input: {grown:#?}"
        );
    }

    /// The stages every shape must have counted: the test measures nothing if they did not run.
    fn assert_counted(shape: &str, counts: &BTreeMap<&str, u64>, stages: &[&str]) {
        for stage in stages {
            assert!(
                counts.get(stage).is_some_and(|&n| n > 0),
                "{shape}: no work counted for {stage}: {counts:#?}"
            );
        }
    }

    /// Stages that must have counted work in a long article (the first six in one line, too).
    const STAGES: &[&str] = &[
        "parse",
        "analyse",
        "analyse: topics",
        "analyse: figure citations",
        "analyse: block sources",
        "analyse: claim records",
        "statistics/unsourced",
        "figures/contradiction",
        "language/stigmatising",
        "safety/help-seeking",
        "report",
    ];

    #[test]
    fn every_stage_grows_linearly_in_figure_paragraphs() {
        let small = work(&[paragraphs(150)]);
        let large = work(&[paragraphs(600)]);
        assert_counted("paragraphs", &large, STAGES);
        assert_linear("paragraphs", &small, &large);
    }

    #[test]
    fn every_stage_grows_linearly_in_the_length_of_one_line() {
        let small = work(&[one_line(150)]);
        let large = work(&[one_line(600)]);
        assert_counted("one line", &large, &STAGES[..6]);
        assert_linear("one line", &small, &large);
    }

    #[test]
    fn every_stage_grows_linearly_in_table_rows() {
        let small = work(&[table(150)]);
        let large = work(&[table(600)]);
        assert_counted("table", &large, &["parse", "analyse", "report"]);
        assert_linear("table", &small, &large);
    }

    #[test]
    fn cross_article_comparison_grows_linearly_in_articles() {
        let small = work(&articles(40));
        let large = work(&articles(160));
        assert_counted(
            "articles",
            &large,
            &[
                "cross-article: comparison",
                "analyse: claim records",
                "report",
            ],
        );
        assert_linear("articles", &small, &large);
    }

    #[test]
    fn every_rule_is_counted_under_its_own_name() {
        let counts = work(&[paragraphs(60)]);
        let uncounted: Vec<&str> = REGISTRY
            .iter()
            .map(|spec| spec.meta.id)
            .filter(|id| !counts.contains_key(id))
            .collect();
        // The per-article phase of the cross-article rule does nothing by design.
        assert_eq!(uncounted, ["figures/cross-article"], "{counts:#?}");
    }
}
