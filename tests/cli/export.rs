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

mod formats;

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
                // Written list by list, it reads as the one value printed.
                assert_eq!(run.out, serde_json::to_string_pretty(&doc).unwrap() + "\n");
            }
            "timelinejs" => {
                let doc = json(&run.out);
                assert_valid(&timelinejs_schema(), &doc, "empty timelinejs");
                assert_eq!(run.out, serde_json::to_string_pretty(&doc).unwrap() + "\n");
            }
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

#[test]
fn the_readers_export_writes_what_its_timeline_filter_shows() {
    use chronique::annotations::filter::Filter;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(ANNOTATIONS)).unwrap();
    let (annotations, _) =
        chronique::annotations::format::from_yaml(&text, Path::new(ANNOTATIONS)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let job = chronique::export::Job {
        corpus: std::sync::Arc::new(corpus()),
        annotations: std::sync::Arc::new(annotations),
        format: chronique::export::Format::Markdown,
        path: dir.path().join("export.md"),
        options: chronique::export::Options {
            filter: Some(Filter::Starred),
            ..Default::default()
        },
    };
    assert_eq!(job.run(), Ok(dir.path().join("export.md")));
    let written = std::fs::read_to_string(dir.path().join("export.md")).unwrap();
    assert_eq!(written, sample("markdown", &["--starred"]).out);
    let nowhere = chronique::export::Job {
        path: "/nonexistent-dir/x.md".into(),
        ..job
    };
    assert!(nowhere.run().unwrap_err().contains("cannot write"));
}

#[test]
fn a_readers_event_without_a_readable_date_comes_last_and_is_left_off_timelines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annotations.yaml");
    std::fs::write(
        &file,
        "version: 1\nreader_events:\n  - id: r-9\n    date: bientôt\n    title: Un jour, peut-être\n",
    )
    .unwrap();
    let run = |format: &str| {
        let r = export(&[
            "-f",
            format,
            "--corpus",
            "data",
            "--annotations",
            file.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "{format}: {}", r.err);
        r.out
    };
    let md = run("markdown");
    let last = md.rfind("\n## ").unwrap() + 1;
    assert!(
        md[last..].starts_with("## Sans date lisible\n\n### bientôt — Un jour, peut-être"),
        "{}",
        &md[last..]
    );
    let doc = json(&run("json"));
    assert_eq!(
        doc["events"].as_array().unwrap().last().unwrap()["date"],
        Value::Null
    );
    assert_valid(&json_schema(), &doc, "undated json");
    assert!(!run("csv").contains("r-9"), "Timesketch needs a datetime");
    assert!(
        !run("timelinejs").contains("r-9"),
        "TimelineJS needs a start_date"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_named_as_the_annotations_file_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("annotations.yaml");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let run = export(&[
        "-f",
        "json",
        "--corpus",
        "data",
        "--annotations",
        fifo.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.err.starts_with(&format!(
            "{}:1:1: error: cannot read the annotations file",
            fifo.display()
        )),
        "{}",
        run.err
    );
}

#[test]
fn a_disputed_event_carries_its_accounts_and_an_inferred_fact_its_note() {
    let only = ["--event", "aws-suspends-parler"];
    let disagreement = "3 sources en désaccord : 10 vs 11 janvier";
    let afp = "AFP, 11 janvier 2021 → 11 janvier 2021";
    let inferred = "≈ date : inferred — the AFP";

    let doc = json(&sample("json", &only).out);
    assert_valid(&json_schema(), &doc, "disputed json");
    let event = &doc["events"][0];
    assert_eq!(event["disputed"], true);
    assert_eq!(event["disagreement"], disagreement);
    assert_eq!(event["provenance"][0]["kind"], "inferred");
    assert_eq!(
        event["accounts"][0]["source"]["key"],
        "clubic-2021-01-15#q3"
    );
    assert_eq!(event["accounts"][0]["date"]["iso"], "2021-01-10");
    let afp_article = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "afp-2021-01-11")
        .unwrap();
    assert_eq!(afp_article["provenance"][0]["field"], "published");

    let md = sample("markdown", &only).out;
    assert!(md.contains("Parler ⚠ ≈\n"), "the heading is marked: {md}");
    assert!(md.contains(&format!("⚠ {disagreement}")), "{md}");
    assert!(md.contains(&format!("- {afp} : ")), "each account: {md}");
    assert!(md.contains(&format!("*{inferred}")), "{md}");

    let html = sample("html", &only).out;
    assert!(html.contains(&format!("<p class=\"disputed\">⚠ {disagreement}</p>")));
    assert!(html.contains(&format!("<li>{afp} : ")), "{html}");
    assert!(html.contains(inferred), "{html}");

    let tl = json(&sample("timelinejs", &only).out);
    let text = tl["events"][0]["text"]["text"].as_str().unwrap();
    assert!(
        text.contains(disagreement) && text.contains(afp) && text.contains(inferred),
        "{text}"
    );

    // An event whose sources agree is not marked.
    let calm = sample("markdown", &["--event", "capitol-attack"]).out;
    assert!(!calm.contains('⚠'), "{calm}");
}
