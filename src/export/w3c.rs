//! `w3c`: the reader's quotes (highlights) and notes on quotes as W3C Web
//! Annotations in JSON-LD, in one `AnnotationCollection`. Each annotation
//! has `TextualBody`s for the note (commenting), the tags (tagging), the
//! status (assessing) and the star (bookmarking); its target's source is
//! the article's URL, or a `urn:chronique:article:` id when it has none,
//! with a `TextQuoteSelector` and a `TextPositionSelector` counted in
//! Unicode code points of the article body as the corpus holds it.

use super::select::{QuoteItem, Selection};
use crate::annotations::model::format_time;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};

pub(crate) const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// How many characters of context the quote selector carries each side.
const CONTEXT_CHARS: usize = 32;

/// What stays as it is in an id: letters, digits and `-._~`.
const ID_SAFE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn urn(kind: &str, id: &str) -> String {
    format!("urn:chronique:{kind}:{}", utf8_percent_encode(id, ID_SAFE))
}

pub fn render(s: &Selection) -> String {
    let items: Vec<Value> = s.quotes.iter().filter_map(|q| annotation(s, q)).collect();
    let mut doc = Map::new();
    doc.insert("@context".into(), CONTEXT.into());
    doc.insert(
        "id".into(),
        urn(
            "collection",
            s.corpus.title.as_deref().unwrap_or("chronique"),
        )
        .into(),
    );
    doc.insert("type".into(), "AnnotationCollection".into());
    if let Some(t) = &s.corpus.title {
        doc.insert("label".into(), t.as_str().into());
    }
    doc.insert("total".into(), items.len().into());
    if !items.is_empty() {
        doc.insert(
            "first".into(),
            json!({ "type": "AnnotationPage", "startIndex": 0, "items": items }),
        );
    }
    let mut text =
        serde_json::to_string_pretty(&Value::Object(doc)).expect("a JSON value always serialises");
    text.push('\n');
    text
}

/// The annotation for one quote: a highlight always, a corpus quote when
/// the reader wrote something on it.
fn annotation(s: &Selection, q: &QuoteItem) -> Option<Value> {
    let mut bodies: Vec<Value> = Vec::new();
    if let Some(n) = q.note {
        if let Some(text) = &n.note {
            bodies.push(json!({
                "type": "TextualBody", "purpose": "commenting",
                "value": text, "format": "text/plain",
            }));
        }
        for t in &n.tags {
            bodies.push(json!({ "type": "TextualBody", "purpose": "tagging", "value": t }));
        }
        if let Some(st) = n.status {
            bodies.push(
                json!({ "type": "TextualBody", "purpose": "assessing", "value": st.as_str() }),
            );
        }
        if n.starred {
            bodies.push(
                json!({ "type": "TextualBody", "purpose": "bookmarking", "value": "starred" }),
            );
        }
    }
    if bodies.is_empty() && !q.reader {
        return None;
    }
    let motivation = match bodies.first() {
        None => "highlighting".into(),
        Some(b) => b["purpose"].clone(),
    };
    let article = q.article.map(|a| s.corpus.article(a));
    let source = article
        .and_then(|a| a.url.as_deref())
        .and_then(|u| crate::links::web_link(u).ok())
        .map_or_else(|| urn("article", q.article_id), |u| u.to_string());
    let mut selectors = Vec::new();
    match (article, &q.span) {
        (Some(a), Some(span)) => {
            let body = a.body.as_str();
            let before = &body[..span.start];
            let after = &body[span.end..];
            let start = before.chars().count();
            let exact = &body[span.clone()];
            let prefix: String = {
                let n = before.chars().count().saturating_sub(CONTEXT_CHARS);
                before.chars().skip(n).collect()
            };
            let suffix: String = after.chars().take(CONTEXT_CHARS).collect();
            selectors.push(json!({
                "type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix,
            }));
            selectors.push(json!({
                "type": "TextPositionSelector", "start": start, "end": start + exact.chars().count(),
            }));
        }
        _ => selectors.push(json!({ "type": "TextQuoteSelector", "exact": q.text })),
    }
    let kind = if q.reader { "highlight" } else { "quote" };
    let mut a = Map::new();
    a.insert("id".into(), urn(kind, &q.key).into());
    a.insert("type".into(), "Annotation".into());
    a.insert("motivation".into(), motivation);
    if let Some(t) = q.note.and_then(|n| n.updated.as_ref()) {
        a.insert("modified".into(), format_time(t).into());
    }
    if !bodies.is_empty() {
        a.insert("body".into(), Value::Array(bodies));
    }
    a.insert(
        "target".into(),
        json!({ "source": source, "selector": selectors }),
    );
    Some(Value::Object(a))
}
