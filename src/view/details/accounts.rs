//! What the details pane shows of an event's provenance: how the facts no
//! source states were known, and each source's account, with the
//! disagreement stated in one line.

use crate::corpus::{Corpus, DateLang, Event, Provenance};
use crate::view::wrap::{self, DocLine, Indent, Role, Run};

use crate::corpus::disagreement::{disagreement, provenance_mark, DISPUTED_MARK};

/// "≈ date: inferred — …", one per note.
pub fn provenance_lines(lines: &mut Vec<DocLine>, notes: &[Provenance], w: usize) {
    for p in notes {
        let label = format!("{} {}: ", provenance_mark(p), p.field);
        let runs = [Run::new(&label, Role::Label), Run::new(&p.note, Role::Dim)];
        wrap::wrap(
            &runs,
            w,
            Indent {
                first: "",
                rest: "  ",
            },
            lines,
        );
    }
}

/// The accounts: the disagreement in one line, then each source (outlet
/// and date), what it says and the date it implies.
pub fn accounts(lines: &mut Vec<DocLine>, corpus: &Corpus, event: &Event, w: usize) {
    if event.accounts.is_empty() {
        return;
    }
    let lang = corpus.date_lang();
    lines.push(DocLine::blank());
    let heading = match lang {
        DateLang::Fr => format!("Versions des sources ({})", event.accounts.len()),
        DateLang::En => format!("Accounts ({})", event.accounts.len()),
    };
    wrap::wrap_text(&heading, Role::Label, w, Indent::default(), lines);
    if let Some(line) = disagreement(event, lang) {
        let line = format!("{DISPUTED_MARK} {line}");
        wrap::wrap_text(&line, Role::Warning, w, Indent::default(), lines);
    }
    for account in &event.accounts {
        let article = corpus.article(account.source.article);
        // The outlet, or the title when the page names none, and its date.
        let mut from = vec![article
            .source
            .as_deref()
            .unwrap_or(&article.title)
            .to_string()];
        from.extend(article.published.map(|d| d.long(lang)));
        let from = from.join(", ");
        let mut runs = vec![Run::new(&from, Role::EventLink)];
        let implied = account.date.map(|d| format!(" → {}", d.long(lang)));
        if let Some(implied) = &implied {
            runs.push(Run::new(implied, Role::Date));
        }
        let flag = format!(" {DISPUTED_MARK}");
        if account.disputes {
            runs.push(Run::new(&flag, Role::Warning));
        }
        let first = if account.source.quote.is_some() {
            "❝ "
        } else {
            "▤ "
        };
        let indent = Indent { first, rest: "  " };
        wrap::wrap(&runs, w, indent, lines);
        let says = Indent {
            first: "  ",
            rest: "  ",
        };
        wrap::wrap_text(&account.says, Role::Body, w, says, lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::embedded;

    #[test]
    fn the_disagreement_is_one_line_in_the_corpus_language() {
        let corpus = embedded::load(&Default::default()).corpus;
        let event = |id: &str| corpus.event(corpus.event_index(id).unwrap());
        let suspension = event("aws-suspends-parler");
        assert_eq!(
            disagreement(suspension, DateLang::Fr).as_deref(),
            Some("3 sources en désaccord : 10 vs 11 janvier")
        );
        assert_eq!(
            disagreement(suspension, DateLang::En).as_deref(),
            Some("3 sources disagree: 10 vs 11 January")
        );
        assert_eq!(disagreement(event("capitol-attack"), DateLang::Fr), None);
        // Dates alone: "N sources: …", N the sources that imply a date.
        let mut dates_only = event("parler-sues-aws").clone();
        dates_only.accounts.retain(|a| !a.disputes);
        assert_eq!(
            disagreement(&dates_only, DateLang::En).as_deref(),
            Some("2 sources: 11 vs 12 January")
        );
    }

    #[test]
    fn each_account_shows_its_source_what_it_says_and_the_date_it_implies() {
        let corpus = embedded::load(&Default::default()).corpus;
        let e = corpus.event(corpus.event_index("parler-sues-aws").unwrap());
        let mut lines = Vec::new();
        accounts(&mut lines, &corpus, e, 200);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.segs.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(text[1], "Versions des sources (5)");
        assert_eq!(text[2], "⚠ 4 sources en désaccord : 11 vs 12 janvier");
        assert_eq!(text[3], "▤ AFP, 11 janvier 2021 → 11 janvier 2021");
        assert_eq!(text[4], "  « a porté plainte lundi contre Amazon »");
        assert_eq!(
            text[5],
            "▤ Parler attaque AWS en justice, janvier 2021 → 12 janvier 2021"
        );
        assert!(text
            .last()
            .unwrap()
            .contains("immédiatement après notification"));
        assert!(text.iter().any(|l| l.ends_with(" ⚠")), "{text:?}");
    }

    #[test]
    fn the_article_header_marks_an_editorial_title_and_an_inferred_date() {
        let corpus = embedded::load(&Default::default()).corpus;
        let header = |id: &str| -> Vec<String> {
            let doc = crate::view::article::ArticleDoc::build(
                &corpus,
                corpus.article_index(id).unwrap(),
                200,
            );
            doc.lines[..2]
                .iter()
                .map(|l| l.segs.iter().map(|s| s.text.as_str()).collect())
                .collect()
        };
        let injunction = header("parler-injonction-rejetee-2021-01");
        assert!(
            injunction[0].ends_with("Amazon Web Services ◇"),
            "{injunction:?}"
        );
        assert_eq!(injunction[1], "janvier 2021");
        let afp = header("afp-2021-01-11");
        assert!(!afp[0].ends_with('◇'), "{afp:?}");
        assert_eq!(afp[1], "AFP · 11 janvier 2021 ≈");
        let clubic = header("clubic-2021-01-15");
        assert_eq!(clubic[1], "Clubic · Guillaume Belfiore · 15 janvier 2021");
    }
}
