//! What the fuzzers write with: the shapes the rules look for (figures, Markdown and HTML
//! syntax, multi-byte punctuation), written here by hand, and the phrase lists of
//! `rules/*.yml`, read from the data the crate embeds so they never drift from the rules.
//!
//! Both fuzz targets use them: `articles` builds articles from them (`article.rs`) and `lint`
//! mutates bytes with them, through the dictionary [`dictionary`] writes
//! (`cargo run --example fuzz-dict`).

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Figure shapes: the units, separators and idioms that make a number a statistic, a range, a
/// rate or a year, and the Unicode signs that real articles use for them.
pub const FIGURES: &[&str] = &[
    "%",
    " %",
    "\u{a0}%",
    " per cent",
    " percent",
    "pc",
    "per cent of",
    "% of",
    "one in five",
    "one in four",
    "1 in 4",
    "1 in 10",
    "one out of every",
    "in every",
    "per 100,000",
    "per 100 000",
    "per 1,000",
    "per million",
    "per year",
    "a year",
    "19–28",
    "19-28",
    "(19–28 years)",
    "–",
    "—",
    "−",
    "to",
    "between",
    "and",
    "1,635",
    "100,000",
    "1.6 million",
    "3 billion",
    "100 000",
    "100\u{202f}000",
    "1.000",
    "0.5",
    ".5",
    "3,5",
    "twice as likely",
    "times more likely",
    "times as likely",
    "half",
    "a third",
    "two-thirds",
    "three quarters",
    "a quarter",
    "majority",
    "most",
    "2019",
    "in 2021",
    "1990s",
    "’90s",
    "2019–20",
    "2019/20",
    "aged 16 to 24",
    "$3.5 billion",
    "£120",
    "€5m",
    "95% CI",
    "CI 1.2–3.4",
    "p < 0.05",
    "p=.03",
    "OR = 2.1",
    "(n = 1,635)",
    "n=",
    "±",
    "×",
    "r = −0.3",
    "rose from",
    "fell by",
    "increased by",
    "doubled",
    "12 months",
    "past year",
    "4 weeks",
    "18-year-olds",
    "No. 1",
    "1st",
    "½",
    "¼",
    "²",
    "10⁵",
    "４６％",
    "٤٦٪",
    "0800 123 4567",
    "116 123",
    "1-800-273-8255",
    "988",
    "741741",
    "text HOME to",
];

/// Markdown (and MDX) structure: headings, lists, tables, quotes, code, links, footnotes,
/// front matter, HTML comments and the suppression comments carelint reads.
pub const MARKDOWN: &[&str] = &[
    "\n\n",
    "\n",
    "\r\n",
    "\r",
    "  \n",
    "\\\n",
    "# ",
    "## ",
    "### ",
    "###### ",
    "\n===\n",
    "\n---\n",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "   - ",
    "    ",
    "\t",
    "- [ ] ",
    "> ",
    "> > ",
    "> [!NOTE]",
    "| ",
    " | ",
    " |",
    "|---|---|",
    "| --- | --- |",
    "|:---:|",
    "```",
    "~~~",
    "`",
    "**",
    "__",
    "_",
    "*",
    "~~",
    "[",
    "]",
    "](",
    ")",
    "[1]",
    "[^1]",
    "[^1]: ",
    "![",
    "<https://",
    "https://",
    "www.",
    ".org",
    "---\ntitle: ",
    "\n---\n",
    "<!-- ",
    " -->",
    "<!-- carelint-disable -->",
    "<!-- carelint-enable -->",
    "<!-- carelint-disable-next-line -->",
    "<!-- carelint-disable-line -->",
    "<!-- carelint-disable-file -->",
    " -- ",
    "import ",
    "export const ",
    "<Callout>",
    "</Callout>",
    "{",
    "}",
    "&nbsp;",
    "&ndash;",
    "&#8211;",
    "&amp;",
];

/// HTML structure, for the HTML reader.
pub const HTML: &[&str] = &[
    "<p>",
    "</p>",
    "<h2>",
    "</h2>",
    "<ul>",
    "<li>",
    "</li>",
    "</ul>",
    "<ol>",
    "<table>",
    "<tr>",
    "<td>",
    "<th>",
    "</table>",
    "<blockquote>",
    "</blockquote>",
    "<br>",
    "<a href=\"",
    "\">",
    "</a>",
    "<figcaption>",
    "<script>",
    "</script>",
    "<style>",
    "<pre>",
    "<code>",
    "<!--",
    "-->",
    "<div class=\"callout\">",
    "</div>",
    "<sup>",
    "<![CDATA[",
    "<title>",
];

/// Multi-byte and unusual characters: typographic quotes and dashes, spaces that are not
/// spaces, bullets, a byte-order mark, combining marks and characters of four bytes.
pub const PUNCTUATION: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "„",
    "«",
    "»",
    "…",
    "–",
    "—",
    "−",
    "‐",
    "‑",
    "\u{a0}",
    "\u{202f}",
    "\u{2009}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "\u{301}",
    "•",
    "·",
    "◦",
    "▪",
    "→",
    "×",
    "÷",
    "′",
    "″",
    "§",
    "¶",
    "†",
    "。",
    "、",
    "！",
    "？",
    "🙂",
    "👩‍⚕️",
    "𝟒𝟔",
    "\u{2028}",
    "\u{85}",
    "\x0b",
    "\x0c",
    "\0",
];

/// Ordinary words that glue phrases into sentences.
pub const FILLER: &[&str] = &[
    "the",
    "a",
    "of",
    "in",
    "and",
    "or",
    "that",
    "had",
    "have",
    "were",
    "was",
    "is",
    "said",
    "found",
    "reported",
    "women",
    "men",
    "people",
    "adults",
    "teens",
    "study",
    "survey",
    "it",
    "they",
    "about",
    "at least once",
    "in their lives",
    "at some point",
    "than",
    "as",
    "more",
    "likely",
    "after",
    "this",
    "year",
    "call",
    "text",
    "visit",
    "help",
    "support",
    "UK",
    "US",
];

/// One list of phrases from the rule data, named `file:key` (`rules/statistics.yml:source_cues`).
pub struct Pool {
    pub name: String,
    /// Every form of every phrase (`suffer{,s} from` gives `suffer from` and `suffers from`).
    pub phrases: Vec<String>,
    /// Each phrase once, in its first form.
    pub written: Vec<String>,
}

/// Keys whose strings are not text an article would contain: ids, levels, guideline
/// citations, and the explanations written for editors.
const NOT_TEXT: &[&str] = &[
    "version",
    "last_verified",
    "sources",
    "why",
    "reason",
    "id",
    "group",
    "level",
    "require",
    "missing",
    "url",
];

/// The phrase lists of every built-in `rules/*.yml`, one pool per top-level key, each phrase
/// expanded to every form the rules match (`{a,b}` alternation, `'` and `’`).
pub fn pools() -> &'static [Pool] {
    static POOLS: OnceLock<Vec<Pool>> = OnceLock::new();
    POOLS.get_or_init(|| {
        let mut pools = Vec::new();
        for (file, json) in carelint::data::JSON {
            let value: serde_json::Value = serde_json::from_str(json).expect("embedded JSON");
            let Some(map) = value.as_object() else {
                continue;
            };
            for (key, value) in map {
                if NOT_TEXT.contains(&key.as_str()) {
                    continue;
                }
                let mut strings = BTreeSet::new();
                collect(value, &mut strings);
                let (mut phrases, mut written) = (BTreeSet::new(), BTreeSet::new());
                for s in strings {
                    // A string that is not phrase syntax (a phone shape, a URL) is its own form.
                    let forms = carelint::phrases::expand(&s).unwrap_or_else(|_| vec![s.clone()]);
                    written.insert(forms.first().cloned().unwrap_or(s));
                    phrases.extend(forms);
                }
                if !phrases.is_empty() {
                    pools.push(Pool {
                        name: format!("{file}:{key}"),
                        phrases: phrases.into_iter().collect(),
                        written: written.into_iter().collect(),
                    });
                }
            }
        }
        pools
    })
}

/// Every string under `value`, except under [`NOT_TEXT`] keys.
fn collect(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        serde_json::Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !NOT_TEXT.contains(&k.as_str()))
            .for_each(|(_, v)| collect(v, out)),
        _ => {}
    }
}

/// The longest entry libFuzzer keeps in a dictionary (`kMaxDictElementSize`).
const MAX_ENTRY: usize = 64;

/// The dictionary for `cargo fuzz run lint -- -dict=...`: the hand-written
/// shapes above, then every phrase of the rule data in its first form. The other forms of a
/// phrase differ by a word ending or an alternative; listing all 17,000 would bury the
/// shapes, which libFuzzer picks from the same list with the same odds.
pub fn dictionary() -> String {
    let mut out = String::from(
        "# Generated from fuzz/common/vocabulary.rs and rules/*.yml by\n\
         # `cargo run --example fuzz-dict`; do not edit.\n",
    );
    let mut seen = BTreeSet::new();
    let sections: [(&str, &[&str]); 5] = [
        ("figure shapes", FIGURES),
        ("Markdown and MDX syntax", MARKDOWN),
        ("HTML syntax", HTML),
        ("multi-byte punctuation and odd characters", PUNCTUATION),
        ("glue words", FILLER),
    ];
    for (title, tokens) in sections {
        section(&mut out, title, tokens.iter().copied(), &mut seen);
    }
    for pool in pools() {
        let tokens = pool.written.iter().map(String::as_str);
        section(&mut out, &pool.name, tokens, &mut seen);
    }
    out
}

/// Writes a `# title` line and each token not written before, as a libFuzzer entry.
fn section<'a>(
    out: &mut String,
    title: &str,
    tokens: impl Iterator<Item = &'a str>,
    seen: &mut BTreeSet<String>,
) {
    let mut lines = Vec::new();
    for token in tokens {
        if token.is_empty() || token.len() > MAX_ENTRY || !seen.insert(token.to_string()) {
            continue;
        }
        lines.push(entry(token));
    }
    if lines.is_empty() {
        return;
    }
    out.push_str(&format!("\n# {title}\n"));
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
}

/// One dictionary line: the token in double quotes, with `\`, `"` and every byte that is not
/// printable ASCII escaped as `\xNN` (libFuzzer rejects a line with raw non-ASCII bytes).
fn entry(token: &str) -> String {
    let mut line = String::from("\"");
    for &b in token.as_bytes() {
        match b {
            b'\\' => line.push_str("\\\\"),
            b'"' => line.push_str("\\\""),
            b' '..=b'~' => line.push(char::from(b)),
            _ => line.push_str(&format!("\\x{b:02X}")),
        }
    }
    line.push('"');
    line
}
