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
    /// Puts a removed highlight back where it was (undoing a removal).
    InsertHighlight(usize, Highlight),
    AddReaderEvent(ReaderEvent),
    /// Replaces the reader event with the same id.
    UpdateReaderEvent(ReaderEvent),
    RemoveReaderEvent(String),
    /// Puts a removed reader event back where it was.
    InsertReaderEvent(usize, ReaderEvent),
    /// Sets the quote a reader's event was made from. Does nothing when the
    /// event is gone (so undoing a deletion never fails on a link).
    SetEventQuote {
        event: String,
        quote: Option<String>,
    },
    /// Sets the events a reader's quote cites; nothing when it is gone.
    SetHighlightEvents {
        highlight: String,
        events: Vec<String>,
    },
    /// Several changes as one step: all are applied or none.
    Batch(Vec<Change>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no {0}")]
    NoTarget(Target),
    #[error("the id `{0}` is already used by a highlight or a reader event")]
    DuplicateId(String),
    #[error("{0} was changed in the file outside the reader since; this step is dropped")]
    ChangedOutside(Target),
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
    pub(crate) fn describe(&self) -> String {
        self.describe_with(&|t| t.to_string())
    }

    /// The same, naming each target with `name` ("star event « Title »").
    pub(crate) fn describe_with(&self, name: &dyn Fn(&Target) -> String) -> String {
        let highlight = |id: &str| name(&Target::Highlight(id.to_string()));
        let reader_event = |id: &str| name(&Target::ReaderEvent(id.to_string()));
        match self {
            Change::SetNote { target, text: None } => {
                format!("remove the note on {}", name(target))
            }
            Change::SetNote { target, .. } => format!("edit the note on {}", name(target)),
            Change::SetTags { target, .. } => format!("set the tags of {}", name(target)),
            Change::SetStarred {
                target,
                starred: true,
            } => format!("star {}", name(target)),
            Change::SetStarred { target, .. } => format!("unstar {}", name(target)),
            Change::SetStatus {
                target,
                status: Some(s),
            } => format!("mark {} {}", name(target), s.as_str()),
            Change::SetStatus { target, .. } => format!("clear the status of {}", name(target)),
            Change::AddHighlight(h) | Change::InsertHighlight(_, h) => {
                format!("add {}", highlight(&h.id))
            }
            Change::UpdateHighlight(h) => format!("edit {}", highlight(&h.id)),
            Change::RemoveHighlight(id) => format!("delete {}", highlight(id)),
            Change::AddReaderEvent(e) | Change::InsertReaderEvent(_, e) => {
                format!("add {}", reader_event(&e.id))
            }
            Change::UpdateReaderEvent(e) => format!("edit {}", reader_event(&e.id)),
            Change::RemoveReaderEvent(id) => format!("delete {}", reader_event(id)),
            Change::SetEventQuote { event, .. } => format!("relink {}", reader_event(event)),
            Change::SetHighlightEvents { highlight: id, .. } => {
                format!("relink {}", highlight(id))
            }
            Change::Batch(changes) => changes
                .first()
                .map_or_else(String::new, |c| c.describe_with(name)),
        }
    }

    /// What the change did, said once it is done ("Note saved on event
    /// « … »"), where [`Change::describe_with`] says what it does (for
    /// undo: "Undone: edit the note on …").
    pub(crate) fn done_with(&self, name: &dyn Fn(&Target) -> String) -> String {
        let highlight = |id: &str| name(&Target::Highlight(id.to_string()));
        let reader_event = |id: &str| name(&Target::ReaderEvent(id.to_string()));
        match self {
            Change::SetNote { target, text: None } => {
                format!("Note removed from {}", name(target))
            }
            Change::SetNote { target, .. } => format!("Note saved on {}", name(target)),
            Change::SetTags { target, .. } => format!("Tags set on {}", name(target)),
            Change::SetStarred {
                target,
                starred: true,
            } => format!("Starred {}", name(target)),
            Change::SetStarred { target, .. } => format!("Unstarred {}", name(target)),
            Change::SetStatus {
                target,
                status: Some(s),
            } => format!("Marked {} {}", name(target), s.as_str()),
            Change::SetStatus { target, .. } => format!("Status cleared on {}", name(target)),
            Change::AddHighlight(h) | Change::InsertHighlight(_, h) => {
                format!("Added {}", highlight(&h.id))
            }
            Change::UpdateHighlight(h) => format!("Edited {}", highlight(&h.id)),
            Change::RemoveHighlight(id) => format!("Deleted {}", highlight(id)),
            Change::AddReaderEvent(e) | Change::InsertReaderEvent(_, e) => {
                format!("Added {}", reader_event(&e.id))
            }
            Change::UpdateReaderEvent(e) => format!("Edited {}", reader_event(&e.id)),
            Change::RemoveReaderEvent(id) => format!("Deleted {}", reader_event(id)),
            Change::SetEventQuote { event, .. } => format!("Relinked {}", reader_event(event)),
            Change::SetHighlightEvents { highlight: id, .. } => {
                format!("Relinked {}", highlight(id))
            }
            Change::Batch(changes) => changes
                .first()
                .map_or_else(String::new, |c| c.done_with(name)),
        }
    }

    /// The highlight or reader event this change carries whole (added,
    /// put back or edited), if any.
    pub(crate) fn carried(&self) -> (Option<&Highlight>, Option<&ReaderEvent>) {
        match self {
            Change::AddHighlight(h)
            | Change::InsertHighlight(_, h)
            | Change::UpdateHighlight(h) => (Some(h), None),
            Change::AddReaderEvent(e)
            | Change::InsertReaderEvent(_, e)
            | Change::UpdateReaderEvent(e) => (None, Some(e)),
            Change::Batch(changes) => changes.first().map_or((None, None), Change::carried),
            _ => (None, None),
        }
    }
}

/// Removes the reader's quote `id`, and unlinks the reader's events made
/// from it; `None` if there is no such quote.
pub(crate) fn delete_highlight(a: &Annotations, id: &str) -> Option<Change> {
    a.highlight(id)?;
    let mut changes = vec![Change::RemoveHighlight(id.to_string())];
    for e in a
        .reader_events
        .iter()
        .filter(|e| e.quote.as_deref() == Some(id))
    {
        changes.push(Change::SetEventQuote {
            event: e.id.clone(),
            quote: None,
        });
    }
    Some(Change::Batch(changes))
}

/// Removes the reader's event `id`, and unlinks the reader's quotes that
/// cite it; `None` if there is no such event.
pub(crate) fn delete_reader_event(a: &Annotations, id: &str) -> Option<Change> {
    a.reader_event(id)?;
    let mut changes = vec![Change::RemoveReaderEvent(id.to_string())];
    for h in a
        .highlights
        .iter()
        .filter(|h| h.events.iter().any(|e| e == id))
    {
        changes.push(Change::SetHighlightEvents {
            highlight: h.id.clone(),
            events: h.events.iter().filter(|e| *e != id).cloned().collect(),
        });
    }
    Some(Change::Batch(changes))
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
            let at = a.highlights.len();
            return apply(a, Change::InsertHighlight(at, h), now);
        }
        Change::InsertHighlight(at, h) => {
            if a.highlight(&h.id).is_some() || a.reader_event(&h.id).is_some() {
                return Err(EditError::DuplicateId(h.id));
            }
            let id = h.id.clone();
            a.highlights.insert(at.min(a.highlights.len()), h);
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
            Change::InsertHighlight(i, a.highlights.remove(i))
        }
        Change::AddReaderEvent(e) => {
            let at = a.reader_events.len();
            return apply(a, Change::InsertReaderEvent(at, e), now);
        }
        Change::InsertReaderEvent(at, e) => {
            if a.highlight(&e.id).is_some() || a.reader_event(&e.id).is_some() {
                return Err(EditError::DuplicateId(e.id));
            }
            let id = e.id.clone();
            a.reader_events.insert(at.min(a.reader_events.len()), e);
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
            Change::InsertReaderEvent(i, a.reader_events.remove(i))
        }
        Change::SetEventQuote { event, quote } => {
            match a.reader_events.iter_mut().find(|e| e.id == event) {
                Some(e) => Change::SetEventQuote {
                    quote: std::mem::replace(&mut e.quote, quote),
                    event,
                },
                None => Change::Batch(Vec::new()),
            }
        }
        Change::SetHighlightEvents { highlight, events } => {
            match a.highlights.iter_mut().find(|h| h.id == highlight) {
                Some(h) => Change::SetHighlightEvents {
                    events: std::mem::replace(&mut h.events, events),
                    highlight,
                },
                None => Change::Batch(Vec::new()),
            }
        }
        Change::Batch(changes) => {
            let mut inverses = Vec::with_capacity(changes.len());
            for change in changes {
                match apply(a, change, now) {
                    Ok(inverse) => inverses.push(inverse),
                    Err(e) => {
                        // Take back what was applied: all or nothing.
                        for inverse in inverses.into_iter().rev() {
                            apply(a, inverse, now).ok();
                        }
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Change::Batch(inverses)
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

    fn highlight(id: &str, events: &[&str]) -> Highlight {
        Highlight {
            id: id.into(),
            article: "afp".into(),
            text: "Cela va tuer l’entreprise".into(),
            occurrence: None,
            speaker: None,
            events: events.iter().map(|e| e.to_string()).collect(),
            created: None,
            annotation: Note::default(),
        }
    }

    fn reader_event(id: &str, quote: Option<&str>) -> ReaderEvent {
        ReaderEvent {
            id: id.into(),
            date: "2021-01-07".into(),
            title: "Mon événement".into(),
            summary: None,
            actors: vec![],
            sources: vec![],
            quote: quote.map(Into::into),
            created: None,
            annotation: Note::default(),
        }
    }

    fn sample() -> Annotations {
        Annotations {
            highlights: vec![
                highlight("h1", &["r1"]),
                highlight("h2", &["r1", "capitol"]),
                highlight("h3", &[]),
            ],
            reader_events: vec![reader_event("r0", None), reader_event("r1", Some("h2"))],
            ..Annotations::default()
        }
    }

    #[test]
    fn deleting_a_reader_quote_unlinks_its_events_and_undo_puts_all_back() {
        let mut a = sample();
        let before = a.clone();
        let change = delete_highlight(&a, "h2").unwrap();
        let inverse = apply(&mut a, change, t(0)).unwrap();
        let ids: Vec<&str> = a.highlights.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["h1", "h3"]);
        assert_eq!(a.reader_events[1].quote, None, "no link to a deleted quote");
        apply(&mut a, inverse, t(1)).unwrap();
        assert_eq!(a, before, "same items, same order");
        assert!(delete_highlight(&a, "nope").is_none());
    }

    #[test]
    fn deleting_a_reader_event_unlinks_the_quotes_citing_it() {
        let mut a = sample();
        let before = a.clone();
        let change = delete_reader_event(&a, "r1").unwrap();
        let inverse = apply(&mut a, change, t(0)).unwrap();
        assert_eq!(a.reader_events.len(), 1);
        assert!(a.highlights[0].events.is_empty());
        assert_eq!(a.highlights[1].events, ["capitol"]);
        apply(&mut a, inverse, t(1)).unwrap();
        assert_eq!(a, before);
    }

    #[test]
    fn undoing_a_deletion_survives_its_links_going_away_meanwhile() {
        let mut a = sample();
        let change = delete_highlight(&a, "h2").unwrap();
        let undo = apply(&mut a, change, t(0)).unwrap();
        // A merge with the disk removed the event that cited the quote.
        a.reader_events.retain(|e| e.id != "r1");
        apply(&mut a, undo, t(1)).unwrap();
        assert!(a.highlight("h2").is_some(), "the quote is back");
        // Only the link is restored, not a whole old copy of the event.
        let mut a = sample();
        let change = delete_reader_event(&a, "r1").unwrap();
        let undo = apply(&mut a, change, t(0)).unwrap();
        a.highlights[1].speaker = Some("changed on disk".into());
        apply(&mut a, undo, t(1)).unwrap();
        assert_eq!(a.highlights[1].events, ["r1", "capitol"]);
        assert_eq!(a.highlights[1].speaker.as_deref(), Some("changed on disk"));
    }

    #[test]
    fn a_batch_that_fails_changes_nothing() {
        let mut a = sample();
        let before = a.clone();
        let batch = Change::Batch(vec![
            Change::RemoveHighlight("h1".into()),
            Change::RemoveHighlight("nope".into()),
        ]);
        let err = apply(&mut a, batch, t(0)).unwrap_err();
        assert_eq!(err, EditError::NoTarget(Target::Highlight("nope".into())));
        assert_eq!(a, before);
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
