//! # language/stigmatising
//!
//! Flags words and phrases that media and health-communication guidelines ask writers to avoid
//! because they stigmatise the people an article is about: "suffers from", "addict",
//! "prostitute", "the mentally ill", mocking stereotypes such as "men don't cry", and more than a
//! hundred others. Each finding names a kinder alternative and the guideline it comes from.
//! Wording about suicide and self-harm ("committed suicide") is `safety/suicide-language`, on
//! the same engine.
//!
//! ## Why
//!
//! Readers of health articles are often the people being described. Language that frames them as
//! victims, criminals or jokes makes them less likely to seek help: clinicians rate a "substance
//! abuser" as more deserving of punishment than a person "with a substance use disorder", and
//! "men don't cry" is linked to lower help-seeking among men and boys.
//!
//! ## How it matches
//!
//! The lexicon (`rules/stigmatising.yml`) lists phrases with their word forms
//! (`suffer{,s,ed,ing} from`). All forms of all entries are matched in one pass of one
//! automaton, case-insensitively and as whole words (a change of case inside a word counts as a
//! word edge, where conversion ran a caption into the next sentence: "anorexic patientsMost").
//! An entry can skip matches followed or
//! preceded by certain words (`alcoholics` but not "Alcoholics Anonymous") or fire only when its
//! topic is in the same paragraph.
//!
//! Someone else's words are treated differently: inside a direct quotation, a block quote,
//! dialogue (`**Speaker:** ...`) or an italic title of a work, a finding drops to `info`
//! (option `quoted: off` drops it, `quoted: same` keeps its level). Words the article cannot
//! or need not change are not reported unless `quoted: same`: a word-for-word quotation of a
//! reference text (a diagnostic manual's criteria, a law) and the writer describing themself
//! ("I have suffered from anxiety since school"). Code is never linted.
//!
//! A word talked about as a word is not the article's usage: after "the term", "so-called" or
//! "the difference between", as the subject of a definition ("Transsexual is an older, medical
//! term"), as a word part ("‘schizo-’ means"), or in a section headed "Words matter". A section
//! that defines a term goes on using it in that sense, so its later uses there are not reported
//! either. Nor are other pages' titles in a list of links: a list under "More Information" or
//! "Related Articles", or a list of three or more titles ("How to Talk to a Loved One Suffering
//! With Anxiety?"), which the article cannot reword, nor teasers for other posts in a grid the
//! page prints twice (a run of different cards, each printed twice: a paragraph and its copy,
//! or a title glued to its teaser in a list item and then the same teaser under the title), nor
//! a heading over nothing but such cards or links (a carousel's "5 of 7 / Prescription Drug
//! Abuse"), a short line repeating a title from a list of links, or a later heading repeating
//! the page's title over its sub-menu. Examples under a lead-in that names them as words to
//! avoid ("Here's what you don't say:" then “That's crazy.”, its spaces lost or not) are
//! mentions too.
//!
//! Contested entries ship `level: off`: "substance abuse" and "drug abuse" in general (NIDA
//! discourages them; the guidelines list only "abuse" of prescription drugs, which is on) are
//! turned on by the `strict` pack or by `enable:`.
//!
//! The rule's configured level is a ceiling: at `warning`, error entries are reported as
//! warnings.
//!
//! ## Bad
//!
//! ```markdown
//! Many men who suffer from depression never tell anyone, because real men don't cry.
//! ```
//!
//! ## Good
//!
//! ```markdown
//! Many men who live with depression never tell anyone, in part because they have been taught
//! that crying is weak.
//! ```
//!
//! ## Options
//!
//! ```yaml
//! rules:
//!   language/stigmatising:
//!     level: warning          # ceiling for every entry
//!     quoted: info            # info | off | same
//!     allow: [sexual-violence/sexual-misconduct, "sex scandal"]   # entry ids or phrases
//!     enable: {substance-use/substance-abuse: warning}   # entries that ship `level: off`
//!     entries:                # house-style additions, same schema as rules/stigmatising.yml
//!       - id: house/victim-of-depression
//!         group: mental-health
//!         level: warning
//!         match: ["depression victim{,s}"]
//!         alternatives: ["person with depression"]
//!         reason: "House style: people are not victims of an illness."
//!         sources: ["House style guide, 2026"]
//! ```

use crate::model::diagnostic::Category;
use crate::model::diagnostic::Level;
use crate::rules::lexicon::Builtin;
use crate::rules::{Rule, RuleMeta};

pub use crate::rules::lexicon::{Entry, Lexicon, LexiconOptions, Quoted};

pub static META: RuleMeta = RuleMeta {
    id: "language/stigmatising",
    category: Category::StigmatisingLanguage,
    default_level: Level::Error,
    summary: "Stigmatising words and phrases, with kinder alternatives from media guidelines",
    source: include_str!("stigmatising.rs"),
    across_articles: None,
    whole_article: false,
    lexicon: Some(&BUILTIN),
};

/// The built-in lexicon, compiled into the binary.
pub static BUILTIN: Builtin =
    Builtin::new(&META, &OPTIONS, "rules/stigmatising.yml", "can stigmatise");

/// The built-in lexicon, parsed once per process.
pub fn builtin_lexicon() -> Result<&'static Lexicon, String> {
    BUILTIN.lexicon()
}

/// Its options: the lexicon options, kept under the rule's id.
pub const OPTIONS: crate::rules::OptionsKey<crate::rules::lexicon::LexiconOptions> =
    crate::rules::OptionsKey::new("language/stigmatising");

pub fn build(shared: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    BUILTIN.build(&shared.options.get(&OPTIONS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Severity;
    use crate::rules::lexicon::tests::{assert_valid, flagged as flagged_by};

    fn flagged(text: &str) -> Vec<(String, Severity)> {
        let rule = build(&mut crate::rules::Shared::new(
            &crate::rules::OptionsByRule::default(),
        ))
        .unwrap();
        flagged_by(rule.as_ref(), text)
    }

    fn texts(text: &str) -> Vec<String> {
        flagged(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn builtin_lexicon_is_valid_and_large() {
        assert_valid(&BUILTIN, 80);
    }

    #[test]
    fn flags_word_forms() {
        assert_eq!(
            texts("She suffers from anxiety. He suffered from it. Suffering from grief."),
            vec!["suffers from", "suffered from", "Suffering from"]
        );
    }

    #[test]
    fn flags_across_a_line_break() {
        assert_eq!(
            texts("A partner who suffers\nfrom low moods."),
            vec!["suffers\nfrom"]
        );
    }

    #[test]
    fn flags_mocking_crying_stereotypes() {
        assert_eq!(
            texts("Everyone knows real men don’t cry."),
            vec!["men don’t cry"]
        );
    }

    #[test]
    fn quotation_drops_to_info() {
        assert_eq!(
            flagged("He told me “real men don't cry” and laughed."),
            vec![("men don't cry".to_string(), Severity::Info)]
        );
    }

    #[test]
    fn dont_flag_code() {
        assert!(texts("Run `suffers from` and\n\n```\nthe mentally ill\n```\n").is_empty());
    }

    #[test]
    fn dont_flag_clinical_language() {
        assert!(
            texts("Mental health matters. Values in the normal range. People with depression.")
                .is_empty()
        );
    }

    #[test]
    fn dont_flag_organisation_names() {
        assert!(
            texts("Call Alcoholics Anonymous or read the National Institute on Drug Abuse page.")
                .is_empty()
        );
    }

    #[test]
    fn dont_flag_the_writer_describing_themself() {
        assert!(texts("I have suffered from anxiety since school.").is_empty());
        assert!(texts("I never thought of myself as a sufferer.").is_empty());
        assert!(texts("As a nurse suffering from depression for years, I kept going.").is_empty());
        // Someone else, or the writer doing something to someone else.
        assert_eq!(
            texts("My sister suffers from anxiety. I have met many sufferers."),
            vec!["suffers from", "sufferers"]
        );
        assert_eq!(
            texts("As a nurse suffering from depression, she kept going."),
            vec!["suffering from"]
        );
    }

    #[test]
    fn a_term_defined_in_a_section_is_a_mention_there_and_nowhere_else() {
        let text = "## Words\n\nTranssexual is an older, medical term. Some transsexual people \
                    use it.\n\n## Care\n\nThe ward had a transsexual patient.\n";
        assert_eq!(texts(text), vec!["transsexual"]);
    }

    #[test]
    fn dont_flag_word_parts_or_quoted_reference_texts() {
        assert!(texts("The prefix ‘schizo-’ means split.").is_empty());
        assert!(
            texts("The manual's criteria speak of “addicts who relapse within a year”.").is_empty()
        );
        // A person quoted is still reported, at info.
        assert_eq!(
            flagged("She said she had met “addicts who relapse within a year” and left."),
            vec![("addicts".to_string(), Severity::Info)]
        );
    }

    #[test]
    fn dont_flag_suicide_language_which_has_its_own_rule() {
        assert!(texts("He committed suicide after a failed suicide attempt.").is_empty());
    }
}
