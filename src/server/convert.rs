//! carelint findings → LSP diagnostics: range in the negotiated encoding, rule as `code` with a
//! link to its page, severity, help, and the other places of a finding (a contradiction's other
//! figure) as `relatedInformation`.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};

use crate::model::diagnostic::{Diagnostic, Severity};
use crate::server::position::{Encoding, LineIndex};

/// Converts findings on one text; positions are computed in one pass over it.
pub struct Converter<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub encoding: Encoding,
    /// Where relative paths of related places are resolved.
    pub cwd: &'a Path,
}

impl Converter<'_> {
    /// The LSP diagnostics of `findings`, in the same order.
    pub fn diagnostics(&self, findings: &[Diagnostic]) -> Vec<lsp_types::Diagnostic> {
        let offsets = findings.iter().flat_map(|d| {
            [d.span.start, d.span.end]
                .into_iter()
                .chain(d.labels.iter().flat_map(|l| [l.span.start, l.span.end]))
        });
        let at = self.lines.positions(self.text, offsets, self.encoding);
        findings.iter().map(|d| self.one(d, &at)).collect()
    }

    fn range(&self, at: &HashMap<usize, Position>, start: usize, end: usize) -> Range {
        let get = |o: usize| {
            at.get(&o)
                .copied()
                .unwrap_or_else(|| self.lines.position(self.text, o, self.encoding))
        };
        Range::new(get(start), get(end))
    }

    fn one(&self, d: &Diagnostic, at: &HashMap<usize, Position>) -> lsp_types::Diagnostic {
        let mut related: Vec<DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .map(|label| DiagnosticRelatedInformation {
                location: Location::new(
                    self.uri.clone(),
                    self.range(at, label.span.start, label.span.end),
                ),
                message: label.message.clone(),
            })
            .collect();
        for other in &d.related {
            let path = self.cwd.join(&other.path);
            let Some(uri) = crate::server::uri::from_path(&path) else {
                continue;
            };
            let range = other.excerpt.as_ref().map_or_else(Range::default, |e| {
                let point = |offset: usize| {
                    let p = e.position(offset);
                    let character = match self.encoding {
                        Encoding::Utf8 => e.byte_column(offset).saturating_sub(1),
                        Encoding::Utf16 => p.utf16_column.saturating_sub(1),
                    };
                    Position::new(
                        u32::try_from(p.line.saturating_sub(1)).unwrap_or(u32::MAX),
                        u32::try_from(character).unwrap_or(u32::MAX),
                    )
                };
                Range::new(point(other.span.start), point(other.span.end))
            });
            related.push(DiagnosticRelatedInformation {
                location: Location::new(uri, range),
                message: other.message.clone(),
            });
        }
        lsp_types::Diagnostic {
            range: self.range(at, d.span.start, d.span.end),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.rule.clone())),
            code_description: code_description(&d.rule),
            source: Some("carelint".into()),
            message: message(d),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }
}

/// The message as editors show it: the finding, then its help on the next line.
pub fn message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A link to the rule's documentation page, for rules (not for input or configuration problems,
/// which have no page).
pub fn code_description(rule: &str) -> Option<CodeDescription> {
    crate::rules::find(rule)?;
    let href = crate::report::sarif::rule_doc_url(rule).parse().ok()?;
    Some(CodeDescription { href })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Category;
    use crate::model::source::Span;

    #[test]
    fn a_finding_becomes_a_diagnostic_with_code_link_help_and_label() {
        let text = "漢字 says 40% here\nand 😀 45% there";
        let lines = LineIndex::new(text);
        let uri: Uri = "file:///w/a.md".parse().expect("uri");
        let first = text.find("40%").expect("in text");
        let second = text.find("45%").expect("in text");
        let d = Diagnostic::new(
            "language/stigmatising",
            Category::StigmatisingLanguage,
            Severity::Warning,
            Span::new(second, second + 3),
            "disagrees",
        )
        .with_help("check the figure")
        .with_label(Span::new(first, first + 3), "the other figure");
        let c = Converter {
            uri: &uri,
            text,
            lines: &lines,
            encoding: Encoding::Utf16,
            cwd: Path::new("/w"),
        };
        let out = c.diagnostics(&[d]);
        let got = &out[0];
        assert_eq!(
            got.range,
            Range::new(Position::new(1, 7), Position::new(1, 10))
        );
        assert_eq!(got.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(
            got.code,
            Some(NumberOrString::String("language/stigmatising".into()))
        );
        let href = got
            .code_description
            .as_ref()
            .expect("a rule page")
            .href
            .as_str();
        assert!(
            href.ends_with("docs/rules/language/stigmatising.md"),
            "{href}"
        );
        assert_eq!(got.message, "disagrees\nhelp: check the figure");
        let related = got.related_information.as_ref().expect("the label");
        assert_eq!(
            related[0].location.range,
            Range::new(Position::new(0, 8), Position::new(0, 11))
        );
        assert_eq!(related[0].message, "the other figure");
    }

    #[test]
    fn problems_that_are_not_rules_have_no_page() {
        assert!(code_description("input").is_none());
        assert!(code_description("suppression/unused").is_none());
    }
}
