//! Edits of the reader's annotations: every change goes through the
//! session's history (undo, redo), queues a save and refreshes what shows
//! annotations, keeping what is selected. Save outcomes come back here.
//! Pure: saving is an effect.

use super::present::{label_with, target_label};
use super::rows::{refresh_events, row_details};
use super::target::current_target;
use crate::annotations::merge::Conflict;
use crate::annotations::{Change, SaveOutcome, SaveReport, Target};
use crate::app::action::Command;
use crate::app::nav;
use crate::app::state::notes::{Opened, SaveState, Snapshot};
use crate::app::state::{Effect, Overlay, State};
use crate::view::details::DetailsMode;
use crate::view::text::capitalise;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// Refuses edits in read-only mode, with the reason in the status bar.
pub fn check_writable(state: &mut State) -> bool {
    if let Some(why) = &state.notes.read_only {
        state.message = Some(read_only_message(why));
        return false;
    }
    true
}

/// What the status bar says when the annotations cannot be changed.
pub fn read_only_message(why: &str) -> String {
    format!("Annotations are read-only ({why}, see w); nothing is changed or saved.")
}

/// The selected item, if there is one and annotations can be changed;
/// otherwise the status bar says why not.
pub fn editable_target(state: &mut State) -> Option<Target> {
    let target = match current_target(state) {
        Ok(t) => t,
        Err(e) => {
            state.message = Some(capitalise(&e));
            return None;
        }
    };
    check_writable(state).then_some(target)
}

/// The time stamped on a change, to the second: nanoseconds would only make
/// noisy diffs of `annotations.yaml`.
pub(crate) fn now(state: &State) -> DateTime<Utc> {
    use chrono::SubsecRound;
    state.notes.clock.unwrap_or_else(Utc::now).trunc_subsecs(0)
}

/// Applies `change` through the history, queues a save and refreshes what
/// shows annotations. Says whether the change was made.
pub fn apply(state: &mut State, change: Change) -> bool {
    if !check_writable(state) {
        return false;
    }
    let description = describe(state, &change);
    let done = describe_done(state, &change);
    let t = now(state);
    let data = Arc::make_mut(&mut state.notes.data);
    match state
        .notes
        .history
        .do_described(data, change, description.clone(), t)
    {
        Ok(()) => {
            state.message = Some(done);
            changed(state);
            true
        }
        Err(e) => {
            state.message = Some(format!("Cannot {description}: {e}"));
            false
        }
    }
}

/// `D`: deletes the selected reader's quote or event (and the links the
/// reader's other items have to it), as one step `u` undoes.
pub fn delete(state: &mut State) {
    let target = match current_target(state) {
        Ok(t @ (Target::Highlight(_) | Target::ReaderEvent(_))) => t,
        Ok(_) => {
            state.message = Some(
                "Only your own quotes and events can be deleted; the corpus is never changed."
                    .into(),
            );
            return;
        }
        Err(e) => {
            state.message = Some(e);
            return;
        }
    };
    // Deleting asks first: the same key again confirms.
    if state.notes.pending_delete.take().as_ref() != Some(&target) {
        state.message = Some(format!(
            "Delete {}? Press {} again to delete it ({} undoes); any other key keeps it.",
            target_label(state, &target),
            state.key(Command::Delete),
            state.key(Command::Undo)
        ));
        state.notes.pending_delete = Some(target);
        return;
    }
    let a = &state.notes.data;
    let change = match &target {
        Target::Highlight(id) => crate::annotations::edit::delete_highlight(a, id),
        Target::ReaderEvent(id) => crate::annotations::edit::delete_reader_event(a, id),
        _ => None,
    };
    let Some(change) = change else {
        return;
    };
    // The selected quote is the one deleted: nothing stays selected.
    let selected = state.notes.highlight.clone();
    if matches!(target, Target::Highlight(_)) {
        state.notes.highlight = None;
    }
    if apply(state, change) {
        let undo = format!("; {} undoes.", state.key(Command::Undo));
        if let Some(m) = &mut state.message {
            m.push_str(&undo);
        }
    } else {
        state.notes.highlight = selected;
    }
}

/// What `change` does, in the reader's words and short enough for the
/// status bar: "delete your quote « … »".
fn describe(state: &State, change: &Change) -> String {
    change.describe_with(&|target| name_for(state, change, target))
}

/// What `change` did, for the status bar: "Note saved on event « … »".
fn describe_done(state: &State, change: &Change) -> String {
    change.done_with(&|target| name_for(state, change, target))
}

/// How [`describe`] names a target of `change`.
fn name_for(state: &State, change: &Change, target: &Target) -> String {
    const QUOTE_WIDTH: usize = 24;
    let (highlight, event) = change.carried();
    match (target, highlight, event) {
        // Not in the annotations yet (or about to change): name it as given.
        (Target::Highlight(id), Some(h), _) if h.id == *id => format!(
            "your quote « {} »",
            crate::view::text::truncate(&h.text, QUOTE_WIDTH)
        ),
        (Target::ReaderEvent(id), _, Some(e)) if e.id == *id => {
            format!("your event « {} »", e.title)
        }
        _ => label_with(state, target, QUOTE_WIDTH),
    }
}

/// `u` / Ctrl-r.
pub fn undo(state: &mut State, redo: bool) {
    if !check_writable(state) {
        return;
    }
    let t = now(state);
    let data = Arc::make_mut(&mut state.notes.data);
    let result = if redo {
        state.notes.history.redo(data, t)
    } else {
        state.notes.history.undo(data, t)
    };
    let verb = if redo { "Redone" } else { "Undone" };
    match result {
        None => {
            state.message = Some(if redo {
                "Nothing to redo.".into()
            } else {
                "Nothing to undo.".into()
            })
        }
        Some(Ok(what)) => {
            state.message = Some(format!("{verb}: {what}"));
            changed(state);
        }
        Some(Err(e)) => {
            let verb = if redo { "redo" } else { "undo" };
            state.message = Some(format!("Cannot {verb}: {e}"));
            changed(state);
        }
    }
}

/// After any change: save, and rebuild the timeline, article and details.
pub fn changed(state: &mut State) {
    // What is selected is named by id: only an item that is gone is lost.
    if state.notes.highlighted().is_none() {
        state.notes.highlight = None;
    }
    state.notes.save = SaveState::Saving;
    state.effects.push(Effect::SaveAnnotations(Snapshot(
        state.notes.data.clone(),
        state.notes.seen,
    )));
    refresh(state);
}

/// Rebuilds everything that shows annotations, keeping selections.
pub fn refresh(state: &mut State) {
    if !state.is_ready() {
        return;
    }
    refresh_events(state);
    state.article.doc = None;
    let (sel, off) = (state.details.selected, state.details.offset);
    if let Some(DetailsMode::ReaderEvent(id)) = &state.details.mode {
        if state.notes.data.reader_event(id).is_none() {
            state.details.mode = row_details(state);
        }
    }
    let scroll = state.article.scroll;
    let quote = state.article.quote.take();
    state.details.doc = None;
    // Laid out without the quote, so the article stays where it is scrolled.
    nav::relayout(state);
    state.article.quote = quote;
    state.article.scroll = scroll;
    if let Some(doc) = &state.details.doc {
        state.details.selected = sel.filter(|&s| s < doc.items.len());
        state.details.offset = off.min(doc.lines.len().saturating_sub(1));
    }
    // The documents are rebuilt: only the restored scroll is checked again.
    nav::keep_in_view(state);
}

/// The annotations file was read (at start-up).
pub fn opened(state: &mut State, opened: Opened) {
    state.notes.data = Arc::new(opened.annotations);
    state.notes.path = opened.path;
    state.notes.read_only = opened.read_only;
    state.diagnostics.extend(opened.diagnostics);
    let orphans = opened.orphans.len();
    state.diagnostics.extend(opened.orphans);
    refresh(state);
    if let Some(draft) = opened.recovery {
        state.overlay = Some(Overlay::Recovery(Box::new(draft)));
    } else if state.notes.read_only.is_some() {
        state.overlay = Some(Overlay::Warnings { scroll: 0 });
    } else if orphans > 0 {
        state.overlay = Some(Overlay::Warnings { scroll: 0 });
        state.message = Some(format!(
            "{orphans} annotation{} point at items no longer in the corpus: kept ({} lists them)",
            if orphans == 1 { "" } else { "s" },
            state.key(Command::Warnings)
        ));
    }
}

/// A save finished (reported by the saver thread).
pub fn saved(state: &mut State, report: SaveReport) {
    state.notes.seen.saves += 1;
    state.notes.unsaved = report.outcome.as_ref().err().map(ToString::to_string);
    match report.outcome {
        Ok(SaveOutcome::Saved) | Ok(SaveOutcome::Unchanged) => {
            state.notes.save = SaveState::Saved;
        }
        Ok(SaveOutcome::Merged {
            annotations,
            mut conflicts,
            disk_copy,
        }) => {
            let current = state.notes.data.clone();
            // A field changed both here since and in the file is told too.
            let adopted =
                crate::annotations::store::adopt_telling(&report.saved, &current, &annotations);
            conflicts.extend(adopted.conflicts);
            let adopted = adopted.annotations;
            // As for a reload: undo must not put back over the disk's changes.
            let outside = crate::annotations::changed::changed_items(&current, &adopted);
            state.notes.history.changed_outside(&outside);
            state.notes.data = Arc::new(adopted);
            state.notes.save = SaveState::Merged {
                conflicts: conflicts.len(),
                disk_copy: disk_copy.clone(),
            };
            if !conflicts.is_empty() {
                state.overlay = Some(Overlay::Notice {
                    title: " Annotations merged with changes on disk ".into(),
                    lines: conflict_lines(&conflicts, disk_copy.as_deref()),
                    scroll: 0,
                });
            } else {
                state.message =
                    Some("annotations.yaml had changed on disk: merged, both kept".into());
            }
            refresh(state);
        }
        Err(e) => state.notes.save = SaveState::Failed(e.to_string()),
    }
}

pub(crate) fn conflict_lines(
    conflicts: &[Conflict],
    disk_copy: Option<&std::path::Path>,
) -> Vec<String> {
    let mut lines = vec![
        "The file changed on disk while you were annotating. Both sets of changes".into(),
        "were merged; where both changed the same field:".into(),
        String::new(),
    ];
    lines.extend(conflicts.iter().map(|c| format!("• {c}")));
    if let Some(p) = disk_copy {
        lines.push(String::new());
        lines.push(format!(
            "The disk version is kept unchanged in {}",
            p.display()
        ));
    }
    lines
}
