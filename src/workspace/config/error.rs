//! Configuration errors that point at the YAML line they come from.

use std::sync::Arc;

use crate::model::diagnostic::{Category, Diagnostic, Severity};
use crate::model::source::{SourceFile, Span};
use crate::rules;

use super::schema::UNKNOWN_RULE;

/// A problem in one configuration file, with the file's text so it can be shown.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub source: Arc<SourceFile>,
    pub diagnostic: Diagnostic,
}

impl ConfigError {
    pub fn new(source: Arc<SourceFile>, span: Span, message: String, help: Option<String>) -> Self {
        let mut diagnostic =
            Diagnostic::new("config", Category::Config, Severity::Error, span, message);
        diagnostic.help = help;
        ConfigError { source, diagnostic }
    }

    /// Turns a YAML deserialisation error into a labelled diagnostic with a suggestion.
    pub fn from_yaml(source: Arc<SourceFile>, error: &serde_yaml::Error) -> Self {
        let text = &source.text;
        let raw = error.to_string();
        // yaml_serde appends " at line L column C"; the label shows that place, so drop it (and
        // keep any other place the message mentions, such as where a bracket opened).
        let message = match error.location() {
            Some(l) => raw.replacen(
                &format!(" at line {} column {}", l.line(), l.column()),
                "",
                1,
            ),
            None => raw.clone(),
        };
        let mut start = error.location().map_or(0, |l| l.index()).min(text.len());
        let mut help = None;
        if let Some(id) = between(&message, &format!("{UNKNOWN_RULE} `"), "`") {
            // The error is reported at the start of the `rules:` map; find the key itself.
            if let Some(at) = find_key(text, start, id) {
                start = at;
            }
            help = suggest(id, rules::ids()).map(|s| format!("did you mean `{s}`?"));
            if help.is_none() {
                help = Some(format!(
                    "known rules: {}",
                    rules::ids().collect::<Vec<_>>().join(", ")
                ));
            }
        } else if let Some(phrase) = between(&message, "phrase \"", "\"")
            && !phrase.contains('\\')
            && let Some(at) = text.get(start..).and_then(|rest| rest.find(phrase))
        {
            // Phrase errors are reported at the start of their list; point at the phrase.
            start += at;
        } else if let Some(field) = between(&message, "unknown field `", "`")
            .or_else(|| between(&message, "unknown variant `", "`"))
        {
            let expected = expected_names(&message);
            help = suggest(field, expected.iter().map(String::as_str))
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| {
                    (!expected.is_empty())
                        .then(|| format!("expected one of: {}", expected.join(", ")))
                });
        }
        let end = token_end(text, start);
        ConfigError::new(source, Span::new(start, end), message, help)
    }
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let at = s.find(open)? + open.len();
    let len = s[at..].find(close)?;
    Some(&s[at..at + len])
}

/// Names listed as "expected one of `a`, `b`" in a serde message.
fn expected_names(message: &str) -> Vec<String> {
    let Some((_, list)) = message.split_once("expected ") else {
        return Vec::new();
    };
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The closest candidate by edit similarity, if it is close enough to be a likely typo.
pub fn suggest<'a>(wrong: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| {
            let tail = c.rsplit('/').next().unwrap_or(c);
            let score = strsim::jaro_winkler(wrong, c).max(strsim::jaro_winkler(wrong, tail));
            (score, c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Finds `key:` (optionally quoted) at or after `from`.
fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    let mut at = from;
    while let Some(rel) = text.get(at..)?.find(key) {
        let pos = at + rel;
        let before = text[..pos].chars().next_back();
        let after = &text[pos + key.len()..];
        let after = after.trim_start_matches(['"', '\'']);
        let starts_key =
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '"' | '\''));
        if starts_key
            && !in_comment(text, pos)
            && after.trim_start_matches([' ', '\t']).starts_with(':')
        {
            return Some(pos);
        }
        at = pos + key.len();
    }
    None
}

/// Whether `pos` is inside a `# comment` (a `#` earlier on its line, outside quotes, after a
/// blank or at the line start).
pub fn in_comment(text: &str, pos: usize) -> bool {
    let line_start = text[..pos].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let mut quote = None;
    let mut prev = ' ';
    for c in text[line_start..pos].chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => return true,
            _ => {}
        }
        prev = c;
    }
    false
}

/// End of the YAML token starting at `start`: a key up to its colon, or a scalar up to the end
/// of the line.
fn token_end(text: &str, start: usize) -> usize {
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let line = &text[start..line_end];
    let end = match line
        .find(": ")
        .or_else(|| line.strip_suffix(':').map(|l| l.len()))
    {
        Some(colon) if colon > 0 => start + colon,
        _ => start + line.trim_end().len(),
    };
    if end == start {
        // An empty token (end of file): point at one character if there is one.
        text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8())
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        let ids = ["language/stigmatising", "statistics/unsourced"];
        assert_eq!(
            suggest("language/stigmatizing", ids.into_iter()),
            Some("language/stigmatising")
        );
        assert_eq!(
            suggest("stigmatising", ids.into_iter()),
            Some("language/stigmatising")
        );
        assert_eq!(suggest("zzz", ids.into_iter()), None);
    }

    #[test]
    fn finds_keys() {
        let text = "rules:\n  a/b: off\n  \"c/d\": warning\n";
        assert_eq!(find_key(text, 0, "c/d"), Some(text.find("c/d").unwrap()));
        assert_eq!(token_end(text, 9), 12);
    }
}
