//! Baselines: today's findings, recorded so that only new ones are reported.
//!
//! A publication adopting carelint on an archive of thousands of articles records what is there
//! (`carelint check --write-baseline FILE`) and from then on sees only findings that are not in
//! it (`--baseline FILE`). Findings are recorded by content [`fingerprint`] (rule, path, the
//! flagged text and the sentence around it, whitespace folded), not by line number, so a
//! baseline survives lines inserted or removed above a finding, and, since a line of prose is a
//! whole paragraph, edits to the other sentences of its paragraph. Identical fingerprints are
//! counted: if the baseline has two and the article now has three, one is reported. Version 1
//! files (fingerprinted by line) are still read and applied as they were written.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::diagnostic::Diagnostic;
use crate::model::outcome::{FileReport, Outcome};
use crate::model::source::{SourceFile, Span};

/// Version of the baseline file format: 2 fingerprints by sentence, 1 by line.
pub const VERSION: u32 = 2;

/// The line-fingerprinted format, still read.
const LINE_VERSION: u32 = 1;

/// Bytes of a paragraph looked at on each side of a finding to find its sentence: more than a
/// sentence needs, and a one-line article of megabytes is not split whole for each finding.
const REACH: usize = 2_000;

/// Longest flagged text kept in a baseline entry (for people reading it; the fingerprint has
/// all of it).
const TEXT_LIMIT: usize = 80;

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// Sorted by path, rule, fingerprint.
    pub findings: Vec<Entry>,
}

/// Findings with one fingerprint in one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// How many findings have this fingerprint.
    pub count: usize,
    /// The flagged text, shortened: for people reviewing the baseline.
    #[serde(default)]
    pub text: String,
}

/// A finding's content fingerprint: 16 hex digits of a 64-bit FNV-1a hash of its rule, path,
/// flagged text and the sentence it is in, whitespace folded. Stable when lines are added or
/// removed elsewhere and when other sentences of its paragraph are edited; changes when its
/// own sentence is. Identical findings in identical sentences share a fingerprint;
/// [`occurrence_fingerprints`] tells them apart. This is the one fingerprint of a finding:
/// baselines and SARIF `partialFingerprints` both use it.
pub fn fingerprint(diagnostic: &Diagnostic, source: &SourceFile) -> String {
    hash_parts(diagnostic, source, sentence_of(source, diagnostic.span))
}

/// Version 1's fingerprint, by the line(s) around the finding, for baselines written then.
fn line_fingerprint(diagnostic: &Diagnostic, source: &SourceFile) -> String {
    let context = source
        .slice(source.lines_of(diagnostic.span))
        .unwrap_or_default();
    hash_parts(diagnostic, source, context)
}

fn hash_parts(diagnostic: &Diagnostic, source: &SourceFile, context: &str) -> String {
    let text = source.slice(diagnostic.span).unwrap_or_default();
    let mut hash = Fnv::new();
    for part in [
        diagnostic.rule.as_str(),
        normal_path(&source.path).as_str(),
        fold(text).as_str(),
        fold(context).as_str(),
    ] {
        hash.write(part.as_bytes());
        hash.write(&[0]);
    }
    format!("{:016x}", hash.0)
}

/// The sentence a span starts in, within its paragraph (lines up to a blank line or a line
/// that starts a block: a heading, list item, quote or table row); its lines when no sentence
/// holds it.
fn sentence_of(source: &SourceFile, span: Span) -> &str {
    let text: &str = &source.text;
    let lines = || source.slice(source.lines_of(span)).unwrap_or_default();
    if span.start > text.len() || !text.is_char_boundary(span.start) {
        return lines();
    }
    let start = span.start;
    let lo = floor_char(text, start.saturating_sub(REACH));
    let hi = floor_char(text, start.saturating_add(REACH).min(text.len())).max(start);
    // Back to the paragraph's first line.
    let mut para_start = text[lo..start].rfind('\n').map_or(lo, |i| lo + i + 1);
    while para_start > lo && !starts_block(&text[para_start..]) {
        let prev_end = para_start - 1;
        let prev_start = text[lo..prev_end].rfind('\n').map_or(lo, |i| lo + i + 1);
        if text[prev_start..prev_end].trim().is_empty() {
            break;
        }
        para_start = prev_start;
    }
    // On to its last line.
    let mut para_end = text[start..hi].find('\n').map_or(hi, |i| start + i);
    while para_end < hi {
        let next_start = para_end + 1;
        let next_end = text[next_start..hi]
            .find('\n')
            .map_or(hi, |i| next_start + i);
        let next = &text[next_start..next_end];
        if next.trim().is_empty() || starts_block(next) {
            break;
        }
        para_end = next_end;
    }
    let paragraph = &text[para_start..para_end];
    let at = start - para_start;
    // Line ends as spaces (the same bytes), as the parser gives soft breaks to the analysis.
    let flat = paragraph.replace(['\n', '\r'], " ");
    crate::analyse::sentences(&flat)
        .into_iter()
        .rev()
        .find(|r| r.start <= at)
        .filter(|r| at <= r.end)
        .map_or_else(lines, |r| &paragraph[r])
}

/// Whether a line starts a Markdown block of its own (heading, list item, quote, table row).
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    t.starts_with(['#', '>', '|'])
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || (digits > 0 && t[digits..].starts_with(['.', ')']))
}

/// `at`, moved back to a char boundary.
fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Fingerprints unique within one file's findings (in order): the [`fingerprint`] and, after a
/// colon, the occurrence index among findings with the same one (`1a2b…:0`, `1a2b…:1`). For
/// SARIF `partialFingerprints` and other per-result identities.
pub fn occurrence_fingerprints(diagnostics: &[Diagnostic], source: &SourceFile) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let fp = fingerprint(d, source);
            let n = seen.entry(fp.clone()).or_insert(0);
            let out = format!("{fp}:{n}");
            *n += 1;
            out
        })
        .collect()
}

/// Findings a baseline records: those about articles' content, not about the run (an
/// unreadable file or a broken configuration must always be seen).
fn recordable(d: &Diagnostic) -> bool {
    !d.category.is_pipeline()
}

impl Baseline {
    /// Every content finding of a run, counted by fingerprint.
    pub fn from_outcome(outcome: &Outcome) -> Baseline {
        let mut recorder = Recorder::default();
        for report in &outcome.reports {
            recorder.add(report);
        }
        recorder.finish()
    }

    /// Reads a baseline file; the error says what is wrong with it.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let shown = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {shown}: {e}"))?;
        Baseline::parse(&text).map_err(|e| format!("baseline {shown} is not valid: {e}"))
    }

    /// Parses a baseline from its JSON text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        #[derive(Deserialize)]
        struct Versioned {
            version: Option<serde_json::Value>,
        }
        let versioned: Versioned = serde_json::from_str(text).map_err(|e| e.to_string())?;
        match versioned.version {
            Some(v)
                if v.as_u64() == Some(u64::from(VERSION))
                    || v.as_u64() == Some(u64::from(LINE_VERSION)) => {}
            Some(v) => {
                return Err(format!(
                    "version {v} is not supported (this carelint reads version {VERSION})"
                ));
            }
            None => return Err("missing `version`; is this a carelint baseline?".to_string()),
        }
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The baseline as written to disk: pretty JSON, sorted, with a final newline.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.findings.sort();
        let mut text = serde_json::to_string_pretty(&sorted).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Writes the baseline to `path`.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        std::fs::write(path, self.to_json())
            .map_err(|e| format!("cannot write baseline {}: {e}", path.display()))
    }

    /// Removes from `outcome` the findings this baseline records (as many of each fingerprint
    /// as it counts, earliest first) and records how many were hidden.
    pub fn apply(&self, outcome: &mut Outcome) -> usize {
        let mut hider = self.hider();
        for report in &mut outcome.reports {
            hider.apply(report);
        }
        outcome.baselined = Some(outcome.baselined.unwrap_or(0) + hider.hidden);
        hider.hidden
    }

    /// Hides this baseline's findings from reports as they stream past.
    pub fn hider(&self) -> Hider {
        let mut left: HashMap<(String, String, String), usize> = HashMap::new();
        for e in &self.findings {
            *left
                .entry((normal_path(&e.path), e.rule.clone(), e.fingerprint.clone()))
                .or_insert(0) += e.count;
        }
        Hider {
            left,
            hidden: 0,
            by_line: self.version == LINE_VERSION,
        }
    }
}

/// What is left of a baseline while reports stream past: each finding it records hides one
/// matching finding, earliest first.
#[derive(Debug)]
pub struct Hider {
    left: HashMap<(String, String, String), usize>,
    /// Findings hidden so far.
    pub hidden: usize,
    /// A version 1 baseline: its fingerprints are by line.
    by_line: bool,
}

impl Hider {
    /// Removes the findings the baseline records from one file's report.
    pub fn apply(&mut self, report: &mut FileReport) {
        let Some(source) = report.source.clone() else {
            return;
        };
        let path = normal_path(&report.path);
        let (left, hidden) = (&mut self.left, &mut self.hidden);
        let print = if self.by_line {
            line_fingerprint
        } else {
            fingerprint
        };
        report.diagnostics.retain(|d| {
            if !recordable(d) {
                return true;
            }
            let key = (path.clone(), d.rule.clone(), print(d, &source));
            match left.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    *hidden += 1;
                    false
                }
                _ => true,
            }
        });
    }
}

/// Collects a baseline from reports as they stream past (`--write-baseline`).
#[derive(Debug, Default)]
pub struct Recorder {
    counts: BTreeMap<(String, String, String), (usize, String)>,
}

impl Recorder {
    /// Records one file's content findings.
    pub fn add(&mut self, report: &FileReport) {
        let Some(source) = &report.source else {
            return;
        };
        for d in report.diagnostics.iter().filter(|d| recordable(d)) {
            let key = (
                normal_path(&report.path),
                d.rule.clone(),
                fingerprint(d, source),
            );
            let slot = self
                .counts
                .entry(key)
                .or_insert_with(|| (0, short(source.slice(d.span).unwrap_or_default())));
            slot.0 += 1;
        }
    }

    /// Records one file's content findings and removes them from its report, as applying the
    /// new baseline would; returns how many were removed.
    pub fn take(&mut self, report: &mut FileReport) -> usize {
        if report.source.is_none() {
            return 0;
        }
        self.add(report);
        let before = report.diagnostics.len();
        report.diagnostics.retain(|d| !recordable(d));
        before - report.diagnostics.len()
    }

    pub fn finish(self) -> Baseline {
        Baseline {
            version: VERSION,
            findings: self
                .counts
                .into_iter()
                .map(|((path, rule, fingerprint), (count, text))| Entry {
                    path,
                    rule,
                    fingerprint,
                    count,
                    text,
                })
                .collect(),
        }
    }
}

/// Paths as recorded: `/` separators, no leading `./`.
fn normal_path(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").map(str::to_string).unwrap_or(p)
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short(s: &str) -> String {
    let folded = fold(s);
    match folded.char_indices().nth(TEXT_LIMIT) {
        Some((at, _)) => format!("{}…", &folded[..at]),
        None => folded,
    }
}

/// 64-bit FNV-1a: tiny, dependency-free and the same on every platform and release, which is
/// all a fingerprint needs (it is not a security boundary).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::{Category, Severity};
    use crate::model::source::Span;

    fn finding(text: &str, needle: &str, nth: usize) -> Diagnostic {
        let start = text.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
        Diagnostic::new(
            "language/stigmatising",
            Category::StigmatisingLanguage,
            Severity::Warning,
            Span::new(start, start + needle.len()),
            "m",
        )
    }

    #[test]
    fn fingerprint_ignores_lines_above_and_whitespace() {
        let a = "# T\n\nHe suffers from it.\n";
        let b = "# T\n\nNew paragraph.\n\nMore.\n\nHe  suffers from\tit.\r\n";
        let fa = fingerprint(&finding(a, "suffers from", 0), &SourceFile::new("x.md", a));
        let fb = fingerprint(
            &finding(b, "suffers from", 0),
            &SourceFile::new("./x.md", b),
        );
        assert_eq!(fa, fb);
        assert_eq!(fa.len(), 16);
    }

    #[test]
    fn fingerprint_changes_with_rule_path_text_and_line() {
        let a = "He suffers from it.\nShe suffers from it too.\n";
        let src = SourceFile::new("x.md", a);
        let first = fingerprint(&finding(a, "suffers from", 0), &src);
        let second = fingerprint(&finding(a, "suffers from", 1), &src);
        assert_ne!(first, second, "different lines");
        let other_path = fingerprint(&finding(a, "suffers from", 0), &SourceFile::new("y.md", a));
        assert_ne!(first, other_path);
        let mut other_rule = finding(a, "suffers from", 0);
        other_rule.rule = "safety/suicide-language".into();
        assert_ne!(first, fingerprint(&other_rule, &src));
        assert_ne!(first, fingerprint(&finding(a, "He", 0), &src));
    }

    #[test]
    fn fingerprint_keeps_its_place_when_other_sentences_of_the_paragraph_change() {
        let a = "# T\n\nIt was hard. He suffers from it. Nobody knew.\n";
        let b = "# T\n\nIt was very hard for years. He suffers from it. Few people knew.\n";
        let c = "# T\n\nIt was hard. He suffers from it daily. Nobody knew.\n";
        let print =
            |t: &str| fingerprint(&finding(t, "suffers from", 0), &SourceFile::new("x.md", t));
        assert_eq!(print(a), print(b), "only other sentences changed");
        assert_ne!(print(a), print(c), "its own sentence changed");
        // A hard-wrapped sentence is one sentence across its lines.
        let wrapped = "# T\n\nIt was hard. He suffers\nfrom it. Nobody\nknew much.\n";
        let rewrapped = "# T\n\nIt was so hard. He suffers from\nit. Nobody knew.\n";
        let w = |t: &str| fingerprint(&finding(t, "He", 0), &SourceFile::new("x.md", t));
        assert_eq!(w(wrapped), w(rewrapped));
        // List items are sentences of their own, with or without a full stop.
        let list = "- first item\n- he is an addict\n- third item\n";
        let relist = "- a new first item\n- he is an addict\n- third\n";
        let l = |t: &str| fingerprint(&finding(t, "addict", 0), &SourceFile::new("x.md", t));
        assert_eq!(l(list), l(relist));
    }

    #[test]
    fn version_1_baselines_are_applied_by_line() {
        let text = "It was hard. He suffers from it.\n";
        let source = std::sync::Arc::new(SourceFile::new("x.md", text));
        let d = finding(text, "suffers from", 0);
        let old = Baseline {
            version: LINE_VERSION,
            findings: vec![Entry {
                path: "x.md".into(),
                rule: d.rule.clone(),
                fingerprint: line_fingerprint(&d, &source),
                count: 1,
                text: String::new(),
            }],
        };
        assert!(Baseline::parse(&old.to_json()).is_ok());
        let mut report = FileReport {
            path: "x.md".into(),
            source: Some(source),
            checked: true,
            diagnostics: vec![d],
        };
        let mut hider = old.hider();
        hider.apply(&mut report);
        assert_eq!(hider.hidden, 1);
        assert!(report.diagnostics.is_empty());
    }

    #[test]
    fn occurrences_tell_identical_findings_apart() {
        let a = "addict, addict\n";
        let src = SourceFile::new("x.md", a);
        let fps =
            occurrence_fingerprints(&[finding(a, "addict", 0), finding(a, "addict", 1)], &src);
        assert_ne!(fps[0], fps[1]);
        assert!(fps[0].ends_with(":0") && fps[1].ends_with(":1"));
        assert_eq!(fps[0].split(':').next(), fps[1].split(':').next());
    }

    #[test]
    fn parse_rejects_bad_files_with_a_reason() {
        assert!(Baseline::parse("not json").is_err());
        assert!(Baseline::parse("{}").unwrap_err().contains("version"));
        assert!(
            Baseline::parse(r#"{"version": 9, "findings": []}"#)
                .unwrap_err()
                .contains("version 9")
        );
        assert!(Baseline::parse(r#"{"version": 1, "findings": [{"path": 3}]}"#).is_err());
        assert!(Baseline::parse(r#"{"version": 1, "findings": []}"#).is_ok());
    }

    #[test]
    fn round_trips_sorted() {
        let b = Baseline {
            version: VERSION,
            findings: vec![
                Entry {
                    path: "b.md".into(),
                    rule: "r/x".into(),
                    fingerprint: "01".into(),
                    count: 1,
                    text: "t".into(),
                },
                Entry {
                    path: "a.md".into(),
                    rule: "r/x".into(),
                    fingerprint: "02".into(),
                    count: 2,
                    text: "u".into(),
                },
            ],
        };
        let text = b.to_json();
        let back = Baseline::parse(&text).unwrap();
        assert_eq!(back.findings[0].path, "a.md");
        assert_eq!(back.to_json(), text);
    }
}
