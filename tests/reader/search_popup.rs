//! The search popup, driven by keys. The runtime's background searcher is
//! replaced by a synchronous search whose results are fed back as actions.

use crate::common::*;
use chronique::reader::{self as app, Action, Command, Pane, State};
use chronique::reader::{Effect, Overlay};
use chronique::search::{Index, Query, ReaderTags, SearchResult, WordValues};
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

fn key_with(state: &mut State, code: KeyCode, modifiers: KeyModifiers) {
    app::update(state, Action::Key(KeyEvent::new(code, modifiers)));
    answer(state);
}

/// Performs the searches `update` asked for, as the runtime would; the
/// other effects stay for the test to see.
fn answer(state: &mut State) {
    let index = state.search_index.clone().unwrap();
    let effects: Vec<_> = state.effects.drain(..).collect();
    for effect in effects {
        if let Effect::Search {
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
        } else {
            state.effects.push(effect);
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

fn popup(state: &State) -> &chronique::reader::SearchPopup {
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
    let chronique::search::HitTarget::Quote(q) = first.target.clone() else {
        panic!("q: gives quotes only")
    };
    key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none());
    assert_eq!(state.focus, Pane::Article);
    assert_eq!(state.article.open, Some(q.article));
    assert_eq!(state.article.quote, Some(q.quote));
    let doc = state.article.doc.as_ref().unwrap();
    let line = doc.quote_line(q.quote).unwrap();
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
    assert!(state.corpus.event(e).title.contains("Rothstein"));
    assert_eq!(state.focus, Pane::Events);

    press(&mut state, &[Command::Search]);
    typed(&mut state, "p:Rebekah Mercer");
    let index = state.search_index.clone().unwrap();
    let hit = popup(&state).results[0];
    let chronique::search::HitTarget::Paragraph { article, span } =
        index.item(hit.item).target.clone()
    else {
        panic!("p: gives paragraphs only")
    };
    assert!(state.corpus.article(article).body[span.clone()].contains("Rebekah Mercer"));
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
    typed(&mut state, "parler");
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
    typed(&mut state, "parler");
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

/// The histories the update asked the runtime to save, in order.
fn saved_histories(state: &mut State) -> Vec<Vec<String>> {
    let effects: Vec<_> = state.effects.drain(..).collect();
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::SaveSearchHistory(h) => Some(h.queries),
            _ => None,
        })
        .collect()
}

#[test]
fn searches_go_to_the_history_and_alt_p_alt_n_walk_it() {
    let mut state = searching_state();
    typed(&mut state, "préavis");
    key(&mut state, KeyCode::Enter);
    assert_eq!(saved_histories(&mut state), [vec!["préavis".to_string()]]);
    press(&mut state, &[Command::Search]);
    typed(&mut state, "tuer");
    key(&mut state, KeyCode::Esc);
    assert_eq!(saved_histories(&mut state), [vec!["préavis", "tuer"]]);
    // The same query again is not saved again.
    press(&mut state, &[Command::Search]);
    typed(&mut state, "tuer");
    key(&mut state, KeyCode::Esc);
    assert!(saved_histories(&mut state).is_empty());

    press(&mut state, &[Command::Search]);
    let alt = KeyModifiers::ALT;
    // ↑ on an empty line brings the last search back, with its results.
    key(&mut state, KeyCode::Up);
    assert_eq!(popup(&state).text(), "tuer");
    assert!(popup(&state).is_current() && !popup(&state).results.is_empty());
    key_with(&mut state, KeyCode::Char('p'), alt);
    assert_eq!(popup(&state).text(), "préavis");
    key_with(&mut state, KeyCode::Char('p'), alt);
    assert_eq!(popup(&state).text(), "préavis", "the oldest stays");
    key_with(&mut state, KeyCode::Char('n'), alt);
    assert_eq!(popup(&state).text(), "tuer");
    key_with(&mut state, KeyCode::Char('n'), alt);
    assert_eq!(popup(&state).text(), "", "back to what was typed");
    // What was typed comes back after the walk, and ↑ on a typed line
    // chooses a result instead.
    typed(&mut state, "amazon");
    key_with(&mut state, KeyCode::Char('p'), alt);
    assert_eq!(popup(&state).text(), "tuer");
    key_with(&mut state, KeyCode::Char('n'), alt);
    assert_eq!(popup(&state).text(), "amazon");
    key(&mut state, KeyCode::Down);
    key(&mut state, KeyCode::Up);
    assert_eq!(popup(&state).text(), "amazon");
    assert_eq!(popup(&state).selected, 0);
}

#[test]
fn readline_keys_edit_the_query_and_search_again() {
    let mut state = searching_state();
    let ctrl = KeyModifiers::CONTROL;
    typed(&mut state, "couper les ponts");
    key_with(&mut state, KeyCode::Char('w'), ctrl);
    assert_eq!(popup(&state).text(), "couper les ");
    assert!(popup(&state).is_current(), "the edit is searched");
    key_with(&mut state, KeyCode::Char('b'), KeyModifiers::ALT);
    key_with(&mut state, KeyCode::Char('u'), ctrl);
    assert_eq!(popup(&state).text(), "les ");
    key_with(&mut state, KeyCode::Char('e'), ctrl);
    typed(&mut state, "ponts");
    assert_eq!(popup(&state).text(), "les ponts");
    assert!(popup(&state).is_current());
}

#[test]
fn after_jumping_to_a_paragraph_its_matched_words_are_marked_until_the_next_move() {
    let mut state = searching_state();
    typed(&mut state, "p:Rebekah Mercer");
    let index = state.search_index.clone().unwrap();
    let hit = popup(&state).results[0];
    let chronique::search::HitTarget::Paragraph { article, .. } =
        index.item(hit.item).target.clone()
    else {
        panic!("p: gives paragraphs only")
    };
    key(&mut state, KeyCode::Enter);
    let body = &state.corpus.article(article).body;
    let marked: Vec<&str> = state
        .article
        .search_hits
        .iter()
        .map(|r| &body[r.clone()])
        .collect();
    assert!(marked.concat().contains("Rebekah"), "{marked:?}");
    assert!(
        marked_on_screen(&state),
        "no matched word drawn in the article"
    );
    let scroll = state.article.scroll;
    press(&mut state, &[Command::FocusEvents]);
    assert!(state.article.search_hits.is_empty());
    assert!(!marked_on_screen(&state));
    assert_eq!(state.article.scroll, scroll, "forgetting does not scroll");
}

#[test]
fn after_jumping_to_a_quote_the_words_matched_in_it_are_marked() {
    let mut state = searching_state();
    typed(&mut state, "q:tuer entreprise");
    key(&mut state, KeyCode::Enter);
    let a = state.article.open.unwrap();
    let q = state.article.quote.unwrap();
    let span = state.corpus.article(a).quote(q).span.clone().unwrap();
    let body = &state.corpus.article(a).body;
    assert!(!state.article.search_hits.is_empty());
    for r in &state.article.search_hits {
        assert!(
            span.start <= r.start && r.end <= span.end,
            "{r:?} outside the quote"
        );
    }
    let marked: String = state
        .article
        .search_hits
        .iter()
        .map(|r| &body[r.clone()])
        .collect();
    assert!(marked.contains("tuer"), "{marked}");
    assert!(marked_on_screen(&state));
}

/// Whether the article pane draws a cell in the search-match style.
fn marked_on_screen(state: &State) -> bool {
    let theme = chronique::theme::Theme::default();
    let inner = state.pane_inner(Pane::Article).unwrap();
    let t = render(state);
    let buf = t.backend().buffer();
    (inner.top()..inner.bottom()).any(|y| {
        (inner.left()..inner.right()).any(|x| {
            let cell = &buf[(x, y)];
            cell.fg == theme.search_match.fg.unwrap()
                && cell.modifier.contains(ratatui::style::Modifier::UNDERLINED)
        })
    })
}

#[test]
fn the_preview_shows_the_selected_result_beside_or_under_the_list() {
    // Beside at 120 columns: the paragraph around the hit, with its article.
    let mut state = searching_state();
    typed(&mut state, "p:Rebekah Mercer");
    let text = screen_text(&state);
    let row = text.lines().find(|l| l.contains("[para]")).unwrap();
    let beside = row.split('│').nth(2).unwrap_or("");
    assert!(!beside.trim().is_empty(), "nothing beside the list: {row}");
    assert!(text.contains("Rebekah"));
    // A quote: its speaker and its article's title.
    let mut state = searching_state_at(80, 24);
    typed(&mut state, "q:tuer entreprise");
    let index = state.search_index.clone().unwrap();
    let chronique::search::HitTarget::Quote(q) =
        index.item(popup(&state).results[0].item).target.clone()
    else {
        panic!("q: gives quotes only")
    };
    let speaker = state.corpus.quote(q).speaker.clone().unwrap();
    // Under the list at 80 columns: below the rule that ends the list.
    let text = screen_text(&state);
    let rule = text
        .lines()
        .position(|l| l.contains(&"─".repeat(40)) && !l.contains('╭') && !l.contains('╰'))
        .unwrap_or_else(|| panic!("no rule under the list:\n{text}"));
    let preview: Vec<&str> = text.lines().skip(rule + 1).collect();
    assert!(preview.concat().contains(speaker.as_str()), "{text}");
    // An event: its summary.
    let mut state = searching_state();
    typed(&mut state, "e:rothstein");
    let index = state.search_index.clone().unwrap();
    let chronique::search::HitTarget::Event(e) =
        index.item(popup(&state).results[0].item).target.clone()
    else {
        panic!("e: gives events only")
    };
    let summary = state.corpus.event(e).summary.clone().unwrap();
    let first_words: String = summary
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(screen_text(&state).contains(&first_words), "{first_words}");
}

#[test]
fn the_popup_draws_at_any_size_without_panicking() {
    let mut state = searching_state();
    typed(&mut state, "deja");
    key(&mut state, KeyCode::Down);
    for (w, h) in [
        (120, 40),
        (100, 14),
        (80, 24),
        (50, 15),
        (40, 12),
        (20, 5),
        (12, 4),
        (1, 1),
        (0, 0),
        (300, 3),
        (3, 300),
        (160, 50),
    ] {
        app::update(&mut state, Action::Resize(w, h));
        let text = screen_text(&state);
        assert_eq!(text.lines().count(), usize::from(h));
        key(&mut state, KeyCode::PageDown);
        key(&mut state, KeyCode::Down);
        screen_text(&state);
    }
}

#[test]
fn popup_snapshots_at_small_sizes() {
    for (w, h) in [(80, 24), (50, 15), (100, 14)] {
        let mut state = searching_state_at(w, h);
        typed(&mut state, "q:tuer entreprise");
        insta::assert_snapshot!(format!("popup_{w}x{h}"), render(&state).backend());
    }
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
        chronique::search::HitTarget::Quote(q) => q.article == article,
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

/// An answer that arrives after the line was cleared (or for a popup
/// closed and opened again) is not shown under the empty line.
#[test]
fn a_late_answer_is_not_shown_under_an_empty_line() {
    let mut state = searching_state();
    typed(&mut state, "parler");
    assert!(!popup(&state).results.is_empty());
    press(&mut state, &[Command::Close, Command::Search]);
    let index = state.search_index.clone().unwrap();
    let query = Query::parse("parler", chronique::search::SearchOptions::default());
    let hits = index.search(&query, &AtomicBool::new(false)).unwrap();
    let late = SearchResult {
        generation: 0,
        query,
        hits: Arc::new(hits),
        reused: false,
    };
    app::update(&mut state, Action::SearchResults(late));
    assert!(popup(&state).results.is_empty());
}

/// Issue 15 item 4: `m` right after jumping to a search hit starts the
/// passage at the hit, not at the top line of the screen.
#[test]
fn marking_after_a_jump_starts_at_the_search_hit() {
    let mut state = searching_state();
    typed(&mut state, "p:Rebekah Mercer");
    key(&mut state, KeyCode::Enter);
    let hit = state.article.search_hits[0].clone();
    let a = state.article.open.unwrap();
    assert_eq!(state.focus, Pane::Article, "the jump focuses the article");
    press(&mut state, &[Command::MarkPassage]);
    let Some(Overlay::Select(sel)) = &state.overlay else {
        panic!("not marking: {:?}", state.message)
    };
    assert_eq!(sel.article, a);
    assert_eq!(sel.range.start, hit.start, "starts at the hit");
    let body = &state.corpus.article(a).body;
    assert!(body[sel.range.clone()].starts_with("Rebekah"));
}
