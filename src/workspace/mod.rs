//! Workspace: which files a run covers and what the configuration says about each.
//!
//! [`discover`] walks the paths given, [`shard`] and [`changed`] narrow them to a CI shard or
//! to the files changed since a git ref, [`config`] loads the `.carelint.yml` cascade, and
//! [`read`] reads one article (size limits, encodings, files that vanish).

pub mod changed;
pub mod config;
pub mod discover;
pub mod read;
pub mod shard;
