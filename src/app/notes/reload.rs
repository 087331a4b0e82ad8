//! The annotations file changed outside the reader (by hand, by `git pull`,
//! by a second chronique): asking the saver to read it, and taking the merge
//! in while the reader keeps its place and its open popups. Pure: reading
//! and merging are the saver's (see [`crate::annotations::Store::reload`]).
//!
//! The undo history is kept: a step on an item the file changed is refused
//! when its turn comes (see [`crate::annotations::History`]).

use super::edit::{changed, conflict_lines, refresh};
use crate::annotations::changed::changed_items;
use crate::annotations::store::adopt_telling;
use crate::annotations::{Malformed, ReloadOutcome, ReloadReport};
use crate::app::action::Command;
use crate::app::state::notes::SaveState;
use crate::app::state::{Effect, Overlay, State};
use crate::diagnostic::Diagnostic;
use std::sync::Arc;

/// The watcher saw the file change: it may be the reader's own save, which
/// the saver recognises by its bytes.
pub fn changed_on_disk(state: &mut State) {
    if state.notes.path.is_some() {
        state.effects.push(Effect::ReloadAnnotations);
    }
}

/// The saver read the changed file.
pub fn reloaded(state: &mut State, report: ReloadReport) {
    state.notes.seen.reloads += 1;
    let name = file_name(state);
    match report.outcome {
        Ok(ReloadOutcome::Unchanged) => {}
        Ok(ReloadOutcome::Removed) => {
            state.message = Some(format!(
                "{name} was removed on disk: your annotations stay, and are written again at the next change"
            ));
        }
        Ok(ReloadOutcome::Broken(bad)) => broken(state, *bad),
        Ok(ReloadOutcome::Merged {
            annotations,
            mut conflicts,
            disk_copy,
            written,
            warnings,
            text,
        }) => {
            let before = state.notes.data.clone();
            // What changed here since the saver's side of the merge stays.
            // A field changed both here since and in the file is told too.
            let adopted = adopt_telling(&report.ours, &before, &annotations);
            conflicts.extend(adopted.conflicts);
            let adopted = adopted.annotations;
            let outside = changed_items(&before, &adopted);
            let refused = state.notes.history.changed_outside(&outside);
            let newer_here = adopted != *annotations;
            state.notes.data = Arc::new(adopted);
            if state.notes.broken_on_disk {
                state.notes.broken_on_disk = false;
                state.notes.read_only = None;
            }
            let orphans = match &state.notes.path {
                Some(path) => crate::annotations::validate::validate(
                    &state.notes.data,
                    &text,
                    &state.corpus,
                    path,
                ),
                None => Vec::new(),
            };
            replace_diagnostics(state, warnings.into_iter().chain(orphans).collect());
            if written {
                state.notes.unsaved = None;
                state.notes.save = SaveState::Merged {
                    conflicts: conflicts.len(),
                    disk_copy: disk_copy.clone(),
                };
            }
            if state.notes.highlighted().is_none() {
                state.notes.highlight = None;
            }
            // Changes made while the file was read are saved with it.
            if newer_here {
                changed(state);
            } else {
                refresh(state);
            }
            crate::app::overlay::search::annotations_changed(state);
            state.message = Some(reloaded_message(
                &name,
                written,
                conflicts.len(),
                (refused, state.key(Command::Undo)),
            ));
            if !conflicts.is_empty() && state.overlay.is_none() {
                state.overlay = Some(Overlay::Notice {
                    title: format!(" {name} changed on disk: merged "),
                    lines: conflict_lines(&conflicts, disk_copy.as_deref()),
                    scroll: 0,
                });
            }
        }
        Err(e) => state.message = Some(format!("Not reloaded {name}: {e}")),
    }
}

/// The file no longer reads: the annotations on screen stay, the file is
/// left as it is, and edits are refused until it reads again (a save could
/// not merge with it).
fn broken(state: &mut State, bad: Malformed) {
    replace_diagnostics(state, bad.diagnostics);
    if state.notes.read_only.is_none() || state.notes.broken_on_disk {
        state.notes.read_only = Some(bad.why.clone());
        state.notes.broken_on_disk = true;
    }
    state.message = Some(format!(
        "Not reloaded: {}; your annotations stay, read-only until it is fixed (w)",
        bad.why
    ));
}

/// The annotations file's diagnostics are now `diagnostics`; the corpus's
/// stay.
fn replace_diagnostics(state: &mut State, diagnostics: Vec<Diagnostic>) {
    let path = state.notes.path.clone();
    state.diagnostics.retain(|d| path.as_ref() != Some(&d.path));
    state.diagnostics.extend(diagnostics);
}

/// `refused`: the undo steps refused from now on, and the undo key.
fn reloaded_message(
    name: &str,
    written: bool,
    conflicts: usize,
    (refused, undo): (usize, &str),
) -> String {
    let mut message = format!("Reloaded {name}");
    match conflicts {
        0 if written => message.push_str(", merged with your changes and saved"),
        0 => {}
        1 => message.push_str(": 1 conflict, both versions kept"),
        n => message.push_str(&format!(": {n} conflicts, both versions kept")),
    }
    match refused {
        0 => message.push('.'),
        1 => message.push_str(&format!(
            "; {undo} will refuse 1 step on an item changed there."
        )),
        n => message.push_str(&format!(
            "; {undo} will refuse {n} steps on items changed there."
        )),
    }
    message
}

fn file_name(state: &State) -> String {
    state
        .notes
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .map_or("annotations.yaml".into(), |n| {
            n.to_string_lossy().into_owned()
        })
}
