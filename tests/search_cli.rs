//! `chronique search` run as a real process.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronique"))
        .arg("search")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

const FIXTURE: &str = "tests/fixtures/search";

#[test]
fn prints_kind_id_score_and_text_per_line() {
    let o = run(&["--corpus", FIXTURE, "entreprise"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0][0], "quote");
    assert_eq!(lines[0][1], "a1#q1");
    assert!(lines[0][2].parse::<i64>().is_ok());
    assert_eq!(
        lines[0][3],
        "Parler — Cela va tuer l’entreprise — Déjà vu, 11 janv. 2021"
    );
    assert_eq!(lines[1][..2], ["paragraph", "a1:p1"]);
}

#[test]
fn accents_and_apostrophes_fold() {
    let o = run(&["--corpus", FIXTURE, "--kind", "article", "deja"]);
    assert_eq!(
        stdout(&o),
        format!(
            "article\ta1\t{}\tDéjà vu — AFP, 11 janvier 2021\n",
            score(&o)
        )
    );
    let o = run(&["--corpus", FIXTURE, "q:l'entreprise"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("quote\ta1#q1\t"));
}

fn score(o: &Output) -> String {
    stdout(o).split('\t').nth(2).unwrap_or_default().to_string()
}

#[test]
fn kind_prefix_and_limit() {
    let o = run(&["--corpus", FIXTURE, "--kind", "event", "evenement"]);
    assert!(stdout(&o).starts_with("event\tev1\t"));
    let o = run(&["--corpus", FIXTURE, "e:", "capitole"]);
    assert_eq!(stdout(&o).lines().count(), 1);
    let o = run(&["--corpus", FIXTURE, "--limit", "1", "entreprise"]);
    assert_eq!(stdout(&o).lines().count(), 1);
    let o = run(&["--corpus", FIXTURE, "--kind", "paragraph", "second"]);
    assert!(stdout(&o).starts_with("paragraph\ta1:p2\t"));
}

#[test]
fn json_lines_carry_matched_byte_ranges() {
    let o = run(&["--corpus", FIXTURE, "--json", "q:deja"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "quotes match on speaker and words"
    );
    let o = run(&["--corpus", FIXTURE, "--json", "a:deja"]);
    let line: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(line["kind"], "article");
    assert_eq!(line["id"], "a1");
    assert_eq!(line["date"], "2021-01-11");
    let text = line["text"].as_str().unwrap();
    let ranges = line["matches"].as_array().unwrap();
    let matched: String = ranges
        .iter()
        .map(|r| {
            let (s, e) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            &text[s..e]
        })
        .collect();
    assert_eq!(matched, "Déjà");
}

#[test]
fn exit_codes_are_like_grep() {
    assert_eq!(run(&["--corpus", FIXTURE, "zzqx"]).status.code(), Some(1));
    assert!(stdout(&run(&["--corpus", FIXTURE, "zzqx"])).is_empty());
    assert_eq!(
        run(&["--corpus", "no/such/dir", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["--corpus", FIXTURE]).status.code(),
        Some(2),
        "no query"
    );
    assert_eq!(
        run(&["--corpus", FIXTURE, "q:"]).status.code(),
        Some(2),
        "empty query"
    );
    assert_eq!(run(&["--kind", "nope", "x"]).status.code(), Some(2));
}

#[test]
fn searches_the_sample_corpus_by_default() {
    let o = run(&["--kind", "quote", "--limit", "3", "tuer entreprise"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.lines().all(|l| l.starts_with("quote\t")));
    assert!(out.starts_with("quote\tafp-2021-01-11#q2\t"), "{out}");
}

/// One result is one line, whatever the corpus holds: ids and texts with
/// line breaks and escape sequences are shown by their stand-ins.
#[test]
fn results_never_carry_escape_sequences_or_extra_lines() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chronique"))
        .args(["search", "--corpus", "tests/fixtures/hostile", "pi"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    for line in stdout.lines() {
        assert_eq!(line.split('\t').count(), 4, "{line:?}");
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "{line:?}"
        );
    }
    assert!(
        stdout.contains("event\tforged␊tests/fixtures/hostile/timeline.yaml:1:1: error: forged\t"),
        "{stdout}"
    );
    assert!(stdout.contains("Orateur␛]0;pwned-speaker␇"), "{stdout}");
}
