//! HTML pages written with the furniture of real news sites (navigation,
//! ads, captions, "read also" links, related stories, comments): the body
//! measured against the hand-copied article text with the 4-gram shingle
//! F1 of the extraction benchmarks, the metadata from JSON-LD and meta
//! tags, the declared charset, and pages that are no article.

use super::{articles, check_clean, fixture, import, text};
use chronique::import::{charset, html};
use std::collections::HashSet;

/// The fixture pages; each `NAME.html` has its article text in `NAME.txt`.
const PAGES: [&str; 4] = ["justice-fr", "port-en", "crue-latin1", "library-blog"];

/// The lowercased words' 4-grams, as a set.
fn shingles(text: &str) -> HashSet<Vec<String>> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(4).map(<[String]>::to_vec).collect()
}

/// Precision, recall and F1 of `found`'s shingles against `gold`'s.
fn shingle_f1(found: &str, gold: &str) -> (f64, f64, f64) {
    let (f, g) = (shingles(found), shingles(gold));
    let common = f.intersection(&g).count() as f64;
    let precision = common / f.len().max(1) as f64;
    let recall = common / g.len().max(1) as f64;
    let f1 = match precision + recall {
        0.0 => 0.0,
        sum => 2.0 * precision * recall / sum,
    };
    (precision, recall, f1)
}

/// Measured 0.978 on average (the ad and the "à voir aussi" line of the
/// Latin-1 page get through: 0.913 there, 1.000 on the others); a little
/// below, so a regression fails.
const MEAN_F1_FLOOR: f64 = 0.97;
const PAGE_F1_FLOOR: f64 = 0.88;

#[test]
fn article_bodies_against_their_text_by_shingle_f1() {
    let mut sum = 0.0;
    for name in PAGES {
        let bytes = std::fs::read(fixture(&format!("html/{name}.html"))).unwrap();
        let gold = std::fs::read_to_string(fixture(&format!("html/{name}.txt"))).unwrap();
        let page = charset::decode(&bytes, None).unwrap();
        let body = html::read(&page, None).unwrap().body();
        let (p, r, f1) = shingle_f1(&body, &gold);
        println!("{name}: precision {p:.3} recall {r:.3} F1 {f1:.3}");
        assert!(f1 >= PAGE_F1_FLOOR, "{name}: F1 {f1:.3}\n{body}");
        sum += f1;
    }
    let mean = sum / PAGES.len() as f64;
    println!("mean body F1 {mean:.3} on {} pages", PAGES.len());
    assert!(mean >= MEAN_F1_FLOOR, "mean F1 {mean:.3}");
}

#[test]
fn shingle_f1_counts_what_is_shared() {
    assert_eq!(shingle_f1("a b c d e", "a b c d e").2, 1.0);
    let (p, r, _) = shingle_f1("a b c d e x y z w", "a b c d e");
    assert_eq!((p, r), (2.0 / 6.0, 1.0));
    assert_eq!(shingle_f1("", "a b c d").2, 0.0);
}

#[test]
fn paragraphs_headings_and_metadata_of_each_page() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let sources: Vec<String> = PAGES
        .iter()
        .map(|n| fixture(&format!("html/{n}.html")))
        .collect();
    let mut args: Vec<&str> = sources.iter().map(String::as_str).collect();
    args.insert(0, "--dry-run");
    let out = import(&corpus, &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in [
        // JSON-LD NewsArticle: author list, publisher, date-time → date.
        "id: 2021-01-21-le-juge-rejette-la-demande-de-parler-contre-amazon\ntitle: Le juge rejette la demande de Parler contre Amazon\nsource: Le Quotidien du Net\nauthor: Claire Dumas\npublished: 2021-01-21\nlanguage: fr\nurl: https://quotidien.example/economie/2021/01/21/parler-amazon-juge\n",
        // Meta tags only: og:, article:published_time, <html lang>, og:url.
        "title: Port strike enters second week as talks stall\nsource: The Harbour Gazette\nauthor: Tom Reilly\npublished: 2023-06-14\nlanguage: en-GB\nurl: https://gazette.example/news/port-strike-second-week\n",
        // ISO-8859-1, JSON-LD @graph, <meta name=language>, canonical link.
        "title: 'Inondations : la vallée compte ses dégâts'\nsource: La Gazette des Alpes\nauthor: Hélène Favre\npublished: 2022-10-03\nlanguage: fr\nurl: https://gazette-alpes.example/region/inondations-vallee\n",
        // BlogPosting with the author as a plain string.
        "title: Why our town library is open late again\nsource: Northfield Notes\nauthor: Priya Nair\npublished: 2024-03-08\nlanguage: en\n",
        // Headings kept as headings, the body's own text kept verbatim
        // (French spacing before a colon included).
        "\n\n# Une bataille qui continue\n\n",
        "pour autant : la plainte",
        // "According to Daniel Price, …. “…,” he told reporters".
        "    text: Every ship that diverts to another port is business we may never win back\n    speaker: Daniel Price\n",
        "    text: Nous sommes déçus, mais nous continuerons à nous battre pour notre liberté d'expression\n    speaker: John Matze\n",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in\n{stdout}");
    }
    // The furniture is gone.
    for furniture in [
        "Lire aussi",
        "Partager sur",
        "Photo Jean Martin",
        "Commentaires",
        "Bernard75",
        "Most read",
        "harbourwatcher",
        "Photograph: Sam Hughes",
        "ADVERTISEMENT",
        "Jojo74",
        "You might also like",
        "Leave a Reply",
        "Posted by",
        "By Tom Reilly",
    ] {
        assert!(
            !stdout.contains(furniture),
            "{furniture:?} kept in\n{stdout}"
        );
    }
    assert!(text(&out.stderr).contains("would import 4 article(s)"));
}

#[test]
fn an_imported_page_passes_check_and_records_where_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let out = import(&corpus, &[&fixture("html/port-en.html")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    check_clean(&corpus);
    let files = articles(&corpus);
    let article = std::fs::read_to_string(&files[0]).unwrap();
    let from = std::fs::canonicalize(fixture("html/port-en.html")).unwrap();
    assert!(
        article.contains(&format!("imported_from: {} at ", from.display())),
        "{article}"
    );
}

#[test]
fn binary_empty_and_articleless_pages_are_one_line_errors_and_the_others_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let (binary, empty, none, good) = (
        fixture("html/binary.html"),
        fixture("html/empty.html"),
        fixture("html/no-article.html"),
        fixture("html/library-blog.html"),
    );
    let out = import(&corpus, &[&binary, &empty, &none, &good]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{binary}: error: not HTML: byte 8 is a NUL byte (binary data?)"),
            format!("{empty}: error: no article text: the page is empty"),
            format!("{none}: error: no article text: the page has 0 word(s) of prose (an article has at least 20)"),
        ],
        "{err}"
    );
    assert_eq!(articles(&corpus).len(), 1, "only the good page is written");
    assert!(text(&out.stdout).contains("imported 1 article(s), 2 quote(s); 3 source(s) failed"));
}

#[test]
fn an_undeclared_charset_that_is_not_utf8_reads_as_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.html");
    let mut bytes = b"<html><body><article><h1>Caf\xe9 cr\xe8me</h1>".to_vec();
    for _ in 0..3 {
        bytes.extend_from_slice(b"<p>Le caf\xe9 du coin a rouvert ses portes apr\xe8s des mois de travaux, et les habitu\xe9s sont revenus d\xe8s le premier matin.</p>");
    }
    bytes.extend_from_slice(b"</article></body></html>");
    std::fs::write(&page, bytes).unwrap();
    let out = import(
        &dir.path().join("c"),
        &["--dry-run", page.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("title: Café crème\n"), "{stdout}");
    assert!(
        stdout.contains("Le café du coin a rouvert ses portes après"),
        "{stdout}"
    );
}

/// 20,000 nested `<div>`s took over two minutes to read before the depth
/// guard (the tree builder and the extractor are quadratic in the depth):
/// now one line of error, and the good page beside it is imported.
#[test]
fn a_page_nested_thousands_deep_is_refused_at_once_and_the_others_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let deep = dir.path().join("deep.html");
    let n = 20_000;
    std::fs::write(
        &deep,
        format!(
            "<html><head><title>Deep</title></head><body><article>{}{}{}</article></body></html>",
            "<div>".repeat(n),
            "<p>Le texte profond de cette page est ici, et il dit quelque chose.</p>".repeat(3),
            "</div>".repeat(n)
        ),
    )
    .unwrap();
    let deep = deep.to_str().unwrap();
    let good = fixture("html/library-blog.html");
    let out = import(&corpus, &[deep, &good]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim_end(),
        format!(
            "{deep}: error: the page nests its elements more than 512 deep: not imported \
             (a page built to be slow to read, or a broken one)"
        )
    );
    assert_eq!(articles(&corpus).len(), 1, "only the good page is written");
}
