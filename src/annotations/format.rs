//! Reading and writing `annotations.yaml`.
//!
//! The writer is hand-made so the file stays the way a person would write
//! it and diffs well: a header comment, sorted keys, one field per line, tag
//! lists in flow style, multi-line notes as `|` literal blocks, and quotes
//! only where YAML needs them. It is also fast (10,000 notes in a few ms).

use super::model::{Annotations, Extra, Highlight, Note, ReaderEvent, VERSION};
use crate::corpus::yaml::{self, At, Seg, YamlPath};
use crate::diagnostic::{Diagnostic, Pos};
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
            out.push_str("  ");
            scalar(&mut out, key);
            out.push_str(":\n");
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
    field(out, "id", &h.id, 0);
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
    field(out, "id", &e.id, 0);
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

/// Unknown fields, written back as serde_yaml writes them, re-indented.
fn write_extra(out: &mut String, extra: &Extra, indent: usize) {
    for (k, v) in extra {
        let mut one = serde_yaml::Mapping::new();
        one.insert(serde_yaml::Value::String(k.clone()), v.clone());
        let Ok(text) = serde_yaml::to_string(&one) else {
            continue;
        };
        for line in text.lines() {
            if !line.is_empty() {
                pad(out, indent);
            }
            out.push_str(line);
            out.push('\n');
        }
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

fn pad(out: &mut String, indent: usize) {
    const SPACES: &str = "                ";
    let mut n = indent;
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// `key: value`; multi-line text as a literal block when it can be one.
fn field(out: &mut String, key: &str, value: &str, indent: usize) {
    pad(out, indent);
    out.push_str(key);
    out.push(':');
    if value.contains('\n') && literal_ok(value) {
        let body = value.trim_end_matches('\n');
        let trailing = value.len() - body.len();
        out.push_str(match trailing {
            0 => " |-\n",
            1 => " |\n",
            _ => " |+\n",
        });
        for line in body.split('\n') {
            if !line.is_empty() {
                pad(out, indent + 2);
                out.push_str(line);
            }
            out.push('\n');
        }
        for _ in 1..trailing {
            out.push('\n');
        }
    } else {
        out.push(' ');
        write_scalar(out, value, true);
        out.push('\n');
    }
}

/// `key: [a, b]`, nothing when empty.
fn list(out: &mut String, key: &str, items: &[String], indent: usize) {
    if items.is_empty() {
        return;
    }
    pad(out, indent);
    out.push_str(key);
    out.push_str(": [");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        scalar(out, item);
    }
    out.push_str("]\n");
}

/// A literal block keeps text exactly when its first line is not indented
/// (the block's indentation is read from it) and it has no characters YAML
/// would change or refuse.
fn literal_ok(s: &str) -> bool {
    let first = s.split('\n').next().unwrap_or("");
    !first.is_empty()
        && !first.starts_with([' ', '\t'])
        && s.chars().all(|c| c == '\n' || c == '\t' || printable(c))
}

/// Characters YAML accepts raw in a scalar (and does not treat as a break).
fn printable(c: char) -> bool {
    !(c < ' '
        || c == '\u{7f}'
        || ('\u{80}'..='\u{9f}').contains(&c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        ))
}

/// A scalar (a key or a list item), plain when that is safe, else quoted.
pub(crate) fn scalar(out: &mut String, s: &str) {
    write_scalar(out, s, false);
}

/// `value` may hold `:` (a time of day) when it is a block mapping's value.
fn write_scalar(out: &mut String, s: &str, value: bool) {
    if plain_ok(s, value) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if !printable(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Conservative: letters, digits, non-ASCII symbols (emoji, « ») and a few
/// ASCII marks, single inner spaces, and nothing YAML would read as a
/// number, boolean or null.
fn plain_ok(s: &str, value: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let visible =
        |c: char| c.is_alphanumeric() || (!c.is_ascii() && printable(c) && !c.is_whitespace());
    if !visible(first)
        || s.ends_with([' ', ':'])
        || s.contains("  ")
        || s.contains(" #")
        || s.contains(": ")
    {
        return false;
    }
    let ok_char = |c: char| {
        visible(c)
            || matches!(c, ' ' | '-' | '_' | '.' | '/' | '#' | '\'' | '+' | '@')
            || (value && c == ':')
    };
    if !s.chars().all(ok_char) {
        return false;
    }
    if first.is_ascii_digit() {
        // Dates and ids are text; numbers (1e3, 0x1f, 1_000, 1.5, 1:30) are not.
        let numeric = s.parse::<f64>().is_ok()
            || s.starts_with("0x")
            || s.starts_with("0o")
            || s.contains('_')
            || s.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ':');
        return !numeric;
    }
    // Letters first: only these words are not text to YAML (`inf`, `nan`
    // and `infinity` also parse as numbers).
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf", "infinity",
    ];
    s.len() > 8 || !WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
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
    let mut warnings = Vec::new();
    let mut unknown = |at: YamlPath, name: &str, what: &str, known: &[&str]| {
        let pos = yaml::place(text, &At::Key(at), 0);
        let msg = yaml::unknown_field_message(name, what, known)
            .replace("it is ignored", "it is kept as written but not used");
        warnings.push(Diagnostic::warning(path, pos, msg));
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
    Ok((a, warnings))
}

/// Where an item is in the file, for diagnostics.
pub fn locate_key(text: &str, path: &[Seg]) -> Pos {
    yaml::place(text, &At::Key(path.to_vec()), 0)
}
