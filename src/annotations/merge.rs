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
                // Compare the other fields with the notes set aside.
                let strip = |x: &T| x.with_note(Note::default());
                let (ob, tb) = (strip(o), strip(t));
                let bb = b.map(strip);
                let rest = match bb {
                    Some(bb) if tb == bb => &ob,
                    Some(bb) if ob == bb => &tb,
                    _ if ob == tb => &ob,
                    _ => {
                        conflicts.push(Conflict {
                            item: item.clone(),
                            field: "fields".into(),
                            resolution: "kept this session's version".into(),
                        });
                        &ob
                    }
                };
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
