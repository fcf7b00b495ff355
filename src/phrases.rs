//! Phrase lists compiled into one Aho–Corasick automaton.
//!
//! Rule data writes phrases as literal words with brace alternation (`suffer{,s,ed,ing} from`).
//! Every expanded form goes into a single automaton that scans a block's prose once, whatever the
//! size of the list; matches are then kept only where they are whole words.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A phrase hit: which entry it belongs to and its byte range in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub entry: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct PhraseSet {
    automaton: AhoCorasick,
    /// For each automaton pattern: (entry index, case-sensitive, the pattern text).
    patterns: Vec<(usize, bool, String)>,
}

/// Most forms one phrase may expand to: `{a,b}` written 30 times would otherwise ask for a
/// billion strings.
pub const MAX_FORMS: usize = 4096;

/// Most forms one automaton holds, all phrases together: about 100 times the built-in lexicons,
/// and still built in well under a second and a few hundred MB.
pub const MAX_PATTERNS: usize = 200_000;

/// Deserializes a phrase list (`match:`), rejecting a phrase that does not expand where it is
/// written, so the configuration error points at its YAML line.
pub fn checked_phrases<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::Deserialize;
    /// One phrase, checked as it is read, so the error has the phrase's own position.
    struct Checked(String);
    impl<'de> Deserialize<'de> for Checked {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let phrase = String::deserialize(d)?;
            expand(&phrase).map_err(serde::de::Error::custom)?;
            Ok(Checked(phrase))
        }
    }
    let phrases = Vec::<Checked>::deserialize(d)?;
    Ok(phrases.into_iter().map(|Checked(p)| p).collect())
}

/// Expands `{a,b,}` groups (any number, not nested) and lets `'` stand for both `'` and `’`.
pub fn expand(phrase: &str) -> Result<Vec<String>, String> {
    let mut forms = vec![String::new()];
    let mut rest = phrase.trim();
    if rest.is_empty() {
        return Err("empty phrase".into());
    }
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| format!("unclosed `{{` in phrase {}", shorten(phrase)))?;
        let inner = &rest[open + 1..close];
        if inner.contains('{') {
            return Err(format!("nested `{{` in phrase {}", shorten(phrase)));
        }
        let lead = &rest[..open];
        // Checked before the forms are built, so a long group cannot allocate first.
        if forms.len().saturating_mul(inner.split(',').count()) > MAX_FORMS {
            return Err(format!(
                "phrase {} expands to more than {MAX_FORMS} forms",
                shorten(phrase)
            ));
        }
        let mut next = Vec::new();
        for form in &forms {
            for alt in inner.split(',') {
                next.push(format!("{form}{lead}{alt}"));
            }
        }
        forms = next;
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("unmatched `}}` in phrase {}", shorten(phrase)));
    }
    let mut out = Vec::new();
    for form in forms {
        let form = format!("{form}{rest}");
        let form = form.split_whitespace().collect::<Vec<_>>().join(" ");
        if form.is_empty() {
            continue;
        }
        if form.contains('\'') {
            out.push(form.replace('\'', "’"));
        }
        out.push(form);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// A phrase for an error message: long ones cut to their first 60 characters.
fn shorten(phrase: &str) -> String {
    match phrase.char_indices().nth(60) {
        Some((at, _)) => format!("{:?}…", &phrase[..at]),
        None => format!("{phrase:?}"),
    }
}

impl PhraseSet {
    /// Builds the automaton from `(entry index, phrase, case_sensitive)` triples.
    pub fn new<'a>(
        phrases: impl IntoIterator<Item = (usize, &'a str, bool)>,
    ) -> Result<Self, String> {
        let mut patterns = Vec::new();
        for (entry, phrase, case_sensitive) in phrases {
            for form in expand(phrase)? {
                patterns.push((entry, case_sensitive, form));
            }
            if patterns.len() > MAX_PATTERNS {
                return Err(format!(
                    "phrase lists expand to more than {MAX_PATTERNS} forms; split them or use fewer `{{…}}` groups"
                ));
            }
        }
        // Patterns are lower-cased here and text is lower-cased (ASCII only, so byte offsets
        // stay put) before the search: an automaton without case-folded transitions is about
        // half the size to build, which is most of carelint's start-up time.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|(_, _, p)| p.to_ascii_lowercase()))
            .map_err(|e| format!("cannot build phrase automaton: {e}"))?;
        Ok(PhraseSet {
            automaton,
            patterns,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every whole-word occurrence of every phrase in `text`, overlapping ones included,
    /// ordered by start and then longest first. Callers filter these by context and then keep
    /// non-overlapping ones with [`non_overlapping`], so a candidate rejected by a filter never
    /// hides a shorter or later one that would pass.
    pub fn candidates(&self, text: &str) -> Vec<PhraseMatch> {
        self.matches(text, true)
    }

    /// Like [`PhraseSet::candidates`], but without the whole-word check: for text that lost its
    /// spaces in conversion ("call the988 Lifelineat988"), where callers check boundaries
    /// themselves.
    pub fn candidates_anywhere(&self, text: &str) -> Vec<PhraseMatch> {
        self.matches(text, false)
    }

    fn matches(&self, text: &str, whole_words: bool) -> Vec<PhraseMatch> {
        let lower = text.to_ascii_lowercase();
        let mut out: Vec<PhraseMatch> = self
            .automaton
            .find_overlapping_iter(&lower)
            .filter_map(|m| {
                let (entry, case_sensitive, pattern) = &self.patterns[m.pattern().as_usize()];
                if *case_sensitive && &text[m.range()] != pattern {
                    return None;
                }
                (!whole_words || is_whole_word(text, m.start(), m.end())).then_some(PhraseMatch {
                    entry: *entry,
                    start: m.start(),
                    end: m.end(),
                })
            })
            .collect();
        out.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.entry.cmp(&b.entry))
        });
        out
    }

    /// Leftmost-longest, non-overlapping whole-word matches.
    pub fn find_iter(&self, text: &str) -> impl Iterator<Item = PhraseMatch> {
        non_overlapping(self.candidates(text))
    }

    /// Whether any phrase occurs in `text` as whole words.
    pub fn occurs_in(&self, text: &str) -> bool {
        self.find_iter(text).next().is_some()
    }

    /// The phrase (of this set) that `text` starts with, as whole words, if any.
    pub fn prefix_of(&self, text: &str) -> Option<PhraseMatch> {
        self.find_iter(text).find(|m| m.start == 0)
    }
}

/// Keeps the leftmost-longest of overlapping matches (input sorted as [`PhraseSet::candidates`]).
pub fn non_overlapping(
    sorted: impl IntoIterator<Item = PhraseMatch>,
) -> impl Iterator<Item = PhraseMatch> {
    let mut end = 0;
    sorted.into_iter().filter(move |m| {
        if m.start < end {
            return false;
        }
        end = m.end;
        true
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    // A boundary is only needed where the phrase itself starts or ends with a word character.
    let left_ok = !first.is_some_and(is_word_char) || !before.is_some_and(is_word_char);
    let right_ok = !last.is_some_and(is_word_char) || !after.is_some_and(is_word_char);
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_braces_and_apostrophes() {
        assert_eq!(
            expand("suffer{,s,ed} from").unwrap(),
            vec!["suffer from", "suffered from", "suffers from"]
        );
        assert_eq!(
            expand("men don't cry").unwrap(),
            vec!["men don't cry", "men don’t cry"]
        );
        assert_eq!(expand("{a,b} {c,d}").unwrap().len(), 4);
        assert!(expand("bad {brace").is_err());
        assert!(expand("x}").is_err());
    }

    #[test]
    fn matches_whole_words_case_insensitively() {
        let set =
            PhraseSet::new([(0, "addict{,s}", false), (1, "suffer{s,ing} from", false)]).unwrap();
        let text = "Addicts and an addict; addicted people, suffers from it. Suffering from";
        let hits: Vec<_> = set.find_iter(text).map(|m| &text[m.start..m.end]).collect();
        assert_eq!(
            hits,
            vec!["Addicts", "addict", "suffers from", "Suffering from"]
        );
    }

    #[test]
    fn a_rejected_longer_match_does_not_hide_a_shorter_one() {
        // "an epileptic fit" must still find "epileptic fit" when "an epileptic" is not a word
        // boundary match or is filtered out.
        let set =
            PhraseSet::new([(0, "an epileptic", false), (1, "epileptic fit{,s}", false)]).unwrap();
        let all = set.candidates("had an epileptic fit");
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].entry, 0);
        assert_eq!(all[1].entry, 1);
        let kept: Vec<_> = non_overlapping(all.into_iter().filter(|m| m.entry == 1)).collect();
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn case_sensitive_entries_need_exact_case() {
        let set = PhraseSet::new([(0, "OAP", true)]).unwrap();
        assert!(set.occurs_in("an OAP bus pass"));
        assert!(!set.occurs_in("the oap"));
    }
}
