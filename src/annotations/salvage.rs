//! The second reading of an `annotations.yaml` whose strict reading failed:
//! item by item, so that one bad field (`status: dubious`) hides only the
//! note, highlight or reader event it is in. The reader shows every valid
//! item and stays read-only until the file is fixed, so the bad item is
//! never rewritten away; `check` lists every bad item, not just the first.

use super::format::unknown_field_warnings;
use super::model::{Annotations, Extra, Highlight, Note, ReaderEvent, VERSION};
use crate::corpus::loose;
use crate::diagnostic::{clip, Diagnostic};
use crate::yaml::{self, At, Seg, YamlPath, YamlProblem};
use crate::yaml_path;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The file's top level, each section still unread.
#[derive(Deserialize)]
struct Sections {
    #[serde(default)]
    version: Option<Value>,
    #[serde(default)]
    events: Value,
    #[serde(default)]
    quotes: Value,
    #[serde(default)]
    highlights: Value,
    #[serde(default)]
    reader_events: Value,
    #[serde(flatten)]
    extra: Extra,
}

/// What could be read of `text`: every valid item, and diagnostics placed
/// in `path` — an error for each bad item (or section), warnings for
/// unknown fields in the good ones. `None` when the text cannot be read as
/// YAML at all (a syntax error): nothing is read then.
pub(crate) fn salvage(text: &str, path: &Path) -> Option<(Annotations, Vec<Diagnostic>)> {
    let mut slips = Vec::new();
    let sections: Sections = loose::from_str(text, &mut Vec::new(), &mut slips).ok()?;
    let mut errors: Vec<(At, String)> = slips
        .into_iter()
        .map(|p| (p.at, format!("{}; {READ_ONLY}", p.message)))
        .collect();
    let version = match sections.version {
        None => VERSION,
        Some(v) => match read::<u32>(v, &[], "version", &mut errors) {
            Some(n) if n > VERSION => {
                errors.push((
                    At::Value(yaml_path!["version"]),
                    format!(
                        "version {n} was written by a newer chronique (this one reads version \
                         {VERSION}); {READ_ONLY}"
                    ),
                ));
                n
            }
            Some(n) => n,
            None => VERSION,
        },
    };
    let (highlight_rows, highlights) =
        items::<Highlight>(sections.highlights, "highlights", "highlight", &mut errors);
    let (event_rows, reader_events) = items::<ReaderEvent>(
        sections.reader_events,
        "reader_events",
        "reader event",
        &mut errors,
    );
    let a = Annotations {
        version,
        events: notes(sections.events, "events", "event", &mut errors),
        quotes: notes(sections.quotes, "quotes", "quote", &mut errors),
        highlights,
        reader_events,
        extra: sections.extra,
    };
    // Warnings name items by their place in `a`; a bad item skipped before
    // them moves them in the file.
    let mut warnings = unknown_field_warnings(&a);
    for (at, _) in &mut warnings {
        if let At::Key(path) = at {
            let rows = match path.first() {
                Some(Seg::Key(k)) if k == "highlights" => &highlight_rows,
                Some(Seg::Key(k)) if k == "reader_events" => &event_rows,
                _ => continue,
            };
            if let Some(Seg::Index(i)) = path.get_mut(1) {
                *i = rows[*i];
            }
        }
    }
    let (error_count, found) = (errors.len(), errors.into_iter().chain(warnings));
    let found: Vec<(At, String)> = found.collect();
    let ats: Vec<&At> = found.iter().map(|(at, _)| at).collect();
    let places = yaml::place_all(text, &ats, 0);
    let mut diagnostics: Vec<Diagnostic> = found
        .into_iter()
        .zip(places)
        .enumerate()
        .map(|(i, ((_, msg), pos))| match i < error_count {
            true => Diagnostic::error(path, pos, msg),
            false => Diagnostic::warning(path, pos, msg),
        })
        .collect();
    crate::diagnostic::sort(&mut diagnostics);
    Some((a, diagnostics))
}

const READ_ONLY: &str = "annotations are read-only until this is fixed";

/// Reads `value` (found at `prefix`) as `T`; on a problem, records it as
/// the error of `what` and gives `None`.
fn read<T: DeserializeOwned>(
    value: Value,
    prefix: &[Seg],
    what: &str,
    errors: &mut Vec<(At, String)>,
) -> Option<T> {
    match yaml::from_value(value, prefix, &mut Vec::new()) {
        Ok(v) => Some(v),
        Err(YamlProblem { message, at }) => {
            errors.push((
                at,
                format!("{message}; {what} is not shown, and {READ_ONLY}"),
            ));
            None
        }
    }
}

/// `events:` or `quotes:`, each note read on its own.
fn notes(
    value: Value,
    section: &str,
    kind: &str,
    errors: &mut Vec<(At, String)>,
) -> BTreeMap<String, Note> {
    let prefix: YamlPath = yaml_path![section];
    let Value::Mapping(entries) = value else {
        let what = format!("`{section}`");
        return read(value, &prefix, &what, errors).unwrap_or_default();
    };
    let mut out = BTreeMap::new();
    for (key, note) in entries {
        let what = format!("the note on {kind} `{}`", clip(&key_text(&key)));
        // A one-entry mapping, read as the whole section is: the key is
        // read (and placed) exactly as the strict reading would.
        let one = Value::Mapping(Mapping::from_iter([(key, note)]));
        if let Some(read) = read::<BTreeMap<String, Note>>(one, &prefix, &what, errors) {
            out.extend(read);
        }
    }
    out
}

/// `highlights:` or `reader_events:`, each item read on its own: the
/// valid ones, and the row of each in the file's list.
fn items<T: DeserializeOwned>(
    value: Value,
    section: &str,
    kind: &str,
    errors: &mut Vec<(At, String)>,
) -> (Vec<usize>, Vec<T>) {
    let Value::Sequence(list) = value else {
        let what = format!("`{section}`");
        let all: Vec<T> = read(value, &[Seg::from(section)], &what, errors).unwrap_or_default();
        return ((0..all.len()).collect(), all);
    };
    let (mut rows, mut out) = (Vec::new(), Vec::with_capacity(list.len()));
    for (i, item) in list.into_iter().enumerate() {
        let what = match item.get("id").map(key_text) {
            Some(id) => format!("{kind} `{}`", clip(&id)),
            None => format!("{kind} {}", i + 1),
        };
        if let Some(read) = read(item, &[Seg::from(section), Seg::from(i)], &what, errors) {
            rows.push(i);
            out.push(read);
        }
    }
    (rows, out)
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_field_hides_only_its_item() {
        let text = "version: 1\nevents:\n  a:\n    note: gardée\n  b:\n    status: dubious\n  \
                    c:\n    starred: true\n    couleur: jaune\nhighlights:\n  - id: h1\n    \
                    text: sans article\n  - id: h2\n    article: afp\n    text: bon\n    vu: oui\n";
        let (a, ds) = salvage(text, Path::new("annotations.yaml")).unwrap();
        assert_eq!(a.events.keys().collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(a.events["c"].extra["couleur"], Value::from("jaune"));
        assert_eq!(a.highlights.len(), 1);
        assert_eq!(a.highlights[0].id, "h2");
        let shown: Vec<String> = ds.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 4, "{shown:#?}");
        assert!(
            shown[0]
                .starts_with("annotations.yaml:6:13: error: `status`: unknown variant `dubious`"),
            "{shown:#?}"
        );
        assert!(shown[0].contains("the note on event `b` is not shown"));
        assert!(shown[1].starts_with("annotations.yaml:9:5: warning: unknown field `couleur`"));
        assert!(
            shown[2].starts_with("annotations.yaml:11:5: error:"),
            "{shown:#?}"
        );
        assert!(
            shown[2].contains("highlight `h1` is not shown"),
            "{shown:#?}"
        );
        // Placed in the file's second highlight, though it is `a`'s first.
        assert!(
            shown[3].starts_with("annotations.yaml:16:5: warning: unknown field `vu`"),
            "{shown:#?}"
        );
    }

    #[test]
    fn a_syntax_error_reads_nothing() {
        assert!(salvage("events:\n  a: {note: [\n", Path::new("a.yaml")).is_none());
    }
}
