//! carelint: a linter for health and wellbeing articles.
//!
//! The modules in pipeline order, one line each:
//!
//! - [`cli`]: the command line, one file per command, shared flags in [`cli::args`]
//!   (`main.rs` is a thin shell over it).
//! - [`workspace`]: which files a run covers (discover, shard, changed lines) and the
//!   `.carelint.yml` cascade ([`workspace::config`]); reads one article.
//! - [`run`]: a whole run: resolves each path to its settings and rule set
//!   ([`run::resolve`]), lints files on a pool ([`run::pool`]) and streams reports in path
//!   order; [`run::claims`] collects the claim records `carelint claims` prints and the
//!   language server's folder index keeps; [`run::empty`] refuses a run that matched no article.
//! - [`parse`]: Markdown and plain text into blocks of prose with exact byte spans.
//! - [`analyse`]: facts about the prose, computed once per document: sentences, quotations,
//!   numbers, quantities, topics, how figures are cited ([`analyse::citations`]), claim
//!   records ([`analyse::figures`]), help-seeking information and helplines.
//! - [`lint`]: the rule set for a file, inline suppressions, linting one article, and the
//!   phase over all articles ([`lint::across`]: the comparisons of rules that compare articles).
//! - [`rules`]: the `Rule` trait (with its optional phase over all articles), the registry,
//!   rule options, the lexicon engine, the rules.
//! - [`report`]: findings written as human text, JSON, SARIF, GitHub annotations, JUnit,
//!   rdjson.
//! - [`fix`]: applies the fixes findings carry; [`baseline`]: hides recorded findings;
//!   [`check_claims`]: the cross-article check over claims that CI shards printed.
//!
//! - [`server`]: `carelint server`, the language server: the same pipeline on open documents.
//!
//! Shared by all: [`model`] (source text and spans, diagnostics and levels, a run's
//! outcome; it depends on nothing else in the crate), [`phrases`] (phrase lists compiled for
//! word-indexed matching), [`data`] (the embedded `rules/*.yml`, each once), [`timings`]
//! (`--timings`) and [`work`] (work counters that prove each stage grows linearly). No module
//! imports one that imports it back: `tests/module_graph.rs` checks this.
//!
//! One meaning per word: the *source text* is [`model::source::SourceFile`]; a *citation* is
//! where a figure's source is named ([`analyse::citations`], [`analyse::citations::CitationKind`]);
//! a *guideline* is what a rule entry cites ([`data::Guideline`]); a *figure* is a number in the
//! prose, a *claim record* ([`analyse::figures::ClaimRecord`]) what the figure rules compare; each
//! rule's options type is named after it (`StatisticsOptions`, `LexiconOptions` ...), all of them
//! together are [`rules::OptionsByRule`].

pub mod analyse;
pub mod baseline;
pub mod check_claims;
pub mod cli;
pub mod data;
pub mod fix;
pub mod lint;
pub mod model;
pub mod parse;
pub mod phrases;
pub mod report;
pub mod rules;
pub mod run;
pub mod server;
pub mod timings;
pub mod work;
pub mod workspace;
