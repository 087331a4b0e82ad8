//! The search popup, driven by keys. The runtime's background searcher is
//! replaced by a synchronous search whose results are fed back as actions.

mod common;
use chronique::app::state::Overlay;
use chronique::app::{self, Action, Command, Pane, State};
use chronique::search::{Index, Query, SearchResult};
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

fn key(state: &mut State, code: KeyCode) {
    app::update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    answer(state);
}

fn typed(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c));
    }
}

/// Performs the searches `update` asked for, as the runtime would.
fn answer(state: &mut State) {
    let index = state.search_index.clone().unwrap();
    let effects: Vec<_> = state.effects.drain(..).collect();
    for effect in effects {
        if let chronique::app::state::Effect::Search { input, scope } = effect {
            let query = Query::parse(&input, scope);
            let hits = index
                .search(&query, None, usize::MAX, &AtomicBool::new(false))
                .unwrap();
            let result = SearchResult {
                generation: 0,
                query,
                hits: Arc::new(hits),
                narrowed: false,
                reused: false,
            };
            app::update(state, Action::SearchResults(result));
        }
    }
}

fn searching_state() -> State {
    searching_state_at(120, 40)
}

fn searching_state_at(width: u16, height: u16) -> State {
    let mut state = sample_state(width, height);
    let index = Arc::new(Index::build(&state.corpus));
    app::update(&mut state, Action::IndexReady(index));
    press(&mut state, &[Command::Search]);
    state
}

fn popup(state: &State) -> &chronique::app::search_view::SearchPopup {
    match &state.overlay {
        Some(Overlay::Search(p)) => p,
        _ => panic!("the search popup is not open"),
    }
}

#[test]
fn typing_a_query_and_picking_a_quote_lands_on_it_in_the_article() {
    let mut state = searching_state();
    // Unaccented, with an ASCII apostrophe: the text has « tuer l’entreprise ».
    typed(&mut state, "q:tuer l'entreprise");
    let p = popup(&state);
    assert!(p.is_current());
    assert!(!p.results.is_empty(), "no result");
    let index = state.search_index.clone().unwrap();
    let first = index.item(p.results[0].item);
    assert!(first.text.contains("tuer l’entreprise"), "{}", first.text);
    let chronique::search::Target::Quote(q) = first.target.clone() else {
        panic!("q: gives quotes only")
    };
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, Pane::Article);
    assert_eq!(state.article.open, Some(q.article));
    assert_eq!(state.article.quote, Some(q.quote));
    let doc = state.article.doc.as_ref().unwrap();
    let line = doc.quote_lines[q.quote].unwrap();
    assert!(
        line >= state.article.scroll
            && line < state.article.scroll + state.pane_height(Pane::Article)
    );
}

#[test]
fn accents_fold_and_tab_cycles_the_scope() {
    let mut state = searching_state();
    typed(&mut state, "evenement");
    let all = popup(&state).results.len();
    assert!(all > 0);
    let index = state.search_index.clone().unwrap();
    assert!(popup(&state).results.iter().any(|h| index
        .item(h.item)
        .text
        .to_lowercase()
        .contains("événement")));
    key(&mut state, KeyCode::Tab); // quotes
    let quotes = popup(&state).results.clone();
    assert!(quotes.len() < all);
    assert!(quotes
        .iter()
        .all(|h| index.item(h.item).kind == chronique::search::Kind::Quote));
}

#[test]
fn esc_closes_and_leaves_the_reader_where_it_was() {
    let mut state = searching_state();
    let (open, scroll, event) = (
        state.article.open,
        state.article.scroll,
        state.events.selected,
    );
    typed(&mut state, "amazon");
    key(&mut state, KeyCode::Down);
    key(&mut state, KeyCode::Esc);
    assert!(state.overlay.is_none());
    assert_eq!(
        (
            state.article.open,
            state.article.scroll,
            state.events.selected
        ),
        (open, scroll, event)
    );
}

#[test]
fn picking_an_event_selects_it_and_a_paragraph_opens_its_article_there() {
    let mut state = searching_state();
    typed(&mut state, "e:rothstein");
    key(&mut state, KeyCode::Enter);
    let e = state.events.selected_event().unwrap();
    assert!(state.corpus.events[e].title.contains("Rothstein"));
    assert_eq!(state.focus, Pane::Events);

    press(&mut state, &[Command::Search]);
    typed(&mut state, "p:Rebekah Mercer");
    let index = state.search_index.clone().unwrap();
    let hit = popup(&state).results[0];
    let chronique::search::Target::Paragraph { article, span } =
        index.item(hit.item).target.clone()
    else {
        panic!("p: gives paragraphs only")
    };
    assert!(state.corpus.articles[article].body[span.clone()].contains("Rebekah Mercer"));
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.article.open, Some(article));
    let doc = state.article.doc.as_ref().unwrap();
    let line = doc.line_for_offset(span.start);
    let h = state.pane_height(Pane::Article);
    assert!(
        line >= state.article.scroll && line < state.article.scroll + h,
        "paragraph start not in view"
    );
}

#[test]
fn popup_snapshot() {
    let mut state = searching_state();
    typed(&mut state, "deja");
    insta::assert_snapshot!(render(&state).backend());
}

/// Whether a result row drawn with the selection's style is on screen.
fn selected_row_shown(state: &State) -> bool {
    let selection = chronique::theme::Theme::default().selection;
    let t = render(state);
    let buf = t.backend().buffer();
    (0..buf.area.height).any(|y| {
        (0..buf.area.width.saturating_sub(1)).any(|x| {
            let cell = &buf[(x, y)];
            cell.symbol() == "["
                && buf[(x + 1, y)].symbol() != " "
                && cell.bg == selection.bg.unwrap()
        })
    })
}

#[test]
fn the_list_scrolls_by_the_rows_drawn_so_the_selection_stays_in_view() {
    let mut state = searching_state_at(100, 14);
    typed(&mut state, "deja");
    let n = popup(&state).results.len();
    assert!(n > 20, "{n} results");
    for down in 1..=20 {
        key(&mut state, KeyCode::Down);
        assert_eq!(popup(&state).selected, down);
        assert!(selected_row_shown(&state), "not in view after {down} ↓");
    }
    key(&mut state, KeyCode::PageDown);
    assert!(selected_row_shown(&state), "not in view after PgDn");
    for up in 1..=20 {
        key(&mut state, KeyCode::Up);
        assert!(selected_row_shown(&state), "not in view after {up} ↑");
    }
    // A terminal made shorter keeps the selection in view too.
    let mut state = searching_state_at(120, 40);
    typed(&mut state, "deja");
    for _ in 0..20 {
        key(&mut state, KeyCode::Down);
    }
    app::update(&mut state, Action::Resize(100, 14));
    assert!(selected_row_shown(&state), "not in view after the resize");
    key(&mut state, KeyCode::Down);
    assert!(
        selected_row_shown(&state),
        "not in view after ↓ once resized"
    );
}
