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
        "quotes match on speaker and words, not their article's title"
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
    let o = run(&["--limit", "3", "tuer entreprise"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("quote\tafp-2021-01-11#q2\t"), "{out}");
    let o = run(&["--kind", "quote", "tuer entreprise"]);
    assert_eq!(
        stdout(&o).lines().count(),
        1,
        "the one quote with both words"
    );
}

/// The ids of the results of `query` on the sample corpus, and how many of
/// their texts contain `word`.
fn sample_results(query: &str, word: &str) -> (Vec<String>, usize) {
    let out = stdout(&run(&[query]));
    let ids = out
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap().to_string())
        .collect();
    let containing = out
        .lines()
        .filter(|l| l.to_lowercase().contains(word))
        .count();
    (ids, containing)
}

#[test]
fn keyword_queries_of_the_sample_corpus_are_precise() {
    // Before: 75 results, 1 with the word.
    let (ids, containing) = sample_results("préavis", "préavis");
    assert_eq!((ids.len(), containing), (1, 1), "{ids:?}");
    // Before: 93 results, 17 relevant. Now the 15 with the word, then the
    // two with a word within a typo of it ("serveur").
    let (ids, containing) = sample_results("serveurs", "serveurs");
    assert_eq!((ids.len(), containing), (17, 15), "{ids:?}");
    let out = stdout(&run(&["serveurs"]));
    let first_without = out.lines().position(|l| !l.contains("serveurs"));
    assert_eq!(first_without, Some(15), "the word as typed first:\n{out}");
    // Before: the results with the word ranked below some without it.
    let (ids, containing) = sample_results("injonction", "injonction");
    assert_eq!(ids.len(), containing, "{ids:?}");
    assert!(containing >= 5);
    for nothing in ["zzzz", "qqqqqq"] {
        let o = run(&[nothing]);
        assert_eq!(
            (o.status.code(), stdout(&o).as_str()),
            (Some(1), ""),
            "{nothing}"
        );
    }
}

#[test]
fn fzf_syntax_and_exact_mode() {
    let count = |args: &[&str]| stdout(&run(args)).lines().count();
    assert_eq!(
        count(&["'preavis"]),
        1,
        "an apostrophe is the exact operator"
    );
    assert!(count(&["^Parler"]) > 0);
    assert!(count(&["!parler"]) > 0);
    let all = count(&["--kind", "paragraph", "amazon"]);
    let without = count(&["--kind", "paragraph", "amazon", "!parler"]);
    let with = count(&["--kind", "paragraph", "amazon", "'parler"]);
    assert!(
        without > 0 && with > 0 && without + with == all,
        "{all} {without} {with}"
    );
    assert_eq!(count(&["serveurs"]), 17);
    assert_eq!(count(&["--exact", "serveurs"]), 15, "typos are not exact");
    assert_eq!(count(&["-e", "'serveurs"]), 17, "fuzzy again");
    assert!(count(&["tuer | couper"]) > count(&["tuer"]));
}

#[test]
fn speaker_tag_and_date_filters() {
    let out = stdout(&run(&["@matze"]));
    assert!(
        !out.is_empty() && out.lines().all(|l| l.contains("\tJohn Matze")),
        "{out}"
    );
    let out = stdout(&run(&["@matze", "serveurs"]));
    assert_eq!(out.lines().count(), 1, "{out}");
    let dated = stdout(&run(&["--kind", "article", "2021-03.."]));
    assert!(
        !dated.is_empty() && dated.lines().all(|l| l.contains("2021")),
        "{dated}"
    );
    let january = stdout(&run(&["--kind", "article", "2021-01-08..2021-01-12"]));
    assert!(!january.is_empty());
    assert!(dated.lines().all(|l| !january.contains(l)));
}

#[test]
fn article_scope() {
    let out = stdout(&run(&["--article", "clubic-2021-01-15", "serveurs"]));
    assert!(!out.is_empty());
    assert!(
        out.lines().all(|l| l.contains("\tclubic-2021-01-15")),
        "{out}"
    );
    let o = run(&["--article", "nope", "serveurs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no article has the id \"nope\""));
}

#[test]
fn json_has_separate_fields() {
    let o = run(&["--json", "q:@matze serveurs"]);
    assert_eq!(o.status.code(), Some(0));
    let line: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(line["kind"], "quote");
    assert_eq!(line["id"], "afp-2021-01-11#q10");
    assert_eq!(
        line["speaker"],
        "John Matze (cofondateur de Parler, sur Fox News)"
    );
    assert_eq!(line["article"], "afp-2021-01-11");
    assert!(line["title"]
        .as_str()
        .unwrap()
        .starts_with("Le réseau social conservateur"));
    assert_eq!(line["date"], "2021-01-11");
    assert_eq!(line["events"], serde_json::json!(["matze-responds"]));
    assert!(line["score"].as_i64().unwrap() > 0);
    let text = line["text"].as_str().unwrap();
    let matched: Vec<&str> = line["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(matched, ["Matze", "serveurs"]);
}

#[test]
fn tags_of_the_corpus_and_of_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annotations.yaml");
    std::fs::write(
        &file,
        "version: 1\nquotes:\n  a1#q1:\n    tags: [à-vérifier]\nevents:\n  ev1:\n    tags: [vu]\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let o = run(&["--corpus", FIXTURE, "--annotations", path, "#a-verifier"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 1);
    assert!(stdout(&o).starts_with("quote\ta1#q1\t"));
    let o = run(&[
        "--corpus",
        FIXTURE,
        "--annotations",
        path,
        "#vu",
        "capitole",
    ]);
    assert!(stdout(&o).starts_with("event\tev1\t"));
    // Without the reader's file: nothing is tagged so.
    let none = dir.path().join("none.yaml");
    let o = run(&[
        "--corpus",
        FIXTURE,
        "--annotations",
        none.to_str().unwrap(),
        "#vu",
    ]);
    assert_eq!(o.status.code(), Some(1));
    // A malformed file is an error placed in it.
    std::fs::write(&file, "quotes: [\n").unwrap();
    let o = run(&["--corpus", FIXTURE, "--annotations", path, "#vu"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("annotations.yaml:"), "{err}");
    // The sample corpus has tags of its own.
    let out = stdout(&run(&["--kind", "article", "#justice"]));
    assert!(out.lines().count() >= 3, "{out}");
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

#[test]
fn is_disputed_keeps_the_events_whose_sources_disagree() {
    let ids = |query: &str| -> Vec<String> {
        let out = stdout(&run(&["--corpus", "data", query]));
        out.lines()
            .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join(" "))
            .collect()
    };
    let mut disputed = ids("is:disputed");
    disputed.sort();
    assert_eq!(
        disputed,
        ["event aws-suspends-parler", "event parler-sues-aws"]
    );
    // It combines with the other terms, and a word alone finds more.
    assert_eq!(ids("is:disputed plainte"), ["event parler-sues-aws"]);
    assert!(ids("plainte").len() > 1);
}

/// A warm search shows its paragraphs from the cache's parses (the index
/// keeps no copy of their texts): the same lines as a cold one.
#[test]
fn a_warm_search_prints_the_paragraphs_a_cold_one_prints() {
    let cache = tempfile::tempdir().unwrap();
    let search = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_chronique"))
            .arg("search")
            .args(["--corpus", FIXTURE])
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_CACHE_HOME", cache.path())
            .output()
            .unwrap();
        (o.status.code(), stdout(&o))
    };
    for args in [
        &["second"][..],
        &["--kind", "paragraph", "second"],
        &["--limit", "1", "entreprise"],
    ] {
        let cold = search(args);
        assert!(cache.path().join("chronique").exists());
        assert_eq!(search(args), cold, "{args:?}");
    }
    let (_, out) = search(&["--kind", "paragraph", "second"]);
    let line = out.lines().next().unwrap();
    assert!(line.starts_with("paragraph\ta1:p2\t"), "{out}");
    assert!(
        line.split('\t').nth(3).is_some_and(|t| t.len() > 5),
        "{out}"
    );
}

/// An article's parse damaged in the cache (its hash no longer checks
/// out): the search loads the corpus, which parses that file again, and
/// answers as before.
#[test]
fn a_damaged_parse_in_the_cache_still_gives_the_paragraphs() {
    let cache = tempfile::tempdir().unwrap();
    let search = || {
        let o = Command::new(env!("CARGO_BIN_EXE_chronique"))
            .args([
                "search",
                "--corpus",
                FIXTURE,
                "--kind",
                "paragraph",
                "second",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_CACHE_HOME", cache.path())
            .output()
            .unwrap();
        (o.status.code(), stdout(&o))
    };
    let cold = search();
    assert_eq!(cold.0, Some(0), "{}", cold.1);
    let file = std::fs::read_dir(cache.path().join("chronique"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&file).unwrap();
    // The body is only in the article's parse (the index keeps it folded).
    let needle = b"Un second paragraphe";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    bytes[at] = b'V';
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(search(), cold);
    assert_eq!(search(), cold, "and the cache written again");
}
