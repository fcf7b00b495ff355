//! Lint: the rules enabled for a file ([`rule_set`]), inline suppressions ([`suppress`]),
//! linting one article with them ([`article`]) and the phase over all articles ([`across`]).

pub mod across;
pub mod article;
pub mod rule_set;
pub mod suppress;
