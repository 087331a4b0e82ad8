//! Dates and bylines in the first lines of a text: `date 2021-03`,
//! "Publié le 15 janvier 2021 à 09h00", "January 11, 2021", "Par X, …".

use crate::corpus::DateLang;

/// A dateline is a short line; a date in the middle of a paragraph is news,
/// not the publication date.
const DATELINE_MAX_CHARS: usize = 80;

/// `date YYYY[-MM[-DD]] rest`: the date and the rest of the line.
pub(crate) fn date_line(line: &str) -> Option<(String, &str)> {
    let rest = line.trim_start().strip_prefix("date")?;
    if !rest.starts_with([' ', '\t', ':']) {
        return None;
    }
    let rest = rest.trim_start_matches(':').trim_start();
    let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let token = &rest[..token_end];
    iso_date(token).then(|| (token.to_string(), rest[token_end..].trim_start()))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub(crate) fn iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

/// A date written out on a short line: "15 janvier 2021", "1er mars 2021",
/// "January 11, 2021", "11 January 2021", or an ISO date.
pub(crate) fn find_date(line: &str) -> Option<String> {
    if line.chars().count() > DATELINE_MAX_CHARS {
        return None;
    }
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(['.', '(', ')']).to_lowercase())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(m) = month(w) {
            let year_after = words.get(i + 1).and_then(|y| year(y));
            let day_before = i.checked_sub(1).and_then(|j| day(&words[j]));
            let day_after = words.get(i + 1).and_then(|d| day(d));
            match (day_before, year_after, day_after) {
                (Some(d), Some(y), _) => return Some(format!("{y}-{m:02}-{d:02}")),
                (None, None, Some(d)) => {
                    if let Some(y) = words.get(i + 2).and_then(|y| year(y)) {
                        return Some(format!("{y}-{m:02}-{d:02}"));
                    }
                }
                (None, Some(y), _) => return Some(format!("{y}-{m:02}")),
                _ => {}
            }
        }
        if w.len() == 10 && iso_date(w) {
            return Some(w.clone());
        }
    }
    None
}

fn month(w: &str) -> Option<u32> {
    // Accents are often lost in pasted text.
    let w = match w {
        "fevrier" => "février",
        "aout" => "août",
        "decembre" => "décembre",
        w => w,
    };
    // The corpus's own month names, in both languages it writes dates in.
    (1..=12).find(|&m| {
        [DateLang::Fr, DateLang::En]
            .iter()
            .any(|lang| lang.month_name(m).eq_ignore_ascii_case(w))
    })
}

fn day(w: &str) -> Option<u32> {
    let w = w.strip_suffix("er").unwrap_or(w);
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    (w.len() <= 2 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

fn year(w: &str) -> Option<u32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// "Par Guillaume Belfiore, Rédacteur en chef adjoint." / "By Jane Doe":
/// the name.
pub(crate) fn byline(line: &str) -> Option<String> {
    let line = line.trim();
    let rest = ["Par ", "By ", "par ", "by "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?;
    let name: String = rest
        .split([',', '|', '(', '—', '–'])
        .next()?
        .trim()
        .trim_end_matches('.')
        .to_string();
    let words: Vec<&str> = name.split_whitespace().collect();
    let names_only = (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || is_particle(w));
    names_only.then_some(name)
}

fn is_particle(w: &str) -> bool {
    matches!(w, "de" | "du" | "des" | "le" | "la" | "van" | "von" | "d'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        assert_eq!(
            date_line(" date 2021-03 Titre"),
            Some(("2021-03".into(), "Titre"))
        );
        assert_eq!(
            date_line("date: 2021-01-11"),
            Some(("2021-01-11".into(), ""))
        );
        assert_eq!(date_line("date 2021-13"), None);
        assert_eq!(date_line("dater 2021"), None);
    }

    #[test]
    fn datelines_in_french_and_english() {
        assert_eq!(
            find_date("Publié le 15 janvier 2021 à 09h00").as_deref(),
            Some("2021-01-15")
        );
        assert_eq!(
            find_date("Mis à jour le 1er mars 2021").as_deref(),
            Some("2021-03-01")
        );
        assert_eq!(
            find_date("January 11, 2021 at 5:00 p.m.").as_deref(),
            Some("2021-01-11")
        );
        assert_eq!(find_date("11 January 2021").as_deref(), Some("2021-01-11"));
        assert_eq!(find_date("mars 2021").as_deref(), Some("2021-03"));
        assert_eq!(find_date("Il a mangé une pomme."), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(
            byline("Par Guillaume Belfiore, Rédacteur en chef adjoint.").as_deref(),
            Some("Guillaume Belfiore")
        );
        assert_eq!(byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(byline("Par ailleurs, il pleut."), None);
    }
}
