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
        FormKind::EditReaderEvent { id, .. } => {
            let Some(mut event) = state.notes.data.reader_event(id).cloned() else {
                state.message =
                    Some("This event of yours is gone (undone?): nothing saved.".into());
                return;
            };
            let (date, title, summary) = (f.value(0), f.value(1), f.value(2));
            let links: Vec<String> = split_list(&f.value(3));
            let unknown: Vec<&str> = links
                .iter()
                .filter(|l| state.corpus.resolve_source(l).is_none())
                .map(String::as_str)
                .collect();
            let error = if let Err(e) = PartialDate::parse(&date) {
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
            event.date = date;
            event.title = title;
            event.summary = (!summary.is_empty()).then_some(summary);
            event.sources = links;
            Change::UpdateReaderEvent(event)
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

/// A comma-separated field's items, trimmed, blanks dropped.
fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}
