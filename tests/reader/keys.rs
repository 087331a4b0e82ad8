//! Key- and mouse-driven behaviour of the reader.

use crate::common::*;
use chronique::corpus::{ArticleIx, EventIx, QuoteIx, QuoteRef};
use chronique::reader::DetailsItem;
use chronique::reader::EventRow;
use chronique::reader::{self as app, Action, Command, MouseKind, Pane, State};
use chronique::reader::{to_action, AppEvent};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

fn select_event(state: &mut State, event: EventIx) {
    press(state, &[Command::FocusEvents, Command::Top]);
    while state.events.selected_event() != Some(event) {
        let before = state.events.selected;
        press(state, &[Command::Down]);
        assert_ne!(
            before, state.events.selected,
            "event {event:?} not reachable"
        );
    }
}

fn quote_is_visible(state: &State, q: QuoteIx) -> bool {
    let doc = state.article.doc.as_ref().unwrap();
    let line = doc.quote_line(q).unwrap();
    let h = state.pane_height(Pane::Article);
    line >= state.article.scroll && line < state.article.scroll + h
}

#[test]
fn enter_on_an_event_opens_its_first_source_at_the_cited_quote() {
    let mut state = sample_state(120, 40);
    let corpus = state.corpus.clone();
    let mut checked_quotes = 0;
    for (e, event) in corpus.indexed_events() {
        select_event(&mut state, e);
        press(&mut state, &[Command::Open]);
        let article = event.sources[0].article;
        let cited = event
            .sources
            .iter()
            .find(|s| s.article == article && s.quote.is_some());
        assert_eq!(state.article.open, Some(article), "{}", event.id);
        if let Some(cited) = cited {
            assert_eq!(
                state.article.quote, cited.quote,
                "{}: the cited quote",
                event.id
            );
        }
        let source = cited.copied().unwrap_or(event.sources[0]);
        assert_eq!(state.focus, Pane::Article);
        if let Some(q) = source.quote {
            assert!(
                quote_is_visible(&state, q),
                "{}: quote off screen",
                event.id
            );
            checked_quotes += 1;
        }
    }
    assert!(
        checked_quotes > 0,
        "the sample cites quotes first for some events"
    );
}

#[test]
fn n_and_shift_n_walk_the_quotes_in_reading_order_and_the_details_follow() {
    let mut state = sample_state(120, 40);
    let corpus = state.corpus.clone();
    let (a, article) = corpus
        .indexed_articles()
        .max_by_key(|(_, article)| article.quotes.len())
        .unwrap();
    chronique::reader::open_article(&mut state, a, None);
    press(&mut state, &[Command::FocusArticle, Command::Top]);
    let mut seen = Vec::new();
    loop {
        let before = state.article.quote;
        press(&mut state, &[Command::NextQuote]);
        if state.article.quote == before {
            break;
        }
        let q = state.article.quote.unwrap();
        assert!(quote_is_visible(&state, q));
        let doc = state.details.doc.as_ref().unwrap();
        let selected = &doc.items[state.details.selected.unwrap()].0;
        let quote = QuoteRef {
            article: a,
            quote: q,
        };
        assert_eq!(*selected, DetailsItem::Quote(quote));
        // Selecting a quote selects its event when it has one.
        let events = corpus.quote_events(quote);
        if !events.is_empty() {
            assert!(events.contains(&state.events.selected_event().unwrap()));
        }
        seen.push(q);
    }
    assert_eq!(seen.len(), article.quotes.len(), "every quote visited once");
    let starts: Vec<usize> = seen
        .iter()
        .map(|&q| article.quote(q).span.as_ref().unwrap().start)
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "reading order");
    assert_eq!(state.message.as_deref(), Some("Last quote of the article."));
    press(&mut state, &[Command::PrevQuote]);
    assert_eq!(state.article.quote, Some(seen[seen.len() - 2]));
}

#[test]
fn brackets_step_through_the_articles_reporting_the_event() {
    let mut state = sample_state(120, 40);
    let corpus = state.corpus.clone();
    let (e, event) = corpus
        .indexed_events()
        .max_by_key(|&(e, _)| corpus.event_articles(e).len())
        .unwrap();
    // In the order the event's sources list them, then the others.
    let mut articles: Vec<ArticleIx> = Vec::new();
    let sources = event.sources.iter().map(|s| s.article);
    for a in sources.chain(corpus.event_articles(e).iter().copied()) {
        if !articles.contains(&a) {
            articles.push(a);
        }
    }
    assert!(articles.len() >= 3);
    select_event(&mut state, e);
    chronique::reader::open_article(&mut state, articles[0], None);
    for &expected in &articles[1..] {
        press(&mut state, &[Command::NextArticle]);
        assert_eq!(state.article.open, Some(expected));
    }
    press(&mut state, &[Command::NextArticle]);
    assert_eq!(
        state.article.open,
        Some(*articles.last().unwrap()),
        "stops at the last"
    );
    press(&mut state, &[Command::PrevArticle]);
    assert_eq!(state.article.open, Some(articles[articles.len() - 2]));
}

#[test]
fn clicks_select_events_and_quotes_and_the_wheel_scrolls() {
    let mut state = sample_state(120, 40);
    let inner = state.layout.inner(Pane::Events).unwrap();
    // Click the third row (a row that is an event).
    let row = (0..state.events.rows.len())
        .find(|&r| r >= 2 && matches!(state.events.rows[r], EventRow::Event(_)))
        .unwrap();
    app::update(
        &mut state,
        Action::Mouse {
            kind: MouseKind::Click,
            col: inner.x + 3,
            row: inner.y + row as u16,
        },
    );
    assert_eq!(state.events.selected, Some(row));
    assert_eq!(state.focus, Pane::Events);

    // Click on the first quote visible in the article.
    press(&mut state, &[Command::Open, Command::FocusArticle]);
    let inner = state.layout.inner(Pane::Article).unwrap();
    let doc = state.article.doc.clone().unwrap();
    let (line, col, q) = (state.article.scroll..doc.lines.len())
        .find_map(|l| {
            let mut x = 0;
            for seg in &doc.lines[l].segs {
                if let Some(q) = seg.role.quote_ix() {
                    return Some((l, x, q));
                }
                x += unicode_width::UnicodeWidthStr::width(seg.text.as_str());
            }
            None
        })
        .unwrap();
    press(&mut state, &[Command::Top]);
    let row = inner.y + (line - state.article.scroll) as u16;
    app::update(
        &mut state,
        Action::Mouse {
            kind: MouseKind::Click,
            col: inner.x + col as u16,
            row,
        },
    );
    assert_eq!(state.article.quote, Some(q));

    let before = state.article.scroll;
    app::update(
        &mut state,
        Action::Mouse {
            kind: MouseKind::ScrollDown,
            col: inner.x + 1,
            row: inner.y + 1,
        },
    );
    assert_eq!(state.article.scroll, before + 3);
}

#[test]
fn key_releases_are_ignored() {
    let state = sample_state(120, 40);
    let key = |kind| {
        AppEvent::Input(Event::Key(KeyEvent {
            code: KeyCode::Char('j'),
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        }))
    };
    assert!(matches!(
        to_action(&state, key(KeyEventKind::Press)),
        Some(Action::Command(Command::Down))
    ));
    assert!(to_action(&state, key(KeyEventKind::Release)).is_none());
}

#[test]
fn popups_that_take_text_get_raw_keys_before_the_keymap() {
    let mut state = sample_state(120, 40);
    let j = AppEvent::Input(Event::Key(KeyEvent::new(
        KeyCode::Char('j'),
        KeyModifiers::NONE,
    )));
    assert!(matches!(
        to_action(&state, j),
        Some(Action::Command(Command::Down))
    ));
    press(&mut state, &[Command::Search]);
    let j = AppEvent::Input(Event::Key(KeyEvent::new(
        KeyCode::Char('j'),
        KeyModifiers::NONE,
    )));
    assert!(matches!(to_action(&state, j), Some(Action::Key(k)) if k.code == KeyCode::Char('j')));
}

#[test]
fn escape_closes_popups_and_q_quits() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::Help]);
    assert!(state.overlay.is_some());
    press(&mut state, &[Command::Down, Command::Close]);
    assert!(state.overlay.is_none());
    assert!(!state.quit);
    press(&mut state, &[Command::Quit]);
    assert!(state.quit);
}

#[test]
fn o_asks_for_the_browser_only_when_the_article_has_a_url() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::OpenUrl]);
    assert!(state.effects.is_empty());
    assert_eq!(state.message.as_deref(), Some("This article has no URL."));
}

/// The sample, with the article that opens first given `url`.
fn state_with_url(url: &str) -> State {
    let mut loaded = chronique::corpus::embedded::load(&chronique::corpus::Progress::default());
    for article in &mut loaded.corpus.articles {
        article.url = Some(url.to_string());
    }
    app::ready_state(loaded, 120, 40)
}

#[test]
fn o_opens_only_web_links_and_says_why_not() {
    for hostile in [
        "file:///etc/passwd",
        "/usr/bin/id",
        "../../../bin/sh",
        "javascript:alert(1)",
        "ssh://attacker.example/",
    ] {
        let mut state = state_with_url(hostile);
        press(&mut state, &[Command::OpenUrl]);
        assert!(state.effects.is_empty(), "{hostile} must not be opened");
        let message = state.message.as_deref().unwrap_or_default();
        assert!(
            message.starts_with(&format!("Not opened: {hostile}: ")),
            "{message}"
        );
    }
    let mut state = state_with_url("https://www.afp.com/fr/parler");
    press(&mut state, &[Command::OpenUrl]);
    assert!(matches!(
        state.effects.as_slice(),
        [app::Effect::OpenUrl(u)] if u == "https://www.afp.com/fr/parler"
    ));
}

fn copied(state: &State) -> Option<String> {
    state.effects.iter().find_map(|e| match e {
        app::Effect::Copy(text) => Some(text.clone()),
        _ => None,
    })
}

#[test]
fn y_copies_the_selected_quote_with_its_citation_and_capital_y_the_event() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusArticle, Command::NextQuote]);
    state.effects.clear();
    press(&mut state, &[Command::Copy]);
    let text = copied(&state).expect("y copies");
    let (a, q) = (state.article.open.unwrap(), state.article.quote.unwrap());
    let article = state.corpus.article(a);
    let quote = article.quote(q);
    assert!(text.starts_with("« "), "{text}");
    let words = quote.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.starts_with(&format!("« {words} » — ")), "{text}");
    for part in [&quote.speaker, &article.source].into_iter().flatten() {
        assert!(text.contains(part.as_str()), "{part}: {text}");
    }
    assert!(state
        .message
        .as_deref()
        .unwrap()
        .starts_with("Copied to the clipboard: « "));

    state.effects.clear();
    press(&mut state, &[Command::CopyEvent]);
    let text = copied(&state).expect("Y copies");
    let e = state.corpus.event(state.events.selected_event().unwrap());
    assert!(
        text.lines().next().unwrap().ends_with(e.title.as_str()),
        "{text}"
    );
    assert!(text.contains("\nSources:\n- "), "{text}");
}

#[test]
fn y_with_nothing_selected_says_so_and_copies_nothing() {
    let mut state = sample_state(120, 40);
    press(&mut state, &[Command::FocusArticle]);
    // The article opens with no quote selected.
    state.article.quote = None;
    state.effects.clear();
    press(&mut state, &[Command::Copy]);
    assert!(copied(&state).is_none());
    assert!(state
        .message
        .as_deref()
        .unwrap()
        .starts_with("Nothing to copy"));
}

#[test]
fn when_no_browser_opens_the_link_is_shown_and_copied() {
    let mut state = state_with_url("https://www.afp.com/fr/parler");
    state.effects.clear();
    app::update(
        &mut state,
        Action::OpenFailed {
            url: "https://www.afp.com/fr/parler".into(),
            error: "no opener found".into(),
        },
    );
    assert_eq!(
        copied(&state).as_deref(),
        Some("https://www.afp.com/fr/parler")
    );
    let message = state.message.as_deref().unwrap();
    assert!(
        message.contains("no opener found") && message.ends_with("https://www.afp.com/fr/parler"),
        "{message}"
    );
}

/// `n`/`N` start from the view, as in less or vim; an annotation key never
/// acts on a quote scrolled out of sight.
#[test]
fn quote_moves_and_annotation_keys_follow_the_view() {
    let mut state = sample_state(120, 40);
    press(
        &mut state,
        &[Command::FocusArticle, Command::Top, Command::NextQuote],
    );
    let first = state.article.quote.unwrap();
    assert!(quote_is_visible(&state, first));
    press(&mut state, &[Command::Bottom]);
    assert!(!quote_is_visible(&state, first), "scrolled away");
    press(&mut state, &[Command::ToggleStar]);
    let message = state.message.clone().unwrap_or_default();
    assert!(message.contains("not in view"), "{message}");
    assert!(
        state.notes.data.quotes.is_empty(),
        "nothing starred off-screen"
    );
    // N from the bottom selects the last quote on screen, not the one after
    // the far-off selection.
    press(&mut state, &[Command::PrevQuote]);
    let q = state.article.quote.unwrap();
    assert!(q > first && quote_is_visible(&state, q), "{q:?}");
    press(&mut state, &[Command::ToggleStar]);
    assert_eq!(state.notes.data.quotes.len(), 1);
}
