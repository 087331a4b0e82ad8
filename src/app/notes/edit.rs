//! The reader's annotation layer as the UI sees it: what "the selected item"
//! is, changes through the session's history, save outcomes, the timeline
//! filter and the markers (★ ✎ ? ✓ ✗). Pure: saving is an effect.

pub use crate::annotations::filter::{corpus_event_rank, event_matches, reader_event_rank, Filter};
use crate::annotations::merge::Conflict;
use crate::annotations::{Annotations, Change, History, SaveOutcome, SaveReport, Target};
use crate::app::action::Pane;
use crate::app::state::{Effect, EventRow, Overlay, State};
use crate::corpus::{Corpus, PartialDate};
use crate::diagnostic::Diagnostic;
use crate::view::details::{DetailsItem, DetailsMode};
use crate::view::markers::{highlight_spans, quote_key};
use crate::view::wrap::Role;
use chrono::{DateTime, Utc};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// The annotations of this session.
#[derive(Debug, Default)]
pub struct AnnotationsView {
    pub data: Arc<Annotations>,
    pub history: History,
    /// Why edits are refused ("annotations.yaml:4:1 is malformed",
    /// "annotations.yaml is write-protected"), from start-up.
    pub read_only: Option<String>,
    /// Where they are saved (`None`: nowhere, e.g. in tests).
    pub path: Option<PathBuf>,
    pub save: SaveState,
    /// Why the last save failed, until one succeeds: changes are unsaved.
    pub unsaved: Option<String>,
    /// The timeline shows only the events that match.
    pub filter: Option<Filter>,
    /// The selected reader's quote (index in `data.highlights`), when one
    /// was picked in the details pane.
    pub highlight: Option<usize>,
    /// The clock (tests set it; `None`: now).
    pub clock: Option<DateTime<Utc>>,
    /// What a first `D` asked to delete: a second `D` on it deletes; any
    /// other command forgets it.
    pub pending_delete: Option<Target>,
}

/// What the status bar says about saving.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SaveState {
    #[default]
    Idle,
    Saving,
    Saved,
    /// Merged with changes made on disk; what conflicted.
    Merged {
        conflicts: usize,
        disk_copy: Option<PathBuf>,
    },
    Failed(String),
}

/// What the annotations file held at start-up (sent by the runtime).
#[derive(Debug, Default)]
pub struct Opened {
    pub path: Option<PathBuf>,
    pub annotations: Annotations,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file will never be written (see `Store::open`).
    pub read_only: Option<String>,
    /// Annotations whose event or quote is gone (kept, shown at start).
    pub orphans: Vec<Diagnostic>,
    /// Text left in an editor by a session that was killed.
    pub recovery: Option<crate::annotations::recovery::RecoveryDraft>,
}

/// The item `a`, `t`, `s`, `v` act on, or why there is none.
pub fn current_target(state: &State) -> Result<Target, String> {
    let corpus = &state.corpus;
    match state.focus {
        Pane::Events => match state.events.selected.and_then(|r| state.events.rows.get(r)) {
            Some(EventRow::Event(e)) => Ok(Target::Event(corpus.events[*e].id.clone())),
            Some(EventRow::Reader(i)) => state
                .notes
                .data
                .reader_events
                .get(*i)
                .map(|e| Target::ReaderEvent(e.id.clone()))
                .ok_or_else(|| "select an event".to_string()),
            _ => Err("select an event".into()),
        },
        Pane::Article => {
            if let Some(h) = selected_highlight(state) {
                return Ok(Target::Highlight(h.to_string()));
            }
            match (state.article.open, state.article.quote) {
                // An annotation key acts on the quote in view, never on one
                // scrolled far off.
                (Some(_), Some(q)) if !quote_in_view(state, q) => {
                    Err("the selected quote is not in view: n or N selects one that is".into())
                }
                (Some(a), Some(q)) => Ok(Target::Quote(quote_key(corpus, a, q))),
                _ => Err("select a quote (n/N) or an event".into()),
            }
        }
        Pane::Details => {
            let item = state
                .details
                .doc
                .as_ref()
                .zip(state.details.selected)
                .and_then(|(d, i)| d.items.get(i))
                .map(|(item, _)| *item);
            match item {
                Some(DetailsItem::Quote { article, quote })
                | Some(DetailsItem::Source(crate::corpus::SourceRef {
                    article,
                    quote: Some(quote),
                })) => return Ok(Target::Quote(quote_key(corpus, article, quote))),
                Some(DetailsItem::Highlight(i)) => {
                    if let Some(h) = state.notes.data.highlights.get(i) {
                        return Ok(Target::Highlight(h.id.clone()));
                    }
                }
                _ => {}
            }
            match state.details.mode {
                Some(DetailsMode::Event(e)) => Ok(Target::Event(corpus.events[e].id.clone())),
                Some(DetailsMode::ReaderEvent(i)) => state
                    .notes
                    .data
                    .reader_events
                    .get(i)
                    .map(|e| Target::ReaderEvent(e.id.clone()))
                    .ok_or_else(|| "select a quote (n/N) or an event".to_string()),
                _ => Err("select a quote (n/N) or an event".into()),
            }
        }
    }
}

/// Whether quote `q` of the open article starts on a line of the view.
fn quote_in_view(state: &State, q: usize) -> bool {
    let Some(line) = state
        .article
        .doc
        .as_ref()
        .and_then(|d| d.quote_lines.get(q).copied().flatten())
    else {
        return true; // not laid out yet: nothing to compare with
    };
    let top = state.article.scroll;
    (top..top + state.pane_height(Pane::Article)).contains(&line)
}

/// The id of the selected reader's quote, if it is in the open article.
pub fn selected_highlight(state: &State) -> Option<&str> {
    let h = state.notes.data.highlights.get(state.notes.highlight?)?;
    let a = state.article.open?;
    (state.corpus.articles[a].id == h.article).then_some(h.id.as_str())
}

/// How to name a target to the reader: "event « Title »".
pub fn target_label(state: &State, target: &Target) -> String {
    label_with(state, target, 40)
}

/// [`target_label`], quotes cut to `width` columns.
fn label_with(state: &State, target: &Target, width: usize) -> String {
    let corpus = &state.corpus;
    match target {
        Target::Event(id) => match corpus.event_index(id) {
            Some(e) => format!("event « {} »", corpus.events[e].title),
            None => format!("event {id}"),
        },
        Target::ReaderEvent(id) => match state.notes.data.reader_event(id) {
            Some(e) => format!("your event « {} »", e.title),
            None => format!("event {id}"),
        },
        Target::Quote(key) => match corpus.resolve_source(key) {
            Some(crate::corpus::SourceRef {
                article,
                quote: Some(q),
            }) => {
                let quote = &corpus.articles[article].quotes[q];
                format!(
                    "quote « {} »",
                    crate::view::text::truncate(&quote.text, width)
                )
            }
            _ => format!("quote {key}"),
        },
        Target::Highlight(id) => match state.notes.data.highlight(id) {
            Some(h) => format!(
                "your quote « {} »",
                crate::view::text::truncate(&h.text, width)
            ),
            None => format!("quote {id}"),
        },
    }
}

/// Refuses edits in read-only mode, with the reason in the status bar.
pub fn check_writable(state: &mut State) -> bool {
    if let Some(why) = &state.notes.read_only {
        state.message = Some(format!(
            "Annotations are read-only ({why}, see w); nothing is changed or saved."
        ));
        return false;
    }
    true
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
    let selected = Selected::of(state);
    let data = Arc::make_mut(&mut state.notes.data);
    match state
        .notes
        .history
        .do_described(data, change, description.clone(), t)
    {
        Ok(()) => {
            state.message = Some(done);
            selected.reselect(state);
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
        let key = state
            .keymap
            .keys_for(state.focus, crate::app::Command::Delete)
            .unwrap_or("D")
            .to_string();
        state.message = Some(format!(
            "Delete {}? Press {key} again to delete it (u undoes); any other key keeps it.",
            target_label(state, &target)
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
    let selected = state.notes.highlight;
    if matches!(target, Target::Highlight(_)) {
        state.notes.highlight = None;
    }
    if apply(state, change) {
        if let Some(m) = &mut state.message {
            m.push_str("; u undoes.");
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

/// The reader's items that are selected, by id: a change that inserts or
/// removes some moves the others in their lists, not what is selected.
struct Selected {
    highlight: Option<String>,
    /// The timeline row's reader event.
    row: Option<String>,
    /// The details pane's reader event.
    details: Option<String>,
}

impl Selected {
    fn of(state: &State) -> Selected {
        let a = &state.notes.data;
        let event_id = |i: usize| a.reader_events.get(i).map(|e| e.id.clone());
        Selected {
            highlight: state
                .notes
                .highlight
                .and_then(|h| a.highlights.get(h))
                .map(|h| h.id.clone()),
            row: match state.events.selected.and_then(|r| state.events.rows.get(r)) {
                Some(EventRow::Reader(i)) => event_id(*i),
                _ => None,
            },
            details: match state.details.mode {
                Some(DetailsMode::ReaderEvent(i)) => event_id(i),
                _ => None,
            },
        }
    }

    /// Points the selections at the same items after a change, before the
    /// views are rebuilt. Where an item is gone, the timeline keeps the
    /// row's position and the details pane follows the timeline.
    fn reselect(self, state: &mut State) {
        let a = &state.notes.data;
        let event = |id: &str| a.reader_events.iter().position(|e| e.id == id);
        if let Some(id) = self.highlight {
            state.notes.highlight = a.highlights.iter().position(|h| h.id == id);
        }
        // `usize::MAX` is past the end: it matches no row of the rebuilt
        // timeline, and sends the details pane back to the timeline's event.
        if let (Some(id), Some(row)) = (self.row, state.events.selected) {
            let now = EventRow::Reader(event(&id).unwrap_or(usize::MAX));
            if let Some(slot) = state.events.rows.get_mut(row) {
                *slot = now;
            }
        }
        if let Some(id) = self.details {
            let now = event(&id).unwrap_or(usize::MAX);
            state.details.mode = Some(DetailsMode::ReaderEvent(now));
        }
    }
}

/// `u` / Ctrl-r.
pub fn undo(state: &mut State, redo: bool) {
    if !check_writable(state) {
        return;
    }
    let t = now(state);
    let selected = Selected::of(state);
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
            selected.reselect(state);
            changed(state);
        }
        Some(Err(e)) => {
            state.message = Some(format!("Cannot {}: {e}", verb.to_lowercase()));
            selected.reselect(state);
            changed(state);
        }
    }
}

/// After any change: save, and rebuild the timeline, article and details.
pub fn changed(state: &mut State) {
    if state
        .notes
        .highlight
        .is_some_and(|h| h >= state.notes.data.highlights.len())
    {
        state.notes.highlight = None;
    }
    state.notes.save = SaveState::Saving;
    state
        .effects
        .push(Effect::SaveAnnotations(Snapshot(state.notes.data.clone())));
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
    if let Some(DetailsMode::ReaderEvent(i)) = state.details.mode {
        if i >= state.notes.data.reader_events.len() {
            state.details.mode = row_details(state);
        }
    }
    let scroll = state.article.scroll;
    let quote = state.article.quote.take();
    state.details.doc = None;
    crate::app::update::relayout(state);
    state.article.quote = quote;
    state.article.scroll = scroll;
    if let Some(doc) = &state.details.doc {
        state.details.selected = sel.filter(|&s| s < doc.items.len());
        state.details.offset = off.min(doc.lines.len().saturating_sub(1));
    }
    crate::app::update::relayout(state);
}

/// A snapshot to save; compared by identity (effects are compared in tests).
#[derive(Debug, Clone)]
pub struct Snapshot(pub Arc<Annotations>);

impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for Snapshot {}

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
            "{orphans} annotation{} point at items no longer in the corpus: kept (w lists them)",
            if orphans == 1 { "" } else { "s" }
        ));
    }
}

/// A save finished (reported by the saver thread).
pub fn saved(state: &mut State, report: SaveReport) {
    state.notes.unsaved = report.outcome.as_ref().err().map(ToString::to_string);
    match report.outcome {
        Ok(SaveOutcome::Saved) | Ok(SaveOutcome::Unchanged) => {
            state.notes.save = SaveState::Saved;
        }
        Ok(SaveOutcome::Merged {
            annotations,
            conflicts,
            disk_copy,
        }) => {
            let current = state.notes.data.clone();
            let adopted = crate::annotations::store::adopt(&report.saved, &current, &annotations);
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

fn conflict_lines(conflicts: &[Conflict], disk_copy: Option<&std::path::Path>) -> Vec<String> {
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

/// The status bar's words about annotations: read-only, filter, saving.
pub fn status_words(state: &State) -> Vec<(String, Role)> {
    let mut out = Vec::new();
    if let Some(why) = &state.notes.read_only {
        out.push((format!("⚠ annotations read-only: {why} "), Role::Error));
    }
    if let Some(f) = &state.notes.filter {
        out.push((format!("filter {} (f; Esc clears) ", f.label()), Role::Tag));
    }
    match &state.notes.save {
        SaveState::Idle => {}
        SaveState::Saving => out.push(("saving… ".into(), Role::Dim)),
        SaveState::Saved => out.push(("✓ saved ".into(), Role::Dim)),
        SaveState::Merged {
            conflicts: 0,
            disk_copy: _,
        } => out.push(("✓ merged with disk ".into(), Role::Dim)),
        SaveState::Merged {
            conflicts,
            disk_copy,
        } => out.push((
            format!(
                "⚠ merged, {conflicts} conflict{}{} ",
                if *conflicts == 1 { "" } else { "s" },
                disk_copy
                    .as_ref()
                    .map(|p| format!("; disk copy {}", p.display()))
                    .unwrap_or_default()
            ),
            Role::Warning,
        )),
        SaveState::Failed(e) => out.push((format!("⚠ not saved: {e} "), Role::Error)),
    }
    out
}

/// The timeline rows: corpus and reader's events by date, month headings,
/// only those matching the filter.
pub fn event_rows(corpus: &Corpus, notes: &AnnotationsView) -> Vec<EventRow> {
    let lang = corpus.date_lang();
    let a = &notes.data;
    // Corpus events keep the corpus's order; see `reader_event_rank`.
    let mut items: Vec<(usize, Option<PartialDate>, EventRow)> = Vec::new();
    for (i, e) in corpus.events.iter().enumerate() {
        if notes
            .filter
            .as_ref()
            .is_none_or(|f| event_matches(corpus, a, i, f))
        {
            items.push((corpus_event_rank(i), Some(e.date), EventRow::Event(i)));
        }
    }
    for (i, e) in a.reader_events.iter().enumerate() {
        if notes
            .filter
            .as_ref()
            .is_none_or(|f| f.matches(&e.annotation))
        {
            let date = PartialDate::parse(&e.date).ok();
            items.push((reader_event_rank(corpus, date), date, EventRow::Reader(i)));
        }
    }
    items.sort_by_key(|(k, _, _)| *k);
    let mut rows = Vec::with_capacity(items.len() + 24);
    let mut month = None;
    for (_, date, row) in items {
        let key = date.map(|d| d.month_key());
        if month != Some(key) {
            month = Some(key);
            rows.push(EventRow::Month(date.map_or_else(
                || "(undated)".to_string(),
                |d| d.month_heading(lang),
            )));
        }
        rows.push(row);
    }
    rows
}

/// Rebuilds the timeline rows, keeping the selected event when it is still
/// shown (else the nearest row).
pub fn refresh_events(state: &mut State) {
    let previous = state
        .events
        .selected
        .and_then(|r| state.events.rows.get(r).cloned());
    let old_index = state.events.selected.unwrap_or(0);
    state.events.rows = event_rows(&state.corpus, &state.notes);
    let rows = &state.events.rows;
    let selectable = |r: &EventRow| !matches!(r, EventRow::Month(_));
    state.events.selected = previous
        .clone()
        .and_then(|p| rows.iter().position(|r| *r == p))
        .or_else(|| {
            (old_index.min(rows.len().saturating_sub(1))..rows.len())
                .chain((0..rows.len()).rev())
                .find(|&i| selectable(&rows[i]))
        });
    if state.focus == Pane::Events
        && state.events.selected.and_then(|r| state.events.rows.get(r)) != previous.as_ref()
    {
        if let Some(mode) = row_details(state) {
            state.details.mode = Some(mode);
        }
    }
    let rows = &state.events.rows;
    let h = state.pane_height(Pane::Events);
    if let Some(sel) = state.events.selected {
        if sel < state.events.offset || sel >= state.events.offset + h {
            state.events.offset = sel.saturating_sub(h / 3);
        }
    }
    state.events.offset = state.events.offset.min(rows.len().saturating_sub(h));
}

/// The reader's quotes of `article` resolved to body spans, with the
/// selection of the passage selection mode; for the article doc.
pub fn article_marks(state: &State, article: usize) -> Vec<(Range<usize>, Role)> {
    let a = &state.corpus.articles[article];
    let mut out: Vec<(Range<usize>, Role)> = highlight_spans(&state.notes.data, a)
        .into_iter()
        .map(|(i, span)| (span, Role::ReaderQuote(i as u32)))
        .collect();
    if let Some(Overlay::Select(sel)) = &state.overlay {
        if sel.article == article {
            out.push((sel.range.clone(), Role::Selection));
        }
    }
    out
}

/// Tags already used: the reader's, then the corpus's; sorted, unique.
pub fn known_tags(corpus: &Corpus, a: &Annotations) -> Vec<String> {
    let mut tags: Vec<String> = a
        .events
        .values()
        .chain(a.quotes.values())
        .chain(a.highlights.iter().map(|h| &h.annotation))
        .chain(a.reader_events.iter().map(|e| &e.annotation))
        .flat_map(|n| n.tags.iter().cloned())
        .chain(corpus.events.iter().flat_map(|e| e.tags.iter().cloned()))
        .chain(corpus.articles.iter().flat_map(|a| a.tags.iter().cloned()))
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

/// What the details pane shows for the selected timeline row.
pub fn row_details(state: &State) -> Option<DetailsMode> {
    match state.events.rows.get(state.events.selected?)? {
        EventRow::Event(e) => Some(DetailsMode::Event(*e)),
        EventRow::Reader(i) => Some(DetailsMode::ReaderEvent(*i)),
        EventRow::Month(_) => None,
    }
}

/// Selects the reader's quote `h`: its article opens (if it is in the
/// corpus) and scrolls to it.
pub fn show_highlight(state: &mut State, h: usize) {
    let Some(hl) = state.notes.data.highlights.get(h) else {
        return;
    };
    let Some(a) = state.corpus.article_index(&hl.article) else {
        state.message = Some(format!("Article `{}` is not in the corpus.", hl.article));
        return;
    };
    if state.article.open != Some(a) {
        crate::app::update::open_article(state, a, None);
    }
    state.article.quote = None;
    state.notes.highlight = Some(h);
    let start = highlight_spans(&state.notes.data, &state.corpus.articles[a])
        .into_iter()
        .find(|(i, _)| *i == h)
        .map(|(_, s)| s.start);
    if let (Some(start), Some(doc)) = (start, &state.article.doc) {
        let line = doc.line_for_offset(start);
        let hgt = state.pane_height(Pane::Article);
        if line < state.article.scroll || line + 2 > state.article.scroll + hgt {
            state.article.scroll = line.saturating_sub(hgt / 3);
        }
    }
    crate::app::update::sync_details_to_quote(state);
}
