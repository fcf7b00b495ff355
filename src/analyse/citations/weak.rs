//! Weak attribution as a small grammar, not a list of sentences: a *head* that gestures at a
//! source (a research noun such as "studies", "a report", "data", or people such as "experts"),
//! with the words that may stand around it:
//!
//! * `[lead-in] [determiner] [modifiers…] head`: "according to certain studies", "a recent
//!   government report", "one study", "(2021 study)";
//! * `[determiner] [modifiers…] head [of/in … up to three words] [links…] verb`: "government
//!   studies also suggest", "a 2021 meta-analysis found", "2023 data shows", "experts in the
//!   field seem to agree", "current estimates put", a headline's "…, study finds".
//!
//! A bare head with neither a verb, an indefinite determiner, a lead-in nor brackets is not
//! weak ("the study design"). A head right after a capitalised word that is not one of the
//! modifiers belongs to a name ("the Glamour survey found"): whether that name is a source is
//! the finder's business, not a weak gesture. Passive hedges ("it is estimated that") name no
//! source and gesture at none: they are not here, so their figures are unsourced.
//!
//! Why one file of ~670 lines (about 80 are tests): the grammar's parts (heads, the words
//! around them, words a converted page glued together) are read in one walk over a block's
//! words, and each part decides only with the others beside it.
//!
//! The word classes are data (`weak_cues` in `rules/statistics.yml`).

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use serde::Deserialize;

/// The word classes of `weak_cues` in `rules/statistics.yml`, lower case.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeakCueData {
    pub heads: Vec<String>,
    pub people: Vec<String>,
    pub determiners: Vec<String>,
    pub modifiers: Vec<String>,
    pub prepositions: Vec<String>,
    pub links: Vec<String>,
    pub verbs: Vec<String>,
    pub lead_ins: Vec<String>,
    /// Prepositions that lead a head with no determiner ("by studies of twins").
    #[serde(default)]
    pub bare_lead_ins: Vec<String>,
    /// Capitalised words that name no source: nationalities and regions ("a Danish study").
    #[serde(default)]
    pub not_names: Vec<String>,
}

#[derive(Debug, Default)]
pub struct WeakCues {
    heads: HashSet<String>,
    people: HashSet<String>,
    determiners: HashSet<String>,
    modifiers: HashSet<String>,
    prepositions: HashSet<String>,
    links: HashSet<String>,
    verbs: HashSet<String>,
    /// Each lead-in as its words ("according to" → ["according", "to"]).
    lead_ins: Vec<Vec<String>>,
    bare_lead_ins: HashSet<String>,
    not_names: HashSet<String>,
    /// The heads by their first byte (the last bucket holds an empty head): a glued word is
    /// compared only with the heads it can start with, and most words with none.
    heads_by_first: Vec<Vec<String>>,
    /// Every head and people word, found anywhere in a text whatever its case: a text without
    /// any (most blocks) holds no cue, and is not split into words at all. `None` when some
    /// head is empty or not ASCII.
    any_head: Option<aho_corasick::AhoCorasick>,
}

/// Most words a prepositional phrase may hold between a head and its verb ("experts in the
/// field agree"): more reads across clauses.
const MAX_PP_WORDS: usize = 3;
/// How many words before a cue a capitalised word still names it ("a Glamour magazine survey").
const NAME_REACH: usize = 2;
/// Most link words ("have also", "seem to") between a head and its verb.
const MAX_LINKS: usize = 3;

fn set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

impl WeakCues {
    pub fn new(data: &WeakCueData) -> Self {
        WeakCues {
            heads: set(&data.heads),
            people: set(&data.people),
            determiners: set(&data.determiners),
            modifiers: set(&data.modifiers),
            prepositions: set(&data.prepositions),
            links: set(&data.links),
            verbs: set(&data.verbs),
            lead_ins: data
                .lead_ins
                .iter()
                .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
                .filter(|l: &Vec<String>| !l.is_empty())
                .collect(),
            bare_lead_ins: set(&data.bare_lead_ins),
            not_names: set(&data.not_names),
            any_head: {
                let words = set(&data.heads).into_iter().chain(set(&data.people));
                let words: Vec<String> = words.collect();
                // Case is folded for ASCII only: a head with other letters turns the test off.
                if words.iter().any(|w| w.is_empty() || !w.is_ascii()) {
                    None
                } else {
                    aho_corasick::AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .build(&words)
                        .ok()
                }
            },
            heads_by_first: {
                let mut buckets = vec![Vec::new(); 257];
                for head in set(&data.heads) {
                    let at = head.as_bytes().first().map_or(256, |&b| usize::from(b));
                    buckets[at].push(head);
                }
                buckets
            },
        }
    }

    /// Whether a word starting with `first` (lowered) may start with a head.
    fn may_start_head(&self, first: Option<u8>) -> bool {
        let starts = |at: usize| self.heads_by_first.get(at).is_some_and(|b| !b.is_empty());
        starts(256) || first.is_some_and(|b| starts(usize::from(b)))
    }

    /// Every weak cue in `text`, as byte ranges (from the first word of the cue to its verb or
    /// head).
    pub fn find(&self, text: &str, out: &mut Vec<Range<usize>>) {
        if self.heads.is_empty() {
            return;
        }
        // Every head a word can lower-case to holds the head's bytes in some case (outside
        // ASCII only the Kelvin sign lowers to an ASCII letter).
        if self.any_head.as_ref().is_some_and(|a| !a.is_match(text)) {
            return;
        }
        let words = self.unglue(text, tokens(text));
        // Most texts hold no head or people word: nothing to find, and no word to lower-case.
        let mut buf = String::new();
        let any_cue = words.iter().any(|r| {
            let word = &text[r.clone()];
            let lower: std::borrow::Cow<str> = if word.is_ascii() {
                buf.clear();
                buf.push_str(word);
                buf.make_ascii_lowercase();
                buf.as_str().into()
            } else {
                word.to_lowercase().into()
            };
            self.people.contains(&*lower) || self.heads.contains(&*lower)
        });
        if !any_cue {
            return;
        }
        let lower: Vec<String> = words
            .iter()
            .map(|r| text[r.clone()].to_lowercase())
            .collect();
        // Whether only spaces separate word i from word i + 1: a no-break space too, and one
        // mis-decoded as "Â" plus a no-break space ("surveyÂ found").
        let joined = |i: usize| {
            words.get(i + 1).is_some_and(|next| {
                text[words[i].end..next.start]
                    .chars()
                    .all(|c| matches!(c, ' ' | '\u{a0}' | 'Â'))
            })
        };
        let mut last_end = 0;
        for (h, word) in lower.iter().enumerate() {
            let people = self.people.contains(word.as_str());
            if !people && !self.heads.contains(word.as_str()) {
                continue;
            }
            // Left: modifiers (and years), then a determiner, then a lead-in.
            let mut first = h;
            while first > 0
                && joined(first - 1)
                && (self.modifiers.contains(lower[first - 1].as_str())
                    || self.not_names.contains(lower[first - 1].as_str())
                    || is_year(&lower[first - 1]))
            {
                first -= 1;
            }
            let mut indefinite = false;
            let bare = first;
            if first > 0
                && joined(first - 1)
                && (self.determiners.contains(lower[first - 1].as_str())
                    || lower[first - 1] == "the")
            {
                indefinite = lower[first - 1] != "the";
                first -= 1;
            }
            // A capitalised word just before the cue (up to two words back, "a new Glamour
            // magazine survey") or among its modifiers names it; so does a name after it ("a
            // study by Smith", "figures from the 2003 Renfrew survey", "a review in BMC …").
            // An ordinary word capitalised at the cue's start ("Recent studies indicate", "One
            // survey found") opens a sentence: a capitalised word before it ends a heading or
            // the sentence before ("Current Statistics" on the line above), and names nothing.
            let opens_sentence = first < h
                && text[words[first].clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && (self.modifiers.contains(lower[first].as_str())
                    || self.determiners.contains(lower[first].as_str())
                    || lower[first] == "the");
            let named_before = !opens_sentence
                && (1..=NAME_REACH).any(|back| {
                    first >= back
                        && (first - back..first).all(&joined)
                        && !(first - back..first)
                            .any(|k| self.determiners.contains(lower[k].as_str()))
                        && is_name(text, &words, first - back)
                        && !self.not_names.contains(lower[first - back].as_str())
                });
            if named_before
                || (first + 1..h).any(|k| {
                    is_name(text, &words, k) && !self.not_names.contains(lower[k].as_str())
                })
                || named_after(text, &words, &lower, h, &joined)
            {
                continue;
            }
            let mut start = first;
            let mut lead = false;
            for l in &self.lead_ins {
                let n = l.len();
                if first >= n && (first - n..first).all(&joined) && lower[first - n..first] == l[..]
                {
                    start = first - n;
                    lead = true;
                    break;
                }
            }
            // A lone preposition leads only a bare head: "by studies of twins", not "in the
            // study".
            // "from study to study" says figures differ between studies, not whose they are.
            let from_to = lower.get(h + 1).is_some_and(|w| w == "to") && joined(h);
            if !lead
                && !people
                && !from_to
                && first == bare
                && first > 0
                && joined(first - 1)
                && self.bare_lead_ins.contains(lower[first - 1].as_str())
            {
                start = first - 1;
                lead = true;
            }
            // Right: an optional "of/in …" phrase and link words, then a reporting verb.
            let verb = self.verb_after(&lower, h, &joined);
            let bracketed = text[..words[first].start].ends_with('(')
                && text[words[h].end..].starts_with(')')
                && (first..h).any(|k| is_year(&lower[k]));
            let end = match verb {
                Some(v) => words[v].end,
                // Without a verb the head must end its noun phrase ("one study, 40%", "a study
                // of"), not modify another noun ("an international research network").
                None if (lead || !people && (indefinite || bracketed))
                    && ends_phrase(text, &words, &lower, h) =>
                {
                    words[h].end
                }
                None => continue,
            };
            let begin = words[start].start;
            if begin >= last_end {
                out.push(begin..end);
                last_end = end;
            }
        }
    }

    /// Splits a head glued to the word after it by a lost link space ("studyof",
    /// "reviewsuggests", "surveyshowed") into the two words.
    /// Where a lowered word splits into a head and a glued verb, preposition or link word
    /// ("studiesshow"): after the longest head that fits, so the split does not depend on set
    /// order.
    fn head_split(&self, lower: &str) -> Option<usize> {
        let bucket = |at: usize| self.heads_by_first.get(at).into_iter().flatten();
        let first = lower.as_bytes().first().map_or(256, |&b| usize::from(b));
        bucket(first)
            .chain(
                if first == 256 {
                    None
                } else {
                    Some(bucket(256))
                }
                .into_iter()
                .flatten(),
            )
            .filter_map(|h| {
                let rest = lower.strip_prefix(h.as_str())?;
                (rest.len() >= 2
                    && (self.verbs.contains(rest)
                        || self.prepositions.contains(rest)
                        || self.links.contains(rest)))
                .then_some(h.len())
            })
            .max()
    }

    /// Where a word glued on both sides of a head ("Additionalresearchsuggests",
    /// "Ananalysisfound") splits: the head's start and its end, when a word comes before it and
    /// a verb, preposition or link word after it. Only long ASCII words can hold all three.
    /// `buf` is the caller's buffer for the lowered word.
    fn inner_split(&self, word: &str, buf: &mut String) -> Option<(usize, usize)> {
        // A one-letter word, a four-letter head ("data") and a two-letter word ("on").
        const SHORTEST: usize = 1 + 4 + 2;
        if word.len() < SHORTEST || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        buf.clear();
        buf.push_str(word);
        buf.make_ascii_lowercase();
        let lower = buf.as_str();
        (1..=lower.len() - 6).find_map(|at| {
            if !self.may_start_head(lower.as_bytes().get(at).copied()) {
                return None;
            }
            let head = self.head_split(&lower[at..])?;
            Some((at, at + head))
        })
    }

    /// Where "a" or "an" glued to a modifier after it ("alarge", "arecent") ends: a link's text
    /// that lost its space. A word the lists know whole ("another") is left alone.
    fn article_before_modifier(&self, word: &str, buf: &mut String) -> Option<usize> {
        if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        buf.clear();
        buf.push_str(word);
        buf.make_ascii_lowercase();
        let lower = buf.as_str();
        if [
            &self.determiners,
            &self.modifiers,
            &self.heads,
            &self.people,
        ]
        .iter()
        .any(|set| set.contains(lower))
        {
            return None;
        }
        [2, 1].into_iter().find(|&at| {
            lower[..at] == "an"[..at]
                && lower.len() - at >= 3
                && self.modifiers.contains(&lower[at..])
        })
    }

    /// Where a verb glued to the "that" after it ("estimatethat", "suggeststhat") ends.
    fn verb_before_that(&self, word: &str, buf: &mut String) -> Option<usize> {
        if word.len() < 4 + 3 || !word.is_ascii() {
            return None;
        }
        buf.clear();
        buf.push_str(word);
        buf.make_ascii_lowercase();
        let verb = buf.strip_suffix("that")?;
        self.verbs.contains(verb).then_some(verb.len())
    }

    fn unglue(&self, text: &str, words: Vec<Range<usize>>) -> Vec<Range<usize>> {
        let mut out = Vec::with_capacity(words.len());
        let mut buf = String::new();
        for w in words {
            let word = &text[w.clone()];
            // Lower-casing can change lengths outside ASCII; only words ASCII once lowered are
            // split. An ASCII word lowers byte by byte, into one buffer, and only if a head
            // starts with its first byte.
            let split = if word.is_ascii() {
                let first = word.as_bytes().first().map(u8::to_ascii_lowercase);
                self.may_start_head(first)
                    .then(|| {
                        buf.clear();
                        buf.push_str(word);
                        buf.make_ascii_lowercase();
                        self.head_split(&buf)
                    })
                    .flatten()
            } else {
                let lower = word.to_lowercase();
                lower.is_ascii().then(|| self.head_split(&lower)).flatten()
            };
            match split {
                Some(at) => {
                    out.push(w.start..w.start + at);
                    out.push(w.start + at..w.end);
                }
                None => match self.inner_split(word, &mut buf) {
                    // "Someresearchsuggests": a word glued before the head too.
                    Some((head, verb)) => {
                        out.push(w.start..w.start + head);
                        out.push(w.start + head..w.start + verb);
                        out.push(w.start + verb..w.end);
                    }
                    None => match self
                        .verb_before_that(word, &mut buf)
                        .or_else(|| self.article_before_modifier(word, &mut buf))
                    {
                        // "Studies estimatethat": the verb and its "that" lost their space;
                        // "alarge study": the article and its adjective did.
                        Some(at) => {
                            out.push(w.start..w.start + at);
                            out.push(w.start + at..w.end);
                        }
                        None => out.push(w),
                    },
                },
            }
        }
        out
    }

    fn verb_after(
        &self,
        lower: &[String],
        h: usize,
        joined: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut k = h + 1;
        // "experts in the field", "studies of older adults"
        if k < lower.len() && joined(h) && self.prepositions.contains(lower[k].as_str()) {
            let mut j = k;
            let mut pp = 0;
            while pp <= MAX_PP_WORDS && joined(j) && j + 1 < lower.len() {
                j += 1;
                if self.verbs.contains(lower[j].as_str()) || self.links.contains(lower[j].as_str())
                {
                    k = j;
                    break;
                }
                pp += 1;
            }
        }
        let mut links = 0;
        while k < lower.len() && joined(k - 1) {
            let w = lower[k].as_str();
            if self.verbs.contains(w) {
                return Some(k);
            }
            if links < MAX_LINKS && self.links.contains(w) {
                links += 1;
                k += 1;
                continue;
            }
            break;
        }
        None
    }
}

/// "study by Smith", "survey from the 2003 Renfrew …", "review published in the journal X",
/// "meta-analysis in BMC …": the head is followed by a name, so it is not a gesture.
fn named_after(
    text: &str,
    words: &[Range<usize>],
    lower: &[String],
    h: usize,
    joined: &dyn Fn(usize) -> bool,
) -> bool {
    // Over "and meta-analysis", "conducted", "published" (at most three words) to the preposition.
    let mut k = h + 1;
    let mut skipped = 0;
    while k < lower.len() && joined(k - 1) && skipped <= 3 {
        let w = lower[k].as_str();
        let acronym_only = w == "in";
        if matches!(w, "by" | "from" | "at" | "in") {
            let mut j = k + 1;
            while j < lower.len()
                && joined(j - 1)
                && (matches!(lower[j].as_str(), "the" | "journal") || is_year(&lower[j]))
            {
                j += 1;
            }
            let Some(name) = words.get(j).filter(|_| joined(j - 1)) else {
                return false;
            };
            let name = &text[name.clone()];
            let acronym = name.len() >= 2 && name.chars().all(|c| c.is_ascii_uppercase());
            let journal =
                lower[k + 1..j].iter().any(|w| w == "journal") || lower[k - 1] == "published";
            return name.starts_with(char::is_uppercase) && (!acronym_only || acronym || journal);
        }
        skipped += 1;
        k += 1;
    }
    false
}

/// Runs of letters, digits and inner hyphens or apostrophes ("meta-analysis", "it's"). Pages
/// whose links lost their spaces glue words together: a year to the words around it ("a
/// 2013survey", "A2015 study") is a word of its own, and so is a mis-decoded no-break space
/// ("surveyÂ found") a space.
fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let before = prev.replace(c);
        if c.is_lowercase()
            && let Some(s) = start
            && i == s + 4
            && is_year(&text[s..i])
        {
            out.push(s..i);
            start = Some(i);
            continue;
        }
        // "A2015": a short word with a year glued after it.
        if c.is_ascii_digit()
            && let Some(s) = start
            && (1..=3).contains(&(i - s))
            && text[s..i].chars().all(|l| l.is_ascii_alphabetic())
            && text.get(i..i + 4).is_some_and(is_year)
            && text[i + 4..]
                .chars()
                .next()
                .is_none_or(|n| !n.is_ascii_digit())
        {
            out.push(s..i);
            start = Some(i);
            continue;
        }
        if c == 'Â' && before.is_some_and(|b| b.is_ascii_lowercase()) {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
            continue;
        }
        let inner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Whether the head at `h` ends its noun phrase: punctuation or a function word follows.
fn ends_phrase(text: &str, words: &[Range<usize>], lower: &[String], h: usize) -> bool {
    let rest = text[words[h].end..].trim_start_matches(' ');
    if !rest.starts_with(char::is_alphanumeric) {
        return true;
    }
    // Prepositions, conjunctions, relatives and participles after a noun (rules/statistics.yml).
    lower.get(h + 1).is_some_and(|w| {
        crate::analyse::citations::words_of(|d| &d.phrase_enders)
            .iter()
            .any(|f| f == w)
    }) && words.get(h + 1).is_some()
}

pub(crate) fn is_year(word: &str) -> bool {
    word.len() == 4
        && (word.starts_with("19") || word.starts_with("20"))
        && word.bytes().all(|b| b.is_ascii_digit())
}

/// A capitalised word that is not the first of its sentence: part of a name.
fn is_name(text: &str, words: &[Range<usize>], i: usize) -> bool {
    let w = &text[words[i].clone()];
    if !w.starts_with(char::is_uppercase) {
        return false;
    }
    // Words glued by a lost line break ("DisordersIn", "PTSDSome") are not names.
    if w.chars().any(char::is_lowercase) && w.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    let before = text[..words[i].start].trim_end_matches([' ', '"', '“', '(', '*', '_']);
    !(before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues() -> WeakCues {
        let data = crate::analyse::citations::data().expect("statistics data");
        WeakCues::new(&data.weak_cues)
    }

    fn found(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        cues().find(text, &mut out);
        out.into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn cue_classes_with_modifiers() {
        for (text, cue) in [
            ("Studies suggest 40% do.", "Studies suggest"),
            (
                "Government studies also suggest 40% do.",
                "Government studies also suggest",
            ),
            (
                "Experts in the field seem to agree that 40% do.",
                "Experts in the field seem to agree",
            ),
            (
                "According to certain studies, 40% do.",
                "According to certain studies",
            ),
            (
                "A recent government report put it at 40%.",
                "A recent government report put",
            ),
            ("It was 40% (2021 study).", "2021 study"),
            (
                "A 2021 meta-analysis found 40%.",
                "A 2021 meta-analysis found",
            ),
            ("2023 data shows 40% do.", "2023 data shows"),
            (
                "Current estimates put this number at 40%.",
                "Current estimates put",
            ),
            ("Teens who vape sleep less, study finds", "study finds"),
            ("Statistics indicate 40% do.", "Statistics indicate"),
            ("Research estimates that 40% do.", "Research estimates"),
            ("In one study, 40% did.", "one study"),
            ("Anxiety DisordersIn one study, 40% did.", "one study"),
            (
                "It is 40%, according to the report.",
                "according to the report",
            ),
            ("A Danish study found 40% did.", "A Danish study found"),
            // Link spaces lost on both sides of a verb.
            ("Studies estimatethat 40% do.", "Studies estimate"),
            ("Research showsthat 40% do.", "Research shows"),
            (
                "A large Canadian survey showed 40% did.",
                "A large Canadian survey showed",
            ),
        ] {
            assert_eq!(found(text), vec![cue.to_string()], "{text:?}");
        }
    }

    #[test]
    fn not_cues() {
        for text in [
            "It is estimated that 40% do.",
            "The study design was simple.",
            "The Glamour survey found 40% agreed.",
            "A Harvard study found 40% agreed.",
            "Report abuse to a trusted adult.",
            "An international research network got $117 million.",
            "It was 40% (2022).",
            // A word that merely ends in "that" is not a verb glued to it.
            "Somethat 40% do.",
        ] {
            assert!(found(text).is_empty(), "{text:?}: {:?}", found(text));
        }
    }
}
