//! The open article laid out for a width: header, body paragraphs and
//! headings, quotes marked. Built once per (article, width), drawn many times.

use super::wrap::{self, DocLine, Indent, Role, Run};
use crate::corpus::{ArticleIx, Corpus, QuoteIx};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct ArticleDoc {
    pub article: ArticleIx,
    pub width: u16,
    pub lines: Vec<DocLine>,
    /// For each quote of the article (by `QuoteIx`), the line its passage
    /// starts on.
    pub quote_lines: Vec<Option<usize>>,
}

impl ArticleDoc {
    /// The line quote `q`'s passage starts on (`None`: not found in the body).
    pub fn quote_line(&self, q: QuoteIx) -> Option<usize> {
        self.quote_lines.get(q.get()).copied().flatten()
    }

    pub fn build(corpus: &Corpus, article: ArticleIx, width: u16) -> ArticleDoc {
        Self::build_marked(corpus, article, width, &[])
    }

    /// With extra marked spans of the body (the reader's quotes, the
    /// passage being marked); they win over corpus quotes where they meet.
    pub fn build_marked(
        corpus: &Corpus,
        article: ArticleIx,
        width: u16,
        marks: &[(Range<usize>, Role)],
    ) -> ArticleDoc {
        let a = corpus.article(article);
        let lang = corpus.date_lang();
        let w = usize::from(width.max(1));
        let mut lines = Vec::new();
        // A title or date the page does not carry is marked; the details
        // pane gives the note.
        let mark = |field: &str| {
            a.provenance_of(field)
                .map(|p| format!(" {}", crate::corpus::disagreement::provenance_mark(p)))
                .unwrap_or_default()
        };
        let title_mark = mark("title");
        let title_runs = [
            wrap::Run::new(&a.title, Role::Title),
            wrap::Run::new(&title_mark, Role::Dim),
        ];
        wrap::wrap(&title_runs, w, Indent::default(), &mut lines);
        let mut meta: Vec<String> = Vec::new();
        meta.extend(a.source.as_deref().map(String::from));
        meta.extend(a.author.as_deref().map(String::from));
        meta.extend(a.published.map(|d| d.long(lang) + &mark("published")));
        if !meta.is_empty() {
            wrap::wrap_text(
                &meta.join(" · "),
                Role::Meta,
                w,
                Indent::default(),
                &mut lines,
            );
        }
        if !a.tags.is_empty() {
            let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
            wrap::wrap_text(
                &tags.join("  "),
                Role::Tag,
                w,
                Indent::default(),
                &mut lines,
            );
        }
        if let Some(url) = &a.url {
            wrap::wrap_text(url, Role::Dim, w, Indent::default(), &mut lines);
        }
        for &e in corpus.article_events(article) {
            let event = corpus.event(e);
            // One line per event: the header must not push the body away.
            let text = format!("▸ {}  {}", event.date.short(lang), event.title);
            lines.push(DocLine::text(
                super::text::truncate(&text, w),
                Role::EventLink,
            ));
        }
        lines.push(DocLine::text("─".repeat(w), Role::Rule));
        let runs = quote_runs(corpus, article, marks);
        for block in blocks(&a.body) {
            lines.push(DocLine::blank());
            match block {
                Block::Heading(r) => {
                    let run = Run {
                        text: &a.body[r.clone()],
                        role: Role::Heading,
                        src: Some(r.start),
                    };
                    wrap::wrap(&[run], w, Indent::default(), &mut lines);
                }
                Block::Paragraph(r) => {
                    let para: Vec<Run> = runs
                        .iter()
                        .filter(|(span, _)| span.end > r.start && span.start < r.end)
                        .map(|(span, role)| {
                            let s = span.start.max(r.start)..span.end.min(r.end);
                            Run {
                                text: &a.body[s.clone()],
                                role: *role,
                                src: Some(s.start),
                            }
                        })
                        .collect();
                    wrap::wrap(&para, w, Indent::default(), &mut lines);
                }
            }
        }
        let quote_lines = a
            .quotes
            .iter()
            .map(|q| q.span.as_ref().map(|s| line_of(&lines, s.start)))
            .collect();
        ArticleDoc {
            article,
            width,
            lines,
            quote_lines,
        }
    }

    /// The line showing body byte `offset`.
    pub fn line_for_offset(&self, offset: usize) -> usize {
        line_of(&self.lines, offset)
    }
}

fn line_of(lines: &[DocLine], offset: usize) -> usize {
    let mut best = 0;
    for (i, l) in lines.iter().enumerate() {
        match l.src {
            Some(s) if s <= offset => best = i,
            Some(_) => break,
            None => {}
        }
    }
    best
}

enum Block {
    Heading(Range<usize>),
    Paragraph(Range<usize>),
}

/// Paragraphs are separated by blank lines; a line starting with "# " is a
/// heading of its own.
fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Option<Range<usize>> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim_end();
        if trimmed.trim().is_empty() {
            out.extend(para.take().map(Block::Paragraph));
        } else if let Some(h) = trimmed.strip_prefix("# ") {
            out.extend(para.take().map(Block::Paragraph));
            let hs = start + (trimmed.len() - h.len());
            out.push(Block::Heading(hs..start + trimmed.len()));
        } else {
            let end = start + trimmed.len();
            para = Some(match para {
                Some(p) => p.start..end,
                None => start..end,
            });
        }
    }
    out.extend(para.map(Block::Paragraph));
    out
}

/// The body cut into runs of plain text and quotes. Where quotes nest, the
/// innermost (latest-starting, then shortest) wins.
fn quote_runs(
    corpus: &Corpus,
    article: ArticleIx,
    marks: &[(Range<usize>, Role)],
) -> Vec<(Range<usize>, Role)> {
    let a = corpus.article(article);
    let mut cuts: Vec<usize> = vec![0, a.body.len()];
    for (s, _) in marks {
        cuts.push(s.start.min(a.body.len()));
        cuts.push(s.end.min(a.body.len()));
    }
    for q in &a.quotes {
        if let Some(s) = &q.span {
            cuts.push(s.start);
            cuts.push(s.end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut runs: Vec<(Range<usize>, Role)> = Vec::new();
    for pair in cuts.windows(2) {
        let r = pair[0]..pair[1];
        let inner = a
            .indexed_quotes()
            .filter_map(|(i, q)| q.span.as_ref().map(|s| (i, s)))
            .filter(|(_, s)| s.start <= r.start && r.end <= s.end)
            .max_by_key(|(_, s)| (s.start, std::cmp::Reverse(s.end)));
        let mut role = inner.map_or(Role::Body, |(i, _)| Role::quote(i));
        // The selection first, then the innermost of the reader's quotes.
        let marked = marks
            .iter()
            .filter(|(s, _)| s.start <= r.start && r.end <= s.end)
            .max_by_key(|(s, m)| (*m == Role::Selection, s.start, std::cmp::Reverse(s.end)));
        if let Some((_, m)) = marked {
            role = *m;
        }
        match runs.last_mut() {
            Some((last, last_role)) if *last_role == role => last.end = r.end,
            _ => runs.push((r, role)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{embedded, Progress};

    fn sample() -> Corpus {
        embedded::load(&Progress::default()).corpus
    }

    #[test]
    fn every_quote_is_marked_and_located() {
        let corpus = sample();
        for (a, article) in corpus.indexed_articles() {
            let doc = ArticleDoc::build(&corpus, a, 60);
            for (q, quote) in article.indexed_quotes() {
                let line = doc.quote_line(q).expect("every sample quote is found");
                // The quote's role appears on its first line or the next (the
                // quote may start right at a wrap).
                let found = doc.lines[line..(line + 2).min(doc.lines.len())]
                    .iter()
                    .flat_map(|l| &l.segs)
                    .any(|s| {
                        s.role.quote_ix() == Some(q)
                            || (matches!(s.role, Role::Quote(_))
                                && quote.text.contains(s.text.trim()))
                    });
                assert!(
                    found,
                    "{}#{} not marked near line {line}",
                    article.id, quote.id
                );
            }
            assert!(doc.lines.iter().all(|l| l.width() <= 60), "{}", article.id);
        }
    }

    #[test]
    fn headings_and_paragraphs_are_separate_blocks() {
        let b = blocks("Intro\nsuite\n\n# Titre\nTexte\n");
        let kinds: Vec<_> = b
            .iter()
            .map(|b| match b {
                Block::Heading(r) => format!("H{r:?}"),
                Block::Paragraph(r) => format!("P{r:?}"),
            })
            .collect();
        assert_eq!(kinds, ["P0..11", "H15..20", "P21..26"]);
    }
}
