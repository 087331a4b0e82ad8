//! `A`: every article in one list, sorted by date or outlet; Enter opens
//! the selected one as opening it from an event does.

use super::list_keys;
use crate::app::action::{Command, Pane};
use crate::app::nav;
use crate::app::state::articles::{ArticleList, ArticleRow, ArticleSort};
use crate::app::state::{Overlay, State};
use crate::corpus::Corpus;
use crate::view::details::DetailsMode;

/// Opens the list, the open article selected (else the first row).
pub fn open(state: &mut State) {
    let mut list = ArticleList {
        rows: Vec::new(),
        sort: ArticleSort::default(),
        selected: state.article.open,
    };
    build(&state.corpus, &mut list);
    state.overlay = Some(Overlay::Articles(Box::new(list)));
}

/// Fills `list.rows` from the corpus in its sort order, and selects the
/// first row if its selection is gone.
pub fn build(corpus: &Corpus, list: &mut ArticleList) {
    let mut rows: Vec<ArticleRow> = corpus
        .indexed_articles()
        .map(|(a, article)| ArticleRow {
            article: a,
            published: article.published,
            outlet: article.source.as_deref().unwrap_or_default().to_string(),
            title: article.title.clone(),
            quotes: article.quotes.len(),
            events: corpus
                .article_events(a)
                .iter()
                .map(|&e| corpus.event(e).title.to_string())
                .collect(),
        })
        .collect();
    // Articles come sorted oldest first; the list shows the newest first.
    rows.reverse();
    if list.sort == ArticleSort::Outlet {
        // Stable: newest first within an outlet; those naming none last.
        rows.sort_by_cached_key(|r| (r.outlet.is_empty(), crate::search::fold::fold(&r.outlet)));
    }
    list.rows = rows;
    if list.selected_row().is_none() {
        list.selected = list.rows.first().map(|r| r.article);
    }
}

fn list(state: &mut State) -> Option<&mut ArticleList> {
    match &mut state.overlay {
        Some(Overlay::Articles(list)) => Some(list),
        _ => None,
    }
}

pub fn command(state: &mut State, c: Command) {
    let page = list_keys::page(state);
    let corpus = state.corpus.clone();
    let Some(list) = list(state) else {
        return;
    };
    if let Some(delta) = list_keys::list_delta(c, page) {
        let at = list_keys::moved(list.selected_row().unwrap_or(0), delta, list.rows.len());
        list.selected = list.rows.get(at).map(|r| r.article);
        return;
    }
    match c {
        Command::Sort => {
            list.sort = list.sort.next();
            build(&corpus, list);
        }
        Command::Open => {
            let Some(article) = list.selected else {
                return;
            };
            state.overlay = None;
            state.focus = Pane::Article;
            state.details.mode = Some(DetailsMode::Quotes(article));
            nav::open_article(state, article, None);
        }
        Command::Close | Command::AllArticles | Command::Help => state.overlay = None,
        _ => {}
    }
}

/// After a reload: the rows from the new corpus, the same article selected
/// (by id) if it is still there.
pub fn reloaded(state: &mut State, old: &Corpus) {
    let corpus = state.corpus.clone();
    let Some(list) = list(state) else {
        return;
    };
    list.selected = list
        .selected
        .and_then(|a| old.get_article(a))
        .and_then(|article| corpus.article_index(&article.id));
    build(&corpus, list);
}

#[cfg(test)]
mod tests {
    use crate::app::state::articles::ArticleSort;
    use crate::app::state::Overlay;
    use crate::app::{ready_state, update, Action, Command, Pane, State};
    use crate::corpus::{embedded, Progress};

    fn opened() -> State {
        let mut state = ready_state(embedded::load(&Progress::default()), 120, 40);
        update(&mut state, Action::Command(Command::AllArticles));
        state
    }

    fn list(state: &State) -> &crate::app::state::articles::ArticleList {
        match &state.overlay {
            Some(Overlay::Articles(list)) => list,
            other => panic!("not the articles list: {other:?}"),
        }
    }

    #[test]
    fn the_list_has_every_article_newest_first_and_sorts_by_outlet() {
        let state = opened();
        let rows = &list(&state).rows;
        assert_eq!(rows.len(), state.corpus.articles.len());
        assert!(rows.windows(2).all(|w| w[0].published >= w[1].published));
        let mut state = state;
        update(&mut state, Action::Command(Command::Sort));
        let l = list(&state);
        assert_eq!(l.sort, ArticleSort::Outlet);
        // Those naming no outlet last.
        let outlets: Vec<(bool, String)> = l
            .rows
            .iter()
            .map(|r| (r.outlet.is_empty(), crate::search::fold::fold(&r.outlet)))
            .collect();
        let mut sorted = outlets.clone();
        sorted.sort();
        assert_eq!(outlets, sorted);
        assert!(outlets.first().is_some_and(|(none, _)| !none));
    }

    #[test]
    fn enter_opens_the_selected_article_and_a_sort_keeps_the_selection() {
        let mut state = opened();
        update(&mut state, Action::Command(Command::Down));
        update(&mut state, Action::Command(Command::Down));
        let chosen = list(&state).selected.unwrap();
        update(&mut state, Action::Command(Command::Sort));
        assert_eq!(list(&state).selected, Some(chosen), "the sort keeps it");
        update(&mut state, Action::Command(Command::Open));
        assert!(state.overlay.is_none());
        assert_eq!(state.focus, Pane::Article);
        assert_eq!(state.article.open, Some(chosen));
    }

    #[test]
    fn a_reload_under_the_open_list_keeps_it_and_its_article() {
        let mut state = opened();
        // The oldest but one (the oldest goes away).
        update(&mut state, Action::Command(Command::Bottom));
        update(&mut state, Action::Command(Command::Up));
        let chosen = list(&state).selected.unwrap();
        let id = state.corpus.article(chosen).id.clone();
        // The new corpus lacks the first article: every index moves.
        crate::app::overlay::views::tests::reload_without_first_article(&mut state);
        let l = list(&state);
        assert_eq!(l.rows.len(), state.corpus.articles.len());
        let now = l.selected.unwrap();
        assert_eq!(state.corpus.article(now).id, id);
        update(&mut state, Action::Command(Command::Open));
        assert_eq!(state.article.open, Some(now));
    }
}
