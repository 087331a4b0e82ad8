//! Live reload and `e` on the state side (no IO here): asking the runtime
//! to reload or to open an editor, and taking a reloaded corpus in while
//! keeping the reader's place by id.

use super::action::Pane;
use super::nav;
use super::notes::edit;
use super::state::reload::{EditItem, EditTarget, Reloaded};
use super::state::{Effect, EventRow, Overlay, Phase, State};
use crate::app::action::Command;
use crate::corpus::{ArticleIx, Corpus, EventIx, QuoteIx, QuoteRef, SourceRef};
use crate::view::details::{DetailsItem, DetailsMode};
use std::sync::Arc;

/// What the sample says when asked to reload or edit.
const SAMPLE_IS_BUILT_IN: &str =
    "The built-in sample cannot be edited: copy it with `chronique sample DIR`, then open `chronique DIR`";

/// `R`: reload the corpus by hand.
pub fn reload(state: &mut State) {
    if state.corpus.root.is_none() {
        state.message = Some(SAMPLE_IS_BUILT_IN.into());
        return;
    }
    state.message = Some("Reloading the corpus…".into());
    state.effects.push(Effect::Reload);
}

/// `e`: edit the selected event, article, quote or source.
pub fn edit(state: &mut State) {
    match edit_target(state) {
        Ok(target) => state.effects.push(Effect::Edit(target)),
        Err(why) => state.message = Some(why),
    }
}

fn edit_target(state: &State) -> Result<EditTarget, String> {
    let corpus = &state.corpus;
    let Some(root) = &corpus.root else {
        return Err(SAMPLE_IS_BUILT_IN.into());
    };
    let event = |e: EventIx| EditTarget {
        path: root.join("timeline.yaml"),
        item: Some(EditItem::Event(corpus.event(e).id.to_string())),
    };
    let quote = |article: ArticleIx, quote: Option<QuoteIx>| EditTarget {
        path: corpus.article_file(article),
        item: quote.map(|q| EditItem::Quote(corpus.article(article).quote(q).id.to_string())),
    };
    let own = || {
        format!(
            "This is your own, kept in the annotations: {} edits its note, {} its tags",
            state.key(Command::EditNote),
            state.key(Command::EditTags)
        )
    };
    match state.focus {
        Pane::Events => match state.events.selected.and_then(|r| state.events.rows.get(r)) {
            Some(EventRow::Event(e)) => Ok(event(*e)),
            Some(EventRow::Reader(_)) => Err(own()),
            _ => Err("No event is selected.".into()),
        },
        Pane::Article => match state.article.open {
            Some(a) => Ok(quote(a, state.article.quote)),
            None => Err("No article is open.".into()),
        },
        Pane::Details => match nav::selected_detail(state) {
            Some(DetailsItem::Source(SourceRef { article, quote: q })) => Ok(quote(article, q)),
            Some(DetailsItem::Quote(q)) => Ok(quote(q.article, Some(q.quote))),
            Some(DetailsItem::Highlight(_)) => Err(own()),
            None => match state.details.mode {
                Some(DetailsMode::Event(e)) => Ok(event(e)),
                Some(DetailsMode::Quotes(a)) => Ok(quote(a, None)),
                Some(DetailsMode::ReaderEvent(_)) => Err(own()),
                None => Err("Nothing is selected.".into()),
            },
        },
    }
}

/// The reader's place, by id, across a reload.
struct Place {
    event: Option<String>,
    events_offset: usize,
    article: Option<String>,
    quote: Option<String>,
    scroll: usize,
    details: Option<PlaceMode>,
    details_selected: Option<usize>,
    details_offset: usize,
}

enum PlaceMode {
    Event(String),
    Quotes(String),
    ReaderEvent(String),
}

impl Place {
    fn of(state: &State) -> Place {
        let corpus = &state.corpus;
        let open = state.article.open;
        Place {
            event: state
                .events
                .selected_event()
                .map(|e| corpus.event(e).id.to_string()),
            events_offset: state.events.offset,
            article: open.map(|a| corpus.article(a).id.to_string()),
            quote: open
                .zip(state.article.quote)
                .map(|(article, quote)| corpus.quote(QuoteRef { article, quote }).id.to_string()),
            scroll: state.article.scroll,
            details: state.details.mode.clone().map(|m| match m {
                DetailsMode::Event(e) => PlaceMode::Event(corpus.event(e).id.to_string()),
                DetailsMode::Quotes(a) => PlaceMode::Quotes(corpus.article(a).id.to_string()),
                DetailsMode::ReaderEvent(i) => PlaceMode::ReaderEvent(i),
            }),
            details_selected: state.details.selected,
            details_offset: state.details.offset,
        }
    }

    fn restore(self, state: &mut State) {
        let corpus = state.corpus.clone();
        let article = self.article.and_then(|id| corpus.article_index(&id));
        state.article.open = article;
        state.article.quote = article
            .zip(self.quote)
            .and_then(|(a, id)| corpus.article(a).quote_ix(&id));
        state.article.scroll = if article.is_some() { self.scroll } else { 0 };
        state.article.doc = None;
        state.article.search_hits.clear();
        state.details.mode = self.details.and_then(|m| match m {
            PlaceMode::Event(id) => corpus.event_index(&id).map(DetailsMode::Event),
            PlaceMode::Quotes(id) => corpus.article_index(&id).map(DetailsMode::Quotes),
            PlaceMode::ReaderEvent(id) => Some(DetailsMode::ReaderEvent(id)),
        });
        // The rows are rebuilt; the old selection's row index means nothing.
        let mode = state.details.mode.clone();
        state.events.selected = None;
        edit::refresh(state);
        if let Some(row) = self
            .event
            .and_then(|id| corpus.event_index(&id))
            .and_then(|e| state.events.row_of_event(e))
        {
            state.events.selected = Some(row);
        }
        state.events.offset = self.events_offset;
        state.details.mode = mode.or(state.details.mode.take());
        state.details.doc = None;
        nav::relayout(state);
        if let Some(doc) = &state.details.doc {
            state.details.selected = self.details_selected.filter(|&s| s < doc.items.len());
            state.details.offset = self.details_offset.min(doc.lines.len().saturating_sub(1));
        }
        nav::relayout(state);
    }
}

/// A passage being marked points into the article's body by bytes: it is
/// kept only when the article's text is unchanged (at its new index).
/// `false`: it was dropped.
fn keep_selection(state: &mut State, old: &Corpus) -> bool {
    let Some(Overlay::Select(selection)) = &mut state.overlay else {
        return true;
    };
    let before = old.article(selection.article);
    let now = state.corpus.article_index(&before.id);
    match now {
        Some(n) if state.corpus.article(n).body == before.body => {
            selection.article = n;
            true
        }
        _ => {
            state.overlay = None;
            false
        }
    }
}

/// Takes a reloaded corpus in: the reader stays where it was, popups stay
/// open, and the search index is rebuilt (by the runtime).
pub fn reloaded(state: &mut State, reload: Reloaded) {
    if matches!(state.phase, Phase::Loading { .. }) {
        // Not older than the first load: the reloader waits for it (the
        // cache's lock), or read the changed files after their change.
        state.reload_while_loading = Some(Box::new(reload));
        return;
    }
    if let Phase::Failed(_) = &state.phase {
        // It could not be opened (the reader says why); now that it reads,
        // it is opened as at start-up, rather than asking for a restart.
        if let Ok(loaded) = &reload.result {
            let label = match &loaded.corpus.root {
                Some(root) => root.display().to_string(),
                None => "the corpus".into(),
            };
            let progress = Arc::new(crate::corpus::Progress::default());
            state.phase = Phase::Loading {
                label,
                progress: progress.clone(),
            };
            let progress = crate::app::state::ProgressOf(progress);
            state.effects.push(Effect::OpenAgain(progress));
        }
        return;
    }
    if !state.is_ready() {
        return;
    }
    let loaded = match reload.result {
        Ok(loaded) => loaded,
        Err(e) => {
            state.message = Some(format!("Not reloaded: {e}; the corpus on screen stays"));
            return;
        }
    };
    let place = Place::of(state);
    let old = state.corpus.clone();
    // The annotations' own problems are not the corpus's to replace.
    let annotations = state.notes.path.clone();
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(
        state
            .diagnostics
            .drain(..)
            .filter(|d| annotations.as_ref() == Some(&d.path)),
    );
    state.diagnostics = diagnostics;
    state.corpus = Arc::new(loaded.corpus);
    state.search_index = None;
    if let Some(Overlay::Search(popup)) = &mut state.overlay {
        // Its hits point into the old corpus; the new index runs the query again.
        popup.results = Arc::new(Vec::new());
        popup.selected = 0;
        popup.offset = 0;
    }
    place.restore(state);
    if let Some(Overlay::Search(popup)) = &mut state.overlay {
        // The article it was opened on, found again by id (`Ctrl-o` limits
        // the search to it); gone, the search is no longer limited.
        popup.article = state.article.open;
        popup.in_article &= popup.article.is_some();
    }
    super::overlay::views::reloaded(state, &old);
    let selection_kept = keep_selection(state, &old);
    let errors = state.diagnostics.iter().filter(|d| d.is_error()).count();
    state.message = Some(match errors {
        _ if !selection_kept => format!(
            "Reloaded {}: the article changed, so the passage being marked is dropped",
            reload.what
        ),
        0 => format!("Reloaded {}.", reload.what),
        n => format!(
            "Reloaded {}: {n} error{}, its last good version stays on screen ({} lists them)",
            reload.what,
            if n == 1 { "" } else { "s" },
            state.key(Command::Warnings)
        ),
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::app::{ready_state, update, Action, Command};
    use crate::corpus::Loaded;
    use crate::corpus::{embedded, Progress};
    use std::path::PathBuf;

    /// The sample as if read from a `corpus` directory (the import tests too).
    pub(crate) fn sample_in_dir() -> Loaded {
        let mut loaded = embedded::load(&Progress::default());
        loaded.corpus.root = Some(PathBuf::from("corpus"));
        loaded
    }

    #[test]
    fn a_reload_keeps_the_selected_event_and_article_by_id() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        for _ in 0..3 {
            update(&mut state, Action::Command(Command::Down));
        }
        update(&mut state, Action::Command(Command::Open));
        let event = |s: &State| {
            s.corpus
                .event(s.events.selected_event().unwrap())
                .id
                .clone()
        };
        let article = |s: &State| s.corpus.article(s.article.open.unwrap()).id.to_string();
        let (before_event, before_article) = (event(&state), article(&state));
        let quote = state.article.quote;
        // The new corpus lacks the first event: every index moves by one.
        let mut changed = sample_in_dir();
        changed.corpus.events.remove(0);
        changed.corpus.link();
        update(&mut state, Action::Command(Command::Help));
        let result = Ok(changed);
        let reload = Reloaded {
            result,
            what: "timeline.yaml".into(),
        };
        update(&mut state, Action::Reloaded(Box::new(reload)));
        assert_eq!(event(&state), before_event);
        assert_eq!(article(&state), before_article);
        assert_eq!(state.article.quote, quote);
        assert!(
            matches!(state.overlay, Some(Overlay::Help { .. })),
            "popups stay open"
        );
        assert_eq!(state.message.as_deref(), Some("Reloaded timeline.yaml."));
        assert!(state.search_index.is_none(), "the index is rebuilt");
    }

    #[test]
    fn a_passage_being_marked_stays_only_while_its_article_is_unchanged() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        update(&mut state, Action::Command(Command::Open));
        update(&mut state, Action::Command(Command::MarkPassage));
        assert!(matches!(state.overlay, Some(Overlay::Select(_))));
        let reload = |loaded| Reloaded {
            result: Ok(loaded),
            what: "articles".into(),
        };
        update(
            &mut state,
            Action::Reloaded(Box::new(reload(sample_in_dir()))),
        );
        assert!(
            matches!(state.overlay, Some(Overlay::Select(_))),
            "unchanged: kept"
        );
        let mut changed = sample_in_dir();
        let open = state.article.open.unwrap();
        let body = &mut changed.corpus.articles[open.get()].body;
        *body = body[..3].into();
        update(&mut state, Action::Reloaded(Box::new(reload(changed))));
        assert!(state.overlay.is_none());
        assert!(state
            .message
            .as_deref()
            .unwrap()
            .contains("passage being marked is dropped"));
    }

    /// The reloader waits for the first load (the cache's lock) and may
    /// send its result before the first load's is taken in (the loader
    /// still decodes the index, opens the annotations): that result reads
    /// the files after the change, and nothing reloads them again (the
    /// cache saw the change), so dropping it left the edit unseen.
    #[test]
    fn a_reload_that_arrives_before_the_first_load_is_taken_in_after_it() {
        let mut state = State::new(
            crate::app::keymap::Keymap::default_map(),
            crate::app::state::Phase::Loading {
                label: String::new(),
                progress: Default::default(),
            },
        );
        update(&mut state, Action::Resize(120, 40));
        let mut edited = sample_in_dir();
        edited.corpus.articles[0].title = "Titre édité".into();
        let reload = Reloaded {
            result: Ok(edited),
            what: "articles/a.md".into(),
        };
        update(&mut state, Action::Reloaded(Box::new(reload)));
        update(&mut state, Action::Loaded(Box::new(Ok(sample_in_dir()))));
        assert_eq!(state.corpus.articles[0].title, "Titre édité");
        assert_eq!(state.message.as_deref(), Some("Reloaded articles/a.md."));
    }

    #[test]
    fn the_sample_cannot_be_reloaded_or_edited_and_says_how_to_copy_it() {
        let mut state = ready_state(embedded::load(&Progress::default()), 120, 40);
        for c in [Command::Reload, Command::Edit] {
            update(&mut state, Action::Command(c));
            assert!(state.effects.is_empty());
            assert!(state
                .message
                .as_deref()
                .unwrap()
                .contains("chronique sample DIR"));
        }
    }

    #[test]
    fn e_on_an_event_edits_the_timeline_at_that_event() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        update(&mut state, Action::Command(Command::Edit));
        let id = state
            .corpus
            .event(state.events.selected_event().unwrap())
            .id
            .clone();
        assert_eq!(
            state.effects,
            [Effect::Edit(EditTarget {
                path: PathBuf::from("corpus/timeline.yaml"),
                item: Some(EditItem::Event(id.to_string())),
            })]
        );
    }

    #[test]
    fn e_on_an_article_or_its_quote_edits_its_file_below_the_corpus() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        let a = crate::corpus::ArticleIx::new(1);
        let article = state.corpus.article(a).clone();
        crate::app::nav::open_article(&mut state, a, None);
        crate::app::nav::focus(&mut state, Pane::Article);
        let file = PathBuf::from("corpus").join(&article.path);
        assert!(file.starts_with("corpus/articles"), "{}", file.display());
        let target = |state: &State| edit_target(state).unwrap();
        assert_eq!(target(&state).path, file);
        assert_eq!(target(&state).item, None);
        state.article.quote = Some(crate::corpus::QuoteIx::new(0));
        assert_eq!(
            target(&state),
            EditTarget {
                path: file,
                item: Some(EditItem::Quote(article.quotes[0].id.to_string())),
            }
        );
    }

    /// The searcher's answer to a query asked before a reload is for the
    /// old index: shown under the new one, its rows point past it.
    #[test]
    fn an_answer_from_the_old_index_is_not_shown_after_a_reload() {
        use crate::search::{Index, Query, SearchOptions, SearchResult};
        use crossterm::event::{KeyCode, KeyEvent};
        let mut state = ready_state(sample_in_dir(), 120, 40);
        let old = Arc::new(Index::build(&state.corpus));
        update(&mut state, Action::IndexReady(old.clone()));
        update(&mut state, Action::Command(Command::Search));
        for c in "parler".chars() {
            update(&mut state, Action::Key(KeyEvent::from(KeyCode::Char(c))));
        }
        state.effects.clear();
        let query = Query::parse("parler", SearchOptions::default());
        let never = std::sync::atomic::AtomicBool::new(false);
        let hits = old.search(&query, &never).unwrap();
        crate::app::overlay::views::tests::reload_without_first_article(&mut state);
        let late = SearchResult {
            generation: 0,
            query,
            hits: Arc::new(hits),
            reused: false,
        };
        update(&mut state, Action::SearchResults(late));
        let new = Arc::new(Index::build(&state.corpus));
        update(&mut state, Action::IndexReady(new.clone()));
        let Some(Overlay::Search(popup)) = &state.overlay else {
            panic!("the search popup stays open");
        };
        assert!(
            popup.results.iter().all(|h| (h.item as usize) < new.len()),
            "rows of the old index are shown under the new one"
        );
    }

    /// `Ctrl-o` limits the search to the article open: after a reload that
    /// moves the articles, it is still that article (by id), not the one
    /// now at its old index.
    #[test]
    fn the_search_stays_limited_to_the_same_article_across_a_reload() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        let second = ArticleIx::new(1);
        nav::open_article(&mut state, second, None);
        let id = state.corpus.article(second).id.to_string();
        update(&mut state, Action::Command(Command::Search));
        let ctrl_o = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('o'),
            crossterm::event::KeyModifiers::CONTROL,
        );
        update(&mut state, Action::Key(ctrl_o));
        crate::app::overlay::views::tests::reload_without_first_article(&mut state);
        let Some(Overlay::Search(popup)) = &state.overlay else {
            panic!("the search popup stays open");
        };
        let limited = popup
            .options()
            .article
            .map(|a| state.corpus.article(a).id.to_string());
        assert_eq!(limited, Some(id));
    }
}
