//! # safety/suicide-language
//!
//! Flags wording about suicide and self-harm that media guidelines (AP, AFSP, Mindframe, WHO,
//! Samaritans) ask writers to avoid: "committed suicide", "successful" or "failed" suicide,
//! "suicide epidemic", "suicide bid", suicide presented as a way out or as having a single
//! cause, "attention-seeking" about self-harm. Each finding gives the guideline's alternative.
//!
//! ## Why
//!
//! "Commit" ties suicide to crime; "successful" makes a death an achievement; "epidemic" and
//! "skyrocketing" sensationalise; "a way out" and "at peace now" present suicide as a solution.
//! Guidelines link all of these to stigma, and the framing ones to imitation.
//!
//! ## How it matches
//!
//! The lexicon (`rules/suicide-language.yml`) uses the same engine and schema as
//! `language/stigmatising`: literal phrases with word forms in one automaton, whole words,
//! `not_before` / `not_after` filters, and `near:` gates for ordinary phrases that only matter
//! beside a suicide ("a way out", "at peace now", "out of the blue"). The guidelines' own
//! myth-busting is not flagged: "suicide rarely happens without warning", "there is a way out",
//! "self-harm is not attention-seeking". Quotations, block quotes, dialogue and italic titles
//! drop to `info` (`quoted: off | same` to change that). The rule's level is a ceiling for each
//! entry's own level. `carelint explain suicide/committed` shows one entry with its sources.
//!
//! ## Bad
//!
//! ```markdown
//! The singer committed suicide last year, after a failed suicide attempt in 2019.
//! ```
//!
//! ## Good
//!
//! ```markdown
//! The singer died by suicide last year; she had survived a suicide attempt in 2019.
//!
//! If you are struggling, call or text the 988 Suicide & Crisis Lifeline at 988.
//! ```
//!
//! ## Options
//!
//! ```yaml
//! rules:
//!   safety/suicide-language:
//!     level: error            # ceiling for every entry
//!     quoted: info            # info | off | same
//!     allow: [suicide/completed]
//!     entries: []             # same schema as rules/suicide-language.yml
//! ```

use crate::model::diagnostic::Category;
use crate::model::diagnostic::Level;
use crate::rules::lexicon::Builtin;
use crate::rules::{Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    id: "safety/suicide-language",
    category: Category::StigmatisingLanguage,
    default_level: Level::Error,
    summary: "Wording about suicide and self-harm that guidelines ask writers to avoid",
    source: include_str!("suicide_language.rs"),
    across_articles: None,
    whole_article: false,
    lexicon: Some(&BUILTIN),
};

pub static BUILTIN: Builtin = Builtin::new(
    &META,
    &OPTIONS,
    "rules/suicide-language.yml",
    "can stigmatise",
);

/// Its options: the lexicon options, kept under the rule's id.
pub const OPTIONS: crate::rules::OptionsKey<crate::rules::lexicon::LexiconOptions> =
    crate::rules::OptionsKey::new("safety/suicide-language");

pub fn build(shared: &mut crate::rules::Shared) -> Result<Box<dyn Rule>, String> {
    BUILTIN.build(&shared.options.get(&OPTIONS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Severity;
    use crate::rules::lexicon::tests::{assert_valid, flagged};

    fn texts(text: &str) -> Vec<String> {
        let rule = build(&mut crate::rules::Shared::new(
            &crate::rules::OptionsByRule::default(),
        ))
        .unwrap();
        flagged(rule.as_ref(), text)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn lexicon_is_valid() {
        assert_valid(&BUILTIN, 14);
    }

    #[test]
    fn flags_across_a_line_break() {
        assert_eq!(
            texts("He committed\nsuicide last year."),
            vec!["committed\nsuicide"]
        );
    }

    #[test]
    fn flags_solution_framing_beside_a_suicide() {
        assert_eq!(
            texts("After he took his own life, a friend wrote that he had found a way out."),
            vec!["a way out"]
        );
    }

    #[test]
    fn dont_flag_solution_words_elsewhere() {
        assert!(
            texts(
                "The fire exit is a way out of the building. She is at peace now with the decision."
            )
            .is_empty()
        );
    }

    #[test]
    fn dont_flag_the_guidelines_own_messages() {
        assert!(
            texts(
                "Suicide rarely happens without warning. Suicide doesn’t come out of the blue, \
                 and for someone thinking about suicide there is a way out."
            )
            .is_empty()
        );
        assert!(
            texts("Tantrums are attention-seeking when a toddler is cutting teeth.").is_empty()
        );
        assert!(texts("Self-harm is not attention-seeking.").is_empty());
        assert_eq!(
            texts("Staff dismissed her self-harm as attention-seeking."),
            vec!["attention-seeking"]
        );
    }

    #[test]
    fn quotation_drops_to_info() {
        let rule = build(&mut crate::rules::Shared::new(
            &crate::rules::OptionsByRule::default(),
        ))
        .unwrap();
        assert_eq!(
            flagged(
                rule.as_ref(),
                "The officer said he “committed suicide” on Monday."
            ),
            vec![("committed suicide".to_string(), Severity::Info)]
        );
    }

    #[test]
    fn dont_flag_code_or_prevention_terms() {
        assert!(texts("Run `committed suicide` through the checker.").is_empty());
        assert!(texts("Suicide prevention programs work. She has suicidal thoughts.").is_empty());
    }
}
