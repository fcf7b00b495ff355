//! Open documents: their text at the client's latest version, and what linting it last found.

use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use crate::model::diagnostic::Diagnostic;
use crate::model::source::SourceFile;
use crate::server::position::{Encoding, LineIndex};

/// What the last finished lint of a document found, and for which version.
pub struct Findings {
    pub version: i32,
    /// The generation of the configuration it was linted with (bumped on every config change).
    pub generation: u64,
    /// The version of the folder's index it was compared with (0: none).
    pub folder: u64,
    /// The text it was linted as (spans are offsets into it).
    pub source: Arc<SourceFile>,
    pub lines: LineIndex,
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Document {
    pub uri: Uri,
    pub language: String,
    pub version: i32,
    pub text: String,
    pub lines: LineIndex,
    /// Where it lives on disk (`None` for an unsaved, unnamed buffer).
    pub path: Option<PathBuf>,
    pub findings: Option<Findings>,
}

impl Document {
    pub fn new(uri: Uri, language: String, version: i32, text: String) -> Document {
        let path = crate::server::uri::to_path(&uri);
        Document {
            lines: LineIndex::new(&text),
            uri,
            language,
            version,
            text,
            path,
            findings: None,
        }
    }

    /// Applies the client's changes in order (full or ranged, per `TextDocumentSyncKind`).
    pub fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let start = self.lines.offset(&self.text, range.start, encoding);
                    let end = self
                        .lines
                        .offset(&self.text, range.end, encoding)
                        .max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
            self.lines = LineIndex::new(&self.text);
        }
        self.version = version;
    }

    /// The findings, if they are for the text the client has now, with the configuration
    /// `generation` and the folder index `folder` the server has now.
    pub fn current(&self, generation: u64, folder: u64) -> Option<&Findings> {
        self.findings.as_ref().filter(|f| {
            f.version == self.version && f.generation == generation && f.folder == folder
        })
    }

    /// Whether carelint lints this document: Markdown and plain text (by language, or by
    /// extension when the client gives no usable language id).
    pub fn is_article(&self) -> bool {
        match self.language.as_str() {
            "markdown" | "plaintext" | "text" | "mdx" | "quarto" | "rmd" => true,
            "" => self.path.as_ref().is_some_and(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "md" | "markdown" | "txt" | "text"))
            }),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn ranged_changes_apply_in_order_in_utf16_units() {
        let uri: Uri = "file:///tmp/a.md".parse().expect("a valid uri");
        let mut doc = Document::new(uri, "markdown".into(), 1, "😀 ab\r\ncd".into());
        let edit = |line, from, to, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, from),
                Position::new(line, to),
            )),
            range_length: None,
            text: text.into(),
        };
        doc.change(
            2,
            vec![edit(0, 3, 4, "X"), edit(1, 0, 0, "漢"), edit(1, 3, 3, "!")],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "😀 Xb\r\n漢cd!");
        assert_eq!(doc.version, 2);
    }
}
