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
    ("Nearly 8 of 10 assaults go unreported.", K::Frequency, &[80.0], 0, None, None),
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
    ("The median age of onset is 17 years old.", K::Average, &[17.0], 0, None, None),
    ("An average delay of about 8 years follows.", K::Average, &[8.0], 0, None, None),
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
    // An n beside a share counts the share's people; it is nobody's base.
    for text in [
        "Most were women (n = 70; 87.5%).",
        "Inpatient: n = 7, 7.1%; outpatient: n = 12, 60.0%.",
        "Scores were high in 45.5% (n = 10) and low in 27.3% (n = 6).",
        "Western regions 1%, n = 2, and others.",
        "Matches were missing for n = 20 (0.04%) of them.",
        "The sample was 87.3% Black (n = 89), 5.9% White (n = 6) and 3.9% mixed (n = 4).",
        "In 40 trials, heterogeneity was low (I2 = 46.850%).",
        "Of 200 women, 183 mothers (56.7%) had left school early.",
        "Of 60 people: 9.5% 12.3% 12.7% 50.4% 52.4% 64.3% 22.5% 28.4% 21.4% by group.",
    ] {
        let qs = run(text);
        assert!(
            qs.iter()
                .all(|q| q.kind == QuantityKind::Count || q.sample_size.is_none()),
            "{text}: {qs:?}"
        );
    }
    let qs = run("Of the women we asked (n = 230), 46% had cried.");
    assert_eq!(qs[1].sample_size, Some(230));
    let qs = run("Of 230 students, 46% of the women asked (n = 230) had cried.");
    assert_eq!(
        qs.iter()
            .find(|q| q.kind == QuantityKind::Percentage)
            .and_then(|q| q.sample_size),
        Some(230)
    );
    // What a substance is made of is not a statistic; a longer word is ("alcohol-dependent").
    assert!(run("a glass of cider (4.5% alcohol) or a 1% solution").is_empty());
    assert_eq!(run("Of drinkers, 12% alcohol-dependent").len(), 1);
    // A count after a figure does not become its base.
    assert_eq!(
        run("Women: 89.0% of the group; 54 residents were white.")[0].sample_size,
        None
    );
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
    "My average wait time was 20 minutes.",
    "On average, the walk takes 25 minutes.",
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
    "We are on step 3 of 10 steps.",
    "He finished 2 of 10 laps.",
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
