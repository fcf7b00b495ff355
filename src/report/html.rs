//! `--format html`: one self-contained review page for editors who read drafts in a browser.
//!
//! Each article with findings is shown as its source, line by line, with every finding's span
//! marked in place (a colour and an underline pattern per category, and a numbered pin), and
//! the findings beside it as cards. The summary, filters and file list come last in the
//! document (they need the run's totals, and the page is streamed file by file like every
//! other format); CSS shows them first, and the script moves them first for screen readers.
//!
//! Articles are untrusted: every piece of text goes through [`escape`], the page loads nothing
//! (the Content-Security-Policy allows only its own inline script and style, by hash), and
//! works without JavaScript (filters and keyboard navigation are then absent, every finding is
//! shown).
//!
//! Why one file of ~970 lines (about 205 are tests): the page is one document whose parts
//! (file list, marked source, findings, fixes, backlinks) share its anchors and escaping; the
//! style and script are files of their own (`html/page.css`, `html/page.js`).

mod csp;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::diagnostic::{Category, Diagnostic, Severity};
use crate::model::outcome::FileReport;
use crate::model::source::{SourceFile, Span};

use super::{Renderer, Totals, summary_line};

const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");

/// Files whose section starts open; later ones start collapsed, so a page for a whole archive
/// opens quickly and reads as a list.
const OPEN_SECTIONS: usize = 10;

/// Characters of a long line kept each side of a fix in its before/after diff.
const DIFF_CONTEXT: usize = 60;

/// One file's line in the summary.
struct FileRow {
    path: String,
    id: String,
    counts: [usize; 3],
}

/// A link from a finding to a place in an article rendered earlier, listed at the end so the
/// place links back (the script also puts a pin on that line).
struct Backlink {
    target: String,
    line: usize,
    text: String,
    card: usize,
    from: String,
}

#[derive(Default)]
pub struct Html {
    /// Files with findings, in path order; the summary sorts them by count.
    files: Vec<FileRow>,
    /// Checked files without findings: named in the summary, not shown.
    clean: Vec<String>,
    by_category: BTreeMap<(Category, Severity), usize>,
    rules: BTreeMap<String, usize>,
    backlinks: Vec<Backlink>,
    /// Findings numbered across the page, for ids.
    next_finding: usize,
}

/// Escapes text for HTML text and quoted attribute values. A carriage return is written as a
/// character reference, as the parser would otherwise turn `\r\n` into `\n` and the page's
/// text would no longer be the file's.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\r' => "&#13;",
            b'\0' => "\u{FFFD}",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(replacement);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// A stable anchor for a path: files link to each other (cross-article findings) before the
/// other file's position in the page is known. FNV-1a, so the same path gets the same id in
/// every run.
fn file_id(path: &str) -> String {
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in path.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    format!("f{hash:016x}")
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn counts_text(counts: [usize; 3]) -> String {
    let parts: Vec<String> = [
        (counts[0], "error", "errors"),
        (counts[1], "warning", "warnings"),
        (counts[2], "info", "infos"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(*n, one, many))
    .collect();
    if parts.is_empty() {
        "no findings".into()
    } else {
        parts.join(", ")
    }
}

/// What a finding's help says, in the parts a card shows: the lexicon rules write
/// `Consider “a”, “b”. Guideline: X; Y. More.`; other help is shown as it is.
#[derive(Debug, Default, PartialEq)]
struct HelpParts {
    alternatives: Vec<String>,
    guideline: Option<String>,
    rest: String,
}

fn help_parts(help: &str) -> HelpParts {
    let mut parts = HelpParts::default();
    let mut rest = help.trim().to_string();
    if let Some(after) = rest.strip_prefix("Consider “")
        && let Some(end) = after.find("”.")
    {
        parts.alternatives = after[..end].split("”, “").map(str::to_string).collect();
        rest = after[end + "”.".len()..].trim_start().to_string();
    }
    if let Some(at) = rest.find("Guideline: ") {
        let after = &rest[at + "Guideline: ".len()..];
        // The citation ends at the first sentence end that is not an initial ("J. Smith").
        let mut end = after.len();
        for (i, _) in after.match_indices(". ") {
            let word = after[..i].rsplit([' ', '(']).next().unwrap_or_default();
            let next = after[i + 2..].chars().next();
            if word.chars().count() > 1 && next.is_some_and(char::is_uppercase) {
                end = i;
                break;
            }
        }
        let guideline = after[..end].trim_end_matches('.').trim();
        if !guideline.is_empty() {
            parts.guideline = Some(guideline.to_string());
        }
        let tail = after.get(end + 1..).unwrap_or_default().trim();
        rest = format!("{} {tail}", rest[..at].trim()).trim().to_string();
    }
    parts.rest = rest;
    parts
}

/// A highlighted stretch of an article: a finding's span, or a secondary span (a label) of it.
struct Mark {
    start: usize,
    end: usize,
    /// The finding's number across the page.
    finding: usize,
    /// Its number in the file, shown on pins.
    number: usize,
    /// `None` for the finding's own span, `Some(k)` for its k-th label.
    label: Option<usize>,
    category: Category,
}

impl Mark {
    fn open_tag(&self, first: bool) -> String {
        let cat = self.category.as_str();
        match self.label {
            None => format!(
                "<mark class=\"hl cat-{cat}\" data-f=\"{}\"{}>",
                self.finding,
                if first {
                    format!(" id=\"m{}\"", self.finding)
                } else {
                    String::new()
                }
            ),
            Some(k) => format!(
                "<mark class=\"rel cat-{cat}\" data-r=\"{}\"{}>",
                self.finding,
                if first {
                    format!(" id=\"m{}-{k}\"", self.finding)
                } else {
                    String::new()
                }
            ),
        }
    }

    /// The numbered pin before a mark: a link to its card. Its number is drawn by CSS, so the
    /// marks' text stays exactly the article's.
    fn pin(&self) -> String {
        match self.label {
            None => format!(
                "<a class=\"pin\" href=\"#c{0}\" data-n=\"{1}\" aria-label=\"Finding {1}\"></a>",
                self.finding, self.number
            ),
            Some(_) => format!(
                "<a class=\"pin back\" href=\"#c{0}\" data-n=\"{1}\" aria-label=\"Related to finding {1}\"></a>",
                self.finding, self.number
            ),
        }
    }
}

/// A span that can be marked: on character boundaries of the text (clamped to its end).
fn markable(text: &str, span: Span) -> Option<(usize, usize)> {
    let start = span.start.min(text.len());
    let end = span.end.min(text.len()).max(start);
    (text.is_char_boundary(start) && text.is_char_boundary(end)).then_some((start, end))
}

/// Writes the article line by line with its marks. Marks nest as HTML elements must: where
/// spans overlap without nesting, or cross a line end, a mark is closed and reopened, so a
/// finding may be several `<mark>` elements whose text, joined, is exactly its span.
fn write_source(out: &mut String, source: &SourceFile, id: &str, mut marks: Vec<Mark>) {
    let text = &*source.text;
    // Outer marks first: by start, longer first, then the finding's own span before labels.
    marks.sort_by_key(|m| {
        (
            m.start,
            std::cmp::Reverse(m.end),
            m.label.is_some(),
            m.finding,
            m.label,
        )
    });
    let line_starts: BTreeSet<usize> = (2..=source.line_count())
        .map(|n| source.line_start(n))
        .filter(|&s| s > 0 && s < text.len())
        .collect();
    let mut points: BTreeSet<usize> = line_starts.clone();
    points.insert(0);
    points.insert(text.len());
    for m in &marks {
        points.insert(m.start);
        points.insert(m.end);
    }
    let mut first = vec![true; marks.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut next_mark = 0;
    let mut line = 1;
    let open_line = |out: &mut String, line: usize| {
        let _ = write!(
            out,
            "<span class=\"l\" id=\"{id}-L{line}\"><span class=\"n\" data-n=\"{line}\" aria-hidden=\"true\"></span>"
        );
    };
    out.push_str("<div class=\"src\">");
    open_line(out, line);
    let points: Vec<usize> = points.into_iter().collect();
    for (i, &p) in points.iter().enumerate() {
        // Close the marks that end here, and reopen those closed only to keep the nesting.
        if let Some(at) = open.iter().position(|&m| marks[m].end == p) {
            let closed: Vec<usize> = open.drain(at..).collect();
            for _ in &closed {
                out.push_str("</mark>");
            }
            for m in closed.into_iter().filter(|&m| marks[m].end != p) {
                out.push_str(&marks[m].open_tag(false));
                open.push(m);
            }
        }
        if line_starts.contains(&p) {
            for _ in &open {
                out.push_str("</mark>");
            }
            out.push_str("</span>");
            line += 1;
            open_line(out, line);
            for &m in &open {
                out.push_str(&marks[m].open_tag(false));
            }
        }
        while let Some(m) = marks.get(next_mark).filter(|m| m.start == p) {
            if m.label.is_none() {
                out.push_str(&m.pin());
            }
            out.push_str(&m.open_tag(first[next_mark]));
            first[next_mark] = false;
            if m.end == m.start {
                out.push_str("</mark>");
            } else {
                open.push(next_mark);
            }
            if m.label.is_some() {
                // The back pin goes after a label's first fragment starts, inside it.
                out.push_str(&m.pin());
            }
            next_mark += 1;
        }
        if let Some(&next) = points.get(i + 1) {
            escape_into(out, &text[p..next]);
        }
    }
    for _ in &open {
        out.push_str("</mark>");
    }
    out.push_str("</span></div>");
}

/// A short excerpt of a long line around `[start, end)`, on character boundaries.
fn around(text: &str, start: usize, end: usize, from: usize, to: usize) -> (String, String) {
    let before = &text[from..start];
    let after = &text[end..to];
    let before = match before.char_indices().rev().nth(DIFF_CONTEXT) {
        Some((i, _)) => format!("…{}", &before[i..]),
        None => before.to_string(),
    };
    let after = match after.char_indices().nth(DIFF_CONTEXT) {
        Some((i, _)) => format!("{}…", &after[..i]),
        None => after.to_string(),
    };
    (before, after)
}

/// A fix as a one-line before/after diff of the line(s) it changes.
fn write_fix(out: &mut String, source: Option<&SourceFile>, d: &Diagnostic) {
    let Some(fix) = &d.fix else { return };
    let kind = if fix.safe {
        "Safe fix"
    } else {
        "Suggested fix"
    };
    let _ = write!(
        out,
        "<div class=\"fix\"><p class=\"fix-h\">{kind} <span class=\"hint\">(<code>carelint fix{}</code>)</span></p>",
        if fix.safe { "" } else { " --unsafe" }
    );
    let located = source.and_then(|s| {
        let (start, end) = markable(&s.text, fix.span)?;
        let lines = s.lines_of(Span::new(start, end));
        Some((&*s.text, start, end, lines.start, lines.end.max(end)))
    });
    match located {
        Some((text, start, end, from, to)) => {
            let (before, after) = around(text, start, end, from, to);
            let _ = write!(
                out,
                "<div class=\"diff\" role=\"group\" aria-label=\"Before and after\">\
                 <div class=\"del\"><span class=\"sign\" aria-hidden=\"true\">−</span><span class=\"vh\">Before: </span>{}<del>{}</del>{}</div>\
                 <div class=\"ins\"><span class=\"sign\" aria-hidden=\"true\">+</span><span class=\"vh\">After: </span>{}<ins>{}</ins>{}</div></div>",
                escape(&before),
                escape(&text[start..end]),
                escape(&after),
                escape(&before),
                escape(&fix.replacement),
                escape(&after),
            );
        }
        None => {
            let _ = write!(
                out,
                "<div class=\"diff\"><div class=\"ins\"><span class=\"sign\" aria-hidden=\"true\">+</span><ins>{}</ins></div></div>",
                escape(&fix.replacement)
            );
        }
    }
    out.push_str("</div>");
}

impl Html {
    pub fn new() -> Html {
        Html::default()
    }

    fn card(
        &mut self,
        out: &mut String,
        report: &FileReport,
        d: &Diagnostic,
        finding: usize,
        number: usize,
        marked: bool,
    ) {
        let source = report.source.as_deref();
        let cat = d.category.as_str();
        let sev = d.severity.as_str();
        let _ = write!(
            out,
            "<li class=\"card cat-{cat} sev-{sev}\" id=\"c{finding}\" tabindex=\"-1\" data-f=\"{finding}\" \
             data-cat=\"{cat}\" data-sev=\"{sev}\" data-rule=\"{}\" data-start=\"{}\" data-end=\"{}\">",
            escape(&d.rule),
            d.span.start,
            d.span.end
        );
        let position = source.map(|s| s.position(d.span.start));
        let title = format!("{number}. {}", escape(&d.message));
        if marked {
            let _ = write!(out, "<h3><a href=\"#m{finding}\">{title}</a></h3>");
        } else {
            let _ = write!(out, "<h3>{title}</h3>");
        }
        let _ = write!(
            out,
            "<p class=\"meta\"><span class=\"sev\">{sev}</span> <span class=\"swatch cat-{cat}\" aria-hidden=\"true\"></span>{cat} · <code>{}</code>",
            escape(&d.rule)
        );
        if let Some(p) = position {
            let _ = write!(out, " · line {}, column {}", p.line, p.column);
        }
        out.push_str("</p>");
        if let Some(help) = &d.help {
            let parts = help_parts(help);
            if !parts.rest.is_empty() {
                let _ = write!(out, "<p class=\"help\">{}</p>", escape(&parts.rest));
            }
            if !parts.alternatives.is_empty() {
                out.push_str("<p class=\"alts\">Alternatives: ");
                for (i, alt) in parts.alternatives.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    let _ = write!(out, "<q>{}</q>", escape(alt));
                }
                out.push_str("</p>");
            }
            if let Some(guideline) = &parts.guideline {
                let _ = write!(
                    out,
                    "<p class=\"guide\">Guideline: {}</p>",
                    escape(guideline)
                );
            }
        }
        write_fix(out, source, d);
        if !d.labels.is_empty() || !d.related.is_empty() {
            out.push_str("<ul class=\"links\">");
            for (k, label) in d.labels.iter().enumerate() {
                let quoted = source
                    .and_then(|s| s.slice(label.span))
                    .map(|t| format!(" <q>{}</q>", escape(t)))
                    .unwrap_or_default();
                let line = source.map_or(1, |s| s.position(label.span.start).line);
                let _ = write!(
                    out,
                    "<li><a href=\"#m{finding}-{k}\">line {line}</a>{quoted}: {}</li>",
                    escape(&label.message)
                );
            }
            for related in &d.related {
                let (line, text) = related.excerpt.as_ref().map_or((1, None), |e| {
                    (e.position(related.span.start).line, e.slice(related.span))
                });
                let quoted = text
                    .map(|t| format!(" <q>{}</q>", escape(t)))
                    .unwrap_or_default();
                let _ = write!(
                    out,
                    "<li class=\"xref\"><a href=\"#{}-L{line}\">{}, line {line}</a>{quoted}: {}</li>",
                    file_id(&related.path),
                    escape(&related.path),
                    escape(&related.message)
                );
                if related.path != report.path {
                    self.backlinks.push(Backlink {
                        target: related.path.clone(),
                        line,
                        text: text.unwrap_or_default().to_string(),
                        card: finding,
                        from: report.path.clone(),
                    });
                }
            }
            out.push_str("</ul>");
        }
        // Where to read more: the rule's documentation and, for a lexicon match, its entry.
        let mut explain: Vec<&str> = Vec::new();
        if crate::rules::find(&d.rule).is_some() {
            explain.push(&d.rule);
        }
        if let Some(entry) = d.entry.as_deref()
            && crate::rules::lexicon::find_entry(entry).is_some()
        {
            explain.push(entry);
        }
        if !explain.is_empty() {
            out.push_str("<p class=\"explain\">Why: ");
            for (i, id) in explain.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "<code>carelint explain {}</code>", escape(id));
            }
            out.push_str("</p>");
        }
        out.push_str("</li>");
    }

    fn summary(&self, totals: &Totals) -> String {
        let mut out = String::new();
        out.push_str(
            "<section id=\"summary\" class=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2>",
        );
        let _ = write!(
            out,
            "<p class=\"total\">{}</p>",
            escape(&summary_line(totals))
        );
        // Findings by category and severity, with the category's mark as its legend.
        let categories: BTreeSet<Category> = self.by_category.keys().map(|(c, _)| *c).collect();
        if !categories.is_empty() {
            out.push_str(
                "<table class=\"counts\"><caption>Findings by category</caption><thead><tr><th scope=\"col\">Category</th>\
                 <th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th><th scope=\"col\">Infos</th></tr></thead><tbody>",
            );
            for c in &categories {
                let n = |s| self.by_category.get(&(*c, s)).copied().unwrap_or(0);
                let _ = write!(
                    out,
                    "<tr><th scope=\"row\"><mark class=\"hl cat-{0}\">{0}</mark></th><td>{1}</td><td>{2}</td><td>{3}</td></tr>",
                    c.as_str(),
                    n(Severity::Error),
                    n(Severity::Warning),
                    n(Severity::Info)
                );
            }
            out.push_str("</tbody></table>");
        }
        // Filters work only with the script, which reveals them.
        let severities: BTreeSet<Severity> = self.by_category.keys().map(|(_, s)| *s).collect();
        out.push_str(
            "<form id=\"filters\" class=\"filters\" hidden aria-labelledby=\"filters-h\"><h3 id=\"filters-h\">Show findings</h3>",
        );
        let group = |out: &mut String, name: &str, legend: &str, values: Vec<(String, usize)>| {
            let _ = write!(out, "<fieldset><legend>{legend}</legend>");
            for (value, n) in values {
                let _ = write!(
                    out,
                    "<label><input type=\"checkbox\" name=\"{name}\" value=\"{0}\" checked> {0} <span class=\"hint\">({n})</span></label>",
                    escape(&value)
                );
            }
            out.push_str("</fieldset>");
        };
        let count = |f: &dyn Fn(&(Category, Severity)) -> bool| -> usize {
            self.by_category
                .iter()
                .filter(|(k, _)| f(k))
                .map(|(_, n)| n)
                .sum()
        };
        group(
            &mut out,
            "cat",
            "Category",
            categories
                .iter()
                .map(|c| (c.as_str().to_string(), count(&|k| k.0 == *c)))
                .collect(),
        );
        group(
            &mut out,
            "sev",
            "Severity",
            severities
                .iter()
                .rev()
                .map(|s| (s.as_str().to_string(), count(&|k| k.1 == *s)))
                .collect(),
        );
        group(
            &mut out,
            "rule",
            "Rule",
            self.rules.iter().map(|(r, n)| (r.clone(), *n)).collect(),
        );
        out.push_str(
            "<p id=\"shown\" class=\"hint\" aria-live=\"polite\"></p></form>\
             <nav class=\"files\" aria-labelledby=\"files-h\"><h3 id=\"files-h\">Files by number of findings</h3>",
        );
        let mut rows: Vec<&FileRow> = self.files.iter().collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.counts.iter().sum::<usize>()));
        if !rows.is_empty() {
            out.push_str("<ol>");
            for row in rows {
                let _ = write!(
                    out,
                    "<li><a href=\"#{}\">{}</a> <span class=\"hint\">{}</span></li>",
                    row.id,
                    escape(&row.path),
                    counts_text(row.counts)
                );
            }
            out.push_str("</ol>");
        }
        if !self.clean.is_empty() {
            let _ = write!(
                out,
                "<details><summary>{} without findings</summary><ul>",
                plural(self.clean.len(), "file", "files")
            );
            for path in &self.clean {
                let _ = write!(out, "<li>{}</li>", escape(path));
            }
            out.push_str("</ul></details>");
        }
        out.push_str("</nav>");
        if !self.backlinks.is_empty() {
            out.push_str(
                "<section class=\"backlinks\" aria-labelledby=\"back-h\"><h3 id=\"back-h\">Figures other articles disagree with</h3><ul>",
            );
            for b in &self.backlinks {
                let _ = write!(
                    out,
                    "<li><a class=\"backlink\" data-target=\"{0}-L{1}\" href=\"#{0}-L{1}\">{2}, line {1}</a> <q>{3}</q> ← \
                     <a href=\"#c{4}\">{5}</a></li>",
                    file_id(&b.target),
                    b.line,
                    escape(&b.target),
                    escape(&b.text),
                    b.card,
                    escape(&b.from)
                );
            }
            out.push_str("</ul></section>");
        }
        out.push_str("</section>");
        out
    }
}

impl Renderer for Html {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let policy = format!(
            "default-src 'none'; script-src {}; style-src {}; img-src 'none'; base-uri 'none'; form-action 'none'",
            csp::source_hash(SCRIPT),
            csp::source_hash(STYLE)
        );
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"carelint {}\">\n\
             <title>carelint review</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <header class=\"top\"><a class=\"skip\" href=\"#summary\">Skip to the summary</a>\
             <h1>carelint review</h1>\
             <p class=\"keys\" id=\"keys\" hidden>Keys: <kbd>j</kbd> next finding, <kbd>k</kbd> previous. \
             <button type=\"button\" id=\"prev\">Previous finding</button> <button type=\"button\" id=\"next\">Next finding</button></p>\
             </header>\n<main id=\"main\">\n",
            env!("CARGO_PKG_VERSION")
        )
    }

    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            if report.checked {
                self.clean.push(report.path.clone());
            }
            return Ok(());
        }
        let id = file_id(&report.path);
        let mut counts = [0; 3];
        for d in &report.diagnostics {
            counts[severity_index(d.severity)] += 1;
            *self
                .by_category
                .entry((d.category, d.severity))
                .or_default() += 1;
            *self.rules.entry(d.rule.clone()).or_default() += 1;
        }
        let open = if self.files.len() < OPEN_SECTIONS {
            " open"
        } else {
            ""
        };
        let mut html = String::new();
        // The heading sits outside <summary>, where some screen readers would drop its role.
        let _ = write!(
            html,
            "<section class=\"file\" id=\"{id}\" data-path=\"{path}\" aria-labelledby=\"{id}-h\">\
             <h2 id=\"{id}-h\">{path}</h2><details{open}>\
             <summary>Article and findings <span class=\"hint\">({})</span></summary><div class=\"body\">",
            counts_text(counts),
            path = escape(&report.path),
        );
        let first = self.next_finding + 1;
        let mut marks = Vec::new();
        let mut marked = Vec::with_capacity(report.diagnostics.len());
        if let Some(source) = report.source.as_deref() {
            for (i, d) in report.diagnostics.iter().enumerate() {
                let ok = markable(&source.text, d.span);
                marked.push(ok.is_some());
                if let Some((start, end)) = ok {
                    marks.push(Mark {
                        start,
                        end,
                        finding: first + i,
                        number: i + 1,
                        label: None,
                        category: d.category,
                    });
                }
                for (k, label) in d.labels.iter().enumerate() {
                    if let Some((start, end)) = markable(&source.text, label.span) {
                        marks.push(Mark {
                            start,
                            end,
                            finding: first + i,
                            number: i + 1,
                            label: Some(k),
                            category: d.category,
                        });
                    }
                }
            }
            html.push_str("<div class=\"article\" role=\"region\" aria-label=\"Article text\">");
            write_source(&mut html, source, &id, marks);
            html.push_str("</div>");
        } else {
            marked.resize(report.diagnostics.len(), false);
        }
        html.push_str("<div class=\"findings\"><ol class=\"cards\" aria-label=\"Findings\">");
        for (i, d) in report.diagnostics.iter().enumerate() {
            self.card(&mut html, report, d, first + i, i + 1, marked[i]);
        }
        html.push_str("</ol></div></div></details></section>\n");
        self.next_finding += report.diagnostics.len();
        self.files.push(FileRow {
            path: report.path.clone(),
            id,
            counts,
        });
        out.write_all(html.as_bytes())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        if self.files.is_empty() {
            out.write_all(b"<p class=\"none\">No findings.</p>\n")?;
        }
        write!(
            out,
            "</main>\n{}\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
            self.summary(totals)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Fix;
    use std::sync::Arc;

    fn report(path: &str, text: &str, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            path: path.into(),
            source: Some(Arc::new(SourceFile::new(path, text))),
            checked: true,
            diagnostics,
        }
    }

    fn page(reports: &[FileReport]) -> String {
        let mut out = Vec::new();
        let mut html = Html::new();
        let mut totals = Totals::default();
        html.begin(&mut out).expect("writes");
        for r in reports {
            totals.add(r);
            html.file(r, &mut out).expect("writes");
        }
        html.finish(&totals, &mut out).expect("writes");
        String::from_utf8(out).expect("UTF-8")
    }

    fn finding(start: usize, end: usize) -> Diagnostic {
        Diagnostic::new(
            "language/stigmatising",
            Category::StigmatisingLanguage,
            Severity::Warning,
            Span::new(start, end),
            "m",
        )
    }

    /// The text inside the marks of one finding, joined, with tags dropped and the few
    /// references the renderer writes decoded.
    fn marked_text(html: &str, attr: &str) -> String {
        let mut out = String::new();
        let mut depth = Vec::new();
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            if depth.iter().any(|&inside| inside) {
                out.push_str(&rest[..lt]);
            }
            let gt = rest[lt..].find('>').expect("tag ends") + lt;
            let tag = &rest[lt..=gt];
            if tag.starts_with("<mark") {
                depth.push(tag.contains(attr));
            } else if tag == "</mark>" {
                depth.pop();
            }
            rest = &rest[gt + 1..];
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#13;", "\r")
            .replace("&amp;", "&")
    }

    #[test]
    fn overlapping_and_multi_line_spans_are_marked_exactly() {
        let text = "one two\r\nthree <four>\nfive";
        // Nested, partly overlapping, crossing a CRLF line end, and empty.
        let spans = [(4, 7), (0, 16), (10, 22), (14, 26), (23, 23)];
        let diagnostics = spans.iter().map(|&(s, e)| finding(s, e)).collect();
        let html = page(&[report("a.md", text, diagnostics)]);
        for (i, &(s, e)) in spans.iter().enumerate() {
            assert_eq!(
                marked_text(&html, &format!("data-f=\"{}\"", i + 1)),
                &text[s..e],
                "finding {}",
                i + 1
            );
        }
        // Every mark closes where it opened: the tags balance.
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
        assert!(html.contains("id=\"m1\"") && html.contains("href=\"#c5\""));
    }

    #[test]
    fn spans_off_character_boundaries_are_not_marked_but_carded() {
        let text = "café au lait";
        let html = page(&[report("a.md", text, vec![finding(4, 6), finding(90, 99)])]);
        assert!(
            !html.contains("<mark class=\"hl cat-stigmatising-language\" data-f=\"1\""),
            "mid-character span marked"
        );
        assert!(html.contains("id=\"c1\"") && html.contains("id=\"c2\""));
        assert_eq!(marked_text(&html, "data-f=\"2\""), "");
    }

    #[test]
    fn article_text_paths_and_messages_are_escaped() {
        let text = "<script>alert(1)</script> \" onload=\"x\" </textarea> <!-- c --> [a](javascript:alert(1))";
        let path = "\"><img src=x onerror=alert(1)>.md";
        let mut d = finding(0, 8).with_help("<b>bold</b> help");
        d.message = "<i>message</i>".into();
        let html = page(&[report(path, text, vec![d])]);
        let body =
            &html[html.find("<main").expect("main")..html.rfind("<script>").expect("script")];
        for bad in ["<script", "<img", "<b>", "<i>", "<!--", "</textarea"] {
            assert!(!body.contains(bad), "{bad} in the page body");
        }
        assert!(body.contains("&lt;script&gt;</mark>alert(1)&lt;/script&gt;"));
        assert!(body.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.md"));
    }

    #[test]
    fn the_policy_allows_exactly_the_page_script_and_style() {
        let html = page(&[]);
        let policy = html
            .split("content=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("CSP meta");
        assert!(policy.starts_with("default-src 'none'"));
        let script = &html
            [html.rfind("<script>").expect("script") + 8..html.rfind("</script>").expect("end")];
        let style =
            &html[html.find("<style>").expect("style") + 7..html.find("</style>").expect("end")];
        assert!(policy.contains(&format!("script-src {}", csp::source_hash(script))));
        assert!(policy.contains(&format!("style-src {}", csp::source_hash(style))));
        assert_eq!(html.matches("<script").count(), 1);
        assert!(html.contains("No findings."));
    }

    #[test]
    fn help_is_split_into_alternatives_guideline_and_the_rest() {
        let parts = help_parts(
            "Consider “has”, “lives with”. Guideline: AP Stylebook (2013); J. Smith, Words. Quoting is fine.",
        );
        assert_eq!(parts.alternatives, ["has", "lives with"]);
        assert_eq!(
            parts.guideline.as_deref(),
            Some("AP Stylebook (2013); J. Smith, Words")
        );
        assert_eq!(parts.rest, "Quoting is fine.");
        let plain = help_parts("Name the study and link it.");
        assert_eq!(plain.rest, "Name the study and link it.");
        assert!(plain.alternatives.is_empty() && plain.guideline.is_none());
    }

    #[test]
    fn fixes_show_before_and_after() {
        let text = "In a survey of 1, 635 people.\n";
        let d = finding(15, 21).with_fix(Fix {
            span: Span::new(15, 21),
            replacement: "1,635".into(),
            safe: true,
        });
        let html = page(&[report("a.md", text, vec![d])]);
        assert!(html.contains("In a survey of <del>1, 635</del> people."));
        assert!(html.contains("In a survey of <ins>1,635</ins> people."));
        assert!(html.contains("Safe fix"));
    }

    /// Each file's section is written when the file comes, not held for the end: a run over an
    /// archive keeps only the summary's counts.
    #[test]
    fn sections_are_written_as_files_come() {
        let mut html = Html::new();
        let mut out = Vec::new();
        html.begin(&mut out).expect("writes");
        html.file(&report("a.md", "aaaa", vec![finding(0, 2)]), &mut out)
            .expect("writes");
        let so_far = String::from_utf8(out.clone()).expect("UTF-8");
        assert!(so_far.contains("data-path=\"a.md\"") && so_far.contains("id=\"c1\""));
        assert!(!so_far.contains("id=\"summary\""));
        html.file(&report("b.md", "bbbb", vec![finding(1, 3)]), &mut out)
            .expect("writes");
        assert!(out.starts_with(so_far.as_bytes()));
        html.finish(&Totals::default(), &mut out).expect("writes");
        let page = String::from_utf8(out).expect("UTF-8");
        assert!(page.contains("id=\"c2\"") && page.ends_with("</html>\n"));
    }

    #[test]
    fn summary_orders_files_by_findings_and_names_clean_ones() {
        let clean = FileReport {
            diagnostics: Vec::new(),
            ..report("c.md", "fine", Vec::new())
        };
        let html = page(&[
            report("a.md", "aaaa", vec![finding(0, 1)]),
            report("b.md", "bbbb", vec![finding(0, 1), finding(1, 2)]),
            clean,
        ]);
        let nav = &html[html.find("<nav").expect("nav")..];
        let (a, b) = (
            nav.find(&format!("#{}", file_id("a.md"))).expect("a"),
            nav.find(&format!("#{}", file_id("b.md"))).expect("b"),
        );
        assert!(b < a, "b.md has more findings and comes first");
        assert!(nav.contains("1 file without findings") && nav.contains("<li>c.md</li>"));
    }
}
