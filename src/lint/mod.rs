//! Lint: the rules enabled for a file ([`rule_set`]), inline suppressions ([`suppress`]) and
//! linting one article with them ([`article`]).

pub mod article;
pub mod rule_set;
pub mod suppress;
