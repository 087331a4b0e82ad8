//! Every change to the annotations is a value. [`apply`] performs one and
//! returns its inverse, which is what undo applies. Pure: no IO, and the
//! time is passed in.

use super::model::{Annotations, Highlight, Note, ReaderEvent, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a note is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A timeline event, by id.
    Event(String),
    /// A corpus quote, by `article#quote`.
    Quote(String),
    /// One of the reader's highlights, by id.
    Highlight(String),
    /// One of the reader's events, by id.
    ReaderEvent(String),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Event(id) => write!(f, "event {id}"),
            Target::Quote(key) => write!(f, "quote {key}"),
            Target::Highlight(id) => write!(f, "highlight {id}"),
            Target::ReaderEvent(id) => write!(f, "reader event {id}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// `None` (or blank text) removes the note text.
    SetNote {
        target: Target,
        text: Option<String>,
    },
    SetTags {
        target: Target,
        tags: Vec<String>,
    },
    SetStarred {
        target: Target,
        starred: bool,
    },
    SetStatus {
        target: Target,
        status: Option<Status>,
    },
    AddHighlight(Highlight),
    /// Replaces the highlight with the same id (passage, speaker, events…).
    UpdateHighlight(Highlight),
    RemoveHighlight(String),
    AddReaderEvent(ReaderEvent),
    /// Replaces the reader event with the same id.
    UpdateReaderEvent(ReaderEvent),
    RemoveReaderEvent(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no {0}")]
    NoTarget(Target),
    #[error("the id `{0}` is already used by a highlight or a reader event")]
    DuplicateId(String),
}

impl Change {
    /// `s`: the change that stars or unstars `target`.
    pub fn toggle_star(a: &Annotations, target: Target) -> Change {
        let starred = !note(a, &target).is_some_and(|n| n.starred);
        Change::SetStarred { target, starred }
    }

    /// `v`: the change to the next status of `target`.
    pub fn cycle_status(a: &Annotations, target: Target) -> Change {
        let status = Status::cycle(note(a, &target).and_then(|n| n.status));
        Change::SetStatus { target, status }
    }

    /// A short description for the status line: "star event x".
    pub fn describe(&self) -> String {
        match self {
            Change::SetNote { target, text: None } => format!("remove the note on {target}"),
            Change::SetNote { target, .. } => format!("edit the note on {target}"),
            Change::SetTags { target, .. } => format!("set the tags of {target}"),
            Change::SetStarred {
                target,
                starred: true,
            } => format!("star {target}"),
            Change::SetStarred { target, .. } => format!("unstar {target}"),
            Change::SetStatus {
                target,
                status: Some(s),
            } => format!("mark {target} {}", s.as_str()),
            Change::SetStatus { target, .. } => format!("clear the status of {target}"),
            Change::AddHighlight(h) => format!("add highlight {}", h.id),
            Change::UpdateHighlight(h) => format!("edit highlight {}", h.id),
            Change::RemoveHighlight(id) => format!("remove highlight {id}"),
            Change::AddReaderEvent(e) => format!("add event {}", e.id),
            Change::UpdateReaderEvent(e) => format!("edit event {}", e.id),
            Change::RemoveReaderEvent(id) => format!("remove event {id}"),
        }
    }
}

/// The note on `target`, if there is one.
pub fn note<'a>(a: &'a Annotations, target: &Target) -> Option<&'a Note> {
    match target {
        Target::Event(id) => a.events.get(id),
        Target::Quote(key) => a.quotes.get(key),
        Target::Highlight(id) => a.highlight(id).map(|h| &h.annotation),
        Target::ReaderEvent(id) => a.reader_event(id).map(|e| &e.annotation),
    }
}

/// Applies `change` at time `now` and returns the change that undoes it.
/// Notes on events and quotes are created on demand and removed when empty.
pub fn apply(a: &mut Annotations, change: Change, now: DateTime<Utc>) -> Result<Change, EditError> {
    let inverse = match change {
        Change::SetNote { target, text } => {
            let text = text.filter(|t| !t.trim().is_empty());
            let old = edit_note(a, &target, now, |n| std::mem::replace(&mut n.note, text))?;
            Change::SetNote { target, text: old }
        }
        Change::SetTags { target, tags } => {
            let mut clean: Vec<String> = Vec::with_capacity(tags.len());
            for t in tags.into_iter().map(|t| t.trim().to_string()) {
                if !t.is_empty() && !clean.contains(&t) {
                    clean.push(t);
                }
            }
            let old = edit_note(a, &target, now, |n| std::mem::replace(&mut n.tags, clean))?;
            Change::SetTags { target, tags: old }
        }
        Change::SetStarred { target, starred } => {
            let old = edit_note(a, &target, now, |n| {
                std::mem::replace(&mut n.starred, starred)
            })?;
            Change::SetStarred {
                target,
                starred: old,
            }
        }
        Change::SetStatus { target, status } => {
            let old = edit_note(a, &target, now, |n| {
                std::mem::replace(&mut n.status, status)
            })?;
            Change::SetStatus {
                target,
                status: old,
            }
        }
        Change::AddHighlight(h) => {
            if a.highlight(&h.id).is_some() || a.reader_event(&h.id).is_some() {
                return Err(EditError::DuplicateId(h.id));
            }
            let id = h.id.clone();
            a.highlights.push(h);
            Change::RemoveHighlight(id)
        }
        Change::UpdateHighlight(h) => {
            let slot = a
                .highlights
                .iter_mut()
                .find(|x| x.id == h.id)
                .ok_or_else(|| EditError::NoTarget(Target::Highlight(h.id.clone())))?;
            Change::UpdateHighlight(std::mem::replace(slot, h))
        }
        Change::RemoveHighlight(id) => {
            let i = a
                .highlights
                .iter()
                .position(|x| x.id == id)
                .ok_or(EditError::NoTarget(Target::Highlight(id)))?;
            Change::AddHighlight(a.highlights.remove(i))
        }
        Change::AddReaderEvent(e) => {
            if a.highlight(&e.id).is_some() || a.reader_event(&e.id).is_some() {
                return Err(EditError::DuplicateId(e.id));
            }
            let id = e.id.clone();
            a.reader_events.push(e);
            Change::RemoveReaderEvent(id)
        }
        Change::UpdateReaderEvent(e) => {
            let slot = a
                .reader_events
                .iter_mut()
                .find(|x| x.id == e.id)
                .ok_or_else(|| EditError::NoTarget(Target::ReaderEvent(e.id.clone())))?;
            Change::UpdateReaderEvent(std::mem::replace(slot, e))
        }
        Change::RemoveReaderEvent(id) => {
            let i = a
                .reader_events
                .iter()
                .position(|x| x.id == id)
                .ok_or(EditError::NoTarget(Target::ReaderEvent(id)))?;
            Change::AddReaderEvent(a.reader_events.remove(i))
        }
    };
    Ok(inverse)
}

/// Runs `f` on the note of `target` (created if needed), stamps it, and
/// removes it when it ends up empty.
fn edit_note<T>(
    a: &mut Annotations,
    target: &Target,
    now: DateTime<Utc>,
    f: impl FnOnce(&mut Note) -> T,
) -> Result<T, EditError> {
    let (map, key) = match target {
        Target::Event(id) => (&mut a.events, id),
        Target::Quote(key) => (&mut a.quotes, key),
        Target::Highlight(id) => {
            let h = a.highlights.iter_mut().find(|h| &h.id == id);
            let n = &mut h
                .ok_or_else(|| EditError::NoTarget(target.clone()))?
                .annotation;
            let out = f(n);
            n.updated = Some(now);
            return Ok(out);
        }
        Target::ReaderEvent(id) => {
            let e = a.reader_events.iter_mut().find(|e| &e.id == id);
            let n = &mut e
                .ok_or_else(|| EditError::NoTarget(target.clone()))?
                .annotation;
            let out = f(n);
            n.updated = Some(now);
            return Ok(out);
        }
    };
    let n = map.entry(key.clone()).or_default();
    let out = f(n);
    n.updated = Some(now);
    if n.is_empty() {
        map.remove(key);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, s).unwrap()
    }

    #[test]
    fn applying_the_inverse_restores_the_state() {
        let mut a = Annotations::default();
        let target = Target::Event("e".into());
        let inv = apply(
            &mut a,
            Change::SetNote {
                target: target.clone(),
                text: Some("Vérifié ✅".into()),
            },
            t(0),
        )
        .unwrap();
        assert_eq!(a.events["e"].note.as_deref(), Some("Vérifié ✅"));
        apply(&mut a, inv, t(1)).unwrap();
        // The note became empty: it is gone, not kept as an empty entry.
        assert!(a.events.is_empty());
    }

    #[test]
    fn star_toggles_and_status_cycles() {
        let mut a = Annotations::default();
        let target = Target::Quote("afp#q1".into());
        let c = Change::toggle_star(&a, target.clone());
        apply(&mut a, c, t(0)).unwrap();
        assert!(a.quotes["afp#q1"].starred);
        let c = Change::cycle_status(&a, target.clone());
        apply(&mut a, c, t(1)).unwrap();
        let c = Change::cycle_status(&a, target.clone());
        apply(&mut a, c, t(2)).unwrap();
        assert_eq!(a.quotes["afp#q1"].status, Some(Status::Verified));
        assert_eq!(a.quotes["afp#q1"].updated, Some(t(2)));
        let c = Change::toggle_star(&a, target.clone());
        apply(&mut a, c, t(3)).unwrap();
        assert!(!a.quotes["afp#q1"].starred);
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated() {
        let mut a = Annotations::default();
        let target = Target::Event("e".into());
        let tags = vec![
            " à-vérifier ".into(),
            "".into(),
            "à-vérifier".into(),
            "🔥".into(),
        ];
        apply(&mut a, Change::SetTags { target, tags }, t(0)).unwrap();
        assert_eq!(a.events["e"].tags, ["à-vérifier", "🔥"]);
    }

    #[test]
    fn missing_highlight_is_an_error_not_a_panic() {
        let mut a = Annotations::default();
        let err = apply(
            &mut a,
            Change::SetStarred {
                target: Target::Highlight("nope".into()),
                starred: true,
            },
            t(0),
        )
        .unwrap_err();
        assert_eq!(err, EditError::NoTarget(Target::Highlight("nope".into())));
    }
}
