//! Every value the writer writes reads back identical: the cases a review
//! found, then a property test over arbitrary strings in every place a
//! string goes (ids, keys, notes, tags, speakers, unknown fields).

use chronique::annotations::format::{from_yaml, to_yaml};
use chronique::annotations::{Annotations, Highlight, Note, ReaderEvent};
use proptest::prelude::*;
use serde_yaml::Value;
use std::path::Path;

fn parse(text: &str) -> Annotations {
    from_yaml(text, Path::new("annotations.yaml"))
        .unwrap_or_else(|d| panic!("{d}\n{text}"))
        .0
}

fn highlight(id: &str, text: &str) -> Highlight {
    Highlight {
        id: id.into(),
        article: "a".into(),
        text: text.into(),
        occurrence: None,
        speaker: None,
        events: vec![],
        created: None,
        annotation: Note::default(),
    }
}

fn reader_event(id: &str, title: &str) -> ReaderEvent {
    ReaderEvent {
        id: id.into(),
        date: "2021".into(),
        title: title.into(),
        summary: None,
        actors: vec![],
        sources: vec![],
        quote: None,
        created: None,
        annotation: Note::default(),
    }
}

fn assert_round_trips(a: &Annotations) {
    let text = to_yaml(a);
    assert_eq!(&parse(&text), a, "{text}");
}

#[test]
fn binary_looking_notes_and_tags_stay_text() {
    let mut a = Annotations::default();
    a.events.insert(
        "e".into(),
        Note {
            note: Some("0b101".into()),
            tags: vec!["0b11".into(), "0o17".into(), "0x1f".into(), "~".into()],
            ..Note::default()
        },
    );
    assert_round_trips(&a);
}

#[test]
fn ids_with_a_line_break_stay_one_item() {
    let mut a = Annotations::default();
    a.highlights.push(highlight("h\n1", "passage"));
    a.reader_events.push(reader_event("r\n1\n", "titre"));
    assert_round_trips(&a);
}

#[test]
fn yaml_line_breaks_in_unknown_fields_keep_the_file_whole() {
    let mut a = Annotations::default();
    let mut note = Note {
        note: Some("n".into()),
        ..Note::default()
    };
    for (k, v) in [
        ("ls", "a\u{2028}b"),
        ("ps", "a\u{2029}b"),
        ("nel", "a\u{85}b"),
        ("ls-lf", "a\u{2028}b\nc"),
    ] {
        note.extra.insert(k.into(), Value::String(v.into()));
        a.extra.insert(k.into(), Value::String(v.into()));
    }
    a.events.insert("e".into(), note.clone());
    a.events.insert("f".into(), note);
    assert_round_trips(&a);
}

#[test]
fn long_keys_are_written_so_yaml_accepts_them() {
    let mut a = Annotations::default();
    let long = "k".repeat(3000);
    a.events.insert(
        long.clone(),
        Note {
            starred: true,
            ..Note::default()
        },
    );
    a.extra.insert(long, Value::String("v".into()));
    assert_round_trips(&a);
}

#[test]
fn nested_unknown_values_round_trip() {
    let text =
        "version: 1\nextra:\n  list: [1, 'two', {a: [x, \"y\\u2028z\"]}, [], {}]\n  5: 1.5\n";
    let a = parse(text);
    assert_round_trips(&a);
}

/// Strings made of what YAML treats specially, plus any character.
fn awkward() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        " ", "  ", "\n", "\n\n", "\t", "\r", ":", ": ", " #", "#", "- ", "?", "'", "\"", "\\", "[",
        "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "0", "1.5", "0b101", "0x1f",
        "0o7", "1e3", "1_000", "true", "null", "~", "yes", "---", "...", ".inf", "\u{85}",
        "\u{2028}", "\u{2029}", "\u{feff}", "\u{0}", "\u{1b}", "é", "🙂", "l’", "« »", "\u{a0}",
        "10:00", "x",
    ];
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..7).prop_map(|p| p.concat())
}

/// An unknown field's name: any string the model does not read itself.
fn unknown_key() -> impl Strategy<Value = String> {
    const KNOWN: &[&str] = &[
        "version",
        "events",
        "quotes",
        "highlights",
        "reader_events",
        "note",
        "tags",
        "status",
        "starred",
        "updated",
        "id",
        "article",
        "text",
        "occurrence",
        "speaker",
        "created",
        "date",
        "title",
        "summary",
        "actors",
        "sources",
        "quote",
    ];
    awkward().prop_filter("a known field", |k| !KNOWN.contains(&k.as_str()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_string_reads_back_identical_wherever_it_is_written(
        id in awkward(),
        note in awkward(),
        tag in awkward(),
        speaker in awkward(),
        key in unknown_key(),
        unknown in awkward(),
    ) {
        let mut a = Annotations::default();
        let with_note = Note {
            note: Some(note.clone()),
            tags: vec![tag.clone(), "x".into()],
            extra: [(key.clone(), Value::String(unknown.clone()))].into(),
            ..Note::default()
        };
        a.events.insert(id.clone(), with_note.clone());
        a.quotes.insert(format!("{id}#{tag}"), with_note.clone());
        let mut h = highlight(&id, &note);
        h.speaker = Some(speaker.clone());
        h.events = vec![tag.clone(), id.clone()];
        h.annotation = with_note.clone();
        a.highlights.push(h);
        let mut e = reader_event(&id, &note);
        e.date = tag.clone();
        e.summary = Some(speaker.clone());
        e.actors = vec![speaker.clone(), tag.clone()];
        e.quote = Some(id.clone());
        e.annotation = with_note;
        a.reader_events.push(e);
        a.extra.insert(key.clone(), Value::Sequence(vec![
            Value::String(unknown.clone()),
            Value::Mapping([(Value::String(key), Value::String(unknown))].into_iter().collect()),
        ]));
        let text = to_yaml(&a);
        let back = from_yaml(&text, Path::new("annotations.yaml"));
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), text);
        prop_assert_eq!(back.unwrap().0, a, "{}", text);
    }
}
