//! The word lists extraction reads, compared ASCII case-insensitively.

use super::Qualifier;

/// Nouns for groups of people: heads of populations and of counts.
#[rustfmt::skip]
pub(super) const PEOPLE: &[&str] = &[
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
pub(super) const NOT_COUNT_HEADS: &[&str] = &["population", "sample", "cohort", "public", "those"];

/// Count nouns whose number is not a sample size.
pub(super) const NOT_SAMPLES: &[&str] = &["deaths", "cases", "births", "suicides"];

/// Words that end a noun phrase.
#[rustfmt::skip]
pub(super) const STOP: &[&str] = &[
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
pub(super) const LABELS: &[&str] = &[
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
pub(super) const DOT_LABELS: &[&str] = &[
    "no", "nos", "p", "pp", "fig", "figs", "vol", "ch", "sec", "para", "ed", "art", "ref", "tel",
    "ext", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
];

/// Units after a number that make it a duration, time, date, age, dose, size or price.
#[rustfmt::skip]
pub(super) const UNITS: &[&str] = &[
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
pub(super) const YEAR_PREPS: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "the", "a", "an",
    "of", "to", "between", "and", "around", "circa", "early", "late", "mid", "spring", "summer",
    "autumn", "fall", "winter", "year",
];

/// Qualifier phrases before a figure; when several match, the longest (earliest start) wins.
pub(super) const QUALIFIERS: &[(&str, Qualifier)] = &[
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
pub(super) const COMPARATIVES: &[&str] = &[
    "more", "less", "higher", "greater", "lower", "larger", "bigger", "smaller", "likelier",
    "fewer", "faster", "slower",
];

/// Words after a comparative or "as" that belong to the figure: "more likely", "as common".
#[rustfmt::skip]
pub(super) const COMPARED: &[&str] = &[
    "likely", "common", "prevalent", "frequent", "frequently", "often", "many", "much", "high",
    "risk", "chance", "odds", "rate", "probable", "susceptible", "vulnerable", "severe",
];

/// Nouns after "N times the" / "twice the".
#[rustfmt::skip]
pub(super) const THE_NOUNS: &[&str] = &[
    "risk", "rate", "rates", "odds", "chance", "chances", "likelihood", "number", "amount",
    "prevalence", "incidence", "level", "average",
];

/// Nouns after "N%" that make it a relative change: "a 30% increase", "30% reduction".
#[rustfmt::skip]
pub(super) const CHANGES: &[&str] = &[
    "increase", "increased", "decrease", "decreased", "rise", "drop", "reduction", "reduced",
    "decline", "jump", "gain", "fall", "boost", "cut",
];

/// Verbs before "from X% to Y%" that make it a change, not a range.
#[rustfmt::skip]
pub(super) const CHANGE_VERBS: &[&str] = &[
    "rose", "risen", "rise", "rises", "increased", "increase", "increases", "fell", "fallen",
    "fall", "falls", "dropped", "drop", "drops", "declined", "decline", "grew", "grown", "grow",
    "climbed", "jumped", "went", "gone", "changed", "shifted", "decreased", "decrease", "reduced",
    "improved", "moved", "plummeted", "soared", "slipped", "up", "down",
];

/// Verbs before "by N%" that make it a relative change: "reduced by 30%".
#[rustfmt::skip]
pub(super) const BY_VERBS: &[&str] = &[
    "increased", "increase", "increases", "decreased", "decrease", "decreases", "rose", "risen",
    "fell", "fallen", "dropped", "reduced", "reduce", "reduces", "cut", "cuts", "grew", "grown",
    "jumped", "climbed", "declined", "lowered", "lowers", "raised", "raises", "boosted",
];

/// After "100%": a figure of speech, not a statistic.
#[rustfmt::skip]
pub(super) const FIGURATIVE: &[&str] = &[
    "sure", "certain", "honest", "true", "committed", "confident", "natural", "safe", "fine",
    "okay", "ok", "right", "wrong", "serious", "clear", "behind", "free", "organic", "pure",
    "effective", "guaranteed",
];

/// Words before "half" that make it a part of something, not a proportion ("the second half").
pub(super) const HALF_BLOCK: &[&str] = &[
    "the", "first", "second", "other", "last", "latter", "former", "top", "bottom", "upper",
    "lower", "back", "front", "better", "early", "later", "this", "that", "each", "and", "in",
    "by", "my", "his", "her", "their", "our", "your",
];

/// Heads after "half of"/"a third of" that are not groups ("half of the time", "a quarter of an
/// hour", "a third of the way").
pub(super) const NOT_GROUPS: &[&str] = &[
    "a", "an", "this", "that", "it", "which", "what", "each", "every", "time", "times", "hour",
    "hours", "day", "days", "night", "nights", "week", "weeks", "month", "months", "year", "years",
    "decade", "decades", "century", "way", "distance", "mile", "miles", "film", "movie", "book",
    "episode", "season", "series", "story", "game", "match", "page", "pages", "chapter", "song",
    "album", "show", "novel", "article", "video", "cup", "glass", "bottle", "dose", "pill",
    "tablet", "minute", "minutes", "second", "seconds", "century", "pie", "cake",
];

/// Words before a group that are not part of it: "Overall women were twice as likely".
pub(super) const SENTENCE_ADVERBS: &[&str] = &[
    "overall", "today", "now", "here", "thus", "yet", "still", "found", "shows", "show", "showed",
    "suggest", "suggests", "say", "says", "said", "whether", "why", "how",
];

/// Adjectives between the article and "majority".
#[rustfmt::skip]
pub(super) const MAJORITY_ADJ: &[&str] = &[
    "vast", "overwhelming", "large", "great", "slim", "small", "narrow", "clear", "substantial",
    "significant", "simple", "sizeable", "sizable", "big",
];

pub(super) fn is_in(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

pub(super) fn is_people(w: &str) -> bool {
    is_in(PEOPLE, w)
}
