//! `chronique search`: ranked results, one per line, like `fzf --filter`.

use super::{HitTarget, Index, Kind, Query, ReaderTags, Scope, SearchOptions};
use crate::corpus::{ArticleIx, Corpus, CorpusLocation, EventIx};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// The corpus directory (default: ./data if it has a timeline.yaml, else the built-in sample)
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Which kind of result to search (a `q:`, `e:`, `a:` or `p:` query prefix overrides it)
    #[arg(long, value_enum, default_value_t = KindArg::All)]
    pub kind: KindArg,
    /// The annotations file whose tags `#tag` also reads (default: the reader's, as `chronique` opens it)
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
    /// Only the results in this article (its id): its quotes, its paragraphs and itself
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// Print at most N results
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print JSON lines: kind, id, score, text, speaker, article, title,
    /// date, events and the matched byte ranges of the text
    #[arg(long)]
    pub json: bool,
    /// Plain words match as exact substrings ('word is then a fuzzy word)
    #[arg(long, short = 'e')]
    pub exact: bool,
    /// The query: terms that must all match, in any order (fzf's syntax:
    /// 'exact ^prefix suffix$ !not a|b, plus @speaker #tag and dates
    /// 2021-01-08..2021-01-12)
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Quote,
    Event,
    Article,
    Paragraph,
    All,
}

impl From<KindArg> for Scope {
    fn from(k: KindArg) -> Scope {
        match k {
            KindArg::Quote => Scope::Quotes,
            KindArg::Event => Scope::Events,
            KindArg::Article => Scope::Articles,
            KindArg::Paragraph => Scope::Paragraphs,
            KindArg::All => Scope::All,
        }
    }
}

/// Runs the command: exit status 0 when something matched, 1 when nothing
/// did, 2 on a usage or corpus error.
pub fn run(args: &SearchArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    run_trying_quick(args, out, err, true)
}

/// `quick`: the index may be taken from the cache alone (see below).
fn run_trying_quick(
    args: &SearchArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    quick: bool,
) -> ExitCode {
    let mut options = SearchOptions {
        scope: args.kind.into(),
        exact: args.exact,
        article: None,
    };
    if Query::parse(&args.query.join(" "), options).is_empty() {
        writeln!(err, "chronique: error: the query is empty").ok();
        return ExitCode::from(2);
    }
    let location = CorpusLocation::resolve(args.corpus.as_deref());
    // The index comes from the cache too: building it is most of a search;
    // printing only the index's texts, the corpus need not even be decoded.
    // (Paragraphs are shown from their articles' bodies, which the index
    // does not hold: those of the paragraphs printed are decoded below.)
    let needs_corpus = args.json || args.article.is_some();
    let quick = match needs_corpus || !quick {
        true => None,
        false => crate::cache::index_of_unchanged(&location),
    };
    let (quick_cache, quick) = match quick {
        Some((index, cache)) => (Some(cache), Some(index)),
        None => (None, None),
    };
    let (corpus, index) = match quick {
        Some(index) => (None, index),
        None => match crate::cache::load_then(&location, |loaded, cache| match cache {
            Some(cache) => cache.index(&loaded.corpus),
            None => Index::build(&loaded.corpus),
        }) {
            Ok((loaded, index)) => (Some(loaded.corpus), index),
            Err(e) => {
                writeln!(err, "chronique: error: {e}").ok();
                return ExitCode::from(2);
            }
        },
    };
    // Never freed: the process ends with this command, and freeing the
    // corpus and the index (hundreds of thousands of allocations) would
    // take about as long as the search; the system takes the pages back
    // at once.
    let never_freed = std::mem::ManuallyDrop::new((corpus, index));
    let (corpus, index) = (&never_freed.0, &never_freed.1);
    if let Some(id) = &args.article {
        let corpus = corpus.as_ref().expect("loaded for --article");
        match corpus.article_index(id) {
            Some(a) => options.article = Some(a),
            None => {
                writeln!(err, "chronique: error: no article has the id {id:?}").ok();
                return ExitCode::from(2);
            }
        }
    }
    let annotations = args
        .annotations
        .clone()
        .or_else(|| crate::config::default_path(&location));
    let reader_tags = match annotations {
        Some(path) => {
            let opened = crate::annotations::Store::open(&path);
            if opened.read_only.is_some() {
                for d in &opened.diagnostics {
                    writeln!(err, "{d}").ok();
                }
                return ExitCode::from(2);
            }
            ReaderTags::from_annotations(&opened.annotations)
        }
        None => ReaderTags::default(),
    };
    let query = Query::parse(&args.query.join(" "), options);
    let kept = &mut super::WordValues::default();
    let Some(hits) = index.search_with(&query, &reader_tags, kept, &AtomicBool::new(false)) else {
        return ExitCode::from(2);
    };
    if hits.is_empty() {
        return ExitCode::from(1);
    }
    let limit = args.limit.unwrap_or(usize::MAX);
    let shown = || hits.iter().take(limit).map(|h| h.item);
    let with_paragraphs;
    let index = match &quick_cache {
        None => index,
        Some(cache) => match cache.with_paragraphs_of(index.clone(), shown()) {
            Some(shown) => {
                with_paragraphs = shown;
                &with_paragraphs
            }
            // A parse that does not check out (a damaged cache): the corpus
            // loaded, which parses that file again, and searched.
            None => return run_trying_quick(args, out, err, false),
        },
    };
    for hit in hits.iter().take(limit) {
        let item = index.item(hit.item);
        let written = if args.json {
            let ranges: Vec<[usize; 2]> = index
                .highlight(&query, hit)
                .into_iter()
                .map(|r| [r.start, r.end])
                .collect();
            let fields = Fields::of(corpus.as_ref().expect("loaded for --json"), &item.target);
            let line = serde_json::json!({
                "kind": item.kind.as_str(),
                "id": item.id,
                "score": hit.score,
                "text": item.text,
                "speaker": fields.speaker,
                "article": fields.article,
                "title": fields.title,
                "date": item.date.map(|d| d.to_string()),
                "events": fields.events,
                "matches": ranges,
            });
            writeln!(out, "{line}")
        } else {
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                item.kind.as_str(),
                crate::safe_text::one_line(item.id),
                hit.score,
                one_line(item.kind, item.text)
            )
        };
        if written.is_err() {
            break; // e.g. a closed pipe: stop quietly
        }
    }
    ExitCode::SUCCESS
}

/// What a JSON line says of a result besides its text.
struct Fields<'c> {
    speaker: Option<&'c str>,
    /// The id of the article the result is or belongs to.
    article: Option<&'c str>,
    /// The article's title, or the event's.
    title: Option<&'c str>,
    /// Ids of the events the result is linked to (an event: itself).
    events: Vec<&'c str>,
}

impl<'c> Fields<'c> {
    /// Read with checked access: the index may come from a cache file.
    fn of(corpus: &'c Corpus, target: &HitTarget) -> Fields<'c> {
        let event_ids = |events: &[EventIx]| -> Vec<&'c str> {
            events
                .iter()
                .filter_map(|&e| corpus.get_event(e).map(|e| e.id.as_str()))
                .collect()
        };
        let of_article = |a: ArticleIx, speaker, events| {
            let article = corpus.get_article(a);
            Fields {
                speaker,
                article: article.map(|a| a.id.as_str()),
                title: article.map(|a| a.title.as_str()),
                events,
            }
        };
        // An item of the corpus has its links.
        match *target {
            HitTarget::Quote(q) => {
                let quote = corpus.get_quote(q);
                let events = quote.map_or(Vec::new(), |_| event_ids(corpus.quote_events(q)));
                of_article(q.article, quote.and_then(|q| q.speaker.as_deref()), events)
            }
            HitTarget::Article(a) | HitTarget::Paragraph { article: a, .. } => {
                let events = corpus
                    .get_article(a)
                    .map_or(Vec::new(), |_| event_ids(corpus.article_events(a)));
                of_article(a, None, events)
            }
            HitTarget::Event(e) => Fields {
                speaker: None,
                article: None,
                title: corpus.get_event(e).map(|e| e.title.as_str()),
                events: event_ids(&[e]),
            },
        }
    }
}

/// The text on one line: paragraphs keep their words, not their line breaks;
/// any other character a terminal would act on is shown by its stand-in
/// (see [`crate::safe_text`]).
fn one_line(kind: Kind, text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c => crate::safe_text::stand_in(c).unwrap_or(c),
        })
        .collect();
    match kind {
        Kind::Paragraph => crate::whitespace::collapse(&flat),
        _ => flat,
    }
}
