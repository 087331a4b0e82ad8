//! The real binary in a pseudo-terminal: it opens the sample corpus,
//! navigates, quits, and always gives the terminal back.

use crate::common::pty::Session;

fn data_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

#[test]
fn opens_navigates_and_quits_leaving_the_alternate_screen() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_dir();
    let mut s = Session::spawn(&[data.to_str().unwrap()], dir.path(), &[], 120, 40);
    s.wait_for("Assaut du Capitole");
    // Down to the Twitter event, open its source, walk a quote, show help.
    s.send("j");
    s.send("\r");
    s.wait_for("2 Article");
    s.send("n");
    s.send("?");
    s.wait_for("Show or hide this help");
    // Esc then q sent in one burst reads as Alt-q: wait like a person would.
    s.send("\x1b");
    s.wait_gone("Show or hide this help");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.terminal_restored(), "alternate screen not left");
}

#[test]
fn the_readers_keymap_rebinds_keys_and_the_help_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let keymap = dir.path().join("keys.yaml");
    std::fs::write(
        &keymap,
        "global:\n  - { keys: [x], action: quit, hint: leave }\n",
    )
    .unwrap();
    let data = data_dir();
    let args = [data.to_str().unwrap(), "--keymap", keymap.to_str().unwrap()];
    let mut s = Session::spawn(&args, dir.path(), &[], 120, 40);
    s.wait_for("x leave");
    s.send("?");
    s.wait_for("Show or hide this help");
    let screen = s.screen();
    let quit = screen.lines().find(|l| l.contains(" Quit ")).unwrap_or("");
    assert!(quit.contains("  x  "), "{screen}");
    assert!(
        !quit.contains("Ctrl-c") && !quit.contains(" q "),
        "{screen}"
    );
    s.send("\x1b");
    s.wait_gone("Show or hide this help");
    s.send("q");
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.send("x");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.terminal_restored());
}

#[test]
fn the_readers_keymap_rebinds_popup_keys_and_their_footers_follow() {
    let dir = tempfile::tempdir().unwrap();
    let keymap = dir.path().join("keys.yaml");
    std::fs::write(
        &keymap,
        "search:\n  - { keys: [ctrl-g], action: close }\narticles:\n  - { keys: [o], action: sort }\n",
    )
    .unwrap();
    let data = data_dir();
    let args = [data.to_str().unwrap(), "--keymap", keymap.to_str().unwrap()];
    let mut s = Session::spawn(&args, dir.path(), &[], 120, 40);
    s.wait_for("Assaut du Capitole");
    s.send("/");
    s.wait_for("Ctrl-g close");
    // Esc no longer closes the search; Ctrl-g does.
    s.send("\x1b");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(s.screen().contains("Ctrl-g close"), "{}", s.screen());
    s.send("\x07");
    s.wait_gone("Ctrl-g close");
    // `o` sorts the list of all articles, and its footer says so; `S` no
    // longer does.
    s.send("A");
    s.wait_for("o by outlet");
    s.send("S");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(s.screen().contains("o by outlet"), "{}", s.screen());
    s.send("o");
    s.wait_for("o by date");
    s.send("\x1b");
    s.wait_gone("o by date");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.terminal_restored());
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // No corpus named, no ./data here: the embedded sample opens.
    let mut s = Session::spawn(&[], dir.path(), &[], 100, 30);
    s.wait_for("17 ev. · 5 art. · 53 q.");
    s.terminate();
    s.wait_exit();
    assert!(
        s.terminal_restored(),
        "alternate screen not left after SIGTERM"
    );
}

#[test]
fn a_tiny_terminal_gets_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(&[], dir.path(), &[], 20, 5);
    s.wait_for("too small");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.terminal_restored());
}

/// Corpus text holding OSC 0 (title), OSC 52 (clipboard), CSI 2J (clear),
/// an 8-bit CSI and a bidi override is shown, never obeyed.
#[test]
fn escape_sequences_in_a_corpus_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut s = Session::spawn(&[hostile.to_str().unwrap()], dir.path(), &[], 120, 40);
    s.wait_for("Titre␛]0;pwned-event␇ visible");
    s.send("3"); // the details: the summary with CSI 2J and OSC 52
    s.wait_for("Efface␛[2J");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        s.parser.screen().title(),
        "",
        "the window title was changed"
    );
    let raw = String::from_utf8_lossy(&s.raw);
    for planted in [
        "\x1b]0;pwned",
        "\x1b]52;",
        "\u{9b}",
        "\u{202e}",
        "\x1b[31m rouge",
        "\x07",
    ] {
        assert!(!raw.contains(planted), "{planted:?} reached the terminal");
    }
    assert!(s.terminal_restored());
}

#[test]
fn searches_are_remembered_across_runs_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    // The session sets XDG_DATA_HOME to <cwd>/.local/share.
    let history = dir.path().join(".local/share/chronique/search-history");
    let mut s = Session::spawn(&[], dir.path(), &[], 100, 30);
    s.wait_for("17 ev. · 5 art. · 53 q.");
    s.send("/");
    s.wait_for("type to search");
    s.send("injonction");
    s.wait_for("results");
    s.send("\r");
    s.wait_gone("type to search");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&history).unwrap(), "injonction\n");

    // The next run: ↑ on the empty query line brings it back.
    let mut s = Session::spawn(&[], dir.path(), &[], 100, 30);
    s.wait_for("17 ev. · 5 art. · 53 q.");
    s.send("/");
    s.wait_for("type to search");
    s.send("\x1b[A");
    s.wait_for("/ injonction");
    s.wait_for("history 1/1");
    // Esc then q in one burst reads as Alt-q: wait like a person would.
    s.send("\x1b");
    s.wait_gone("/ injonction");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// `y` puts the quote on the terminal's clipboard with OSC 52; `o` without
/// any opener installed says so and copies the link instead.
#[test]
fn copying_and_opening_without_a_browser_use_the_terminal_clipboard() {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("articles")).unwrap();
    std::fs::write(
        corpus.join("timeline.yaml"),
        "title: Test\nevents:\n  - { id: e1, date: 2021-01-11, title: Un événement, sources: [a1] }\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("articles/a1.md"),
        "---\nid: a1\ntitle: Un article\nsource: AFP\npublished: 2021-01-11\n\
         url: https://example.org/a1\nquotes:\n  - { id: q1, text: mot clé, speaker: Ana }\n---\n\
         Un texte avec un mot clé.\n",
    )
    .unwrap();
    let empty_path = dir.path().join("no-programs");
    std::fs::create_dir_all(&empty_path).unwrap();
    let env = [("PATH", empty_path.to_str().unwrap())];
    let mut s = Session::spawn(&[corpus.to_str().unwrap()], dir.path(), &env, 120, 40);
    s.wait_for("Un événement");
    s.send("\r"); // open the source at its quote
    s.wait_for("2 Article");
    s.send("2");
    s.send("n");
    s.send("y");
    s.wait_for("Copied to the clipboard: « mot clé » — Ana");
    let b64 = |t: &str| base64::engine::general_purpose::STANDARD.encode(t);
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let expected = b64("« mot clé » — Ana, AFP, 11 janvier 2021, https://example.org/a1");
    assert!(
        raw.contains(&format!("\x1b]52;c;{expected}\x07")),
        "no OSC 52 for the quote"
    );
    s.send("o");
    s.wait_for("Could not open a browser");
    s.wait_for("https://example.org/a1");
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    assert!(raw.contains(&format!("\x1b]52;c;{}\x07", b64("https://example.org/a1"))));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// A copy of the sample corpus in `dir/corpus`, written by `chronique sample`.
pub(crate) fn sample_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    let written = std::process::Command::new(env!("CARGO_BIN_EXE_chronique"))
        .arg("sample")
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(written.success());
    corpus
}

/// Replaces a file the way editors do: a new file renamed over the old one.
fn rewrite(path: &std::path::Path, text: &str) {
    let tmp = path.with_extension("yaml.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn an_edit_under_the_running_reader_shows_and_a_broken_file_keeps_its_last_good_version() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = sample_copy(dir.path());
    let timeline = corpus.join("timeline.yaml");
    let good = std::fs::read_to_string(&timeline).unwrap();
    let mut s = Session::spawn(&[corpus.to_str().unwrap()], dir.path(), &[], 120, 40);
    s.wait_for("Assaut du Capitole");
    // The second event is selected: the reader's place is kept by id.
    s.send("j");
    s.wait_for("Twitter ferme");
    let edited = good.replace("Assaut du Capitole à Washington", "Émeute au Capitole");
    rewrite(&timeline, &edited);
    s.wait_for("Émeute au Capitole");
    s.wait_for("Reloaded timeline.yaml");
    // No loading problem (the ⚠ of disputed events is not one).
    assert!(!s.screen().contains("problem"), "{}", s.screen());

    // A syntax error: the last good events stay, the problem is counted.
    rewrite(&timeline, &format!("{edited}\n  - id: [unclosed\n"));
    // The error and the warning that the last good version is shown.
    s.wait_for("⚠ 2");
    let screen = s.screen();
    assert!(screen.contains("Émeute au Capitole"), "{screen}");
    assert!(screen.contains("Twitter ferme"), "{screen}");
    s.send("w");
    s.wait_for("last good version");
    s.send("\x1b");
    s.wait_gone("last good version");

    // Fixed: the new version shows, the problem is gone.
    rewrite(
        &timeline,
        &good.replace("Assaut du Capitole à Washington", "Capitole, 6 janvier"),
    );
    s.wait_for("Capitole, 6 janvier");
    s.wait_gone("problem");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// An article edited in place is patched into the corpus shown; one that
/// breaks keeps its last good version through the reloads of others.
#[test]
fn a_broken_article_keeps_its_last_good_version_while_another_is_edited() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = sample_copy(dir.path());
    let broken = corpus.join("articles/clubic-2021-01-15.md");
    let other = corpus.join("articles/afp-2021-01-11.md");
    let good = std::fs::read_to_string(&broken).unwrap();
    let other_text = std::fs::read_to_string(&other).unwrap();
    let mut s = Session::spawn(&[corpus.to_str().unwrap()], dir.path(), &[], 120, 40);
    s.wait_for("Assaut du Capitole");
    rewrite(&broken, &good.replacen("title: ", "title: [", 1));
    // The error and the warning that the last good version is shown.
    s.wait_for("⚠ 2");
    rewrite(&other, &other_text.replacen("title: ", "title: Revu ", 1));
    s.wait_for("Reloaded articles/afp-2021-01-11.md");
    let screen = s.screen();
    assert!(
        screen.contains("⚠ 2"),
        "still its last good version: {screen}"
    );
    s.send("w");
    // The popup's lines wrap where the path's length puts them: its title
    // is waited for, then its words looked for anywhere.
    s.wait_for("Loading problems (2)");
    // Its last line drawn: the frame is whole.
    s.wait_for("Esc close");
    let popup = s.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        popup.contains("shows its last good") && popup.contains("wrong type"),
        "{popup}"
    );
    s.send("\x1b");
    s.wait_gone("Loading problems");
    rewrite(&broken, &good);
    s.wait_for("Reloaded articles/clubic-2021-01-15.md");
    s.wait_gone("problem");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn r_reloads_by_hand_and_the_sample_says_how_to_copy_it() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = sample_copy(dir.path());
    let mut s = Session::spawn(&[corpus.to_str().unwrap()], dir.path(), &[], 120, 40);
    s.wait_for("Assaut du Capitole");
    s.send("R");
    s.wait_for("Reloaded the corpus");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let mut s = Session::spawn(&[], dir.path(), &[], 120, 40);
    s.wait_for("Assaut du Capitole");
    s.send("e");
    s.wait_for("chronique sample DIR");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn e_opens_the_editor_at_the_events_line_and_reloads_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = sample_copy(dir.path());
    let timeline = corpus.join("timeline.yaml");
    // A stub editor: records its arguments, then edits the title.
    let editor = dir.path().join("editor.sh");
    let args = dir.path().join("args.txt");
    let typed = dir.path().join("typed.txt");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\necho EDITOR-READY\nread -r typed\necho \"$typed\" > '{}'\nsed -i 's/Twitter ferme/Compte fermé/' \"$2\"\n",
            args.display(),
            typed.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let env = [("VISUAL", editor.to_str().unwrap()), ("EDITOR", "false")];
    let mut s = Session::spawn(&[corpus.to_str().unwrap()], dir.path(), &env, 120, 40);
    s.wait_for("Assaut du Capitole");
    s.send("j");
    s.wait_for("Twitter ferme");
    s.send("e");
    // The editor has the terminal: what is typed reaches it, not the reader.
    s.wait_for("EDITOR-READY");
    s.send("bonjour\r");
    s.wait_for("Compte fermé");
    assert_eq!(std::fs::read_to_string(&typed).unwrap(), "bonjour\n");
    let text = std::fs::read_to_string(&timeline).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let title = lines
        .iter()
        .position(|l| l.contains("Compte fermé"))
        .expect("the stub edited the timeline");
    // The event's `id:` line is just above its date and title.
    let expected_line = 1 + lines[..title]
        .iter()
        .rposition(|l| l.trim_start().starts_with("- id:"))
        .unwrap();
    let recorded = std::fs::read_to_string(&args).unwrap();
    assert_eq!(
        recorded,
        format!("+{expected_line}\n{}\n", timeline.display())
    );
    // The reader is back: keys reach it again, and it quits cleanly.
    s.send("?");
    s.wait_for("Show or hide this help");
    s.send("\x1b");
    s.wait_gone("Show or hide this help");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.terminal_restored());
}

/// Issue 15: quitting keeps where the reader was (per corpus, in the data
/// directory); the next run opens there. A corrupt file is ignored.
#[test]
fn the_reading_position_is_kept_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let kept = dir
        .path()
        .join(".local/share/chronique/sessions/sample.yaml");
    let mut s = Session::spawn(&[], dir.path(), &[], 100, 30);
    s.wait_for("17 ev. · 5 art. · 53 q.");
    s.send("G");
    s.send("\r");
    s.wait_for("Article 5/5");
    s.send("n");
    // The details pane lists the article's quotes once `n` is drawn.
    s.wait_for("Quotes (1)");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let text = std::fs::read_to_string(&kept).unwrap();
    assert!(text.contains("focus: article"), "{text}");

    let mut s = Session::spawn(&[], dir.path(), &[], 100, 30);
    // The same article, scrolled to the same quote, the article focused
    // (the details pane lists its quotes).
    s.wait_for("┏ 2 Article 5/5 · Parler renonce");
    s.wait_for("Quotes (1)");
    s.wait_for("jugeant sans fondement");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    std::fs::write(&kept, "event: [\u{0}").unwrap();
    let mut s = Session::spawn(&[], dir.path(), &[], 100, 30);
    s.wait_for("17 ev. · 5 art. · 53 q.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// A folder that is not a corpus yet says so; once a timeline is written
/// into it, the reader opens it, without a restart.
#[test]
fn a_folder_that_becomes_a_corpus_opens_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("nouveau");
    std::fs::create_dir(&corpus).unwrap();
    let mut s = Session::spawn(&[corpus.to_str().unwrap()], dir.path(), &[], 80, 24);
    s.wait_for("not a corpus");
    rewrite(
        &corpus.join("timeline.yaml"),
        "events:\n  - id: e1\n    date: 2021-01-08\n    title: Premier événement\n",
    );
    s.wait_for("Premier événement");
    s.wait_for("1 ev.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
