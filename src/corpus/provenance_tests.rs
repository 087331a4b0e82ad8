//! `provenance:` and `accounts:` read through the loader: parsing, every
//! diagnostic, the disputed rule, the two-way links.

use crate::corpus::load::{load_files, Loaded, SourceFile};
use crate::corpus::{ArticleIx, Progress, ProvenanceKind, QuoteIx, SourceRef};

const ARTICLE: &str = "---\nid: a\ntitle: T\npublished: 2021-01\nprovenance:\n  title: editorial — the page carries no headline\n  published: inferred — « lundi », after the 6th\nquotes:\n  - id: q1\n    text: dimanche soir\n    events: [e]\n---\nSuspendu dimanche soir.\n";

fn load(timeline: &str, article: &str) -> Loaded {
    let file = |path: &str, text: &str| SourceFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    };
    load_files(
        None,
        Some(file("timeline.yaml", timeline)),
        vec![file("articles/a.md", article)],
        &Progress::default(),
    )
}

fn messages(loaded: &Loaded) -> Vec<String> {
    loaded.diagnostics.iter().map(|d| d.to_string()).collect()
}

fn event(fields: &str) -> String {
    format!("events:\n  - id: e\n    date: 2021-01-10\n    title: E\n{fields}")
}

#[test]
fn provenance_and_accounts_are_read_in_field_order() {
    let timeline = event(
        "    provenance:\n      title: editorial — mine\n      date: inferred — from « dimanche »\n    accounts:\n      - source: a#q1\n        says: « dimanche soir »\n        date: 2021-01-10\n      - source: a\n        says: « lundi »\n        disputes: true\n",
    );
    let loaded = load(&timeline, ARTICLE);
    assert_eq!(messages(&loaded), Vec::<String>::new());
    let e = &loaded.corpus.events[0];
    let fields: Vec<&str> = e.provenance.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["date", "title"], "the event's own field order");
    assert_eq!(e.provenance[0].kind, ProvenanceKind::Inferred);
    assert_eq!(e.provenance[0].note, "inferred — from « dimanche »");
    assert!(e.has_inferred());
    assert_eq!(e.accounts.len(), 2);
    assert_eq!(
        e.accounts[0].source,
        SourceRef {
            article: ArticleIx::new(0),
            quote: Some(QuoteIx::new(0))
        }
    );
    assert_eq!(e.accounts[0].says, "« dimanche soir »");
    assert_eq!(
        e.accounts[0].date.map(|d| d.to_string()).as_deref(),
        Some("2021-01-10")
    );
    assert!(e.accounts[1].disputes && e.accounts[1].date.is_none());
    let article = &loaded.corpus.articles[0];
    assert_eq!(
        article.provenance_of("title").map(|p| p.kind),
        Some(ProvenanceKind::Editorial)
    );
    assert!(article.provenance.iter().any(|p| p.is_inferred()));
}

#[test]
fn a_bad_kind_is_an_error_at_its_value() {
    let loaded = load(&event("    provenance:\n      title: guessed\n"), ARTICLE);
    assert_eq!(
        messages(&loaded),
        ["timeline.yaml:6:14: error: provenance of `title` must begin with `editorial` (the editor wrote it: the source has none) or `inferred` (worked out: say how), not `guessed`"]
    );
    assert!(loaded.corpus.events[0].provenance.is_empty());
}

#[test]
fn an_unknown_field_name_is_a_warning_with_a_suggestion() {
    let article = ARTICLE.replace("  title: editorial", "  titel: editorial");
    let loaded = load(&event(""), &article);
    let found = messages(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("articles/a.md:6:3: warning: unknown field `titel` in the provenance of an article: did you mean `title`?"),
        "{found:?}"
    );
}

#[test]
fn an_account_citing_an_unknown_source_is_an_error() {
    let loaded = load(
        &event("    accounts:\n      - source: a#q9\n        says: x\n      - source: b\n        says: y\n"),
        ARTICLE,
    );
    assert_eq!(
        messages(&loaded),
        [
            "timeline.yaml:6:17: error: unknown quote `q9` in source `a#q9`: article `a` has no quote with this id",
            "timeline.yaml:8:17: error: unknown source `b`: no article has this id (cite an article id, or `article#quote`)",
        ]
    );
    assert!(loaded.corpus.events[0].accounts.is_empty());
}

#[test]
fn an_account_date_that_is_not_a_date_is_an_error() {
    let loaded = load(
        &event("    accounts:\n      - source: a\n        says: x\n        date: lundi\n"),
        ARTICLE,
    );
    let found = messages(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("timeline.yaml:8:15: error: invalid date `lundi`"),
        "{found:?}"
    );
    assert_eq!(loaded.corpus.events[0].accounts.len(), 1, "kept, undated");
}

#[test]
fn an_unknown_account_field_is_named_against_the_account_fields() {
    let loaded = load(
        &event("    accounts:\n      - source: a\n        sayz: x\n        says: y\n"),
        ARTICLE,
    );
    let found = messages(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("timeline.yaml:7:9: warning: unknown field `sayz` in an event's account: did you mean `says`?"),
        "{found:?}"
    );
}

fn disputed(accounts: &[(&str, bool)]) -> bool {
    let mut yaml = String::from("    accounts:\n");
    for (date, disputes) in accounts {
        yaml.push_str("      - source: a\n        says: x\n");
        if !date.is_empty() {
            yaml.push_str(&format!("        date: {date}\n"));
        }
        if *disputes {
            yaml.push_str("        disputes: true\n");
        }
    }
    let loaded = load(&event(&yaml), ARTICLE);
    assert!(loaded.diagnostics.is_empty(), "{:?}", messages(&loaded));
    loaded.corpus.events[0].disputed()
}

#[test]
fn disputed_when_dates_differ_at_their_precision_or_an_account_says_so() {
    assert!(disputed(&[("2021-01-10", false), ("2021-01-11", false)]));
    assert!(!disputed(&[("2021-01-10", false), ("2021-01-10", false)]));
    assert!(
        !disputed(&[("2021-01", false), ("2021-01-10", false)]),
        "a month contains its days"
    );
    assert!(disputed(&[("2021-02", false), ("2021-01-10", false)]));
    assert!(
        !disputed(&[("2021-01-10", false), ("", false)]),
        "an undated account implies nothing"
    );
    assert!(disputed(&[("", false), ("", true)]));
    assert!(!disputed(&[]));
}

#[test]
fn a_quote_naming_an_event_is_among_its_sources() {
    let loaded = load(&event("    sources: [a]\n"), ARTICLE);
    let e = &loaded.corpus.events[0];
    assert_eq!(
        e.sources,
        [
            SourceRef {
                article: ArticleIx::new(0),
                quote: None
            },
            SourceRef {
                article: ArticleIx::new(0),
                quote: Some(QuoteIx::new(0))
            }
        ]
    );
    // Cited already: not listed twice.
    let loaded = load(&event("    sources: [a#q1]\n"), ARTICLE);
    assert_eq!(loaded.corpus.events[0].sources.len(), 1);
}
