//! carelint: a linter for health and wellbeing articles.
//!
//! The pipeline reads top to bottom, one module per stage:
//! [`discover`] → [`read`] → [`parse`] → [`analyse`] → [`check`] (running [`rules`]) →
//! [`report`]. [`pipeline`] strings the stages together; [`config`] decides which rules apply
//! to which file; [`source`] owns spans and positions; [`fix`] applies the fixes findings carry.

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
pub mod timings;
pub mod workspace;
