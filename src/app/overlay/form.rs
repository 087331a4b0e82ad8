//! The popups that edit annotations: the note editor (`a`), the tag editor
//! with completion (`t`), the small forms for a reader's event (`E`) and a
//! reader's quote, the filter menu (`f`) and the recovery offer. They take
//! raw keys; what they produce goes through [`crate::app::notes::edit::apply`].

use crate::annotations::recovery::{DraftEditor, RecoveryDraft};
use crate::annotations::{Change, Highlight, ReaderEvent, Target};
use crate::app::nav;
use crate::app::notes::{edit, present, target};
use crate::app::state::editors::{FilterMenu, Form, FormKind, NoteEditor, TagEditor};
use crate::app::state::{EventRow, Overlay, State};
use crate::corpus::PartialDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::TextArea;

fn is_ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c)
}

/// The selected item, if there is one and annotations can be changed;
/// otherwise the status bar says why not.
fn editable_target(state: &mut State) -> Option<Target> {
    let target = match target::current_target(state) {
        Ok(t) => t,
        Err(e) => {
            state.message = Some(capital(&e));
            return None;
        }
    };
    edit::check_writable(state).then_some(target)
}

/// Opens the note editor on the selected item.
pub fn open_note(state: &mut State) {
    let Some(target) = editable_target(state) else {
        return;
    };
    let original = crate::annotations::edit::note(&state.notes.data, &target)
        .and_then(|n| n.note.clone())
        .unwrap_or_default();
    let label = format!("Note on {}", present::target_label(state, &target));
    state.overlay = Some(Overlay::Note(Box::new(NoteEditor::new(
        target, label, &original,
    ))));
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
                return tag_editor(state, target, draft.text, " (recovered)");
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

pub fn open_tags(state: &mut State) {
    let Some(target) = editable_target(state) else {
        return;
    };
    let tags = crate::annotations::edit::note(&state.notes.data, &target)
        .map(|n| n.tags.join(", "))
        .unwrap_or_default();
    let line = if tags.is_empty() {
        tags
    } else {
        format!("{tags}, ")
    };
    tag_editor(state, target, line, "");
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

/// Opens the tag editor on `target` with `line` typed in.
fn tag_editor(state: &mut State, target: Target, line: String, note: &str) {
    let mut input = TextArea::new(vec![line]);
    input.move_cursor(tui_textarea::CursorMove::End);
    let label = format!("Tags of {}{note}", present::target_label(state, &target));
    state.overlay = Some(Overlay::Tags(Box::new(TagEditor {
        target,
        label,
        input,
        known: present::known_tags(&state.corpus, &state.notes.data),
    })));
}

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

pub fn open_filter(state: &mut State) {
    let tags = present::known_tags(&state.corpus, &state.notes.data);
    state.overlay = Some(Overlay::Filter(FilterMenu::new(&state.notes.filter, tags)));
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A raw key for one of these popups. Returns `false` when the overlay is
/// not one of them.
pub fn key(state: &mut State, key: KeyEvent) -> bool {
    let Some(overlay) = state.overlay.take() else {
        return false;
    };
    match overlay {
        Overlay::Note(ed) => note_key(state, *ed, key),
        Overlay::Tags(ed) => tags_key(state, *ed, key),
        Overlay::Form(f) => form_key(state, *f, key),
        Overlay::Filter(m) => filter_key(state, m, key),
        Overlay::Recovery(d) => recovery_key(state, *d, key),
        Overlay::Select(s) => super::mark::key(state, s, key),
        other => {
            state.overlay = Some(other);
            return false;
        }
    }
    true
}

/// Esc, or Ctrl-c as in a shell: leave the editor (asking first when the
/// text changed).
fn is_leave(key: &KeyEvent) -> bool {
    key.code == KeyCode::Esc || is_ctrl(key, 'c')
}

fn note_key(state: &mut State, mut ed: NoteEditor, key: KeyEvent) {
    if ed.confirm_discard {
        // A second Esc means "out", as the prompt says: typing on after it
        // would otherwise land in the note.
        if is_leave(&key) {
            state.message = Some("Note discarded.".into());
            return;
        }
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('d') => {
                state.message = Some("Note discarded.".into());
                return;
            }
            KeyCode::Char('s') => {}
            _ if is_ctrl(&key, 's') => {}
            _ => {
                ed.confirm_discard = false;
                state.overlay = Some(Overlay::Note(Box::new(ed)));
                return;
            }
        }
        return save_note(state, ed);
    }
    if is_ctrl(&key, 's') {
        return save_note(state, ed);
    }
    if is_leave(&key) {
        if ed.is_changed() {
            ed.confirm_discard = true;
            state.overlay = Some(Overlay::Note(Box::new(ed)));
        }
        return;
    }
    ed.text.input(key);
    state.overlay = Some(Overlay::Note(Box::new(ed)));
}

fn save_note(state: &mut State, ed: NoteEditor) {
    if !ed.is_changed() {
        state.message = Some("Note unchanged.".into());
        return;
    }
    let value = ed.value();
    let text = (!value.trim().is_empty()).then(|| value.trim_end().to_string());
    edit::apply(
        state,
        Change::SetNote {
            target: ed.target,
            text,
        },
    );
}

fn tags_key(state: &mut State, mut ed: TagEditor, key: KeyEvent) {
    match key.code {
        _ if is_leave(&key) => {
            state.message = Some("Tags unchanged.".into());
            return;
        }
        _ if key.code == KeyCode::Enter || is_ctrl(&key, 's') => {
            let tags = ed.tags();
            edit::apply(
                state,
                Change::SetTags {
                    target: ed.target,
                    tags,
                },
            );
            return;
        }
        KeyCode::Tab => {
            if let Some(first) = ed.completions().first().map(|s| s.to_string()) {
                let frag = ed.fragment();
                for _ in 0..frag.chars().count() {
                    ed.input.delete_char();
                }
                ed.input.insert_str(format!("{first}, "));
            }
        }
        _ => {
            ed.input.input(key);
        }
    }
    state.overlay = Some(Overlay::Tags(Box::new(ed)));
}

fn form_key(state: &mut State, mut f: Form, key: KeyEvent) {
    if f.confirm_discard {
        if is_leave(&key) || matches!(key.code, KeyCode::Char('y') | KeyCode::Char('d')) {
            state.message = Some("Discarded.".into());
            return;
        }
        f.confirm_discard = false;
        state.overlay = Some(Overlay::Form(Box::new(f)));
        return;
    }
    let last = f.fields.len().saturating_sub(1);
    match key.code {
        _ if is_leave(&key) => {
            if f.is_changed() {
                f.confirm_discard = true;
                state.overlay = Some(Overlay::Form(Box::new(f)));
            }
            return;
        }
        KeyCode::Tab | KeyCode::Down => f.focus = (f.focus + 1).min(last),
        KeyCode::BackTab | KeyCode::Up => f.focus = f.focus.saturating_sub(1),
        KeyCode::Enter if f.focus < last => f.focus += 1,
        KeyCode::Enter => return submit(state, f),
        _ if is_ctrl(&key, 's') => return submit(state, f),
        _ => {
            if let Some((_, t)) = f.fields.get_mut(f.focus) {
                t.input(key);
            }
        }
    }
    state.overlay = Some(Overlay::Form(Box::new(f)));
}

fn submit(state: &mut State, mut f: Form) {
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
            nav::select_reader_event(state, state.notes.data.reader_events.len() - 1);
        }
    }
}

fn filter_key(state: &mut State, mut m: FilterMenu, key: KeyEvent) {
    let last = m.items.len().saturating_sub(1);
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('f') => return,
        KeyCode::Char('j') | KeyCode::Down => m.selected = (m.selected + 1).min(last),
        KeyCode::Char('k') | KeyCode::Up => m.selected = m.selected.saturating_sub(1),
        KeyCode::Char('g') | KeyCode::Home => m.selected = 0,
        KeyCode::Char('G') | KeyCode::End => m.selected = last,
        KeyCode::Enter => {
            let filter = m.items.get(m.selected).and_then(|(_, f)| f.clone());
            let filtered = filter.is_some();
            state.notes.filter = filter;
            edit::refresh(state);
            // The filter itself stays in the status bar: say what it did.
            let shown = state
                .events
                .rows
                .iter()
                .filter(|r| !matches!(r, EventRow::Month(_)))
                .count();
            state.message = Some(if !filtered {
                "Filter cleared: all events shown.".into()
            } else if shown == 0 {
                "No event matches this filter (f to change it).".into()
            } else {
                format!("{shown} event{} shown.", if shown == 1 { "" } else { "s" })
            });
            return;
        }
        _ => {}
    }
    state.overlay = Some(Overlay::Filter(m));
}

fn recovery_key(state: &mut State, draft: RecoveryDraft, key: KeyEvent) {
    match key.code {
        KeyCode::Char('r') | KeyCode::Enter => {
            if state.notes.read_only.is_some() {
                // Nothing could be saved: the text waits for a fixed file.
                edit::check_writable(state);
                state.overlay = Some(Overlay::Recovery(Box::new(draft)));
                return;
            }
            clear_recovery(state);
            restore_draft(state, draft);
        }
        KeyCode::Char('d') => {
            clear_recovery(state);
            state.message = Some("Recovered text discarded.".into());
        }
        KeyCode::Esc => {
            state.message = Some("Recovered text kept for the next start.".into());
        }
        _ => state.overlay = Some(Overlay::Recovery(Box::new(draft))),
    }
}

fn clear_recovery(state: &mut State) {
    if let Some(p) = &state.notes.path {
        state
            .effects
            .push(crate::app::state::Effect::ClearRecovery(p.clone()));
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
            let line = ed.input.lines().first().cloned().unwrap_or_default();
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
