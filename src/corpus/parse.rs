//! Parsing one corpus file: a timeline or an article, its YAML read
//! strictly, every problem collected with its place in the file.

use super::loose;
use super::model;
use super::provenance;
use super::raw::{self, Scalar};
use super::source::SourceFile;
use super::{date::PartialDate, depth, passage};
use crate::diagnostic::{clip, Diagnostic, Pos, Severity};
use crate::shared_text::SharedText;
use crate::yaml::{self, At, DisplayPath, Seg, YamlPath, YamlProblem};
use crate::yaml_path;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An id is lowercase letters, digits and `-`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn invalid_id_message(what: &str, id: &str) -> String {
    let id = clip(id);
    let suggestion: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let suggestion = clip(suggestion.trim_matches('-'));
    if suggestion.is_empty() {
        format!("invalid {what} id `{id}`: use lowercase letters, digits and `-`")
    } else {
        format!(
            "invalid {what} id `{id}`: use lowercase letters, digits and `-` (e.g. `{suggestion}`)"
        )
    }
}

/// Problems found in one YAML text, placed together when done (one walk of
/// the text for all of them, however many there are).
pub(super) struct Pending {
    line_offset: usize,
    items: Vec<(At, Severity, String)>,
}

impl Pending {
    pub(super) fn new(line_offset: usize) -> Pending {
        Pending {
            line_offset,
            items: Vec::new(),
        }
    }

    pub(super) fn error(&mut self, at: At, message: String) {
        self.items.push((at, Severity::Error, message));
    }

    /// Where [`provenance`]'s readers put their problems.
    fn report(&mut self) -> impl FnMut(At, Severity, String) + '_ {
        |at, severity, message| self.items.push((at, severity, message))
    }

    pub(super) fn warning(&mut self, at: At, message: String) {
        self.items.push((at, Severity::Warning, message));
    }

    pub(super) fn place(self, path: &Path, yaml: &str) -> Vec<Diagnostic> {
        if self.items.is_empty() {
            return Vec::new();
        }
        let ats: Vec<&At> = self.items.iter().map(|(at, ..)| at).collect();
        let positions = yaml::place_all(yaml, &ats, self.line_offset);
        self.items
            .into_iter()
            .zip(positions)
            .map(|((_, severity, message), pos)| Diagnostic {
                path: path.to_path_buf(),
                pos,
                severity,
                message,
            })
            .collect()
    }
}

/// Collects diagnostics for one YAML text.
struct Reporter<'a> {
    path: &'a Path,
    yaml: &'a str,
    pending: Pending,
}

impl Reporter<'_> {
    fn new<'a>(path: &'a Path, yaml: &'a str, line_offset: usize) -> Reporter<'a> {
        Reporter {
            path,
            yaml,
            pending: Pending::new(line_offset),
        }
    }

    fn error(&mut self, at: At, message: String) {
        self.pending.error(at, message);
    }

    fn finish(self) -> Vec<Diagnostic> {
        self.pending.place(self.path, self.yaml)
    }

    fn problem(&mut self, p: YamlProblem) {
        self.error(p.at, p.message);
    }

    /// Values [`depth::blank_too_deep`] blanked.
    fn too_deep(&mut self, places: Vec<Pos>) {
        for pos in places {
            self.error(At::Pos(pos), depth::too_deep_message());
        }
    }

    fn problems(&mut self, ps: Vec<YamlProblem>) {
        ps.into_iter().for_each(|p| self.problem(p));
    }

    fn unknown_fields(
        &mut self,
        paths: Vec<YamlPath>,
        top: (&str, &[&str]),
        nested: (&str, &[&str]),
    ) {
        for path in paths {
            let name = match path.last() {
                Some(Seg::Key(k)) => k.clone(),
                _ => DisplayPath(&path).to_string(),
            };
            let (what, known) = if provenance::is_account_field(&path) {
                ("an event's account", raw::ACCOUNT_FIELDS)
            } else if path.len() <= 1 {
                top
            } else {
                nested
            };
            let message = yaml::unknown_field_message(&name, what, known);
            self.pending.warning(At::Key(path), message);
        }
    }

    fn date(&mut self, value: &str, path: YamlPath) -> Option<PartialDate> {
        PartialDate::parse(value)
            .map_err(|e| self.error(At::Value(path), e.0))
            .ok()
    }
}

/// An item of a list (an event, a quote) read on its own: the unknown fields
/// found in it, and the item or the problem that stopped it.
type Item<T> = (Vec<YamlPath>, Result<T, YamlProblem>);

/// Items of a document read in one go (it had no error): each takes the
/// unknown fields found inside it out of `unknown`.
fn items_with_unknowns<T>(items: Vec<T>, key: &str, unknown: &mut Vec<YamlPath>) -> Vec<Item<T>> {
    let mut inside: Vec<Vec<YamlPath>> = items.iter().map(|_| Vec::new()).collect();
    let mut rest = Vec::new();
    for path in std::mem::take(unknown) {
        match path.as_slice() {
            [Seg::Key(k), Seg::Index(row), _, ..] if k == key && *row < inside.len() => {
                inside[*row].push(path)
            }
            _ => rest.push(path),
        }
    }
    *unknown = rest;
    inside
        .into_iter()
        .zip(items)
        .map(|(u, item)| (u, Ok(item)))
        .collect()
}

/// Items of a document that had an error somewhere: each is read on its own,
/// so one bad item loses only itself.
fn items_from_values<T: serde::de::DeserializeOwned>(
    values: Vec<serde_yaml::Value>,
    key: &str,
) -> Vec<Item<T>> {
    values
        .into_iter()
        .enumerate()
        .map(|(row, value)| {
            let mut unknown = Vec::new();
            let parsed = yaml::from_value(value, &[Seg::from(key), Seg::from(row)], &mut unknown);
            (unknown, parsed)
        })
        .collect()
}

fn map_quotes<Q, R>(mut a: raw::Article<Q>, f: impl FnOnce(Vec<Q>) -> Vec<R>) -> raw::Article<R> {
    let quotes = f(std::mem::take(&mut a.quotes));
    raw::Article {
        id: a.id,
        title: a.title,
        source: a.source,
        author: a.author,
        published: a.published,
        language: a.language,
        url: a.url,
        imported_from: a.imported_from,
        tags: a.tags,
        events: a.events,
        quotes,
        provenance: a.provenance,
    }
}

#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct PendingEvent {
    pub(super) event: model::Event,
    /// The event's index in the timeline's `events:` list.
    pub(super) row: usize,
    pub(super) sources: Vec<String>,
    pub(super) accounts: Vec<provenance::PendingAccount>,
}

#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct TimelineFile {
    pub(super) path: PathBuf,
    /// Its text (kept to place diagnostics).
    pub(super) yaml: SharedText,
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) language: Option<String>,
    pub(super) events: Vec<PendingEvent>,
    pub(super) diagnostics: Vec<Diagnostic>,
}

pub(super) fn parse_timeline(file: SourceFile) -> TimelineFile {
    let mut t = TimelineFile {
        path: file.path,
        yaml: SharedText::default(),
        title: None,
        description: None,
        language: None,
        events: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut text = match decode(&t.path, file.bytes) {
        Ok(text) => text,
        Err(d) => {
            t.diagnostics.push(d);
            return t;
        }
    };
    if text.trim().is_empty() {
        t.diagnostics.push(Diagnostic::error(
            &t.path,
            Pos::START,
            "empty timeline: write `events:` followed by a list of events",
        ));
        return t;
    }
    let too_deep = depth::blank_too_deep(&mut text);
    let mut r = Reporter::new(&t.path, &text, 0);
    r.too_deep(too_deep);
    let mut unknown = Vec::new();
    // Duplicate keys: reported, but they lose nothing but the repeat.
    let mut slips = Vec::new();
    let typed = match yaml::may_have_tags(&text) {
        true => None,
        false => yaml::try_from_str::<raw::Timeline<raw::Event>>(&text, &mut unknown),
    };
    let raw: raw::Timeline<Item<raw::Event>> = match typed {
        Some(raw) => raw::Timeline {
            events: items_with_unknowns(raw.events, "events", &mut unknown),
            title: raw.title,
            description: raw.description,
            language: raw.language,
        },
        None => match loose::from_str::<raw::Timeline>(&text, &mut unknown, &mut slips) {
            Ok(raw) => raw::Timeline {
                events: items_from_values(raw.events, "events"),
                title: raw.title,
                description: raw.description,
                language: raw.language,
            },
            Err(p) => {
                r.problems(std::mem::take(&mut slips));
                r.problem(p);
                t.diagnostics = r.finish();
                return t;
            }
        },
    };
    r.problems(slips);
    r.unknown_fields(
        unknown,
        ("the timeline", raw::TIMELINE_FIELDS),
        ("the timeline", raw::TIMELINE_FIELDS),
    );
    t.title = Scalar::into_opt(raw.title);
    t.description = Scalar::into_opt(raw.description);
    t.language = Scalar::into_opt(raw.language);
    for (row, (unknown, parsed)) in raw.events.into_iter().enumerate() {
        r.unknown_fields(
            unknown,
            ("event", raw::EVENT_FIELDS),
            ("event", raw::EVENT_FIELDS),
        );
        let e = match parsed {
            Ok(e) => e,
            Err(p) => {
                r.problem(p);
                continue;
            }
        };
        if !is_valid_id(&e.id) {
            r.error(
                At::Value(yaml_path!["events", row, "id"]),
                invalid_id_message("event", &e.id),
            );
        }
        let Some(date) = r.date(&e.date.0, yaml_path!["events", row, "date"]) else {
            continue;
        };
        if e.title.0.trim().is_empty() {
            r.error(
                At::Value(yaml_path!["events", row, "title"]),
                "empty title: give the event a title".into(),
            );
        }
        let base = yaml_path!["events", row, "provenance"];
        let notes = provenance::read_provenance(
            &mut r.pending.report(),
            e.provenance,
            &base,
            "event",
            raw::EVENT_FIELDS,
        );
        let accounts = provenance::read_accounts(&mut r.pending.report(), e.accounts, row);
        t.events.push(PendingEvent {
            event: model::Event {
                id: e.id.into(),
                date,
                title: e.title.0.trim().into(),
                summary: Scalar::into_opt(e.summary).map(|s| s.trim_end().into()),
                actors: e.actors.into_iter().map(|s| s.0.into()).collect(),
                tags: e.tags.into_iter().map(|s| s.0.into()).collect(),
                sources: Vec::new(),
                provenance: notes,
                accounts: Vec::new(),
            },
            row,
            sources: e.sources,
            accounts,
        });
    }
    t.diagnostics = r.finish();
    t.yaml = text.into();
    t
}

#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct ArticleFile {
    pub(super) path: PathBuf,
    /// The front matter's YAML text (kept to place diagnostics).
    pub(super) yaml: SharedText,
    /// Shared with the corpora loaded from it: a reload copies no article.
    #[serde(with = "super::shared::arc_serde")]
    pub(super) article: Option<Arc<model::Article>>,
    /// For each kept quote, its index in the front matter's `quotes:` list.
    pub(super) quote_rows: Vec<usize>,
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl ArticleFile {
    pub(super) fn unreadable(d: Diagnostic) -> ArticleFile {
        ArticleFile {
            path: d.path.clone(),
            yaml: SharedText::default(),
            article: None,
            quote_rows: Vec::new(),
            diagnostics: vec![d],
        }
    }
}

/// Turns bytes into text, or says where the file stops being UTF-8.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let mut s =
        crate::fsread::utf8(bytes).map_err(|e| Diagnostic::error(path, e.pos, e.to_string()))?;
    if s.starts_with('\u{feff}') {
        s.drain(..3);
    }
    if let Some(nul) = s.find('\0') {
        return Err(Diagnostic::error(
            path,
            Pos::of_offset(&s, nul),
            "this looks like a binary file (it contains a NUL byte): corpus files are UTF-8 text",
        ));
    }
    Ok(s)
}

/// Where the front matter and body are in an article's text.
struct Split {
    yaml: std::ops::Range<usize>,
    body: std::ops::Range<usize>,
}

fn split_front_matter(text: &str) -> Result<Split, (Pos, &'static str)> {
    if text.trim().is_empty() {
        return Err((
            Pos::START,
            "empty file: an article starts with a `---` line, its YAML front matter (id, title…), a closing `---` line, then the body",
        ));
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err((
            Pos::START,
            "missing front matter: an article starts with a line `---`, then YAML (id, title…), then a closing `---` line, then the body",
        ));
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut at = yaml_start;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: yaml_start..at,
                body: body_start..text.len(),
            });
        }
        at = end + 1;
    }
    Err((
        Pos::START,
        "the front matter is not closed: add a line `---` between the YAML and the body",
    ))
}

pub(super) fn parse_article(file: SourceFile) -> ArticleFile {
    let mut out = ArticleFile {
        path: file.path,
        yaml: SharedText::default(),
        article: None,
        quote_rows: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut text = match decode(&out.path, file.bytes) {
        Ok(t) => t,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let split = match split_front_matter(&text) {
        Ok(s) => s,
        Err((pos, message)) => {
            out.diagnostics
                .push(Diagnostic::error(&out.path, pos, message));
            return out;
        }
    };
    let mut yaml = text[split.yaml.clone()].to_string();
    // The body keeps the file's allocation: drop the front matter in place.
    text.truncate(text.trim_end().len().max(split.body.start));
    text.drain(..split.body.start);
    let lead = text.len() - text.trim_start_matches(['\n', '\r']).len();
    text.drain(..lead);
    text.shrink_to_fit(); // the front matter's bytes go back (about a quarter of a small file)
    let body = text;

    let too_deep = depth::blank_too_deep(&mut yaml);
    out.yaml = yaml.into();
    let mut r = Reporter::new(&out.path, &out.yaml, 1);
    r.too_deep(too_deep);
    let mut unknown = Vec::new();
    let mut slips = Vec::new();
    let typed = match yaml::may_have_tags(&out.yaml) {
        true => None,
        false => yaml::try_from_str::<raw::Article<raw::Quote>>(&out.yaml, &mut unknown),
    };
    let raw: raw::Article<Item<raw::Quote>> = match typed {
        Some(a) => map_quotes(a, |quotes| {
            items_with_unknowns(quotes, "quotes", &mut unknown)
        }),
        None => match loose::from_str::<raw::Article>(&out.yaml, &mut unknown, &mut slips) {
            Ok(a) => map_quotes(a, |quotes| items_from_values(quotes, "quotes")),
            Err(p) => {
                r.problems(std::mem::take(&mut slips));
                r.problem(p);
                out.diagnostics = r.finish();
                return out;
            }
        },
    };
    r.problems(slips);
    r.unknown_fields(
        unknown,
        ("article front matter", raw::ARTICLE_FIELDS),
        ("article front matter", raw::ARTICLE_FIELDS),
    );
    if !is_valid_id(&raw.id) {
        r.error(
            At::Value(yaml_path!["id"]),
            invalid_id_message("article", &raw.id),
        );
    }
    let published = raw
        .published
        .and_then(|d| r.date(&d.0, yaml_path!["published"]));
    let mut quotes: Vec<model::Quote> = Vec::with_capacity(raw.quotes.len());
    let mut quote_ids: HashSet<String> = HashSet::with_capacity(raw.quotes.len());
    // Prepared once for all the article's quotes (none: not built).
    let searchable = (!raw.quotes.is_empty()).then(|| passage::Body::new(&body));
    for (row, (unknown, parsed)) in raw.quotes.into_iter().enumerate() {
        r.unknown_fields(
            unknown,
            ("quote", raw::QUOTE_FIELDS),
            ("quote", raw::QUOTE_FIELDS),
        );
        let q = match parsed {
            Ok(q) => q,
            Err(p) => {
                r.problem(p);
                continue;
            }
        };
        let id = q.id.0;
        let shown = clip(&id);
        if !is_valid_id(&id) {
            r.error(
                At::Value(yaml_path!["quotes", row, "id"]),
                invalid_id_message("quote", &id),
            );
        }
        // A set, not a scan of the earlier quotes: 80,000 quotes took 51 s.
        if !quote_ids.insert(id.clone()) {
            r.error(
                At::Value(yaml_path!["quotes", row, "id"]),
                format!("duplicate quote id `{shown}` in this article: this quote is skipped, give it another id"),
            );
            continue;
        }
        let occurrence = q.occurrence.unwrap_or(1).max(1) as usize;
        if q.occurrence == Some(0) {
            r.error(
                At::Value(yaml_path!["quotes", row, "occurrence"]),
                "`occurrence` counts from 1".into(),
            );
        }
        let (span, found) = searchable
            .as_ref()
            .map_or((None, 0), |b| b.find(&q.text.0, occurrence));
        if span.is_none() {
            let message = if q.text.0.trim().is_empty() {
                format!("quote `{shown}` has an empty text: copy the passage from the body")
            } else if found == 0 {
                format!(
                    "quote `{shown}` is not in the body: its text must be a verbatim passage (only whitespace may differ); check apostrophes (’ or '), accents and punctuation"
                )
            } else {
                format!(
                    "quote `{shown}`: occurrence {occurrence} asked for, but the passage occurs only {found} time(s) in the body"
                )
            };
            r.error(At::Value(yaml_path!["quotes", row, "text"]), message);
        }
        out.quote_rows.push(row);
        quotes.push(model::Quote {
            id: id.into(),
            text: q.text.0.into(),
            speaker: Scalar::into_opt(q.speaker).map(Into::into),
            events: q.events.into_iter().map(Into::into).collect(),
            span,
        });
    }
    let notes = provenance::read_provenance(
        &mut r.pending.report(),
        raw.provenance,
        &yaml_path!["provenance"],
        "article",
        raw::ARTICLE_FIELDS,
    );
    out.article = Some(Arc::new(model::Article {
        id: raw.id.into(),
        title: raw.title.0.trim().to_string(),
        source: Scalar::into_opt(raw.source).map(Into::into),
        author: Scalar::into_opt(raw.author).map(Into::into),
        published,
        language: Scalar::into_opt(raw.language).map(Into::into),
        url: Scalar::into_opt(raw.url),
        tags: raw.tags.into_iter().map(|s| s.0.into()).collect(),
        events: raw.events.into_iter().map(Into::into).collect(),
        quotes,
        provenance: notes,
        body: body.into(),
        path: in_corpus_folder(&out.path),
    }));
    out.diagnostics = r.finish();
    out
}

/// An article file's path relative to the corpus folder: articles are the
/// files of its `articles/` folder ([`model::Article::path`]).
fn in_corpus_folder(path: &Path) -> PathBuf {
    match path.file_name() {
        Some(name) => Path::new("articles").join(name),
        None => path.to_path_buf(),
    }
}
