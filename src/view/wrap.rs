//! Word wrapping of styled text into lines, done once per width (not per
//! frame). Whitespace runs become single spaces; words longer than the width
//! are split between graphemes.

use crate::corpus::QuoteIx;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What a piece of text is, so the drawing code can pick its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    Title,
    Meta,
    Tag,
    Date,
    Label,
    EventLink,
    /// An event the open article reports.
    EventReported,
    Rule,
    Heading,
    Body,
    /// A corpus quote of the open article (its `QuoteIx`, held as a `u32`
    /// so every run's role stays small: see [`Role::quote`]).
    Quote(u32),
    /// One of the reader's quotes (index in the annotations' highlights).
    ReaderQuote(u32),
    /// The passage being marked.
    Selection,
    /// Words a search matched (in its preview, and in the article after
    /// jumping to the result).
    SearchHit,
    /// Annotation markers: ★, ✎, a status glyph.
    Star,
    Marker,
    Status(crate::annotations::Status),
    /// The text of a speaker (styled by the speaker palette).
    Speaker,
    Dim,
    Warning,
    Error,
}

impl Role {
    /// The role of quote `q` of the article.
    pub fn quote(q: QuoteIx) -> Role {
        Role::Quote(q.get() as u32)
    }

    /// The quote this role marks, if it marks one.
    pub fn quote_ix(self) -> Option<QuoteIx> {
        match self {
            Role::Quote(q) => Some(QuoteIx::new(q as usize)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub text: String,
    pub role: Role,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocLine {
    pub segs: Vec<Seg>,
    /// Byte offset in the source text where this line starts, when the line
    /// shows source text (article body).
    pub src: Option<usize>,
}

impl DocLine {
    pub fn blank() -> DocLine {
        DocLine::default()
    }

    pub fn text(text: impl Into<String>, role: Role) -> DocLine {
        DocLine {
            segs: vec![Seg {
                text: text.into(),
                role,
            }],
            src: None,
        }
    }

    pub fn width(&self) -> usize {
        self.segs.iter().map(|s| s.text.width()).sum()
    }

    /// The role of the text at display column `col`.
    pub fn role_at(&self, col: usize) -> Option<Role> {
        let mut x = 0;
        for seg in &self.segs {
            let w = seg.text.width();
            if col < x + w {
                return Some(seg.role);
            }
            x += w;
        }
        None
    }

    pub fn plain(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }

    fn push(&mut self, text: &str, role: Role) {
        match self.segs.last_mut() {
            Some(last) if last.role == role => last.text.push_str(text),
            _ => self.segs.push(Seg {
                text: text.to_string(),
                role,
            }),
        }
    }
}

/// A stretch of text in one role; `src` is its byte offset in the source.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    pub text: &'a str,
    pub role: Role,
    pub src: Option<usize>,
}

impl<'a> Run<'a> {
    pub fn new(text: &'a str, role: Role) -> Self {
        Run {
            text,
            role,
            src: None,
        }
    }
}

/// Indentation: the first line's prefix and the following lines' prefix.
#[derive(Debug, Clone, Copy, Default)]
pub struct Indent<'a> {
    pub first: &'a str,
    pub rest: &'a str,
}

struct Wrapper<'o> {
    width: usize,
    indent: Indent<'o>,
    out: &'o mut Vec<DocLine>,
    line: DocLine,
    used: usize,
    has_text: bool,
    first_line: bool,
    space: Option<Role>,
    word: Vec<(String, Role, Option<usize>)>,
    word_width: usize,
}

impl Wrapper<'_> {
    fn start_line(&mut self) {
        let prefix = if self.first_line {
            self.indent.first
        } else {
            self.indent.rest
        };
        self.line = DocLine::default();
        self.used = prefix.width();
        if !prefix.is_empty() {
            self.line.push(prefix, Role::Plain);
        }
        self.has_text = false;
    }

    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.out.push(line);
        self.first_line = false;
        self.start_line();
    }

    fn avail(&self) -> usize {
        self.width.saturating_sub(self.used)
    }

    fn place_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let word = std::mem::take(&mut self.word);
        let ww = std::mem::replace(&mut self.word_width, 0);
        let space = self.space.take().filter(|_| self.has_text);
        let sw = usize::from(space.is_some());
        if self.has_text && sw + ww > self.avail() {
            self.end_line();
        } else if let Some(role) = space {
            self.line.push(" ", role);
            self.used += 1;
        }
        for (text, role, src) in word {
            if self.line.src.is_none() {
                self.line.src = src;
            }
            if text.width() <= self.avail() {
                self.used += text.width();
                self.line.push(&text, role);
                self.has_text = true;
                continue;
            }
            // Split between graphemes.
            let mut offset = 0;
            for g in text.graphemes(true) {
                let gw = g.width();
                if gw > self.avail() && self.has_text {
                    self.end_line();
                    self.line.src = src.map(|s| s + offset);
                }
                self.line.push(g, role);
                self.used += gw;
                self.has_text = true;
                offset += g.len();
            }
        }
    }

    fn finish(mut self) {
        self.place_word();
        if self.has_text {
            let line = std::mem::take(&mut self.line);
            self.out.push(line);
        }
    }
}

/// Wraps `runs` to `width` columns, appending lines to `out`.
pub fn wrap(runs: &[Run], width: usize, indent: Indent, out: &mut Vec<DocLine>) {
    let width = width.max(indent.first.width().max(indent.rest.width()) + 1);
    let mut w = Wrapper {
        width,
        indent,
        out,
        line: DocLine::default(),
        used: 0,
        has_text: false,
        first_line: true,
        space: None,
        word: Vec::new(),
        word_width: 0,
    };
    w.start_line();
    for run in runs {
        let mut rest = run.text;
        let mut offset = 0;
        while !rest.is_empty() {
            let ws = rest.starts_with(char::is_whitespace);
            let end = rest
                .find(|c: char| c.is_whitespace() != ws)
                .unwrap_or(rest.len());
            let piece = &rest[..end];
            if ws {
                w.place_word();
                w.space = Some(run.role);
            } else {
                w.word_width += piece.width();
                w.word
                    .push((piece.to_string(), run.role, run.src.map(|s| s + offset)));
            }
            offset += end;
            rest = &rest[end..];
        }
    }
    w.finish();
}

/// Wraps one plain string.
pub fn wrap_text(text: &str, role: Role, width: usize, indent: Indent, out: &mut Vec<DocLine>) {
    wrap(&[Run::new(text, role)], width, indent, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(runs: &[Run], width: usize) -> Vec<String> {
        let mut out = Vec::new();
        wrap(runs, width, Indent::default(), &mut out);
        out.iter().map(DocLine::plain).collect()
    }

    #[test]
    fn wraps_at_word_boundaries_and_collapses_whitespace() {
        let text = "Cela va  tuer\nl’entreprise au moment même";
        assert_eq!(
            lines(&[Run::new(text, Role::Body)], 12),
            ["Cela va tuer", "l’entreprise", "au moment", "même"]
        );
    }

    #[test]
    fn words_spanning_runs_stay_together_and_keep_their_roles() {
        let runs = [
            Run::new("dit «", Role::Body),
            Run::new("Cela", Role::Quote(0)),
            Run::new("» hier", Role::Body),
        ];
        let mut out = Vec::new();
        wrap(&runs, 7, Indent::default(), &mut out);
        let got: Vec<_> = out.iter().map(DocLine::plain).collect();
        assert_eq!(got, ["dit", "«Cela»", "hier"]);
        assert_eq!(out[1].role_at(1), Some(Role::Quote(0)));
        assert_eq!(out[1].role_at(0), Some(Role::Body));
    }

    #[test]
    fn long_words_split_between_graphemes_and_widths_count_columns() {
        let got = lines(&[Run::new("ééééééé 日本語日本語", Role::Body)], 4);
        assert_eq!(got, ["éééé", "ééé", "日本", "語日", "本語"]);
    }

    #[test]
    fn lines_remember_where_they_start_in_the_source() {
        let text = "un deux trois";
        let mut out = Vec::new();
        wrap(
            &[Run {
                text,
                role: Role::Body,
                src: Some(100),
            }],
            5,
            Indent::default(),
            &mut out,
        );
        let srcs: Vec<_> = out.iter().map(|l| l.src).collect();
        assert_eq!(srcs, [Some(100), Some(103), Some(108)]);
    }

    #[test]
    fn indents_first_and_following_lines() {
        let mut out = Vec::new();
        wrap_text(
            "a b c d",
            Role::Body,
            5,
            Indent {
                first: "- ",
                rest: "  ",
            },
            &mut out,
        );
        let got: Vec<_> = out.iter().map(DocLine::plain).collect();
        assert_eq!(got, ["- a b", "  c d"]);
    }

    #[test]
    fn zero_width_never_loops_forever() {
        assert_eq!(lines(&[Run::new("abc def", Role::Body)], 0).len(), 6);
    }
}
