//! Inline suppressions: HTML comments in an article and its front matter that turn findings off.
//!
//! ```markdown
//! <!-- carelint-disable language/stigmatising, figures -- reason -->  (until an enable)
//! <!-- carelint-enable [RULE...] -->
//! <!-- carelint-disable-next-line RULE -->   (the next non-blank line)
//! <!-- carelint-disable-line RULE -->        (the line the comment is on)
//! <!-- carelint-disable-file [RULE...] -->
//! ```
//!
//! and `carelint: {disable: [RULE, ...]}` (or `disable: all`) in YAML front matter. A RULE is a
//! rule id, a family (`language`) or a lexicon entry id (`suicide/committed`); no RULE means
//! every rule. A comment in code is an example, not a directive.
//!
//! Each article's [`Suppressions`] table is built in the parallel per-file pass, and applied
//! once at the end of the run, after `figures/cross-article` has added its findings, so those
//! can be suppressed too. Findings about the directives themselves (`suppression/invalid`,
//! `suppression/unused`) are never suppressed.
//!
//! Why one file of ~840 lines (about 70 are tests): parsing directives, resolving their names
//! and applying them (with `suppression/unused` and `suppression/invalid`) share the directive
//! table and its spans.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::model::diagnostic::{Category, Diagnostic, Fix, Severity};
use crate::model::source::{SourceFile, Span};
use crate::parse::Document;
use crate::workspace::config::RulesConfig;

/// A directive that suppressed nothing (with `--report-unused-disables`).
pub const UNUSED: &str = "suppression/unused";
/// A directive that is malformed or names a rule carelint does not know.
pub const INVALID: &str = "suppression/invalid";

const PREFIX: &str = "carelint-";
const KINDS: [&str; 5] = [
    "carelint-disable",
    "carelint-enable",
    "carelint-disable-next-line",
    "carelint-disable-line",
    "carelint-disable-file",
];

/// The names a directive may use: rule ids, families and lexicon entry ids (each with its rule).
#[derive(Debug, Clone, Default)]
pub struct Names {
    rules: BTreeSet<&'static str>,
    families: BTreeSet<String>,
    /// Lexicon entry id → the rule that reports it.
    entries: BTreeMap<String, &'static str>,
}

impl Names {
    /// The names for a rule configuration: every rule, every family, the built-in lexicon
    /// entries and the publication's own entries.
    pub fn for_rules(config: &RulesConfig) -> Names {
        let rules: BTreeSet<&'static str> = crate::rules::ids().collect();
        let families = rules
            .iter()
            .filter_map(|id| id.split_once('/').map(|(f, _)| f.to_string()))
            .collect();
        let mut entries = BTreeMap::new();
        for builtin in crate::rules::lexicon::builtins() {
            if let Ok(lexicon) = builtin.lexicon() {
                for e in &lexicon.entries {
                    entries.insert(e.id.clone(), builtin.meta.id);
                }
            }
        }
        for builtin in crate::rules::lexicon::builtins() {
            for e in &config.options.get(builtin.options).entries {
                entries.insert(e.id.clone(), builtin.meta.id);
            }
        }
        Names {
            rules,
            families,
            entries,
        }
    }

    fn resolve(&self, name: &str) -> Option<Selector> {
        if let Some(id) = self.rules.get(name) {
            Some(Selector::Rule(id))
        } else if self.families.contains(name) {
            Some(Selector::Family(name.to_string()))
        } else {
            self.entries
                .get_key_value(name)
                .map(|(id, rule)| Selector::Entry(id.clone(), rule))
        }
    }

    fn suggest(&self, name: &str) -> Option<&str> {
        let all = self
            .rules
            .iter()
            .copied()
            .chain(self.families.iter().map(String::as_str))
            .chain(self.entries.keys().map(String::as_str));
        crate::workspace::config::suggest(name, all)
    }
}

/// What one name in a directive turns off.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Selector {
    Rule(&'static str),
    Family(String),
    /// A lexicon entry, with the rule that reports it.
    Entry(String, &'static str),
}

impl Selector {
    /// A rule that only finds anything when articles are compared with each other.
    fn compares_articles(&self) -> bool {
        matches!(self, Selector::Rule(id)
            if crate::rules::find(id).is_some_and(|spec| spec.meta.compares_articles()))
    }

    fn matches(&self, d: &Diagnostic) -> bool {
        match self {
            Selector::Rule(id) => d.rule == *id,
            Selector::Family(f) => d.rule.split_once('/').is_some_and(|(fam, _)| fam == f),
            Selector::Entry(id, rule) => d.rule == *rule && d.entry.as_deref() == Some(id),
        }
    }

    /// Whether every finding `other` matches, `self` matches too.
    fn covers(&self, other: &Selector) -> bool {
        match (self, other) {
            (a, b) if a == b => true,
            (Selector::Family(f), Selector::Rule(id) | Selector::Entry(_, id)) => {
                id.split_once('/').is_some_and(|(fam, _)| fam == f)
            }
            (Selector::Rule(r), Selector::Entry(_, id)) => r == id,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    Line,
    File,
    FrontMatter,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Disable => "carelint-disable",
            Kind::Enable => "carelint-enable",
            Kind::NextLine => "carelint-disable-next-line",
            Kind::Line => "carelint-disable-line",
            Kind::File => "carelint-disable-file",
            Kind::FrontMatter => "front matter `carelint: {disable}`",
        }
    }
}

/// One name as written in a directive.
#[derive(Debug, Clone)]
struct Name {
    /// `None` when the name is unknown (reported as `suppression/invalid`).
    selector: Option<Selector>,
    text: String,
    span: Span,
    /// What to delete to drop just this name (with its comma), when it can be done in place.
    removal: Option<Span>,
}

#[derive(Debug, Clone)]
struct Directive {
    kind: Kind,
    /// The comment (or front-matter entry) as a whole.
    span: Span,
    /// What to delete to drop the whole directive (its line, when it is alone on it).
    removal: Option<Span>,
    /// Empty: every rule.
    names: Vec<Name>,
}

/// Where a directive applies: byte offsets `[start, end)` (`end` may be `usize::MAX`: to the
/// end of the file, findings at the very end included).
#[derive(Debug, Clone)]
struct Zone {
    start: usize,
    end: usize,
    directive: usize,
    /// Indices into the directive's names; `None`: every rule.
    names: Option<Vec<usize>>,
    /// Turned back on by a `carelint-enable RULE` inside a wider region.
    except: Vec<Selector>,
}

/// One article's suppressions: built from its parsed document, applied to its findings.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    zones: Vec<Zone>,
    /// Directive comments: a finding inside one is about the comment's own text (a reason in a
    /// plain-text file), not the article's.
    comments: Vec<Span>,
    /// Malformed directives and unknown names.
    problems: Vec<Diagnostic>,
}

/// How [`Suppressions::apply`] reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApplyOptions {
    /// Report directives (and names in them) that suppressed nothing.
    pub report_unused: bool,
    /// Articles were compared with each other, so a directive for `figures/cross-article` had
    /// a chance to be used.
    pub compared: bool,
}

/// Findings that directives may turn off: not problems with the run, not about directives.
fn suppressible(d: &Diagnostic) -> bool {
    !d.category.is_pipeline() && d.category != Category::Suppression
}

impl Suppressions {
    /// Reads the directives of one article.
    pub fn build(doc: &Document, names: &Names) -> Suppressions {
        let mut table = Suppressions::default();
        table.front_matter(doc, names);
        table.comments(doc, names);
        table
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty() && self.problems.is_empty()
    }

    /// Drops suppressed findings and adds findings about the directives; returns the result
    /// sorted, and how many findings were suppressed.
    pub fn apply(
        &self,
        diagnostics: Vec<Diagnostic>,
        source: Option<&SourceFile>,
        options: ApplyOptions,
    ) -> (Vec<Diagnostic>, usize) {
        if self.is_empty() {
            return (diagnostics, 0);
        }
        let mut used: HashSet<(usize, Option<usize>)> = HashSet::new();
        let mut out = Vec::with_capacity(diagnostics.len());
        let mut suppressed = 0;
        for d in diagnostics {
            if !suppressible(&d) {
                out.push(d);
                continue;
            }
            let at = d.span.start;
            if self.comments.iter().any(|c| c.start <= at && at < c.end) {
                suppressed += 1;
                continue;
            }
            let mut hit = false;
            for zone in self.zones.iter().filter(|z| z.start <= at && at < z.end) {
                if zone.except.iter().any(|s| s.matches(&d)) {
                    continue;
                }
                match &zone.names {
                    None => {
                        used.insert((zone.directive, None));
                        hit = true;
                    }
                    Some(indices) => {
                        let directive = &self.directives[zone.directive];
                        for &i in indices {
                            let matched = directive.names[i]
                                .selector
                                .as_ref()
                                .is_some_and(|s| s.matches(&d));
                            if matched {
                                used.insert((zone.directive, Some(i)));
                                hit = true;
                            }
                        }
                    }
                }
            }
            if hit {
                suppressed += 1;
            } else {
                out.push(d);
            }
        }
        out.extend(self.problems.iter().cloned());
        if options.report_unused {
            out.extend(self.unused(&used, source, options));
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        (out, suppressed)
    }

    fn unused(
        &self,
        used: &HashSet<(usize, Option<usize>)>,
        source: Option<&SourceFile>,
        options: ApplyOptions,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (index, directive) in self.directives.iter().enumerate() {
            if directive.kind == Kind::Enable {
                continue;
            }
            let kind = directive.kind.name();
            if directive.names.is_empty() {
                if !used.contains(&(index, None)) {
                    out.push(unused_finding(
                        directive.span,
                        format!("this {kind} suppresses nothing"),
                        directive.removal,
                        source,
                    ));
                }
                continue;
            }
            // Names that could have been used and were not. Unknown names are already reported;
            // rules across articles (`figures/cross-article`) find only when articles are
            // compared.
            let idle: Vec<usize> = directive
                .names
                .iter()
                .enumerate()
                .filter(|(i, n)| {
                    n.selector
                        .as_ref()
                        .is_some_and(|s| options.compared || !s.compares_articles())
                        && !used.contains(&(index, Some(*i)))
                })
                .map(|(i, _)| i)
                .collect();
            if idle.is_empty() {
                continue;
            }
            if idle.len() == directive.names.len() {
                let listed: Vec<String> = directive
                    .names
                    .iter()
                    .map(|n| format!("`{}`", n.text))
                    .collect();
                out.push(unused_finding(
                    directive.span,
                    format!("this {kind} for {} suppresses nothing", listed.join(", ")),
                    directive.removal,
                    source,
                ));
            } else {
                for i in idle {
                    let name = &directive.names[i];
                    out.push(unused_finding(
                        name.span,
                        format!("`{}` in this {kind} suppresses nothing", name.text),
                        name.removal,
                        source,
                    ));
                }
            }
        }
        out
    }

    fn front_matter(&mut self, doc: &Document, names: &Names) {
        let Some(fm) = &doc.front_matter else { return };
        let Some(value) = fm.value.as_ref().and_then(|v| v.get("carelint")) else {
            return;
        };
        let text = &doc.source.text;
        let body = text.get(fm.span.range()).unwrap_or_default();
        // Spans point at the words in the YAML; searching after `carelint:` is exact enough.
        let key_at = body
            .find("carelint")
            .map_or(fm.span.start, |i| fm.span.start + i);
        let key_span = Span::new(key_at, key_at + "carelint".len().min(text.len() - key_at));
        let find = |word: &str, from: &mut usize| -> Span {
            match text
                .get(*from..fm.span.end)
                .and_then(|rest| rest.find(word))
            {
                Some(i) => {
                    let start = *from + i;
                    *from = start + word.len();
                    Span::new(start, start + word.len())
                }
                None => key_span,
            }
        };
        let invalid = |message: String| invalid_finding(key_span, message, None);
        let Some(map) = value.as_mapping() else {
            self.problems.push(invalid(
                "front matter `carelint:` must be a map such as `{disable: [language/stigmatising]}`"
                    .into(),
            ));
            return;
        };
        for key in map.keys() {
            if key.as_str() != Some("disable") {
                let key = key
                    .as_str()
                    .map_or_else(|| format!("{key:?}"), str::to_string);
                self.problems.push(invalid(format!(
                    "front matter `carelint:` has unknown key `{key}`; expected `disable`"
                )));
            }
        }
        let Some(disable) = map.get("disable") else {
            return;
        };
        let written: Vec<&str> = match disable {
            serde_yaml::Value::String(s) => vec![s.as_str()],
            serde_yaml::Value::Sequence(items) => {
                let strings: Option<Vec<&str>> = items.iter().map(|v| v.as_str()).collect();
                match strings {
                    Some(s) => s,
                    None => {
                        self.problems.push(invalid(
                            "front matter `carelint: {disable}` must list rule names".into(),
                        ));
                        return;
                    }
                }
            }
            _ => {
                self.problems.push(invalid(
                    "front matter `carelint: {disable}` must be `all` or a list of rule names"
                        .into(),
                ));
                return;
            }
        };
        let mut cursor = key_at;
        let all = written.contains(&"all");
        let mut list = Vec::new();
        for word in written {
            let span = find(word, &mut cursor);
            if word == "all" {
                continue;
            }
            list.push(self.name(word, span, None, names));
        }
        let index = self.directives.len();
        let span = if all {
            find("all", &mut key_at.clone())
        } else {
            key_span
        };
        self.directives.push(Directive {
            kind: Kind::FrontMatter,
            span,
            removal: None,
            names: if all { Vec::new() } else { list },
        });
        self.zones.push(Zone {
            start: 0,
            end: usize::MAX,
            directive: index,
            names: (!all).then(|| (0..self.directives[index].names.len()).collect()),
            except: Vec::new(),
        });
    }

    fn name(&mut self, text: &str, span: Span, removal: Option<Span>, names: &Names) -> Name {
        let selector = names.resolve(text);
        if selector.is_none() {
            let help = match names.suggest(text) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`carelint rules` lists the rules; a family such as `language` or a \
                         lexicon entry id such as `suicide/committed` works too"
                    .to_string(),
            };
            self.problems.push(invalid_finding(
                span,
                format!("unknown rule `{text}` in a suppression"),
                Some(help),
            ));
        }
        Name {
            selector,
            text: text.to_string(),
            span,
            removal,
        }
    }

    fn comments(&mut self, doc: &Document, names: &Names) {
        let source = &doc.source;
        let text: &str = &source.text;
        let front = doc.front_matter.as_ref().map(|f| f.span);
        let mut found: Vec<(Kind, Span, Vec<Name>)> = Vec::new();
        let mut from = 0;
        while let Some(rel) = text.get(from..).and_then(|t| t.find("<!--")) {
            let start = from + rel;
            let inner_start = start + 4;
            let Some(close) = text.get(inner_start..).and_then(|t| t.find("-->")) else {
                break;
            };
            let inner_end = inner_start + close;
            let end = inner_end + 3;
            from = end;
            if front.is_some_and(|f| f.start <= start && start < f.end) || in_code(&doc.code, start)
            {
                continue;
            }
            let inner = &text[inner_start..inner_end];
            let lead = inner.len() - inner.trim_start().len();
            let body = &inner[lead..];
            if !body.starts_with(PREFIX) {
                continue;
            }
            let word_len = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
            let word = &body[..word_len];
            let word_at = inner_start + lead;
            let span = Span::new(start, end);
            let kind = match word {
                "carelint-disable" => Kind::Disable,
                "carelint-enable" => Kind::Enable,
                "carelint-disable-next-line" => Kind::NextLine,
                "carelint-disable-line" => Kind::Line,
                "carelint-disable-file" => Kind::File,
                other => {
                    let help = crate::workspace::config::suggest(other, KINDS.into_iter())
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| format!("directives: {}", KINDS.join(", ")));
                    self.problems.push(invalid_finding(
                        Span::new(word_at, word_at + word_len),
                        format!("unknown directive `{other}`"),
                        Some(help),
                    ));
                    self.comments.push(span);
                    continue;
                }
            };
            // The reason follows ` -- `; names come before it.
            let list_start = word_at + word_len;
            let list_end = reason_start(text, list_start, inner_end);
            let mut list = Vec::new();
            for (token, at) in tokens(text, list_start, list_end) {
                let removal = token_removal(text, at, token.len(), list_start, list_end);
                let token_span = Span::new(at, at + token.len());
                if token == "all" {
                    continue;
                }
                list.push(self.name(token, token_span, Some(removal), names));
            }
            let all = tokens(text, list_start, list_end).any(|(t, _)| t == "all");
            if all {
                list.clear();
            }
            self.comments.push(span);
            found.push((kind, span, list));
        }
        self.place(source, found);
    }

    /// Turns comments into zones, in file order.
    fn place(&mut self, source: &SourceFile, found: Vec<(Kind, Span, Vec<Name>)>) {
        // Open regions: zone template with its start.
        let mut open: Vec<Zone> = Vec::new();
        for (kind, span, list) in found {
            let index = self.directives.len();
            let names = (!list.is_empty()).then(|| (0..list.len()).collect::<Vec<_>>());
            let selectors: Vec<Option<Selector>> =
                list.iter().map(|n| n.selector.clone()).collect();
            self.directives.push(Directive {
                kind,
                span,
                removal: Some(line_removal(source, span)),
                names: list,
            });
            match kind {
                Kind::Disable => open.push(Zone {
                    start: span.start,
                    end: usize::MAX,
                    directive: index,
                    names,
                    except: Vec::new(),
                }),
                Kind::Enable => {
                    let mut reopened = Vec::new();
                    for mut zone in open.drain(..) {
                        let mut next = zone.clone();
                        zone.end = span.start;
                        self.zones.push(zone);
                        if selectors.is_empty() {
                            continue;
                        }
                        let directive = &self.directives[next.directive];
                        for selector in selectors.iter().flatten() {
                            if let Some(indices) = &mut next.names {
                                indices.retain(|&i| {
                                    !directive.names[i]
                                        .selector
                                        .as_ref()
                                        .is_some_and(|s| selector.covers(s))
                                });
                            }
                            next.except.push(selector.clone());
                        }
                        if next.names.as_ref().is_none_or(|n| !n.is_empty()) {
                            next.start = span.start;
                            reopened.push(next);
                        }
                    }
                    open = reopened;
                }
                Kind::NextLine => {
                    let last = source.position(span.end.saturating_sub(1)).line;
                    if let Some(line) = self.next_content_line(source, last) {
                        self.zones.push(Zone {
                            start: source.line_start(line),
                            end: line_end_bound(source, line),
                            directive: index,
                            names,
                            except: Vec::new(),
                        });
                    }
                }
                Kind::Line => {
                    let first = source.position(span.start).line;
                    let last = source.position(span.end.saturating_sub(1)).line;
                    self.zones.push(Zone {
                        start: source.line_start(first),
                        end: line_end_bound(source, last),
                        directive: index,
                        names,
                        except: Vec::new(),
                    });
                }
                Kind::File | Kind::FrontMatter => self.zones.push(Zone {
                    start: 0,
                    end: usize::MAX,
                    directive: index,
                    names,
                    except: Vec::new(),
                }),
            }
        }
        self.zones.extend(open);
    }

    /// The first line after `line` with something other than whitespace and directives.
    fn next_content_line(&self, source: &SourceFile, line: usize) -> Option<usize> {
        (line + 1..=source.line_count()).find(|&l| {
            let (start, end) = (source.line_start(l), source.line_end(l));
            let text = source.text.get(start..end).unwrap_or_default();
            text.char_indices().any(|(i, c)| {
                let at = start + i;
                !c.is_whitespace() && !self.comments.iter().any(|s| s.start <= at && at < s.end)
            })
        })
    }
}

fn in_code(code: &[Span], at: usize) -> bool {
    let i = code.partition_point(|s| s.start <= at);
    code[..i].iter().rev().any(|s| at < s.end)
}

/// Where a zone for lines up to `line` ends: the start of the next line (or past the end).
fn line_end_bound(source: &SourceFile, line: usize) -> usize {
    if line >= source.line_count() {
        usize::MAX
    } else {
        source.line_start(line + 1)
    }
}

/// The offset where a directive's names end: at ` --` (the reason), or the end of the comment.
fn reason_start(text: &str, from: usize, to: usize) -> usize {
    let inner = text.get(from..to).unwrap_or_default();
    let mut prev_space = true;
    for (i, c) in inner.char_indices() {
        if c == '-' && prev_space && inner[i..].starts_with("--") {
            return from + i;
        }
        prev_space = c.is_whitespace();
    }
    to
}

/// Names separated by commas and/or whitespace, with their offsets.
fn tokens(text: &str, from: usize, to: usize) -> impl Iterator<Item = (&str, usize)> {
    let inner = text.get(from..to).unwrap_or_default();
    inner
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(move |t| (t, from + (t.as_ptr() as usize - inner.as_ptr() as usize)))
}

/// The bytes to delete to drop one name from a list: the name and the separator after it (or,
/// for the last name, the separator before it).
fn token_removal(text: &str, at: usize, len: usize, from: usize, to: usize) -> Span {
    let is_sep = |c: char| c == ',' || c.is_whitespace();
    let end = at + len;
    let after = text.get(end..to).unwrap_or_default();
    let following = after.len() - after.trim_start_matches(is_sep).len();
    if end + following < to {
        return Span::new(at, end + following);
    }
    let before = text.get(from..at).unwrap_or_default();
    let preceding = before.len() - before.trim_end_matches(is_sep).len();
    // Keep one space between the directive word and whatever follows.
    let start = if preceding == before.len() {
        at
    } else {
        at - preceding
    };
    Span::new(start, end)
}

/// The bytes to delete to drop a comment: its whole line when it is alone on it.
fn line_removal(source: &SourceFile, span: Span) -> Span {
    let first = source.position(span.start).line;
    let last = source.position(span.end.saturating_sub(1)).line;
    let (start, end) = (source.line_start(first), source.line_end(last));
    let text: &str = &source.text;
    let alone = text
        .get(start..span.start)
        .is_some_and(|t| t.trim().is_empty())
        && text.get(span.end..end).is_some_and(|t| t.trim().is_empty());
    if alone {
        Span::new(start, source.line_start(last + 1).max(end))
    } else {
        span
    }
}

fn invalid_finding(span: Span, message: String, help: Option<String>) -> Diagnostic {
    let mut d = Diagnostic::new(
        INVALID,
        Category::Suppression,
        Severity::Warning,
        span,
        message,
    );
    d.help = help;
    d
}

fn unused_finding(
    span: Span,
    message: String,
    removal: Option<Span>,
    source: Option<&SourceFile>,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        UNUSED,
        Category::Suppression,
        Severity::Warning,
        span,
        message,
    )
    .with_help(
        "Remove it: nothing here is reported any more (or the rule is off for this file). \
         Reported because of --report-unused-disables.",
    );
    if let Some(removal) = removal
        && source.is_some_and(|s| s.slice(removal).is_some())
    {
        d = d.with_fix(Fix {
            span: removal,
            replacement: String::new(),
            safe: true,
        });
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_start_at_a_spaced_double_dash() {
        let t = "carelint-disable a/b, c -- why -- more";
        assert_eq!(reason_start(t, 16, t.len()), 24);
        let t = "carelint-disable a--b";
        assert_eq!(reason_start(t, 16, t.len()), t.len(), "not inside a name");
    }

    #[test]
    fn names_split_on_commas_and_spaces_with_offsets() {
        let t = "x a/b,c  d ,e";
        let got: Vec<(&str, usize)> = tokens(t, 1, t.len()).collect();
        assert_eq!(got, vec![("a/b", 2), ("c", 6), ("d", 9), ("e", 12)]);
    }

    #[test]
    fn removing_a_name_keeps_the_list_well_formed() {
        let t = "<!-- carelint-disable-line a, b -->";
        let (from, to) = (26, t.len() - 4);
        let drop = |at: usize, len: usize| {
            let s = token_removal(t, at, len, from, to);
            format!("{}{}", &t[..s.start], &t[s.end..])
        };
        assert_eq!(drop(27, 1), "<!-- carelint-disable-line b -->");
        assert_eq!(drop(30, 1), "<!-- carelint-disable-line a -->");
    }

    #[test]
    fn code_spans_are_found_by_offset() {
        let code = [Span::new(5, 10), Span::new(20, 30)];
        assert!(!in_code(&code, 4));
        assert!(in_code(&code, 5));
        assert!(in_code(&code, 29));
        assert!(!in_code(&code, 30));
        assert!(!in_code(&[], 0));
    }

    #[test]
    fn selectors_cover_narrower_ones() {
        let family = Selector::Family("language".into());
        let rule = Selector::Rule("language/stigmatising");
        let entry = Selector::Entry("substance-use/addict".into(), "language/stigmatising");
        assert!(family.covers(&rule) && family.covers(&entry) && rule.covers(&entry));
        assert!(!rule.covers(&family) && !entry.covers(&rule));
        assert!(!Selector::Family("figures".into()).covers(&rule));
    }

    #[test]
    fn names_resolve_rules_families_and_entries() {
        let names = Names::for_rules(&RulesConfig::default());
        assert_eq!(
            names.resolve("language/stigmatising"),
            Some(Selector::Rule("language/stigmatising"))
        );
        assert_eq!(
            names.resolve("figures"),
            Some(Selector::Family("figures".into()))
        );
        assert!(matches!(
            names.resolve("suicide/committed"),
            Some(Selector::Entry(_, "safety/suicide-language"))
        ));
        assert_eq!(names.resolve("langauge"), None);
        assert_eq!(names.suggest("langauge"), Some("language"));
    }
}
