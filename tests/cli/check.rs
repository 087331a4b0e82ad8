//! `chronique check` on the sample corpus and on malformed files: one
//! `path:line:col: severity: message` line per problem, a summary, exit 1 on
//! errors; never a panic.

use std::path::Path;
use std::process::Command;

fn check(dir: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_chronique"))
        .args(["check", dir])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_sample_corpus_is_clean() {
    let (code, out, _) = check("data");
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out.trim(),
        "5 articles, 17 events, 53 quotes: 0 errors, 0 warnings"
    );
}

#[test]
fn without_a_corpus_it_checks_data_or_the_embedded_sample() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_chronique"))
        .arg("check")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("5 articles, 17 events, 53 quotes"));
}

/// Every expected diagnostic, exactly as printed (path:line:col included).
const EXPECTED: &[&str] = &[
    "articles/alias-bomb.md:12:4: error: `tags`: wrong type: sequence, expected a string",
    "articles/binary.md:2:8: error: this looks like a binary file (it contains a NUL byte): corpus files are UTF-8 text",
    "articles/deep-nesting.md:4:1: warning: unknown field `extra` in article front matter",
    "articles/deep-nesting.md:4:136: error: nested more than 128 levels deep (`[` or `{` inside one another): this value is not read; flatten it",
    "articles/empty.md:1:1: error: empty file",
    "articles/good.md:5:22: error: unknown event `missing-event`: no event in the timeline has this id",
    "articles/good.md:13:11: error: quote `q2` is not in the body",
    "articles/good.md:15:11: error: quote `q3`: occurrence 3 asked for, but the passage occurs only 1 time(s) in the body",
    "articles/good.md:17:5: warning: unknown field `speker` in quote: did you mean `speaker`?",
    "articles/good.md:18:9: error: duplicate quote id `q1` in this article",
    "articles/invalid-utf8.md:3:12: error: invalid UTF-8 (byte 0xE9): save the file as UTF-8",
    "articles/missing-id.md:2:1: error: missing required field `id`: add it",
    "articles/no-front-matter.md:1:1: error: missing front matter",
    "articles/unclosed.md:1:1: error: the front matter is not closed",
    "articles/yaml-syntax.md:5:1: error: `title`: found unexpected end of stream, while scanning a quoted scalar",
    "articles/z-duplicate.md:2:5: error: duplicate article id `good`: tests/fixtures/malformed/articles/good.md already uses it",
    "timeline.yaml:3:1: warning: unknown field `colour` in the timeline",
    "timeline.yaml:9:9: error: duplicate event id `good-event`",
    "timeline.yaml:12:9: error: invalid event id `Bad_Id`: use lowercase letters, digits and `-` (e.g. `bad-id`)",
    "timeline.yaml:13:11: error: invalid date `2021-02-30`: there is no such day in the calendar",
    "timeline.yaml:15:5: error: missing required field `title`: add it",
    "timeline.yaml:20:5: warning: unknown field `sumary` in event: did you mean `summary`?",
    "timeline.yaml:21:15: error: unknown source `nowhere`: no article has this id",
    "timeline.yaml:21:24: error: unknown quote `q9` in source `good#q9`: article `good` has no quote with this id",
    "timeline.yaml:21:33: error: unknown article `ghost` in source `ghost#q1`",
    "timeline.yaml:24:13: error: `title`: wrong type: sequence, expected a string",
];

#[test]
fn malformed_files_get_positioned_diagnostics_and_the_rest_still_loads() {
    let (code, out, err) = check("tests/fixtures/malformed");
    assert_eq!(code, 1, "errors exit 1");
    assert!(err.is_empty(), "no panic, nothing on stderr: {err}");
    let lines: Vec<&str> = out.lines().collect();
    for expected in EXPECTED {
        let full = format!("tests/fixtures/malformed/{expected}");
        assert!(
            lines.iter().any(|l| l.starts_with(&full)),
            "missing diagnostic:\n  {full}\nin:\n{out}"
        );
    }
    // The good article and the good events are still there.
    assert_eq!(
        lines.last().unwrap(),
        &"2 articles, 2 events, 3 quotes: 22 errors, 4 warnings"
    );
    for line in &lines[..lines.len() - 1] {
        assert!(line.len() < 400, "diagnostics stay short: {line}");
    }
}

#[test]
fn a_50_mb_single_line_and_a_huge_scalar_are_reported_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(
        root.join("timeline.yaml"),
        format!("events: {}", "a".repeat(50_000_000)),
    )
    .unwrap();
    std::fs::write(root.join("articles/line.md"), "x".repeat(50_000_000)).unwrap();
    let (code, out, _) = check(root.to_str().unwrap());
    assert_eq!(code, 1);
    assert!(
        out.contains("timeline.yaml:1:9: error: `events`: wrong type: string"),
        "{out}"
    );
    assert!(
        out.contains("line.md:1:1: error: missing front matter"),
        "{out}"
    );
    assert!(out.len() < 2_000, "the 50 MB value is not echoed");
}

#[test]
fn a_missing_directory_is_a_usage_error() {
    let (code, _, err) = check("no/such/dir");
    assert_eq!(code, 2);
    assert!(
        err.contains("no/such/dir: cannot read the corpus directory"),
        "{err}"
    );
}

#[test]
fn help_and_version_work() {
    for arg in ["--help", "--version"] {
        let out = Command::new(env!("CARGO_BIN_EXE_chronique"))
            .arg(arg)
            .output()
            .unwrap();
        assert!(out.status.success(), "{arg}");
    }
    assert!(Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/malformed")
        .is_dir());
}

/// An id holding a line break cannot forge a diagnostic line, and no escape
/// sequence from a file reaches the terminal through `check`.
#[test]
fn check_prints_one_line_per_problem_and_no_escape_sequence() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chronique"))
        .args(["check", "tests/fixtures/hostile"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with(
            "tests/fixtures/hostile/timeline.yaml:13:9: error: invalid event id `forged␊tests/"
        ),
        "{stdout}"
    );
    assert!(lines[1].ends_with(": 1 error, 0 warnings"), "{stdout}");
    assert!(
        !stdout.chars().any(|c| c.is_control() && c != '\n'),
        "{stdout:?}"
    );
}

/// `check` on a temporary corpus, giving up (and failing) if it hangs.
#[cfg(unix)]
fn check_bounded(dir: &Path) -> String {
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronique"))
        .arg("check")
        .arg(dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("check never finished (blocked on a FIFO?)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[cfg(unix)]
fn article(id: &str) -> String {
    format!("---\nid: {id}\ntitle: {id}\n---\nbody\n")
}

#[cfg(unix)]
#[test]
fn symlinks_that_leave_the_corpus_are_refused_and_links_inside_it_are_read() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), article("secret")).unwrap();
    std::fs::write(outside.path().join("timeline.yaml"), "events: []\n").unwrap();
    let corpus = tempfile::tempdir().unwrap();
    let root = corpus.path();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    std::fs::write(root.join("drafts/kept.md"), article("kept")).unwrap();
    std::fs::write(root.join("articles/plain.md"), article("plain")).unwrap();
    symlink(
        outside.path().join("secret.md"),
        root.join("articles/secret.md"),
    )
    .unwrap();
    symlink("/dev/zero", root.join("articles/zero.md")).unwrap();
    symlink("../drafts/kept.md", root.join("articles/kept.md")).unwrap();
    symlink(
        outside.path().join("timeline.yaml"),
        root.join("timeline.yaml"),
    )
    .unwrap();
    let out = check_bounded(root);
    let leaves = "1:1: error: not read: this symlink leaves the corpus directory";
    for name in ["articles/secret.md", "articles/zero.md", "timeline.yaml"] {
        let expected = format!("{}:{leaves}", root.join(name).display());
        assert!(out.contains(&expected), "{expected}\nin:\n{out}");
    }
    assert!(
        out.ends_with("2 articles, 0 events, 0 quotes: 3 errors, 0 warnings\n"),
        "{out}"
    );

    // An `articles/` folder that is itself a link out of the corpus.
    std::fs::remove_dir_all(root.join("articles")).unwrap();
    std::fs::remove_file(root.join("timeline.yaml")).unwrap();
    std::fs::write(root.join("timeline.yaml"), "events: []\n").unwrap();
    symlink(outside.path(), root.join("articles")).unwrap();
    let out = check_bounded(root);
    assert!(
        out.contains(&format!(
            "{}:{leaves}",
            root.join("articles/secret.md").display()
        )),
        "{out}"
    );
    assert!(out.contains("0 articles"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_huge_file_is_an_error_and_the_rest_loads() {
    let corpus = tempfile::tempdir().unwrap();
    let root = corpus.path();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    std::fs::write(root.join("articles/plain.md"), article("plain")).unwrap();
    for fifo in ["articles/pipe.md", "timeline.yaml"] {
        let made = Command::new("mkfifo").arg(root.join(fifo)).status();
        assert!(made.unwrap().success(), "mkfifo");
    }
    // Sparse: 65 MiB long, nothing written.
    let big = std::fs::File::create(root.join("articles/big.md")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap();
    let out = check_bounded(root);
    let at = |name: &str| root.join(name).display().to_string();
    for expected in [
        format!("{}:1:1: error: cannot read the article: not a regular file (a FIFO): only regular files are read", at("articles/pipe.md")),
        format!("{}:1:1: error: cannot read the timeline: not a regular file (a FIFO)", at("timeline.yaml")),
        format!("{}:1:1: error: cannot read the article: too large (65 MiB): files larger than 64 MiB are not read", at("articles/big.md")),
    ] {
        assert!(out.contains(&expected), "{expected}\nin:\n{out}");
    }
    assert!(
        out.ends_with("1 article, 0 events, 0 quotes: 3 errors, 0 warnings\n"),
        "{out}"
    );
}

#[test]
fn an_unreadable_articles_folder_is_an_error() {
    let corpus = tempfile::tempdir().unwrap();
    let root = corpus.path();
    std::fs::write(root.join("timeline.yaml"), "events: []\n").unwrap();
    // Not a folder at all: reading it fails as a folder without rights does
    // (which root, running the tests here, could still read).
    std::fs::write(root.join("articles"), "").unwrap();
    let (code, out, _) = check(root.to_str().unwrap());
    assert_eq!(code, 1, "{out}");
    let expected = format!(
        "{}:1:1: error: cannot read the articles folder: ",
        root.join("articles").display()
    );
    assert!(out.starts_with(&expected), "{expected}\nin:\n{out}");
    assert!(out.contains("none of its articles is loaded"), "{out}");
}

/// `check` on a corpus written from `(path, text)` pairs: its output.
fn check_files(files: &[(&str, String)]) -> String {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(corpus.path().join("articles")).unwrap();
    for (path, text) in files {
        std::fs::write(corpus.path().join(path), text).unwrap();
    }
    let (_, out, err) = check(corpus.path().to_str().unwrap());
    assert!(err.is_empty(), "{err}");
    // Paths shown relative to the corpus, for stable assertions.
    out.replace(&format!("{}/", corpus.path().display()), "")
}

#[test]
fn a_duplicate_key_or_a_huge_integer_loses_only_its_item() {
    let timeline = "events:
  - id: first
    date: 2021-01-01
    title: First
    title: Again
  - id: second
    date: 2021-01-02
    title: Second
    summary: 18446744073709551616
  - id: third
    date: 2021-01-03
    title: Third
    sources: [art]
"
    .to_string();
    let article = "---
id: art
title: An article
title: Its title again
quotes:
  - id: q1
    text: body
    occurrence: 18446744073709551616
  - id: q2
    text: body
---
body
"
    .to_string();
    let out = check_files(&[("timeline.yaml", timeline), ("articles/art.md", article)]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "articles/art.md:4:1: error: duplicate key `title`: only the first one is read; remove or rename this one",
            "articles/art.md:8:17: error: `occurrence`: wrong type: string \"18446744073709551616\", expected u32",
            "timeline.yaml:5:5: error: duplicate key `title`: only the first one is read; remove or rename this one",
            "1 article, 3 events, 1 quote: 3 errors, 0 warnings",
        ],
        "{out}"
    );
}

#[test]
fn a_clean_file_with_a_huge_integer_loads_it_as_text() {
    let timeline =
        "events:\n  - id: a\n    date: 2021\n    title: 18446744073709551616\n".to_string();
    let out = check_files(&[("timeline.yaml", timeline)]);
    assert_eq!(out, "0 articles, 1 event, 0 quotes: 0 errors, 0 warnings\n");
}

#[test]
fn a_deeply_nested_value_is_blanked_at_once_and_the_rest_loads() {
    // 200 KB: libyaml's scan of it took about two minutes.
    let depth = 100_000;
    let deep = format!(
        "events:\n  - id: a\n    date: 2021\n    title: A\n    summary: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let article = format!(
        "---\nid: deep\ntitle: x\ntags: {}\n---\nbody\n",
        "{a: ".repeat(depth)
    );
    let out = check_files(&[
        ("timeline.yaml", deep),
        ("articles/deep.md", article),
        (
            "articles/fine.md",
            "---\nid: fine\ntitle: Fine\n---\nbody\n".into(),
        ),
    ]);
    let refused = "error: nested more than 128 levels deep (`[` or `{` inside one another): this value is not read; flatten it";
    assert!(
        out.contains(&format!("timeline.yaml:5:142: {refused}")),
        "{out}"
    );
    assert!(
        out.contains(&format!("articles/deep.md:4:{}: {refused}", 7 + 128 * 4)),
        "{out}"
    );
    assert!(
        out.ends_with("2 articles, 1 event, 0 quotes: 2 errors, 0 warnings\n"),
        "{out}"
    );
}

#[test]
fn an_article_with_many_quotes_loads() {
    // 40,000 quotes: comparing each id with every earlier one took seconds.
    let mut article = String::from("---\nid: many\ntitle: Many\nquotes:\n");
    for i in 0..40_000 {
        article.push_str(&format!("  - {{id: q{i}, text: body}}\n"));
    }
    article.push_str("  - {id: q7, text: body}\n---\nbody\n");
    let out = check_files(&[
        ("timeline.yaml", "events: []\n".into()),
        ("articles/many.md", article),
    ]);
    assert_eq!(
        out,
        "articles/many.md:40005:10: error: duplicate quote id `q7` in this article: this quote is skipped, give it another id\n\
         1 article, 0 events, 40000 quotes: 1 error, 0 warnings\n"
    );
}

#[test]
fn a_huge_id_is_cut_in_its_diagnostics() {
    let huge = format!("{}-end", "x".repeat(1_000_000));
    let article = format!("---\nid: art\ntitle: T\nevents: [{huge}]\n---\nbody\n");
    let timeline =
        format!("events:\n  - id: a\n    date: 2021\n    title: A\n    sources: [{huge}]\n");
    let out = check_files(&[("timeline.yaml", timeline), ("articles/art.md", article)]);
    let cut = format!("{}…{}-end", "x".repeat(24), "x".repeat(20));
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            format!("articles/art.md:4:10: error: unknown event `{cut}`: no event in the timeline has this id").as_str(),
            &format!("timeline.yaml:5:15: error: unknown source `{cut}`: no article has this id (cite an article id, or `article#quote`)"),
            "1 article, 1 event, 0 quotes: 2 errors, 0 warnings",
        ]
    );
}

#[test]
fn a_file_cut_off_without_a_final_newline_is_placed_on_its_last_line() {
    let out = check_files(&[(
        "timeline.yaml",
        "events:\n  - id: a\n    date: 2021\n    title: [open".into(),
    )]);
    assert!(
        out.starts_with("timeline.yaml:4:17: error: `title`: did not find expected ',' or ']'"),
        "{out}"
    );
}

#[test]
fn sample_writes_the_built_in_corpus_and_refuses_a_non_empty_directory() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("copy");
    let sample = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_chronique"))
            .arg("sample")
            .args(args)
            .arg(&target)
            .output()
            .unwrap()
    };
    let out = sample(&[]);
    assert!(out.status.success(), "{out:?}");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let same = |rel: &str| {
        let copy = std::fs::read(target.join(rel)).unwrap();
        assert_eq!(copy, std::fs::read(data.join(rel)).unwrap(), "{rel}");
    };
    same("timeline.yaml");
    same("articles/afp-2021-01-11.md");
    let (code, out, _) = check(target.to_str().unwrap());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("5 articles, 17 events, 53 quotes: 0 errors"),
        "{out}"
    );

    // Not over the reader's edits, unless asked.
    std::fs::write(target.join("timeline.yaml"), "events: []\n").unwrap();
    let out = sample(&[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not empty") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(target.join("timeline.yaml")).unwrap(),
        "events: []\n"
    );
    assert!(sample(&["--force"]).status.success());
    same("timeline.yaml");
}

/// `check` writes the corpus cache and prints the same from it;
/// `--no-cache` neither reads nor writes one.
#[test]
fn a_warm_cache_prints_the_same_and_no_cache_writes_none() {
    let run = |cache: &Path, extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_chronique"))
            .args(extra)
            .args(["check", "tests/fixtures/malformed"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_CACHE_HOME", cache)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let cache = tempfile::tempdir().unwrap();
    let cold = run(cache.path(), &[]);
    assert_eq!(cold.0, Some(1), "{}", cold.1);
    let files = || std::fs::read_dir(cache.path().join("chronique")).map_or(0, |d| d.count());
    assert_eq!(files(), 1, "one cache file");
    assert_eq!(run(cache.path(), &[]), cold);
    let none = tempfile::tempdir().unwrap();
    assert_eq!(run(none.path(), &["--no-cache"]), cold);
    assert!(!none.path().join("chronique").exists());
}
