//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning and other viewers read.
//!
//! One run. `tool.driver.rules` lists every rule of the registry with its documentation, so a
//! viewer can explain a finding without carelint. Columns count Unicode code points
//! (`columnKind: unicodeCodePoints`), the same columns as the JSON output; byte offsets are given
//! too. Problems with the run itself (files that cannot be read, broken configuration) are not
//! results but `toolExecutionNotifications`, so code scanning does not open alerts for them.

use serde_json::{Map, Value, json};

use std::io::{self, Write};

use crate::model::diagnostic::{Diagnostic, Fix, Related, Severity};
use crate::model::outcome::FileReport;
use crate::model::source::{Position, SourceFile, Span};
use crate::rules::{REGISTRY, RuleMeta};

use super::{HOLE, RenderOptions, Renderer, StreamedArray, Totals};

/// The schema URI that GitHub and Microsoft's SARIF tools expect for 2.1.0.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The repository (`repository` in Cargo.toml): rule documentation links point into it.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The pipeline problems, reported as notifications: id, friendly name, description, help.
pub(crate) const NOTIFICATIONS: [(&str, &str, &str, &str); 2] = [
    (
        "input",
        "UnreadableInput",
        "A file could not be read, or is not text.",
        "The file is unreadable, not valid UTF-8, binary, empty or over `max_file_size`, or its \
         front matter is not valid YAML. The message says which; other files are still linted.",
    ),
    (
        "config",
        "MalformedConfiguration",
        "A configuration file is malformed.",
        "A `.carelint.yml` or rule pack has an unknown key, rule id, pack or level, or is not \
         valid YAML. Files it applies to are not linted until it is fixed.",
    ),
];

/// Findings about suppression comments: not rules of the registry (they cannot be configured),
/// but results all the same, so code scanning needs their descriptors too.
pub(crate) const SUPPRESSION_RULES: [(&str, &str, &str, &str); 2] = [
    (
        crate::lint::suppress::UNUSED,
        "UnusedSuppression",
        "A carelint-disable comment or front-matter entry that suppressed nothing.",
        "Reported with --report-unused-disables: the wording it was for has changed, so the \
         comment can go (a safe fix removes it).",
    ),
    (
        crate::lint::suppress::INVALID,
        "InvalidSuppression",
        "A carelint-disable comment that names an unknown rule or is misspelt.",
        "It suppresses nothing; the message suggests the name that was probably meant.",
    ),
];

fn suppression_descriptor((id, name, text, help): &(&str, &str, &str, &str)) -> Value {
    json!({
        "id": id,
        "name": name,
        "shortDescription": { "text": text },
        "fullDescription": { "text": text },
        "help": { "text": help, "markdown": help },
        "helpUri": format!("{REPOSITORY}#suppressing-findings"),
        "defaultConfiguration": { "level": "warning" },
        "properties": { "tags": ["suppression"] },
    })
}

/// Where a rule's documentation page lives in the repository (`docs/rules/<id>.md`).
pub fn rule_doc_path(id: &str) -> String {
    format!("docs/rules/{id}.md")
}

/// The URL of a rule's documentation page, for `helpUri` and reviewdog's `code.url`.
pub fn rule_doc_url(id: &str) -> String {
    format!(
        "{}/blob/main/{}",
        REPOSITORY.trim_end_matches('/'),
        rule_doc_path(id)
    )
}

/// The generated documentation page of a rule: its `//!` comment, as `carelint explain` prints it.
pub fn rule_doc_page(meta: &RuleMeta) -> String {
    format!(
        "<!-- Generated from the `//!` comment of the rule's source file; do not edit.\n     \
         Regenerate with: CARELINT_BLESS=1 cargo test --test rule_docs -->\n\n{}\n",
        meta.doc()
    )
}

/// A friendly PascalCase name for a rule (SARIF wants it to differ from the id):
/// `figures/broken-number` → `FiguresBrokenNumber`.
pub fn rule_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// The first paragraph of a rule's documentation, as one line.
fn first_paragraph(doc: &str) -> Option<String> {
    doc.split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Ends a sentence with a full stop unless it already ends with punctuation.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    match text.chars().last() {
        Some('.' | '!' | '?' | ':') | None => text.to_string(),
        Some(_) => format!("{text}."),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(meta: &RuleMeta) -> Value {
    let doc = meta.doc();
    let full = first_paragraph(&doc).unwrap_or_else(|| meta.summary.to_string());
    let mut configuration = Map::new();
    match meta.default_level.severity() {
        Some(severity) => {
            configuration.insert("level".into(), json!(level(severity)));
        }
        None => {
            configuration.insert("enabled".into(), json!(false));
        }
    }
    json!({
        "id": meta.id,
        "name": rule_name(meta.id),
        "shortDescription": { "text": sentence(meta.summary) },
        "fullDescription": { "text": sentence(&full) },
        "help": { "text": doc, "markdown": doc },
        "helpUri": rule_doc_url(meta.id),
        "defaultConfiguration": configuration,
        "properties": { "tags": [meta.category.as_str()] },
    })
}

/// Percent-encodes a path for a URI: everything but unreserved characters and `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// An `artifactLocation` for a path as carelint shows it: relative paths are relative to
/// `%SRCROOT%` (the repository checkout), absolute ones become `file:` URIs.
pub fn artifact_location(path: &str) -> Value {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":/";
    if drive {
        // `C:/x` → `file:///C:/x`; the colon after a drive letter is allowed in a path.
        let (letter, rest) = path.split_at(1);
        return json!({ "uri": format!("file:///{letter}:{}", encode_path(&rest[1..])) });
    }
    if path.starts_with('/') {
        return json!({ "uri": format!("file://{}", encode_path(&path)) });
    }
    json!({ "uri": encode_path(&path), "uriBaseId": "%SRCROOT%" })
}

/// A region for `span`: 1-based lines and code-point columns (end exclusive), byte offsets,
/// and the text as a snippet.
fn region(source: &SourceFile, span: Span, snippet: bool) -> Value {
    region_at(
        source.position(span.start),
        source.position(span.end.max(span.start)),
        span,
        snippet.then(|| source.slice(span)).flatten(),
    )
}

fn region_at(start: Position, end: Position, span: Span, snippet: Option<&str>) -> Value {
    let mut region = json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": span.start,
        "byteLength": span.len(),
    });
    if let Some(text) = snippet.filter(|_| !span.is_empty()) {
        region["snippet"] = json!({ "text": text });
    }
    region
}

/// A location in another file, placed by the lines kept with it.
fn related_location(related: &Related) -> Value {
    let mut location = json!({ "artifactLocation": artifact_location(&related.path) });
    let Some(excerpt) = &related.excerpt else {
        return location;
    };
    let at = |span: Span| {
        region_at(
            excerpt.position(span.start),
            excerpt.position(span.end.max(span.start)),
            span,
            excerpt.slice(span),
        )
    };
    let span = related.span;
    location["region"] = at(span);
    // The context as the whole file would give it: the excerpt holds the span's lines, or a
    // window of a long line wider than the context.
    let (lines, offset, _, _) = excerpt.frame();
    if excerpt.contains(span) {
        let local = context_span(lines, Span::new(span.start - offset, span.end - offset));
        let context = Span::new(local.start + offset, local.end + offset);
        if !context.is_empty() {
            location["contextRegion"] = at(context);
        }
    }
    location
}

/// Bytes of context around a span on a long line (one-line articles run to many kilobytes).
const CONTEXT: usize = 160;

/// The lines a span is on, or a window of them around it when they are long, so a viewer can
/// show the finding in context without the file.
fn context_span(source: &SourceFile, span: Span) -> Span {
    let lines = source.lines_of(span);
    let text = &source.text;
    let mut start = text.floor_char_boundary(span.start.saturating_sub(CONTEXT).max(lines.start));
    let mut end = text.ceil_char_boundary((span.end + CONTEXT).min(lines.end).max(span.end));
    // A window starts and ends between words.
    if start > lines.start
        && let Some(space) = text.get(start..span.start).and_then(|t| t.find(' '))
    {
        start += space + 1;
    }
    if end < lines.end
        && let Some(space) = text.get(span.end..end).and_then(|t| t.rfind(' '))
    {
        end = span.end + space;
    }
    Span::new(start.min(span.start), end.max(span.end))
}

fn physical_location(path: &str, source: Option<&SourceFile>, span: Span) -> Value {
    let mut location = json!({ "artifactLocation": artifact_location(path) });
    if let Some(source) = source {
        location["region"] = region(source, span, true);
        let context = context_span(source, span);
        if !context.is_empty() {
            location["contextRegion"] = region(source, context, true);
        }
    }
    location
}

/// The message of a result: the finding, then its help (alternatives, what would fix it),
/// which is specific to this finding and not in the rule's documentation.
fn message_text(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{} {}", sentence(&d.message), sentence(help)),
        None => sentence(&d.message),
    }
}

fn fix(path: &str, source: &SourceFile, fix: &Fix) -> Value {
    let description = if fix.replacement.is_empty() {
        "Delete the text.".to_string()
    } else if fix.span.is_empty() {
        format!("Insert “{}”.", fix.replacement.trim())
    } else {
        format!("Replace with “{}”.", fix.replacement)
    };
    json!({
        "description": { "text": description },
        "artifactChanges": [{
            "artifactLocation": artifact_location(path),
            "replacements": [{
                "deletedRegion": region(source, fix.span, false),
                "insertedContent": { "text": fix.replacement },
            }],
        }],
        "properties": { "safe": fix.safe },
    })
}

/// The `partialFingerprints` key: the baseline's content fingerprint with its occurrence
/// index, so code scanning follows an alert when lines move, as a baseline does.
const FINGERPRINT_KEY: &str = "carelintContent/v1";

fn result(
    path: &str,
    source: Option<&SourceFile>,
    d: &Diagnostic,
    (rule_index, fingerprint): (Option<usize>, Option<&str>),
) -> Value {
    let mut result = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": { "text": message_text(d) },
        "locations": [{ "physicalLocation": physical_location(path, source, d.span) }],
    });
    if let Some(fingerprint) = fingerprint {
        result["partialFingerprints"] = json!({ FINGERPRINT_KEY: fingerprint });
    }
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if let Some(entry) = &d.entry {
        result["properties"] = json!({ "entry": entry });
    }
    let labels = d
        .labels
        .iter()
        .map(|l| (physical_location(path, source, l.span), &l.message));
    let others = d.related.iter().map(|r| (related_location(r), &r.message));
    let related: Vec<Value> = labels
        .chain(others)
        .enumerate()
        .map(|(i, (location, message))| {
            json!({
                "id": i + 1,
                "physicalLocation": location,
                "message": { "text": sentence(message) },
            })
        })
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    if let (Some(f), Some(source)) = (&d.fix, source) {
        result["fixes"] = json!([fix(path, source, f)]);
    }
    result
}

fn notification(path: &str, source: Option<&SourceFile>, d: &Diagnostic) -> Value {
    let index = NOTIFICATIONS
        .iter()
        .position(|(id, ..)| *id == d.category.as_str());
    let mut descriptor = json!({ "id": d.category.as_str() });
    if let Some(index) = index {
        descriptor["index"] = json!(index);
    }
    let mut notification = json!({
        "level": level(d.severity),
        "message": { "text": message_text(d) },
        "descriptor": descriptor,
    });
    if !path.is_empty() {
        notification["locations"] =
            json!([{ "physicalLocation": physical_location(path, source, d.span) }]);
    }
    notification
}

/// `--format sarif`, written file by file: results stream; notifications about the run
/// (unreadable files, broken configuration) come after them.
pub struct Sarif {
    automation_id: String,
    results: StreamedArray,
    notifications: Vec<Value>,
}

impl Sarif {
    pub fn new(options: &RenderOptions) -> Sarif {
        let automation_id = match options
            .sarif_category
            .as_deref()
            .map(|c| c.trim_matches('/'))
        {
            Some(category) if !category.is_empty() => format!("carelint/{category}/"),
            _ => "carelint/".to_string(),
        };
        Sarif {
            automation_id,
            results: StreamedArray::default(),
            notifications: Vec::new(),
        }
    }

    /// The log around the results, which stream in between.
    fn layout(&self, successful: bool) -> Value {
        let version = env!("CARGO_PKG_VERSION");
        json!({
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "carelint",
                        "version": version,
                        "semanticVersion": version,
                        "informationUri": REPOSITORY,
                        "rules": REGISTRY
                            .iter()
                            .map(|s| rule_descriptor(s.meta))
                            .chain(SUPPRESSION_RULES.iter().map(suppression_descriptor))
                            .collect::<Vec<_>>(),
                        "notifications": NOTIFICATIONS
                            .iter()
                            .map(|(id, name, text, help)| json!({
                                "id": id,
                                "name": name,
                                "shortDescription": { "text": text },
                                "fullDescription": { "text": text },
                                "help": { "text": help, "markdown": help },
                            }))
                            .collect::<Vec<_>>(),
                    },
                },
                "automationDetails": { "id": self.automation_id },
                "columnKind": "unicodeCodePoints",
                "results": HOLE,
                "invocations": [{
                    "executionSuccessful": successful,
                    "toolExecutionNotifications": self.notifications,
                }],
            }],
        })
    }
}

impl Renderer for Sarif {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let layout = self.layout(true);
        self.results.begin(&layout, out)
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let source = report.source.as_deref();
        // One fingerprint function for the baseline and code scanning: they agree on which
        // finding is which. Pipeline findings share no fingerprint with content ones, so
        // counting occurrences over all of them numbers the content ones as the baseline does.
        let fingerprints = source
            .map(|s| crate::baseline::occurrence_fingerprints(&report.diagnostics, s))
            .unwrap_or_default();
        for (i, d) in report.diagnostics.iter().enumerate() {
            if d.category.is_pipeline() {
                self.notifications
                    .push(notification(&report.path, source, d));
            } else {
                let index = REGISTRY
                    .iter()
                    .position(|s| s.meta.id == d.rule)
                    .or_else(|| {
                        SUPPRESSION_RULES
                            .iter()
                            .position(|(id, ..)| *id == d.rule)
                            .map(|i| REGISTRY.len() + i)
                    });
                self.results.item(
                    &result(
                        &report.path,
                        source,
                        d,
                        (index, fingerprints.get(i).map(String::as_str)),
                    ),
                    out,
                )?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        let layout = self.layout(!totals.pipeline_errors);
        self.results.finish(&layout, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_percent_encoded_against_srcroot() {
        let loc = artifact_location("my articles/über 100%.md");
        assert_eq!(loc["uri"], "my%20articles/%C3%BCber%20100%25.md");
        assert_eq!(loc["uriBaseId"], "%SRCROOT%");
        let up = artifact_location("../shared/seeds/a.txt");
        assert_eq!(up["uri"], "../shared/seeds/a.txt");
        // A colon in the first segment would read as a scheme.
        assert_eq!(artifact_location("a:b.md")["uri"], "a%3Ab.md");
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(
            artifact_location("/tmp/a b.md")["uri"],
            "file:///tmp/a%20b.md"
        );
        assert!(artifact_location("/tmp/a.md").get("uriBaseId").is_none());
        assert_eq!(
            artifact_location("C:\\news\\a.md")["uri"],
            "file:///C:/news/a.md"
        );
    }

    #[test]
    fn rule_names_are_pascal_case_and_differ_from_ids() {
        assert_eq!(rule_name("figures/broken-number"), "FiguresBrokenNumber");
        for spec in REGISTRY {
            assert_ne!(rule_name(spec.meta.id), spec.meta.id);
        }
    }

    #[test]
    fn regions_count_code_points_and_bytes() {
        let source = SourceFile::new("a.md", "é😀 suffers from\n");
        let start = source.text.find("suffers").unwrap_or_default();
        let r = region(&source, Span::new(start, start + 7), true);
        assert_eq!(r["startColumn"], 4);
        assert_eq!(r["endColumn"], 11);
        assert_eq!(r["byteOffset"], 7);
        assert_eq!(r["byteLength"], 7);
        assert_eq!(r["snippet"]["text"], "suffers");
    }
}
