//! The index and its scan on a small corpus.

use super::*;
use crate::corpus::{Article, Corpus, Event, PartialDate, Quote};
use std::sync::atomic::AtomicBool;

fn article(id: &str, title: &str, published: &str, quotes: &[(&str, &str, &str)]) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        source: Some("AFP".into()),
        author: None,
        published: Some(PartialDate::parse(published).unwrap()),
        language: None,
        url: None,
        tags: vec![format!("tag-{id}").into(), "Censure".into()],
        events: vec![],
        quotes: quotes
            .iter()
            .map(|(id, speaker, text)| Quote {
                id: (*id).into(),
                text: (*text).into(),
                speaker: Some((*speaker).into()),
                events: vec![],
                span: None,
            })
            .collect(),
        provenance: vec![],
        body: "Premier paragraphe,\nsur deux lignes.\n\n  Second : déjà vu.\n".into(),
        path: "a.md".into(),
    }
}

fn corpus() -> Corpus {
    let event = |id: &str, title: &str, tags: &[&str]| Event {
        id: id.into(),
        date: PartialDate::parse("2021-01-06").unwrap(),
        title: title.into(),
        summary: None,
        actors: vec![],
        tags: tags.iter().map(|&t| t.into()).collect(),
        sources: vec![],
        provenance: vec![],
        accounts: vec![],
    };
    let mut c = Corpus {
        events: vec![
            event("ev", "Un événement au Capitole", &["assaut"]),
            event("ev2", "Jeanne et les serveurs", &[]),
        ]
        .into(),
        articles: vec![
            article(
                "a1",
                "Titre un",
                "2021-01-11",
                &[
                    ("q1", "Jean", "C’est déjà l’entreprise"),
                    ("q2", "Marie", "Un évènement « majeur »"),
                    ("q3", "Jean", "cafe\u{301} de\u{301}ja\u{300}"),
                ],
            ),
            article(
                "a2",
                "Titre deux",
                "2021-03-01",
                &[("q1", "Paul", "pomme"), ("q2", "Paul", "les serveurs")],
            ),
            article(
                "a3",
                "Titre trois",
                "2021-02-01",
                &[
                    ("q1", "Jean", "pomme"),
                    ("q2", "Jean", "un serveur"),
                    ("q3", "Jean", "des conservateurs"),
                ],
            ),
        ]
        .into(),
        ..Corpus::default()
    };
    c.link();
    c
}

fn ids(index: &Index, input: &str) -> Vec<String> {
    ids_with(index, input, SearchOptions::default())
}

fn ids_with(index: &Index, input: &str, options: SearchOptions) -> Vec<String> {
    let q = Query::parse(input, options);
    index
        .search(&q, &AtomicBool::new(false))
        .unwrap()
        .iter()
        .map(|h| index.item(h.item).id.to_string())
        .collect()
}

fn highlighted(index: &Index, input: &str, id: &str) -> Vec<String> {
    let q = Query::parse(input, SearchOptions::default());
    let hits = index.search(&q, &AtomicBool::new(false)).unwrap();
    let hit = hits
        .iter()
        .find(|h| index.item(h.item).id == id)
        .expect("the item matches");
    let text = index.item(hit.item).text;
    index
        .highlight(&q, hit)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

#[test]
fn display_texts_and_ids() {
    let index = Index::build(&corpus());
    assert_eq!(index.count(Kind::Quote), 8);
    assert_eq!(index.count(Kind::Paragraph), 6);
    let texts: Vec<(&str, &str)> = (0..index.len() as u32)
        .map(|i| (index.item(i).id, index.item(i).text))
        .filter(|(id, _)| ["ev", "a1", "a1#q1", "a1:p2"].contains(id))
        .collect();
    assert_eq!(
        texts,
        [
            ("ev", "6 janvier 2021 — Un événement au Capitole"),
            ("a1", "Titre un — AFP, 11 janvier 2021"),
            (
                "a1#q1",
                "Jean — C’est déjà l’entreprise — Titre un, 11 janv. 2021"
            ),
            ("a1:p2", "Second : déjà vu."),
        ]
    );
}

#[test]
fn accents_fold_both_ways() {
    let index = Index::build(&corpus());
    assert_eq!(ids(&index, "q:deja"), ["a1#q3", "a1#q1"], "NFD text too");
    assert_eq!(ids(&index, "q:déjà"), ["a1#q3", "a1#q1"]);
    assert_eq!(ids(&index, "e:EVENEMENT"), ["ev"]);
    assert_eq!(ids(&index, "q:événement"), ["a1#q2"], "évènement too");
}

#[test]
fn a_quote_matches_on_its_speaker_and_words_not_its_article() {
    let index = Index::build(&corpus());
    assert!(
        ids(&index, "q:titre").is_empty(),
        "the title is not matched"
    );
    assert!(ids(&index, "q:janv").is_empty(), "nor the date");
    assert_eq!(ids(&index, "q:marie"), ["a1#q2"]);
}

#[test]
fn words_match_inside_one_word_never_scattered() {
    let index = Index::build(&corpus());
    // `pomme`'s letters are all in "Premier paragraphe, sur deux lignes"
    // and in "Titre un — AFP…", but inside no word there.
    assert_eq!(
        ids(&index, "pomme"),
        ["a3#q1", "a2#q1"],
        "ties: earlier date"
    );
    assert!(ids(&index, "zzzz").is_empty());
    assert!(ids(&index, "qqqqqq").is_empty());
    assert!(ids(&index, "q:jentr").is_empty(), "across words");
}

#[test]
fn whole_word_then_prefix_then_fuzzy_then_typo() {
    let index = Index::build(&corpus());
    assert_eq!(
        ids(&index, "q:serveurs"),
        ["a2#q2", "a3#q3", "a3#q2"],
        "as typed, then fuzzy inside conservateurs, then a typo"
    );
    assert_eq!(ids(&index, "q:serveur"), ["a3#q2", "a2#q2", "a3#q3"]);
    assert_eq!(ids(&index, "q:entreprsie"), ["a1#q1"], "a swap is a typo");
}

#[test]
fn every_word_as_typed_ranks_first() {
    let index = Index::build(&corpus());
    // "Jean — des conservateurs": a whole word and a fuzzy one; "Jeanne et
    // les serveurs": a prefix and a word inside a word, both as typed.
    let q = Query::parse("jean erveurs", SearchOptions::default());
    let hits = index.search(&q, &AtomicBool::new(false)).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| index.item(h.item).id).collect();
    assert_eq!(ids, ["ev2", "a3#q3"]);
    let without_bonus = hits[0].score - ALL_AS_TYPED;
    assert!(hits[1].score < ALL_AS_TYPED && without_bonus < hits[1].score);
}

#[test]
fn every_term_must_match_in_any_order() {
    let index = Index::build(&corpus());
    assert_eq!(ids(&index, "q:entreprise deja"), ["a1#q1"]);
    assert_eq!(ids(&index, "q:deja entreprise"), ["a1#q1"]);
    assert!(ids(&index, "q:deja pomme").is_empty());
    assert_eq!(ids(&index, "q:l'entreprise"), ["a1#q1"]);
    assert_eq!(ids(&index, "q:c'est"), ["a1#q1"]);
}

#[test]
fn fzf_syntax() {
    let index = Index::build(&corpus());
    assert_eq!(ids(&index, "q:'rveur"), ["a3#q2", "a2#q2"]);
    assert!(ids(&index, "q:'srvr").is_empty(), "exact: no fuzzy");
    assert_eq!(ids(&index, "q:^un"), ["a3#q2", "a1#q2"]);
    assert_eq!(ids(&index, "q:^cest"), Vec::<String>::new());
    assert_eq!(ids(&index, "q:^c'est"), ["a1#q1"]);
    assert_eq!(ids(&index, "q:majeur$"), ["a1#q2"], "closing quote ignored");
    assert_eq!(ids(&index, "q:^pomme$"), ["a3#q1", "a2#q1"]);
    assert_eq!(ids(&index, "q:pomme !^pomme$").len(), 0);
    assert_eq!(ids(&index, "q:jean !pomme !^un !deja$"), ["a3#q3", "a1#q1"]);
    assert_eq!(ids(&index, "q:pomme | marie"), ["a3#q1", "a2#q1", "a1#q2"]);
    assert_eq!(ids(&index, r"q:'les\ serveurs"), ["a2#q2"]);
    assert!(ids(&index, r"q:'les\ serveur\ x").is_empty());
    let exact = SearchOptions {
        exact: true,
        ..SearchOptions::default()
    };
    assert_eq!(ids_with(&index, "q:serveurs", exact), ["a2#q2"]);
    assert_eq!(
        ids_with(&index, "q:'serveurs", exact),
        ["a2#q2", "a3#q3", "a3#q2"],
        "fuzzy again"
    );
}

#[test]
fn speaker_tag_date_and_article_filters() {
    let index = Index::build(&corpus());
    assert_eq!(ids(&index, "@paul"), ["a2#q1", "a2#q2"]);
    assert_eq!(ids(&index, "@jean serveur"), ["a3#q2", "a3#q3"]);
    assert_eq!(ids(&index, "@pomme").len(), 0, "a speaker, not words");
    assert_eq!(ids(&index, "q:#tag-a2"), ["a2#q1", "a2#q2"]);
    assert_eq!(ids(&index, "e:#assaut"), ["ev"]);
    assert_eq!(ids(&index, "#censure pomme"), ["a3#q1", "a2#q1"]);
    assert_eq!(ids(&index, "q:pomme 2021-02..2021-02-28"), ["a3#q1"]);
    assert_eq!(ids(&index, "q:pomme 2021-02-15.."), ["a2#q1"]);
    assert_eq!(ids(&index, "a:..2021-01"), ["a1"]);
    let in_a3 = SearchOptions {
        article: Some(ArticleIx::new(2)),
        ..SearchOptions::default()
    };
    assert_eq!(ids_with(&index, "pomme", in_a3), ["a3#q1"]);
    assert_eq!(ids_with(&index, "second", in_a3), ["a3:p2"]);
}

#[test]
fn highlights_cover_the_original_characters() {
    let index = Index::build(&corpus());
    assert_eq!(highlighted(&index, "q:deja", "a1#q1"), ["déjà"]);
    assert_eq!(
        highlighted(&index, "q:deja", "a1#q3"),
        ["de\u{301}ja\u{300}"],
        "NFD letters are highlighted whole"
    );
    assert_eq!(highlighted(&index, "q:l'entr", "a1#q1"), ["l", "entr"]);
    assert_eq!(
        highlighted(&index, "q:majeur un", "a1#q2"),
        ["Un", "majeur"],
        "each word is highlighted"
    );
    assert_eq!(highlighted(&index, "q:'rveur", "a2#q2"), ["rveur"]);
    assert_eq!(highlighted(&index, "q:erveurs", "a3#q3"), ["erv", "eurs"]);
    assert_eq!(highlighted(&index, "q:serveurs", "a3#q2"), ["serveur"]);
    assert_eq!(highlighted(&index, "@jean un", "a3#q2"), ["Jean", "un"]);
    assert_eq!(highlighted(&index, "q:^un", "a1#q2"), ["Un"]);
}

#[test]
fn cancelled_searches_return_nothing() {
    let index = Index::build(&corpus());
    let q = Query::parse("deja", SearchOptions::default());
    assert_eq!(index.search(&q, &AtomicBool::new(true)), None);
}

fn reader_tags() -> ReaderTags {
    let mut annotations = crate::annotations::Annotations::default();
    let tagged = |tags: &[&str]| crate::annotations::Note {
        tags: tags.iter().map(|&t| t.into()).collect(),
        ..Default::default()
    };
    annotations
        .quotes
        .insert("a1#q1".into(), tagged(&["À-vérifier"]));
    annotations
        .events
        .insert("ev2".into(), tagged(&["à-vérifier", "x"]));
    annotations.events.insert("ev".into(), tagged(&[]));
    ReaderTags::from_annotations(&annotations)
}

#[test]
fn the_readers_tags_are_tags_too() {
    let index = Index::build(&corpus());
    let never = AtomicBool::new(false);
    let tags = reader_tags();
    let search = |input: &str, tags: &ReaderTags| -> Vec<String> {
        let q = Query::parse(input, SearchOptions::default());
        let kept = &mut WordValues::default();
        let hits = index.search_with(&q, tags, kept, &never).unwrap();
        hits.iter()
            .map(|h| index.item(h.item).id.to_string())
            .collect()
    };
    assert_eq!(search("#a-verif", &tags), ["a1#q1", "ev2"]);
    assert_eq!(
        search("#a-verif #censure", &tags),
        ["a1#q1"],
        "with the corpus's"
    );
    assert_eq!(search("#a-verif jeanne", &tags), ["ev2"]);
    assert!(search("#a-verif", &ReaderTags::default()).is_empty());
}

#[test]
fn the_searcher_forgets_its_answers_when_the_tags_change() {
    let index = std::sync::Arc::new(Index::build(&corpus()));
    let mut searcher = Searcher::new(index, || {});
    let answer = |searcher: &mut Searcher| {
        let generation = searcher.submit("#a-verif", SearchOptions::default());
        let timeout = std::time::Duration::from_secs(30);
        let r = searcher.results().recv_timeout(timeout).unwrap();
        assert_eq!(r.generation, generation);
        r.hits.len()
    };
    assert_eq!(answer(&mut searcher), 0);
    searcher.set_reader_tags(std::sync::Arc::new(reader_tags()));
    assert_eq!(answer(&mut searcher), 2, "not the remembered answer");
    assert_eq!(answer(&mut searcher), 2);
}

#[test]
fn exact_words_found_by_the_vocabulary_are_those_of_a_substring_search() {
    let corpus = crate::corpus::embedded::load(&crate::corpus::Progress::default()).corpus;
    let index = Index::build(&corpus);
    for word in [
        "parler",
        "amaz",
        "rveur",
        "e",
        "2021",
        "injonction",
        "l",
        "zzz",
    ] {
        let expected: Vec<u32> = (0..index.len() as u32)
            .filter(|&i| crate::search::fold::fold(index.matched_text(i)).contains(word))
            .collect();
        for (input, negated) in [(format!("'{word}"), false), (format!("!{word}"), true)] {
            let q = Query::parse(&input, SearchOptions::default());
            let mut got: Vec<u32> = index
                .search(&q, &AtomicBool::new(false))
                .unwrap()
                .iter()
                .map(|h| h.item)
                .collect();
            got.sort_unstable();
            let want: Vec<u32> = match negated {
                false => expected.clone(),
                true => (0..index.len() as u32)
                    .filter(|i| !expected.contains(i))
                    .collect(),
            };
            assert_eq!(got, want, "{input}");
        }
    }
}

/// An index taken from the cache is used only with a corpus holding every
/// item it names: one more event, article, quote or body byte than the
/// corpus has is refused, never indexed past.
#[test]
fn an_index_fits_its_corpus_and_no_smaller_one() {
    let full = corpus();
    let index = Index::build(&full);
    assert!(index.fits_corpus(&full));
    let fewer = |cut: fn(&mut Corpus)| {
        let mut c = corpus();
        cut(&mut c);
        index.fits_corpus(&c)
    };
    assert!(!fewer(|c| c.events.truncate(1)), "an event");
    assert!(!fewer(|c| c.articles.truncate(2)), "an article");
    assert!(
        !fewer(|c| {
            let a = c.articles.get_mut(0).unwrap();
            a.quotes.truncate(2);
        }),
        "a quote"
    );
    assert!(
        !fewer(|c| {
            let a = c.articles.get_mut(1).unwrap();
            a.body = a.body[..a.body.len() / 2].into();
        }),
        "a paragraph's bytes"
    );
}
