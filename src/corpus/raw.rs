//! The corpus files as written, before validation.

use serde::{Deserialize, Deserializer};

pub(crate) const TIMELINE_FIELDS: &[&str] = &["title", "description", "language", "events"];
pub(crate) const EVENT_FIELDS: &[&str] = &[
    "id",
    "date",
    "title",
    "summary",
    "actors",
    "tags",
    "sources",
    "provenance",
    "accounts",
];
pub(crate) const ARTICLE_FIELDS: &[&str] = &[
    "id",
    "title",
    "source",
    "author",
    "published",
    "language",
    "url",
    "imported_from",
    "tags",
    "events",
    "quotes",
    "provenance",
];
pub(crate) const ACCOUNT_FIELDS: &[&str] = &["source", "says", "date", "disputes"];
pub(crate) const QUOTE_FIELDS: &[&str] = &["id", "text", "speaker", "events", "occurrence"];

/// `E` is how each event is held: a `serde_yaml::Value` to read events one by
/// one (a bad event does not lose the rest), or `Event` to read a clean file
/// in one go.
#[derive(Debug, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub(crate) struct Timeline<E = serde_yaml::Value> {
    pub title: Option<Scalar>,
    pub description: Option<Scalar>,
    pub language: Option<Scalar>,
    /// Each event is read on its own, so one bad event does not lose the rest.
    #[serde(default, deserialize_with = "seq_or_null")]
    pub events: Vec<E>,
}

#[derive(Debug, Deserialize)]
pub struct Event {
    pub id: String,
    pub date: Scalar,
    pub title: Scalar,
    pub summary: Option<Scalar>,
    #[serde(default, deserialize_with = "seq_or_null")]
    pub actors: Vec<Scalar>,
    #[serde(default, deserialize_with = "seq_or_null")]
    pub tags: Vec<Scalar>,
    #[serde(default, deserialize_with = "seq_or_null")]
    pub sources: Vec<String>,
    pub provenance: Option<Provenance>,
    #[serde(default, deserialize_with = "seq_or_null")]
    pub accounts: Vec<Account>,
}

/// `provenance:`: field name → how it is known (`editorial …`, `inferred …`).
/// Sorted by name here; the model orders notes by the fields' own order.
pub(crate) type Provenance = std::collections::BTreeMap<String, Scalar>;

/// One source's account of an event.
#[derive(Debug, Deserialize)]
pub struct Account {
    pub source: String,
    pub says: Scalar,
    pub date: Option<Scalar>,
    pub disputes: Option<bool>,
}

/// `Q` is how each quote is held, as `E` in [`Timeline`].
#[derive(Debug, Deserialize)]
#[serde(bound(deserialize = "Q: Deserialize<'de>"))]
pub struct Article<Q = serde_yaml::Value> {
    pub id: String,
    pub title: Scalar,
    pub source: Option<Scalar>,
    pub author: Option<Scalar>,
    pub published: Option<Scalar>,
    pub language: Option<Scalar>,
    pub url: Option<Scalar>,
    /// Where `chronique import` read the article from, and when: kept as
    /// written, informational only.
    pub imported_from: Option<Scalar>,
    #[serde(default, deserialize_with = "seq_or_null")]
    pub tags: Vec<Scalar>,
    #[serde(default, deserialize_with = "seq_or_null")]
    pub events: Vec<String>,
    /// Each quote is read on its own, so one bad quote does not lose the article.
    #[serde(default, deserialize_with = "seq_or_null")]
    pub quotes: Vec<Q>,
    pub provenance: Option<Provenance>,
}

#[derive(Debug, Deserialize)]
pub struct Quote {
    pub id: Scalar,
    pub text: Scalar,
    pub speaker: Option<Scalar>,
    #[serde(default, deserialize_with = "seq_or_null")]
    pub events: Vec<String>,
    pub occurrence: Option<u32>,
}

/// Text written as any YAML scalar: `date: 2021` is a number to YAML, a date
/// to us; a title of `1984` is a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            // An integer beyond 64 bits is text like any other.
            fn visit_i128<E>(self, v: i128) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl Scalar {
    pub(crate) fn into_opt(s: Option<Scalar>) -> Option<String> {
        s.map(|s| s.0).filter(|s| !s.trim().is_empty())
    }
}

/// `tags:` with nothing after it is an empty list, not a type error.
fn seq_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
