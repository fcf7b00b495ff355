//! Quantity extraction: every statistical expression in a block of prose.
//!
//! One [`Quantity`] per statistic, not per number: "7% to 46% of women and up to 10% of men" is
//! a percentage range and a percentage; "41% of 1,635 participants" is one percentage whose
//! sample size is 1,635. Precision matters more than recall (an editor drops a tool that flags
//! "in 2019"), so a number becomes a quantity only in a statistical shape:
//!
//! * a percent sign or word after it ("46%", "five percent", "7. 5%", "7.7 and 32.9 percent"),
//!   "percentage points", a comparison after it ("2.87 times more likely", "99% more likely");
//! * "N in/out of M" (natural frequency), "N per M" with a numeric M (rate);
//! * a statistical label before it ("OR = 2.3", "95% CI 1.4–3.8", "p < 0.05", "r = −0.16",
//!   "n = 230");
//! * a people noun after it ("1,635 participants", "over 1,200 men").
//!
//! Fraction and multiplier words make proportions and multiples ("nearly half of women",
//! "two-thirds of", "the majority of", "twice as likely").
//!
//! Years, ages, durations, times, dates, doses, money, phone numbers, list and section labels,
//! citation markers, links and identifiers are skipped before any of that is tried.
//!
//! Candidates come from `numbers::scan` (one byte loop for digits, one Aho–Corasick pass for
//! words); everything else is parsed by hand around each candidate, so a paragraph without
//! numbers costs two linear scans.

use std::ops::Range;
use std::sync::OnceLock;

use super::numbers::{self, Number, Word, WordHit, char_at, char_before, is_word_char};
use super::numbers::{phrase_at, phrase_before};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    /// "46%", "five percent", "5.1 per cent".
    Percentage,
    /// "7% to 46%", "6–16%", "between 7.7 and 32.9 percent".
    PercentageRange,
    /// "5 percentage points".
    PercentagePoints,
    /// "1 in 5", "one in twenty", "3 out of 10".
    Frequency,
    /// "half of", "a third of", "nearly half", "the majority of".
    Proportion,
    /// "2.87 times more likely", "twice as likely", "a threefold risk".
    Multiple,
    /// "99% more likely", "a 30% increase".
    RelativeChange,
    /// "1,635 participants", "over 1,200 men", "n = 230".
    Count,
    /// "13.0 per 100,000".
    Rate,
    /// "OR 2.3", "RR = 1.4", "HR 0.8", "an odds ratio of 2.3".
    OddsRatio,
    /// "95% CI 1.4–3.8".
    ConfidenceInterval,
    /// "p < 0.05".
    PValue,
    /// "r = −0.16".
    Correlation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// about, around, approximately, roughly, an estimated, some, ~
    About,
    /// up to, as many as, at most, no more than, ≤
    UpTo,
    /// at least, no fewer than, ≥
    AtLeast,
    /// more than, over, above, just over, >
    MoreThan,
    /// less than, under, fewer than, below, <
    LessThan,
    /// nearly, almost, close to, just under
    Nearly,
    /// between …, from … to …
    Between,
    /// anywhere from/between …
    AnywhereFrom,
}

/// One statistic in a block's prose text. All ranges are byte ranges of that text, on char
/// boundaries, never starting or ending with a space.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub kind: QuantityKind,
    /// The whole figure with its qualifier: "up to 10%", "7% to 46%", "one in five",
    /// "2.87 times more likely", "OR = 2.3", "95% CI 1.4–3.8".
    pub range: Range<usize>,
    /// Percentages as percents (46.0); ranges and intervals `[low, high]`; frequencies as the
    /// percent they stand for ("one in five" → 20.0); proportions as percents ("half" → 50.0);
    /// multiples as the factor; counts, rates, ratios, p and r as written (r with its sign).
    pub values: Vec<f64>,
    /// "one in five" → (1, 5); "13.0 per 100,000" → (13, 100000).
    pub frequency: Option<(f64, f64)>,
    /// Decimals as written: the most over the numbers of the figure.
    pub precision: u8,
    pub qualifier: Option<Qualifier>,
    /// A number of the figure was broken by extraction ("7. 5%").
    pub broken: bool,
    /// A number of the figure was spelled out ("forty-six per cent").
    pub spelled: bool,
    /// The group the figure is about when the sentence says so: "women", "men aged 16–74",
    /// "female university students".
    pub population: Option<Range<usize>>,
    /// The time window or measure in the same clause: "at least once in their lives",
    /// "in the past four weeks", "on a regular basis", "ever".
    pub window: Option<Range<usize>>,
    /// "of 1,635 participants", "n = 230", or a people count in the same sentence.
    pub sample_size: Option<u64>,
}

/// Every statistic in `text`, sorted by start and non-overlapping. `sentences` are the block's
/// sentence ranges; they bound the search for windows, populations and sample sizes.
pub fn extract(text: &str, sentences: &[Range<usize>]) -> Vec<Quantity> {
    extract_scanned(text, sentences, &numbers::scan(text))
}

/// [`extract`] from the numbers and number words of `text` found already ([`numbers::scan`]),
/// which the analysis keeps for the rules that read a block's numbers.
pub(crate) fn extract_scanned(
    text: &str,
    sentences: &[Range<usize>],
    scan: &numbers::Scan,
) -> Vec<Quantity> {
    if scan.numbers.is_empty() && scan.words.is_empty() {
        return Vec::new();
    }
    let cx = Cx {
        text,
        nums: &scan.numbers,
    };
    let mut out: Vec<Quantity> = Vec::new();
    // Candidates before `next` were used or skipped; lookbacks (qualifiers, labels) may reach
    // back to `floor`, the end of the text the last quantity used.
    let mut floor = 0;
    let mut next = 0;
    let (mut ni, mut wi) = (0, 0);
    loop {
        let outcome = match (scan.numbers.get(ni), scan.words.get(wi)) {
            (None, None) => break,
            (Some(n), w) if w.is_none_or(|w| n.range.start <= w.range.start) => {
                ni += 1;
                if n.range.start < next {
                    continue;
                }
                at_number(&cx, n, floor)
            }
            (_, Some(w)) => {
                wi += 1;
                if w.range.start < next {
                    continue;
                }
                at_word(&cx, w, floor)
            }
            (Some(_), None) => break,
        };
        match outcome {
            Outcome::Found(qs, consumed) => {
                for q in qs {
                    if q.range.start >= floor && q.range.start < q.range.end {
                        floor = floor.max(q.range.end);
                        out.push(q);
                    }
                }
                floor = floor.max(consumed);
                next = next.max(floor);
            }
            Outcome::Skip(end) => next = next.max(end),
            Outcome::Nothing => {}
        }
    }
    annotate(&cx, &mut out, sentences);
    out
}

// ---------------------------------------------------------------------------------------------
// Word lists (compared ASCII case-insensitively).

/// Nouns for groups of people: heads of populations and of counts.
#[rustfmt::skip]
const PEOPLE: &[&str] = &[
    "people", "persons", "adults", "women", "men", "participants", "respondents", "patients",
    "students", "children", "kids", "teens", "teenagers", "adolescents", "youths", "youngsters",
    "couples", "individuals", "volunteers", "subjects", "users", "girls", "boys", "mothers",
    "fathers", "parents", "veterans", "workers", "employees", "survivors", "smokers", "drinkers",
    "residents", "citizens", "americans", "britons", "australians", "canadians", "doctors",
    "nurses", "physicians", "clinicians", "infants", "babies", "newborns", "births", "deaths",
    "cases", "suicides", "members", "undergraduates", "graduates", "athletes", "soldiers",
    "inmates", "prisoners", "refugees", "migrants", "immigrants", "females", "males",
    "interviewees", "carers", "caregivers", "victims", "retirees", "pensioners", "seniors",
    "toddlers", "pupils", "learners", "lesbians", "population", "sample", "cohort", "public",
    "those",
];

/// People nouns that head a population but never a count ("5 population").
const NOT_COUNT_HEADS: &[&str] = &["population", "sample", "cohort", "public", "those"];

/// Count nouns whose number is not a sample size.
const NOT_SAMPLES: &[&str] = &["deaths", "cases", "births", "suicides"];

/// Words that end a noun phrase.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "a", "an", "and", "or", "but", "nor", "while", "whilst", "whereas", "who", "whom", "whose",
    "that", "which", "where", "when", "with", "without", "in", "at", "on", "of", "for", "to",
    "from", "by", "as", "than", "during", "after", "before", "since", "into", "about", "over",
    "under", "across", "had", "have", "has", "having", "are", "were", "is", "was", "be", "been",
    "being", "will", "would", "may", "might", "can", "could", "should", "shall", "must", "do",
    "does", "did", "not", "no", "also", "say", "said", "says", "report", "reported", "reports",
    "experience", "experienced", "experiences", "feel", "felt", "it", "they", "them", "this",
    "these", "there", "what", "then", "so", "if", "because", "although", "though", "however",
    "such", "like", "compared", "versus", "vs", "per", "each", "every", "both", "either", "neither",
    "all", "only", "just", "even", "still", "more", "less", "most", "many", "some", "any", "other",
    "another", "same", "the", "their", "our", "its", "his", "her", "my", "your", "we", "you", "he",
    "she", "i", "among", "amongst", "aged", "age", "between", "up", "out", "one", "ones", "cry",
    "cried", "suffer", "suffered", "took", "take", "found", "find",
];

/// Words before a number that make it a label, not a statistic: "Step 2", "Table 1",
/// "type 2 diabetes", "season 7", "age 17", "PMID 123".
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "step", "steps", "chapter", "chapters", "section", "sections", "figure", "figures", "fig",
    "table", "tables", "page", "pages", "appendix", "season", "seasons", "episode", "episodes",
    "series", "part", "parts", "stage", "stages", "type", "types", "grade", "grades", "phase",
    "phases", "level", "levels", "class", "category", "item", "items", "question", "questions",
    "version", "model", "act", "scene", "verse", "tier", "wave", "study", "studies", "experiment",
    "experiments", "trial", "number", "paragraph", "clause", "rule", "schedule", "volume", "issue",
    "edition", "vol", "ref", "reference", "references", "footnote", "note", "line", "lines",
    "route", "room", "ward", "bed", "floor", "gate", "platform", "channel", "highway", "interstate",
    "flight", "bus", "apartment", "suite", "code", "pmid", "pmcid", "isbn", "issn", "doi", "arxiv",
    "covid", "vitamin", "omega", "top", "day", "days", "week", "weeks", "month", "months", "year",
    "years", "session", "round", "cycle", "module", "lesson", "unit", "units", "aged", "age",
    "ages", "usd", "gbp", "eur", "aud", "cad", "call", "text", "dial", "ring", "phone", "telephone",
    "tel", "helpline", "hotline", "sms", "whatsapp", "extension", "ext", "postcode", "zip", "jan",
    "january", "feb", "february", "apr", "april", "jun", "june", "jul", "july", "aug", "august",
    "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
];

/// Labels written with a full stop: "No. 3", "p. 12", "Fig. 2", "vol. 3".
const DOT_LABELS: &[&str] = &[
    "no", "nos", "p", "pp", "fig", "figs", "vol", "ch", "sec", "para", "ed", "art", "ref", "tel",
    "ext", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
];

/// Units after a number that make it a duration, time, date, age, dose, size or price.
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr",
    "hrs", "day", "days", "night", "nights", "week", "weeks", "wk", "wks", "fortnight",
    "fortnights", "month", "months", "mo", "year", "years", "yr", "yrs", "decade", "decades",
    "century", "centuries", "weekend", "weekends", "am", "pm", "o'clock", "times", "time",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mg", "g", "kg", "mcg", "µg", "μg", "ml", "l", "litre", "litres",
    "liter", "liters", "iu", "mmhg", "mmol", "kcal", "calories", "cal", "grams", "gram",
    "milligrams", "kilograms", "micrograms", "pounds", "lbs", "lb", "ounces", "oz", "stone", "cm",
    "mm", "km", "metres", "meters", "miles", "feet", "ft", "inches", "steps", "drinks", "units",
    "cigarettes", "servings", "portions", "cups", "glasses", "pills", "tablets", "doses", "bpm",
    "dollars", "euros", "cents", "pence", "quid", "bucks", "degrees", "episodes", "seasons",
    "sessions", "pages", "chapters", "tips", "ways", "reasons",
];

/// Words before a year that make it a date ("in 2019", "since 2015", "a 2015 study").
const YEAR_PREPS: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "the", "a", "an",
    "of", "to", "between", "and", "around", "circa", "early", "late", "mid", "spring", "summer",
    "autumn", "fall", "winter", "year",
];

/// Qualifier phrases before a figure; when several match, the longest (earliest start) wins.
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("anywhere from", Qualifier::AnywhereFrom),
    ("anywhere between", Qualifier::AnywhereFrom),
    ("somewhere between", Qualifier::Between),
    ("between", Qualifier::Between),
    ("from", Qualifier::Between),
    ("just under", Qualifier::Nearly),
    ("just below", Qualifier::Nearly),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("close to", Qualifier::Nearly),
    ("not quite", Qualifier::Nearly),
    ("just over", Qualifier::MoreThan),
    ("just above", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("higher than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("upward of", Qualifier::MoreThan),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("lower than", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("well under", Qualifier::LessThan),
    ("well below", Qualifier::LessThan),
    ("at least", Qualifier::AtLeast),
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("up to", Qualifier::UpTo),
    ("as many as", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("as high as", Qualifier::UpTo),
    ("at most", Qualifier::UpTo),
    ("no more than", Qualifier::UpTo),
    ("a maximum of", Qualifier::UpTo),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("approximately", Qualifier::About),
    ("approx.", Qualifier::About),
    ("roughly", Qualifier::About),
    ("an estimated", Qualifier::About),
    ("estimated", Qualifier::About),
    ("some", Qualifier::About),
    ("circa", Qualifier::About),
    ("in the region of", Qualifier::About),
];

/// Comparatives after "N times" / "N%".
const COMPARATIVES: &[&str] = &[
    "more", "less", "higher", "greater", "lower", "larger", "bigger", "smaller", "likelier",
    "fewer", "faster", "slower",
];

/// Words after a comparative or "as" that belong to the figure: "more likely", "as common".
#[rustfmt::skip]
const COMPARED: &[&str] = &[
    "likely", "common", "prevalent", "frequent", "frequently", "often", "many", "much", "high",
    "risk", "chance", "odds", "rate", "probable", "susceptible", "vulnerable", "severe",
];

/// Nouns after "N times the" / "twice the".
#[rustfmt::skip]
const THE_NOUNS: &[&str] = &[
    "risk", "rate", "rates", "odds", "chance", "chances", "likelihood", "number", "amount",
    "prevalence", "incidence", "level", "average",
];

/// Nouns after "N%" that make it a relative change: "a 30% increase", "30% reduction".
#[rustfmt::skip]
const CHANGES: &[&str] = &[
    "increase", "increased", "decrease", "decreased", "rise", "drop", "reduction", "reduced",
    "decline", "jump", "gain", "fall", "boost", "cut",
];

/// Verbs before "from X% to Y%" that make it a change, not a range.
#[rustfmt::skip]
const CHANGE_VERBS: &[&str] = &[
    "rose", "risen", "rise", "rises", "increased", "increase", "increases", "fell", "fallen",
    "fall", "falls", "dropped", "drop", "drops", "declined", "decline", "grew", "grown", "grow",
    "climbed", "jumped", "went", "gone", "changed", "shifted", "decreased", "decrease", "reduced",
    "improved", "moved", "plummeted", "soared", "slipped", "up", "down",
];

/// Verbs before "by N%" that make it a relative change: "reduced by 30%".
#[rustfmt::skip]
const BY_VERBS: &[&str] = &[
    "increased", "increase", "increases", "decreased", "decrease", "decreases", "rose", "risen",
    "fell", "fallen", "dropped", "reduced", "reduce", "reduces", "cut", "cuts", "grew", "grown",
    "jumped", "climbed", "declined", "lowered", "lowers", "raised", "raises", "boosted",
];

/// After "100%": a figure of speech, not a statistic.
#[rustfmt::skip]
const FIGURATIVE: &[&str] = &[
    "sure", "certain", "honest", "true", "committed", "confident", "natural", "safe", "fine",
    "okay", "ok", "right", "wrong", "serious", "clear", "behind", "free", "organic", "pure",
    "effective", "guaranteed",
];

/// Words before "half" that make it a part of something, not a proportion ("the second half").
const HALF_BLOCK: &[&str] = &[
    "the", "first", "second", "other", "last", "latter", "former", "top", "bottom", "upper",
    "lower", "back", "front", "better", "early", "later", "this", "that", "each", "and", "in",
    "by", "my", "his", "her", "their", "our", "your",
];

/// Heads after "half of"/"a third of" that are not groups ("half of the time", "a quarter of an
/// hour", "a third of the way").
const NOT_GROUPS: &[&str] = &[
    "a", "an", "this", "that", "it", "which", "what", "each", "every", "time", "times", "hour",
    "hours", "day", "days", "night", "nights", "week", "weeks", "month", "months", "year", "years",
    "decade", "decades", "century", "way", "distance", "mile", "miles", "film", "movie", "book",
    "episode", "season", "series", "story", "game", "match", "page", "pages", "chapter", "song",
    "album", "show", "novel", "article", "video", "cup", "glass", "bottle", "dose", "pill",
    "tablet", "minute", "minutes", "second", "seconds", "century", "pie", "cake",
];

/// Words before a group that are not part of it: "Overall women were twice as likely".
const SENTENCE_ADVERBS: &[&str] = &[
    "overall", "today", "now", "here", "thus", "yet", "still", "found", "shows", "show", "showed",
    "suggest", "suggests", "say", "says", "said", "whether", "why", "how",
];

/// Adjectives between the article and "majority".
#[rustfmt::skip]
const MAJORITY_ADJ: &[&str] = &[
    "vast", "overwhelming", "large", "great", "slim", "small", "narrow", "clear", "substantial",
    "significant", "simple", "sizeable", "sizable", "big",
];

fn is_in(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

fn is_people(w: &str) -> bool {
    is_in(PEOPLE, w)
}

// ---------------------------------------------------------------------------------------------
// Cursor helpers.

struct Cx<'a> {
    text: &'a str,
    nums: &'a [Number],
}

impl<'a> Cx<'a> {
    fn num_at(&self, pos: usize) -> Option<&'a Number> {
        let i = self.nums.partition_point(|n| n.range.start < pos);
        self.nums.get(i).filter(|n| n.range.start == pos)
    }

    fn num_ending_at(&self, pos: usize) -> Option<&'a Number> {
        let i = self.nums.partition_point(|n| n.range.start < pos);
        i.checked_sub(1)
            .and_then(|i| self.nums.get(i))
            .filter(|n| n.range.end == pos)
    }

    fn index_of(&self, n: &Number) -> usize {
        self.nums.partition_point(|m| m.range.start < n.range.start)
    }
}

enum Outcome {
    /// Quantities (in order) and the end of the text they used (which may lie past the last
    /// quantity's range: "41% of 1,635 participants" uses the sample size too).
    Found(Vec<Quantity>, usize),
    /// Not a statistic, and neither is anything up to here ("aged 16–74", "2015–2019").
    Skip(usize),
    Nothing,
}

fn found(q: Quantity, consumed: usize) -> Outcome {
    let end = consumed.max(q.range.end);
    Outcome::Found(vec![q], end)
}

/// One space at `i`: the position after it.
fn space(t: &str, i: usize) -> Option<usize> {
    (char_at(t, i) == Some(' ')).then_some(i + 1)
}

/// Skips at most one space.
fn opt_space(t: &str, i: usize) -> usize {
    space(t, i).unwrap_or(i)
}

/// Skips at most one space backwards.
fn opt_space_back(t: &str, i: usize) -> usize {
    if char_before(t, i) == Some(' ') {
        i - 1
    } else {
        i
    }
}

/// A word starting at `i`: letters with inner hyphens or apostrophes ("middle-aged", "o'clock").
fn word_at(t: &str, i: usize) -> Option<Range<usize>> {
    let rest = t.get(i..)?;
    let mut end = 0;
    let mut prev_letter = false;
    for (k, c) in rest.char_indices() {
        if c.is_alphabetic() {
            end = k + c.len_utf8();
            prev_letter = true;
        } else if prev_letter && matches!(c, '-' | '\'' | '’') {
            prev_letter = false;
        } else {
            break;
        }
    }
    (end > 0 && !char_before(t, i).is_some_and(is_word_char)).then_some(i..i + end)
}

/// A run of letters ending at `j`.
fn word_before(t: &str, j: usize) -> Option<Range<usize>> {
    let head = t.get(..j)?;
    let mut start = j;
    for (k, c) in head.char_indices().rev() {
        if c.is_alphabetic() {
            start = k;
        } else {
            break;
        }
    }
    (start < j && !char_at(t, j).is_some_and(is_word_char)).then_some(start..j)
}

/// The word before position `i` (across one space).
fn prev_word(t: &str, i: usize) -> Option<Range<usize>> {
    word_before(t, opt_space_back(t, i))
}

fn prev_word_in(t: &str, i: usize, list: &[&str]) -> bool {
    prev_word(t, i).is_some_and(|r| is_in(list, &t[r]))
}

/// The word after position `i` (across one space).
fn next_word(t: &str, i: usize) -> Option<Range<usize>> {
    word_at(t, opt_space(t, i))
}

fn next_word_in(t: &str, i: usize, list: &[&str]) -> Option<usize> {
    next_word(t, i)
        .filter(|r| is_in(list, &t[r.clone()]))
        .map(|r| r.end)
}

fn first_phrase(t: &str, i: usize, phrases: &[&str]) -> Option<usize> {
    phrases.iter().find_map(|p| phrase_at(t, i, p))
}

/// `s` starts with the ASCII `prefix`, ignoring ASCII case.
fn starts_ci(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn is_yearlike(n: &Number) -> bool {
    !n.spelled
        && !n.grouped
        && n.decimals == 0
        && n.range.len() == 4
        && (1800.0..=2099.0).contains(&n.value)
}

fn is_integer(n: &Number) -> bool {
    n.value.fract() == 0.0 && n.value < 1e15
}

// ---------------------------------------------------------------------------------------------
// Figures at a number.

fn at_number(cx: &Cx, n: &Number, floor: usize) -> Outcome {
    let t = cx.text;
    if let Some(o) = stat_label(cx, n, floor) {
        return o;
    }
    if let Some(end) = excluded_left(cx, n) {
        return Outcome::Skip(end);
    }
    let qual = qualifier_before(t, n.range.start, floor);
    if let Some(pe) = percent_after(t, n.range.end) {
        if let Some(o) = confidence_after_percent(cx, n, pe) {
            return o;
        }
        return percentage(cx, n, pe, qual, floor);
    }
    if let Some(e) = points_after(t, n.range.end) {
        return points(&[n], e, qual);
    }
    let between = matches!(
        qual,
        Some((Qualifier::Between | Qualifier::AnywhereFrom, _))
    );
    if let Some(m) = range_partner(cx, n.range.end, between) {
        if let Some(pe) = percent_after(t, m.range.end) {
            return percentage_range(cx, n, m, pe, qual);
        }
        if let Some(e) = points_after(t, m.range.end) {
            return points(&[n, m], e, qual);
        }
    }
    if is_yearlike(n) {
        if !prev_word_in(t, n.range.start, YEAR_PREPS)
            && let Some(o) = count(cx, n, qual)
        {
            return o;
        }
        return Outcome::Skip(partner_end(cx, n));
    }
    if let Some(o) = multiple_at_number(cx, n, qual, floor) {
        return o;
    }
    if let Some(end) = excluded_right(cx, n) {
        return Outcome::Skip(end);
    }
    if let Some(o) = frequency(cx, n, qual) {
        return o;
    }
    if let Some(o) = rate(cx, n, qual) {
        return o;
    }
    if let Some(o) = count(cx, n, qual) {
        return o;
    }
    Outcome::Nothing
}

fn new_quantity(
    kind: QuantityKind,
    range: Range<usize>,
    values: Vec<f64>,
    nums: &[&Number],
) -> Quantity {
    Quantity {
        kind,
        range,
        values,
        frequency: None,
        precision: nums.iter().map(|n| n.decimals).max().unwrap_or(0),
        qualifier: None,
        broken: nums.iter().any(|n| n.broken),
        spelled: nums.iter().any(|n| n.spelled),
        population: None,
        window: None,
        sample_size: None,
    }
}

/// Applies a qualifier found before the figure: widens the range to include it.
fn qualify(q: &mut Quantity, qual: Option<(Qualifier, usize)>) {
    if let Some((kind, start)) = qual {
        q.qualifier = Some(kind);
        q.range.start = q.range.start.min(start);
    }
}

/// A qualifier that fits a single figure (not "between", "from").
fn single(qual: Option<(Qualifier, usize)>) -> Option<(Qualifier, usize)> {
    qual.filter(|(q, _)| !matches!(q, Qualifier::Between | Qualifier::AnywhereFrom))
}

fn percent_after(t: &str, pos: usize) -> Option<usize> {
    let p = opt_space(t, pos);
    if let Some(c @ ('%' | '％')) = char_at(t, p) {
        return Some(p + c.len_utf8());
    }
    first_phrase(t, p, &["percent", "per cent", "per-cent"])
}

fn points_after(t: &str, pos: usize) -> Option<usize> {
    let p = match char_at(t, pos) {
        Some(' ' | '-') => pos + 1,
        _ => return None,
    };
    first_phrase(
        t,
        p,
        &[
            "percentage points",
            "percentage point",
            "percentage-points",
            "percentage-point",
        ],
    )
}

/// A dash, "to", or (after "between") "and", then a number: the range's other end.
fn range_partner<'a>(cx: &Cx<'a>, pos: usize, between: bool) -> Option<&'a Number> {
    let t = cx.text;
    let p = opt_space(t, pos);
    if let Some(c @ ('-' | '–' | '—' | '‒')) = char_at(t, p) {
        return cx.num_at(opt_space(t, p + c.len_utf8()));
    }
    if let Some(e) = phrase_at(t, pos, " to ") {
        return cx.num_at(e);
    }
    if between && let Some(e) = phrase_at(t, pos, " and ") {
        return cx.num_at(e);
    }
    None
}

/// The end of `n` or of its range partner: "10–15" in "10–15 minutes", "2015 to 2019".
fn partner_end(cx: &Cx, n: &Number) -> usize {
    let t = cx.text;
    range_partner(cx, n.range.end, true)
        .or_else(|| phrase_at(t, n.range.end, " or ").and_then(|e| cx.num_at(e)))
        .map_or(n.range.end, |m| m.range.end)
}

fn percentage(
    cx: &Cx,
    n: &Number,
    pe: usize,
    qual: Option<(Qualifier, usize)>,
    floor: usize,
) -> Outcome {
    let t = cx.text;
    // "7% to 46%": a range whose first end has its own percent sign, unless it is a change
    // ("rose from 10% to 13%").
    let change = matches!(qual, Some((Qualifier::Between, s)) if phrase_at(t, s, "from").is_some()
        && prev_word_in(t, s, CHANGE_VERBS));
    if !change {
        let between = matches!(
            qual,
            Some((Qualifier::Between | Qualifier::AnywhereFrom, _))
        );
        if let Some(m) = range_partner(cx, pe, between)
            && let Some(pe2) = percent_after(t, m.range.end)
        {
            return percentage_range(cx, n, m, pe2, qual);
        }
    }
    let qual = single(qual);
    if n.value == 100.0
        && (next_word_in(t, pe, FIGURATIVE).is_some() || phrase_at(t, pe, " of the time").is_some())
    {
        return Outcome::Skip(pe);
    }
    let mut q = new_quantity(
        QuantityKind::Percentage,
        n.range.start..pe,
        vec![n.value],
        &[n],
    );
    qualify(&mut q, qual);
    if let Some(e) = relative_after(t, q.range.start, pe) {
        q.kind = QuantityKind::RelativeChange;
        q.range.end = e;
        q.population = subject_before(cx, q.range.start, floor);
        return found(q, e);
    }
    if phrase_before(t, opt_space_back(t, q.range.start), "by")
        .is_some_and(|s| prev_word_in(t, s, BY_VERBS))
    {
        q.kind = QuantityKind::RelativeChange;
        return found(q, pe);
    }
    let consumed = attach_of_population(cx, &mut q, pe);
    found(q, consumed)
}

fn percentage_range(
    cx: &Cx,
    n: &Number,
    m: &Number,
    pe: usize,
    qual: Option<(Qualifier, usize)>,
) -> Outcome {
    let t = cx.text;
    let mut q = new_quantity(
        QuantityKind::PercentageRange,
        n.range.start..pe,
        vec![n.value, m.value],
        &[n, m],
    );
    qualify(&mut q, qual);
    if let Some(e) = relative_after(t, q.range.start, pe) {
        q.kind = QuantityKind::RelativeChange;
        q.range.end = e;
        return found(q, e);
    }
    let consumed = attach_of_population(cx, &mut q, pe);
    found(q, consumed)
}

fn points(nums: &[&Number], end: usize, qual: Option<(Qualifier, usize)>) -> Outcome {
    let Some(first) = nums.first() else {
        return Outcome::Nothing;
    };
    let values = nums.iter().map(|n| n.value).collect();
    let mut q = new_quantity(
        QuantityKind::PercentagePoints,
        first.range.start..end,
        values,
        nums,
    );
    qualify(&mut q, if nums.len() > 1 { qual } else { single(qual) });
    found(q, end)
}

/// "more likely", "lower risk", "increase" after a percentage starting at `start`. A change
/// noun counts only as a noun: "a 30% increase", "30% reduction in risk", not "20% drop out".
fn relative_after(t: &str, start: usize, pe: usize) -> Option<usize> {
    let w = next_word(t, pe)?;
    let word = &t[w.clone()];
    if is_in(COMPARATIVES, word) {
        return Some(next_word_in(t, w.end, COMPARED).unwrap_or(w.end));
    }
    if !is_in(CHANGES, word) {
        return None;
    }
    let noun = prev_word_in(t, start, &["a", "an"])
        || next_word_in(
            t,
            w.end,
            &["in", "of", "risk", "odds", "chance", "likelihood"],
        )
        .is_some()
        || !char_at(t, opt_space(t, w.end)).is_some_and(char::is_alphanumeric);
    noun.then_some(w.end)
}

// ---------------------------------------------------------------------------------------------
// Populations.

struct NounPhrase {
    range: Range<usize>,
    head: Range<usize>,
    end: usize,
}

/// A noun phrase at `i` whose head is a people noun: "women", "sexually active adults",
/// "female university students", "men aged 16–74", "those surveyed", "men and women".
/// With `count`, modifiers must look like adjectives (no plural nouns: "5 ways men cry").
fn noun_phrase(cx: &Cx, i: usize, count: bool) -> Option<NounPhrase> {
    let t = cx.text;
    let mut p = i;
    let mut first = None;
    let mut head: Option<Range<usize>> = None;
    let mut words = 0;
    while let Some(w) = word_at(t, p) {
        let word = &t[w.clone()];
        if is_people(word) && !(count && is_in(NOT_COUNT_HEADS, word)) {
            first.get_or_insert(w.start);
            head = Some(w.clone());
        } else if head.is_some() {
            // Coordination of groups: "men and women".
            if !count
                && (word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("or"))
                && let Some(n) = next_word(t, w.end)
                && is_people(&t[n.clone()])
            {
                head = Some(n.clone());
                p = match space(t, n.end) {
                    Some(q) => q,
                    None => break,
                };
                continue;
            }
            break;
        } else if is_in(STOP, word)
            || is_in(UNITS, word)
            || count
                && (words >= 2
                    || word.len() > 3
                        && word.ends_with('s')
                        && !word.chars().all(char::is_uppercase))
        {
            return None;
        } else {
            first.get_or_insert(w.start);
        }
        words += 1;
        if words >= 5 {
            break;
        }
        p = match space(t, w.end) {
            Some(q) => q,
            None => break,
        };
    }
    let head = head?;
    let start = first.unwrap_or(head.start);
    let mut end = head.end;
    if t[head.clone()].eq_ignore_ascii_case("those")
        && let Some(w) = next_word(t, end)
        && t[w.clone()].ends_with("ed")
    {
        end = w.end;
    }
    if let Some(e) = age_clause(cx, end) {
        end = e;
    }
    Some(NounPhrase {
        range: start..end,
        head,
        end,
    })
}

/// " aged 16–74", " aged 18 and over", " aged 65+", " over 50": an age clause after a group.
fn age_clause(cx: &Cx, pos: usize) -> Option<usize> {
    let t = cx.text;
    let p = space(t, pos)?;
    let (mut q, aged) = match phrase_at(t, p, "aged") {
        Some(e) => (space(t, e)?, true),
        None => {
            let e = first_phrase(t, p, &["over", "under"])?;
            (space(t, e)?, false)
        }
    };
    if aged && let Some(e) = first_phrase(t, q, &["between ", "from ", "over ", "under "]) {
        q = e;
    }
    let n = cx.num_at(q)?;
    if n.decimals > 0 || n.value >= 130.0 || percent_after(t, n.range.end).is_some() {
        return None;
    }
    let mut end = n.range.end;
    if let Some(m) = range_partner(cx, end, true) {
        end = m.range.end;
    } else if char_at(t, end) == Some('+') {
        end += 1;
    } else if let Some(e) = first_phrase(
        t,
        end,
        &[
            " and over",
            " and older",
            " and above",
            " or over",
            " or older",
            " and under",
            " or younger",
        ],
    ) {
        end = e;
    }
    if !aged && n.spelled {
        return None;
    }
    Some(first_phrase(t, end, &[" years old", " years of age", " years"]).unwrap_or(end))
}

/// "of women", "of the 1,635 participants", "of all men aged 16–74" after a figure ending at
/// `pos`: sets the population and sample size; returns the end of what was used.
fn attach_of_population(cx: &Cx, q: &mut Quantity, pos: usize) -> usize {
    let t = cx.text;
    let Some(mut i) = phrase_at(t, pos, " of ") else {
        return pos;
    };
    for det in [
        "all of the ",
        "all the ",
        "the ",
        "all ",
        "these ",
        "our ",
        "their ",
    ] {
        if let Some(e) = phrase_at(t, i, det) {
            i = e;
            break;
        }
    }
    let mut sample = None;
    if let Some(n) = cx.num_at(i)
        && is_integer(n)
        && n.value >= 1.0
        && !is_yearlike(n)
        && let Some(after) = space(t, n.range.end)
        && let Some(np) = noun_phrase(cx, after, false)
    {
        sample = Some((n.value as u64, np));
    }
    if let Some((size, np)) = sample {
        if !is_in(NOT_SAMPLES, &t[np.head.clone()]) {
            q.sample_size = Some(size);
        }
        q.population = Some(np.range);
        return np.end;
    }
    match noun_phrase(cx, i, false) {
        Some(np) => {
            q.population = Some(np.range);
            np.end
        }
        None => pos,
    }
}

/// "women are 2.87 times more likely": the group before a be-verb before the figure.
fn subject_before(cx: &Cx, start: usize, floor: usize) -> Option<Range<usize>> {
    let t = cx.text;
    let verb = prev_word(t, start)?;
    if !is_in(
        &["are", "were", "is", "was", "being", "be"],
        &t[verb.clone()],
    ) {
        return None;
    }
    let head = prev_word(t, verb.start)?;
    if head.start < floor
        || !is_people(&t[head.clone()])
        || t[head.clone()].eq_ignore_ascii_case("those")
    {
        return None;
    }
    let mut s = head.start;
    for _ in 0..2 {
        match prev_word(t, s) {
            Some(m)
                if m.start >= floor
                    && !is_in(STOP, &t[m.clone()])
                    && !is_in(SENTENCE_ADVERBS, &t[m.clone()])
                    && !t[m.clone()].ends_with("ly")
                    && !is_people(&t[m.clone()]) =>
            {
                s = m.start;
            }
            _ => break,
        }
    }
    Some(s..head.end)
}

// ---------------------------------------------------------------------------------------------
// Statistical labels: OR, RR, HR, CI, p, r, n.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Eq,
    Lt,
    Gt,
    Le,
    Ge,
    Colon,
}

impl Cmp {
    fn qualifier(self) -> Option<Qualifier> {
        match self {
            Cmp::Lt => Some(Qualifier::LessThan),
            Cmp::Gt => Some(Qualifier::MoreThan),
            Cmp::Le => Some(Qualifier::UpTo),
            Cmp::Ge => Some(Qualifier::AtLeast),
            Cmp::Eq | Cmp::Colon => None,
        }
    }
}

fn comparator_before(t: &str, j: usize) -> Option<(Cmp, usize)> {
    for (s, c) in [
        ("<=", Cmp::Le),
        (">=", Cmp::Ge),
        ("≤", Cmp::Le),
        ("≥", Cmp::Ge),
        ("<", Cmp::Lt),
        (">", Cmp::Gt),
        ("=", Cmp::Eq),
        (":", Cmp::Colon),
    ] {
        if let Some(start) = phrase_before(t, j, s) {
            return Some((c, start));
        }
    }
    None
}

/// A minus sign right before `i` ("−0.16", "= -0.16", "(–0.3"): its start.
fn sign_before(t: &str, i: usize) -> Option<usize> {
    let c = char_before(t, i)?;
    if !matches!(c, '−' | '-' | '–') {
        return None;
    }
    let s = i - c.len_utf8();
    match char_before(t, s) {
        None | Some(' ' | '=' | '(' | '[' | ',' | ':' | ';') => Some(s),
        _ => None,
    }
}

/// A number at `p`, with a minus sign if there is one: (value, number, start).
fn signed_at<'a>(cx: &Cx<'a>, p: usize) -> Option<(f64, &'a Number, usize)> {
    if let Some(c @ ('−' | '-' | '–')) = char_at(cx.text, p)
        && let Some(n) = cx.num_at(p + c.len_utf8())
        && !n.spelled
    {
        return Some((-n.value, n, p));
    }
    cx.num_at(p).filter(|n| !n.spelled).map(|n| (n.value, n, p))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    Ratio,
    Interval,
    P,
    R,
    N,
}

/// Labels and whether they are matched case-sensitively and need a comparator.
const LABEL_WORDS: &[(&str, Label, bool, bool)] = &[
    ("odds ratio", Label::Ratio, false, false),
    ("hazard ratio", Label::Ratio, false, false),
    ("risk ratio", Label::Ratio, false, false),
    ("relative risk", Label::Ratio, false, false),
    ("rate ratio", Label::Ratio, false, false),
    ("prevalence ratio", Label::Ratio, false, false),
    ("aOR", Label::Ratio, true, false),
    ("AOR", Label::Ratio, true, false),
    ("OR", Label::Ratio, true, false),
    ("aRR", Label::Ratio, true, false),
    ("RR", Label::Ratio, true, false),
    ("aHR", Label::Ratio, true, false),
    ("AHR", Label::Ratio, true, false),
    ("HR", Label::Ratio, true, false),
    ("IRR", Label::Ratio, true, false),
    ("aPR", Label::Ratio, true, false),
    ("PR", Label::Ratio, true, false),
    ("confidence interval", Label::Interval, false, false),
    ("CI", Label::Interval, true, false),
    ("p-value", Label::P, false, false),
    ("p value", Label::P, false, false),
    ("p", Label::P, true, true),
    ("P", Label::P, true, true),
    ("correlation coefficient", Label::R, false, false),
    ("correlation", Label::R, false, false),
    ("r", Label::R, true, true),
    ("rs", Label::R, true, true),
    ("ρ", Label::R, true, true),
    ("rho", Label::R, false, true),
    ("n", Label::N, true, true),
    ("N", Label::N, true, true),
];

fn label_before(t: &str, j: usize, with_cmp: bool) -> Option<(Label, usize)> {
    for &(word, label, exact, needs_cmp) in LABEL_WORDS {
        if needs_cmp && !with_cmp {
            continue;
        }
        let Some(s) = phrase_before(t, j, word) else {
            continue;
        };
        if exact && t.get(s..j) != Some(word) {
            continue;
        }
        // A label is a whole word: "step = 3" is not "p = 3".
        if char_before(t, s).is_some_and(|c| is_word_char(c) || c == '.') {
            continue;
        }
        return Some((label, s));
    }
    None
}

fn stat_label(cx: &Cx, n: &Number, floor: usize) -> Option<Outcome> {
    let t = cx.text;
    if n.spelled {
        return None;
    }
    let sign = sign_before(t, n.range.start);
    let mut j = opt_space_back(t, sign.unwrap_or(n.range.start));
    let cmp = comparator_before(t, j);
    if let Some((_, s)) = cmp {
        j = opt_space_back(t, s);
        // "r(228) = −0.16": degrees of freedom.
        if char_before(t, j) == Some(')')
            && let Some(open) = t[..j].rfind('(')
            && j - open <= 12
            && t[open + 1..j - 1]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b' ')
        {
            j = open;
        }
    }
    let found_label = label_before(t, j, cmp.is_some()).or_else(|| {
        // "an odds ratio of 2.3", "a p-value of 0.04"
        if cmp.is_some() {
            return None;
        }
        let s = ["of", "was", "is", "were"]
            .iter()
            .find_map(|w| phrase_before(t, j, w))?;
        label_before(t, opt_space_back(t, s), false)
            .filter(|(l, _)| matches!(l, Label::Ratio | Label::P | Label::R))
            .filter(|(_, ls)| t[*ls..s].len() > 3)
    });
    let (label, mut start) = found_label?;
    if start < floor {
        return None;
    }
    let value = if sign.is_some() { -n.value } else { n.value };
    let cmp_kind = cmp.map(|(c, _)| c);
    let q = match label {
        Label::Interval => {
            if let Some(s) = phrase_before(t, opt_space_back(t, start), "95%")
                .or_else(|| phrase_before(t, opt_space_back(t, start), "90%"))
                .or_else(|| phrase_before(t, opt_space_back(t, start), "99%"))
                && s >= floor
            {
                start = s;
            }
            let (lo, hi, a, b, end) = interval_at(cx, sign.unwrap_or(n.range.start))?;
            let mut q = new_quantity(
                QuantityKind::ConfidenceInterval,
                start..end,
                vec![lo, hi],
                &[a, b],
            );
            q.range.end = end;
            return Some(found(q, end));
        }
        Label::Ratio => {
            let mut q = new_quantity(
                QuantityKind::OddsRatio,
                start..n.range.end,
                vec![value],
                &[n],
            );
            q.qualifier = cmp_kind.and_then(Cmp::qualifier);
            // "OR 2.3 (1.4–3.8)": an interval in brackets right after.
            let p = opt_space(t, n.range.end);
            if matches!(char_at(t, p), Some('(' | '['))
                && let Some((lo, hi, a, b, _)) = interval_at(cx, p)
            {
                let mut ci = new_quantity(
                    QuantityKind::ConfidenceInterval,
                    a.range.start..b.range.end,
                    vec![lo, hi],
                    &[a, b],
                );
                if let Some(s) = sign_before(t, a.range.start) {
                    ci.range.start = s;
                }
                let end = ci.range.end;
                return Some(Outcome::Found(vec![q, ci], end));
            }
            q
        }
        Label::P => {
            if n.value > 1.0 {
                return None;
            }
            let mut q = new_quantity(QuantityKind::PValue, start..n.range.end, vec![value], &[n]);
            q.qualifier = cmp_kind.and_then(Cmp::qualifier);
            q
        }
        Label::R => {
            if n.value > 1.0 || cmp_kind == Some(Cmp::Colon) {
                return None;
            }
            new_quantity(
                QuantityKind::Correlation,
                start..n.range.end,
                vec![value],
                &[n],
            )
        }
        Label::N => {
            if cmp_kind != Some(Cmp::Eq) || !is_integer(n) || sign.is_some() {
                return None;
            }
            let mut q = new_quantity(QuantityKind::Count, start..n.range.end, vec![n.value], &[n]);
            q.sample_size = Some(n.value as u64);
            q
        }
    };
    let end = q.range.end;
    Some(found(q, end))
}

/// "1.4–3.8", "1.4 to 3.8", "[1.4, 3.8]", ": −0.5 to −0.1" at `p`:
/// (low, high, low number, high number, end).
fn interval_at<'a>(cx: &Cx<'a>, mut p: usize) -> Option<(f64, f64, &'a Number, &'a Number, usize)> {
    let t = cx.text;
    for _ in 0..3 {
        match char_at(t, p) {
            Some(' ' | ':' | '=' | ',') => p += 1,
            _ => break,
        }
    }
    let close = match char_at(t, p) {
        Some('(') => {
            p += 1;
            Some(')')
        }
        Some('[') => {
            p += 1;
            Some(']')
        }
        _ => None,
    };
    let (lo, a, _) = signed_at(cx, p)?;
    let mut q = opt_space(t, a.range.end);
    match char_at(t, q) {
        Some(c @ ('–' | '-' | '—' | ',' | ';')) => q = opt_space(t, q + c.len_utf8()),
        _ => q = phrase_at(t, opt_space(t, a.range.end), "to ")?,
    }
    let (hi, b, _) = signed_at(cx, q)?;
    let mut end = b.range.end;
    if let Some(c) = close
        && char_at(t, end) == Some(c)
    {
        end += 1;
    }
    Some((lo, hi, a, b, end))
}

/// "95% CI 1.4–3.8" read from the "95": the interval, or a skip of "95% CI" when no bounds
/// follow (the level is not a percentage of anything).
fn confidence_after_percent(cx: &Cx, n: &Number, pe: usize) -> Option<Outcome> {
    let t = cx.text;
    let p = match char_at(t, pe) {
        Some(' ' | '-') => pe + 1,
        _ => pe,
    };
    let le = ["CI", "CrI", "confidence interval", "credible interval"]
        .iter()
        .find_map(|w| phrase_at(t, p, w))?;
    match interval_at(cx, le) {
        Some((lo, hi, a, b, end)) => {
            let q = new_quantity(
                QuantityKind::ConfidenceInterval,
                n.range.start..end,
                vec![lo, hi],
                &[a, b],
            );
            Some(found(q, end))
        }
        None => Some(Outcome::Skip(le)),
    }
}

// ---------------------------------------------------------------------------------------------
// Exclusions.

/// Years, ages, labels, money, links, times, citation markers, phone numbers: the end of the
/// text to skip.
fn excluded_left(cx: &Cx, n: &Number) -> Option<usize> {
    let t = cx.text;
    let s = n.range.start;
    let skip = || Some(partner_end(cx, n));
    let before = char_before(t, s);
    if let Some('$' | '£' | '€' | '¥' | '₹' | '#' | '^' | '@' | '/' | '\\') = before {
        return skip();
    }
    if link_like(t, n.range.clone()) {
        return Some(token_end(t, n.range.end));
    }
    // Clock times and ratios: "9:30", "1:2".
    let after = char_at(t, n.range.end);
    if after == Some(':') && t[n.range.end + 1..].starts_with(|c: char| c.is_ascii_digit())
        || before == Some(':') && char_before(t, s - 1).is_some_and(|c| c.is_ascii_digit())
    {
        return skip();
    }
    // Citation markers: "[12]", "[1, 2]", "(3)", "(2016)".
    if !n.spelled && percent_after(t, n.range.end).is_none() {
        if before == Some('[') || after == Some(']') {
            return skip();
        }
        if before == Some('(') && after == Some(')') {
            return Some(n.range.end + 1);
        }
    }
    // "top 10%", "week 4: 5%": a percent after the number outweighs a label before it.
    let statistic = percent_after(t, n.range.end).is_some()
        || points_after(t, n.range.end).is_some()
        || range_partner(cx, n.range.end, true)
            .is_some_and(|m| percent_after(t, m.range.end).is_some());
    if statistic {
        return None;
    }
    if labelled(t, s) {
        return skip();
    }
    phone_like(cx, n)
}

/// A word before the number that makes it a label, an age or a date.
fn labelled(t: &str, s: usize) -> bool {
    if char_before(t, s) != Some(' ') {
        return false;
    }
    let j = s - 1;
    if char_before(t, j) == Some('.') {
        return word_before(t, j - 1).is_some_and(|w| is_in(DOT_LABELS, &t[w]));
    }
    let Some(w) = word_before(t, j) else {
        return false;
    };
    let word = &t[w.clone()];
    // "May 10", "March 3": months that are also words only when capitalised.
    if word == "May" || word == "March" || word == "Mar" {
        return true;
    }
    if is_in(LABELS, word) {
        // "at 9", "at age 9"; but "at least" and "at most" never reach here.
        return true;
    }
    // "aged between 18 and 25", "ages of 18", "over the age of 65".
    if is_in(&["between", "from", "over", "under", "of"], word) {
        return prev_word_in(t, w.start, &["aged", "age", "ages"]);
    }
    false
}

fn token_bounds(t: &str, r: Range<usize>) -> (usize, usize) {
    const CAP: usize = 64;
    let mut start = r.start;
    for (k, c) in t[..r.start].char_indices().rev() {
        if c == ' ' || r.start - k > CAP {
            break;
        }
        start = k;
    }
    (start, token_end(t, r.end))
}

fn token_end(t: &str, from: usize) -> usize {
    const CAP: usize = 64;
    let mut end = from;
    for (k, c) in t[from..].char_indices() {
        if c == ' ' || k > CAP {
            break;
        }
        end = from + k + c.len_utf8();
    }
    end
}

/// Part of a URL, DOI, e-mail address, date or "24/7".
fn link_like(t: &str, r: Range<usize>) -> bool {
    let (a, b) = token_bounds(t, r);
    let token = &t[a..b];
    token.contains(['/', '@', '\\', '_'])
        || token.contains("www.")
        || starts_ci(token, "doi")
        || token.contains("://")
}

/// "116 123", "13 11 14", "1-800-273-8255", "+44 20 7946 0958": groups of bare digits.
fn phone_like(cx: &Cx, n: &Number) -> Option<usize> {
    let t = cx.text;
    let bare = |m: &Number| !m.spelled && !m.grouped && m.decimals == 0;
    if !bare(n) {
        return None;
    }
    let i = cx.index_of(n);
    let mut first = i;
    let mut seps = Vec::new();
    // Phone numbers have few groups; the caps keep a long run of numbers linear.
    while first > 0 && i - first < 6 {
        let (Some(prev), Some(cur)) = (cx.nums.get(first - 1), cx.nums.get(first)) else {
            break;
        };
        match t.get(prev.range.end..cur.range.start) {
            Some(sep @ (" " | "-")) if bare(prev) => {
                seps.push(sep);
                first -= 1;
            }
            _ => break,
        }
    }
    let mut last = i;
    while last - i < 6
        && let (Some(cur), Some(next)) = (cx.nums.get(last), cx.nums.get(last + 1))
    {
        match t.get(cur.range.end..next.range.start) {
            Some(sep @ (" " | "-")) if bare(next) => {
                seps.push(sep);
                last += 1;
            }
            _ => break,
        }
    }
    let groups = last - first + 1;
    let end = cx.nums.get(last).map_or(n.range.end, |m| m.range.end);
    if percent_after(t, end).is_some() {
        return None;
    }
    let spaced = seps.iter().all(|s| *s == " ");
    (groups >= 3 || groups == 2 && spaced).then_some(end)
}

/// Durations, times, dates, ages, doses, money and other units after the number (or after its
/// range partner): the end of the text to skip.
fn excluded_right(cx: &Cx, n: &Number) -> Option<usize> {
    let t = cx.text;
    let end = partner_end(cx, n);
    let p = match char_at(t, end) {
        Some(' ' | '-') => end + 1,
        _ => end,
    };
    if let Some(c @ ('°' | '℃' | '℉' | '′' | '″')) = char_at(t, p) {
        return Some(p + c.len_utf8());
    }
    if let Some(e) = first_phrase(t, p, &["a.m.", "p.m.", "a.m", "p.m"]) {
        return Some(e);
    }
    let w = word_at(t, p)?;
    let word = &t[w.clone()];
    // "18-year-old", "week-long", "o'clock"
    let head = word.split(['-', '\'', '’']).next().unwrap_or(word);
    (is_in(UNITS, word) || is_in(UNITS, head)).then_some(w.end)
}

// ---------------------------------------------------------------------------------------------
// Qualifiers.

fn qualifier_before(t: &str, start: usize, floor: usize) -> Option<(Qualifier, usize)> {
    let j = opt_space_back(t, start);
    if let Some(c) = char_before(t, j) {
        let q = match c {
            '~' | '≈' => Some(Qualifier::About),
            '<' => Some(Qualifier::LessThan),
            '>' => Some(Qualifier::MoreThan),
            '≤' => Some(Qualifier::UpTo),
            '≥' => Some(Qualifier::AtLeast),
            _ => None,
        };
        if let Some(q) = q {
            let s = j - c.len_utf8();
            return (s >= floor && !char_before(t, s).is_some_and(is_word_char)).then_some((q, s));
        }
    }
    if j == start {
        return None;
    }
    let mut best: Option<(Qualifier, usize)> = None;
    for &(phrase, q) in QUALIFIERS {
        if let Some(s) = phrase_before(t, j, phrase)
            && s >= floor
            && best.is_none_or(|(_, b)| s < b)
        {
            best = Some((q, s));
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Multiples, frequencies, rates, counts.

/// "more likely", "as likely", "the risk", "higher" after "N times"/"twice"; with `loose`
/// (after "-fold") also "increase", "risk", "difference".
fn comparison_after(t: &str, pos: usize, loose: bool) -> Option<usize> {
    let w = next_word(t, pos)?;
    let word = &t[w.clone()];
    if is_in(COMPARATIVES, word) {
        return Some(next_word_in(t, w.end, COMPARED).unwrap_or(w.end));
    }
    if word.eq_ignore_ascii_case("as") {
        return next_word_in(t, w.end, COMPARED);
    }
    if word.eq_ignore_ascii_case("the") || word.eq_ignore_ascii_case("that") {
        return next_word_in(t, w.end, THE_NOUNS);
    }
    if loose && (is_in(CHANGES, word) || is_in(&["risk", "difference", "odds", "rise"], word)) {
        return Some(w.end);
    }
    None
}

/// "times", "-fold", "x", "×" after a number ending at `e`: (end, whether "-fold").
fn times_after(t: &str, e: usize) -> Option<(usize, bool)> {
    match char_at(t, e) {
        Some('x' | 'X') => return Some((e + 1, false)),
        Some('×') => return Some((e + '×'.len_utf8(), false)),
        _ => {}
    }
    let p = match char_at(t, e) {
        Some(' ' | '-') => e + 1,
        _ => e,
    };
    if let Some(a) = phrase_at(t, p, "times") {
        return Some((a, false));
    }
    if let Some(a) = phrase_at(t, p, "fold") {
        return Some((a, true));
    }
    first_phrase(t, p, &["x", "×"])
        .filter(|_| p > e)
        .map(|a| (a, false))
}

/// "2.87 times more likely", "3-fold increase", "10x more likely", "3 to 4 times higher".
fn multiple_at_number(
    cx: &Cx,
    n: &Number,
    qual: Option<(Qualifier, usize)>,
    floor: usize,
) -> Option<Outcome> {
    let t = cx.text;
    let between = matches!(qual, Some((Qualifier::Between, _)));
    let (nums, (after, loose)) = match times_after(t, n.range.end) {
        Some(x) => (vec![n], x),
        None => {
            let m = range_partner(cx, n.range.end, between)?;
            (vec![n, m], times_after(t, m.range.end)?)
        }
    };
    let end = comparison_after(t, after, loose)?;
    let values = nums.iter().map(|m| m.value).collect();
    let mut q = new_quantity(QuantityKind::Multiple, n.range.start..end, values, &nums);
    qualify(&mut q, if nums.len() > 1 { qual } else { single(qual) });
    q.population = subject_before(cx, q.range.start, floor);
    Some(found(q, end))
}

fn frequency(cx: &Cx, n: &Number, qual: Option<(Qualifier, usize)>) -> Option<Outcome> {
    let t = cx.text;
    let e = n.range.end;
    let p = first_phrase(t, e, &[" in ", "-in-", " out of "])?;
    let p = phrase_at(t, p, "every ").unwrap_or(p);
    let m = cx.num_at(p)?;
    if n.value <= 0.0 || m.value <= 0.0 || n.value > m.value {
        return None;
    }
    let np = space(t, m.range.end).and_then(|a| noun_phrase(cx, a, false));
    if is_yearlike(m) && np.is_none() {
        return None;
    }
    // Ratings, not frequencies: "7 out of 10 stars", "scored 3 in 5".
    if next_word_in(t, m.range.end, &["stars", "points", "marks", "score"]).is_some()
        || prev_word_in(
            t,
            n.range.start,
            &["scored", "rated", "rating", "score", "scores"],
        )
    {
        return None;
    }
    if excluded_right(cx, m).is_some() {
        return None;
    }
    let mut q = new_quantity(
        QuantityKind::Frequency,
        n.range.start..m.range.end,
        vec![100.0 * n.value / m.value],
        &[n, m],
    );
    q.frequency = Some((n.value, m.value));
    qualify(&mut q, single(qual));
    let consumed = match np {
        Some(np) => {
            q.population = Some(np.range);
            np.end
        }
        None => attach_of_population(cx, &mut q, m.range.end),
    };
    Some(found(q, consumed))
}

fn rate(cx: &Cx, n: &Number, qual: Option<(Qualifier, usize)>) -> Option<Outcome> {
    let t = cx.text;
    let p = phrase_at(t, n.range.end, " per ")?;
    let (denominator, end, nums): (f64, usize, Vec<&Number>) = match cx.num_at(p) {
        Some(m)
            if m.value >= 10.0 && is_integer(m) && !m.spelled || m.spelled && m.value >= 100.0 =>
        {
            (m.value, m.range.end, vec![n, m])
        }
        Some(_) => return None,
        None => {
            let (d, e) = [
                ("hundred thousand", 1e5),
                ("thousand", 1e3),
                ("million", 1e6),
                ("billion", 1e9),
                ("hundred", 1e2),
            ]
            .iter()
            .find_map(|&(w, d)| phrase_at(t, p, w).map(|e| (d, e)))?;
            (d, e, vec![n])
        }
    };
    let mut q = new_quantity(QuantityKind::Rate, n.range.start..end, vec![n.value], &nums);
    q.frequency = Some((n.value, denominator));
    qualify(&mut q, single(qual));
    let consumed = match space(t, end).and_then(|a| noun_phrase(cx, a, false)) {
        Some(np) => {
            q.population = Some(np.range);
            np.end
        }
        None => end,
    };
    Some(found(q, consumed))
}

fn count(cx: &Cx, n: &Number, qual: Option<(Qualifier, usize)>) -> Option<Outcome> {
    let t = cx.text;
    if n.value < 1.0 || n.decimals > 0 && n.value < 1000.0 || n.spelled && n.value < 10.0 {
        return None;
    }
    let mut nums = vec![n];
    let mut end = n.range.end;
    let between = matches!(qual, Some((Qualifier::Between, _)));
    if let Some(m) = range_partner(cx, end, between) {
        nums.push(m);
        end = m.range.end;
    }
    let after = match char_at(t, end) {
        Some('+') => space(t, end + 1)?,
        _ => space(t, end)?,
    };
    let np = noun_phrase(cx, after, true)?;
    let values = nums.iter().map(|m| m.value).collect();
    let mut q = new_quantity(QuantityKind::Count, n.range.start..end, values, &nums);
    qualify(&mut q, if nums.len() > 1 { qual } else { single(qual) });
    // A sample is counted, not estimated: "1,635 participants", not "12.8 million adults".
    let exact = !n.spelled && n.decimals == 0 && !t[n.range.clone()].contains(char::is_alphabetic);
    if nums.len() == 1 && exact && is_integer(n) && !is_in(NOT_SAMPLES, &t[np.head.clone()]) {
        q.sample_size = Some(n.value as u64);
    }
    q.population = Some(np.range);
    Some(found(q, np.end))
}

// ---------------------------------------------------------------------------------------------
// Figures at a word.

fn at_word(cx: &Cx, w: &WordHit, floor: usize) -> Outcome {
    let r = match w.word {
        Word::Fraction {
            denominator,
            plural,
        } => fraction(cx, w, denominator, plural, floor),
        Word::Twice => multiplier(cx, w, 2.0, floor, false),
        Word::Multiplier(f) => multiplier(cx, w, f64::from(f), floor, false),
        Word::Fold(f) => multiplier(cx, w, f64::from(f), floor, true),
        Word::Majority => majority(cx, w, floor),
        Word::Num(_) => None,
    };
    r.unwrap_or(Outcome::Nothing)
}

fn multiplier(cx: &Cx, w: &WordHit, factor: f64, floor: usize, fold: bool) -> Option<Outcome> {
    let t = cx.text;
    let end = if matches!(w.word, Word::Multiplier(_)) {
        // "double the risk", "tripled the odds"
        let the = next_word(t, w.range.end).filter(|r| t[r.clone()].eq_ignore_ascii_case("the"))?;
        next_word_in(t, the.end, THE_NOUNS)?
    } else {
        comparison_after(t, w.range.end, fold)?
    };
    let mut q = Quantity {
        spelled: true,
        ..new_quantity(
            QuantityKind::Multiple,
            w.range.start..end,
            vec![factor],
            &[],
        )
    };
    qualify(&mut q, single(qualifier_before(t, w.range.start, floor)));
    q.population = subject_before(cx, q.range.start, floor);
    Some(found(q, end))
}

fn fraction(cx: &Cx, w: &WordHit, denominator: u8, plural: bool, floor: usize) -> Option<Outcome> {
    let t = cx.text;
    let s = w.range.start;
    let half = denominator == 2 && !plural;
    // The numerator: "a third", "one third", "two-thirds", "three quarters", or none for "half".
    let sep_before = match char_before(t, s) {
        Some(c @ (' ' | '-')) => Some(s - c.len_utf8()),
        _ => None,
    };
    let mut numerator = None;
    if let Some(j) = sep_before {
        if let Some(n) = cx
            .num_ending_at(j)
            .filter(|n| is_integer(n) && n.value >= 1.0)
        {
            numerator = Some((n.value, n.range.start, n.spelled));
        } else if let Some(a) = word_before(t, j)
            .filter(|a| is_in(&["a", "an"], &t[a.clone()]) && char_before(t, s) == Some(' '))
        {
            numerator = Some((1.0, a.start, true));
        }
    }
    let (num, start, spelled) = match numerator {
        Some(x) => x,
        None if half => {
            if prev_word_in(t, s, HALF_BLOCK) {
                return None;
            }
            (1.0, s, true)
        }
        None => return None,
    };
    if start < floor || num >= f64::from(denominator) || plural != (num > 1.0) {
        return None;
    }
    // "half as likely": a multiple.
    if half
        && start == s
        && let Some(as_) =
            next_word(t, w.range.end).filter(|r| t[r.clone()].eq_ignore_ascii_case("as"))
        && let Some(end) = next_word_in(t, as_.end, COMPARED)
    {
        let mut q = Quantity {
            spelled: true,
            ..new_quantity(QuantityKind::Multiple, s..end, vec![0.5], &[])
        };
        qualify(&mut q, single(qualifier_before(t, s, floor)));
        q.population = subject_before(cx, q.range.start, floor);
        return Some(found(q, end));
    }
    let qual = single(qualifier_before(t, start, floor));
    let mut q = Quantity {
        spelled,
        ..new_quantity(
            QuantityKind::Proportion,
            start..w.range.end,
            vec![100.0 * num / f64::from(denominator)],
            &[],
        )
    };
    qualify(&mut q, qual);
    let after = w.range.end;
    if let Some(i) = phrase_at(t, after, " of ") {
        let mut k = i;
        for det in ["all the ", "the ", "all ", "these ", "those "] {
            if let Some(e) = phrase_at(t, k, det) {
                k = e;
                break;
            }
        }
        if next_word(t, k).is_some_and(|r| is_in(NOT_GROUPS, &t[r])) {
            return None;
        }
        let consumed = attach_of_population(cx, &mut q, after);
        return Some(found(q, consumed));
    }
    if half && let Some(k) = phrase_at(t, after, " the ") {
        // "half the women"
        let np = noun_phrase(cx, k, false)?;
        q.population = Some(np.range);
        return Some(found(q, np.end));
    }
    // "nearly half said": only with a qualifier, and not "nearly half an hour".
    q.qualifier?;
    if let Some(r) = next_word(t, after)
        && (is_in(NOT_GROUPS, &t[r.clone()]) || is_in(&["the", "as", "their", "his", "her"], &t[r]))
    {
        return None;
    }
    Some(found(q, after))
}

fn majority(cx: &Cx, w: &WordHit, floor: usize) -> Option<Outcome> {
    let t = cx.text;
    let mut s = w.range.start;
    if let Some(adj) = prev_word(t, s).filter(|r| is_in(MAJORITY_ADJ, &t[r.clone()])) {
        s = adj.start;
    }
    let art = prev_word(t, s).filter(|r| is_in(&["the", "a"], &t[r.clone()]))?;
    if art.start < floor {
        return None;
    }
    phrase_at(t, w.range.end, " of ")?;
    let mut q = new_quantity(
        QuantityKind::Proportion,
        art.start..w.range.end,
        vec![50.0],
        &[],
    );
    q.qualifier = Some(Qualifier::MoreThan);
    q.spelled = true;
    let consumed = attach_of_population(cx, &mut q, w.range.end);
    Some(found(q, consumed))
}

// ---------------------------------------------------------------------------------------------
// Windows, shared populations and sample sizes.

#[derive(Clone, Copy)]
enum Slot {
    W(&'static [&'static str]),
    /// A number (digits or words) or one of the words.
    NumOr(&'static [&'static str]),
    OptNumOr(&'static [&'static str]),
}

#[rustfmt::skip]
const UNIT_WORDS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
    "fortnight",
];
const LIFE: &[Slot] = &[
    Slot::W(&["in", "during", "over", "throughout"]),
    Slot::W(&["their", "her", "his", "your", "our", "one's", "a"]),
    Slot::W(&["lives", "life", "lifetime", "lifetimes"]),
];

/// Window phrases, each a sequence of slots, with optional tails.
const WINDOWS: &[(&[Slot], &[&[Slot]])] = &[
    (
        &[
            Slot::W(&["at"]),
            Slot::W(&["least"]),
            Slot::W(&["once", "twice"]),
        ],
        &[
            LIFE,
            &[Slot::W(&["a", "per", "every", "each"]), Slot::W(UNIT_WORDS)],
        ],
    ),
    (
        &[
            Slot::W(&["at"]),
            Slot::W(&["some", "any"]),
            Slot::W(&["point", "stage", "time"]),
        ],
        &[LIFE],
    ),
    (LIFE, &[]),
    (
        &[
            Slot::W(&["in", "over", "during", "within", "for"]),
            Slot::W(&["the"]),
            Slot::W(&["past", "last", "previous", "preceding", "prior"]),
            Slot::OptNumOr(&["few", "several"]),
            Slot::W(UNIT_WORDS),
        ],
        &[],
    ),
    (
        &[
            Slot::W(&["as"]),
            Slot::W(&["recently"]),
            Slot::W(&["as"]),
            Slot::NumOr(&["a", "an"]),
            Slot::W(UNIT_WORDS),
        ],
        &[
            &[Slot::W(&["ago"])],
            &[
                Slot::W(&["before"]),
                Slot::W(&["the"]),
                Slot::W(&["survey", "study", "interview"]),
            ],
        ],
    ),
    (
        &[
            Slot::W(&["on"]),
            Slot::W(&["a"]),
            Slot::W(&["regular", "daily", "weekly", "monthly", "frequent"]),
            Slot::W(&["basis"]),
        ],
        &[],
    ),
    (
        &[
            Slot::W(&["most"]),
            Slot::W(&["of"]),
            Slot::W(&["the"]),
            Slot::W(&["time"]),
        ],
        &[],
    ),
    (&[Slot::W(&["every", "each"]), Slot::W(&["time"])], &[]),
    (
        &[
            Slot::W(&["every", "each", "per"]),
            Slot::W(&["day", "week", "month", "year"]),
        ],
        &[],
    ),
    (
        &[
            Slot::W(&["in", "over"]),
            Slot::W(&["the"]),
            Slot::W(&["past"]),
        ],
        &[],
    ),
    (
        &[
            Slot::W(&["past"]),
            Slot::OptNumOr(&["few", "several"]),
            Slot::W(UNIT_WORDS),
        ],
        &[],
    ),
    (
        &[Slot::W(&[
            "past-year",
            "past-month",
            "past-week",
            "12-month",
            "four-week",
            "4-week",
        ])],
        &[],
    ),
    (
        &[Slot::W(&[
            "regularly",
            "always",
            "sometimes",
            "occasionally",
            "frequently",
            "currently",
            "lifetime",
            "annually",
            "ever",
        ])],
        &[],
    ),
];

fn slot_words(slot: Slot) -> (&'static [&'static str], bool, bool) {
    match slot {
        Slot::W(w) => (w, false, false),
        Slot::NumOr(w) => (w, false, true),
        Slot::OptNumOr(w) => (w, true, true),
    }
}

fn match_slots(cx: &Cx, p: usize, slots: &[Slot]) -> Option<usize> {
    let t = cx.text;
    let mut end = p;
    for (k, &slot) in slots.iter().enumerate() {
        let (words, optional, num) = slot_words(slot);
        let at = if k == 0 {
            p
        } else {
            match space(t, end) {
                Some(a) => a,
                None if optional => continue,
                None => return None,
            }
        };
        let hit = words.iter().find_map(|w| phrase_at(t, at, w)).or_else(|| {
            if num {
                cx.num_at(at).map(|n| n.range.end)
            } else {
                None
            }
        });
        match hit {
            Some(e) => end = e,
            None if optional => {}
            None => return None,
        }
    }
    Some(end)
}

fn window_at(cx: &Cx, p: usize) -> Option<usize> {
    let t = cx.text;
    let first = *t.as_bytes().get(p)?;
    for ((base, tails), starts) in WINDOWS.iter().zip(window_starts()) {
        if !starts_with_byte(starts, first) {
            continue;
        }
        let Some(mut end) = match_slots(cx, p, base) else {
            continue;
        };
        for tail in *tails {
            if let Some(e) = space(t, end).and_then(|a| match_slots(cx, a, tail)) {
                end = e;
                break;
            }
        }
        // "than ever", "ever since", "if ever" are not windows.
        if t[p..end].eq_ignore_ascii_case("ever")
            && (prev_word_in(t, p, &["than", "if", "for", "hardly"])
                || next_word_in(t, end, &["since", "so", "before"]).is_some())
        {
            return None;
        }
        return Some(end);
    }
    None
}

/// For each of [`WINDOWS`], the bytes its phrase can start with, one bit each. Every window
/// begins with a word of its first slot (compared ASCII-case-insensitively), so most words of a
/// sentence rule out most windows by their first byte before the slots are tried.
fn window_starts() -> &'static [[u64; 4]] {
    static STARTS: OnceLock<Vec<[u64; 4]>> = OnceLock::new();
    STARTS.get_or_init(|| {
        WINDOWS
            .iter()
            .map(|(base, _)| {
                let mut bits = [0u64; 4];
                let Some(Slot::W(words)) = base.first() else {
                    // A number or an optional first slot could start anywhere.
                    return [u64::MAX; 4];
                };
                for word in *words {
                    let Some(&b) = word.as_bytes().first() else {
                        return [u64::MAX; 4];
                    };
                    let b = b.to_ascii_lowercase();
                    bits[usize::from(b / 64)] |= 1 << (b % 64);
                }
                bits
            })
            .collect()
    })
}

/// Whether `bits` (from [`window_starts`]) hold byte `b`, ASCII-lower-cased.
fn starts_with_byte(bits: &[u64; 4], b: u8) -> bool {
    let b = b.to_ascii_lowercase();
    bits[usize::from(b / 64)] & (1 << (b % 64)) != 0
}

/// Window phrases starting in `[from, to)` and ending by `to`.
fn windows_in<'a>(
    cx: &'a Cx<'a>,
    from: usize,
    to: usize,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let t = cx.text;
    let to = to.min(t.len());
    let from = from.min(to);
    let mut p = from;
    std::iter::from_fn(move || {
        while p < to {
            let c = char_at(t, p)?;
            let at = p;
            p += c.len_utf8();
            if c.is_alphabetic()
                && !char_before(t, at).is_some_and(is_word_char)
                && let Some(e) = window_at(cx, at)
                && e <= to
            {
                p = e;
                return Some(at..e);
            }
        }
        None
    })
}

/// "among women", "in men", "for adults" in `[from, to)`: the group.
fn group_in(cx: &Cx, from: usize, to: usize) -> Option<Range<usize>> {
    let t = cx.text;
    let to = to.min(t.len());
    let mut p = from.min(to);
    while p < to {
        let c = char_at(t, p)?;
        let at = p;
        p += c.len_utf8();
        if !c.is_alphabetic() || char_before(t, at).is_some_and(is_word_char) {
            continue;
        }
        let Some(e) = first_phrase(t, at, &["among ", "amongst ", "in ", "for "]) else {
            continue;
        };
        let e = phrase_at(t, e, "the ").unwrap_or(e);
        if let Some(np) = noun_phrase(cx, e, false)
            && np.range.end <= to
            && !is_in(
                &["those", "deaths", "cases", "births", "suicides"],
                &t[np.head.clone()],
            )
        {
            return Some(np.range);
        }
    }
    None
}

fn coordinated(between: &str) -> bool {
    between.len() <= 60
        && (between.contains(" and ") || between.contains(", ") || between.contains(" or "))
        && ![
            " while ",
            " whilst ",
            " whereas ",
            " but ",
            " although ",
            ";",
            " compared ",
        ]
        .iter()
        .any(|w| between.contains(w))
}

fn annotate(cx: &Cx, qs: &mut [Quantity], sentences: &[Range<usize>]) {
    let t = cx.text;
    let sentence_of = |pos: usize| -> Range<usize> {
        let i = sentences.partition_point(|s| s.end <= pos);
        sentences
            .get(i)
            .filter(|s| s.start <= pos)
            .cloned()
            .unwrap_or(0..t.len())
    };
    let sents: Vec<Range<usize>> = qs.iter().map(|q| sentence_of(q.range.start)).collect();
    let same = |a: usize, b: usize| sents.get(a).is_some() && sents.get(a) == sents.get(b);

    // Windows: after the figure up to the next one, else before it back to the previous one.
    for i in 0..qs.len() {
        let s = &sents[i];
        let lo = if i > 0 && same(i - 1, i) {
            let prev = &qs[i - 1];
            prev.range
                .end
                .max(prev.window.as_ref().map_or(0, |w| w.end))
        } else {
            s.start
        };
        let hi = if same(i, i + 1) {
            qs[i + 1].range.start
        } else {
            s.end
        };
        let q = &qs[i];
        let win = windows_in(cx, q.range.end, hi)
            .next()
            .or_else(|| windows_in(cx, lo, q.range.start).last());
        qs[i].window = win;
    }
    // Coordinated figures share a window: "7% of women and 10% of men at some point".
    for i in (0..qs.len().saturating_sub(1)).rev() {
        if qs[i].window.is_none()
            && same(i, i + 1)
            && let Some(w) = qs[i + 1].window.clone()
            && w.start >= qs[i + 1].range.end
            && coordinated(&t[qs[i].range.end..qs[i + 1].range.start])
        {
            qs[i].window = Some(w);
        }
    }
    for i in 1..qs.len() {
        if qs[i].window.is_none()
            && same(i - 1, i)
            && let Some(w) = qs[i - 1].window.clone()
            && w.end <= qs[i - 1].range.start
            && coordinated(&t[qs[i - 1].range.end..qs[i].range.start])
        {
            qs[i].window = Some(w);
        }
    }
    // Groups named elsewhere in the clause: "Among college students, 46% ...".
    use QuantityKind as K;
    for i in 0..qs.len() {
        let kind = qs[i].kind;
        if qs[i].population.is_some()
            || !matches!(
                kind,
                K::Percentage
                    | K::PercentageRange
                    | K::Proportion
                    | K::Frequency
                    | K::RelativeChange
                    | K::Multiple
                    | K::PercentagePoints
                    | K::Rate
            )
        {
            continue;
        }
        let s = &sents[i];
        let lo = if i > 0 && same(i - 1, i) {
            qs[i - 1].range.end
        } else {
            s.start
        };
        let hi = if same(i, i + 1) {
            qs[i + 1].range.start
        } else {
            s.end
        };
        let r = qs[i].range.clone();
        qs[i].population = group_in(cx, lo, r.start).or_else(|| group_in(cx, r.end, hi));
    }
    // Sample sizes from a people count in the same sentence.
    for i in 0..qs.len() {
        if qs[i].sample_size.is_some()
            || !matches!(
                qs[i].kind,
                K::Percentage
                    | K::PercentageRange
                    | K::Proportion
                    | K::Frequency
                    | K::PercentagePoints
            )
        {
            continue;
        }
        // A people count anywhere in the sentence, or an earlier figure with its own sample
        // ("41% of 1,635 participants ..., while 3.1% ...").
        // Nearest first, a few figures either way (a table-like paragraph can hold thousands).
        let nearest = (1..=8)
            .flat_map(|d| [i.checked_sub(d), Some(i + d)])
            .flatten()
            .filter(|&k| k < qs.len() && same(k, i))
            .find(|&k| qs[k].sample_size.is_some() && (qs[k].kind == K::Count || k < i));
        if let Some(k) = nearest {
            qs[i].sample_size = qs[k].sample_size;
            if qs[i].population.is_none() {
                qs[i].population = qs[k].population.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::sentences;
    use QuantityKind as K;

    fn run(text: &str) -> Vec<Quantity> {
        extract(text, &sentences(text))
    }

    fn slice(text: &str, r: &Option<Range<usize>>) -> Option<String> {
        r.as_ref().map(|r| text[r.clone()].to_string())
    }

    type Row = (
        &'static str,
        QuantityKind,
        &'static [f64],
        u8,
        Option<&'static str>,
        Option<&'static str>,
    );

    /// (sentence, kind, values, precision, population, window): the first quantity of that kind
    /// must match.
    #[rustfmt::skip]
    const ROWS: &[Row] = &[
        ("This affects around 7. 5% of women aged 16–74 during penetration.", K::Percentage, &[7.5], 1, Some("women aged 16–74"), None),
        ("Five percent of adults cried.", K::Percentage, &[5.0], 0, Some("adults"), None),
        ("Forty-six per cent of women said so.", K::Percentage, &[46.0], 0, Some("women"), None),
        ("46% of women had experienced it at least once in their lives.", K::Percentage, &[46.0], 0, Some("women"), Some("at least once in their lives")),
        ("In one survey, 41% of 1,635 participants had cried at some point in their lives.", K::Percentage, &[41.0], 0, Some("participants"), Some("at some point in their lives")),
        ("Another 3. 1% experienced it on a regular basis.", K::Percentage, &[3.1], 1, None, Some("on a regular basis")),
        ("5.1 per cent had felt it in the past four weeks.", K::Percentage, &[5.1], 1, None, Some("in the past four weeks")),
        ("Up to 10% of men have experienced it at some point.", K::Percentage, &[10.0], 0, Some("men"), Some("at some point")),
        ("About 5 per cent of men aged 18 and over are affected.", K::Percentage, &[5.0], 0, Some("men aged 18 and over"), None),
        ("Overall 20.2% of men had felt it in the past 4 weeks.", K::Percentage, &[20.2], 1, Some("men"), Some("in the past 4 weeks")),
        ("Only 2% ever sought help.", K::Percentage, &[2.0], 0, None, Some("ever")),
        ("Lifetime prevalence was 46% in women.", K::Percentage, &[46.0], 0, Some("women"), Some("Lifetime")),
        ("Roughly 40% of those surveyed said yes.", K::Percentage, &[40.0], 0, Some("those surveyed"), None),
        ("It is 46% of men and women.", K::Percentage, &[46.0], 0, Some("men and women"), None),
        ("Fewer than 10% of men sought help.", K::Percentage, &[10.0], 0, Some("men"), None),
        ("At least 30% of sexually active adults have felt it.", K::Percentage, &[30.0], 0, Some("sexually active adults"), None),
        ("Among college students, 46% reported crying at least once.", K::Percentage, &[46.0], 0, Some("college students"), Some("at least once")),
        ("A study of 230 female university students found 46% had cried.", K::Percentage, &[46.0], 0, Some("female university students"), None),
        ("Some 12.25% of the population is affected.", K::Percentage, &[12.25], 2, Some("population"), None),
        ("Studies suggest that anywhere from 7% to 46% of women have cried.", K::PercentageRange, &[7.0, 46.0], 0, Some("women"), None),
        ("It affects around 6–16% of women.", K::PercentageRange, &[6.0, 16.0], 0, Some("women"), None),
        ("Anxiety affects 9–25% of men.", K::PercentageRange, &[9.0, 25.0], 0, Some("men"), None),
        ("Rates ranged between 7.7 and 32.9 percent of women.", K::PercentageRange, &[7.7, 32.9], 1, Some("women"), None),
        ("Between 3 - 4% cried regularly.", K::PercentageRange, &[3.0, 4.0], 0, None, Some("regularly")),
        ("From 10 to 15 per cent of girls said so.", K::PercentageRange, &[10.0, 15.0], 0, Some("girls"), None),
        ("The gap widened by 5 percentage points.", K::PercentagePoints, &[5.0], 0, None, None),
        ("Prevalence rose 3.5 percentage points among teens.", K::PercentagePoints, &[3.5], 1, Some("teens"), None),
        ("One in five women cry after sex.", K::Frequency, &[20.0], 0, Some("women"), None),
        ("About one in twenty had cried in the past four weeks.", K::Frequency, &[5.0], 0, None, Some("in the past four weeks")),
        ("3 out of 10 people have felt this.", K::Frequency, &[30.0], 0, Some("people"), None),
        ("One in 20 women had felt it in the previous month.", K::Frequency, &[5.0], 0, Some("women"), Some("in the previous month")),
        ("About 1 in 4 adults in the UK experience it each year.", K::Frequency, &[25.0], 0, Some("adults"), Some("each year")),
        ("It affects 1 in 10 people at any point in their lives.", K::Frequency, &[10.0], 0, Some("people"), Some("at any point in their lives")),
        ("Four in ten respondents had cried.", K::Frequency, &[40.0], 0, Some("respondents"), None),
        ("The odds are one in a hundred.", K::Frequency, &[1.0], 0, None, None),
        ("It is a 1-in-5 chance.", K::Frequency, &[20.0], 0, None, None),
        ("Nearly half of women have cried after sex.", K::Proportion, &[50.0], 0, Some("women"), None),
        ("A third of respondents said so.", K::Proportion, &[100.0 / 3.0], 0, Some("respondents"), None),
        ("Two-thirds of UK adults agree.", K::Proportion, &[200.0 / 3.0], 0, Some("UK adults"), None),
        ("The majority of couples were fine.", K::Proportion, &[50.0], 0, Some("couples"), None),
        ("More than half of men agreed.", K::Proportion, &[50.0], 0, Some("men"), None),
        ("Almost a quarter of patients relapse.", K::Proportion, &[25.0], 0, Some("patients"), None),
        ("Three quarters of parents worry.", K::Proportion, &[75.0], 0, Some("parents"), None),
        ("The vast majority of survivors never tell anyone.", K::Proportion, &[50.0], 0, Some("survivors"), None),
        ("Half of all men have cried regularly.", K::Proportion, &[50.0], 0, Some("men"), Some("regularly")),
        ("Nearly half said they had cried.", K::Proportion, &[50.0], 0, None, None),
        ("Women are 2.87 times more likely to experience it at some point in their lives.", K::Multiple, &[2.87], 2, Some("Women"), Some("at some point in their lives")),
        ("Studies found that women are 2. 87 times more likely to cry.", K::Multiple, &[2.87], 2, Some("women"), None),
        ("Men were twice as likely to report it.", K::Multiple, &[2.0], 0, Some("Men"), None),
        ("Men were half as likely to seek help.", K::Multiple, &[0.5], 0, Some("Men"), None),
        ("Drinking doubles the risk of relapse.", K::Multiple, &[2.0], 0, None, None),
        ("Smoking carries three times the risk.", K::Multiple, &[3.0], 0, None, None),
        ("They saw a twofold increase in cases.", K::Multiple, &[2.0], 0, None, None),
        ("Users were 10x more likely to relapse.", K::Multiple, &[10.0], 0, Some("Users"), None),
        ("Young women were 3-fold more likely to cry.", K::Multiple, &[3.0], 0, Some("Young women"), None),
        ("Rates are 3 to 4 times higher in women.", K::Multiple, &[3.0, 4.0], 0, Some("women"), None),
        ("Smokers were 99% more likely to relapse.", K::RelativeChange, &[99.0], 0, Some("Smokers"), None),
        ("Therapy brought a 30% increase in wellbeing.", K::RelativeChange, &[30.0], 0, None, None),
        ("Relapse fell by 20% after treatment.", K::RelativeChange, &[20.0], 0, None, None),
        ("Over 1,200 men took part.", K::Count, &[1200.0], 0, Some("men"), None),
        ("A study of 230 female university students found 46% had cried.", K::Count, &[230.0], 0, Some("female university students"), None),
        ("In a sample (n = 230), most had cried.", K::Count, &[230.0], 0, None, None),
        ("Overall N = 1,635 in the cohort.", K::Count, &[1635.0], 0, None, None),
        ("An estimated 2 million adults live with it.", K::Count, &[2e6], 0, Some("adults"), None),
        ("Nearly a thousand people marched.", K::Count, &[1000.0], 0, Some("people"), None),
        ("There were 5,000 deaths last year.", K::Count, &[5000.0], 0, Some("deaths"), None),
        ("In total 1,208 male participants took part.", K::Count, &[1208.0], 0, Some("male participants"), None),
        ("Suicide rates were 13.0 per 100,000 people.", K::Rate, &[13.0], 1, Some("people"), None),
        ("Rates were 1.2 per 1,000 live births.", K::Rate, &[1.2], 1, Some("live births"), None),
        ("The rate was 4.5 per 100,000 in 2019.", K::Rate, &[4.5], 1, None, None),
        ("The odds were higher (OR = 2.3, 95% CI 1.4–3.8).", K::OddsRatio, &[2.3], 1, None, None),
        ("The odds were higher (OR = 2.3, 95% CI 1.4–3.8).", K::ConfidenceInterval, &[1.4, 3.8], 1, None, None),
        ("The odds ratio was 1.8 in this group.", K::OddsRatio, &[1.8], 1, None, None),
        ("RR = 1.45 in men.", K::OddsRatio, &[1.45], 2, None, None),
        ("It had an adjusted odds ratio of 2.3.", K::OddsRatio, &[2.3], 1, None, None),
        ("The hazard was lower (HR 0.8 [0.6, 0.9]).", K::ConfidenceInterval, &[0.6, 0.9], 1, None, None),
        ("The effect held (95% confidence interval 1.2 to 2.9).", K::ConfidenceInterval, &[1.2, 2.9], 1, None, None),
        ("The change was small (95% CI: −0.5 to −0.1).", K::ConfidenceInterval, &[-0.5, -0.1], 1, None, None),
        ("The difference was significant (p < 0.05).", K::PValue, &[0.05], 2, None, None),
        ("It was P = 0.03 for the trend.", K::PValue, &[0.03], 2, None, None),
        ("The effect was clear (p<.001).", K::PValue, &[0.001], 3, None, None),
        ("Distress correlated weakly with age (r = −0.16).", K::Correlation, &[-0.16], 2, None, None),
        ("It was small, r(228) = -0.16, as expected.", K::Correlation, &[-0.16], 2, None, None),
    ];

    #[test]
    fn table_of_statistics() {
        assert!(ROWS.len() >= 60);
        let mut failures = Vec::new();
        for &(text, kind, values, precision, population, window) in ROWS {
            let qs = run(text);
            let Some(q) = qs.iter().find(|q| q.kind == kind) else {
                failures.push(format!("{text}: no {kind:?} in {qs:?}"));
                continue;
            };
            let values_ok = q.values.len() == values.len()
                && q.values
                    .iter()
                    .zip(values)
                    .all(|(g, w)| (g - w).abs() < 1e-9);
            let got = (
                values_ok,
                q.precision,
                slice(text, &q.population),
                slice(text, &q.window),
            );
            let want = (
                true,
                precision,
                population.map(str::to_string),
                window.map(str::to_string),
            );
            if got != want {
                failures.push(format!(
                    "{text}: got {got:?} ({:?}), want {want:?}",
                    q.values
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    fn shown(text: &str) -> Vec<(QuantityKind, &str)> {
        run(text)
            .into_iter()
            .map(|q| (q.kind, &text[q.range]))
            .collect()
    }

    #[test]
    fn one_quantity_per_statistic_with_its_whole_range() {
        assert_eq!(
            shown(
                "Studies suggest that anywhere from 7% to 46% of women and up to 10% of men have cried."
            ),
            vec![
                (K::PercentageRange, "anywhere from 7% to 46%"),
                (K::Percentage, "up to 10%")
            ]
        );
        assert_eq!(
            shown("between 7.7 and 32.9 percent"),
            vec![(K::PercentageRange, "between 7.7 and 32.9 percent")]
        );
        assert_eq!(
            shown("(OR = 2.3, 95% CI 1.4–3.8; p < 0.05; r = −0.16)"),
            vec![
                (K::OddsRatio, "OR = 2.3"),
                (K::ConfidenceInterval, "95% CI 1.4–3.8"),
                (K::PValue, "p < 0.05"),
                (K::Correlation, "r = −0.16"),
            ]
        );
        assert_eq!(
            shown("Women are 2. 87 times more likely; men were twice as likely."),
            vec![
                (K::Multiple, "2. 87 times more likely"),
                (K::Multiple, "twice as likely")
            ]
        );
        // A change from one figure to another is two figures, not a range.
        assert_eq!(
            shown("The share rose from 10% to 13%."),
            vec![(K::Percentage, "10%"), (K::Percentage, "13%")]
        );
        assert_eq!(
            shown("About one in twenty, or 5.1 per cent, had cried."),
            vec![
                (K::Frequency, "About one in twenty"),
                (K::Percentage, "5.1 per cent")
            ]
        );
        assert_eq!(
            shown("Nearly half of women and a third of men"),
            vec![(K::Proportion, "Nearly half"), (K::Proportion, "a third")]
        );
    }

    #[test]
    fn qualifiers_flags_and_sample_sizes() {
        let q = &run("around 7. 5% of women aged 16–74")[0];
        assert_eq!(q.qualifier, Some(Qualifier::About));
        assert!(q.broken);
        let cases: &[(&str, Qualifier)] = &[
            ("up to 10% of men", Qualifier::UpTo),
            ("at least 30% of adults", Qualifier::AtLeast),
            ("more than 40% of women", Qualifier::MoreThan),
            ("over 1,200 men", Qualifier::MoreThan),
            ("less than 5% of men", Qualifier::LessThan),
            ("nearly half of women", Qualifier::Nearly),
            ("just under 20% of adults", Qualifier::Nearly),
            ("between 3 - 4% of men", Qualifier::Between),
            ("anywhere from 7% to 46% of women", Qualifier::AnywhereFrom),
            ("approximately 12% of teens", Qualifier::About),
            ("p < 0.05", Qualifier::LessThan),
        ];
        for &(text, want) in cases {
            assert_eq!(run(text)[0].qualifier, Some(want), "{text}");
        }
        assert_eq!(run("46% of women")[0].qualifier, None);

        let qs = run("41% of 1,635 participants had cried, while 3. 1% cried on a regular basis.");
        assert_eq!(qs[0].sample_size, Some(1635));
        assert_eq!(qs[1].sample_size, Some(1635));
        assert!(qs[1].broken && !qs[0].broken);
        let qs = run("A study of 230 female university students found 46% had cried.");
        assert_eq!(qs[1].sample_size, Some(230));
        let qs = run("Of those who answered (n = 230), 46% had cried.");
        assert_eq!(qs[1].sample_size, Some(230));
        assert_eq!(run("There were 5,000 deaths.")[0].sample_size, None);
        assert!(run("forty-six per cent")[0].spelled);
        assert!(!run("46 per cent")[0].spelled);
        let f = &run("one in twenty")[0];
        assert_eq!(f.frequency, Some((1.0, 20.0)));
        assert_eq!(f.values, vec![5.0]);
    }

    /// Sentences with numbers that are not statistics.
    const NEAR_MISSES: &[&str] = &[
        "The study was published in 2019.",
        "A 2015 study looked at this.",
        "One study from 2019 found that distress mattered.",
        "It was 1994 when she first noticed.",
        "Women aged 16–74 took part.",
        "She is an 18-year-old student.",
        "He was first arrested at age 17.",
        "Many people in their 20s feel this.",
        "She cried for 40 minutes after it, which lasted 8 seconds.",
        "It took four weeks to settle.",
        "Meet at 9am or at 9 a.m. tomorrow.",
        "It lasted a few hours.",
        "He waited a thousand years for her.",
        "Call 988 or text HOME to 741741.",
        "Samaritans are on 116 123, day or night.",
        "Call 1-800-273-8255 any time.",
        "In Australia, Lifeline is on 13 11 14.",
        "1. Talk to your partner.",
        "Step 2 is to breathe.",
        "See section 3.2 for details.",
        "Take 500 mg twice a day.",
        "It costs $20 per session.",
        "It costs £20 per 100 pages.",
        "Support is available 24/7.",
        "See doi:10.1016/j.esxm.2015.04.004 for more.",
        "Indexed as PMID: 26185675.",
        "Cited as ISBN 978-0-19-953556-9.",
        "See https://example.com/2019/46 for more.",
        "The first time, and the 3rd time.",
        "One of the participants cried.",
        "One study found this.",
        "One person said so.",
        "There are six possible causes.",
        "Both partners felt it.",
        "Here are 3 tips for partners.",
        "Two partners were involved.",
        "Three men walk into a bar.",
        "He was murdered in season 7 of the show.",
        "She was hurt at age nine.",
        "They had met six months before.",
        "Lucifer (2016) shows it.",
        "How to Lose a Guy in 10 Days is a film.",
        "Last update: 10 May 2024.",
        "On May 10, 2024 we spoke.",
        "Type 2 diabetes affects many.",
        "Stage 4 patients were excluded.",
        "I am 100% sure.",
        "It works 100% of the time.",
        "He cried [12] and [3, 4].",
        "COVID-19 changed things.",
        "She drank 3 glasses of wine.",
        "It happened at 9:30.",
        "Half an hour later she cried.",
        "In the second half of the film he cries.",
        "A third party was involved.",
        "Once in a while it happens.",
        "They rated it 7 out of 10 stars.",
        "Between the ages of 18 and 25, people change.",
        "Over 65s are at risk.",
        "People over 65 should ask.",
        "In the first quarter of 2020 it changed.",
        "He doubled down.",
        "Ages 18-25 were included.",
        "Women in their 30s often ask.",
        "It happened three times a day.",
        "Read 5 ways men can help.",
        "It was the fifth study.",
        "21Ninety spoke with her.",
        "Aired on Channel 4 at 10.",
        "She was born on 3 March 1990.",
        "Visit us at 10 Downing Street.",
        "She wrote a two-page letter.",
        "It takes 20-30 minutes.",
        "The 2015–2019 period was hard.",
        "Chapter 12 covers it.",
        "H1N1 was a concern.",
        "It costs 20 dollars.",
        "Take 2 tablets.",
        "It was a one-off.",
        "In his 2018 book, he wrote it.",
        "They spent half the time crying.",
    ];

    #[test]
    fn near_misses_yield_nothing() {
        for text in NEAR_MISSES {
            let qs = run(text);
            assert!(qs.is_empty(), "{text}: {qs:#?}");
        }
    }

    fn check_ranges(text: &str, qs: &[Quantity]) {
        let mut last = 0;
        for q in qs {
            assert!(q.range.start >= last, "{text}: overlapping {qs:?}");
            last = q.range.end;
            let all = [
                Some(q.range.clone()),
                q.population.clone(),
                q.window.clone(),
            ];
            for r in all.into_iter().flatten() {
                let s = text.get(r.clone());
                let Some(s) = s else {
                    panic!("{text:?}: {r:?} not on char boundaries");
                };
                assert!(!s.is_empty(), "{text:?}: empty range");
                assert_eq!(s.trim(), s, "{text:?}: untrimmed {s:?}");
            }
            assert!(q.values.iter().all(|v| v.is_finite()), "{text:?}: {q:?}");
        }
    }

    #[test]
    fn ranges_are_sorted_trimmed_and_on_char_boundaries() {
        for &(text, ..) in ROWS {
            check_ranges(text, &run(text));
        }
        for text in NEAR_MISSES {
            check_ranges(text, &run(text));
        }
        let mixed = "Ça va : « 46 % des femmes » — environ 7. 5 % ; ‘one in five’ ☃ 2.87× more likely, \u{FFFC}12\u{FFFC}% of men";
        check_ranges(mixed, &run(mixed));
    }

    #[test]
    fn odd_input_never_panics() {
        let huge = "9".repeat(400);
        let odd = [
            "",
            " ",
            "%",
            "%%%",
            "1.",
            "....",
            "-",
            "−",
            "1e999",
            "1 in 0",
            "0 in 0",
            "1 per 0",
            "5 in 1",
            "between and",
            "between 5 and",
            "n =",
            "n = ",
            "p <",
            "p < .",
            "OR",
            "OR =",
            "95% CI",
            "95% CI 1.4–",
            "95% CI [",
            "r = −",
            "(",
            ")",
            "()",
            "(1",
            "1)",
            "a",
            "a ",
            "half",
            "a half",
            "the majority",
            "majority of",
            "twice",
            "double the",
            "1-",
            "-1",
            "1 - ",
            "1 to",
            "1 in",
            "1 out of",
            "one in",
            "a hundred",
            "% of",
            "of 1,635",
            "1,635",
            "1,",
            ",1",
            "7. ",
            "7. 5",
            "7. 5%",
            "2. 87 times",
            "×",
            "10×",
            "10x",
            "\u{FFFC}",
            "é%",
            "1é",
            "é1",
            "1%é",
            "٣%",
            "１２%",
            "⅓ of women",
        ];
        for text in odd {
            check_ranges(text, &run(text));
        }
        let long = format!("{huge}% of {huge} people, {huge} in {huge}, OR = {huge}, 1 in {huge}");
        check_ranges(&long, &run(&long));
        // Sentences that do not match the text are tolerated.
        let _ = extract("46% of women", &[0..1000, Range { start: 5, end: 2 }]);
        let _ = extract("46% of women", &[]);
    }
}
