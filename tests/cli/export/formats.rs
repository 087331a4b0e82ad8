//! The formats one by one: each validated against its schema or read
//! back, on the sample corpus and on a corpus whose text is hostile.

use super::*;

#[test]
fn json_follows_its_published_schema_and_round_trips_the_corpus_counts() {
    let corpus = corpus();
    let validator = json_schema();
    for extra in [&[][..], &["--no-notes"][..]] {
        let doc = json(&sample("json", extra).out);
        assert_valid(&validator, &doc, &format!("json {extra:?}"));
        let events = doc["events"].as_array().unwrap();
        let corpus_events = events.iter().filter(|e| e["reader"] == false).count();
        assert_eq!(corpus_events, corpus.events.len());
        assert_eq!(doc["counts"]["events"], corpus.events.len());
        let articles = doc["articles"].as_array().unwrap();
        assert_eq!(articles.len(), corpus.articles.len());
        let quotes: usize = articles
            .iter()
            .map(|a| a["quotes"].as_array().unwrap().len())
            .sum();
        assert_eq!(quotes, corpus.quote_count());
        assert_eq!(doc["counts"]["quotes"], corpus.quote_count());
        // Links both ways: every article an event names names the event.
        for e in events.iter().filter(|e| e["reader"] == false) {
            for a in e["articles"].as_array().unwrap() {
                let article = articles.iter().find(|x| x["id"] == *a).unwrap();
                assert!(
                    article["events"].as_array().unwrap().contains(&e["id"]),
                    "{a} does not list {}",
                    e["id"]
                );
            }
        }
        // Spans point at the quote's text in the body.
        for a in articles {
            let body = a["body"].as_str().unwrap();
            for q in a["quotes"].as_array().unwrap() {
                let [s, e] = [0, 1].map(|i| q["span"]["bytes"][i].as_u64().unwrap() as usize);
                let first = q["text"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .next()
                    .unwrap();
                assert!(body[s..e].starts_with(first), "{}", q["key"]);
            }
        }
    }
    let with_notes = json(&sample("json", &[]).out);
    assert_eq!(with_notes["counts"]["reader_events"], 1);
    assert_eq!(with_notes["counts"]["highlights"], 1);
    let aws = with_notes["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "aws-suspends-parler")
        .unwrap();
    assert_eq!(aws["annotation"]["status"], "verified");
    assert!(aws["annotation"]["note"].as_str().unwrap().contains("📰✅"));
    let month = with_notes["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "gab-growth")
        .unwrap();
    assert_eq!(month["date"]["precision"], "month");
    assert_eq!(month["date"]["display"], "janvier 2021");
    let bare = json(&sample("json", &["--no-notes"]).out);
    assert_eq!(bare["counts"]["reader_events"], 0);
    assert_eq!(bare["counts"]["highlights"], 0);
    assert!(bare["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["annotation"].is_null()));
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    message: String,
    datetime: String,
    timestamp_desc: String,
    event_id: String,
    title: String,
    tags: String,
    sources: String,
    precision: String,
    note: String,
    status: String,
    starred: bool,
    reader: bool,
}

#[test]
fn csv_and_jsonl_read_back_as_timesketch_rows() {
    let csv_text = sample("csv", &[]).out;
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    for required in [
        "message",
        "datetime",
        "timestamp_desc",
        "event_id",
        "title",
        "tags",
        "sources",
        "precision",
        "note",
        "status",
        "starred",
    ] {
        assert!(
            headers.iter().any(|h| h == required),
            "{required}: {headers:?}"
        );
    }
    let rows: Vec<Row> = reader.deserialize().map(Result::unwrap).collect();
    assert_eq!(
        rows.len(),
        corpus().events.len() + 1,
        "the reader's event too"
    );
    for r in &rows {
        assert!(!r.message.is_empty() && !r.timestamp_desc.is_empty());
        assert!(
            chrono::DateTime::parse_from_rfc3339(&r.datetime).is_ok(),
            "{}",
            r.datetime
        );
    }
    let gab = rows.iter().find(|r| r.event_id == "gab-growth").unwrap();
    assert_eq!(
        gab.datetime, "2021-01-01T00:00:00+00:00",
        "start of its month"
    );
    assert_eq!(gab.precision, "month");
    let aws = rows
        .iter()
        .find(|r| r.event_id == "aws-suspends-parler")
        .unwrap();
    assert!(aws.starred && aws.status == "verified" && aws.note.contains("📰"));
    assert!(aws.tags.contains("hébergement") && aws.sources.contains("afp-2021-01-11"));
    let mine = rows.iter().find(|r| r.reader).unwrap();
    assert_eq!(
        (mine.event_id.as_str(), mine.precision.as_str()),
        ("r-1", "day")
    );
    assert!(mine.title.starts_with("Amazon prévient"));

    let jsonl = sample("jsonl", &[]).out;
    let lines: Vec<Value> = jsonl.lines().map(json).collect();
    assert_eq!(lines.len(), rows.len());
    for (line, row) in lines.iter().zip(&rows) {
        assert_eq!(line["event_id"], row.event_id.as_str());
        assert_eq!(line["datetime"], row.datetime.as_str());
        assert_eq!(line["starred"], row.starred);
    }
}

#[test]
fn timelinejs_follows_the_documented_fields_at_each_events_precision() {
    let doc = json(&sample("timelinejs", &[]).out);
    assert_valid(&timelinejs_schema(), &doc, "timelinejs");
    assert_eq!(
        doc["title"]["text"]["headline"],
        "Parler contre Amazon Web Services"
    );
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), corpus().events.len() + 1);
    let slide = |id: &str| events.iter().find(|e| e["unique_id"] == id).unwrap();
    let month = slide("gab-growth");
    assert_eq!(month["start_date"]["month"], 1);
    assert!(month["start_date"].get("day").is_none(), "no day: {month}");
    assert_eq!(month["display_date"], "janvier 2021");
    let day = slide("capitol-attack");
    assert_eq!(day["start_date"]["day"], 6);
    assert_eq!(day["group"], "violence");
    let text = day["text"]["text"].as_str().unwrap();
    assert!(
        text.contains("<blockquote>« Hang Mike Pence » — "),
        "{text}"
    );
    assert!(text.contains("AFP, 11 janvier 2021"), "{text}");
    assert_eq!(
        slide("r-1")["group"],
        "à-suivre",
        "a reader's event has its tags"
    );
}

#[test]
fn w3c_holds_the_highlight_and_the_notes_on_quotes() {
    let doc = json(&sample("w3c", &[]).out);
    assert_valid(&w3c_schema(), &doc, "w3c");
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    let items = doc["first"]["items"].as_array().unwrap();
    assert_eq!(doc["total"], items.len());
    assert_eq!(items.len(), 3, "two notes on quotes and one highlight");
    let corpus = corpus();
    let clubic = corpus.article(corpus.article_index("clubic-2021-01-15").unwrap());
    let highlight = items
        .iter()
        .find(|a| a["id"] == "urn:chronique:highlight:h-1")
        .unwrap();
    assert_eq!(highlight["motivation"], "commenting");
    let body = highlight["body"].as_array().unwrap();
    assert!(body
        .iter()
        .any(|b| b["purpose"] == "tagging" && b["value"] == "hébergement"));
    let selectors = highlight["target"]["selector"].as_array().unwrap();
    let exact = selectors[0]["exact"].as_str().unwrap();
    assert_eq!(exact, "a pris le parti de lui couper l'accès");
    let [start, end] = ["start", "end"].map(|k| selectors[1][k].as_u64().unwrap() as usize);
    let by_position: String = clubic.body.chars().skip(start).take(end - start).collect();
    assert_eq!(by_position, exact, "positions count code points");
    let prefix = selectors[0]["prefix"].as_str().unwrap();
    let suffix = selectors[0]["suffix"].as_str().unwrap();
    assert!(clubic.body.contains(&format!("{prefix}{exact}{suffix}")));
    let bare = json(&sample("w3c", &["--no-notes"]).out);
    assert_valid(&w3c_schema(), &bare, "w3c --no-notes");
    assert_eq!(bare["total"], 0);
}

#[test]
fn html_is_one_page_with_no_script_and_nothing_remote() {
    let html = sample("html", &[]).out;
    assert_eq!(html_problems(&html), Vec::<String>::new());
    let doc = scraper::Html::parse_document(&html);
    let articles = doc
        .select(&scraper::Selector::parse("article").unwrap())
        .count();
    assert_eq!(articles, corpus().events.len() + 1);
    assert!(html.contains("Note du lecteur"));
    assert!(html.contains("Date confirmée par deux sources 📰✅"));
}

/// A corpus whose every text tries to become markup, a link or a fetch.
fn hostile_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(
        dir.path().join("timeline.yaml"),
        r#"title: "<script>alert('titre')</script> & co"
description: "</style><img src=https://evil.example/x.png onerror=alert(1)>"
language: fr
events:
  - id: e1
    date: 2021-01-06
    title: "\"><iframe src=https://evil.example/></iframe>"
    summary: "[lien](javascript:alert(1)) ![img](https://evil.example/p.png) <b onclick=x>gras</b> \e]0;titre\a"
    tags: ["<svg onload=alert(1)>"]
    sources: [a1, a2]
  - id: e2
    date: 2021-01-08
    title: "=HYPERLINK(\"https://evil.example\",\"clic\")"
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("articles/a1.md"),
        "---\nid: a1\ntitle: \"<link rel=stylesheet href=https://evil.example/s.css>\"\nsource: \"<style>body{background:url(https://evil.example/b.png)}</style>\"\npublished: 2021-01-06\nurl: \"javascript:alert(document.cookie)\"\nquotes:\n  - id: q1\n    text: \"mot <script>\"\n    speaker: \"<a href=https://evil.example>orateur</a>\"\n    events: [e1]\n---\nUn mot <script> dans le texte.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("articles/a2.md"),
        "---\nid: a2\ntitle: Deux\npublished: 2021-01-07\nurl: \"https://example.org/a?x=\\\"><script>alert(1)</script>\"\n---\nTexte.\n",
    )
    .unwrap();
    dir
}

#[test]
fn hostile_corpus_text_stays_text_in_every_format() {
    let dir = hostile_corpus();
    let corpus = dir.path().to_str().unwrap();
    let run = |format: &str| {
        let r = export(&["-f", format, "--corpus", corpus]);
        assert_eq!(r.code, 0, "{format}: {}", r.err);
        r.out
    };
    let html = run("html");
    assert_eq!(html_problems(&html), Vec::<String>::new(), "{html}");
    let doc = scraper::Html::parse_document(&html);
    let h1: String = doc
        .select(&scraper::Selector::parse("h1").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(
        h1, "<script>alert('titre')</script> & co",
        "shown as written"
    );
    let hrefs: Vec<&str> = doc
        .select(&scraper::Selector::parse("a[href]").unwrap())
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(hrefs.len(), 1, "only the web link: {hrefs:?}");
    assert!(
        !hrefs[0].contains('"') && !hrefs[0].contains('<'),
        "{hrefs:?}"
    );

    let md = run("markdown");
    for raw in [
        "<script",
        "<iframe",
        "](javascript",
        "[img]",
        "<b ",
        "<link",
        "<style",
    ] {
        let unescaped = md.match_indices(raw).any(|(i, _)| !md[..i].ends_with('\\'));
        assert!(!unescaped, "{raw} unescaped in:\n{md}");
    }
    assert!(md.contains(r"\<script\>"), "{md}");

    for format in ["markdown", "html", "csv", "jsonl"] {
        assert!(
            !run(format).contains('\u{1b}'),
            "{format} carries an escape sequence"
        );
    }
    let csv_text = run("csv");
    let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
    let titles: Vec<String> = csv.deserialize::<Row>().map(|r| r.unwrap().title).collect();
    assert_eq!(
        titles[1], "'=HYPERLINK(\"https://evil.example\",\"clic\")",
        "a spreadsheet shows it as text"
    );
    let jsonl = run("jsonl");
    assert!(
        jsonl.contains(r#""title":"=HYPERLINK("#),
        "JSONL keeps it: {jsonl}"
    );
    let tl = json(&run("timelinejs"));
    assert_valid(&timelinejs_schema(), &tl, "hostile timelinejs");
    let text = tl["events"][0]["text"]["text"].as_str().unwrap();
    assert!(!text.contains("<b ") && !text.contains("<script"), "{text}");
    assert_eq!(
        tl["events"][0]["media"]["url"].as_str().unwrap().find('"'),
        None
    );
    assert_valid(&json_schema(), &json(&run("json")), "hostile json");
    assert_valid(&w3c_schema(), &json(&run("w3c")), "hostile w3c");
}

#[test]
fn the_schemas_refuse_what_the_formats_forbid() {
    // So that a passing validation above means something.
    let tl = json(r#"{"events": [{"start_date": {"month": 1}, "text": {"headline": "x"}}]}"#);
    assert!(!timelinejs_schema().is_valid(&tl), "a date without a year");
    let tl = json(r#"{"events": [{"start_date": {"year": 2021, "day": 3}}]}"#);
    assert!(!timelinejs_schema().is_valid(&tl), "a day without a month");
    let w3c = json(
        r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x", "type": "AnnotationCollection",
            "first": {"type": "AnnotationPage", "items": [{"id": "urn:a", "type": "Annotation"}]}}"#,
    );
    assert!(
        !w3c_schema().is_valid(&w3c),
        "an annotation without a target"
    );
    let mut doc = json(&sample("json", &[]).out);
    doc["events"][0]["date"]["precision"] = "week".into();
    assert!(!json_schema().is_valid(&doc), "an unknown precision");
}
