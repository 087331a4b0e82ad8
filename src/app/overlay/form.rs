//! The small forms: a reader's event (`E`, linked to the selected quote)
//! and a reader's quote (after marking a passage). Tab moves between the
//! fields; Enter on the last one or Ctrl-s adds the item and selects it.

use super::outcome::Outcome;
use crate::annotations::{Change, Highlight, ReaderEvent, Target};
use crate::app::key_spec::{is_ctrl, is_leave};
use crate::app::nav;
use crate::app::notes::{edit, present, target};
use crate::app::state::editors::{Form, FormKind};
use crate::app::state::{Overlay, State};
use crate::corpus::PartialDate;
use crossterm::event::{KeyCode, KeyEvent};

/// `E`: the reader's event form, linked to the selected quote if any.
pub fn open_reader_event(state: &mut State) {
    if !edit::check_writable(state) {
        return;
    }
    let (quote, source, context) = match target::current_target(state) {
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

/// A key in the form: Tab and arrows move between fields, Enter on the
/// last one or Ctrl-s submits, Esc on typed text asks first.
pub fn key(f: &mut Form, key: KeyEvent) -> Outcome {
    if f.confirm_discard {
        if is_leave(&key) || matches!(key.code, KeyCode::Char('y') | KeyCode::Char('d')) {
            return Outcome::close_saying("Discarded.");
        }
        f.confirm_discard = false;
        return Outcome::Keep;
    }
    let last = f.fields.len().saturating_sub(1);
    match key.code {
        _ if is_leave(&key) => {
            if !f.is_changed() {
                return Outcome::Close(None);
            }
            f.confirm_discard = true;
        }
        KeyCode::Tab | KeyCode::Down => f.focus = (f.focus + 1).min(last),
        KeyCode::BackTab | KeyCode::Up => f.focus = f.focus.saturating_sub(1),
        KeyCode::Enter if f.focus < last => f.focus += 1,
        KeyCode::Enter => return Outcome::Submit,
        _ if is_ctrl(&key, 's') => return Outcome::Submit,
        _ => {
            if let Some((_, t)) = f.fields.get_mut(f.focus) {
                t.input(key);
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
        FormKind::Highlight {
            article,
            text,
            occurrence,
        } => {
            let events: Vec<String> = f
                .value(2)
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let unknown: Vec<&str> = events
                .iter()
                .filter(|id| {
                    state.corpus.event_index(id).is_none()
                        && state.notes.data.reader_event(id).is_none()
                })
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                f.error = Some(format!("Events: unknown id {}", unknown.join(", ")));
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
    // What was made is selected, so that a, t, s, v and D act on it.
    let (new_quote, new_event) = match change {
        Change::AddHighlight(_) => (true, false),
        Change::AddReaderEvent(_) => (false, true),
        _ => (false, false),
    };
    if edit::apply(state, change) {
        if new_quote {
            nav::show_highlight(state, state.notes.data.highlights.len() - 1);
        }
        if new_event {
            if let Some(id) = state.notes.data.reader_events.last().map(|e| e.id.clone()) {
                nav::select_reader_event(state, &id);
            }
        }
    }
}
