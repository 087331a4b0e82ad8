//! What the search popup previews of the selected result, laid out for a
//! width: a paragraph in its article, a quote in the paragraph it comes from
//! with its speaker and article, an event with its summary. The words the
//! query matched are marked [`Role::SearchHit`].

use super::wrap::{self, DocLine, Indent, Role, Run};
use crate::corpus::{ArticleIx, Corpus, EventIx};
use crate::search::{Hit, HitTarget, Index, Query};
use std::ops::Range;

/// Quotes and events shown under a preview before "and N more".
const LISTED: usize = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub lines: Vec<DocLine>,
    /// The line of the first matched word: the drawing scrolls to it.
    pub focus: usize,
}

/// The byte ranges of `article`'s body that the query matched in `hit`,
/// when the hit is a paragraph or a quote found in the body.
pub fn body_hits(
    corpus: &Corpus,
    index: &Index,
    query: &Query,
    hit: &Hit,
) -> Option<(ArticleIx, Vec<Range<usize>>)> {
    let item = index.item(hit.item);
    let ranges = index.highlight(query, hit);
    match &item.target {
        HitTarget::Paragraph { article, span } => Some((
            *article,
            ranges
                .iter()
                .map(|r| span.start + r.start..span.start + r.end)
                .filter(|r| r.end <= span.end)
                .collect(),
        )),
        HitTarget::Quote(q) => {
            let article = corpus.article(q.article);
            let quote = article.quote(q.quote);
            let span = quote.span.clone()?;
            // Only the words matched in the quote itself, not its speaker.
            let at = item.text.find(quote.text.as_str())?;
            let in_quote = ranges
                .iter()
                .filter(|r| r.start >= at && r.end <= at + quote.text.len());
            let passage = &article.body[span.clone()];
            if passage == quote.text {
                let shift = |o: usize| span.start + o - at;
                return Some((
                    q.article,
                    in_quote.map(|r| shift(r.start)..shift(r.end)).collect(),
                ));
            }
            // The passage may differ from the quote's text in spaces or
            // punctuation: find each matched piece in it, in order.
            let mut from = 0;
            let mut out = Vec::new();
            for r in in_quote {
                let piece = &item.text[r.clone()];
                if let Some(found) = passage[from..].find(piece) {
                    let start = span.start + from + found;
                    out.push(start..start + piece.len());
                    from += found + piece.len();
                }
            }
            Some((q.article, out))
        }
        HitTarget::Event(_) | HitTarget::Article(_) => None,
    }
}

/// The preview of `hit`, wrapped to `width` columns.
pub fn build(corpus: &Corpus, index: &Index, query: &Query, hit: &Hit, width: u16) -> Preview {
    let width = usize::from(width.max(1));
    let item = index.item(hit.item);
    let ranges = index.highlight(query, hit);
    let mut lines = Vec::new();
    let lang = corpus.date_lang();
    let plain = |text: &str, role, lines: &mut Vec<DocLine>| {
        wrap::wrap_text(text, role, width, Indent::default(), lines)
    };
    // `part` of the item's text with the matched words marked.
    let marked = |part: &str, role, lines: &mut Vec<DocLine>| {
        let at = item.text.find(part).unwrap_or(usize::MAX);
        let shifted: Vec<Range<usize>> = ranges
            .iter()
            .filter(|r| r.start >= at && r.end <= at.saturating_add(part.len()))
            .map(|r| r.start - at..r.end - at)
            .collect();
        wrap::wrap(
            &runs(part, 0, &[], &shifted, role),
            width,
            Indent::default(),
            lines,
        )
    };
    let article_header = |a: ArticleIx, lines: &mut Vec<DocLine>| {
        let article = corpus.article(a);
        plain(&article.title, Role::Title, lines);
        let meta: Vec<String> = [
            article.source.as_deref().map(String::from),
            article.published.map(|d| d.long(lang)),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !meta.is_empty() {
            plain(&meta.join(" · "), Role::Meta, lines);
        }
    };
    match &item.target {
        HitTarget::Paragraph { article, span } => {
            article_header(*article, &mut lines);
            lines.push(DocLine::blank());
            let body = &corpus.article(*article).body;
            let hits = body_hits(corpus, index, query, hit).map_or(Vec::new(), |(_, h)| h);
            let quotes = quote_spans(corpus, *article);
            let para = runs(&body[span.clone()], span.start, &quotes, &hits, Role::Body);
            wrap::wrap(&para, width, Indent::default(), &mut lines);
        }
        HitTarget::Quote(q) => {
            let article = corpus.article(q.article);
            let quote = article.quote(q.quote);
            if let Some(speaker) = &quote.speaker {
                marked(speaker, Role::Speaker, &mut lines);
            }
            match (&quote.span, body_hits(corpus, index, query, hit)) {
                (Some(span), Some((_, hits))) => {
                    // The quote in the paragraph it comes from.
                    let para = paragraph_around(&article.body, span.clone());
                    let quoted = [(span.clone(), Role::quote(q.quote))];
                    let text = &article.body[para.clone()];
                    let runs = runs(text, para.start, &quoted, &hits, Role::Body);
                    wrap::wrap(&runs, width, Indent::default(), &mut lines);
                }
                _ => marked(&quote.text, Role::quote(q.quote), &mut lines),
            }
            lines.push(DocLine::blank());
            article_header(q.article, &mut lines);
            list_events(corpus, corpus.quote_events(*q), width, &mut lines);
        }
        HitTarget::Event(e) => {
            let event = corpus.event(*e);
            plain(&event.date.long(lang), Role::Date, &mut lines);
            marked(&event.title, Role::Title, &mut lines);
            if let Some(summary) = &event.summary {
                lines.push(DocLine::blank());
                plain(summary, Role::Body, &mut lines);
            }
            if !event.actors.is_empty() {
                plain(&event.actors.join(", "), Role::Meta, &mut lines);
            }
            if !event.tags.is_empty() {
                let tags: Vec<String> = event.tags.iter().map(|t| format!("#{t}")).collect();
                plain(&tags.join("  "), Role::Tag, &mut lines);
            }
            let articles = corpus.event_articles(*e);
            if !articles.is_empty() {
                lines.push(DocLine::blank());
                let titles: Vec<&str> = articles
                    .iter()
                    .map(|&a| corpus.article(a).title.as_str())
                    .collect();
                list(&titles, Role::EventLink, width, &mut lines);
            }
        }
        HitTarget::Article(a) => {
            let article = corpus.article(*a);
            marked(&article.title, Role::Title, &mut lines);
            let mut meta: Vec<String> = article.source.iter().map(|s| s.to_string()).collect();
            meta.extend(article.author.as_deref().map(String::from));
            meta.extend(article.published.map(|d| d.long(lang)));
            if !meta.is_empty() {
                plain(&meta.join(" · "), Role::Meta, &mut lines);
            }
            if let Some(first) = paragraphs(&article.body).next() {
                lines.push(DocLine::blank());
                let quotes = quote_spans(corpus, *a);
                let text = &article.body[first.clone()];
                let runs = runs(text, first.start, &quotes, &[], Role::Body);
                wrap::wrap(&runs, width, Indent::default(), &mut lines);
            }
            list_events(corpus, corpus.article_events(*a), width, &mut lines);
        }
    }
    let focus = lines
        .iter()
        .position(|l| l.segs.iter().any(|s| s.role == Role::SearchHit))
        .unwrap_or(0);
    Preview { lines, focus }
}

fn list_events(corpus: &Corpus, events: &[EventIx], width: usize, lines: &mut Vec<DocLine>) {
    if events.is_empty() {
        return;
    }
    let lang = corpus.date_lang();
    let titles: Vec<String> = events
        .iter()
        .map(|&e| {
            let e = corpus.event(e);
            format!("{}  {}", e.date.short(lang), e.title)
        })
        .collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    list(&titles, Role::EventLink, width, lines);
}

/// One "▸ " line per entry (cut to the width), the first few only.
fn list(entries: &[&str], role: Role, width: usize, lines: &mut Vec<DocLine>) {
    for entry in entries.iter().take(LISTED) {
        let text = format!("▸ {entry}");
        lines.push(DocLine::text(super::text::truncate(&text, width), role));
    }
    if entries.len() > LISTED {
        let more = format!("  and {} more", entries.len() - LISTED);
        lines.push(DocLine::text(more, Role::Dim));
    }
}

/// `text` (which starts at byte `base` of its source) cut into runs: the
/// `hits` (source ranges) as matched words, the `marks` in their roles,
/// the rest in `role`.
fn runs<'a>(
    text: &'a str,
    base: usize,
    marks: &[(Range<usize>, Role)],
    hits: &[Range<usize>],
    role: Role,
) -> Vec<Run<'a>> {
    let end = base + text.len();
    let mut cuts = vec![base, end];
    for r in hits.iter().chain(marks.iter().map(|(r, _)| r)) {
        cuts.extend([r.start.clamp(base, end), r.end.clamp(base, end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Run> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, stop) = (pair[0], pair[1]);
        let Some(piece) = text.get(start - base..stop - base) else {
            continue;
        };
        let inside = |r: &Range<usize>| r.start <= start && stop <= r.end;
        let role = if hits.iter().any(inside) {
            Role::SearchHit
        } else {
            marks
                .iter()
                .find(|(r, _)| inside(r))
                .map_or(role, |(_, m)| *m)
        };
        out.push(Run {
            text: piece,
            role,
            src: Some(start),
        });
    }
    out
}

fn quote_spans(corpus: &Corpus, article: ArticleIx) -> Vec<(Range<usize>, Role)> {
    corpus
        .article(article)
        .indexed_quotes()
        .filter_map(|(i, q)| Some((q.span.clone()?, Role::quote(i))))
        .collect()
}

/// The paragraph of `body` holding `span` (paragraphs are separated by a
/// blank line), trimmed.
fn paragraph_around(body: &str, span: Range<usize>) -> Range<usize> {
    paragraphs(body)
        .find(|p| p.start <= span.start && span.start < p.end.max(p.start + 1))
        .map_or(span.clone(), |p| {
            p.start.min(span.start)..p.end.max(span.end)
        })
}

/// The paragraphs of `body`, as trimmed byte ranges.
fn paragraphs(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    body.split("\n\n").filter_map(move |chunk| {
        let start = at;
        at += chunk.len() + 2;
        let lead = chunk.len() - chunk.trim_start().len();
        let trimmed = chunk.trim();
        (!trimmed.is_empty()).then(|| start + lead..start + lead + trimmed.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_trimmed_and_found_around_a_span() {
        let body = "  Un deux.\n\n\nTrois « quatre » cinq.\n\nSix";
        let paras: Vec<&str> = paragraphs(body).map(|r| &body[r]).collect();
        assert_eq!(paras, ["Un deux.", "Trois « quatre » cinq.", "Six"]);
        let q = body.find("quatre").unwrap();
        let p = paragraph_around(body, q..q + 6);
        assert_eq!(&body[p], "Trois « quatre » cinq.");
    }

    #[test]
    fn runs_mark_hits_over_quotes_and_keep_their_source_offsets() {
        let text = "dit « tuer l’entreprise » hier";
        let q = text.find('«').unwrap()..text.find('»').unwrap() + '»'.len_utf8();
        let tuer = text.find("tuer").unwrap();
        let got = runs(
            text,
            100,
            &[(q.start + 100..q.end + 100, Role::Quote(0))],
            std::slice::from_ref(&(tuer + 100..tuer + 104)),
            Role::Body,
        );
        let roles: Vec<(&str, Role)> = got.iter().map(|r| (r.text, r.role)).collect();
        assert_eq!(
            roles,
            [
                ("dit ", Role::Body),
                ("« ", Role::Quote(0)),
                ("tuer", Role::SearchHit),
                (" l’entreprise »", Role::Quote(0)),
                (" hier", Role::Body),
            ]
        );
        assert_eq!(got[2].src, Some(100 + tuer));
    }

    #[test]
    fn words_marked_in_a_quote_are_the_matched_words_of_its_passage() {
        use crate::corpus::{embedded, Progress};
        use crate::search::SearchOptions;
        use std::sync::atomic::AtomicBool;
        let corpus = embedded::load(&Progress::default()).corpus;
        let index = Index::build(&corpus);
        let mut checked = 0;
        for input in [
            "q:tuer entreprise",
            "q:parler",
            "q:amazon",
            "q:juge",
            "q:contenus violents",
        ] {
            let query = Query::parse(input, SearchOptions::default());
            let hits = index.search(&query, &AtomicBool::new(false)).unwrap();
            for hit in &hits {
                let HitTarget::Quote(q) = index.item(hit.item).target.clone() else {
                    continue;
                };
                let article = corpus.article(q.article);
                let Some(span) = article.quote(q.quote).span.clone() else {
                    continue;
                };
                let (a, marked) = body_hits(&corpus, &index, &query, hit).unwrap();
                assert_eq!(a, q.article);
                let text = index.item(hit.item).text;
                for r in &marked {
                    assert!(span.start <= r.start && r.end <= span.end, "{input}: {r:?}");
                    let word = &article.body[r.clone()];
                    assert!(text.contains(word), "{input}: {word:?} not in {text:?}");
                }
                checked += marked.len();
            }
        }
        assert!(checked > 20, "only {checked} marked words checked");
    }
}
