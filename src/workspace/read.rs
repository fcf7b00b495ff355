//! Read: bytes from disk to a checked source text, or a clear `input` finding.

use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

use crate::model::diagnostic::{Category, Diagnostic, Severity};
use crate::model::source::{SourceFile, Span};

/// Files larger than this are reported and skipped unless configured otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// How much of a file is searched for NUL bytes to tell binary files from text.
const BINARY_SNIFF: usize = 8 * 1024;

#[derive(Debug)]
pub struct ReadResult {
    /// The text, when it can be linted.
    pub source: Option<Arc<SourceFile>>,
    /// Problems with the file itself (category `input`).
    pub problems: Vec<Diagnostic>,
    /// A source to show the problems against (the valid prefix of a non-UTF-8 file).
    pub shown: Option<Arc<SourceFile>>,
}

fn problem(severity: Severity, span: Span, message: String) -> Diagnostic {
    Diagnostic::new("input", Category::Input, severity, span, message)
}

pub fn read(path: &Path, shown: &str, max_size: u64) -> ReadResult {
    let mut result = ReadResult {
        source: None,
        problems: Vec::new(),
        shown: None,
    };
    // Opening a named pipe blocks until a writer comes, and a device may never end: only
    // regular files are read.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        result.problems.push(
            problem(
                Severity::Warning,
                Span::default(),
                "skipped: not a regular file (a named pipe, socket or device)".into(),
            )
            .with_help("carelint lints Markdown and plain-text article files"),
        );
        return result;
    }
    let bytes = match read_limited(path, max_size) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let size = std::fs::metadata(path)
                .map(|m| m.len())
                .unwrap_or(max_size.saturating_add(1));
            result.problems.push(
                problem(
                    Severity::Warning,
                    Span::default(),
                    format!(
                        "skipped: the file is {} and the limit (`max_file_size`) is {}",
                        megabytes(size),
                        megabytes(max_size)
                    ),
                )
                .with_help("raise `max_file_size` in .carelint.yml (bytes) to lint it"),
            );
            return result;
        }
        Err(e) => {
            result.problems.push(problem(
                Severity::Error,
                Span::default(),
                format!("cannot read the file: {e}"),
            ));
            return result;
        }
    };
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        result.problems.push(
            problem(
                Severity::Warning,
                Span::default(),
                "skipped: this looks like a binary file (it contains NUL bytes)".into(),
            )
            .with_help("carelint lints Markdown and plain-text articles"),
        );
        return result;
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if text.trim().is_empty() {
                result.problems.push(problem(
                    Severity::Info,
                    Span::default(),
                    if text.is_empty() {
                        "the file is empty"
                    } else {
                        "the file has only whitespace"
                    }
                    .into(),
                ));
            }
            result.source = Some(Arc::new(SourceFile::new(shown, text)));
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let shown_src = Arc::new(SourceFile::new(shown, prefix));
            let pos = shown_src.position(valid);
            result.problems.push(
                problem(
                    Severity::Error,
                    Span::new(valid, valid),
                    format!(
                        "skipped: not valid UTF-8 (byte {valid}, line {}, column {})",
                        pos.line, pos.column
                    ),
                )
                .with_help("save the article as UTF-8; carelint does not guess other encodings"),
            );
            result.shown = Some(shown_src);
        }
    }
    result
}

/// Reads the file unless it is larger than `max` bytes (`Ok(None)`).
fn read_limited(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // Read one byte past the limit to notice files that grew since `metadata`.
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(None);
    }
    Ok(Some(bytes))
}

/// A size for people, in the binary units the README and the default (64 MiB) use: bytes
/// below 10 KiB, then KiB or MiB with one decimal.
fn megabytes(bytes: u64) -> String {
    const KIB: u64 = 1024;
    match bytes {
        0..10_240 => format!("{bytes} bytes"),
        10_240..10_485_760 => format!("{:.1} KiB", bytes as f64 / KIB as f64),
        _ => format!("{:.1} MiB", bytes as f64 / (KIB * KIB) as f64),
    }
}
