//! The items of a corpus, in the order an index holds them: every event's,
//! then every article's, then the quotes' and the paragraphs' of each
//! article in turn ([`Index::build`] and the update of an index push them
//! in that order).

use super::builder::{Builder, Item};
use super::{HitTarget, Index, Kind};
use crate::corpus::{Article, ArticleIx, Corpus, DateLang, Event, EventIx, QuoteRef};
use std::ops::Range;

impl Index {
    /// Folds every text of `corpus`. Takes a while on a large corpus: run it
    /// off the UI thread.
    pub fn build(corpus: &Corpus) -> Index {
        let mut builder = Builder::default();
        let lang = corpus.date_lang();
        for (e, event) in corpus.indexed_events() {
            push_event(&mut builder, lang, e, event);
        }
        for (a, article) in corpus.indexed_articles() {
            push_article(&mut builder, lang, a, article);
        }
        for (a, article) in corpus.indexed_articles() {
            push_quotes(&mut builder, lang, a, article);
        }
        for (a, article) in corpus.indexed_articles() {
            push_paragraphs(&mut builder, a, article);
        }
        builder.finish().with_bodies(corpus)
    }
}

/// The item of event `e`.
pub(super) fn push_event(builder: &mut Builder, lang: DateLang, e: EventIx, event: &Event) {
    let text = format!("{} — {}", event.date.long(lang), event.title);
    builder.push(Item {
        kind: Kind::Event,
        target: HitTarget::Event(e),
        date: Some(event.date),
        article: None,
        fields: [0..0, 0..text.len()],
        text: &text,
        tags: &event.tags,
        id: &event.id,
        in_body: None,
        disputed: event.disputed(),
    });
}

/// The item of article `a` itself.
pub(super) fn push_article(builder: &mut Builder, lang: DateLang, a: ArticleIx, article: &Article) {
    let mut text = article.title.clone();
    let tail: Vec<String> = article
        .source
        .iter()
        .map(|s| s.to_string())
        .chain(article.published.map(|d| d.long(lang)))
        .collect();
    if !tail.is_empty() {
        text.push_str(" — ");
        text.push_str(&tail.join(", "));
    }
    builder.push(Item {
        kind: Kind::Article,
        target: HitTarget::Article(a),
        date: article.published,
        article: Some(a),
        fields: [0..0, 0..text.len()],
        text: &text,
        tags: &article.tags,
        id: &article.id,
        in_body: None,
        disputed: false,
    });
}

/// The items of the quotes of article `a`.
pub(super) fn push_quotes(builder: &mut Builder, lang: DateLang, a: ArticleIx, article: &Article) {
    let date = article.published.map(|d| d.short_with_year(lang));
    for (q, quote) in article.indexed_quotes() {
        let mut text = String::new();
        let mut speaker = 0..0;
        if let Some(name) = &quote.speaker {
            text.push_str(name);
            speaker.end = text.len();
            text.push_str(" — ");
        }
        let words = text.len()..text.len() + quote.text.len();
        text.push_str(&quote.text);
        // The article is shown, not matched.
        text.push_str(" — ");
        text.push_str(&article.title);
        if let Some(d) = &date {
            text.push_str(", ");
            text.push_str(d);
        }
        let id = format!("{}#{}", article.id, quote.id);
        builder.push(Item {
            kind: Kind::Quote,
            target: HitTarget::Quote(QuoteRef {
                article: a,
                quote: q,
            }),
            date: article.published,
            article: Some(a),
            fields: [speaker, words],
            text: &text,
            tags: &article.tags,
            id: &id,
            in_body: None,
            disputed: false,
        });
    }
}

/// The items of the paragraphs of article `a`'s body.
pub(super) fn push_paragraphs(builder: &mut Builder, a: ArticleIx, article: &Article) {
    for (n, span) in paragraphs(&article.body).enumerate() {
        let id = format!("{}:p{}", article.id, n + 1);
        let text = &article.body[span.clone()];
        let span_start = span.start;
        builder.push(Item {
            kind: Kind::Paragraph,
            target: HitTarget::Paragraph { article: a, span },
            date: article.published,
            article: Some(a),
            fields: [0..0, 0..text.len()],
            in_body: Some(span_start),
            text,
            tags: &article.tags,
            id: &id,
            disputed: false,
        });
    }
}

/// Byte spans of the paragraphs of `body`: runs of lines separated by blank
/// lines, trimmed.
fn paragraphs(body: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                spans.push(s..end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            start.get_or_insert(at + lead);
            end = at + line.trim_end().len();
        }
        at += line.len();
    }
    if let Some(s) = start {
        spans.push(s..end);
    }
    spans.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_trimmed_spans() {
        let body = "\n  Un\ndeux  \n\n\n trois\n";
        let spans: Vec<&str> = paragraphs(body).map(|r| &body[r]).collect();
        assert_eq!(spans, ["Un\ndeux", "trois"]);
    }
}
