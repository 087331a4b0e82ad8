//! `chronique search`: ranked results, one per line, like `fzf --filter`.

use super::{Index, Kind, Query, Scope};
use crate::corpus::{CorpusLocation, Progress};
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
    /// Print at most N results
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print JSON lines with the matched byte ranges of each text
    #[arg(long)]
    pub json: bool,
    /// The query: words that must all match, in any order
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
    let query = Query::parse(&args.query.join(" "), args.kind.into());
    if query.is_empty() {
        writeln!(err, "chronique: error: the query is empty").ok();
        return ExitCode::from(2);
    }
    let location = CorpusLocation::resolve(args.corpus.as_deref());
    let loaded = match location.load(&Progress::default()) {
        Ok(loaded) => loaded,
        Err(e) => {
            writeln!(err, "chronique: error: {e}").ok();
            return ExitCode::from(2);
        }
    };
    let index = Index::build(&loaded.corpus);
    let Some(hits) = index.search(
        &query,
        None,
        args.limit.unwrap_or(usize::MAX),
        &AtomicBool::new(false),
    ) else {
        return ExitCode::from(2);
    };
    if hits.is_empty() {
        return ExitCode::from(1);
    }
    let limit = args.limit.unwrap_or(usize::MAX);
    for hit in hits.iter().take(limit) {
        let item = index.item(hit.item);
        let written = if args.json {
            let ranges: Vec<[usize; 2]> = index
                .highlight(&query, hit)
                .into_iter()
                .map(|r| [r.start, r.end])
                .collect();
            let line = serde_json::json!({
                "kind": item.kind.as_str(),
                "id": item.id,
                "score": hit.score,
                "text": item.text,
                "date": item.date.map(|d| d.to_string()),
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
        Kind::Paragraph => flat.split_whitespace().collect::<Vec<_>>().join(" "),
        _ => flat,
    }
}
