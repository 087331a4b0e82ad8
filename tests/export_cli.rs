//! `chronique export`: golden files for each format on the sample corpus
//! with a fixture annotations file; the JSON outputs validated against
//! their schemas (our own in docs/, TimelineJS's documented fields, the W3C
//! model's required properties); CSV read back; the HTML parsed; filters,
//! empty results, usage errors and the atomic `-o`.
//!
//! `UPDATE_GOLDEN=1 cargo test --test export_cli` rewrites the golden files.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const ANNOTATIONS: &str = "tests/fixtures/export/annotations.yaml";
const FORMATS: [(&str, &str); 7] = [
    ("json", "json"),
    ("csv", "csv"),
    ("jsonl", "jsonl"),
    ("markdown", "md"),
    ("html", "html"),
    ("timelinejs", "timelinejs.json"),
    ("w3c", "jsonld"),
];

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn export(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_chronique"))
        .arg("export")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_DATA_HOME", "/nonexistent-chronique-test")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8(out.stdout).expect("UTF-8 output"),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The sample corpus with the fixture annotations, in `format`, plus `extra`.
fn sample(format: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "-f",
        format,
        "--corpus",
        "data",
        "--annotations",
        ANNOTATIONS,
    ];
    args.extend_from_slice(extra);
    let run = export(&args);
    assert_eq!(run.code, 0, "{format} {extra:?}: {}", run.err);
    run
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}:\n{text}"))
}

fn schema(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    jsonschema::validator_for(&json(&text)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

fn json_schema() -> jsonschema::Validator {
    schema("docs/export-json.schema.json")
}
fn timelinejs_schema() -> jsonschema::Validator {
    schema("tests/fixtures/export/timelinejs.schema.json")
}
fn w3c_schema() -> jsonschema::Validator {
    schema("tests/fixtures/export/w3c-annotation.schema.json")
}

#[test]
fn each_format_matches_its_golden_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for (format, ext) in FORMATS {
        let got = sample(format, &[]).out;
        let path = dir.join(format!("sample.{ext}"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
        if got != want {
            stale.push(format!(
                "{format}: differs from {} (UPDATE_GOLDEN=1 rewrites it)",
                path.display()
            ));
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

fn corpus() -> chronique::corpus::Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    chronique::corpus::load_dir(&dir, &Default::default())
        .unwrap()
        .corpus
}

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
    let clubic = &corpus.articles[corpus.article_index("clubic-2021-01-15").unwrap()];
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

fn html_problems(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut problems = Vec::new();
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    for tag in [
        "script", "iframe", "object", "embed", "img", "link", "base", "form",
    ] {
        if doc.select(&sel(tag)).next().is_some() {
            problems.push(format!("a <{tag}> element"));
        }
    }
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            if name == "src" || name == "srcset" || name.starts_with("on") || name == "style" {
                problems.push(format!("<{} {name}={value:?}>", el.value().name()));
            }
            if name == "href" && !value.starts_with("https://") && !value.starts_with("http://") {
                problems.push(format!("href={value:?}"));
            }
        }
    }
    for style in doc.select(&sel("style")) {
        let css: String = style.text().collect();
        if css.contains("url(") || css.contains("@import") {
            problems.push("a remote resource in the style sheet".into());
        }
    }
    if doc
        .select(&sel("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .is_none()
    {
        problems.push("no Content-Security-Policy".into());
    }
    problems
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

fn event_ids(format_json: &str) -> Vec<String> {
    json(format_json)["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn filters_keep_what_the_reader_asked_for() {
    let ids = |extra: &[&str]| event_ids(&sample("json", extra).out);
    // Starred: an event, the event of a starred quote, the reader's event.
    assert_eq!(
        ids(&["--starred"]),
        ["r-1", "aws-suspends-parler", "parler-sues-aws"]
    );
    // Through a quote's status.
    assert_eq!(ids(&["--status", "disputed"]), ["parler-sues-aws"]);
    // A corpus tag, and a reader's tag (on the event or a highlight about it).
    assert_eq!(ids(&["--tag", "violence"]), ["capitol-attack"]);
    assert_eq!(ids(&["--tag", "à-suivre"]), ["r-1", "aws-suspends-parler"]);
    // Filters combine.
    assert_eq!(
        ids(&["--tag", "hébergement", "--starred"]),
        ["aws-suspends-parler", "parler-sues-aws"],
        "each filter matches on its own: a corpus tag and a starred quote"
    );
    assert_eq!(
        ids(&["--tag", "violence", "--starred"]),
        Vec::<String>::new()
    );
    // A month-only event overlaps a range that starts inside its month.
    let feb_on = ids(&["--from", "2021-02"]);
    assert_eq!(
        feb_on,
        [
            "parler-back-online-epik",
            "parler-drops-suit",
            "parler-new-complaint",
            "amazon-responds-new-complaint"
        ]
    );
    let late_jan = ids(&["--from", "2021-01-12", "--to", "2021-01-31"]);
    assert!(late_jan.contains(&"gab-growth".to_string()), "{late_jan:?}");
    assert!(late_jan.contains(&"aws-court-reply".to_string()));
    assert!(!late_jan.contains(&"parler-sues-aws".to_string()));
    assert_eq!(
        ids(&["--event", "r-1", "--event", "gab-growth"]),
        ["gab-growth", "r-1"],
        "in timeline order"
    );
    // Leaving the reader's own items out, or all annotations.
    let corpus_only = json(&sample("json", &["--corpus-only", "--starred"]).out);
    assert_eq!(
        event_ids(&corpus_only.to_string()),
        ["aws-suspends-parler", "parler-sues-aws"]
    );
    assert_eq!(corpus_only["highlights"].as_array().unwrap().len(), 0);
    assert!(
        !corpus_only["events"][0]["annotation"].is_null(),
        "notes on the corpus's are kept"
    );
    let md = sample("markdown", &["--starred", "--no-notes"]).out;
    assert!(
        md.contains("Amazon Web Services cesse d'héberger Parler"),
        "{md}"
    );
    assert!(
        !md.contains("Note du lecteur") && !md.contains("📰"),
        "{md}"
    );
    assert!(
        !md.contains("Amazon prévient Parler"),
        "no reader's event: {md}"
    );
}

#[test]
fn nothing_matched_gives_a_valid_empty_document_and_says_so() {
    for (format, _) in FORMATS {
        let run = sample(format, &["--tag", "aucun-tag-de-ce-nom"]);
        assert!(run.err.contains("nothing matched"), "{format}: {}", run.err);
        match format {
            "json" => {
                let doc = json(&run.out);
                assert_valid(&json_schema(), &doc, "empty json");
                assert_eq!(doc["events"].as_array().unwrap().len(), 0);
            }
            "timelinejs" => assert_valid(&timelinejs_schema(), &json(&run.out), "empty timelinejs"),
            "w3c" => assert_valid(&w3c_schema(), &json(&run.out), "empty w3c"),
            "csv" => {
                let mut r = csv::Reader::from_reader(run.out.as_bytes());
                assert!(r.headers().unwrap().iter().any(|h| h == "datetime"));
                assert_eq!(r.records().count(), 0);
            }
            "jsonl" => assert_eq!(run.out, ""),
            "html" => {
                assert_eq!(html_problems(&run.out), Vec::<String>::new());
                assert!(run
                    .out
                    .contains("Aucun événement ne correspond aux filtres."));
            }
            _ => assert!(run.out.contains("Aucun événement"), "{}", run.out),
        }
    }
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let unknown = export(&["-f", "pdf", "--corpus", "data"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.err.contains("invalid value 'pdf'"),
        "{}",
        unknown.err
    );
    assert!(
        unknown.err.contains("timelinejs"),
        "the formats are listed: {}",
        unknown.err
    );
    assert_eq!(unknown.out, "");
    let date = export(&["-f", "json", "--corpus", "data", "--from", "2021-13"]);
    assert_eq!(date.code, 2);
    assert!(date.err.contains("month 13"), "{}", date.err);
    let event = export(&["-f", "json", "--corpus", "data", "--event", "nope"]);
    assert_eq!(event.code, 2);
    assert!(
        event.err.contains("--event nope: no such event"),
        "{}",
        event.err
    );
    assert_eq!(event.out, "");
}

#[test]
fn a_malformed_annotations_file_is_placed_at_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("annotations.yaml");
    std::fs::write(&bad, "version: 1\nevents:\n  e1:\n    note: \"unclosed\n").unwrap();
    let run = export(&[
        "-f",
        "json",
        "--corpus",
        "data",
        "--annotations",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    let first = run.err.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("{}:", bad.display())) && first.contains(": error: "),
        "{}",
        run.err
    );
    assert_eq!(run.out, "");
    let missing = export(&[
        "-f",
        "json",
        "--corpus",
        "data",
        "--annotations",
        "/nonexistent/a.yaml",
    ]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.err.starts_with("/nonexistent/a.yaml:1:1: error:"),
        "{}",
        missing.err
    );
}

#[test]
fn output_file_is_written_atomically_and_a_failed_write_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("timeline.md");
    std::fs::write(&path, "ancien contenu").unwrap();
    let p = path.to_str().unwrap();
    let run = sample("markdown", &["-o", p]);
    assert_eq!(run.out, "", "nothing on standard output");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        sample("markdown", &[]).out
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["timeline.md"], "no temporary file left");
    let nowhere = export(&[
        "-f",
        "csv",
        "--corpus",
        "data",
        "-o",
        "/nonexistent-dir/x.csv",
    ]);
    assert_eq!(nowhere.code, 2);
    assert!(
        nowhere.err.contains("/nonexistent-dir/x.csv: cannot write"),
        "{}",
        nowhere.err
    );
}

#[test]
fn the_annotations_beside_the_corpus_are_read_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::copy(
        root.join("data/timeline.yaml"),
        dir.path().join("timeline.yaml"),
    )
    .unwrap();
    for e in std::fs::read_dir(root.join("data/articles")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join("articles").join(e.file_name())).unwrap();
    }
    std::fs::copy(root.join(ANNOTATIONS), dir.path().join("annotations.yaml")).unwrap();
    let run = export(&[
        "-f",
        "jsonl",
        "--corpus",
        dir.path().to_str().unwrap(),
        "--starred",
    ]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.out.lines().count(), 3, "{}", run.out);
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

#[test]
fn a_corpus_with_errors_is_exported_as_read_with_a_warning() {
    let run = export(&["-f", "json", "--corpus", "tests/fixtures/malformed"]);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(
        run.err.contains("the corpus has") && run.err.contains("chronique check"),
        "{}",
        run.err
    );
    assert_valid(&json_schema(), &json(&run.out), "malformed corpus json");
}
