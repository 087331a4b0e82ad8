//! Parsing what the user typed, with fzf's extended syntax: an optional
//! scope prefix (`q:`, `e:`, `a:`, `p:`), then terms separated by spaces,
//! each of which must match.
//!
//! | term        | matches                                            |
//! |-------------|----------------------------------------------------|
//! | `word`      | a word of the text (see [`super::words`])           |
//! | `'word`     | the text contains `word` (accent-folded substring) |
//! | `^word`     | a field of the text starts with `word`             |
//! | `word$`     | a field of the text ends with `word`               |
//! | `!term`     | items the exact term does not match                |
//! | `a \| b`     | `a` or `b`                                         |
//! | `@name`     | a quote whose speaker has a word matching `name`   |
//! | `#tag`      | items tagged `tag…` (a tag starting with it)       |
//! | `A..B`      | items dated within `A` to `B` (`2021-01-08..2021-01-12`, `2021-01..`, `..2021-02`) |
//! | `is:disputed` | events whose sources disagree                    |
//!
//! `\ ` is a literal space. In exact mode every plain word is exact and
//! `'word` is a fuzzy word, as with `fzf --exact`.

use super::fold::fold;
use super::Scope;
use crate::corpus::{ArticleIx, PartialDate};

/// The term that keeps only disputed events.
const DISPUTED: &str = "is:disputed";

/// How a query is run, besides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SearchOptions {
    pub scope: Scope,
    /// Plain words are exact substrings (`--exact`).
    pub exact: bool,
    /// Only items of this article.
    pub article: Option<ArticleIx>,
}

/// How one term matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// A word of the text matches it (whole, prefix, fuzzy within the
    /// word, or within a typo or two).
    Word,
    /// A word of the quote's speaker matches it, as [`TermKind::Word`].
    Speaker,
    /// The text contains it.
    Exact,
    /// A field starts with it.
    Prefix,
    /// A field ends with it.
    Suffix,
    /// A field is it.
    Equal,
}

/// One term, folded (lowercase, accents removed, typographic punctuation
/// as ASCII).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub kind: TermKind,
    pub folded: String,
    pub negated: bool,
}

/// Terms joined by `|`: one of them must match.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    pub terms: Vec<Term>,
}

/// A date range, both ends included; an open end is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub scope: Scope,
    pub article: Option<ArticleIx>,
    /// The text after the scope prefix, as typed.
    pub text: String,
    /// Each must match.
    pub groups: Vec<Group>,
    /// Folded tags: an item must carry a tag starting with each.
    pub tags: Vec<String>,
    pub dates: Option<DateRange>,
    /// `is:disputed`: only events whose sources disagree.
    pub disputed: bool,
}

impl Query {
    /// Parses `input`; a scope prefix overrides `options.scope`.
    pub fn parse(input: &str, options: SearchOptions) -> Query {
        let trimmed = input.trim_start();
        let (scope, text) = match split_prefix(trimmed) {
            Some((scope, rest)) => (scope, rest),
            None => (options.scope, trimmed),
        };
        let mut query = Query {
            scope,
            article: options.article,
            text: text.to_string(),
            groups: Vec::new(),
            tags: Vec::new(),
            dates: None,
            disputed: false,
        };
        // After `|`, the next term joins the group before.
        let mut join = false;
        for token in tokens(text) {
            if token == "|" {
                join = !query.groups.is_empty();
                continue;
            }
            if let Some(tag) = token.strip_prefix('#').filter(|t| !t.is_empty()) {
                query.tags.push(fold(tag));
                join = false;
                continue;
            }
            if token.eq_ignore_ascii_case(DISPUTED) {
                query.disputed = true;
                join = false;
                continue;
            }
            if let Some(range) = date_range(&token) {
                query.dates = Some(range);
                join = false;
                continue;
            }
            let Some(term) = Term::parse(&token, options.exact) else {
                continue;
            };
            match query.groups.last_mut() {
                Some(group) if join => group.terms.push(term),
                _ => query.groups.push(Group { terms: vec![term] }),
            }
            join = false;
        }
        query
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.tags.is_empty() && self.dates.is_none() && !self.disputed
    }

    /// The terms that must match (not negated), for highlighting.
    pub(crate) fn positive_terms(&self) -> impl Iterator<Item = &Term> {
        self.groups
            .iter()
            .flat_map(|g| g.terms.iter())
            .filter(|t| !t.negated)
    }
}

impl Term {
    /// One term of fzf's syntax; `None` when nothing is left to match
    /// (a lone `!`, `'` or `^`).
    fn parse(token: &str, exact_mode: bool) -> Option<Term> {
        let (negated, rest) = match token.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, token),
        };
        let (speaker, rest) = match rest.strip_prefix('@') {
            Some(name) if !negated => (true, name),
            _ => (false, rest),
        };
        let (quoted, rest) = match rest.strip_prefix('\'') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let (prefix, rest) = match rest.strip_prefix('^') {
            Some(rest) if !quoted => (true, rest),
            _ => (false, rest),
        };
        let (suffix, rest) = match rest.strip_suffix('$') {
            Some(rest) if !quoted && !rest.is_empty() => (true, rest),
            _ => (false, rest),
        };
        let kind = match (prefix, suffix) {
            (true, true) => TermKind::Equal,
            (true, false) => TermKind::Prefix,
            (false, true) => TermKind::Suffix,
            // As in fzf, a negated word is exact.
            _ if speaker => TermKind::Speaker,
            _ if negated || quoted != exact_mode => TermKind::Exact,
            _ => TermKind::Word,
        };
        let folded = fold(rest);
        (!folded.trim().is_empty()).then_some(Term {
            kind,
            folded,
            negated,
        })
    }
}

/// The terms of `text`: split at spaces, except escaped ones (`\ `).
fn tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                current.push(' ');
                chars.next();
            }
            c if c.is_whitespace() => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// `2021-01-08..2021-01-12`, `2021-01..`, `..2021-02`.
fn date_range(token: &str) -> Option<DateRange> {
    let (from, to) = token.split_once("..")?;
    let end = |s: &str| -> Option<Option<PartialDate>> {
        if s.is_empty() {
            return Some(None);
        }
        // Only plain dates: a word that merely contains ".." stays a word.
        if !s.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return None;
        }
        PartialDate::parse(s).ok().map(Some)
    };
    let range = DateRange {
        from: end(from)?,
        to: end(to)?,
    };
    (range.from.is_some() || range.to.is_some()).then_some(range)
}

impl DateRange {
    /// Whether `date` (a day, a month or a year) overlaps the range.
    pub fn admits(&self, date: PartialDate) -> bool {
        let (start, end) = span(date);
        self.from.is_none_or(|from| end >= span(from).0)
            && self.to.is_none_or(|to| start <= span(to).1)
    }
}

/// The first and last day a partial date covers, as `(year, month, day)`.
fn span(d: PartialDate) -> ((i32, u32, u32), (i32, u32, u32)) {
    let (m0, m1) = d.month.map_or((1, 12), |m| (m, m));
    let (d0, d1) = d.day.map_or((1, 31), |d| (d, d));
    ((d.year, m0, d0), (d.year, m1, d1))
}

fn split_prefix(input: &str) -> Option<(Scope, &str)> {
    let (prefix, rest) = input.split_once(':')?;
    let scope = match prefix {
        "q" | "Q" => Scope::Quotes,
        "e" | "E" => Scope::Events,
        "a" | "A" => Scope::Articles,
        "p" | "P" => Scope::Paragraphs,
        _ => return None,
    };
    Some((scope, rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Query {
        Query::parse(s, SearchOptions::default())
    }

    fn kinds(q: &Query) -> Vec<(TermKind, &str, bool)> {
        q.groups
            .iter()
            .flat_map(|g| g.terms.iter())
            .map(|t| (t.kind, t.folded.as_str(), t.negated))
            .collect()
    }

    #[test]
    fn prefixes_set_the_scope() {
        let q = p("q: deja vu");
        assert_eq!(q.scope, Scope::Quotes);
        assert_eq!(q.groups.len(), 2);
        assert_eq!(p("e:capitole").scope, Scope::Events);
        let articles = SearchOptions {
            scope: Scope::Quotes,
            ..SearchOptions::default()
        };
        assert_eq!(Query::parse("a:x", articles).scope, Scope::Articles);
        assert_eq!(p("p:x").scope, Scope::Paragraphs);
        let plain = p("x: y");
        assert_eq!(plain.scope, Scope::All);
        assert_eq!(plain.groups.len(), 2, "an unknown prefix is text");
    }

    #[test]
    fn terms_are_folded() {
        assert_eq!(
            kinds(&p("Déjà  L’EVENEMENT")),
            [
                (TermKind::Word, "deja", false),
                (TermKind::Word, "l'evenement", false)
            ]
        );
    }

    #[test]
    fn fzf_extended_syntax() {
        use TermKind::*;
        assert_eq!(
            kinds(&p(
                "'préavis ^Parler amazon$ ^cela$ !twitter !^le !fin$ @jean"
            )),
            [
                (Exact, "preavis", false),
                (Prefix, "parler", false),
                (Suffix, "amazon", false),
                (Equal, "cela", false),
                (Exact, "twitter", true),
                (Prefix, "le", true),
                (Suffix, "fin", true),
                (Speaker, "jean", false),
            ]
        );
        let or = p("tuer | couper ponts");
        assert_eq!(or.groups.len(), 2);
        assert_eq!(or.groups[0].terms.len(), 2);
        assert_eq!(
            kinds(&p(r"'tuer\ l'entreprise")),
            [(Exact, "tuer l'entreprise", false)]
        );
        assert!(p("! ' ^ |").is_empty(), "lone operators match nothing");
    }

    #[test]
    fn exact_mode_swaps_plain_and_quoted_words() {
        let exact = SearchOptions {
            exact: true,
            ..SearchOptions::default()
        };
        assert_eq!(
            kinds(&Query::parse("preavis 'serveur", exact)),
            [
                (TermKind::Exact, "preavis", false),
                (TermKind::Word, "serveur", false)
            ]
        );
    }

    #[test]
    fn tags_and_date_ranges_are_filters() {
        let q = p("#Censure 2021-01-08..2021-01-12 amazon");
        assert_eq!(q.tags, ["censure"]);
        assert_eq!(q.groups.len(), 1);
        let range = q.dates.unwrap();
        let d = |s| PartialDate::parse(s).unwrap();
        assert!(range.admits(d("2021-01-08")) && range.admits(d("2021-01-12")));
        assert!(!range.admits(d("2021-01-13")) && !range.admits(d("2021-01-07")));
        assert!(range.admits(d("2021-01")), "a month overlapping the range");
        let open = p("2021-01..").dates.unwrap();
        assert!(open.admits(d("2021-03-02")) && !open.admits(d("2020-12-31")));
        let upto = p("..2021-02").dates.unwrap();
        assert!(upto.admits(d("2021-02-28")) && !upto.admits(d("2021-03-01")));
        assert_eq!(p("a..b").dates, None, "not dates: a word");
        assert_eq!(p("a..b").groups.len(), 1);
    }
}
