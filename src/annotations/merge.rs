//! Three-way merge of annotations: `base` is what this session last knew,
//! `ours` what it has now, `theirs` what is on disk. Changes to different
//! items, or to different fields of one item, are combined. When both sides
//! changed the same field:
//! - note text: both texts are kept in the note, ours first, then a marker
//!   line and the disk's text;
//! - tags: never a conflict, added and removed tags from both sides apply;
//! - status and other fields: ours is kept (it is what the reader sees);
//! - an item removed on one side and changed on the other is kept whole
//!   (its note, tags, status and star: never the star without its note);
//! - a note text removed on one side and changed on the other is kept.
//!
//! Every conflict is reported; the store also keeps the disk file as it was.
//! Pure: no IO.

use super::model::{Annotations, Extra, Highlight, Note, ReaderEvent};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The line between the two versions of a note that both sides changed.
pub const CONFLICT_MARKER: &str = "──── conflict: the version below was on disk ────";

/// The [`Conflict::field`] of a conflict about a whole item: removed on one
/// side, changed on the other.
pub(crate) const WHOLE_ITEM: &str = "item";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// "event aws-suspends-parler"
    pub item: String,
    /// "status"
    pub field: String,
    /// What was done about it.
    pub resolution: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field == WHOLE_ITEM {
            return write!(f, "{}: {}", self.item, self.resolution);
        }
        write!(
            f,
            "{}: `{}` changed here and on disk: {}",
            self.item, self.field, self.resolution
        )
    }
}

#[derive(Debug, Clone)]
pub struct Merged {
    pub annotations: Annotations,
    pub conflicts: Vec<Conflict>,
}

pub(crate) fn merge3(base: &Annotations, ours: &Annotations, theirs: &Annotations) -> Merged {
    let mut conflicts = Vec::new();
    let mut out = Annotations {
        version: ours.version.max(theirs.version),
        ..Annotations::default()
    };
    out.events = merge_notes(
        "event",
        &base.events,
        &ours.events,
        &theirs.events,
        &mut conflicts,
    );
    out.quotes = merge_notes(
        "quote",
        &base.quotes,
        &ours.quotes,
        &theirs.quotes,
        &mut conflicts,
    );
    out.highlights = merge_items(
        "highlight",
        &base.highlights,
        &ours.highlights,
        &theirs.highlights,
        &mut conflicts,
    );
    out.reader_events = merge_items(
        "reader event",
        &base.reader_events,
        &ours.reader_events,
        &theirs.reader_events,
        &mut conflicts,
    );
    out.extra = merge_extra(
        "the file",
        &base.extra,
        &ours.extra,
        &theirs.extra,
        &mut conflicts,
    );
    out.prune();
    Merged {
        annotations: out,
        conflicts,
    }
}

/// Ours unless only theirs changed; `None` when both changed differently.
fn pick<'a, T: PartialEq>(base: &'a T, ours: &'a T, theirs: &'a T) -> Option<&'a T> {
    if ours == theirs || theirs == base {
        Some(ours)
    } else if ours == base {
        Some(theirs)
    } else {
        None
    }
}

fn merge_notes(
    kind: &str,
    base: &BTreeMap<String, Note>,
    ours: &BTreeMap<String, Note>,
    theirs: &BTreeMap<String, Note>,
    conflicts: &mut Vec<Conflict>,
) -> BTreeMap<String, Note> {
    let keys: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    let mut out = BTreeMap::new();
    for key in keys {
        let (b, o, t) = (base.get(key), ours.get(key), theirs.get(key));
        let item = format!("{kind} {key}");
        if let Some(n) = merge_opt_note(&item, b, o, t, conflicts) {
            out.insert(key.clone(), n);
        }
    }
    out
}

fn merge_opt_note(
    item: &str,
    b: Option<&Note>,
    o: Option<&Note>,
    t: Option<&Note>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Note> {
    if let Some(n) = pick(&b, &o, &t) {
        return n.cloned();
    }
    match (o, t) {
        (Some(o), Some(t)) => {
            let empty = Note::default();
            Some(merge_note(item, b.unwrap_or(&empty), o, t, conflicts))
        }
        (Some(kept), None) | (None, Some(kept)) => {
            conflicts.push(kept_whole(item, o.is_some()));
            Some(kept.clone())
        }
        (None, None) => None,
    }
}

/// The conflict of an item removed on one side and changed on the other
/// (`here`: changed in this session, removed on disk).
fn kept_whole(item: &str, here: bool) -> Conflict {
    let resolution = if here {
        "removed on disk but changed here: kept whole, as it is here"
    } else {
        "removed here but changed on disk: kept whole, as it is on disk"
    };
    Conflict {
        item: item.to_string(),
        field: WHOLE_ITEM.into(),
        resolution: resolution.into(),
    }
}

pub(crate) fn merge_note(
    item: &str,
    b: &Note,
    o: &Note,
    t: &Note,
    conflicts: &mut Vec<Conflict>,
) -> Note {
    let note = match (pick(&b.note, &o.note, &t.note), &o.note, &t.note) {
        (Some(n), _, _) => n.clone(),
        // Removed on one side, rewritten on the other: the text is kept.
        (None, Some(text), None) | (None, None, Some(text)) => {
            let resolution = if o.note.is_some() {
                "removed on disk but changed here: this session's text is kept"
            } else {
                "removed here but changed on disk: the disk's text is kept"
            };
            conflicts.push(Conflict {
                item: item.to_string(),
                field: "note".into(),
                resolution: resolution.into(),
            });
            Some(text.clone())
        }
        (None, _, _) => {
            conflicts.push(Conflict {
                item: item.to_string(),
                field: "note".into(),
                resolution: "both texts kept in the note, separated by a conflict line".into(),
            });
            Some(format!(
                "{}\n\n{CONFLICT_MARKER}\n{}",
                o.note.as_deref().unwrap_or(""),
                t.note.as_deref().unwrap_or("")
            ))
        }
    };
    let status = *pick(&b.status, &o.status, &t.status).unwrap_or_else(|| {
        conflicts.push(Conflict {
            item: item.to_string(),
            field: "status".into(),
            resolution: format!(
                "kept {} (the disk said {})",
                o.status.map_or("none", |s| s.as_str()),
                t.status.map_or("none", |s| s.as_str())
            ),
        });
        &o.status
    });
    Note {
        note,
        tags: merge_tags(&b.tags, &o.tags, &t.tags),
        status,
        starred: *pick(&b.starred, &o.starred, &t.starred).unwrap_or(&o.starred),
        updated: o.updated.max(t.updated),
        extra: merge_extra(item, &b.extra, &o.extra, &t.extra, conflicts),
    }
}

/// Tags added on either side are added, tags removed on either side are
/// removed; ours keep their order, the disk's new ones follow.
fn merge_tags(b: &[String], o: &[String], t: &[String]) -> Vec<String> {
    let has = |list: &[String], x: &String| list.contains(x);
    let mut out: Vec<String> = o
        .iter()
        .filter(|x| has(t, x) || !has(b, x))
        .cloned()
        .collect();
    for x in t {
        if !has(b, x) && !has(&out, x) {
            out.push(x.clone());
        }
    }
    out
}

fn merge_extra(
    item: &str,
    b: &Extra,
    o: &Extra,
    t: &Extra,
    conflicts: &mut Vec<Conflict>,
) -> Extra {
    let keys: BTreeSet<&String> = o.keys().chain(t.keys()).collect();
    let mut out = Extra::new();
    for k in keys {
        let (bv, ov, tv) = (b.get(k), o.get(k), t.get(k));
        let v = pick(&bv, &ov, &tv).copied().unwrap_or_else(|| {
            conflicts.push(Conflict {
                item: item.to_string(),
                field: k.clone(),
                resolution: "kept this session's value".into(),
            });
            ov.or(tv)
        });
        if let Some(v) = v {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

/// Items of a list with ids: highlights and reader events.
trait Item: Clone + PartialEq {
    fn id(&self) -> &str;
    fn note(&self) -> &Note;
    fn with_note(&self, note: Note) -> Self;
    /// The fields but the note merged one by one (the note is merged by
    /// [`merge_note`]); the result's note is empty.
    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, fields: &mut Fields) -> Self;
}

/// Merges fields of one item: each is ours unless only theirs changed;
/// changed on both sides, each its own way, ours is kept and the conflict
/// told.
struct Fields<'a> {
    item: &'a str,
    conflicts: &'a mut Vec<Conflict>,
}

impl Fields<'_> {
    fn pick<V: PartialEq + Clone>(&mut self, name: &str, b: Option<&V>, o: &V, t: &V) -> V {
        match b {
            Some(b) => {
                if let Some(v) = pick(b, o, t) {
                    return v.clone();
                }
            }
            None if o == t => return o.clone(),
            None => {}
        }
        self.conflicts.push(Conflict {
            item: self.item.to_string(),
            field: name.into(),
            resolution: "kept this session's version".into(),
        });
        o.clone()
    }
}

impl Item for Highlight {
    fn id(&self) -> &str {
        &self.id
    }
    fn note(&self) -> &Note {
        &self.annotation
    }
    fn with_note(&self, annotation: Note) -> Self {
        Highlight {
            annotation,
            ..self.clone()
        }
    }
    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields) -> Self {
        Highlight {
            id: o.id.clone(),
            article: f.pick("article", b.map(|b| &b.article), &o.article, &t.article),
            text: f.pick("text", b.map(|b| &b.text), &o.text, &t.text),
            occurrence: f.pick(
                "occurrence",
                b.map(|b| &b.occurrence),
                &o.occurrence,
                &t.occurrence,
            ),
            speaker: f.pick("speaker", b.map(|b| &b.speaker), &o.speaker, &t.speaker),
            events: f.pick("events", b.map(|b| &b.events), &o.events, &t.events),
            created: f.pick("created", b.map(|b| &b.created), &o.created, &t.created),
            annotation: Note::default(),
        }
    }
}

impl Item for ReaderEvent {
    fn id(&self) -> &str {
        &self.id
    }
    fn note(&self) -> &Note {
        &self.annotation
    }
    fn with_note(&self, annotation: Note) -> Self {
        ReaderEvent {
            annotation,
            ..self.clone()
        }
    }
    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, f: &mut Fields) -> Self {
        ReaderEvent {
            id: o.id.clone(),
            date: f.pick("date", b.map(|b| &b.date), &o.date, &t.date),
            title: f.pick("title", b.map(|b| &b.title), &o.title, &t.title),
            summary: f.pick("summary", b.map(|b| &b.summary), &o.summary, &t.summary),
            actors: f.pick("actors", b.map(|b| &b.actors), &o.actors, &t.actors),
            sources: f.pick("sources", b.map(|b| &b.sources), &o.sources, &t.sources),
            quote: f.pick("quote", b.map(|b| &b.quote), &o.quote, &t.quote),
            created: f.pick("created", b.map(|b| &b.created), &o.created, &t.created),
            annotation: Note::default(),
        }
    }
}

fn merge_items<T: Item>(
    kind: &str,
    base: &[T],
    ours: &[T],
    theirs: &[T],
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    let find = |list: &'_ [T], id: &str| list.iter().position(|x| x.id() == id);
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    // Ours in order, then the disk's new items in theirs' order.
    let mut ids: Vec<&str> = ours.iter().map(Item::id).collect();
    for t in theirs {
        if find(ours, t.id()).is_none() {
            ids.push(t.id());
        }
    }
    for id in ids {
        let b = find(base, id).map(|i| &base[i]);
        let o = find(ours, id).map(|i| &ours[i]);
        let t = find(theirs, id).map(|i| &theirs[i]);
        let item = format!("{kind} {id}");
        if let Some(x) = pick(&b, &o, &t) {
            out.extend(x.cloned());
            continue;
        }
        match (o, t) {
            (Some(o), Some(t)) => {
                let empty = Note::default();
                let bn = b.map_or(&empty, Item::note);
                let note = merge_note(&item, bn, o.note(), t.note(), conflicts);
                // The other fields one by one: a title changed here and a
                // summary there are both kept.
                let mut fields = Fields {
                    item: &item,
                    conflicts,
                };
                let rest = T::merge_fields(b, o, t, &mut fields);
                out.push(rest.with_note(note));
            }
            (Some(kept), None) | (None, Some(kept)) => {
                conflicts.push(kept_whole(&item, o.is_some()));
                out.push(kept.clone());
            }
            (None, None) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(title: &str, summary: Option<&str>) -> ReaderEvent {
        ReaderEvent {
            id: "reader-event-1".into(),
            date: "2021-01-07".into(),
            title: title.into(),
            summary: summary.map(str::to_string),
            actors: Vec::new(),
            sources: Vec::new(),
            quote: None,
            created: None,
            annotation: Note::default(),
        }
    }

    fn with_events(events: Vec<ReaderEvent>) -> Annotations {
        Annotations {
            reader_events: events,
            ..Annotations::default()
        }
    }

    /// A title changed here and a summary there: both kept, no conflict
    /// (the whole item used to be one field: the file's summary was lost).
    #[test]
    fn a_reader_events_fields_merge_one_by_one() {
        let base = with_events(vec![event("Titre", Some("Résumé"))]);
        let ours = with_events(vec![event("Titre revu", Some("Résumé"))]);
        let theirs = with_events(vec![event("Titre", Some("Résumé du fichier"))]);
        let merged = merge3(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(
            merged.annotations.reader_events,
            [event("Titre revu", Some("Résumé du fichier"))]
        );
        // The same field changed both ways: ours, and the conflict names it.
        let theirs = with_events(vec![event("Titre du fichier", None)]);
        let merged = merge3(&base, &ours, &theirs);
        assert_eq!(
            merged.annotations.reader_events,
            [event("Titre revu", None)]
        );
        let fields: Vec<&str> = merged.conflicts.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["title"]);
    }
}
