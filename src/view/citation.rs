//! What `y` and `Y` copy: a quote or an event as a fact-checker pastes it
//! into a story or a message — the words, who said them, where and when
//! they were published, and the link to check them.

use crate::annotations::Highlight;
use crate::corpus::{Article, Corpus, Event, QuoteRef, SourceRef};

/// `« text » — speaker, Outlet, 11 janvier 2021, https://…` (the parts the
/// corpus does not know are left out).
pub fn quote(corpus: &Corpus, quote: QuoteRef) -> String {
    let a = corpus.article(quote.article);
    let q = a.quote(quote.quote);
    cite(corpus, a, &q.text, q.speaker.as_deref())
}

/// The same for one of the reader's quotes.
pub fn highlight(corpus: &Corpus, h: &Highlight) -> Option<String> {
    let article = corpus.article_index(&h.article)?;
    Some(cite(
        corpus,
        corpus.article(article),
        &h.text,
        h.speaker.as_deref(),
    ))
}

fn cite(corpus: &Corpus, a: &Article, text: &str, speaker: Option<&str>) -> String {
    let words = crate::whitespace::collapse(text);
    let mut parts: Vec<String> = Vec::new();
    parts.extend(speaker.map(str::to_string));
    parts.extend(source_parts(corpus, a));
    format!("« {words} » — {}", parts.join(", "))
}

/// Outlet, date and URL of an article, those it has.
fn source_parts(corpus: &Corpus, a: &Article) -> Vec<String> {
    let lang = corpus.date_lang();
    let mut parts = Vec::new();
    parts.extend(a.source.as_deref().map(String::from));
    parts.extend(a.published.map(|d| d.long(lang)));
    parts.extend(a.url.clone());
    parts
}

/// The event with its summary and its sources, one a line:
///
/// ```text
/// 11 janvier 2021 — AWS cesse d'héberger Parler
/// Summary…
/// Sources:
/// - « observé récemment … » — Amazon Web Services, AFP, 11 janvier 2021, https://…
/// - Le réseau social conservateur Parler… (AFP, 11 janvier 2021, https://…)
/// ```
pub fn event(corpus: &Corpus, e: &Event) -> String {
    let lang = corpus.date_lang();
    let mut out = format!("{} — {}\n", e.date.long(lang), e.title);
    if let Some(summary) = &e.summary {
        let summary = crate::whitespace::collapse(summary);
        out.push_str(&summary);
        out.push('\n');
    }
    if !e.sources.is_empty() {
        out.push_str("Sources:\n");
    }
    for &SourceRef { article, quote: q } in &e.sources {
        let line = match q {
            Some(q) => quote(corpus, QuoteRef { article, quote: q }),
            None => {
                let a = corpus.article(article);
                let parts = source_parts(corpus, a);
                if parts.is_empty() {
                    a.title.clone()
                } else {
                    format!("{} ({})", a.title, parts.join(", "))
                }
            }
        };
        out.push_str("- ");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{embedded, Progress};

    #[test]
    fn a_quote_carries_its_speaker_outlet_date_and_link() {
        let corpus = embedded::load(&Progress::default()).corpus;
        let a = corpus.article_index("afp-2021-01-11").unwrap();
        let q = corpus.article(a).quote_ix("q2").unwrap();
        let text = quote(
            &corpus,
            QuoteRef {
                article: a,
                quote: q,
            },
        );
        assert!(
            text.starts_with("« Cela revient à débrancher un patient"),
            "{text}"
        );
        assert!(
            text.ends_with("» — Parler (plainte), AFP, 11 janvier 2021"),
            "{text}"
        );
    }

    #[test]
    fn an_event_lists_its_sources_one_a_line() {
        let corpus = embedded::load(&Progress::default()).corpus;
        let e = corpus.event(corpus.event_index("aws-suspends-parler").unwrap());
        let text = event(&corpus, e);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("11 janvier 2021 — "), "{text}");
        assert_eq!(lines[2], "Sources:", "{text}");
        assert_eq!(lines.len(), 3 + e.sources.len(), "{text}");
        assert!(lines[3..].iter().all(|l| l.starts_with("- ")), "{text}");
    }
}
