//! Diagnostics: one problem in one file, at a line and column, with a message
//! that says what to do. Printed as `path:line:col: error|warning: message`.

use crate::safe_text::one_line;
use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A position in a file: both 1-based, the column counted in characters.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub(crate) const START: Pos = Pos { line: 1, col: 1 };

    pub fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }

    /// The position of byte `offset` in `text` (clamped to the text's end).
    pub(crate) fn of_offset(text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Pos { line, col }
    }

    /// This position moved down by `lines` lines (for YAML embedded in a file).
    pub fn below(self, lines: usize) -> Pos {
        Pos {
            line: self.line + lines,
            col: self.col,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub pos: Pos,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            pos,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: impl Into<PathBuf>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Always one line: the path and the message, which quote what the files
/// hold, are shown through [`one_line`], so an id holding a line break or
/// an escape sequence can neither forge a second diagnostic nor act on the
/// terminal.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            one_line(&self.path.display().to_string()),
            self.pos.line,
            self.pos.col,
            self.severity,
            one_line(&self.message)
        )
    }
}

/// A value quoted in a message, cut when long (keeping its start and its
/// end, as serde's quoted values are cut): a 1 MB id must not make a 1 MB
/// diagnostic.
pub(crate) fn clip(value: &str) -> Cow<'_, str> {
    const KEEP: usize = 24;
    let chars = value.chars().count();
    if chars <= 2 * KEEP + 1 {
        return Cow::Borrowed(value);
    }
    let mut out: String = value.chars().take(KEEP).collect();
    out.push('…');
    out.extend(value.chars().skip(chars - KEEP));
    Cow::Owned(out)
}

/// Sorts diagnostics by file, then position, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.path, a.pos).cmp(&(&b.path, b.pos)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_one_based_line_and_char_column() {
        let text = "ab\nété x\n";
        assert_eq!(Pos::of_offset(text, 0), Pos::new(1, 1));
        assert_eq!(Pos::of_offset(text, 3), Pos::new(2, 1));
        // "été " is 6 bytes but 4 characters: 'x' is in column 5.
        let x = text.find('x').unwrap();
        assert_eq!(Pos::of_offset(text, x), Pos::new(2, 5));
        assert_eq!(Pos::of_offset(text, 999), Pos::new(3, 1));
    }

    #[test]
    fn a_diagnostic_is_one_line_whatever_it_quotes() {
        let d = Diagnostic::error(
            "data/\x1b]0;x\x07.yaml",
            Pos::new(3, 7),
            "unknown id `a\ndata/timeline.yaml:1:1: error: forged`",
        );
        let shown = d.to_string();
        assert_eq!(shown.lines().count(), 1);
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert!(shown.starts_with("data/␛]0;x␇.yaml:3:7: error: unknown id `a␊data"));
    }

    #[test]
    fn long_values_keep_their_start_and_end() {
        assert_eq!(clip("short-id"), "short-id");
        let long = format!("{}{}", "a".repeat(1_000_000), "z".repeat(24));
        let cut = clip(&long);
        assert_eq!(cut, format!("{}…{}", "a".repeat(24), "z".repeat(24)));
    }

    #[test]
    fn displays_like_a_compiler() {
        let d = Diagnostic::warning("data/timeline.yaml", Pos::new(3, 7), "unknown field");
        assert_eq!(
            d.to_string(),
            "data/timeline.yaml:3:7: warning: unknown field"
        );
    }
}
