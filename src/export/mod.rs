//! `chronique export`: the timeline, its quotes and the reader's notes in
//! the formats newsrooms and investigators read. [`select`] applies the
//! filters once; each format is one file that only reads the selection.

pub mod cli;
pub mod html;
pub mod json;
pub mod markdown;
pub mod report;
pub mod select;
pub mod timelinejs;
pub(crate) mod timesketch;
pub mod w3c;

pub use select::{select, Options, Selection};

use crate::annotations::Annotations;
use crate::corpus::{Corpus, PartialDate, Precision};
use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeZone};
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The whole corpus and annotations, normalised (schema: docs/export-json.schema.json)
    Json,
    /// Timesketch's CSV import format, one row per event
    Csv,
    /// Timesketch's JSONL import format, one line per event
    Jsonl,
    /// A report by month, to read or paste into a story
    Markdown,
    /// The same report as one self-contained, printable page
    Html,
    /// TimelineJS 3 JSON
    Timelinejs,
    /// The reader's notes on quotes and highlights as W3C Web Annotations (JSON-LD)
    W3c,
}

impl Format {
    pub(crate) const ALL: [Format; 7] = [
        Format::Json,
        Format::Csv,
        Format::Jsonl,
        Format::Markdown,
        Format::Html,
        Format::Timelinejs,
        Format::W3c,
    ];

    /// As the command line names it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Timelinejs => "timelinejs",
            Format::W3c => "w3c",
        }
    }

    /// The usual file extension.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::Timelinejs => "json",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::W3c => "jsonld",
        }
    }
}

/// The document for `selection` in `format`.
pub fn render(format: Format, selection: &Selection) -> String {
    match format {
        Format::Json => json::render(selection),
        Format::Csv => timesketch::csv(selection),
        Format::Jsonl => timesketch::jsonl(selection),
        Format::Markdown => markdown::render(&report::Report::new(selection)),
        Format::Html => html::render(&report::Report::new(selection)),
        Format::Timelinejs => timelinejs::render(selection),
        Format::W3c => w3c::render(selection),
    }
}

/// An export the reader asked for (`x`), run off the UI thread.
#[derive(Debug, Clone)]
pub struct Job {
    pub corpus: Arc<Corpus>,
    pub annotations: Arc<Annotations>,
    pub format: Format,
    pub path: PathBuf,
    pub options: Options,
}

impl PartialEq for Job {
    /// The same export of the same data (compared by identity).
    fn eq(&self, other: &Job) -> bool {
        Arc::ptr_eq(&self.corpus, &other.corpus)
            && Arc::ptr_eq(&self.annotations, &other.annotations)
            && self.format == other.format
            && self.path == other.path
            && self.options.filter == other.options.filter
    }
}

impl Eq for Job {}

impl Job {
    /// Writes the document atomically; the path written, or why not.
    pub fn run(&self) -> Result<PathBuf, String> {
        let selection = select(&self.corpus, &self.annotations, &self.options);
        let document = render(self.format, &selection);
        crate::annotations::store::write_atomic(&self.path, document.as_bytes(), false)
            .map(|()| self.path.clone())
            .map_err(|e| format!("{}: cannot write: {e}", self.path.display()))
    }
}

pub(crate) fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
        Precision::Time => "time",
    }
}

/// The first instant of the date's period: a month-only date is the 1st
/// at midnight UTC; a date-time is itself, in its own offset.
pub(crate) fn period_start(d: &PartialDate) -> DateTime<FixedOffset> {
    if let Some(t) = d.time {
        return t;
    }
    let day = NaiveDate::from_ymd_opt(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
        .unwrap_or_default();
    let utc = FixedOffset::east_opt(0).expect("a zero offset");
    utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// ISO 8601 with seconds and offset: `2021-01-01T00:00:00+00:00`.
pub(crate) fn iso_datetime(d: &PartialDate) -> String {
    period_start(d).to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Text for a document people open in an editor or print to a terminal:
/// every character a terminal acts on is shown by its visible stand-in
/// (see [`crate::safe_text`]); line breaks and tabs are kept.
pub fn clean(s: &str) -> Cow<'_, str> {
    let keep = |c: char| c == '\n' || c == '\t';
    if !s
        .chars()
        .any(|c| !keep(c) && crate::safe_text::stand_in(c).is_some())
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match crate::safe_text::stand_in(c) {
                Some(stand_in) if !keep(c) => stand_in,
                _ => c,
            })
            .collect(),
    )
}

/// A list written one item at a time: each item's `Value` is made, written
/// and dropped, so the document never holds them all.
pub(crate) struct Lazy<F>(pub F);

impl<F, I> serde::Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_dates_start_at_their_period_start() {
        let d = |s| PartialDate::parse(s).unwrap();
        assert_eq!(iso_datetime(&d("2021-03")), "2021-03-01T00:00:00+00:00");
        assert_eq!(iso_datetime(&d("2021")), "2021-01-01T00:00:00+00:00");
        assert_eq!(
            iso_datetime(&d("2021-01-11T14:30:00+01:00")),
            "2021-01-11T14:30:00+01:00"
        );
    }

    #[test]
    fn clean_keeps_line_breaks_and_shows_escapes() {
        assert_eq!(clean("a\nb\tc"), "a\nb\tc");
        assert_eq!(clean("x\u{1b}]0;t\u{7}y\u{9b}"), "x␛]0;t␇y\u{fffd}");
    }
}
