//! Dates that keep their precision: `2021`, `2021-03`, `2021-03-03`, or an
//! RFC 3339 date-time. A month-only date is "mars 2021", never "1 mars".

use crate::diagnostic::clip;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
    Time,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PartialDate {
    pub year: i32,
    /// 1..=12 when known.
    pub month: Option<u32>,
    /// 1..=31 when known.
    pub day: Option<u32>,
    /// Set for RFC 3339 date-times; year/month/day then hold its local date.
    pub time: Option<DateTime<FixedOffset>>,
}

/// The language dates are written in. French for a corpus whose language
/// starts with `fr`, English otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateLang {
    #[default]
    Fr,
    En,
}

impl DateLang {
    pub(crate) fn from_tag(tag: Option<&str>) -> DateLang {
        match tag {
            Some(t) if !t.to_ascii_lowercase().starts_with("fr") => DateLang::En,
            _ => DateLang::Fr,
        }
    }

    pub(crate) fn month_name(self, month: u32) -> &'static str {
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let i = (month.clamp(1, 12) - 1) as usize;
        match self {
            DateLang::Fr => FR[i],
            DateLang::En => EN[i],
        }
    }

    pub(crate) fn month_abbrev(self, month: u32) -> &'static str {
        const FR: [&str; 12] = [
            "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc.",
        ];
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let i = (month.clamp(1, 12) - 1) as usize;
        match self {
            DateLang::Fr => FR[i],
            DateLang::En => EN[i],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<PartialDate, DateError> {
        let s = s.trim();
        let bad = || {
            DateError(format!(
                "invalid date `{}`: write YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 date-time (2021-01-11T14:30:00Z)",
                clip(s)
            ))
        };
        if s.len() > 10 {
            let t = DateTime::parse_from_rfc3339(s).map_err(|_| bad())?;
            return Ok(PartialDate {
                year: t.year(),
                month: Some(t.month()),
                day: Some(t.day()),
                time: Some(t),
            });
        }
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y] => {
                let year = num(y, 4).ok_or_else(bad)?;
                Ok(PartialDate::ym(year as i32, None))
            }
            [y, m] => {
                let (year, month) = (num(y, 4).ok_or_else(bad)?, num(m, 2).ok_or_else(bad)?);
                if !(1..=12).contains(&month) {
                    return Err(DateError(format!(
                        "invalid date `{}`: month {month} is not between 01 and 12",
                        clip(s)
                    )));
                }
                Ok(PartialDate::ym(year as i32, Some(month)))
            }
            [y, m, d] => {
                let (year, month, day) = (
                    num(y, 4).ok_or_else(bad)?,
                    num(m, 2).ok_or_else(bad)?,
                    num(d, 2).ok_or_else(bad)?,
                );
                if NaiveDate::from_ymd_opt(year as i32, month, day).is_none() {
                    return Err(DateError(format!(
                        "invalid date `{}`: there is no such day in the calendar",
                        clip(s)
                    )));
                }
                Ok(PartialDate {
                    year: year as i32,
                    month: Some(month),
                    day: Some(day),
                    time: None,
                })
            }
            _ => Err(bad()),
        }
    }

    fn ym(year: i32, month: Option<u32>) -> PartialDate {
        PartialDate {
            year,
            month,
            day: None,
            time: None,
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.time, self.day, self.month) {
            (Some(_), ..) => Precision::Time,
            (None, Some(_), _) => Precision::Day,
            (None, None, Some(_)) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The date at its precision: "11 janvier 2021", "mars 2021", "2021",
    /// "11 janvier 2021, 14:30".
    pub fn long(&self, lang: DateLang) -> String {
        let month = self.month.map(|m| lang.month_name(m));
        match (self.day, month) {
            (Some(d), Some(m)) => {
                let day = match lang {
                    DateLang::Fr if d == 1 => "1er".to_string(),
                    _ => d.to_string(),
                };
                let date = match lang {
                    DateLang::Fr => format!("{day} {m} {}", self.year),
                    DateLang::En => format!("{m} {day}, {}", self.year),
                };
                match self.time {
                    Some(t) => format!("{date}, {:02}:{:02}", t.hour(), t.minute()),
                    None => date,
                }
            }
            (_, Some(m)) => format!("{m} {}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// A compact form for lists: "11 janv.", "mars", "2021".
    pub fn short(&self, lang: DateLang) -> String {
        match (self.day, self.month) {
            (Some(d), Some(m)) => match lang {
                DateLang::Fr => format!("{d} {}", lang.month_abbrev(m)),
                DateLang::En => format!("{} {d}", lang.month_abbrev(m)),
            },
            (None, Some(m)) => lang.month_abbrev(m).to_string(),
            _ => self.year.to_string(),
        }
    }

    /// The compact form with its year: "11 janv. 2021", "mars 2021",
    /// "2021" (lists that span years).
    pub(crate) fn short_with_year(&self, lang: DateLang) -> String {
        match self.month {
            Some(_) => format!("{} {}", self.short(lang), self.year),
            None => self.year.to_string(),
        }
    }

    /// The heading of the month this date falls in ("janvier 2021"), or the
    /// year alone for a year-only date.
    pub(crate) fn month_heading(&self, lang: DateLang) -> String {
        match self.month {
            Some(m) => format!("{} {}", lang.month_name(m), self.year),
            None => self.year.to_string(),
        }
    }

    /// Sort key: a less precise date sorts before the more precise ones it
    /// contains (March 2021 before 3 March 2021).
    fn key(&self) -> (i32, u32, u32, i64) {
        (
            self.year,
            self.month.unwrap_or(0),
            self.day.unwrap_or(0),
            self.time.map_or(i64::MIN, |t| t.timestamp()),
        )
    }

    /// Whether `other` falls within this date's span ("March 2021" contains
    /// "3 March 2021"; a day contains its date-times).
    pub fn contains(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && self.month.is_none_or(|m| other.month == Some(m))
            && self.day.is_none_or(|d| other.day == Some(d))
            && self.time.is_none_or(|t| other.time == Some(t))
    }

    /// The month this date falls in, as a grouping key.
    pub(crate) fn month_key(&self) -> (i32, u32) {
        (self.year, self.month.unwrap_or(0))
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    /// The ISO form it was written in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(t) = self.time {
            return write!(f, "{}", t.to_rfc3339());
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn keeps_precision() {
        assert_eq!(d("2021").precision(), Precision::Year);
        assert_eq!(d("2021-03").precision(), Precision::Month);
        assert_eq!(d("2021-03-03").precision(), Precision::Day);
        assert_eq!(d("2021-01-11T14:30:00+01:00").precision(), Precision::Time);
    }

    #[test]
    fn renders_in_french_at_its_precision() {
        let fr = DateLang::Fr;
        assert_eq!(d("2021-03").long(fr), "mars 2021");
        assert_eq!(d("2021-01-11").long(fr), "11 janvier 2021");
        assert_eq!(d("2021-02-01").long(fr), "1er février 2021");
        assert_eq!(d("2021").long(fr), "2021");
        assert_eq!(d("2021-01-11T14:30:00Z").long(fr), "11 janvier 2021, 14:30");
        assert_eq!(d("2021-01-11").short(fr), "11 janv.");
        assert_eq!(d("2021-01-11").short_with_year(fr), "11 janv. 2021");
        assert_eq!(d("2021-03").short_with_year(fr), "mars 2021");
        assert_eq!(d("2021").short_with_year(fr), "2021");
        assert_eq!(d("2021-08").month_heading(fr), "août 2021");
        assert_eq!(d("2021-01-11").long(DateLang::En), "January 11, 2021");
    }

    #[test]
    fn less_precise_dates_sort_first() {
        assert!(d("2021-03") < d("2021-03-01"));
        assert!(d("2021") < d("2021-01"));
        assert!(d("2021-02-28") < d("2021-03"));
        assert!(d("2021-01-11") < d("2021-01-11T00:00:00Z"));
    }

    #[test]
    fn spans_contain_more_precise_dates() {
        assert!(d("2021-03").contains(&d("2021-03-03")));
        assert!(d("2021").contains(&d("2021-03")));
        assert!(!d("2021-03").contains(&d("2021-04-01")));
        assert!(!d("2021-03-03").contains(&d("2021-03")));
    }

    #[test]
    fn rejects_bad_dates_with_a_hint() {
        for bad in [
            "2021-13",
            "2021-02-30",
            "21-01-01",
            "2021/01/01",
            "",
            "janvier",
            "2021-1-5",
        ] {
            let err = PartialDate::parse(bad).unwrap_err();
            assert!(err.0.contains("invalid date"), "{bad}: {err}");
        }
    }

    #[test]
    fn displays_the_iso_form() {
        assert_eq!(d("2021-03").to_string(), "2021-03");
        assert_eq!(d("2021-03-03").to_string(), "2021-03-03");
    }
}
