//! The one place the reader's state changes. No IO here: side effects are
//! queued in `state.effects` for the runtime.

use super::action::{Action, Command, MouseKind, Pane};
use super::nav;
use super::notes::{edit, rows, target};
use super::overlay::import;
use super::overlay::search as search_view;
use super::panes;
use super::state::{Effect, EventsView, Overlay, Phase, State};
use super::viewport::Viewport;
use crate::view::details::DetailsMode;
use ratatui::layout::Rect;
use std::sync::Arc;

pub fn update(state: &mut State, action: Action) {
    match action {
        Action::Resize(w, h) => {
            state.layout.area = Rect::new(0, 0, w, h);
            nav::relayout(state);
            search_view::resized(state);
            super::overlay::views::resized(state);
        }
        Action::Loaded(result) => loaded(state, *result),
        Action::Mouse { kind, col, row } => {
            state.message = None;
            search_view::forget_hits(state);
            mouse(state, kind, col, row)
        }
        Action::Command(c) => {
            state.message = None;
            // Marking starts at the search hit just jumped to.
            if c != Command::MarkPassage {
                search_view::forget_hits(state);
            }
            command(state, c)
        }
        Action::Key(key) => {
            super::overlay::key(state, key);
        }
        Action::IndexReady(index) => {
            state.search_index = Some(index);
            search_view::index_ready(state);
        }
        Action::SearchResults(result) => search_view::results(state, result),
        Action::AnnotationsOpened(o) => edit::opened(state, *o),
        Action::Saved(report) => edit::saved(state, *report),
        Action::AnnotationsChanged => super::notes::reload::changed_on_disk(state),
        Action::AnnotationsReloaded(report) => super::notes::reload::reloaded(state, *report),
        Action::Exported(result) => super::overlay::export::exported(state, result),
        Action::PathCompleted { typed, completed } => match &state.overlay {
            Some(Overlay::Import(_)) => import::path_completed(state, typed, completed),
            _ => super::overlay::export::path_completed(state, typed, completed),
        },
        Action::Imported(result) => import::imported(state, result),
        Action::SearchHistoryLoaded(history) => state.search_history = history,
        Action::SessionLoaded(session) => super::session::restore(state, session),
        Action::Reloaded(reload) => {
            super::reload::reloaded(state, *reload);
            import::open_when_loaded(state);
        }
        Action::Failed(why) => state.message = Some(why),
        Action::OpenFailed { url, error } => {
            state.message = Some(format!(
                "Could not open a browser ({error}); the link is copied to the clipboard: {url}"
            ));
            state.effects.push(Effect::Copy(url));
        }
    }
}

fn loaded(state: &mut State, result: Result<crate::corpus::Loaded, crate::corpus::LoadError>) {
    match result {
        Err(e) => state.phase = Phase::Failed(e.to_string()),
        Ok(loaded) => {
            state.corpus = Arc::new(loaded.corpus);
            state.diagnostics = loaded.diagnostics;
            state.events = EventsView::new(rows::event_rows(&state.corpus, &state.notes));
            state.phase = Phase::Ready;
            state.focus = Pane::Events;
            // Start on the first event, its first source open beside it.
            if let Some(e) = state.events.selected_event() {
                if let Some((article, quote)) = nav::first_source(state, e) {
                    nav::open_article(state, article, quote);
                }
                state.details.mode = Some(DetailsMode::Event(e));
            }
            nav::relayout(state);
            if let Some(reload) = state.reload_while_loading.take() {
                super::reload::reloaded(state, *reload);
            }
        }
    }
}

fn command(state: &mut State, c: Command) {
    if c != Command::Delete {
        state.notes.pending_delete = None;
    }
    if c == Command::Quit {
        quit(state);
        return;
    }
    if state.overlay.is_some() {
        overlay_command(state, c);
        return;
    }
    if !state.is_ready() {
        return;
    }
    match c {
        Command::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Command::Warnings => {
            if state.diagnostics.is_empty() {
                state.message = Some("No loading warnings.".into());
            } else {
                state.overlay = Some(Overlay::Warnings { scroll: 0 });
            }
        }
        Command::Close => clear_filter(state),
        Command::FocusNext => nav::focus(state, cycle(state.focus, 1)),
        Command::FocusPrev => nav::focus(state, cycle(state.focus, 2)),
        Command::FocusEvents => nav::focus(state, Pane::Events),
        Command::FocusArticle => nav::focus(state, Pane::Article),
        Command::FocusDetails => nav::focus(state, Pane::Details),
        Command::Up => step(state, -1),
        Command::Down => step(state, 1),
        Command::Top => step(state, isize::MIN / 2),
        Command::Bottom => step(state, isize::MAX / 2),
        Command::PageUp => step(state, -page(state)),
        Command::PageDown => step(state, page(state)),
        Command::HalfPageUp => step(state, -(page(state) / 2).max(1)),
        Command::HalfPageDown => step(state, (page(state) / 2).max(1)),
        Command::Open => activate(state),
        Command::NextQuote => panes::article::next_quote(state, true),
        Command::PrevQuote => panes::article::next_quote(state, false),
        Command::NextArticle => panes::article::next_article(state, true),
        Command::PrevArticle => panes::article::next_article(state, false),
        Command::OpenUrl => panes::article::open_url(state),
        Command::Copy => copy_selected(state),
        Command::CopyEvent => copy_event(state),
        Command::Search => search_view::open(state),
        Command::EditNote => super::overlay::note::open_note(state),
        Command::EditTags => super::overlay::tags::open_tags(state),
        Command::ToggleStar | Command::CycleStatus => match target::current_target(state) {
            Ok(t) => {
                let a = &state.notes.data;
                let change = if c == Command::ToggleStar {
                    crate::annotations::Change::toggle_star(a, t)
                } else {
                    crate::annotations::Change::cycle_status(a, t)
                };
                edit::apply(state, change);
            }
            Err(e) => state.message = Some(e),
        },
        Command::Undo => edit::undo(state, false),
        Command::Redo => edit::undo(state, true),
        Command::Filter => super::overlay::filter::open_filter(state),
        Command::NewEvent => super::overlay::form::open_reader_event(state),
        Command::MarkPassage => super::overlay::mark::start(state),
        Command::Delete => edit::delete(state),
        Command::Export => super::overlay::export::open(state),
        Command::Import => import::open(state),
        Command::Reload => super::reload::reload(state),
        Command::Edit => super::reload::edit(state),
        Command::AllArticles => super::overlay::articles::open(state),
        Command::Speakers => super::overlay::speakers::open(state),
        Command::Chart => super::overlay::chart::open(state),
        // The popups' own actions (the keymap binds them in their
        // sections only): nothing without their popup.
        _ => {}
    }
}

/// With no popup open, Esc clears the timeline's filter.
fn clear_filter(state: &mut State) {
    if state.notes.filter.take().is_some() {
        edit::refresh(state);
        state.message = Some("Filter cleared: all events shown.".into());
    }
}

/// Quits at once, unless annotation changes could not be saved (a
/// read-only folder, a full disk): then asks first, as the note editor
/// asks before discarding text.
fn quit(state: &mut State) {
    match &state.notes.unsaved {
        Some(why) => state.overlay = Some(Overlay::ConfirmQuit { why: why.clone() }),
        None => super::session::leave(state),
    }
}

fn overlay_command(state: &mut State, c: Command) {
    if super::overlay::views::command(state, c) {
        return;
    }
    if let Some(view) = super::help::text_popup_view(state) {
        return text_popup_command(state, view, c);
    }
    let scroll = |s: u16, d: isize| (s as isize + d).clamp(0, u16::MAX as isize) as u16;
    let delta = match c {
        Command::Up => -1,
        Command::Down => 1,
        Command::PageUp | Command::HalfPageUp => -10,
        Command::PageDown | Command::HalfPageDown => 10,
        Command::Top => -(u16::MAX as isize),
        Command::Bottom => u16::MAX as isize,
        Command::Close | Command::Help | Command::Warnings => {
            state.overlay = None;
            return;
        }
        _ => return,
    };
    if let Some(
        Overlay::Help { scroll: s }
        | Overlay::Warnings { scroll: s }
        | Overlay::Notice { scroll: s, .. },
    ) = &mut state.overlay
    {
        *s = scroll(*s, delta);
    }
}

/// A key in the help or the loading problems: scrolls them, never past
/// their last row.
fn text_popup_command(state: &mut State, view: Viewport, c: Command) {
    let view = match c {
        Command::Up => view.up(),
        Command::Down => view.down(),
        Command::PageUp | Command::HalfPageUp => view.scroll_by(-10),
        Command::PageDown | Command::HalfPageDown => view.scroll_by(10),
        Command::Top => view.top(),
        Command::Bottom => view.bottom(),
        Command::Close | Command::Help | Command::Warnings => {
            state.overlay = None;
            return;
        }
        _ => return,
    };
    let offset = u16::try_from(view.offset).unwrap_or(u16::MAX);
    if let Some(Overlay::Help { scroll } | Overlay::Warnings { scroll }) = &mut state.overlay {
        *scroll = offset;
    }
}

fn cycle(p: Pane, by: usize) -> Pane {
    let i = Pane::ALL.iter().position(|&x| x == p).unwrap_or(0);
    Pane::ALL[(i + by) % Pane::ALL.len()]
}

fn page(state: &State) -> isize {
    (state.pane_height(state.focus).saturating_sub(1)).max(1) as isize
}

/// Moves the focused pane's selection or scroll by `delta`.
fn step(state: &mut State, delta: isize) {
    match state.focus {
        Pane::Events => panes::events::step(state, delta),
        Pane::Article => panes::article::step(state, delta),
        Pane::Details => panes::details::step(state, delta),
    }
}

fn activate(state: &mut State) {
    match state.focus {
        Pane::Events => panes::events::activate(state),
        Pane::Article => panes::article::activate(state),
        Pane::Details => panes::details::activate(state),
    }
}

/// `y`: the selected quote with its citation, or the selected event.
fn copy_selected(state: &mut State) {
    use crate::annotations::Target;
    let corpus = state.corpus.clone();
    let text = match target::current_target(state) {
        Ok(Target::Quote(key)) => match corpus.resolve_source(&key) {
            Some(crate::corpus::SourceRef {
                article,
                quote: Some(quote),
            }) => Some(crate::view::citation::quote(
                &corpus,
                crate::corpus::QuoteRef { article, quote },
            )),
            _ => None,
        },
        Ok(Target::Highlight(id)) => state
            .notes
            .data
            .highlight(&id)
            .and_then(|h| crate::view::citation::highlight(&corpus, h)),
        Ok(Target::Event(id)) => corpus
            .event_index(&id)
            .map(|e| crate::view::citation::event(&corpus, corpus.event(e))),
        Ok(Target::ReaderEvent(_)) | Err(_) => None,
    };
    match text {
        Some(text) => copy(state, text),
        None => {
            state.message = Some(format!(
                "Nothing to copy here: {}.",
                crate::app::notes::target::select_one(state)
            ))
        }
    }
}

/// `Y`: the event selected in the timeline, with its sources.
fn copy_event(state: &mut State) {
    let corpus = state.corpus.clone();
    match state.events.selected_event() {
        Some(e) => copy(
            state,
            crate::view::citation::event(&corpus, corpus.event(e)),
        ),
        None => state.message = Some("Nothing to copy: select an event in the timeline.".into()),
    }
}

fn copy(state: &mut State, text: String) {
    // The status bar cuts it to its width.
    let first = text.lines().next().unwrap_or_default();
    state.message = Some(format!("Copied to the clipboard: {first}"));
    state.effects.push(Effect::Copy(text));
}

fn mouse(state: &mut State, kind: MouseKind, col: u16, row: u16) {
    if !state.is_ready() || state.overlay.is_some() {
        if kind == MouseKind::Click {
            state.overlay = None;
        }
        return;
    }
    if kind == MouseKind::Click {
        if let Some(pane) = state.layout.tab_at(col, row) {
            nav::focus(state, pane);
            return;
        }
    }
    let Some(pane) = state.layout.pane_at(col, row) else {
        return;
    };
    let inner = state.layout.inner(pane).unwrap_or_default();
    match kind {
        MouseKind::ScrollUp | MouseKind::ScrollDown => {
            let d: isize = if kind == MouseKind::ScrollUp { -3 } else { 3 };
            match pane {
                Pane::Events => panes::events::scroll(state, d),
                Pane::Article => panes::article::step(state, d),
                Pane::Details => panes::details::scroll(state, d),
            }
        }
        MouseKind::Click => {
            if state.focus != pane {
                nav::focus(state, pane);
            }
            if row < inner.y || col < inner.x {
                return;
            }
            let line = usize::from(row - inner.y);
            let x = usize::from(col - inner.x);
            match pane {
                Pane::Events => panes::events::click(state, line),
                Pane::Article => panes::article::click(state, line, x),
                Pane::Details => panes::details::click(state, line),
            }
        }
    }
}
