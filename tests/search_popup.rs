//! The search popup, driven by keys. The runtime's background searcher is
//! replaced by a synchronous search whose results are fed back as actions.

mod common;
use chronique::app::state::Overlay;
use chronique::app::{self, Action, Command, Pane, State};
use chronique::search::{Index, Query, ReaderTags, SearchResult, WordValues};
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
        if let chronique::app::state::Effect::Search {
            input,
            options,
            annotations,
        } = effect
        {
            let query = Query::parse(&input, options);
            let tags = ReaderTags::from_annotations(&annotations);
            let kept = &mut WordValues::default();
            let never = AtomicBool::new(false);
            let hits = index.search_with(&query, &tags, kept, &never).unwrap();
            let result = SearchResult {
                generation: 0,
                query,
                hits: Arc::new(hits),
                reused: false,
            };
            app::update(state, Action::SearchResults(result));
        }
    }
}

fn searching_state() -> State {
    let mut state = sample_state(120, 40);
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

#[test]
fn typing_letter_by_letter_shows_the_best_result_of_the_query_on_top() {
    // Each letter answered before the next, as when typing slowly: the
    // selection used to stay on an early result, scrolling the best ones
    // out of sight.
    let mut state = searching_state();
    for c in "tuer entreprise".chars() {
        key(&mut state, KeyCode::Char(c));
        let p = popup(&state);
        assert_eq!((p.selected, p.offset), (0, 0), "{:?}", p.text());
    }
    let p = popup(&state);
    assert!(p.is_current());
    let index = state.search_index.clone().unwrap();
    assert_eq!(index.item(p.results[0].item).id, "afp-2021-01-11#q2");
    let screen = render(&state).backend().to_string();
    let first_row = screen
        .lines()
        .find(|l| l.contains("[quote]") || l.contains("[para]"))
        .unwrap_or_default();
    assert!(first_row.contains("[quote]"), "{screen}");
}

#[test]
fn ctrl_t_toggles_exact_mode_and_ctrl_o_the_open_article() {
    let mut state = searching_state();
    typed(&mut state, "q:srvrs");
    assert!(!popup(&state).results.is_empty(), "fuzzy inside a word");
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    app::update(&mut state, Action::Key(ctrl('t')));
    answer(&mut state);
    assert!(popup(&state).exact && popup(&state).results.is_empty());
    assert!(render(&state).backend().to_string().contains(" exact "));
    app::update(&mut state, Action::Key(ctrl('t')));
    answer(&mut state);
    let everywhere = popup(&state).results.len();
    let article = state.article.open.expect("an article is open");
    app::update(&mut state, Action::Key(ctrl('o')));
    answer(&mut state);
    let p = popup(&state);
    assert!(p.in_article && p.results.len() < everywhere);
    let index = state.search_index.clone().unwrap();
    assert!(p.results.iter().all(|h| match index.item(h.item).target {
        chronique::search::Target::Quote(q) => q.article == article,
        _ => false,
    }));
    assert!(render(&state)
        .backend()
        .to_string()
        .contains(" this article "));
}

#[test]
fn hash_tag_finds_what_the_reader_tagged() {
    let mut state = searching_state();
    let mut annotations = (*state.notes.data).clone();
    let note = chronique::annotations::Note {
        tags: vec!["à-vérifier".into()],
        ..Default::default()
    };
    annotations.quotes.insert("afp-2021-01-11#q2".into(), note);
    state.notes.data = Arc::new(annotations);
    typed(&mut state, "#a-verif");
    let p = popup(&state);
    let index = state.search_index.clone().unwrap();
    let ids: Vec<&str> = p.results.iter().map(|h| index.item(h.item).id).collect();
    assert_eq!(ids, ["afp-2021-01-11#q2"]);
}
