//! carelint: a linter for health and wellbeing articles.
//!
//! The pipeline reads top to bottom, one module per stage:
//! [`discover`] → [`read`] → [`parse`] → [`analyse`] → [`check`] (running [`rules`]) →
//! [`report`]. [`pipeline`] strings the stages together; [`config`] decides which rules apply
//! to which file; [`source`] owns spans and positions.

pub mod analyse;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod parse;
pub mod phrases;
pub mod pipeline;
pub mod progress;
pub mod read;
pub mod report;
pub mod rules;
pub mod source;
pub mod timings;
