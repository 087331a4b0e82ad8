//! The report that `markdown` and `html` both write: the timeline by month,
//! each event with its date as the corpus writes it, its summary, its
//! sources as citations, its quotes and the reader's notes. Built once from
//! the selection; the two formats only differ in how they escape and lay
//! it out. Labels are in the corpus language (French or English).

use super::select::{Item, QuoteItem, Selection};
use crate::annotations::{Note, Status};
use crate::corpus::disagreement::{disagreement, provenance_mark, DISPUTED_MARK, INFERRED_MARK};
use crate::corpus::{ArticleIx, Corpus, DateLang, Event, Id, Provenance, SourceRef};

#[derive(Debug)]
pub struct Report<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// BCP 47 tag for the page (`fr` when the corpus names none).
    pub language: &'a str,
    pub labels: &'static Labels,
    pub months: Vec<Month<'a>>,
}

#[derive(Debug)]
pub struct Month<'a> {
    pub heading: String,
    pub events: Vec<Entry<'a>>,
}

#[derive(Debug)]
pub struct Entry<'a> {
    /// As the corpus writes it ("mars 2021"), or the reader's text.
    pub date: String,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub reader: bool,
    pub tags: &'a [Id],
    pub citations: Vec<Citation<'a>>,
    pub quotes: Vec<QuoteEntry<'a>>,
    pub note: Option<NoteEntry<'a>>,
    /// Its sources disagree (marked ⚠ with the accounts).
    pub disputed: bool,
    /// A fact of it was worked out rather than read (marked ≈).
    pub inferred: bool,
    /// How the facts no source states were known, in field order.
    pub provenance: &'a [Provenance],
    /// "3 sources en désaccord : 10 vs 11 janvier", when they disagree.
    pub disagreement: Option<String>,
    pub accounts: Vec<AccountEntry<'a>>,
}

/// What one source says about an event.
#[derive(Debug)]
pub struct AccountEntry<'a> {
    /// The outlet (or the title when the page names none) and its date.
    pub from: String,
    pub says: &'a str,
    /// The date this source implies, in the corpus language.
    pub date: Option<String>,
    /// The editor marks it as contradicting the others.
    pub disputes: bool,
}

/// One cited article.
#[derive(Debug)]
pub struct Citation<'a> {
    pub title: &'a str,
    pub outlet: Option<&'a str>,
    pub author: Option<&'a str>,
    pub date: Option<String>,
    pub url: Option<&'a str>,
    /// How the fields the page does not carry were known.
    pub provenance: &'a [Provenance],
}

#[derive(Debug)]
pub struct QuoteEntry<'a> {
    pub text: &'a str,
    pub speaker: Option<&'a str>,
    pub reader: bool,
    pub note: Option<NoteEntry<'a>>,
}

/// What the reader wrote: only the parts that are set.
#[derive(Debug)]
pub struct NoteEntry<'a> {
    pub text: Option<&'a str>,
    pub tags: &'a [String],
    pub starred: bool,
    pub status: Option<Status>,
}

/// The words around the corpus's text, in its language.
#[derive(Debug)]
pub struct Labels {
    pub sources: &'static str,
    pub quotes: &'static str,
    pub your_note: &'static str,
    pub your_event: &'static str,
    pub your_quote: &'static str,
    pub starred: &'static str,
    pub tags: &'static str,
    pub nothing: &'static str,
    pub undated: &'static str,
    pub to_check: &'static str,
    pub verified: &'static str,
    pub disputed: &'static str,
    pub accounts: &'static str,
}

impl Labels {
    pub fn status(&self, s: Status) -> &'static str {
        match s {
            Status::ToCheck => self.to_check,
            Status::Verified => self.verified,
            Status::Disputed => self.disputed,
        }
    }
}

pub(crate) static FRENCH: Labels = Labels {
    sources: "Sources",
    quotes: "Citations",
    your_note: "Note du lecteur",
    your_event: "événement ajouté par le lecteur",
    your_quote: "passage relevé par le lecteur",
    starred: "★ suivi",
    tags: "Étiquettes",
    nothing: "Aucun événement ne correspond aux filtres.",
    undated: "Sans date lisible",
    to_check: "? à vérifier",
    verified: "✓ vérifié",
    disputed: "✗ contesté",
    accounts: "Versions des sources",
};

pub(crate) static ENGLISH: Labels = Labels {
    sources: "Sources",
    quotes: "Quotes",
    your_note: "Reader's note",
    your_event: "event added by the reader",
    your_quote: "passage marked by the reader",
    starred: "★ starred",
    tags: "Tags",
    nothing: "No event matches the filters.",
    undated: "No readable date",
    to_check: "? to check",
    verified: "✓ verified",
    disputed: "✗ disputed",
    accounts: "Accounts",
};

/// The labels for a corpus written in `lang`.
pub(crate) fn labels(lang: DateLang) -> &'static Labels {
    match lang {
        DateLang::Fr => &FRENCH,
        DateLang::En => &ENGLISH,
    }
}

impl<'a> Report<'a> {
    pub fn new(s: &'a Selection<'a>) -> Report<'a> {
        let corpus = s.corpus;
        let lang = corpus.date_lang();
        let months = s
            .by_month(labels(lang).undated)
            .into_iter()
            .map(|(heading, items)| Month {
                heading,
                events: items.into_iter().map(|i| entry(s, i, lang)).collect(),
            })
            .collect();
        Report {
            title: corpus.title.as_deref().unwrap_or("chronique"),
            description: corpus.description.as_deref(),
            language: corpus.language.as_deref().unwrap_or("fr"),
            labels: labels(lang),
            months,
        }
    }
}

fn note_entry(n: Option<&Note>) -> Option<NoteEntry<'_>> {
    let n = n?;
    let entry = NoteEntry {
        text: n.note.as_deref(),
        tags: &n.tags,
        starred: n.starred,
        status: n.status,
    };
    (entry.text.is_some() || !entry.tags.is_empty() || entry.starred || entry.status.is_some())
        .then_some(entry)
}

fn entry<'a>(s: &'a Selection<'a>, item: &'a Item<'a>, lang: DateLang) -> Entry<'a> {
    let corpus = s.corpus;
    let date = match (item.date, item.origin) {
        (Some(d), _) => d.long(lang),
        (None, super::select::Origin::Reader(i)) => s
            .annotations
            .and_then(|a| a.reader_events.get(i))
            .map_or_else(String::new, |e| e.date.clone()),
        (None, _) => String::new(),
    };
    Entry {
        date,
        title: item.title,
        summary: item.summary.map(str::trim).filter(|t| !t.is_empty()),
        reader: item.is_reader(),
        tags: item.tags,
        citations: citations(corpus, &item.sources, lang),
        quotes: item.quotes.iter().map(quote_entry).collect(),
        note: note_entry(item.note),
        disputed: item.event.is_some_and(Event::disputed),
        inferred: item.event.is_some_and(Event::has_inferred),
        provenance: item.event.map_or(&[], |e| &e.provenance),
        disagreement: item.event.and_then(|e| disagreement(e, lang)),
        accounts: item
            .event
            .map_or_else(Vec::new, |e| accounts(corpus, e, lang)),
    }
}

/// Each source's account of `event`, in the order written.
pub fn accounts<'a>(corpus: &Corpus, event: &'a Event, lang: DateLang) -> Vec<AccountEntry<'a>> {
    event
        .accounts
        .iter()
        .map(|a| {
            let article = corpus.article(a.source.article);
            let mut from = vec![article
                .source
                .as_deref()
                .unwrap_or(&article.title)
                .to_string()];
            from.extend(article.published.map(|d| d.long(lang)));
            AccountEntry {
                from: from.join(", "),
                says: a.says.trim(),
                date: a.date.map(|d| d.long(lang)),
                disputes: a.disputes,
            }
        })
        .collect()
}

fn quote_entry<'a>(q: &'a QuoteItem<'a>) -> QuoteEntry<'a> {
    QuoteEntry {
        text: q.text,
        speaker: q.speaker,
        reader: q.reader,
        note: note_entry(q.note),
    }
}

/// The articles cited, each once, in the order first cited.
fn citations<'a>(corpus: &'a Corpus, sources: &[SourceRef], lang: DateLang) -> Vec<Citation<'a>> {
    let mut seen: Vec<ArticleIx> = Vec::new();
    for s in sources {
        if !seen.contains(&s.article) {
            seen.push(s.article);
        }
    }
    seen.into_iter()
        .map(|a| {
            let article = corpus.article(a);
            Citation {
                title: &article.title,
                outlet: article.source.as_deref(),
                author: article.author.as_deref(),
                date: article.published.map(|d| d.long(lang)),
                url: article.url.as_deref(),
                provenance: &article.provenance,
            }
        })
        .collect()
}

/// How a format writes text and links: its escaper and its link markup
/// (given a URL already checked as a web link).
pub(crate) struct Markup {
    pub text: fn(&str) -> String,
    pub link: fn(&url::Url) -> String,
}

impl Markup {
    /// "#a #b", each tag escaped.
    pub fn tags<S: AsRef<str>>(&self, tags: &[S]) -> String {
        tags.iter()
            .map(|t| format!("#{}", (self.text)(t.as_ref())))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// "Outlet, Author, « Title », date, URL": the parts that are known;
    /// a URL that is not a web link stays text.
    pub fn citation(&self, c: &Citation) -> String {
        let text = self.text;
        let mut parts: Vec<String> = Vec::new();
        parts.extend(c.outlet.map(text));
        parts.extend(c.author.map(text));
        parts.push(format!("« {} »", text(c.title)));
        parts.extend(c.date.as_deref().map(text));
        if let Some(u) = c.url {
            parts.push(match crate::links::web_link(u) {
                Ok(url) => (self.link)(&url),
                Err(_) => text(u),
            });
        }
        let mut line = parts.join(", ");
        for p in c.provenance {
            line.push_str(&format!(" ({})", self.provenance(p)));
        }
        line
    }

    /// The marks after an event's title: " ⚠" disputed, " ≈" inferred.
    pub fn marks(&self, e: &Entry) -> String {
        let mut marks = String::new();
        if e.disputed {
            marks.push_str(&format!(" {DISPUTED_MARK}"));
        }
        if e.inferred {
            marks.push_str(&format!(" {INFERRED_MARK}"));
        }
        marks
    }

    /// "≈ date : inferred — …": the field's mark, its name and the note.
    pub fn provenance(&self, p: &Provenance) -> String {
        let text = self.text;
        format!(
            "{} {} : {}",
            provenance_mark(p),
            text(&p.field),
            text(&p.note)
        )
    }

    /// "Outlet, date → implied date : « what it says »", ⚠ when the editor
    /// marks it as contradicting the others.
    pub fn account(&self, a: &AccountEntry) -> String {
        let text = self.text;
        let mut line = text(&a.from);
        if let Some(d) = &a.date {
            line.push_str(&format!(" → {}", text(d)));
        }
        line.push_str(&format!(" : {}", text(a.says)));
        if a.disputes {
            line.push_str(&format!(" {DISPUTED_MARK}"));
        }
        line
    }

    /// "⚠ 3 sources en désaccord : 10 vs 11 janvier".
    pub fn disagreement(&self, line: &str) -> String {
        format!("{DISPUTED_MARK} {}", (self.text)(line))
    }

    /// The reader's note on one line: text, then star, status and tags.
    pub fn note(&self, labels: &Labels, n: &NoteEntry) -> String {
        let text = self.text;
        let mut parts: Vec<String> = Vec::new();
        parts.extend(n.text.map(text));
        if n.starred {
            parts.push(text(labels.starred));
        }
        parts.extend(n.status.map(|s| text(labels.status(s))));
        if !n.tags.is_empty() {
            parts.push(self.tags(n.tags));
        }
        parts.join(" · ")
    }
}
