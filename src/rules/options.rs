//! Rule options: each rule declares the type of its options and where they live
//! ([`OptionsKey`]); reading them from `.carelint.yml`, merging them along the configuration
//! cascade and their JSON Schema all come from that declaration (see the registry in [`crate::rules`]).

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::model::diagnostic::Level;

/// A rule's options as written under its id in `rules:` (a map that may also hold `level`).
pub trait RuleOptions:
    Clone
    + Default
    + fmt::Debug
    + Send
    + Sync
    + schemars::JsonSchema
    + for<'de> Deserialize<'de>
    + 'static
{
    fn level(&self) -> Option<Level>;
    /// Applies a later layer: scalars replace, lists accumulate.
    fn merge(&mut self, later: &Self);
}

/// Merges a scalar option: a later layer's value replaces the earlier one when it is set.
pub fn replace_if_set<T: Clone>(slot: &mut Option<T>, later: &Option<T>) {
    if later.is_some() {
        slot.clone_from(later);
    }
}

/// Where a rule's options of type `T` live in [`Options`]: its own id, or a key that rules
/// sharing their options share (`statistics`).
pub struct OptionsKey<T> {
    pub key: &'static str,
    options: PhantomData<fn() -> T>,
}

impl<T: RuleOptions> OptionsKey<T> {
    pub const fn new(key: &'static str) -> Self {
        OptionsKey {
            key,
            options: PhantomData,
        }
    }

    /// Reads a level or an options map, merging the options into `into`; returns the level.
    pub fn seed<'de, D: Deserializer<'de>>(
        &self,
        deserializer: D,
        into: &mut OptionsByRule,
    ) -> Result<Option<Level>, D::Error> {
        Ok(match LevelOr::<T>::deserialize(deserializer)? {
            LevelOr::Level(level) => Some(level),
            LevelOr::Options(options) => {
                let level = options.level();
                if !self.key.is_empty() {
                    into.merge_one(self.key, Box::new(options));
                }
                level
            }
        })
    }

    /// The JSON Schema of the options map.
    pub fn schema(&self, generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<T>()
    }
}

/// Options of a type erased, so [`Options`] can hold every rule's.
trait AnyOptions: Any + fmt::Debug + Send + Sync {
    fn merge_from(&mut self, later: &dyn AnyOptions);
    fn clone_box(&self) -> Box<dyn AnyOptions>;
    fn as_any(&self) -> &dyn Any;
}

impl<T: RuleOptions> AnyOptions for T {
    fn merge_from(&mut self, later: &dyn AnyOptions) {
        if let Some(later) = later.as_any().downcast_ref::<T>() {
            self.merge(later);
        }
    }
    fn clone_box(&self) -> Box<dyn AnyOptions> {
        Box::new(self.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The options of every rule that has some, merged along the configuration cascade, by
/// [`OptionsKey`]. A rule without options in any layer gets its type's default.
#[derive(Debug, Default)]
pub struct OptionsByRule {
    by_key: BTreeMap<&'static str, Box<dyn AnyOptions>>,
}

impl Clone for OptionsByRule {
    fn clone(&self) -> Self {
        OptionsByRule {
            by_key: self
                .by_key
                .iter()
                .map(|(k, v)| (*k, v.clone_box()))
                .collect(),
        }
    }
}

impl OptionsByRule {
    /// The merged options under `key` (the type's default when no layer set any).
    pub fn get<T: RuleOptions>(&self, key: &OptionsKey<T>) -> T {
        self.by_key
            .get(key.key)
            .and_then(|o| o.as_any().downcast_ref::<T>())
            .cloned()
            .unwrap_or_default()
    }

    /// These options with `options` merged in under `key` (for tests and callers that build
    /// options in code).
    pub fn with<T: RuleOptions>(mut self, key: &OptionsKey<T>, options: T) -> Self {
        self.merge_one(key.key, Box::new(options));
        self
    }

    fn merge_one(&mut self, key: &'static str, later: Box<dyn AnyOptions>) {
        match self.by_key.get_mut(key) {
            Some(earlier) => earlier.merge_from(later.as_ref()),
            None => {
                self.by_key.insert(key, later);
            }
        }
    }

    /// Applies a later layer: each rule's options merge as the rule says.
    pub fn merge(&mut self, later: &OptionsByRule) {
        for (key, options) in &later.by_key {
            self.merge_one(key, options.clone_box());
        }
    }
}

/// Rules without options accept a map with only `level`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {
    level: Option<Level>,
}

impl RuleOptions for NoOptions {
    fn level(&self) -> Option<Level> {
        self.level
    }
    fn merge(&mut self, _: &Self) {}
}

/// The key of rules without options: nothing is kept under it.
pub const NO_OPTIONS: OptionsKey<NoOptions> = OptionsKey::new("");

/// The value of one rule's entry: a bare level, or a map whose `level` key is split off and
/// whose other keys are the rule's options.
pub enum LevelOr<O> {
    Level(Level),
    Options(O),
}

impl<'de, O: Deserialize<'de>> Deserialize<'de> for LevelOr<O> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<O>(std::marker::PhantomData<O>);
        impl<'de, O: Deserialize<'de>> Visitor<'de> for V<O> {
            type Value = LevelOr<O>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level (off, info, warning, error) or a map of options")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Level::deserialize(de::value::StrDeserializer::<E>::new(v)).map(LevelOr::Level)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                if v {
                    Err(E::custom(
                        "`true` is not a level; use off, info, warning or error",
                    ))
                } else {
                    Ok(LevelOr::Level(Level::Off))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                O::deserialize(de::value::MapAccessDeserializer::new(map)).map(LevelOr::Options)
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}
