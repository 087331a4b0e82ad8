//! The corpus's part of the details document: an event with its sources,
//! an article's quotes.

use super::doc::{DetailsDoc, DetailsItem};
use super::{accounts, notes};
use crate::corpus::{ArticleIx, Corpus, EventIx, QuoteRef, SourceRef};
use crate::view::wrap::{self, DocLine, Indent, Role, Run};

impl DetailsDoc {
    pub(super) fn event(
        &mut self,
        corpus: &Corpus,
        notes: &crate::annotations::Annotations,
        e: EventIx,
        w: usize,
    ) {
        let Some(event) = corpus.get_event(e) else {
            return;
        };
        let lang = corpus.date_lang();
        self.text(&event.title, Role::Title, w);
        self.text(&event.date.long(lang), Role::Date, w);
        accounts::provenance_lines(&mut self.lines, &event.provenance, w);
        if let Some(summary) = &event.summary {
            self.lines.push(DocLine::blank());
            for para in summary.split("\n\n") {
                self.text(para, Role::Body, w);
            }
        }
        self.lines.push(DocLine::blank());
        if !event.actors.is_empty() {
            self.labelled("Actors: ", &event.actors.join(", "), Role::Body, w);
        }
        if !event.tags.is_empty() {
            let tags: Vec<String> = event.tags.iter().map(|t| format!("#{t}")).collect();
            self.labelled("Tags: ", &tags.join(" "), Role::Tag, w);
        }
        let target = crate::annotations::Target::Event(event.id.to_string());
        notes::note_block(self, notes, &target, w);
        accounts::accounts(&mut self.lines, corpus, event, w);
        let mut cited: Vec<SourceRef> = event.sources.clone();
        self.lines.push(DocLine::blank());
        self.text(&format!("Sources ({})", cited.len()), Role::Label, w);
        for source in cited.clone() {
            self.source(corpus, source, w);
        }
        // Articles that report the event without being cited by it.
        let others: Vec<ArticleIx> = corpus
            .event_articles(e)
            .iter()
            .copied()
            .filter(|&a| !cited.iter().any(|s| s.article == a && s.quote.is_none()))
            .collect();
        if !others.is_empty() {
            self.lines.push(DocLine::blank());
            self.text("Also reported in", Role::Label, w);
            for a in others {
                let source = SourceRef {
                    article: a,
                    quote: None,
                };
                cited.push(source);
                self.source(corpus, source, w);
            }
        }
    }

    fn source(&mut self, corpus: &Corpus, source: SourceRef, w: usize) {
        let start = self.lines.len();
        let article = corpus.article(source.article);
        let lang = corpus.date_lang();
        match source.quote {
            Some(q) => {
                let quote = article.quote(q);
                let mut runs = vec![];
                let speaker = quote.speaker.clone().unwrap_or_default();
                if !speaker.is_empty() {
                    runs.push(Run::new(&speaker, Role::Speaker));
                    runs.push(Run::new(" : ", Role::Dim));
                }
                let text = format!("« {} »", quote.text);
                runs.push(Run::new(&text, Role::quote(q)));
                wrap::wrap(
                    &runs,
                    w,
                    Indent {
                        first: "❝ ",
                        rest: "  ",
                    },
                    &mut self.lines,
                );
                let from = format!("— {}", article.title);
                wrap::wrap_text(
                    &from,
                    Role::Dim,
                    w,
                    Indent {
                        first: "  ",
                        rest: "  ",
                    },
                    &mut self.lines,
                );
            }
            None => {
                wrap::wrap_text(
                    &article.title,
                    Role::EventLink,
                    w,
                    Indent {
                        first: "▤ ",
                        rest: "  ",
                    },
                    &mut self.lines,
                );
                let mut meta: Vec<String> = Vec::new();
                meta.extend(article.source.as_deref().map(String::from));
                meta.extend(article.published.map(|d| d.long(lang)));
                if !meta.is_empty() {
                    wrap::wrap_text(
                        &meta.join(", "),
                        Role::Dim,
                        w,
                        Indent {
                            first: "  ",
                            rest: "  ",
                        },
                        &mut self.lines,
                    );
                }
            }
        }
        self.items
            .push((DetailsItem::Source(source), start..self.lines.len()));
    }

    pub(super) fn quotes(
        &mut self,
        corpus: &Corpus,
        notes: &crate::annotations::Annotations,
        a: ArticleIx,
        w: usize,
    ) {
        let Some(article) = corpus.get_article(a) else {
            return;
        };
        if !article.provenance.is_empty() {
            accounts::provenance_lines(&mut self.lines, &article.provenance, w);
            self.lines.push(DocLine::blank());
        }
        self.text(
            &format!("Quotes ({})", article.quotes.len()),
            Role::Label,
            w,
        );
        if article.quotes.is_empty() {
            self.text("This article has no annotated quotes.", Role::Dim, w);
        }
        for (q, quote) in article.indexed_quotes() {
            let quote_ref = QuoteRef {
                article: a,
                quote: q,
            };
            self.lines.push(DocLine::blank());
            let start = self.lines.len();
            let speaker = quote.speaker.as_deref().unwrap_or("(speaker not stated)");
            let role = if quote.speaker.is_some() {
                Role::Speaker
            } else {
                Role::Dim
            };
            let number = format!("{:>2}. ", q.get() + 1);
            let target = crate::annotations::Target::Quote(format!("{}#{}", article.id, quote.id));
            let marks = crate::view::markers::marks_for(notes, &target);
            let mut runs = vec![Run::new(&number, Role::Dim)];
            runs.extend(marks.iter().map(|(g, r)| Run::new(g, *r)));
            if !marks.is_empty() {
                runs.push(Run::new(" ", Role::Plain));
            }
            runs.push(Run::new(speaker, role));
            wrap::wrap(&runs, w, Indent::default(), &mut self.lines);
            let text = format!("« {} »", quote.text);
            wrap::wrap_text(
                &text,
                Role::quote(q),
                w,
                Indent {
                    first: "    ",
                    rest: "    ",
                },
                &mut self.lines,
            );
            if quote.span.is_none() {
                self.text("    (not found in the body)", Role::Warning, w);
            }
            let events: Vec<&str> = corpus
                .quote_events(quote_ref)
                .iter()
                .map(|&e| corpus.event(e).title.as_str())
                .collect();
            self.events_line(&events, w);
            notes::note_text(self, notes, &target, w);
            self.items
                .push((DetailsItem::Quote(quote_ref), start..self.lines.len()));
        }
    }
}
