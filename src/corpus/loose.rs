//! The second reading of a document whose strict reading failed: it reads
//! what serde_yaml's own `Value` refuses as a whole, so a slip loses only the
//! item it is in. A duplicate key is an error at the repeated key (the first
//! one is read); an integer beyond 64 bits is kept as its text.

use crate::diagnostic::{clip, Pos};
use crate::yaml::{self, At, Seg, YamlPath, YamlProblem};
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, Visitor};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value};
use std::fmt;

/// A YAML node as written: duplicate keys and big integers kept.
enum Loose {
    Scalar(Value),
    /// An integer that does not fit 64 bits, as written.
    Big(String),
    Seq(Vec<Loose>),
    Map(Vec<(Loose, Loose)>),
    Tagged(String, Box<Loose>),
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Loose, E> {
        Ok(Loose::Scalar(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose::Scalar(Value::Number(v.into())))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose::Scalar(Value::Number(v.into())))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Loose, E> {
        Ok(Loose::Big(v.to_string()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Loose, E> {
        Ok(Loose::Big(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Loose, E> {
        Ok(Loose::Scalar(Value::Number(v.into())))
    }
    fn visit_str<E>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Scalar(Value::String(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Loose, E> {
        Ok(Loose::Scalar(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose::Scalar(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Loose, E> {
        Ok(Loose::Scalar(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
        Loose::deserialize(d)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Loose::Seq(items))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Loose::Map(entries))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Loose, A::Error> {
        // serde_yaml hands a tagged node (`!tag value`) over as an enum.
        use de::VariantAccess;
        let (tag, contents): (String, _) = data.variant()?;
        Ok(Loose::Tagged(tag, Box::new(contents.newtype_variant()?)))
    }
}

/// Turns a node into a `Value`, keeping the first of duplicate keys and
/// saying where each repeated one is.
fn settle(node: Loose, path: &mut YamlPath, problems: &mut Vec<YamlProblem>) -> Value {
    match node {
        Loose::Scalar(v) => v,
        Loose::Big(digits) => Value::String(digits),
        Loose::Seq(items) => Value::Sequence(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    path.push(Seg::Index(i));
                    let v = settle(item, path, problems);
                    path.pop();
                    v
                })
                .collect(),
        ),
        Loose::Map(entries) => {
            let mut map = Mapping::with_capacity(entries.len());
            let mut repeats: std::collections::HashMap<String, usize> = Default::default();
            for (key, value) in entries {
                let key = settle(key, path, problems);
                let name = key_text(&key);
                path.push(Seg::Key(name.clone()));
                if map.contains_key(&key) {
                    let nth = repeats.entry(name.clone()).or_insert(0);
                    *nth += 1;
                    problems.push(YamlProblem {
                        message: format!(
                            "duplicate key `{}`: only the first one is read; remove or rename this one",
                            clip(&name)
                        ),
                        at: At::Repeat(path.clone(), *nth),
                    });
                } else {
                    let value = settle(value, path, problems);
                    map.insert(key, value);
                }
                path.pop();
            }
            Value::Mapping(map)
        }
        Loose::Tagged(tag, value) => Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value: settle(*value, path, problems),
        })),
    }
}

/// A key as the path to it names it (as the position finder reads it).
fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        _ => String::new(),
    }
}

/// Reads `text` as `T` leniently: duplicate keys go to `problems` (the
/// first is read) and a too large integer is read as text; unknown fields
/// are collected. Only a syntax error, or a problem in `T`'s own fields,
/// fails.
pub fn from_str<T: DeserializeOwned>(
    text: &str,
    unknown: &mut Vec<YamlPath>,
    problems: &mut Vec<YamlProblem>,
) -> Result<T, YamlProblem> {
    let node = match Loose::deserialize(serde_yaml::Deserializer::from_str(text)) {
        Ok(node) => node,
        // A syntax error: the strict reading names the field it is in.
        Err(e) => {
            return Err(match yaml::from_str_named::<T>(text, &mut Vec::new()) {
                Err(named) => named,
                Ok(_) => YamlProblem {
                    message: yaml::serde_message(&e.to_string()),
                    at: At::Pos(
                        e.location()
                            .map_or(Pos::START, |l| Pos::new(l.line(), l.column())),
                    ),
                },
            })
        }
    };
    let value = settle(node, &mut Vec::new(), problems);
    yaml::from_value(value, &[], unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml_path;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Doc {
        title: String,
        items: Vec<Value>,
    }

    #[test]
    fn duplicate_keys_keep_the_first_and_are_placed_at_the_repeat() {
        let text = "title: A\nitems:\n  - {x: 1, x: 2, x: 3}\ntitle: B\n";
        let (mut unknown, mut problems) = (Vec::new(), Vec::new());
        let doc: Doc = from_str(text, &mut unknown, &mut problems).unwrap();
        assert_eq!(doc.title, "A");
        let places: Vec<Pos> = problems
            .iter()
            .map(|p| yaml::place(text, &p.at, 0))
            .collect();
        assert_eq!(
            places,
            [Pos::new(3, 12), Pos::new(3, 18), Pos::new(4, 1)],
            "{problems:?}"
        );
        assert!(problems[2]
            .message
            .starts_with("duplicate key `title`: only the first one is read"));
        assert!(matches!(&problems[0].at, At::Repeat(p, 1) if *p == yaml_path!["items", 0, "x"]));
    }

    #[test]
    fn integers_beyond_64_bits_are_kept_as_written() {
        let text =
            "title: 18446744073709551616\nitems: [-170141183460469231731687303715884105728]\n";
        let (mut unknown, mut problems) = (Vec::new(), Vec::new());
        let doc: Doc = from_str(text, &mut unknown, &mut problems).unwrap();
        assert_eq!(doc.title, "18446744073709551616");
        assert_eq!(
            doc.items,
            [Value::String(
                "-170141183460469231731687303715884105728".into()
            )]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn syntax_errors_are_placed() {
        let e = from_str::<Doc>("title: \"open\n", &mut Vec::new(), &mut Vec::new())
            .err()
            .unwrap();
        assert!(matches!(e.at, At::Pos(p) if p.line == 2), "{e:?}");
    }
}
