//! YAML text for `annotations.yaml`: scalars, keys and unknown values,
//! written so that every value reads back identical.
//!
//! Whether a string may be written plain, and how it is quoted otherwise,
//! is serde_yaml's emitter's decision (libyaml's rules, plus serde_yaml's own:
//! it quotes what its reader would take for a number, a boolean or null, such
//! as `0b101` or `~`). Two cases are kept from it because its output is only
//! right for a document of one scalar: a string with a line break (`\n`, and
//! the breaks YAML also counts, U+0085, U+2028, U+2029) is written as a `|`
//! block when that keeps it exactly, else double-quoted with escapes; and a
//! list item is quoted when plain would split it (`,`, `:`, `?`, brackets,
//! braces: libyaml's rule for flow context).

use serde_yaml::Value;
use std::fmt::Write;

/// Where a scalar goes: a block mapping's key or value, or a flow list item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Block,
    Flow,
}

/// Characters that end a plain scalar in a flow list (libyaml refuses them
/// in plain flow scalars).
const FLOW_INDICATORS: [char; 7] = [',', '?', ':', '[', ']', '{', '}'];

/// A simple key must end within 1024 characters of where it starts (YAML
/// spec and libyaml); longer keys are written in the explicit `? key` form.
const SIMPLE_KEY_MAX: usize = 512;

pub(crate) fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// `key: value` at `indent`.
pub fn field(out: &mut String, key: &str, value: &str, indent: usize) {
    pad(out, indent);
    field_here(out, key, value, indent);
}

/// [`field`] where the cursor already is at the mapping's column `indent`
/// (after `- `).
pub(crate) fn field_here(out: &mut String, key: &str, value: &str, indent: usize) {
    out.push_str(key);
    out.push(':');
    string_value(out, value, indent);
}

/// After `key:`: ` value\n`, or a literal block indented below `indent`.
fn string_value(out: &mut String, value: &str, indent: usize) {
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
        scalar_in(out, value, Context::Block);
        out.push('\n');
    }
}

/// `key: [a, b]`, nothing when empty.
pub fn list(out: &mut String, key: &str, items: &[String], indent: usize) {
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
        scalar_in(out, item, Context::Flow);
    }
    out.push_str("]\n");
}

/// `key:` at `indent` (the value follows: ` x\n` or `\n` and a block below).
/// A key too long to be a simple key is written `? key` then `:` alone.
pub fn key(out: &mut String, key: &str, indent: usize) {
    let start = out.len();
    pad(out, indent);
    let key_start = out.len();
    scalar_in(out, key, Context::Block);
    if out.len() - key_start > SIMPLE_KEY_MAX {
        out.truncate(start);
        pad(out, indent);
        out.push_str("? ");
        scalar_in(out, key, Context::Block);
        out.push('\n');
        pad(out, indent);
    }
    out.push(':');
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

/// Characters YAML accepts raw in a scalar and does not treat as a break.
fn printable(c: char) -> bool {
    !(c < ' '
        || c == '\u{7f}'
        || ('\u{80}'..='\u{9f}').contains(&c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        ))
}

/// Line breaks to YAML, which the emitter writes raw.
fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// A one-line scalar as the emitter writes it, except where its output
/// would not read back the same in this place (see the module doc).
fn scalar_in(out: &mut String, s: &str, context: Context) {
    if plain_word(s) {
        out.push_str(s);
        return;
    }
    let emitted = serde_yaml::to_string(s).unwrap_or_default();
    let one_line = emitted
        .strip_suffix('\n')
        .filter(|t| !t.is_empty() && !t.contains(is_break) && !t.starts_with(['|', '>']));
    match one_line {
        // libyaml's own rule for flow context, which a block document
        // does not apply.
        Some(t) if context == Context::Flow && t == s && s.contains(FLOW_INDICATORS) => {
            double_quoted(out, s)
        }
        Some(t) => out.push_str(t),
        None => double_quoted(out, s),
    }
}

/// A shortcut for most ids and tags (asking the emitter costs about a
/// microsecond a string; a file has tens of thousands): a word of letters,
/// digits, `-`, `_` and `.`, starting with a letter, that is not a boolean
/// or null. The emitter writes these plain too (a test checks it).
fn plain_word(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !["true", "false", "null"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(s))
}

/// `"…"` with every character YAML could change escaped: always exact.
fn double_quoted(out: &mut String, s: &str) {
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

/// An unknown field's value, after its `key:`; mappings and lists go on
/// the lines below, indented under `indent`.
pub fn value(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::String(s) => string_value(out, s, indent),
        Value::Null | Value::Bool(_) | Value::Number(_) => {
            out.push(' ');
            plain_value(out, v);
            out.push('\n');
        }
        Value::Sequence(items) if items.is_empty() => out.push_str(" []\n"),
        Value::Mapping(m) if m.is_empty() => out.push_str(" {}\n"),
        Value::Sequence(items) => {
            out.push('\n');
            for item in items {
                pad(out, indent + 2);
                out.push('-');
                value(out, item, indent + 2);
            }
        }
        Value::Mapping(m) => {
            out.push('\n');
            for (k, v) in m {
                mapping_key(out, k, indent + 2);
                value(out, v, indent + 2);
            }
        }
        Value::Tagged(t) => {
            out.push(' ');
            let _ = write!(out, "{}", t.tag);
            value(out, &t.value, indent);
        }
    }
}

/// `null`, `true`, a number: as serde_yaml writes them.
fn plain_value(out: &mut String, v: &Value) {
    let text = serde_yaml::to_string(v).unwrap_or_else(|_| "null".into());
    out.push_str(text.trim_end());
}

/// A key of an unknown mapping: text as [`key`], other scalars as
/// themselves, anything else in the explicit `? key` form.
fn mapping_key(out: &mut String, k: &Value, indent: usize) {
    match k {
        Value::String(s) => key(out, s, indent),
        Value::Null | Value::Bool(_) | Value::Number(_) => {
            pad(out, indent);
            plain_value(out, k);
            out.push(':');
        }
        _ => {
            pad(out, indent);
            out.push('?');
            value(out, k, indent);
            pad(out, indent);
            out.push(':');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        /// The shortcut never says plain where the emitter would quote.
        #[test]
        fn plain_words_are_what_the_emitter_writes_plain(
            s in "[a-zA-Zé][a-zA-Z0-9_.é٣-]{0,12}|[tTfFnN][rRaAuU][a-zA-Z]{0,3}|\\PC{1,6}"
        ) {
            if plain_word(&s) {
                prop_assert_eq!(serde_yaml::to_string(&s).unwrap(), format!("{s}\n"));
            }
        }
    }

    #[test]
    fn booleans_and_null_are_not_plain_words() {
        for s in ["true", "False", "NULL", "null"] {
            assert!(!plain_word(s), "{s}");
        }
        assert!(plain_word("evenement-00042"));
    }
}
