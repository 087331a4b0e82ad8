//! annotations.yaml: round trip of every field, unknown fields, malformed
//! files, and the writer's quoting.

use chronique::annotations::format::{from_yaml, to_yaml, HEADER};
use chronique::annotations::{Annotations, Highlight, Note, ReaderEvent, Status};
use chrono::{TimeZone, Utc};
use std::path::Path;

fn full() -> Annotations {
    let t = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let mut a = Annotations::default();
    a.events.insert(
        "aws-suspends-parler".into(),
        Note {
            note: Some("Amazon coupe l’hébergement — « violence » ?\nÀ recouper 🔍\n".into()),
            tags: vec!["à-vérifier".into(), "🔥 urgent".into(), "2021".into()],
            status: Some(Status::Verified),
            starred: true,
            updated: Some(t),
            ..Note::default()
        },
    );
    a.events.insert(
        "parler-sues".into(),
        Note {
            status: Some(Status::ToCheck),
            note: Some("une ligne: avec deux-points # et dièse".into()),
            ..Note::default()
        },
    );
    a.quotes.insert(
        "afp-2021-01-11#q3".into(),
        Note {
            note: Some("  indenté au début\net \"guillemets\" \\ 🙂".into()),
            tags: vec!["citation".into()],
            status: Some(Status::Disputed),
            starred: true,
            updated: Some(t + chrono::Duration::milliseconds(250)),
            ..Note::default()
        },
    );
    a.highlights.push(Highlight {
        id: "h-1".into(),
        article: "afp-2021-01-11".into(),
        text: "Cela va tuer l’entreprise".into(),
        occurrence: Some(2),
        speaker: Some("John Matze 🎤".into()),
        events: vec!["aws-suspends-parler".into()],
        created: Some(t),
        annotation: Note {
            note: Some("Propos clé.\n\n\nFin.\n\n".into()),
            tags: vec!["clé".into()],
            status: Some(Status::ToCheck),
            starred: true,
            updated: Some(t),
            ..Note::default()
        },
    });
    a.reader_events.push(ReaderEvent {
        id: "mon-evenement".into(),
        date: "2021-01-11".into(),
        title: "Réunion à l’Élysée 🇫🇷".into(),
        summary: Some("Résumé\nsur deux lignes".into()),
        actors: vec!["Parler".into(), "AWS".into()],
        sources: vec!["afp-2021-01-11#q3".into()],
        quote: Some("h-1".into()),
        created: Some(t),
        annotation: Note {
            note: Some("note".into()),
            tags: vec!["perso".into()],
            status: None,
            starred: false,
            updated: None,
            ..Note::default()
        },
    });
    a
}

fn parse(text: &str) -> Annotations {
    from_yaml(text, Path::new("annotations.yaml"))
        .unwrap_or_else(|d| panic!("{d}\n{text}"))
        .0
}

#[test]
fn every_field_round_trips_with_french_and_emoji_text() {
    let a = full();
    let text = to_yaml(&a);
    assert!(text.starts_with(HEADER), "{text}");
    assert_eq!(parse(&text), a, "{text}");
    // Writing again gives the same bytes: stable, diff-friendly output.
    assert_eq!(to_yaml(&parse(&text)), text);
    // Readable: a multi-line note is a literal block, tags a flow list.
    assert!(text.contains("    note: |\n      Amazon coupe"), "{text}");
    assert!(
        text.contains("tags: [à-vérifier, 🔥 urgent, '2021']"),
        "{text}"
    );
    assert!(text.contains("  afp-2021-01-11#q3:\n"), "{text}");
    assert!(text.contains("updated: 2026-11-23T10:00:00Z\n"), "{text}");
    assert!(text.contains("status: disputed\n"), "{text}");
}

#[test]
fn the_issue_example_parses() {
    let text = "# annotations.yaml — written by chronique
version: 1
events:
  aws-suspends-parler:
    note: |
      Vérifier la date exacte.
    tags: [à-vérifier]
    status: verified          # to-check | verified | disputed
    starred: true
    updated: 2026-11-23T10:00:00Z
quotes:
  afp-2021-01-11#q3: { note: dit à la radio, tags: [radio], starred: true }
highlights: []
reader_events: []
";
    let a = parse(text);
    let n = &a.events["aws-suspends-parler"];
    assert_eq!(n.note.as_deref(), Some("Vérifier la date exacte.\n"));
    assert_eq!(n.status, Some(Status::Verified));
    assert!(a.quotes["afp-2021-01-11#q3"].starred);
    assert_eq!(parse(&to_yaml(&a)), a);
}

#[test]
fn unknown_fields_are_kept_on_rewrite_and_reported() {
    let text = "version: 1
owner: Camille
events:
  e1:
    note: x
    source_checked: { by: Léa, on: 2026-11-20 }
highlights:
  - id: h1
    article: a
    text: passage
    colour: jaune
";
    let (a, warnings) = from_yaml(text, Path::new("annotations.yaml")).unwrap();
    let shown: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert!(
        shown
            .iter()
            .any(|w| w.starts_with("annotations.yaml:2:1: warning: unknown field `owner`")),
        "{shown:#?}"
    );
    assert!(shown.iter().any(|w| w.starts_with("annotations.yaml:6:5: warning: unknown field `source_checked`")), "{shown:#?}");
    assert!(
        shown
            .iter()
            .any(|w| w.starts_with("annotations.yaml:11:5: warning: unknown field `colour`")),
        "{shown:#?}"
    );
    let rewritten = to_yaml(&a);
    let again = parse(&rewritten);
    assert_eq!(again, a, "{rewritten}");
    assert!(rewritten.contains("owner: Camille"), "{rewritten}");
    assert!(rewritten.contains("colour: jaune"), "{rewritten}");
}

#[test]
fn malformed_files_are_placed_at_line_and_column() {
    let cases = [
        ("version: 1\nevents:\n  e1:\n    note: \"unclosed\n", 5),
        ("version: 1\nevents:\n  e1:\n    status: verifed\n", 4),
        ("version: 1\nevents:\n  e1:\n    starred: maybe\n", 4),
        ("version: 1\nevents:\n  e1:\n    updated: yesterday\n", 4),
        ("version: 1\nhighlights:\n  - id: h1\n    text: t\n", 3),
        ("version: 9\n", 1),
    ];
    for (text, line) in cases {
        let err = from_yaml(text, Path::new("annotations.yaml")).unwrap_err();
        assert!(err.is_error());
        assert_eq!(err.pos.line, line, "{err}\n{text}");
        assert!(err.to_string().contains("read-only"), "{err}");
    }
}

#[test]
fn numbers_written_by_hand_are_read_as_text() {
    let a = parse(
        "reader_events:\n  - id: r1\n    date: 2021\n    title: 1984\n    tags: [2021, oui]\n",
    );
    let e = &a.reader_events[0];
    assert_eq!((e.date.as_str(), e.title.as_str()), ("2021", "1984"));
    assert_eq!(e.annotation.tags, ["2021", "oui"]);
}

/// A small deterministic generator, to write many awkward strings.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn any_text_survives_the_writer() {
    const PIECES: &[&str] = &[
        "a",
        "É",
        "🙂",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\r",
        ":",
        ": ",
        " #",
        "#",
        "-",
        "- ",
        "?",
        "'",
        "\"",
        "\\",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&",
        "*",
        "!",
        "|",
        ">",
        "%",
        "@",
        "`",
        "0",
        "1",
        "1.5",
        "0x1f",
        "1e3",
        "true",
        "null",
        "~",
        "yes",
        "---",
        "...",
        "\u{85}",
        "\u{2028}",
        "\u{feff}",
        "\u{7f}",
        "\u{0}",
        "\u{1b}",
        ".inf",
        "-",
        "2021-01-11",
        "…",
        "l’",
        "10:00",
        "http://a",
        "T10:00:00Z",
        "« »",
        "\u{a0}",
    ];
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for _ in 0..3000 {
        let n = (rng.next() % 6) as usize;
        let s: String = (0..n)
            .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
            .collect();
        let mut a = Annotations::default();
        a.events.insert(
            s.clone(),
            Note {
                note: Some(s.clone()),
                tags: vec![s.clone(), "x".into()],
                ..Note::default()
            },
        );
        a.reader_events.push(ReaderEvent {
            id: "r".into(),
            date: s.clone(),
            title: s.clone(),
            summary: Some(s.clone()),
            actors: vec![],
            sources: vec![],
            quote: None,
            created: None,
            annotation: Note::default(),
        });
        let text = to_yaml(&a);
        let back = parse(&text);
        assert_eq!(back, a, "{s:?}\n{text}");
    }
}
