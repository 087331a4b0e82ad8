//! Reading and writing `annotations.yaml`.
//!
//! The writer lays the file out the way a person would write it, so it
//! diffs well: a header comment, sorted keys, one field per line, tag lists
//! in flow style, multi-line notes as `|` literal blocks. How each value is
//! written (plain or quoted) is a YAML emitter's decision, see
//! [`super::emit`]: every value reads back identical.

use super::emit::{self, field, list, pad};
use super::model::{Annotations, Extra, Highlight, Note, ReaderEvent, VERSION};
use crate::diagnostic::Diagnostic;
use crate::yaml::{self, At, YamlPath};
use crate::yaml_path;
use chrono::{DateTime, Datelike, Timelike, Utc};
use std::fmt::Write;
use std::path::Path;

pub const HEADER: &str = "# annotations.yaml — written by chronique\n";

/// Serialises annotations (empty notes are left out).
pub fn to_yaml(a: &Annotations) -> String {
    let mut out = String::with_capacity(64 + 160 * (a.events.len() + a.quotes.len()));
    out.push_str(HEADER);
    let _ = writeln!(out, "version: {}", a.version);
    for (name, notes) in [("events", &a.events), ("quotes", &a.quotes)] {
        if notes.values().all(Note::is_empty) {
            continue;
        }
        out.push_str(name);
        out.push_str(":\n");
        for (key, note) in notes.iter().filter(|(_, n)| !n.is_empty()) {
            emit::key(&mut out, key, 2);
            out.push('\n');
            write_note(&mut out, note, 4);
        }
    }
    if !a.highlights.is_empty() {
        out.push_str("highlights:\n");
        for h in &a.highlights {
            write_highlight(&mut out, h);
        }
    }
    if !a.reader_events.is_empty() {
        out.push_str("reader_events:\n");
        for e in &a.reader_events {
            write_reader_event(&mut out, e);
        }
    }
    write_extra(&mut out, &a.extra, 0);
    out
}

fn write_highlight(out: &mut String, h: &Highlight) {
    out.push_str("  - ");
    emit::field_here(out, "id", &h.id, 4);
    field(out, "article", &h.article, 4);
    field(out, "text", &h.text, 4);
    if let Some(n) = h.occurrence {
        let _ = writeln!(out, "    occurrence: {n}");
    }
    if let Some(s) = &h.speaker {
        field(out, "speaker", s, 4);
    }
    list(out, "events", &h.events, 4);
    if let Some(t) = &h.created {
        time_field(out, "created", t, 4);
    }
    write_note(out, &h.annotation, 4);
}

fn write_reader_event(out: &mut String, e: &ReaderEvent) {
    out.push_str("  - ");
    emit::field_here(out, "id", &e.id, 4);
    field(out, "date", &e.date, 4);
    field(out, "title", &e.title, 4);
    if let Some(s) = &e.summary {
        field(out, "summary", s, 4);
    }
    list(out, "actors", &e.actors, 4);
    list(out, "sources", &e.sources, 4);
    if let Some(q) = &e.quote {
        field(out, "quote", q, 4);
    }
    if let Some(t) = &e.created {
        time_field(out, "created", t, 4);
    }
    write_note(out, &e.annotation, 4);
}

fn write_note(out: &mut String, n: &Note, indent: usize) {
    if let Some(text) = &n.note {
        field(out, "note", text, indent);
    }
    list(out, "tags", &n.tags, indent);
    if let Some(s) = n.status {
        pad(out, indent);
        out.push_str("status: ");
        out.push_str(s.as_str());
        out.push('\n');
    }
    if n.starred {
        pad(out, indent);
        out.push_str("starred: true\n");
    }
    if let Some(t) = &n.updated {
        time_field(out, "updated", t, indent);
    }
    write_extra(out, &n.extra, indent);
}

/// Unknown fields, written back so they read back the same.
fn write_extra(out: &mut String, extra: &Extra, indent: usize) {
    for (k, v) in extra {
        emit::key(out, k, indent);
        emit::value(out, v, indent);
    }
}

/// `updated: 2026-11-23T10:00:00Z` (what `model::format_time` gives, faster).
fn time_field(out: &mut String, key: &str, t: &DateTime<Utc>, indent: usize) {
    pad(out, indent);
    let nanos = t.nanosecond() % 1_000_000_000;
    let _ = write!(
        out,
        "{key}: {:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    if !(0..=9999).contains(&t.year()) || nanos != 0 {
        // Rare: let chrono write it.
        let line_start = out.rfind('\n').map_or(0, |i| i + 1);
        out.truncate(line_start);
        field(out, key, &super::model::format_time(t), indent);
        return;
    }
    out.push_str("Z\n");
}

const TOP_FIELDS: &[&str] = &["version", "events", "quotes", "highlights", "reader_events"];
const NOTE_FIELDS: &[&str] = &["note", "tags", "status", "starred", "updated"];
const HIGHLIGHT_FIELDS: &[&str] = &[
    "id",
    "article",
    "text",
    "occurrence",
    "speaker",
    "events",
    "created",
    "note",
    "tags",
    "status",
    "starred",
    "updated",
];
const READER_EVENT_FIELDS: &[&str] = &[
    "id", "date", "title", "summary", "actors", "sources", "quote", "created", "note", "tags",
    "status", "starred", "updated",
];

/// Parses `text` (read from `path`). A malformed file is one error placed at
/// its line and column; unknown fields are warnings (they are kept).
pub fn from_yaml(text: &str, path: &Path) -> Result<(Annotations, Vec<Diagnostic>), Diagnostic> {
    let mut ignored: Vec<YamlPath> = Vec::new();
    let parsed: Result<Option<Annotations>, _> = yaml::from_str(text, &mut ignored);
    let a = match parsed {
        // An empty file is an empty layer.
        Ok(a) => a.unwrap_or_default(),
        Err(problem) => {
            return Err(Diagnostic::error(
                path,
                yaml::place(text, &problem.at, 0),
                format!(
                    "{}; annotations are read-only until this is fixed",
                    problem.message
                ),
            ))
        }
    };
    if a.version > VERSION {
        return Err(Diagnostic::error(
            path,
            yaml::place(text, &At::Value(yaml_path!["version"]), 0),
            format!(
                "version {} was written by a newer chronique (this one reads version {VERSION}); annotations are read-only",
                a.version
            ),
        ));
    }
    // Found first, then placed in one walk of the text (one walk each
    // made a file with thousands of them take minutes).
    let found = unknown_field_warnings(&a);
    Ok((a, place_warnings(text, path, found)))
}

/// The unknown fields of `a` (kept in its `extra`s), not yet placed.
pub(super) fn unknown_field_warnings(a: &Annotations) -> Vec<(At, String)> {
    let mut found: Vec<(At, String)> = Vec::new();
    let mut unknown = |at: YamlPath, name: &str, what: &str, known: &[&str]| {
        let msg = yaml::unknown_field_message(name, what, known)
            .replace("it is ignored", "it is kept as written but not used");
        found.push((At::Key(at), msg));
    };
    for k in a.extra.keys() {
        unknown(yaml_path![k.as_str()], k, "annotations", TOP_FIELDS);
    }
    for (section, notes) in [("events", &a.events), ("quotes", &a.quotes)] {
        for (id, note) in notes {
            for k in note.extra.keys() {
                let at = yaml_path![section, id.as_str(), k.as_str()];
                unknown(at, k, "a note", NOTE_FIELDS);
            }
        }
    }
    for (i, h) in a.highlights.iter().enumerate() {
        for k in h.annotation.extra.keys() {
            let at = yaml_path!["highlights", i, k.as_str()];
            unknown(at, k, "a highlight", HIGHLIGHT_FIELDS);
        }
    }
    for (i, e) in a.reader_events.iter().enumerate() {
        for k in e.annotation.extra.keys() {
            let at = yaml_path!["reader_events", i, k.as_str()];
            unknown(at, k, "a reader event", READER_EVENT_FIELDS);
        }
    }
    found
}

/// Warnings at their places in `text`, all placed in one walk.
pub(crate) fn place_warnings(text: &str, path: &Path, found: Vec<(At, String)>) -> Vec<Diagnostic> {
    let ats: Vec<&At> = found.iter().map(|(at, _)| at).collect();
    let places = yaml::place_all(text, &ats, 0);
    found
        .into_iter()
        .zip(places)
        .map(|((_, msg), pos)| Diagnostic::warning(path, pos, msg))
        .collect()
}
