//! The reader's annotation layer: notes, tags, stars and statuses on events
//! and quotes, the reader's own quotes (highlights) and events. Fields
//! chronique does not know are kept in `extra` so a hand edit is never lost.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// The format version this chronique writes and reads.
pub(crate) const VERSION: u32 = 1;

pub(crate) type Extra = BTreeMap<String, serde_yaml::Value>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    #[serde(default = "version_one")]
    pub version: u32,
    /// Keyed by timeline event id.
    #[serde(default)]
    pub events: BTreeMap<String, Note>,
    /// Keyed by `article#quote`.
    #[serde(default)]
    pub quotes: BTreeMap<String, Note>,
    #[serde(default)]
    pub highlights: Vec<Highlight>,
    #[serde(default)]
    pub reader_events: Vec<ReaderEvent>,
    #[serde(flatten)]
    pub extra: Extra,
}

fn version_one() -> u32 {
    VERSION
}

impl Default for Annotations {
    fn default() -> Self {
        Annotations {
            version: VERSION,
            events: BTreeMap::new(),
            quotes: BTreeMap::new(),
            highlights: Vec::new(),
            reader_events: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// What a reader wrote about one item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Note {
    #[serde(default, deserialize_with = "opt_text")]
    pub note: Option<String>,
    #[serde(default, deserialize_with = "text_list")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub starred: bool,
    #[serde(default, with = "opt_time")]
    pub updated: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Note {
    /// Nothing a reader wrote is in it (the `updated` stamp alone is not
    /// worth keeping): such notes are removed from the file.
    pub fn is_empty(&self) -> bool {
        self.note.is_none()
            && self.tags.is_empty()
            && self.status.is_none()
            && !self.starred
            && self.extra.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    ToCheck,
    Verified,
    Disputed,
}

impl Status {
    /// `v`: none → to check → verified → disputed → none.
    pub(crate) fn cycle(status: Option<Status>) -> Option<Status> {
        match status {
            None => Some(Status::ToCheck),
            Some(Status::ToCheck) => Some(Status::Verified),
            Some(Status::Verified) => Some(Status::Disputed),
            Some(Status::Disputed) => None,
        }
    }

    /// As written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::ToCheck => "to-check",
            Status::Verified => "verified",
            Status::Disputed => "disputed",
        }
    }
}

/// A passage of an article body the reader marked: the reader's own quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Highlight {
    pub id: String,
    /// Article id.
    pub article: String,
    /// The passage, as in the body (whitespace runs match any whitespace).
    #[serde(deserialize_with = "text")]
    pub text: String,
    /// Which occurrence of `text` in the body (1-based; default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<u32>,
    #[serde(default, deserialize_with = "opt_text")]
    pub speaker: Option<String>,
    /// Linked event ids (timeline or reader events).
    #[serde(default, deserialize_with = "text_list")]
    pub events: Vec<String>,
    #[serde(default, with = "opt_time")]
    pub created: Option<DateTime<Utc>>,
    /// Note, tags, status, star (and unknown fields).
    #[serde(flatten)]
    pub annotation: Note,
}

/// An event the reader added: the same fields as a timeline event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReaderEvent {
    pub id: String,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or RFC 3339, as in the timeline.
    #[serde(deserialize_with = "text")]
    pub date: String,
    #[serde(deserialize_with = "text")]
    pub title: String,
    #[serde(default, deserialize_with = "opt_text")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "text_list")]
    pub actors: Vec<String>,
    /// `article` or `article#quote`.
    #[serde(default, deserialize_with = "text_list")]
    pub sources: Vec<String>,
    /// The quote it was made from: `article#quote` or a highlight id.
    #[serde(default, deserialize_with = "opt_text")]
    pub quote: Option<String>,
    #[serde(default, with = "opt_time")]
    pub created: Option<DateTime<Utc>>,
    /// Note, tags, status, star (and unknown fields).
    #[serde(flatten)]
    pub annotation: Note,
}

impl Annotations {
    pub fn highlight(&self, id: &str) -> Option<&Highlight> {
        self.highlights.iter().find(|h| h.id == id)
    }

    pub fn reader_event(&self, id: &str) -> Option<&ReaderEvent> {
        self.reader_events.iter().find(|e| e.id == id)
    }

    /// Drops empty notes: what would be written is what is kept.
    pub fn prune(&mut self) {
        self.events.retain(|_, n| !n.is_empty());
        self.quotes.retain(|_, n| !n.is_empty());
    }

    /// An id not used by any highlight or reader event, from `stem`.
    pub(crate) fn fresh_id(&self, stem: &str) -> String {
        let used = |id: &str| self.highlight(id).is_some() || self.reader_event(id).is_some();
        (1..)
            .map(|n| format!("{stem}-{n}"))
            .find(|id| !used(id))
            .unwrap_or_else(|| stem.to_string())
    }
}

/// Text written as any YAML scalar (`title: 1984` is text to a reader).
fn scalar_to_string(v: serde_yaml::Value) -> Result<Option<String>, String> {
    use serde_yaml::Value;
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Number(n) => Ok(Some(n.to_string())),
        other => Err(format!(
            "wrong type: expected text, found {}",
            match other {
                Value::Sequence(_) => "a list",
                Value::Mapping(_) => "a mapping",
                _ => "a tagged value",
            }
        )),
    }
}

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = serde_yaml::Value::deserialize(d)?;
    scalar_to_string(v)
        .map_err(serde::de::Error::custom)?
        .ok_or_else(|| serde::de::Error::custom("expected text, found nothing (null)"))
}

fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = serde_yaml::Value::deserialize(d)?;
    scalar_to_string(v).map_err(serde::de::Error::custom)
}

fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde_yaml::Value;
    match Value::deserialize(d)? {
        Value::Null => Ok(Vec::new()),
        Value::Sequence(items) => items
            .into_iter()
            .filter_map(|v| scalar_to_string(v).transpose())
            .collect::<Result<_, _>>()
            .map_err(serde::de::Error::custom),
        // `tags: à-vérifier` is a one-item list.
        v => Ok(scalar_to_string(v)
            .map_err(serde::de::Error::custom)?
            .into_iter()
            .collect()),
    }
}

/// RFC 3339 in UTC, `Z`, fractional seconds only when there are some.
pub(crate) fn format_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

mod opt_time {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        t: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&format_time(t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        let Some(s) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        DateTime::parse_from_rfc3339(s.trim())
            .map(|t| Some(t.with_timezone(&Utc)))
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "invalid date-time `{s}`: write RFC 3339, e.g. 2026-11-23T10:00:00Z"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cycles_through_all_four_states() {
        let mut s = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            s = Status::cycle(s);
            seen.push(s);
        }
        assert_eq!(
            seen,
            [
                Some(Status::ToCheck),
                Some(Status::Verified),
                Some(Status::Disputed),
                None
            ]
        );
    }

    #[test]
    fn empty_notes_are_pruned_but_starred_ones_kept() {
        let mut a = Annotations::default();
        a.events.insert("e1".into(), Note::default());
        a.events.insert(
            "e2".into(),
            Note {
                starred: true,
                ..Note::default()
            },
        );
        a.prune();
        assert_eq!(a.events.keys().collect::<Vec<_>>(), ["e2"]);
    }
}
