//! Live reload of edited articles without loading the corpus again: the
//! corpus shown is copied (its items are shared, see
//! [`super::shared::Shared`]), each edited article is parsed and put in
//! place of its old version, and only what it can change is checked and
//! linked again: its own diagnostics, its events' lists of articles and
//! quotes, and those events' sources. The result is the corpus a full load
//! of the files gives, or `None` when the edit can change more than that
//! (a new, removed or renamed file, a changed id, date or quote ids, which
//! move articles or change what the timeline's sources point at): the
//! caller then loads the corpus whole.

use super::ix::{ArticleIx, EventIx, QuoteIx};
use super::last_good::LastGood;
use super::load::{display_root, is_symlink, open, parse_input, unknown_event_diagnostics, Loaded};
use super::model::{list_quotes_naming, Article, ArticleLinks, Corpus, QuoteRef};
use super::parse::{parse_article, ArticleFile};
use super::reuse::{self, Reuse};
use crate::diagnostic::{self, Diagnostic};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// `previous` (a load of `dir`, changed in place) with the articles at `changed` (paths
/// relative to `dir`) read again through `reuse`, as [`super::load`]
/// would load them; `None` when that needs a full load.
pub(crate) fn patch_articles(
    dir: &Path,
    previous: Loaded,
    changed: &[PathBuf],
    last_good: Option<&LastGood>,
    reuse: &dyn Reuse,
) -> Option<Loaded> {
    let shown_root = display_root(dir);
    let articles_dir_is_link = is_symlink(&dir.join("articles"));
    let mut loaded = previous;
    for relative in changed {
        if !is_article_path(relative) {
            return None;
        }
        // Only an article the corpus holds: one that had no article, or
        // whose id an earlier file took, changes the list of articles.
        let a = loaded
            .corpus
            .articles
            .iter()
            .position(|x| x.path == *relative)?;
        let via_link = articles_dir_is_link || is_symlink(&dir.join(relative));
        let input = open(dir, relative, &shown_root, false, Some(reuse), via_link).ok()?;
        let file = parse_input(input, Some(reuse), last_good, parse_article, |a| {
            &mut a.diagnostics
        });
        replace(&mut loaded, ArticleIx::new(a), file)?;
    }
    Some(loaded)
}

/// `articles/NAME.md`.
fn is_article_path(relative: &Path) -> bool {
    let parts: Vec<Component> = relative.components().collect();
    match parts.as_slice() {
        [Component::Normal(folder), Component::Normal(name)] => {
            *folder == "articles" && reuse::is_article_name(&name.to_string_lossy())
        }
        _ => false,
    }
}

/// Puts `file`'s article at `a`, when it stays there and cites and is
/// cited as before: the same id and date (the articles' order), the same
/// quote ids (what the timeline's sources resolve to).
fn replace(loaded: &mut Loaded, a: ArticleIx, mut file: ArticleFile) -> Option<()> {
    let corpus = &mut loaded.corpus;
    let old = corpus.article(a);
    let new = file.article.as_ref()?;
    let same_place = new.id == old.id
        && new.published == old.published
        && new.quotes.len() == old.quotes.len()
        && new
            .quotes
            .iter()
            .zip(&old.quotes)
            .all(|(n, o)| n.id == o.id);
    if !same_place {
        return None;
    }
    let event_by_id = corpus.links.event_by_id.clone();
    let mut diagnostics = std::mem::take(&mut file.diagnostics);
    diagnostics.extend(unknown_event_diagnostics(&mut file, |id| {
        event_by_id.contains_key(id)
    }));
    replace_diagnostics(&mut loaded.diagnostics, &file.path, diagnostics);
    relink(corpus, a, file.article?);
    Some(())
}

/// The diagnostics of the file `path` in `all` (sorted by
/// [`diagnostic::sort`]) become `now`, in the order a full load sorts
/// them: a file's diagnostics are all at its path, and the sort is stable.
fn replace_diagnostics(all: &mut Vec<Diagnostic>, path: &Path, mut now: Vec<Diagnostic>) {
    diagnostic::sort(&mut now);
    let start = all.partition_point(|d| d.path.as_path() < path);
    let len = all[start..]
        .iter()
        .take_while(|d| d.path.as_path() == path)
        .count();
    all.splice(start..start + len, now);
}

/// Puts `article` at `a` and links it as [`Corpus::link`] would, changing
/// only the links of the events it reported before or reports now.
fn relink(corpus: &mut Corpus, a: ArticleIx, article: Arc<Article>) {
    // What the timeline cites of it (its written sources, not those the
    // loader added for quotes naming events).
    let mut cited = Vec::new();
    let mut cited_quote: HashMap<QuoteIx, Vec<EventIx>> = HashMap::new();
    for (e, event) in corpus.indexed_events() {
        let written = corpus.links.written_sources[e.get()];
        for source in event.sources[..written].iter().filter(|s| s.article == a) {
            cited.push(e);
            if let Some(q) = source.quote {
                cited_quote.entry(q).or_default().push(e);
            }
        }
    }
    let now = ArticleLinks::of(&article, &corpus.links.event_by_id, cited, |q| {
        cited_quote.get(&q).map_or(&[][..], Vec::as_slice)
    });
    let mut touched = corpus.links.article_events[a.get()].clone();
    touched.extend(&now.events);
    touched.sort_unstable();
    touched.dedup();
    corpus.articles.set(a.get(), article);
    let links = &mut corpus.links;
    for e in touched {
        let reports = now.events.binary_search(&e).is_ok();
        // In article order, then quote order, as `link` lists them.
        let articles = &mut links.event_articles[e.get()];
        articles.retain(|&x| x != a);
        if reports {
            let at = articles.partition_point(|&x| x < a);
            articles.insert(at, a);
        }
        let quotes = &mut links.event_quotes[e.get()];
        quotes.retain(|q| q.article != a);
        let at = quotes.partition_point(|q| q.article < a);
        let about = QuoteIx::all(now.quotes.len())
            .zip(&now.quotes)
            .filter(|(_, events)| events.binary_search(&e).is_ok())
            .map(|(quote, _)| QuoteRef { article: a, quote });
        quotes.splice(at..at, about);
        let event = &mut corpus.events[e.get()];
        event.sources.truncate(links.written_sources[e.get()]);
        list_quotes_naming(event, &links.event_quotes[e.get()]);
    }
    links.article_events.set(a.get(), Arc::new(now.events));
    links.quote_events.set(a.get(), Arc::new(now.quotes));
}
