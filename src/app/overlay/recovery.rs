//! Text left in an editor by a session that was killed: the draft to keep
//! while typing, and the offer at the next start to take it back (`r`) or
//! discard it (`d`), keys of the keymap's `recovery` section.

use super::outcome::Outcome;
use crate::annotations::recovery::{DraftEditor, RecoveryDraft};
use crate::annotations::Target;
use crate::app::action::Command;
use crate::app::notes::{edit, present};
use crate::app::state::editors::{Form, FormKind, NoteEditor};
use crate::app::state::{Effect, Overlay, State};
use tui_textarea::TextArea;

/// A key in the offer (the keymap's `recovery` section): restore or
/// discard submit it, Esc leaves it for the next start, any other key
/// keeps it. Nothing can be restored while the annotations are read-only
/// (`read_only`: why): the text waits for a fixed file.
pub fn key(command: Option<Command>, read_only: Option<&str>) -> Outcome {
    match (command, read_only) {
        (Some(Command::Restore), Some(why)) => Outcome::KeepSaying(edit::read_only_message(why)),
        (Some(c @ (Command::Restore | Command::Discard)), _) => Outcome::Submit(c),
        (Some(Command::Close), _) => {
            Outcome::close_saying("Recovered text kept for the next start.")
        }
        _ => Outcome::Keep,
    }
}

/// Restores the draft into its editor, or discards it.
pub fn submit(state: &mut State, draft: RecoveryDraft, command: Command) {
    if command == Command::Discard {
        clear_recovery(state);
        state.message = Some("Recovered text discarded.".into());
        return;
    }
    clear_recovery(state);
    restore_draft(state, draft);
}

fn clear_recovery(state: &mut State) {
    if let Some(p) = &state.notes.path {
        state.effects.push(Effect::ClearRecovery(p.clone()));
    }
}

/// Opens the editor on a recovered draft.
pub fn restore_draft(state: &mut State, draft: RecoveryDraft) {
    match draft.editor {
        DraftEditor::Note | DraftEditor::Tags => {
            let Some(target) = draft.target else {
                state.message =
                    Some("The recovered text has no item to go to; it was discarded.".into());
                return;
            };
            if draft.editor == DraftEditor::Tags {
                return super::tags::tag_editor(state, target, draft.text, " (recovered)");
            }
            let original = crate::annotations::edit::note(&state.notes.data, &target)
                .and_then(|n| n.note.clone())
                .unwrap_or_default();
            let label = format!(
                "Note on {} (recovered)",
                present::target_label(state, &target)
            );
            let mut editor = NoteEditor::new(target, label, &original);
            editor.text = TextArea::new(draft.text.lines().map(str::to_string).collect());
            state.overlay = Some(Overlay::Note(Box::new(editor)));
        }
        DraftEditor::ReaderEvent {
            quote,
            source,
            fields,
        } => {
            // The quote it was made from may be gone since.
            let linked = quote.as_deref().map(|q| linked_quote(state, q));
            let gone = matches!(linked, Some(None));
            let (quote, source) = if gone { (None, None) } else { (quote, source) };
            let context = vec![match linked.flatten() {
                Some(target) => format!("Linked to {}", present::target_label(state, &target)),
                None if gone => "Not linked: the quote it was made from is gone.".into(),
                None => "Not linked to a quote.".into(),
            }];
            let mut form = Form::reader_event(quote, source, context);
            form.refill(&fields);
            form.title = " New event (recovered) ".into();
            state.overlay = Some(Overlay::Form(Box::new(form)));
        }
        DraftEditor::Highlight {
            article,
            passage,
            occurrence,
            fields,
        } => {
            let mut form = Form::highlight(article, passage, occurrence, "");
            form.refill(&fields);
            form.title = " Your quote (recovered) ".into();
            state.overlay = Some(Overlay::Form(Box::new(form)));
        }
    }
}

/// The quote a reader's event names (`article#quote` or a reader's quote
/// id), if it still exists.
fn linked_quote(state: &State, q: &str) -> Option<Target> {
    if q.contains('#') {
        let source = state.corpus.resolve_source(q)?;
        source.quote.map(|_| Target::Quote(q.to_string()))
    } else {
        state
            .notes
            .data
            .highlight(q)
            .map(|_| Target::Highlight(q.to_string()))
    }
}

/// The draft to keep if the process dies now: what is typed in the note
/// or tag editor, or in a form, when it differs from what is saved.
pub fn current_draft(state: &State) -> Option<RecoveryDraft> {
    let now = state.notes.clock.unwrap_or_else(chrono::Utc::now);
    match &state.overlay {
        Some(Overlay::Note(ed)) if ed.is_changed() => Some(RecoveryDraft::new(
            Some(ed.target.clone()),
            &ed.label,
            &ed.value(),
            now,
        )),
        Some(Overlay::Tags(ed)) => {
            let saved = crate::annotations::edit::note(&state.notes.data, &ed.target)
                .map(|n| n.tags.clone())
                .unwrap_or_default();
            let line = ed.input.text().to_string();
            (ed.tags() != saved).then(|| {
                RecoveryDraft::of(
                    DraftEditor::Tags,
                    Some(ed.target.clone()),
                    &ed.label,
                    &line,
                    now,
                )
            })
        }
        Some(Overlay::Form(f)) if f.is_changed() => {
            let fields = f.values();
            let editor = match &f.kind {
                FormKind::ReaderEvent { quote, source } => DraftEditor::ReaderEvent {
                    quote: quote.clone(),
                    source: source.clone(),
                    fields,
                },
                // Not kept for recovery yet: the recovery file knows only
                // new items (an edit's text is lost if the reader is killed).
                FormKind::EditReaderEvent { .. } => return None,
                FormKind::Highlight {
                    article,
                    text,
                    occurrence,
                } => DraftEditor::Highlight {
                    article: article.clone(),
                    passage: text.clone(),
                    occurrence: *occurrence,
                    fields,
                },
            };
            let mut text = f.as_text();
            if let FormKind::Highlight { text: passage, .. } = &f.kind {
                text = format!("« {passage} »\n{text}");
            }
            Some(RecoveryDraft::of(editor, None, f.title.trim(), &text, now))
        }
        _ => None,
    }
}
