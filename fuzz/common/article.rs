//! Articles built from the pieces the rules look for, for the `articles` fuzz target.
//!
//! Random bytes rarely spell "46% of women had cried after sex, according to the CDC", so the
//! `lint` target seldom gets past the parser into the rules. Here the fuzzer's bytes choose
//! instead: blocks (paragraphs, headings, lists, tables, quotes, help boxes, comments), and in
//! them sentences made of rule-data phrases ([`vocabulary::pools`]), figures of every shape,
//! sources, multi-byte punctuation and glue, written as Markdown, plain text, HTML or MDX.
//! Sentences with figures are remembered and written again with other digits, in the same
//! article or in a second one, so contradictions within and across articles come up often.
//!
//! The result is an input in the `lint` target's layout ([`Generated::to_input`]), checked by
//! [`super::check_input`], so a crash found here is kept in `fuzz/regressions/` as plain text.

use arbitrary::{Result, Unstructured};

use super::vocabulary::{self, FIGURES, FILLER, PUNCTUATION};

/// How an article is written; the number is the `lint` layout's format byte
/// ([`super::options_for`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Markdown = 0,
    MarkdownShapes = 1,
    Plain = 2,
    Html = 3,
    Mdx = 4,
}

/// One generated input: the format and one article, or two of one publication.
#[derive(Debug)]
pub struct Generated {
    pub selector: u8,
    pub articles: Vec<String>,
}

impl Generated {
    /// The input as the `lint` target reads it: the format byte, then the articles split by a
    /// form feed.
    pub fn to_input(&self) -> Vec<u8> {
        let mut input = vec![self.selector];
        input.extend_from_slice(self.articles.join("\x0c").as_bytes());
        input
    }
}

/// Builds one input from the fuzzer's bytes; never fails for want of bytes (choices then
/// take their first option, and loops stop).
pub fn generate(u: &mut Unstructured) -> Result<Generated> {
    let style = match u.int_in_range(0..=4u8)? {
        0 => Style::Markdown,
        1 => Style::MarkdownShapes,
        2 => Style::Plain,
        3 => Style::Html,
        _ => Style::Mdx,
    };
    let mut writer = Writer {
        u,
        style,
        nl: "\n",
        memory: Vec::new(),
    };
    let mut articles = vec![writer.article()?];
    if writer.u.ratio(1, 3)? {
        articles.push(writer.article()?);
    }
    Ok(Generated {
        selector: style as u8,
        articles,
    })
}

struct Writer<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    style: Style,
    /// The line ending of the article being written.
    nl: &'static str,
    /// Sentences with digits written so far, to write again with other numbers.
    memory: Vec<String>,
}

/// Most blocks an article has, sentences a paragraph has, pieces a sentence has.
const MAX_BLOCKS: u8 = 16;
const MAX_SENTENCES: u8 = 4;
const MAX_PIECES: u8 = 10;

impl Writer<'_, '_> {
    fn pick<'s>(&mut self, options: &[&'s str]) -> Result<&'s str> {
        Ok(options[self.u.choose_index(options.len())?])
    }

    fn article(&mut self) -> Result<String> {
        let mut out = String::new();
        self.nl = self.pick(&["\n", "\n", "\n", "\r\n", "\r"])?;
        if self.u.ratio(1, 10)? {
            out.push('\u{feff}');
        }
        let markdown = matches!(self.style, Style::Markdown | Style::Mdx);
        if markdown && self.u.ratio(1, 6)? {
            out.push_str("---");
            out.push_str(self.nl);
            out.push_str("title: ");
            self.sentence(&mut out)?;
            out.push_str(self.nl);
            out.push_str("---");
            out.push_str(self.nl);
        }
        if self.style == Style::Mdx && self.u.ratio(1, 3)? {
            out.push_str("import Callout from './callout.js'");
            out.push_str(self.nl);
            out.push_str(self.nl);
        }
        if self.style == Style::Html && self.u.ratio(1, 2)? {
            out.push_str("<!DOCTYPE html><html><head><title>");
            self.sentence(&mut out)?;
            out.push_str("</title><style>p{color:red}</style></head><body>");
        }
        let blocks = self.u.int_in_range(1..=MAX_BLOCKS)?;
        for _ in 0..blocks {
            if self.u.is_empty() {
                break;
            }
            self.block(&mut out)?;
        }
        // A form feed separates the two articles of an input.
        Ok(out.replace('\x0c', " "))
    }

    fn block(&mut self, out: &mut String) -> Result<()> {
        let nl = self.nl;
        match self.u.int_in_range(0..=13u8)? {
            0..=3 => {
                let html = self.open(out, "<p>");
                self.paragraph(out)?;
                self.close(out, html, "</p>");
            }
            4 => self.heading(out)?,
            5 | 6 => self.list(out, 0)?,
            7 => self.table(out)?,
            8 => self.quote(out)?,
            9 => self.help(out)?,
            10 => self.comment(out)?,
            11 => {
                // Raw text, as the fuzzer writes it.
                let raw: &str = self.u.arbitrary()?;
                out.push_str(raw);
            }
            12 => self.notes(out)?,
            _ => {
                let rule = self.pick(&["---", "***", "___", "<hr>", "* * *", "===", "```"])?;
                out.push_str(rule);
            }
        }
        out.push_str(nl);
        if self.u.ratio(7, 8)? {
            out.push_str(nl);
        }
        Ok(())
    }

    /// Writes `tag` in HTML; says whether it did, for [`Writer::close`].
    fn open(&mut self, out: &mut String, tag: &str) -> bool {
        let html = self.style == Style::Html;
        if html {
            out.push_str(tag);
        }
        html
    }

    fn close(&mut self, out: &mut String, html: bool, tag: &str) {
        if html {
            out.push_str(tag);
        }
    }

    fn paragraph(&mut self, out: &mut String) -> Result<()> {
        let sentences = self.u.int_in_range(1..=MAX_SENTENCES)?;
        for i in 0..sentences {
            if i > 0 {
                let space = self.pick(&[" ", " ", "  ", "\u{a0}", "\n", ""])?;
                out.push_str(if space == "\n" { self.nl } else { space });
            }
            self.sentence(out)?;
        }
        Ok(())
    }

    fn sentence(&mut self, out: &mut String) -> Result<()> {
        // A remembered sentence, with its digits changed: the same measure, group and window
        // with another value.
        if !self.memory.is_empty() && self.u.ratio(1, 5)? {
            let at = self.u.choose_index(self.memory.len())?;
            let shift = self.u.int_in_range(1..=9u8)?;
            let again: String = self.memory[at]
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_digit((d + u32::from(shift)) % 10, 10).unwrap_or(c),
                    None => c,
                })
                .collect();
            out.push_str(&again);
            return Ok(());
        }
        let mut sentence = String::new();
        if self.u.ratio(1, 4)? {
            sentence.push_str(self.pick(&["In 2019, ", "However, ", "Overall ", "“", "But "])?);
        }
        let pieces = self.u.int_in_range(1..=MAX_PIECES)?;
        for i in 0..pieces {
            if i > 0 {
                let glue = self.pick(&[
                    " ", " ", " ", " ", "", "\u{a0}", "\n", ", ", " – ", "/", "-", "  ", "\t",
                ])?;
                sentence.push_str(if glue == "\n" { self.nl } else { glue });
            }
            self.piece(&mut sentence)?;
        }
        sentence.push_str(self.pick(&[".", ".", ".", "!", "?", "…", ":", ";", "", ".”", ")."])?);
        if sentence.bytes().any(|b| b.is_ascii_digit()) && self.memory.len() < 64 {
            self.memory.push(sentence.clone());
        }
        out.push_str(&sentence);
        Ok(())
    }

    fn piece(&mut self, out: &mut String) -> Result<()> {
        match self.u.int_in_range(0..=11u8)? {
            0..=2 => self.phrase(out)?,
            3..=5 => self.figure(out)?,
            6 => out.push_str(self.pick(FILLER)?),
            7 => self.source(out)?,
            8 => {
                let c = self.pick(PUNCTUATION)?;
                out.push_str(if c == "\x0c" { "\x0b" } else { c });
            }
            9 => self.markup(out)?,
            10 => out.push_str(self.pick(FIGURES)?),
            _ => {
                let raw: &str = self.u.arbitrary()?;
                out.extend(raw.chars().take(24));
            }
        }
        Ok(())
    }

    /// A phrase from the rule data: lexicon terms, topic words, source cues, weak
    /// attributions, measures, groups, windows, help cues, helpline names and numbers.
    fn phrase(&mut self, out: &mut String) -> Result<()> {
        let pools = vocabulary::pools();
        let pool = &pools[self.u.choose_index(pools.len())?];
        let phrase = &pool.phrases[self.u.choose_index(pool.phrases.len())?];
        match self.u.int_in_range(0..=7u8)? {
            0 => out.push_str(&phrase.to_uppercase()),
            1 => {
                let mut chars = phrase.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            }
            _ => out.push_str(phrase),
        }
        Ok(())
    }

    fn number(&mut self) -> Result<String> {
        Ok(match self.u.int_in_range(0..=9u8)? {
            0..=3 => self.u.int_in_range(0..=100u32)?.to_string(),
            4 => self.u.int_in_range(0..=2100u32)?.to_string(),
            5 => {
                let n = self.u.int_in_range(1000..=u32::MAX)?;
                let sep = self.pick(&[",", ",", ".", " ", "\u{a0}", "\u{202f}", "'"])?;
                group_thousands(n, sep)
            }
            6 => {
                let whole = self.u.int_in_range(0..=99u32)?;
                let frac = self.u.int_in_range(0..=999u32)?;
                let point = self.pick(&[".", ".", ",", "·"])?;
                format!("{whole}{point}{frac}")
            }
            7 => {
                let sign = self.pick(&["-", "−", "+", "–", "~", "<", ">", "≥"])?;
                format!("{sign}{}", self.u.int_in_range(0..=100u32)?)
            }
            8 => self
                .pick(&[
                    "0",
                    "00",
                    "007",
                    ".5",
                    "1e6",
                    "99999999999999999999999",
                    "1,00",
                    "1,0000",
                    "12.",
                    "0.0001",
                    "100.0",
                    "١٢",
                    "５",
                ])?
                .to_string(),
            _ => self.u.arbitrary::<u64>()?.to_string(),
        })
    }

    /// A figure in one of the shapes the quantity finder reads.
    fn figure(&mut self, out: &mut String) -> Result<()> {
        let a = self.number()?;
        let b = self.number()?;
        let dash = self.pick(&["–", "-", "—", "−", " to ", " – ", "‑", "/"])?;
        let word = self.pick(&[
            "one",
            "two",
            "three",
            "four",
            "five",
            "ten",
            "a",
            "half",
            "a third",
            "a quarter",
            "two-thirds",
            "three in",
        ])?;
        let text = match self.u.int_in_range(0..=13u8)? {
            0 => format!(
                "{a}{}",
                self.pick(&["%", " %", "\u{a0}%", " per cent", " percent"])?
            ),
            1 => format!(
                "{word} in {}",
                self.pick(&["five", "4", "10", "every 100", "a hundred"])?
            ),
            2 => format!("{a} in {b}"),
            3 => format!(
                "{a} per {}",
                self.pick(&["100,000", "100 000", "1,000", "million", "10,000 people"])?
            ),
            4 => format!(
                "{a}{dash}{b}{}",
                self.pick(&["%", "", " years", " per cent"])?
            ),
            5 => format!("(ages {a}{dash}{b} years)"),
            6 => format!("between {a} and {b}{}", self.pick(&["%", "", " per cent"])?),
            7 => format!(
                "{a} {}",
                self.pick(&[
                    "times more likely",
                    "times as likely",
                    "fold",
                    "million",
                    "billion",
                    "participants",
                    "women",
                    "adults",
                    "deaths",
                    "years",
                    "months",
                    "weeks",
                ])?
            ),
            8 => format!(
                "{}{a}{}",
                self.pick(&["$", "£", "€", "US$"])?,
                self.pick(&["", "m", " billion", "bn"])?
            ),
            9 => format!("95% CI {a}{dash}{b}"),
            10 => format!(
                "{} {a}",
                self.pick(&["p <", "p=", "OR", "RR =", "r =", "n =", "(n=", "HR"])?
            ),
            11 => format!(
                "{} {a}{} {} {b}",
                self.pick(&[
                    "rose from",
                    "fell from",
                    "increased from",
                    "up from",
                    "down from"
                ])?,
                self.pick(&["%", "", " per cent"])?,
                self.pick(&["to", "in 2019 to", "–"])?,
            ),
            12 => format!("in {a}{}", self.pick(&["", "s", "–20", "/21", "’s"])?),
            _ => format!(
                "{word} of {}",
                self.pick(&["women", "men", "them", "teens", "those surveyed"])?
            ),
        };
        out.push_str(&text);
        Ok(())
    }

    /// Where a figure comes from: a named organisation after a cue, a link, a citation, a
    /// footnote reference, or a cue with nothing after it.
    fn source(&mut self, out: &mut String) -> Result<()> {
        let cue = self.pool_phrase("statistics.yml:source_cues")?;
        let who = self.pool_phrase("statistics.yml:organisations")?;
        let url = self.pick(&[
            "https://www.cdc.gov/data",
            "http://example.org/study?id=1&x=2",
            "www.nhs.uk",
            "https://doi.org/10.1000/xyz",
            "mailto:help@example.org",
            "tel:116123",
            "#ref",
        ])?;
        let text = match self.u.int_in_range(0..=7u8)? {
            0 => format!("{cue} the {who}"),
            1 => format!("{cue} {who}"),
            2 => match self.style {
                Style::Html => format!("<a href=\"{url}\">{who}</a>"),
                _ => format!("[{who}]({url})"),
            },
            3 => format!("(Smith et al., {})", self.number()?),
            4 => self
                .pick(&["[1]", "[^1]", "¹", "<sup>2</sup>", "(ref)"])?
                .to_string(),
            5 => format!("<{url}>"),
            6 => format!("{cue} {url}"),
            _ => cue,
        };
        out.push_str(&text);
        Ok(())
    }

    /// Inline markup around a piece: emphasis, code, a link, quotation marks.
    fn markup(&mut self, out: &mut String) -> Result<()> {
        let (open, close) = match self.style {
            Style::Html => *self.u.choose(&[
                ("<em>", "</em>"),
                ("<strong>", "</strong>"),
                ("<a href=\"https://example.org\">", "</a>"),
                ("<code>", "</code>"),
                ("“", "”"),
                ("<span>", ""),
                ("&ldquo;", "&rdquo;"),
            ])?,
            _ => *self.u.choose(&[
                ("**", "**"),
                ("_", "_"),
                ("*", "*"),
                ("`", "`"),
                ("[", "](https://example.org)"),
                ("“", "”"),
                ("‘", "’"),
                ("\"", "\""),
                ("~~", "~~"),
                ("![", "](x.png)"),
                ("<!-- ", " -->"),
            ])?,
        };
        out.push_str(open);
        if self.u.ratio(1, 2)? {
            self.phrase(out)?;
        } else {
            self.figure(out)?;
        }
        out.push_str(close);
        Ok(())
    }

    fn heading(&mut self, out: &mut String) -> Result<()> {
        let level = self.u.int_in_range(1..=6usize)?;
        let mut text = String::new();
        self.phrase(&mut text)?;
        if self.u.ratio(1, 3)? {
            text.push(' ');
            self.piece(&mut text)?;
        }
        match self.style {
            Style::Html => out.push_str(&format!("<h{level}>{text}</h{level}>")),
            Style::Plain => out.push_str(&text),
            _ if self.u.ratio(1, 5)? => {
                out.push_str(&text);
                out.push_str(self.nl);
                out.push_str(if level == 1 { "===" } else { "---" });
            }
            _ => {
                out.push_str(&"#".repeat(level));
                out.push(' ');
                out.push_str(&text);
            }
        }
        Ok(())
    }

    fn list(&mut self, out: &mut String, depth: usize) -> Result<()> {
        let items = self.u.int_in_range(1..=5u8)?;
        let marker = match self.style {
            Style::Plain => self.pick(&["• ", "- ", "* ", "1. ", "· ", "▪ ", "– "])?,
            Style::Html => "",
            _ => self.pick(&["- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "• "])?,
        };
        let html = self.open(
            out,
            if marker.starts_with('1') {
                "<ol>"
            } else {
                "<ul>"
            },
        );
        for i in 0..items {
            if i > 0 {
                out.push_str(self.nl);
            }
            out.push_str(&"  ".repeat(depth));
            if html {
                out.push_str("<li>");
            } else {
                out.push_str(marker);
            }
            self.sentence(out)?;
            if depth < 3 && self.u.ratio(1, 6)? {
                out.push_str(self.nl);
                self.list(out, depth + 1)?;
            }
            self.close(out, html, "</li>");
        }
        self.close(out, html, "</ul>");
        Ok(())
    }

    fn table(&mut self, out: &mut String) -> Result<()> {
        let columns = self.u.int_in_range(1..=4usize)?;
        let rows = self.u.int_in_range(1..=4u8)?;
        let html = self.style == Style::Html;
        let (start, sep, end) = match self.style {
            Style::Html => ("<tr><td>", "</td><td>", "</td></tr>"),
            Style::Plain => ("", "\t", ""),
            _ => ("| ", " | ", " |"),
        };
        if html {
            out.push_str("<table>");
        }
        for row in 0..=rows {
            out.push_str(start);
            for column in 0..columns {
                if column > 0 {
                    out.push_str(sep);
                }
                if self.u.ratio(1, 2)? {
                    self.figure(out)?;
                } else {
                    self.piece(out)?;
                }
            }
            out.push_str(end);
            out.push_str(self.nl);
            if row == 0
                && matches!(
                    self.style,
                    Style::Markdown | Style::MarkdownShapes | Style::Mdx
                )
            {
                out.push('|');
                for _ in 0..columns {
                    out.push_str(self.pick(&["---|", ":---|", ":-:|", "---:|"])?);
                }
                out.push_str(self.nl);
            }
        }
        if html {
            out.push_str("</table>");
        }
        Ok(())
    }

    /// A block quote or callout, where help-seeking information is often placed.
    fn quote(&mut self, out: &mut String) -> Result<()> {
        match self.style {
            Style::Html => {
                out.push_str(self.pick(&["<blockquote>", "<aside>", "<div class=\"callout\">"])?);
                self.paragraph(out)?;
                out.push_str(self.pick(&["</blockquote>", "</aside>", "</div>"])?);
            }
            Style::Mdx if self.u.ratio(1, 2)? => {
                out.push_str("<Callout type=\"help\">");
                out.push_str(self.nl);
                self.paragraph(out)?;
                out.push_str(self.nl);
                out.push_str("</Callout>");
            }
            _ => {
                let mut inner = String::new();
                self.paragraph(&mut inner)?;
                let prefix = self.pick(&["> ", ">", "> > ", "> [!NOTE]\n> "])?;
                out.push_str(prefix);
                out.push_str(&inner.replace(self.nl, &format!("{}{prefix}", self.nl)));
            }
        }
        Ok(())
    }

    /// A help box: a help cue, a helpline's name and a contact.
    fn help(&mut self, out: &mut String) -> Result<()> {
        let heading = self.pool_phrase("help.yml:help_headings")?;
        let cue = self.pool_phrase("help.yml")?;
        let service = self.pool_phrase("helplines.yml")?;
        let contact = self.pool_phrase("helplines.yml")?;
        let html = self.style == Style::Html;
        if !heading.is_empty() && self.u.ratio(1, 2)? {
            match self.style {
                Style::Html => out.push_str(&format!("<h2>{heading}</h2>")),
                Style::Plain => out.push_str(&heading),
                _ => out.push_str(&format!("## {heading}")),
            }
            out.push_str(self.nl);
            out.push_str(self.nl);
        }
        if html {
            out.push_str("<p>");
        }
        out.push_str(&format!("{cue} {service} on {contact}"));
        if self.u.ratio(1, 2)? {
            out.push_str(self.pick(&[" or visit ", " (", ", text ", " – "])?);
            self.source(out)?;
        }
        out.push('.');
        if html {
            out.push_str("</p>");
        }
        Ok(())
    }

    /// A phrase from one of the pools whose name contains `name`, or nothing if none does.
    fn pool_phrase(&mut self, name: &str) -> Result<String> {
        let candidates: Vec<&vocabulary::Pool> = vocabulary::pools()
            .iter()
            .filter(|p| p.name.contains(name))
            .collect();
        if candidates.is_empty() {
            return Ok(String::new());
        }
        let pool = candidates[self.u.choose_index(candidates.len())?];
        Ok(pool.phrases[self.u.choose_index(pool.phrases.len())?].clone())
    }

    /// An HTML comment: a suppression directive, an expectation, or a stray one.
    fn comment(&mut self, out: &mut String) -> Result<()> {
        let kind = self.pick(&[
            "carelint-disable",
            "carelint-enable",
            "carelint-disable-next-line",
            "carelint-disable-line",
            "carelint-disable-file",
            "expect:",
            "",
        ])?;
        let rule = self.pick(&[
            "",
            " statistics/unsourced",
            " figures",
            " safety/help-seeking",
            " language/stigmatising, figures/contradiction",
            " nonsense/rule",
            " safety",
        ])?;
        let reason = self.pick(&["", " -- checked with the editor", " --", " -- “quoted”"])?;
        match self.style {
            Style::Plain if self.u.ratio(1, 2)? => {
                out.push_str("```");
                out.push_str(self.nl);
                self.sentence(out)?;
                out.push_str(self.nl);
                out.push_str("```");
            }
            _ => out.push_str(&format!("<!-- {kind}{rule}{reason} -->")),
        }
        if self.u.ratio(1, 2)? {
            out.push_str(self.nl);
            self.sentence(out)?;
        }
        Ok(())
    }

    /// Footnotes and reference links, as a references section has them.
    fn notes(&mut self, out: &mut String) -> Result<()> {
        let lines = self.u.int_in_range(1..=3u8)?;
        for i in 0..lines {
            if i > 0 {
                out.push_str(self.nl);
            }
            let label = self.pick(&[
                "[^1]: ",
                "[1]: ",
                "1. ",
                "[ref]: https://example.org ",
                "^ ",
            ])?;
            out.push_str(label);
            self.source(out)?;
            out.push(' ');
            self.sentence(out)?;
        }
        Ok(())
    }
}

/// `n` with `sep` between groups of three digits.
fn group_thousands(n: u32, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}
