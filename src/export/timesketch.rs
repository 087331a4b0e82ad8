//! `csv` and `jsonl`: Timesketch's import format, one row per dated event.
//! Timesketch needs `message`, `datetime` (ISO 8601) and `timestamp_desc`;
//! the other columns are ours. A vague date is placed at the start of its
//! period (`2021-03` → `2021-03-01T00:00:00+00:00`) and `precision` says
//! how much of it is known. A reader's event whose date does not parse
//! cannot be placed on a timeline and is left out.

use super::select::{Item, Selection};
use super::{clean, iso_datetime, period_start, precision_name};
use crate::whitespace::collapse;
use serde::Serialize;

/// One event as Timesketch reads it; the same fields in both formats.
#[derive(Debug, Serialize)]
pub struct Row {
    pub message: String,
    pub datetime: String,
    /// Microseconds since the Unix epoch, as Timesketch's own exports have it.
    pub timestamp: i64,
    pub timestamp_desc: &'static str,
    pub event_id: String,
    pub title: String,
    pub summary: String,
    /// The date as the corpus writes it ("mars 2021").
    pub date: String,
    pub precision: &'static str,
    /// The corpus's tags, then the reader's, comma-separated.
    pub tags: String,
    /// `article` or `article#quote` keys, `; `-separated.
    pub sources: String,
    /// `« text » — speaker`, ` | `-separated.
    pub quotes: String,
    pub note: String,
    pub status: String,
    pub starred: bool,
    /// An event the reader added (not in the corpus).
    pub reader: bool,
}

pub(crate) const TIMESTAMP_DESC: &str = "Event date";

pub fn rows(s: &Selection) -> Vec<Row> {
    s.events.iter().filter_map(|item| row(s, item)).collect()
}

fn row(s: &Selection, item: &Item) -> Option<Row> {
    let date = item.date?;
    let corpus = s.corpus;
    let note = item.note;
    let mut tags: Vec<&str> = item.tags.iter().map(|t| t.as_str()).collect();
    for t in note.iter().flat_map(|n| n.tags.iter()) {
        if !tags.contains(&t.as_str()) {
            tags.push(t);
        }
    }
    let sources: Vec<String> = item
        .sources
        .iter()
        .map(|src| {
            let a = corpus.article(src.article);
            match src.quote {
                Some(q) => format!("{}#{}", a.id, a.quote(q).id),
                None => a.id.to_string(),
            }
        })
        .collect();
    let quotes: Vec<String> = item
        .quotes
        .iter()
        .map(|q| match q.speaker {
            Some(sp) => format!("« {} » — {sp}", collapse(q.text)),
            None => format!("« {} »", collapse(q.text)),
        })
        .collect();
    let text = |s: &str| clean(s).into_owned();
    Some(Row {
        message: text(&collapse(item.title)),
        datetime: iso_datetime(&date),
        timestamp: period_start(&date).timestamp_micros(),
        timestamp_desc: TIMESTAMP_DESC,
        event_id: text(item.id),
        title: text(item.title),
        summary: text(&collapse(item.summary.unwrap_or(""))),
        date: date.long(corpus.date_lang()),
        precision: precision_name(date.precision()),
        tags: text(&tags.join(", ")),
        sources: text(&sources.join("; ")),
        quotes: text(&quotes.join(" | ")),
        note: text(note.and_then(|n| n.note.as_deref()).unwrap_or("")),
        status: note
            .and_then(|n| n.status)
            .map_or("", |st| st.as_str())
            .into(),
        starred: note.is_some_and(|n| n.starred),
        reader: item.is_reader(),
    })
}

/// CSV with a header line (the header alone when nothing matched).
pub fn csv(s: &Selection) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let rows = rows(s);
    if rows.is_empty() {
        w.write_record(HEADER).expect("writing to memory");
    }
    for r in rows {
        w.serialize(defused(r)).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 fields")
}

/// A spreadsheet opening the CSV would run a cell that starts with `=`,
/// `+`, `-`, `@` or a tab as a formula (corpus text can be hostile): such
/// a cell gets a leading `'`, which spreadsheets show as text.
fn defused(mut r: Row) -> Row {
    for field in [
        &mut r.message,
        &mut r.event_id,
        &mut r.title,
        &mut r.summary,
        &mut r.tags,
        &mut r.sources,
        &mut r.quotes,
        &mut r.note,
    ] {
        if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            field.insert(0, '\'');
        }
    }
    r
}

/// One JSON object per line (nothing when nothing matched).
pub fn jsonl(s: &Selection) -> String {
    rows(s)
        .iter()
        .map(|r| serde_json::to_string(r).expect("a row always serialises") + "\n")
        .collect()
}

/// The column names, in order (as [`Row`] declares them).
pub const HEADER: [&str; 16] = [
    "message",
    "datetime",
    "timestamp",
    "timestamp_desc",
    "event_id",
    "title",
    "summary",
    "date",
    "precision",
    "tags",
    "sources",
    "quotes",
    "note",
    "status",
    "starred",
    "reader",
];
