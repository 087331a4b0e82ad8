//! The small forms: a reader's event (`E`, linked to the selected quote;
//! `E` on one of the reader's events edits it) and a reader's quote (after
//! marking a passage). Tab moves between the
//! fields; Enter on the last one or Ctrl-s adds the item and selects it.

use super::outcome::Outcome;
use crate::annotations::{Change, Highlight, ReaderEvent, Target};
use crate::app::action::Command;
use crate::app::keymap::{Keymap, Popup};
use crate::app::nav;
use crate::app::notes::{edit, present, target};
use crate::app::overlay::event_pick;
use crate::app::state::editors::{Form, FormKind};
use crate::app::state::{Overlay, State};
use crate::corpus::PartialDate;
use crossterm::event::KeyEvent;

/// `E`: the reader's event form, linked to the selected quote if any; on
/// one of the reader's events, the form editing it.
pub fn open_reader_event(state: &mut State) {
    if !edit::check_writable(state) {
        return;
    }
    let (quote, source, context) = match target::current_target(state) {
        Ok(Target::ReaderEvent(id)) => {
            if let Some(e) = state.notes.data.reader_event(&id) {
                let form = Form::edit_reader_event(e);
                state.overlay = Some(Overlay::Form(Box::new(form)));
            }
            return;
        }
        Ok(Target::Quote(key)) => {
            let label = present::target_label(state, &Target::Quote(key.clone()));
            (
                Some(key.clone()),
                Some(key),
                vec![format!("Linked to {label}")],
            )
        }
        Ok(Target::Highlight(id)) => {
            let article = state
                .notes
                .data
                .highlight(&id)
                .map(|h| h.article.clone())
                .unwrap_or_default();
            let label = present::target_label(state, &Target::Highlight(id.clone()));
            (Some(id), Some(article), vec![format!("Linked to {label}")])
        }
        _ => (
            None,
            None,
            vec!["Not linked to a quote (select one first to link it).".into()],
        ),
    };
    state.overlay = Some(Overlay::Form(Box::new(Form::reader_event(
        quote, source, context,
    ))));
}

/// A key in the form (the keymap's `form` section, the `discard` one while
/// it asks, then the field's editing keys): Tab and arrows move between
/// fields, Enter on the last one or Ctrl-s submits, Esc on typed text asks
/// first.
pub fn key(f: &mut Form, keymap: &Keymap, key: KeyEvent) -> Outcome {
    if f.confirm_discard {
        if let Some(Command::Close | Command::Discard) = keymap.lookup_in(Popup::Discard, key) {
            return Outcome::close_saying("Discarded.");
        }
        f.confirm_discard = false;
        return Outcome::Keep;
    }
    let last = f.fields.len().saturating_sub(1);
    match keymap.lookup_in(Popup::Form, key) {
        Some(Command::Close) => {
            if !f.is_changed() {
                return Outcome::Close(None);
            }
            f.confirm_discard = true;
        }
        // In the Events field, Tab takes the first matching event.
        Some(Command::Complete) if event_pick::complete(f) => {}
        Some(Command::Complete | Command::NextField) => f.focus = (f.focus + 1).min(last),
        Some(Command::PrevField) => f.focus = f.focus.saturating_sub(1),
        Some(Command::Submit) if f.focus < last => f.focus += 1,
        Some(c @ (Command::Submit | Command::Save)) => return Outcome::Submit(c),
        _ => {
            if let Some((_, t)) = f.fields.get_mut(f.focus) {
                t.key(keymap, key);
            }
        }
    }
    Outcome::Keep
}

/// Adds the item the form describes and selects it; a field that does not
/// check out puts the form back with the reason.
pub fn submit(state: &mut State, mut f: Form) {
    let now = edit::now(state);
    // Said after the change's own message.
    let mut note_after = None;
    let change = match &f.kind {
        FormKind::ReaderEvent { quote, source } => {
            let (date, title, summary) = (f.value(0), f.value(1), f.value(2));
            if let Err(e) = PartialDate::parse(&date) {
                f.error = Some(format!("Date: {e}"));
                f.focus = 0;
                state.overlay = Some(Overlay::Form(Box::new(f)));
                return;
            }
            if title.is_empty() {
                f.error = Some("Title: write what happened.".into());
                f.focus = 1;
                state.overlay = Some(Overlay::Form(Box::new(f)));
                return;
            }
            Change::AddReaderEvent(ReaderEvent {
                id: state.notes.data.fresh_id("reader-event"),
                date,
                title,
                summary: (!summary.is_empty()).then_some(summary),
                actors: Vec::new(),
                sources: source.iter().cloned().collect(),
                quote: quote.clone(),
                created: Some(now),
                annotation: Default::default(),
            })
        }
        FormKind::EditReaderEvent {
            id,
            original,
            opened,
        } => {
            // Owned: the form is changed below.
            let (id, original, opened) = (id.clone(), original.clone(), opened.clone());
            let on_disk = state.notes.data.reader_event(&id).cloned();
            let values = match merge_outside_edits(&mut f, on_disk.as_ref()) {
                Ok(values) => values,
                Err(()) => {
                    state.overlay = Some(Overlay::Form(Box::new(f)));
                    return;
                }
            };
            let merged_outside = on_disk
                .as_ref()
                .is_some_and(|e| Form::reader_event_values(e) != original);
            let [date, title, summary, links] = &values[..] else {
                unreachable!("the event form has four fields")
            };
            let links: Vec<String> = split_list(links);
            let unknown: Vec<&str> = links
                .iter()
                .filter(|l| state.corpus.resolve_source(l).is_none())
                .map(String::as_str)
                .collect();
            let error = if let Err(e) = PartialDate::parse(date) {
                Some((0, format!("Date: {e}")))
            } else if title.is_empty() {
                Some((1, "Title: write what happened.".into()))
            } else if !unknown.is_empty() {
                let unknown = unknown.join(", ");
                Some((3, format!("Links: no article or quote {unknown}")))
            } else {
                None
            };
            if let Some((field, message)) = error {
                f.error = Some(message);
                f.focus = field;
                state.overlay = Some(Overlay::Form(Box::new(f)));
                return;
            }
            // Removed from the file meanwhile (by hand, another reader):
            // the edit keeps it, whole, as a save's merge keeps an item
            // removed on one side and changed on the other.
            let removed_outside = on_disk.is_none();
            let mut event = on_disk.unwrap_or(*opened);
            // Only the fields that differ from what the form shows of the
            // event are set: a summary's lines, shown as one, stay lines.
            let shown = Form::reader_event_values(&event);
            if *date != shown[0] {
                event.date = date.clone();
            }
            if *title != shown[1] {
                event.title = title.clone();
            }
            if *summary != shown[2] {
                event.summary = (!summary.is_empty()).then(|| summary.clone());
            }
            if values[3] != shown[3] {
                event.sources = links;
            }
            if removed_outside {
                note_after = Some(
                    " — it had been removed from the file meanwhile: put back with your edits",
                );
                Change::AddReaderEvent(event)
            } else {
                if merged_outside {
                    note_after = Some(" — merged with the changes made in the file meanwhile");
                }
                Change::UpdateReaderEvent(event)
            }
        }
        FormKind::Highlight {
            article,
            text,
            occurrence,
        } => {
            let events: Vec<String> = split_list(&f.value(2));
            let unknown: Vec<&str> = events
                .iter()
                .filter(|id| {
                    state.corpus.event_index(id).is_none()
                        && state.notes.data.reader_event(id).is_none()
                })
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                let hint = event_pick::closest(state, unknown[0])
                    .map_or(String::new(), |c| format!(" — did you mean {c}?"));
                f.error = Some(format!("Events: unknown id {}{hint}", unknown.join(", ")));
                f.focus = 2;
                state.overlay = Some(Overlay::Form(Box::new(f)));
                return;
            }
            let (speaker, note) = (f.value(0), f.value(1));
            Change::AddHighlight(Highlight {
                id: state.notes.data.fresh_id(&format!("{article}-hl")),
                article: article.clone(),
                text: text.clone(),
                occurrence: (*occurrence > 1).then_some(*occurrence),
                speaker: (!speaker.is_empty()).then_some(speaker),
                events,
                created: Some(now),
                annotation: crate::annotations::Note {
                    note: (!note.is_empty()).then_some(note),
                    ..Default::default()
                },
            })
        }
    };
    // What was made or edited is selected, so that a, t, s, v and D act on
    // it (an edited date may have moved it in the timeline).
    let (new_quote, event) = match &change {
        Change::AddHighlight(h) => (Some(h.id.clone()), None),
        Change::AddReaderEvent(e) | Change::UpdateReaderEvent(e) => (None, Some(e.id.clone())),
        _ => (None, None),
    };
    if edit::apply(state, change) {
        if let (Some(note), Some(message)) = (note_after, &mut state.message) {
            message.push_str(note);
        }
        if let Some(id) = new_quote {
            nav::show_highlight(state, &id);
        }
        if let Some(id) = event {
            if state.notes.data.reader_event(&id).is_some() {
                nav::select_reader_event(state, &id);
            }
        }
    }
}

/// The values to save from the event form `f`, merged field by field with
/// the event as the file has it now (`on_disk`; a reload may have changed it
/// while the form was open): a field only the file changed takes the file's
/// value, one only the form changed the form's. A field both changed, each
/// its own way, puts the form back (`Err`) showing what the file says, with
/// the file's other changes filled in and the file's version as the new
/// base, so that submitting again saves the form's text deliberately.
fn merge_outside_edits(f: &mut Form, on_disk: Option<&ReaderEvent>) -> Result<Vec<String>, ()> {
    let mut values = f.values();
    let (FormKind::EditReaderEvent { original, .. }, Some(on_disk)) = (&mut f.kind, on_disk) else {
        return Ok(values);
    };
    let theirs = Form::reader_event_values(on_disk);
    let mut both = Vec::new();
    for (i, ((ours, base), theirs)) in values.iter_mut().zip(&*original).zip(&theirs).enumerate() {
        if theirs == base || theirs == ours {
            continue;
        }
        match ours == base {
            true => *ours = theirs.clone(),
            false => both.push(i),
        }
    }
    if both.is_empty() {
        return Ok(values);
    }
    *original = theirs.clone();
    for (i, value) in values.iter().enumerate() {
        if !both.contains(&i) {
            if let Some((_, input)) = f.fields.get_mut(i) {
                input.set_text(value);
            }
        }
    }
    let said: Vec<String> = both
        .iter()
        .map(|&i| {
            let name = f.fields.get(i).map_or("", |(name, _)| name.as_str());
            let value = crate::view::text::truncate(&theirs[i], 60);
            format!("{name} is now « {value} »")
        })
        .collect();
    f.error = Some(format!(
        "Changed in the file meanwhile: {}. Submit again to save yours over it.",
        said.join("; ")
    ));
    f.focus = both[0];
    Err(())
}

/// A comma-separated field's items, trimmed, blanks dropped.
fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}
