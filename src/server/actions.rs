//! Code actions: each finding's fix as a quick fix (safe ones preferred), "disable for this
//! line" (a `carelint-disable-line` comment at the end of the finding's line, as
//! [`crate::lint::suppress`] reads it), and "fix all safe fixes" as a source action.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::model::diagnostic::{Category, Diagnostic};
use crate::server::convert::Converter;

/// The source action's kind: `source.fixAll` narrowed to carelint, so editors that run every
/// fix-all on save can pick it.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.carelint")
}

/// What the client asked for: a byte range of the document and the kinds it wants (`only`).
pub struct Ask<'a> {
    pub start: usize,
    pub end: usize,
    pub only: Option<&'a [CodeActionKind]>,
}

impl Ask<'_> {
    fn wants(&self, kind: &CodeActionKind) -> bool {
        self.only.is_none_or(|only| {
            only.iter().any(|k| {
                kind.as_str() == k.as_str()
                    || kind.as_str().starts_with(&format!("{}.", k.as_str()))
            })
        })
    }
}

/// Findings that inline comments can turn off (not problems with the file or configuration,
/// not findings about the comments themselves).
fn suppressible(d: &Diagnostic) -> bool {
    !d.category.is_pipeline() && d.category != Category::Suppression
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// A short, one-line quotation of text for a title.
fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 40 {
        let cut: String = one_line.chars().take(39).collect();
        format!("“{cut}…”")
    } else {
        format!("“{one_line}”")
    }
}

pub fn actions(
    findings: &[Diagnostic],
    converter: &Converter<'_>,
    ask: &Ask<'_>,
) -> Vec<CodeActionOrCommand> {
    let text = converter.text;
    let uri = converter.uri;
    let lsp = converter.diagnostics(findings);
    let range_of = |start: usize, end: usize| {
        Range::new(
            converter.lines.position(text, start, converter.encoding),
            converter.lines.position(text, end, converter.encoding),
        )
    };
    let mut out = Vec::new();
    let touched = findings
        .iter()
        .zip(&lsp)
        .filter(|(d, _)| d.span.start <= ask.end && ask.start <= d.span.end);
    for (d, diagnostic) in touched {
        if ask.wants(&CodeActionKind::QUICKFIX)
            && let Some(fix) = &d.fix
        {
            let old = text.get(fix.span.range()).unwrap_or_default();
            let title = match (old.is_empty(), fix.replacement.is_empty()) {
                (_, true) => format!("Delete {}", quote(old)),
                (true, false) => format!("Insert {}", quote(&fix.replacement)),
                (false, false) => {
                    format!("Replace {} with {}", quote(old), quote(&fix.replacement))
                }
            };
            let title = if fix.safe {
                title
            } else {
                format!("{title} (suggested: review it)")
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(
                    uri,
                    vec![TextEdit::new(
                        range_of(fix.span.start, fix.span.end),
                        fix.replacement.clone(),
                    )],
                )),
                is_preferred: Some(fix.safe),
                ..CodeAction::default()
            }));
        }
        if ask.wants(&CodeActionKind::QUICKFIX)
            && suppressible(d)
            && let Some(at) = line_end(text, d.span.start)
        {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Disable {} for this line", d.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(
                    uri,
                    vec![TextEdit::new(
                        range_of(at, at),
                        format!(" <!-- carelint-disable-line {} -->", d.rule),
                    )],
                )),
                ..CodeAction::default()
            }));
        }
    }
    let kind = fix_all_kind();
    if ask.wants(&kind) {
        let edits = fix_all(findings, text, &range_of);
        if !edits.is_empty() {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Fix all safe carelint fixes in this file ({})", edits.len()),
                kind: Some(kind),
                edit: Some(edit(uri, edits)),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// Every safe fix, in offset order, leaving out any that overlaps one before it (LSP edits may
/// not overlap; `carelint fix` would apply the rest on its next pass).
fn fix_all(
    findings: &[Diagnostic],
    text: &str,
    range_of: &dyn Fn(usize, usize) -> Range,
) -> Vec<TextEdit> {
    let mut fixes: Vec<_> = findings
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.safe && f.span.end <= text.len())
        .collect();
    fixes.sort_by_key(|f| (f.span.start, f.span.end));
    let mut edits = Vec::new();
    let mut last_end = None;
    for fix in fixes {
        if last_end.is_some_and(|end| fix.span.start < end) {
            continue;
        }
        last_end = Some(fix.span.end.max(fix.span.start + 1));
        edits.push(TextEdit::new(
            range_of(fix.span.start, fix.span.end),
            fix.replacement.clone(),
        ));
    }
    edits
}

/// The end of the line holding `offset`, before its line ending.
fn line_end(text: &str, offset: usize) -> Option<usize> {
    let rest = text.get(offset..)?;
    Some(offset + rest.find(['\n', '\r']).unwrap_or(rest.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::{Fix, Severity};
    use crate::model::source::Span;
    use crate::server::position::{Encoding, LineIndex};

    fn finding(start: usize, end: usize, fix: Option<(&str, bool)>) -> Diagnostic {
        let d = Diagnostic::new(
            "language/stigmatising",
            Category::StigmatisingLanguage,
            Severity::Warning,
            Span::new(start, end),
            "m",
        );
        match fix {
            Some((replacement, safe)) => d.with_fix(Fix {
                span: Span::new(start, end),
                replacement: replacement.into(),
                safe,
            }),
            None => d,
        }
    }

    fn titles(actions: &[CodeActionOrCommand]) -> Vec<String> {
        actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            })
            .collect()
    }

    #[test]
    fn fixes_disable_comments_and_fix_all() {
        let text = "😀 an addict here\r\nand an addict there\n";
        let lines = LineIndex::new(text);
        let uri: Uri = "file:///w/a.md".parse().expect("uri");
        let c = Converter {
            uri: &uri,
            text,
            lines: &lines,
            encoding: Encoding::Utf16,
            cwd: std::path::Path::new("/w"),
        };
        let a = text.find("addict").expect("first");
        let b = text.rfind("addict").expect("second");
        let findings = [
            finding(a, a + 6, Some(("person with an addiction", true))),
            finding(b, b + 6, Some(("person who uses drugs", false))),
        ];
        let ask = Ask {
            start: a,
            end: a,
            only: None,
        };
        let got = actions(&findings, &c, &ask);
        assert_eq!(
            titles(&got),
            [
                "Replace “addict” with “person with an addiction”",
                "Disable language/stigmatising for this line",
                "Fix all safe carelint fixes in this file (1)",
            ]
        );
        let CodeActionOrCommand::CodeAction(disable) = &got[1] else {
            panic!("an action");
        };
        let edits = &disable
            .edit
            .as_ref()
            .expect("edit")
            .changes
            .as_ref()
            .expect("changes")[&uri];
        // After "😀 an addict here": 2 + 15 UTF-16 units, before the CRLF.
        assert_eq!(edits[0].range.start, lsp_types::Position::new(0, 17));
        assert_eq!(
            edits[0].new_text,
            " <!-- carelint-disable-line language/stigmatising -->"
        );
        let CodeActionOrCommand::CodeAction(quick) = &got[0] else {
            panic!("an action");
        };
        assert_eq!(quick.is_preferred, Some(true));

        let only = [CodeActionKind::SOURCE];
        let ask = Ask {
            start: b,
            end: b,
            only: Some(&only),
        };
        let got = actions(&findings, &c, &ask);
        assert_eq!(
            titles(&got),
            ["Fix all safe carelint fixes in this file (1)"]
        );
    }
}
