//! `timelinejs`: TimelineJS 3's JSON, which its embed opens as is: a title
//! slide from the corpus title and description, then one slide per dated
//! event. `start_date` has the event's precision (a month-only event has
//! no `day`; a date-time has `hour` and `minute`, in its own offset, as
//! TimelineJS knows no time zones); `text.text` is HTML, escaped.

use super::html::{esc, MARKUP};
use super::report;
use super::select::{Item, Selection};
use crate::corpus::disagreement::disagreement;
use crate::corpus::{ArticleIx, PartialDate};
use chrono::Timelike;
use serde_json::{json, Map, Value};
use std::fmt::Write;

pub fn render(s: &Selection) -> String {
    let corpus = s.corpus;
    let mut title_text = Map::new();
    title_text.insert(
        "headline".into(),
        esc(corpus.title.as_deref().unwrap_or("chronique")).into(),
    );
    if let Some(d) = &corpus.description {
        title_text.insert("text".into(), format!("<p>{}</p>", esc(d)).into());
    }
    // Keys in the order `json!` writes them; the slides written one at a
    // time (see `Lazy`).
    #[derive(serde::Serialize)]
    struct Document<E> {
        events: E,
        title: Value,
    }
    let doc = Document {
        events: super::Lazy(|| s.events.iter().filter_map(|i| slide(s, i))),
        title: json!({ "text": title_text }),
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a JSON value always serialises");
    text.push('\n');
    text
}

/// A TimelineJS date object at the date's precision.
pub fn start_date(d: &PartialDate) -> Value {
    let mut date = Map::new();
    date.insert("year".into(), d.year.into());
    if let Some(m) = d.month {
        date.insert("month".into(), m.into());
    }
    if let Some(day) = d.day {
        date.insert("day".into(), day.into());
    }
    if let Some(t) = d.time {
        date.insert("hour".into(), t.hour().into());
        date.insert("minute".into(), t.minute().into());
    }
    Value::Object(date)
}

fn slide(s: &Selection, item: &Item) -> Option<Value> {
    let date = item.date?;
    let corpus = s.corpus;
    let lang = corpus.date_lang();
    let labels = super::report::labels(lang);
    let mut text = String::new();
    if item.is_reader() {
        let _ = write!(text, "<p><em>{}</em></p>", labels.your_event);
    }
    if let Some(summary) = item.summary {
        let _ = write!(text, "<p>{}</p>", esc(summary));
    }
    if let Some(event) = item.event {
        for p in &event.provenance {
            let _ = write!(text, "<p><em>{}</em></p>", MARKUP.provenance(p));
        }
        if !event.accounts.is_empty() {
            let _ = write!(text, "<p><strong>{}</strong></p>", labels.accounts);
            if let Some(d) = disagreement(event, lang) {
                let _ = write!(text, "<p>{}</p>", MARKUP.disagreement(&d));
            }
            text.push_str("<ul>");
            for a in report::accounts(corpus, event, lang) {
                let _ = write!(text, "<li>{}</li>", MARKUP.account(&a));
            }
            text.push_str("</ul>");
        }
    }
    for q in &item.quotes {
        let _ = write!(text, "<blockquote>« {} »", esc(q.text));
        if let Some(sp) = q.speaker {
            let _ = write!(text, " — {}", esc(sp));
        }
        text.push_str("</blockquote>");
    }
    let mut cited: Vec<ArticleIx> = item.sources.iter().map(|src| src.article).collect();
    cited.dedup();
    let links: Vec<String> = cited
        .iter()
        .map(|&a| {
            let article = corpus.article(a);
            let mut label = esc(article.source.as_deref().unwrap_or(&article.title));
            if let Some(p) = article.published {
                let _ = write!(label, ", {}", esc(&p.long(lang)));
            }
            match article.url.as_deref().map(crate::links::web_link) {
                Some(Ok(url)) => format!("<a href=\"{}\">{label}</a>", esc(url.as_str())),
                _ => label,
            }
        })
        .collect();
    if !links.is_empty() {
        let _ = write!(text, "<p>{} : {}</p>", labels.sources, links.join(" ; "));
    }
    if let Some(note) = item.note.and_then(|n| n.note.as_deref()) {
        let _ = write!(text, "<p><em>{} :</em> {}</p>", labels.your_note, esc(note));
    }
    let mut slide = Map::new();
    slide.insert("unique_id".into(), item.id.into());
    slide.insert("start_date".into(), start_date(&date));
    slide.insert("display_date".into(), date.long(lang).into());
    slide.insert(
        "text".into(),
        json!({ "headline": esc(item.title), "text": text }),
    );
    let reader_tags = item
        .note
        .iter()
        .flat_map(|n| n.tags.iter().map(String::as_str));
    if let Some(group) = item
        .tags
        .iter()
        .map(|t| t.as_str())
        .chain(reader_tags)
        .next()
    {
        slide.insert("group".into(), esc(group).into());
    }
    let media = cited.iter().find_map(|&a| {
        let article = corpus.article(a);
        let url = crate::links::web_link(article.url.as_deref()?).ok()?;
        let mut m = Map::new();
        m.insert("url".into(), url.as_str().into());
        m.insert("caption".into(), esc(&article.title).into());
        if let Some(outlet) = &article.source {
            m.insert("credit".into(), esc(outlet).into());
        }
        Some(Value::Object(m))
    });
    if let Some(m) = media {
        slide.insert("media".into(), m);
    }
    Some(Value::Object(slide))
}

#[cfg(test)]
mod tests {
    use super::start_date;
    use crate::corpus::PartialDate;
    use serde_json::json;

    #[test]
    fn start_dates_keep_the_events_precision() {
        let d = |s| start_date(&PartialDate::parse(s).unwrap());
        assert_eq!(d("2021"), json!({ "year": 2021 }));
        assert_eq!(d("2021-03"), json!({ "year": 2021, "month": 3 }));
        assert_eq!(
            d("2021-03-03"),
            json!({ "year": 2021, "month": 3, "day": 3 })
        );
        assert_eq!(
            d("2021-01-11T14:30:00+01:00"),
            json!({ "year": 2021, "month": 1, "day": 11, "hour": 14, "minute": 30 })
        );
    }
}
