//! The background searcher under random editing: every answer it delivers
//! is exactly a fresh search of the query it answers, and the query typed
//! last is always answered.

use super::*;
use crate::corpus::load::load_files;
use crate::corpus::{embedded, Progress};
use crate::generate::Rng;
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// One edit of the popup's query line or options.
fn edit(
    rng: &mut Rng,
    text: &mut String,
    options: &mut SearchOptions,
    pastes: &[String],
    articles: usize,
) {
    const TYPED: &[char] = &[
        'a', 'e', 'i', 'o', 'u', 'r', 's', 't', 'n', 'l', 'p', 'c', 'm', 'd', 'é', ' ', ' ', ' ',
        '\'', '^', '$', '!', '|', '@', '#', '.', '-', '2', '0', '1',
    ];
    match rng.below(20) {
        0..=9 => text.push(TYPED[rng.below(TYPED.len())]),
        10..=12 => {
            text.pop();
        }
        13 => text.clear(),
        14..=16 => {
            // A paste: a word of the corpus, maybe with an operator.
            let word = &pastes[rng.below(pastes.len())];
            let op = ["", "", "", "'", "^", "!", "@", "#"][rng.below(8)];
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            text.push_str(op);
            text.push_str(word);
        }
        17 => options.scope = options.scope.cycle(),
        18 => options.exact = !options.exact,
        _ => {
            options.article = match options.article {
                Some(_) => None,
                None => Some(ArticleIx::new(rng.below(articles))),
            }
        }
    }
}

/// Drives `runs` random edit sequences through one searcher (its memory of
/// recent searches carries over from run to run), pausing now and then as
/// a typist would, and checks every answer against a fresh search.
fn check_random_editing(index: Arc<Index>, articles: usize, seed: u64, runs: usize, edits: usize) {
    let mut rng = Rng::new(seed, 0);
    let vocabulary = index.words();
    let mut pastes: Vec<String> = (0..40)
        .map(|_| vocabulary[rng.below(vocabulary.len())].to_string())
        .collect();
    pastes.extend(["2021-01..", "..2021-01-12", "a | b"].map(String::from));
    let mut searcher = Searcher::new(Arc::clone(&index), || {});
    let never = AtomicBool::new(false);
    let mut fresh: HashMap<String, Vec<Hit>> = HashMap::new();
    let (mut answers, mut reused) = (0, 0);
    for _ in 0..runs {
        let mut asked: HashMap<u64, Query> = HashMap::new();
        let (mut text, mut options) = (String::new(), SearchOptions::default());
        let mut delivered = Vec::new();
        for _ in 0..edits {
            edit(&mut rng, &mut text, &mut options, &pastes, articles);
            let generation = searcher.submit(&text, options);
            asked.insert(generation, Query::parse(&text, options));
            match rng.below(4) {
                0 => std::thread::sleep(Duration::from_millis(rng.below(3) as u64)),
                1 => delivered.extend(searcher.results().recv_timeout(Duration::from_secs(30))),
                _ => {}
            }
            delivered.extend(searcher.results().try_iter());
        }
        let last = searcher.generation();
        while delivered
            .last()
            .is_none_or(|r: &SearchResult| r.generation < last)
        {
            let r = searcher.results().recv_timeout(Duration::from_secs(30));
            delivered.push(r.expect("the last query is answered"));
        }
        let mut previous = 0;
        for r in &delivered {
            assert!(r.generation > previous, "answers arrive in order");
            previous = r.generation;
            assert_eq!(r.query, asked[&r.generation], "the query it answers");
            let key = format!("{:?}", r.query);
            let expected = fresh
                .entry(key)
                .or_insert_with(|| index.search(&r.query, &never).unwrap());
            assert_eq!(
                *r.hits, *expected,
                "{:?} (reused: {})",
                r.query.text, r.reused
            );
            answers += 1;
            reused += usize::from(r.reused);
        }
    }
    assert!(
        answers > runs * edits / 4 && reused > 0,
        "{answers} answers, {reused} reused"
    );
}

#[test]
fn random_editing_of_the_sample_corpus_gives_fresh_results() {
    let corpus = embedded::load(&Progress::default()).corpus;
    let articles = corpus.articles.len();
    check_random_editing(Arc::new(Index::build(&corpus)), articles, 1, 30, 25);
}

#[test]
fn random_editing_of_a_generated_corpus_gives_fresh_results() {
    let spec = crate::generate::Spec {
        articles: 40,
        events: 30,
        quotes_per_article: 6,
        body_bytes: 800,
        seed: 11,
    };
    let (timeline, articles) = crate::generate::files(&spec);
    let corpus = load_files(None, Some(timeline), articles, &Progress::default()).corpus;
    check_random_editing(Arc::new(Index::build(&corpus)), spec.articles, 2, 30, 25);
}

#[test]
fn typing_tuer_entreprise_letter_by_letter_ends_on_a_fresh_search() {
    let corpus = embedded::load(&Progress::default()).corpus;
    let index = Arc::new(Index::build(&corpus));
    let mut searcher = Searcher::new(Arc::clone(&index), || {});
    let text = "tuer entreprise";
    for n in 1..=text.len() {
        searcher.submit(&text[..n], SearchOptions::default());
    }
    let last = loop {
        let r = searcher
            .results()
            .recv_timeout(Duration::from_secs(30))
            .unwrap();
        if r.generation == searcher.generation() {
            break r;
        }
    };
    let first = index.item(last.hits[0].item);
    assert_eq!(
        first.id, "afp-2021-01-11#q2",
        "« Cela va tuer l'entreprise »"
    );
}
