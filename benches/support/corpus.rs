//! A deterministic generator of health articles for benchmarks (shared by
//! `examples/gen-corpus.rs` and `benches/stages.rs` through `#[path]`).
//!
//! Every article is made from this file's own word lists and templates: front matter,
//! headings, paragraphs, lists, block quotes, links, footnotes, tables, statistics with and
//! without sources, weak attribution, stigmatising phrases, help sections, CRLF line ends,
//! plain-text exports with odd bullets, and (1 in 500) a very large file. Article `i` depends
//! only on the seed and `i`, so 1,000 files are a prefix of 10,000 and a run is reproducible
//! on any machine and with any crate versions (the PRNG is SplitMix64, written out here).

#![allow(dead_code)]

use std::fmt::Write as _;

use carelint::report::thousands;

/// SplitMix64: tiny, fast, and fixed forever, unlike a library's default generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One generated file: a relative path (with `/`) and its text.
pub struct Article {
    pub path: String,
    pub text: String,
}

/// The kind of file article `index` is, decided by the index alone so shares are exact.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Markdown,
    /// Markdown with CRLF line ends.
    Crlf,
    /// A plain-text export: bare-line headings, `•`/`◦`/`▪`/`o` bullets.
    Text,
    /// A Markdown article of 500 KB or more.
    Huge,
}

pub fn kind_of(index: usize) -> Kind {
    if index % 500 == 250 {
        Kind::Huge
    } else if index % 13 == 5 {
        Kind::Text
    } else if index % 11 == 7 {
        Kind::Crlf
    } else {
        Kind::Markdown
    }
}

/// `n` articles for `seed`; `words` forces every article's length (in words) when set.
pub fn corpus(seed: u64, n: usize, words: Option<usize>) -> impl Iterator<Item = Article> {
    (0..n).map(move |i| article(seed, i, words))
}

/// Article `index` of the corpus for `seed`.
pub fn article(seed: u64, index: usize, words: Option<usize>) -> Article {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xD134_2543_DE82_EF95));
    // Warm the state so neighbouring indices diverge at once.
    rng.next_u64();
    let kind = kind_of(index);
    let topic = *rng.pick(TOPICS);
    let target = words.unwrap_or(match kind {
        Kind::Huge => rng.range(85_000, 95_000),
        _ => {
            // Real articles: most between 800 and 1,800 words, a tail to 2,500.
            let a = rng.range(600, 2_500);
            let b = rng.range(600, 2_500);
            (a + b) / 2
        }
    });
    let mut writer = Writer {
        rng,
        topic,
        out: String::with_capacity(target * 7),
        footnotes: Vec::new(),
        words: 0,
    };
    let folder = format!("section-{:03}", index / 100);
    let slug = format!("{}-{index:05}", topic.slug);
    let (path, text) = match kind {
        Kind::Text => {
            writer.plain_article(target);
            (format!("{folder}/{slug}.txt"), writer.out)
        }
        Kind::Crlf => {
            writer.markdown_article(target);
            (
                format!("{folder}/{slug}.md"),
                writer.out.replace('\n', "\r\n"),
            )
        }
        Kind::Markdown | Kind::Huge => {
            writer.markdown_article(target);
            (format!("{folder}/{slug}.md"), writer.out)
        }
    };
    Article { path, text }
}

#[derive(Clone, Copy)]
struct Topic {
    title: &'static str,
    slug: &'static str,
    /// Used in running prose: "{condition} can ...".
    condition: &'static str,
    /// Whether guidelines ask for a help section.
    sensitive: bool,
}

const TOPICS: &[Topic] = &[
    Topic {
        title: "Living with low mood",
        slug: "depression",
        condition: "depression",
        sensitive: true,
    },
    Topic {
        title: "When worry takes over",
        slug: "anxiety",
        condition: "anxiety",
        sensitive: true,
    },
    Topic {
        title: "Talking about suicide",
        slug: "suicide-prevention",
        condition: "suicidal thoughts",
        sensitive: true,
    },
    Topic {
        title: "Alcohol and your health",
        slug: "alcohol",
        condition: "heavy drinking",
        sensitive: true,
    },
    Topic {
        title: "Understanding eating disorders",
        slug: "eating-disorders",
        condition: "an eating disorder",
        sensitive: true,
    },
    Topic {
        title: "Abuse in relationships",
        slug: "domestic-abuse",
        condition: "domestic abuse",
        sensitive: true,
    },
    Topic {
        title: "Better sleep",
        slug: "sleep",
        condition: "poor sleep",
        sensitive: false,
    },
    Topic {
        title: "Sexual health check-ups",
        slug: "sexual-health",
        condition: "a sexually transmitted infection",
        sensitive: false,
    },
    Topic {
        title: "Moving more every day",
        slug: "physical-activity",
        condition: "inactivity",
        sensitive: false,
    },
    Topic {
        title: "Loneliness in later life",
        slug: "loneliness",
        condition: "loneliness",
        sensitive: true,
    },
    Topic {
        title: "Managing type 2 diabetes",
        slug: "diabetes",
        condition: "type 2 diabetes",
        sensitive: false,
    },
    Topic {
        title: "Coping after a trauma",
        slug: "trauma",
        condition: "post-traumatic stress",
        sensitive: true,
    },
];

const POPULATIONS: &[&str] = &[
    "adults",
    "adults in the UK",
    "teenagers",
    "women aged 18 to 24",
    "men over 65",
    "university students",
    "new parents",
    "people with diabetes",
    "nurses and midwives",
    "older adults",
    "children aged 5 to 15",
    "shift workers",
    "carers",
    "people living alone",
];

const MEASURES: &[&str] = &[
    "report poor sleep",
    "have felt low for two weeks or more",
    "drink more than the weekly guideline",
    "have had an anxiety disorder",
    "meet the activity guideline",
    "have thought about ending their life",
    "have been tested for chlamydia",
    "have experienced abuse from a partner",
    "feel lonely often or always",
    "have been diagnosed with high blood pressure",
    "skip breakfast most days",
    "use a mental health service",
];

const WINDOWS: &[&str] = &[
    "in the past year",
    "at some point in their lives",
    "in any given week",
    "last month",
    "in 2019",
    "over the past decade",
    "",
];

const ORGS: &[&str] = &[
    "Office for Health Statistics",
    "National Wellbeing Survey",
    "Institute for Public Health Research",
    "Northfield University",
    "Healthy Minds Trust",
    "Community Health Monitor",
    "Riverside Sleep Clinic",
    "Lakeshore Cohort Study",
];

const NAMES: &[&str] = &[
    "Amara Okafor",
    "Tomasz Nowak",
    "Priya Raman",
    "Hannah Greaves",
    "Luis Ortega",
    "Mei Lin",
    "Sean Byrne",
    "Fatima Haddad",
];

const ROLES: &[&str] = &[
    "a GP in Leeds",
    "a clinical psychologist",
    "a nurse specialist",
    "a sleep researcher",
    "a public health consultant",
    "a peer-support worker",
];

const OPENERS: &[&str] = &[
    "For many people,",
    "In practice,",
    "Over time,",
    "At first,",
    "Even so,",
    "For some readers,",
    "In the long run,",
    "Day to day,",
    "",
    "",
    "",
];

const CLAUSES: &[&str] = &[
    "{c} can affect sleep, appetite and concentration",
    "small changes to a daily routine often make a noticeable difference",
    "talking to someone you trust is a useful first step",
    "it helps to notice patterns before trying to change them",
    "symptoms can come and go, and a bad week does not undo progress",
    "{c} is more common than most people assume",
    "friends and family may notice changes before you do",
    "there is no single cause, and several factors usually play a part",
    "keeping a short diary can show what helps and what does not",
    "regular meals, daylight and movement support recovery",
    "treatment works best when it fits the person's life",
    "people with {c} often describe feeling tired for no clear reason",
    "support at work can make it easier to stay in a job",
    "a GP can explain the options and how long each takes",
    "waiting lists vary a great deal from one area to another",
    "setting one realistic goal a week tends to work better than a long list",
    "the first conversation is often the hardest part",
    "{c} affects people of every age and background",
    "sleep, stress and mood are closely linked",
    "it is worth asking what support an employer offers",
];

const STIGMA: &[&str] = &[
    "Her brother suffers from {c} and rarely leaves the house.",
    "The report described him as a schizophrenic who needed watching.",
    "Neighbours said the man had committed suicide after losing his job.",
    "One reader wrote that her father was an addict for most of her childhood.",
    "Campaigners say the mentally ill are still portrayed as dangerous.",
    "Some colleagues joked that the long shifts were driving everyone crazy.",
    "He was described as a victim of depression in the local paper.",
    "The older term alcoholic is still common in headlines.",
    "Several sufferers told us they felt judged at the pharmacy.",
    "A relative called it a failed suicide, which upset the family.",
];

const WEAK: &[&str] = &[
    "Studies suggest",
    "Research shows",
    "Experts say",
    "Some researchers believe",
    "It is estimated",
    "A recent survey found",
];

const HELP_LINES: &[&str] = &[
    "Call Samaritans free on 116 123, day or night, or email jo@samaritans.org.",
    "In the US, call or text 988 to reach the 988 Suicide & Crisis Lifeline.",
    "Talk to your GP, who can refer you to talking therapies.",
    "If you are in immediate danger, call 999 or go to A&E.",
    "Text SHOUT to 85258 for free, confidential support at any time.",
    "Beat's helpline is open every day on 0808 801 0677.",
    "The National Domestic Abuse Helpline is free on 0808 2000 247.",
    "Seek professional help if symptoms last longer than two weeks.",
];

struct Writer {
    rng: Rng,
    topic: Topic,
    out: String,
    /// Footnote labels referenced so far, defined at the end.
    footnotes: Vec<(usize, String)>,
    words: usize,
}

impl Writer {
    fn push(&mut self, text: &str) {
        self.words += text.split_whitespace().count();
        self.out.push_str(text);
    }

    fn percent(&mut self) -> String {
        if self.rng.chance(30) {
            format!("{}.{}%", self.rng.range(1, 89), self.rng.below(10))
        } else {
            format!("{}%", self.rng.range(2, 78))
        }
    }

    fn year(&mut self) -> usize {
        self.rng.range(2012, 2024)
    }

    /// A figure with a population and measure: the heart of a statistic.
    fn figure(&mut self) -> String {
        let population = *self.rng.pick(POPULATIONS);
        let measure = *self.rng.pick(MEASURES);
        let window = *self.rng.pick(WINDOWS);
        let window = if window.is_empty() {
            String::new()
        } else {
            format!(" {window}")
        };
        match self.rng.below(6) {
            0 | 1 => format!("{} of {population} {measure}{window}", self.percent()),
            2 => format!(
                "one in {} {population} {measure}{window}",
                self.rng.range(2, 12)
            ),
            3 => {
                let n = self.rng.range(1_000, 950_000);
                format!("{} {population} {measure}{window}", thousands(n))
            }
            4 => {
                let lo = self.rng.range(3, 40);
                let hi = lo + self.rng.range(2, 20);
                format!("between {lo}% and {hi}% of {population} {measure}{window}")
            }
            _ => format!(
                "{population} who {measure} are {}.{} times more likely to say their health is poor",
                self.rng.range(1, 4),
                self.rng.below(10)
            ),
        }
    }

    /// A sentence, ending in a space; `markdown` allows links and footnotes.
    fn sentence(&mut self, markdown: bool) -> String {
        let c = self.topic.condition;
        let roll = self.rng.below(100);
        let s = match roll {
            // Plain prose, the bulk of any article.
            0..=54 => {
                let opener = *self.rng.pick(OPENERS);
                let clause = self.rng.pick(CLAUSES).replace("{c}", c);
                if opener.is_empty() {
                    capitalise(&clause) + "."
                } else {
                    format!("{opener} {clause}.")
                }
            }
            // A statistic with a source: link, footnote or named organisation.
            55..=66 => {
                let figure = self.figure();
                let org = *self.rng.pick(ORGS);
                let year = self.year();
                match self.rng.below(3) {
                    0 if markdown => format!(
                        "According to the [{org} {year}](https://example.org/{}/{year}/report), {figure}.",
                        slugify(org)
                    ),
                    1 if markdown => {
                        let n = self.footnotes.len() + 1;
                        self.footnotes
                            .push((n, format!("{org}, annual report {year}.")));
                        format!("{}.[^{n}]", capitalise(&figure))
                    }
                    _ => format!("{}, according to the {org} ({year}).", capitalise(&figure)),
                }
            }
            // A statistic with no source in reach.
            67..=76 => {
                let figure = self.figure();
                match self.rng.below(3) {
                    0 => format!("About {figure}."),
                    1 => format!("Roughly {figure}, and the gap is widening."),
                    _ => capitalise(&figure) + ".",
                }
            }
            // Weak attribution.
            77..=82 => {
                let weak = *self.rng.pick(WEAK);
                let figure = self.figure();
                format!("{weak} that {figure}.")
            }
            // Stigmatising phrasing, some of it in quotation.
            83..=87 => self.rng.pick(STIGMA).replace("{c}", c),
            // A direct quotation from a named person.
            88..=93 => {
                let name = *self.rng.pick(NAMES);
                let role = *self.rng.pick(ROLES);
                let clause = self.rng.pick(CLAUSES).replace("{c}", c);
                format!("“{},” says {name}, {role}.", capitalise(&clause))
            }
            // Counts in a year, sometimes broken ("7. 5%", "1, 635").
            94..=96 => {
                let year = self.year();
                if self.rng.chance(30) {
                    format!(
                        "In {year} the figure rose to {}. {}% of those asked.",
                        self.rng.range(1, 30),
                        self.rng.below(10)
                    )
                } else {
                    let n = self.rng.range(100, 99_999);
                    format!(
                        "In {year}, {} people contacted a service about {c}.",
                        thousands(n)
                    )
                }
            }
            // An inline link or emphasis, for the inline walker.
            _ if markdown => format!(
                "The guide *{}* explains the options, and the [charity's page](https://example.org/help/{}) lists local groups.",
                self.topic.title, self.topic.slug
            ),
            _ => "Local groups meet weekly and are free to join.".to_string(),
        };
        s + " "
    }

    fn paragraph(&mut self, markdown: bool) {
        let n = self.rng.range(3, 7);
        let mut p = String::new();
        for _ in 0..n {
            p.push_str(&self.sentence(markdown));
        }
        let p = wrap(
            p.trim_end(),
            if self.rng.chance(50) { 90 } else { usize::MAX },
        );
        self.push(&p);
        self.out.push_str("\n\n");
    }

    fn heading(&mut self) -> String {
        let c = self.topic.condition;
        let headings = [
            format!("What is {c}?"),
            "Signs to look out for".to_string(),
            "What the numbers say".to_string(),
            "Why it happens".to_string(),
            "Treatment and support".to_string(),
            "Looking after yourself".to_string(),
            "Helping someone else".to_string(),
            "At work and at school".to_string(),
            "Myths and facts".to_string(),
            "What recent research found".to_string(),
        ];
        self.rng.pick(&headings).clone()
    }

    fn list(&mut self) {
        let n = self.rng.range(3, 6);
        let ordered = self.rng.chance(25);
        let marker = *self.rng.pick(&["-", "*", "+"]);
        for i in 0..n {
            let item = self.sentence(true);
            let lead = if ordered {
                format!("{}. ", i + 1)
            } else {
                format!("{marker} ")
            };
            self.push(&format!("{lead}{}\n", item.trim_end()));
            if self.rng.chance(15) {
                let sub = self.sentence(true);
                self.push(&format!("    {marker} {}\n", sub.trim_end()));
            }
        }
        self.out.push('\n');
    }

    fn quote(&mut self) {
        let name = *self.rng.pick(NAMES);
        for _ in 0..self.rng.range(1, 3) {
            let s = self.sentence(true);
            self.push(&format!("> {}\n>\n", s.trim_end()));
        }
        self.push(&format!("> — {name}\n\n"));
    }

    fn table(&mut self) {
        self.push("| Group | Share | Year |\n|---|---:|---:|\n");
        for _ in 0..self.rng.range(3, 6) {
            let population = *self.rng.pick(POPULATIONS);
            let pct = self.percent();
            let year = self.year();
            self.push(&format!(
                "| {} | {pct} | {year} |\n",
                capitalise(population)
            ));
        }
        let org = *self.rng.pick(ORGS);
        self.push(&format!("\nSource: {org}.\n\n"));
    }

    fn help_section(&mut self, markdown: bool) {
        let heading = *self.rng.pick(&[
            "Where to get help",
            "Getting support",
            "If you need help now",
        ]);
        if markdown {
            self.push(&format!("## {heading}\n\n"));
        } else {
            self.push(&format!("{heading}\n\n"));
        }
        for _ in 0..self.rng.range(2, 4) {
            let line = *self.rng.pick(HELP_LINES);
            let bullet = if markdown { "- " } else { "• " };
            self.push(&format!("{bullet}{line}\n"));
        }
        self.out.push('\n');
    }

    fn front_matter(&mut self) {
        let year = self.year();
        let author = *self.rng.pick(NAMES);
        if self.rng.chance(2) {
            // Malformed YAML now and then, as real archives have.
            self.push(&format!(
                "---\ntitle: {}: a guide: [draft\nauthor: {author}\n---\n\n",
                self.topic.title
            ));
            return;
        }
        let (month, day, reviewed) = (
            self.rng.range(1, 12),
            self.rng.range(1, 28),
            self.rng.chance(50),
        );
        self.push(&format!(
            "---\ntitle: \"{}\"\nauthor: {author}\ndate: {year}-{month:02}-{day:02}\ntags: [{}, health]\nreviewed: {reviewed}\n---\n\n",
            self.topic.title, self.topic.slug,
        ));
    }

    fn markdown_article(&mut self, target: usize) {
        if self.rng.chance(85) {
            self.front_matter();
        }
        if self.rng.chance(60) {
            let title = self.topic.title;
            self.push(&format!("# {title}\n\n"));
        }
        self.paragraph(true);
        let help = self.topic.sensitive && self.rng.chance(70);
        while self.words < target {
            let level = if self.rng.chance(80) { "##" } else { "###" };
            let heading = self.heading();
            self.push(&format!("{level} {heading}\n\n"));
            for _ in 0..self.rng.range(1, 4) {
                match self.rng.below(100) {
                    0..=64 => self.paragraph(true),
                    65..=79 => self.list(),
                    80..=88 => self.quote(),
                    89..=95 => self.table(),
                    _ => {
                        self.push("```text\nscore = answers_yes / questions\n```\n\n");
                    }
                }
                if self.words >= target {
                    break;
                }
            }
        }
        if help {
            self.help_section(true);
        }
        if !self.footnotes.is_empty() {
            let notes = std::mem::take(&mut self.footnotes);
            for (n, text) in notes {
                self.push(&format!("[^{n}]: {text}\n"));
            }
        }
    }

    fn plain_article(&mut self, target: usize) {
        let title = self.topic.title;
        self.push(&format!("{title}\n\n"));
        self.paragraph(false);
        let help = self.topic.sensitive && self.rng.chance(70);
        while self.words < target {
            let heading = title_case(&self.heading());
            self.push(&format!("{heading}\n\n"));
            if self.rng.chance(40) {
                let bullet = *self.rng.pick(&["•", "◦", "▪", "o", "·", "-"]);
                for _ in 0..self.rng.range(3, 6) {
                    let s = self.sentence(false);
                    let _ = writeln!(self.out, "{bullet} {}", s.trim_end());
                    self.words += s.split_whitespace().count();
                }
                self.out.push('\n');
            } else {
                self.paragraph(false);
            }
        }
        if help {
            self.help_section(false);
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(capitalise)
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('?')
        .to_string()
}

fn slugify(s: &str) -> String {
    s.to_lowercase().replace(' ', "-")
}

/// Hard-wraps at `width` columns, as many editors save Markdown.
fn wrap(text: &str, width: usize) -> String {
    if width == usize::MAX {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / width);
    let mut col = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if col > 0 && col + 1 + len > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
    out
}
