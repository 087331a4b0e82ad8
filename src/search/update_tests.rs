//! An updated index answers every query as one built afresh: small
//! generated corpora, files edited at random (an article's title, quote,
//! body, date or tags; an article added, duplicated or removed; an event
//! edited or removed; the language), random queries.

use super::*;
use crate::corpus::load::load_files;
use crate::corpus::{Corpus, PartialDate, Progress, SourceFile};
use crate::generate::{self, Spec};
use proptest::prelude::*;
use std::sync::atomic::AtomicBool;

#[derive(Debug, Clone, Copy)]
enum Edit {
    Title,
    Quote,
    Body,
    Published,
    Tags,
    Removed,
    Added,
    Duplicated,
    EventTitle,
    EventRemoved,
    Language,
}

const EDITS: [Edit; 11] = [
    Edit::Title,
    Edit::Quote,
    Edit::Body,
    Edit::Published,
    Edit::Tags,
    Edit::Removed,
    Edit::Added,
    Edit::Duplicated,
    Edit::EventTitle,
    Edit::EventRemoved,
    Edit::Language,
];

struct Files {
    timeline: SourceFile,
    articles: Vec<SourceFile>,
}

impl Files {
    fn load(&self) -> Corpus {
        let articles = self.articles.clone();
        let timeline = Some(self.timeline.clone());
        load_files(None, timeline, articles, &Progress::default()).corpus
    }

    /// Applies `edit` to article `k` (modulo their number) or the timeline.
    fn edit(&mut self, edit: Edit, k: usize) {
        let text = |f: &SourceFile| String::from_utf8(f.bytes.clone()).unwrap();
        let set = |f: &mut SourceFile, s: String| f.bytes = s.into_bytes();
        let timeline = text(&self.timeline);
        if self.articles.is_empty() || matches!(edit, Edit::EventTitle) {
            let edited = timeline.replacen("    title: ", "    title: Nouveau titre ", 1);
            return set(&mut self.timeline, edited);
        }
        let k = k % self.articles.len();
        let article = text(&self.articles[k]);
        let line = |key: &str, new: &str| {
            let lines: Vec<String> = article
                .lines()
                .map(|l| match l.starts_with(key) {
                    true => new.to_string(),
                    false => l.to_string(),
                })
                .collect();
            lines.join("\n") + "\n"
        };
        let edited = match edit {
            Edit::Title => article.replacen("title: ", "title: Édité ", 1),
            Edit::Quote => article.replacen("    text: ", "    text: censure nouvelle ", 1),
            Edit::Body => article + "\nUn paragraphe ajouté : la censure du gouvernement.\n",
            Edit::Published => line("published: ", "published: 2030-01-01"),
            Edit::Tags => line("tags: ", "tags: [nouveau, censure]"),
            Edit::Removed => {
                self.articles.remove(k);
                return;
            }
            Edit::Added | Edit::Duplicated => {
                let mut copy = self.articles[k].clone();
                copy.path = format!("articles/zz-ajout-{k}.md").into();
                if let Edit::Added = edit {
                    set(
                        &mut copy,
                        line("id: ", "id: ajout").replace("Édité", "Ajouté"),
                    );
                }
                self.articles.push(copy);
                return;
            }
            Edit::EventRemoved => {
                let events: Vec<&str> = timeline.split("\n  - id: ").collect();
                let kept = match events.len() {
                    0 | 1 => timeline.clone(),
                    n => {
                        let mut all = events.clone();
                        all.remove(1 + k % (n - 1));
                        all.join("\n  - id: ")
                    }
                };
                return set(&mut self.timeline, kept);
            }
            Edit::Language => {
                let edited = timeline.replacen("language: fr", "language: en", 1);
                return set(&mut self.timeline, edited);
            }
            Edit::EventTitle => unreachable!("edited above"),
        };
        set(&mut self.articles[k], edited);
    }
}

/// Everything a UI reads of a search's answer.
type Answer = Vec<(
    u32,
    i64,
    Kind,
    HitTarget,
    String,
    String,
    Option<PartialDate>,
    Vec<Range<usize>>,
)>;

fn answer(index: &Index, query: &Query) -> Answer {
    let hits = index.search(query, &AtomicBool::new(false)).unwrap();
    hits.iter()
        .map(|h| {
            let item = index.item(h.item);
            let marked = index.highlight(query, h);
            (
                h.item,
                h.score,
                item.kind,
                item.target.clone(),
                item.text.to_string(),
                item.id.to_string(),
                item.date,
                marked,
            )
        })
        .collect()
}

fn check_same(updated: &Index, rebuilt: &Index, queries: &[Query]) -> Result<(), TestCaseError> {
    prop_assert_eq!(updated.len(), rebuilt.len());
    for kind in [Kind::Event, Kind::Article, Kind::Quote, Kind::Paragraph] {
        prop_assert_eq!(updated.items_of(kind), rebuilt.items_of(kind));
    }
    for i in 0..rebuilt.len() as u32 {
        prop_assert_eq!(updated.matched_text(i), rebuilt.matched_text(i));
    }
    for query in queries {
        prop_assert_eq!(
            answer(updated, query),
            answer(rebuilt, query),
            "{:?}",
            query
        );
    }
    Ok(())
}

/// Queries made of words of `index` (picked by `picks`), with operators,
/// scopes and an article filter.
fn queries(index: &Index, picks: &[(usize, usize, usize)], articles: usize) -> Vec<Query> {
    const OPS: [&str; 6] = ["", "", "'", "^", "!", "@"];
    let words = index.words();
    let mut all = vec![Query::parse("censure", SearchOptions::default())];
    if words.is_empty() {
        return all;
    }
    for &(w, op, scope) in picks {
        let word = &words[w % words.len()];
        let second = &words[(w / 7) % words.len()];
        let mut options = SearchOptions::default();
        for _ in 0..scope % 5 {
            options.scope = options.scope.cycle();
        }
        options.exact = scope % 7 == 3;
        if scope % 5 == 4 && articles > 0 {
            options.article = Some(crate::corpus::ArticleIx::new(w % articles));
        }
        let text = match op % 3 {
            0 => format!("{}{word}", OPS[op % OPS.len()]),
            1 => format!("{word} {second}"),
            _ => {
                let start: String = word.chars().take(3).collect();
                format!("{start} | {second}")
            }
        };
        all.push(Query::parse(&text, options));
    }
    all
}

/// `new` as a live reload's patch gives it: each event and article equal
/// to the one at its place in `old` is that very one, shared.
fn sharing(old: &Corpus, mut new: Corpus) -> Corpus {
    for e in 0..new.events.len().min(old.events.len()) {
        if old.events[e] == new.events[e] {
            new.events.set(e, old.events.arcs()[e].clone());
        }
    }
    for a in 0..new.articles.len().min(old.articles.len()) {
        if old.articles[a] == new.articles[a] {
            new.articles.set(a, old.articles.arcs()[a].clone());
        }
    }
    new
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Two edits in a row, the index updated from the one before each time:
    /// every answer is that of the index built from the edited corpus.
    #[test]
    fn an_updated_index_answers_as_one_built_afresh(
        articles in 0usize..7,
        events in 0usize..8,
        seed in 0u64..1000,
        edits in prop::collection::vec((prop::sample::select(EDITS.to_vec()), 0usize..8), 2),
        picks in prop::collection::vec((0usize..10_000, 0usize..12, 0usize..35), 6),
        patched in any::<bool>(),
        quotes_per_article in 0usize..3,
    ) {
        let spec = Spec { articles, events, quotes_per_article, body_bytes: 300, seed };
        let (timeline, articles) = generate::files(&spec);
        let mut files = Files { timeline, articles };
        let mut corpus = files.load();
        let mut index = Index::build(&corpus);
        for (edit, k) in edits {
            files.edit(edit, k);
            let edited = match patched {
                true => sharing(&corpus, files.load()),
                false => files.load(),
            };
            let updated = index.update(&corpus, &edited);
            let rebuilt = Index::build(&edited);
            let asked = queries(&rebuilt, &picks, edited.articles.len());
            check_same(&updated, &rebuilt, &asked)?;
            // The tie order merged from the old one is the one sorted afresh.
            prop_assert_eq!(updated.tie_rank.as_slice(), rebuilt.tie_rank.as_slice());
            // Its segments read back from the cache's encoding answer the same.
            // (As the cache does: checked against the corpus, shown from its bodies.)
            let back = Index::from_bytes(&bytes::Bytes::from(updated.to_bytes())).unwrap();
            prop_assert!(back.fits_corpus(&edited));
            let back = back.with_bodies(&edited);
            check_same(&back, &rebuilt, &asked)?;
            (corpus, index) = (edited, updated);
        }
    }
}

#[test]
fn an_index_that_is_not_the_old_corpus_s_is_built_afresh() {
    let spec = Spec {
        articles: 3,
        events: 4,
        quotes_per_article: 2,
        body_bytes: 200,
        seed: 7,
    };
    let (timeline, articles) = generate::files(&spec);
    let files = Files { timeline, articles };
    let corpus = files.load();
    let empty = Index::build(&Corpus::default());
    let updated = empty.update(&Corpus::default(), &corpus);
    let rebuilt = Index::build(&corpus);
    let asked = queries(&rebuilt, &[(1, 0, 0), (5, 1, 1), (9, 2, 2)], 3);
    check_same(&updated, &rebuilt, &asked).unwrap();
    // Given the wrong old corpus, it still answers as a rebuilt one.
    let wrong = empty.update(&corpus, &corpus);
    check_same(&wrong, &rebuilt, &asked).unwrap();
}

/// A corpus of `articles` generated articles, loaded.
fn generated(articles: usize) -> Files {
    let spec = Spec {
        articles,
        events: 5,
        quotes_per_article: 3,
        body_bytes: 400,
        seed: 11,
    };
    let (timeline, articles) = generate::files(&spec);
    Files { timeline, articles }
}

#[test]
fn an_update_shares_the_unchanged_items_texts_and_holds_the_edited_ones_alone() {
    let mut files = generated(6);
    let corpus = files.load();
    let index = Index::build(&corpus);
    files.edit(Edit::Body, 2);
    let edited = files.load();
    let updated = index.update(&corpus, &edited);
    assert_eq!(updated.segments.len(), 2);
    let (old, kept) = (&index.segments[0], &updated.segments[0]);
    // The same bytes, not a copy of them.
    assert_eq!(old.texts.bytes().as_ptr(), kept.texts.bytes().as_ptr());
    assert_eq!(old.folded.bytes().as_ptr(), kept.folded.bytes().as_ptr());
    assert_eq!(
        old.word_ids.bytes().as_ptr(),
        kept.word_ids.bytes().as_ptr()
    );
    assert_eq!(
        index.vocabulary[0].words.all.bytes().as_ptr(),
        updated.vocabulary[0].words.all.bytes().as_ptr()
    );
    // The new segment holds the edited article's items alone.
    let built: Vec<&str> = (0..updated.len() as u32)
        .filter(|&i| updated.entry(i).segment == 1)
        .map(|i| updated.item(i).id)
        .collect();
    let id = &edited.articles[2].id;
    assert!(!built.is_empty());
    assert!(
        built.iter().all(|b| b.starts_with(id.as_str())),
        "{built:?}"
    );
}

#[test]
fn many_updates_keep_few_segments_and_answer_as_one_built_afresh() {
    let mut files = generated(20);
    let mut corpus = files.load();
    let mut index = Index::build(&corpus);
    for k in 0..40 {
        // Each article in turn, then the first ones again: the segment of
        // an article edited anew goes when no item holds it any more.
        files.edit(if k % 2 == 0 { Edit::Body } else { Edit::Quote }, k % 20);
        let edited = files.load();
        index = index.update(&corpus, &edited);
        corpus = edited;
        assert!(index.segments.len() <= 16 && index.vocabulary.len() <= 16);
    }
    let rebuilt = Index::build(&corpus);
    let asked = queries(&rebuilt, &[(1, 0, 0), (5, 1, 1), (9, 2, 2), (77, 3, 4)], 20);
    check_same(&index, &rebuilt, &asked).unwrap();
}
