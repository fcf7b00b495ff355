//! carelint: a linter for health and wellbeing articles.
//!
//! The pipeline reads top to bottom, one module per stage:
//! [`discover`] → [`read`] → [`parse`] → [`analyse`] → [`check`] (running [`rules`]) →
//! [`report`]. [`pipeline`] strings the stages together; [`config`] decides which rules apply
//! to which file; [`source`] owns spans and positions; [`fix`] applies the fixes findings carry.

pub mod analyse;
pub mod baseline;
pub mod changed;
pub mod check;
pub mod check_claims;
pub mod cli;
pub mod config;
pub mod data;
pub mod diagnostic;
pub mod discover;
pub mod fix;
pub mod parse;
pub mod phrases;
pub mod pipeline;
pub mod progress;
pub mod read;
pub mod report;
pub mod rules;
pub mod shard;
pub mod source;
pub mod suppress;
pub mod timings;
