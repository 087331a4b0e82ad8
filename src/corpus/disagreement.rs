//! How the corpus's provenance is named to a reader — the marks of an
//! inferred or editorial fact and of a disputed event, and the one line
//! that states a disagreement — shared by the reader and the exports.

use super::{ArticleIx, DateLang, Event, PartialDate, Precision, Provenance, ProvenanceKind};

/// The mark of a fact the editor worked out.
pub(crate) const INFERRED_MARK: &str = "≈";
/// The mark of a field the editor wrote (the source has none).
pub(crate) const EDITORIAL_MARK: &str = "◇";
/// The mark of an event whose sources disagree.
pub(crate) const DISPUTED_MARK: &str = "⚠";

pub(crate) fn provenance_mark(p: &Provenance) -> &'static str {
    match p.kind {
        ProvenanceKind::Inferred => INFERRED_MARK,
        ProvenanceKind::Editorial => EDITORIAL_MARK,
    }
}

/// "3 sources : 10 vs 11 janvier" when the accounts imply different dates;
/// "2 sources en désaccord" when one is only marked `disputes: true`.
pub fn disagreement(event: &Event, lang: DateLang) -> Option<String> {
    if !event.disputed() {
        return None;
    }
    let dates = event.account_dates();
    let mut dated: Vec<ArticleIx> = event
        .accounts
        .iter()
        .filter(|a| a.date.is_some())
        .map(|a| a.source.article)
        .collect();
    dated.sort_unstable();
    dated.dedup();
    let colon = match lang {
        DateLang::Fr => " :",
        DateLang::En => ":",
    };
    if dates.len() > 1
        && !event
            .accounts
            .iter()
            .any(|a| a.disputes && a.date.is_none())
    {
        return Some(format!(
            "{}{colon} {}",
            sources(dated.len()),
            date_range(&dates, lang)
        ));
    }
    let mut all: Vec<ArticleIx> = event.accounts.iter().map(|a| a.source.article).collect();
    all.sort_unstable();
    all.dedup();
    let differ = match lang {
        DateLang::Fr => "en désaccord",
        DateLang::En => "disagree",
    };
    let mut line = format!("{} {differ}", sources(all.len()));
    if dates.len() > 1 {
        line.push_str(&format!("{colon} {}", date_range(&dates, lang)));
    }
    Some(line)
}

fn sources(n: usize) -> String {
    match n {
        1 => "1 source".into(),
        n => format!("{n} sources"),
    }
}

/// "10 vs 11 janvier" when the days share a month, else each date in full.
fn date_range(dates: &[PartialDate], lang: DateLang) -> String {
    let same_month = dates.iter().all(|d| {
        d.precision() == Precision::Day && d.year == dates[0].year && d.month == dates[0].month
    });
    if same_month {
        let days: Vec<String> = dates
            .iter()
            .filter_map(|d| d.day)
            .map(|d| d.to_string())
            .collect();
        let month = dates[0]
            .month
            .map_or(String::new(), |m| lang.month_name(m).to_string());
        return format!("{} {month}", days.join(" vs "));
    }
    let long: Vec<String> = dates.iter().map(|d| d.long(lang)).collect();
    long.join(" vs ")
}
