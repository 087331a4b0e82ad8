//! Strict YAML reading with positions.
//!
//! serde_yaml does the typed parsing and places syntax and type errors;
//! `serde_ignored` collects unknown fields and `serde_path_to_error` names
//! the field a type error is in. serde_yaml does not keep node positions, so
//! [`locate`] re-reads the text with yaml-rust2's event parser to place a
//! diagnostic on a path; it runs only when a diagnostic needs placing.

mod place;

pub(crate) use place::place_all;
pub use place::{locate, place};

use crate::diagnostic::{clip, Pos};
use serde::de::DeserializeOwned;
use std::fmt;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Self {
        Seg::Key(key.to_string())
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

pub(crate) type YamlPath = Vec<Seg>;

/// Builds a path: `path!["events", 3, "date"]`.
#[macro_export]
macro_rules! yaml_path {
    ($($seg:expr),* $(,)?) => { vec![$($crate::yaml::Seg::from($seg)),*] };
}

/// Shows a path the way a reader would write it: `events[3].date`.
pub(crate) struct DisplayPath<'a>(pub &'a [Seg]);

impl fmt::Display for DisplayPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A YAML problem not yet placed in its file.
#[derive(Debug, Clone)]
pub struct YamlProblem {
    pub message: String,
    pub at: At,
}

#[derive(Debug, Clone)]
pub enum At {
    /// A position serde_yaml gave, relative to the YAML text.
    Pos(Pos),
    /// The key at this path (for unknown fields).
    Key(YamlPath),
    /// The value at this path.
    Value(YamlPath),
    /// The key at this path written again: its `n`th repeat (1 for the
    /// second key of that name in its mapping).
    Repeat(YamlPath, usize),
}

/// Parses `text` as `T`, collecting the paths of unknown fields into `unknown`.
pub fn from_str<T: DeserializeOwned>(
    text: &str,
    unknown: &mut Vec<YamlPath>,
) -> Result<T, YamlProblem> {
    // Only a failure needs serde_path_to_error, which allocates for every
    // key: it parses again to name the field.
    if let Some(value) = try_from_str(text, unknown) {
        return Ok(value);
    }
    from_str_named(text, unknown)
}

/// [`from_str`] without its fast first try: for a text known to fail, the
/// error names the field it is in.
pub(super) fn from_str_named<T: DeserializeOwned>(
    text: &str,
    unknown: &mut Vec<YamlPath>,
) -> Result<T, YamlProblem> {
    let de = serde_yaml::Deserializer::from_str(text);
    let mut record = |path: serde_ignored::Path| unknown.push(convert(&path, &[]));
    let de = serde_ignored::Deserializer::new(de, &mut record);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let (path, inner) = (error_path(&[], e.path()), e.inner());
        let at = match inner.location() {
            Some(l) => At::Pos(Pos::new(l.line(), l.column())),
            None => At::Value(path.clone()),
        };
        // serde_yaml prefixes its message with the path; we name the field.
        let raw = inner.to_string();
        let shown = DisplayPath(&path).to_string();
        let raw = raw.strip_prefix(&format!("{shown}: ")).unwrap_or(&raw);
        YamlProblem {
            message: with_field(&path, 0, serde_message(raw)),
            at,
        }
    })
}

/// Parses `text` as `T` when it is free of errors (unknown fields are
/// collected, as in [`from_str`]); `None` tells nothing about the error.
pub(crate) fn try_from_str<T: DeserializeOwned>(
    text: &str,
    unknown: &mut Vec<YamlPath>,
) -> Option<T> {
    let mut found = Vec::new();
    let record = |path: serde_ignored::Path| found.push(convert(&path, &[]));
    let value =
        serde_ignored::deserialize(serde_yaml::Deserializer::from_str(text), record).ok()?;
    unknown.append(&mut found);
    Some(value)
}

/// Whether `text` may hold a YAML tag (`!x`). Conservative: a `!` followed
/// by anything but a space or a line end.
pub(crate) fn may_have_tags(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'!' && !matches!(w[1], b' ' | b'\n' | b'\r' | b'"'))
}

/// Deserialises `T` from an already parsed value found at `prefix`. Errors are
/// placed on the field they are in; unknown fields are collected.
pub(crate) fn from_value<T: DeserializeOwned>(
    value: serde_yaml::Value,
    prefix: &[Seg],
    unknown: &mut Vec<YamlPath>,
) -> Result<T, YamlProblem> {
    // Fast path as in `from_str`; the value is only borrowed so that a
    // failure can be read again with the path tracked.
    let mut found = Vec::new();
    let record = |path: serde_ignored::Path| found.push(convert(&path, prefix));
    if let Ok(parsed) = serde_ignored::deserialize(&value, record) {
        unknown.append(&mut found);
        return Ok(parsed);
    }
    let mut record = |path: serde_ignored::Path| unknown.push(convert(&path, prefix));
    let de = serde_ignored::Deserializer::new(value, &mut record);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = error_path(prefix, e.path());
        YamlProblem {
            message: with_field(&path, prefix.len(), serde_message(&e.inner().to_string())),
            at: At::Value(path),
        }
    })
}

fn error_path(prefix: &[Seg], path: &serde_path_to_error::Path) -> YamlPath {
    let mut out = prefix.to_vec();
    for seg in path.iter() {
        match seg {
            serde_path_to_error::Segment::Seq { index } => out.push(Seg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => out.push(Seg::Key(key.clone())),
            _ => {}
        }
    }
    out
}

/// Names the field an error is in: "`title`: wrong type: …".
fn with_field(path: &[Seg], skip: usize, message: String) -> String {
    let field = path
        .get(skip..)
        .unwrap_or_default()
        .iter()
        .rev()
        .find_map(|s| match s {
            Seg::Key(k) => Some(k),
            Seg::Index(_) => None,
        });
    match field {
        Some(field) => format!("`{}`: {message}", clip(field)),
        None => message,
    }
}

/// serde_yaml appends " at line L column C" and sometimes prefixes a path;
/// the diagnostic carries the position itself, so keep only the message.
pub(super) fn serde_message(full: &str) -> String {
    // Drop every " at line L column C": positions are relative to the YAML
    // text, not the file, and the diagnostic carries the real one.
    let mut msg = String::with_capacity(full.len());
    let mut rest = full;
    while let Some(i) = rest.find(" at line ") {
        msg.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip = after
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .unwrap_or(after.len());
        rest = &after[skip..];
    }
    msg.push_str(rest);
    let msg = shorten_quoted(msg.trim());
    let msg = msg.as_str();
    let msg = msg
        .strip_prefix("invalid type: ")
        .map(|rest| format!("wrong type: {rest}"))
        .unwrap_or_else(|| msg.to_string());
    let msg = msg.replace("unit value", "nothing (null)");
    match msg.strip_prefix("missing field ") {
        Some(field) => format!("missing required field {field}: add it"),
        None => msg,
    }
}

/// serde quotes the offending value in full; a 50 MB value must not make a
/// 50 MB message.
fn shorten_quoted(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len().min(512));
    for (i, part) in msg.split('"').enumerate() {
        if i > 0 {
            out.push('"');
        }
        out.push_str(&if i % 2 == 1 { clip(part) } else { part.into() });
    }
    out
}

fn convert(path: &serde_ignored::Path, prefix: &[Seg]) -> YamlPath {
    fn walk(path: &serde_ignored::Path, out: &mut YamlPath) {
        use serde_ignored::Path as P;
        match path {
            P::Root => {}
            P::Seq { parent, index } => {
                walk(parent, out);
                out.push(Seg::Index(*index));
            }
            P::Map { parent, key } => {
                walk(parent, out);
                out.push(Seg::Key(key.clone()));
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                walk(parent, out)
            }
        }
    }
    let mut out = prefix.to_vec();
    walk(path, &mut out);
    out
}

/// Suggests the nearest known field for an unknown one.
pub(crate) fn unknown_field_message(name: &str, what: &str, known: &[&str]) -> String {
    let best = known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = match best {
        Some((score, k)) if score > 0.8 => format!("did you mean `{k}`? "),
        _ => String::new(),
    };
    format!(
        "unknown field `{}` in {what}: {hint}it is ignored (known fields: {})",
        clip(name),
        known.join(", ")
    )
}

#[cfg(test)]
#[allow(clippy::useless_vec)] // yaml_path! builds the owned paths the loader uses
mod tests {
    use super::*;

    const DOC: &str = "title: T\nevents:\n  - id: a\n    date: 2021\n  - id: b\n    tags: [x, y]\n    speker: z\n";

    #[test]
    fn locates_keys_and_values() {
        assert_eq!(
            locate(DOC, &yaml_path!["title"], true),
            Some(Pos::new(1, 1))
        );
        assert_eq!(
            locate(DOC, &yaml_path!["title"], false),
            Some(Pos::new(1, 8))
        );
        assert_eq!(
            locate(DOC, &yaml_path!["events", 1], false),
            Some(Pos::new(5, 5))
        );
        assert_eq!(
            locate(DOC, &yaml_path!["events", 1, "tags", 1], false),
            Some(Pos::new(6, 15))
        );
        assert_eq!(
            locate(DOC, &yaml_path!["events", 1, "speker"], true),
            Some(Pos::new(7, 5))
        );
        assert_eq!(locate(DOC, &yaml_path!["events", 5], false), None);
    }

    #[test]
    fn missing_paths_fall_back_to_the_enclosing_node() {
        let at = At::Value(yaml_path!["events", 0, "title"]);
        assert_eq!(place(DOC, &at, 0), Pos::new(3, 5));
        assert_eq!(place(DOC, &at, 1), Pos::new(4, 5));
    }

    #[test]
    fn locates_in_flow_mappings_and_nested_sequences() {
        let doc = "quotes:\n  - {id: q1, text: \"a\", speker: x}\n";
        assert_eq!(
            locate(doc, &yaml_path!["quotes", 0, "speker"], true),
            Some(Pos::new(2, 25))
        );
    }

    #[test]
    fn places_many_problems_in_one_walk_like_one_by_one() {
        let ats = [
            At::Value(yaml_path!["events", 1, "tags", 1]),
            At::Key(yaml_path!["events", 1, "speker"]),
            At::Value(yaml_path!["events", 0, "title"]),
            At::Pos(Pos::new(5, 3)),
            At::Value(yaml_path!["nowhere", 3]),
        ];
        let refs: Vec<&At> = ats.iter().collect();
        let all = place_all(DOC, &refs, 2);
        let one_by_one: Vec<Pos> = ats.iter().map(|at| place(DOC, at, 2)).collect();
        assert_eq!(all, one_by_one);
        assert_eq!(all[0], Pos::new(8, 15));
        assert_eq!(all[2], Pos::new(5, 5), "missing field: its mapping");
        assert_eq!(all[3], Pos::new(7, 3));
        assert_eq!(all[4], Pos::new(3, 1), "nothing there: the document");
    }

    #[test]
    fn the_end_of_a_text_without_a_final_newline_is_on_its_last_line() {
        let text = "a: 1\nb: [x";
        assert_eq!(place(text, &At::Pos(Pos::new(3, 1)), 0), Pos::new(2, 6));
        assert_eq!(place(text, &At::Pos(Pos::new(3, 1)), 1), Pos::new(3, 6));
        assert_eq!(place("a: 1\n", &At::Pos(Pos::new(2, 1)), 0), Pos::new(2, 1));
    }

    #[test]
    fn suggests_near_field_names() {
        let m = unknown_field_message("speker", "quote", &["id", "text", "speaker"]);
        assert!(m.contains("did you mean `speaker`?"), "{m}");
        let m = unknown_field_message("zzz", "quote", &["id", "text", "speaker"]);
        assert!(!m.contains("did you mean"), "{m}");
    }

    #[test]
    fn messages_lose_positions_and_long_values() {
        let long = format!(
            "wrong type: string \"{}\", expected a sequence at line 1 column 9",
            "a".repeat(10_000)
        );
        let m = serde_message(&long);
        assert!(m.len() < 100, "{m}");
        assert!(m.ends_with("\", expected a sequence"), "{m}");
        assert_eq!(
            serde_message("found unexpected end of stream at line 4 column 1, while scanning a quoted scalar at line 2 column 8"),
            "found unexpected end of stream, while scanning a quoted scalar"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_locator() {
        let deep = "[".repeat(100_000);
        assert_eq!(locate(&deep, &yaml_path!["x"], false), None);
    }
}
