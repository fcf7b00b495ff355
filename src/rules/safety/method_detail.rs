//! # safety/method-detail
//!
//! In an article about suicide or self-harm, flags the method or location of a death or an act
//! of self-harm ("hanged himself", "jumped from the bridge", "overdosed on", "razor blades",
//! "suicide hotspot"). Reported at `info` by default: inquest and court reporting sometimes needs
//! the detail, and an editor decides.
//!
//! ## Why
//!
//! WHO, Samaritans, IPSO and AFSP all ask reporters to leave out method and location: detail can
//! act as instructions for readers at risk, and Samaritans cite a rise of about 30% in
//! same-method deaths after a method is reported. Naming a "hotspot" advertises it.
//!
//! ## How it matches
//!
//! The lexicon (`rules/method-detail.yml`) uses the engine of `language/stigmatising`. Method
//! entries are gated on topic detection (`rules/topics.yml`): they only fire when the article
//! is about suicide (or self-harm, for implements), so "they hung the picture" or a razor in a
//! shaving article is never reported; "suicide hotspot" names suicide itself and is reported
//! anywhere. One paragraph that reports a death by suicide ("died by
//! suicide", "his suicide", "took her own life") is enough to make an article about suicide.
//! Quoted text drops to `info` like the other lexicon rules.
//!
//! ## Bad
//!
//! ```markdown
//! # A death at the station
//!
//! Police said the man had jumped in front of a train. His suicide shocked the town, where a
//! second death last year led to calls for barriers.
//! ```
//!
//! ## Good
//!
//! ```markdown
//! # A death at the station
//!
//! The man died by suicide. His death shocked the town, where a second death last year led to
//! calls for barriers.
//!
//! > If you are struggling, Samaritans are there day or night: call 116 123 for free.
//! ```
//!
//! ## Options
//!
//! ```yaml
//! rules:
//!   safety/method-detail:
//!     level: warning          # raise from info to review every case before publishing
//!     quoted: info            # info | off | same
//!     allow: [self-harm/method-detail]
//!     entries: []             # same schema as rules/method-detail.yml; `topics:` gates on topics
//! ```

use crate::model::diagnostic::Category;
use crate::model::diagnostic::Level;
use crate::rules::lexicon::Builtin;
use crate::rules::{Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "safety/method-detail",
    category: Category::SafeReporting,
    default_level: Level::Info,
    summary: "Method or location detail in coverage of suicide and self-harm",
    source: include_str!("method_detail.rs"),
    across_articles: None,
    whole_article: false,
    lexicon: Some(&BUILTIN),
};

pub static BUILTIN: Builtin = Builtin::new(
    &META,
    &OPTIONS,
    "rules/method-detail.yml",
    "is method or location detail",
);

/// Its options: the lexicon options, kept under the rule's id.
pub const OPTIONS: crate::rules::OptionsKey<crate::rules::lexicon::LexiconOptions> =
    crate::rules::OptionsKey::new("safety/method-detail");

pub fn build(shared: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    BUILTIN.build(&shared.options.get(&OPTIONS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Severity;
    use crate::rules::lexicon::tests::{assert_valid, flagged};

    fn found(text: &str) -> Vec<(String, Severity)> {
        let rule = build(&mut crate::rules::Shared::new(
            &crate::rules::OptionsByRule::default(),
        ))
        .unwrap();
        flagged(rule.as_ref(), text)
    }

    #[test]
    fn lexicon_is_valid() {
        assert_valid(&BUILTIN, 3);
    }

    #[test]
    fn flags_method_in_a_suicide_article() {
        let text = "## Suicide in prisons\n\nThe report said he hanged himself in his cell.\n";
        assert_eq!(
            found(text),
            vec![("hanged himself".to_string(), Severity::Warning)]
        );
    }

    #[test]
    fn flags_method_in_a_one_paragraph_death_report() {
        let text = "# A death at the station\n\nPolice said the man had jumped in front of a train. His suicide shocked the town.\n";
        assert_eq!(
            found(text),
            vec![("jumped in front of a train".to_string(), Severity::Warning)]
        );
    }

    #[test]
    fn dont_flag_the_idiom() {
        let text = "## Suicide prevention cuts\n\nThe minister shot himself in the foot when suicide figures rose.\n";
        assert!(found(text).is_empty());
    }

    #[test]
    fn dont_flag_method_words_outside_suicide_coverage() {
        assert!(
            found("The decorator hung himself a mirror. He keeps a razor by the sink.").is_empty()
        );
        assert!(found("## Shaving\n\nA razor blade dulls fast.\n").is_empty());
    }
}
