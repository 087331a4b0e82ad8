//! `html`: the report as one self-contained page: inline CSS, no script,
//! nothing fetched (a Content-Security-Policy forbids it too), readable on
//! a phone and printable. Every text is escaped; only web links
//! (`http(s)://` with a host) become links.

use super::clean;
use super::report::{Entry, Markup, NoteEntry, QuoteEntry, Report};
use crate::whitespace::collapse;
use std::fmt::Write;

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5b5b66; --rule: #d9d9e0; --accent: #8a3b12; --reader: #1f5f8b; --paper: #fdfcf9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 17px/1.55 Georgia, "Times New Roman", serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
.description { color: var(--muted); margin: 0 0 2rem; }
h2 { font: 600 .85rem/1.4 system-ui, sans-serif; letter-spacing: .08em; text-transform: uppercase; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: .3rem; margin: 2.5rem 0 1rem; }
article { margin: 0 0 2rem; padding-left: 1rem; border-left: 3px solid var(--rule); }
article.reader { border-left-color: var(--reader); }
h3 { font-size: 1.2rem; line-height: 1.3; margin: 0 0 .4rem; }
time { display: block; font: 600 .9rem/1.4 system-ui, sans-serif; color: var(--accent); }
.mark { font: italic .9rem/1.4 system-ui, sans-serif; color: var(--reader); margin: 0 0 .5rem; }
.tags { font: .85rem/1.4 system-ui, sans-serif; color: var(--muted); }
h4 { font: 600 .8rem/1.4 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 1rem 0 .3rem; }
ol.sources { margin: 0; padding-left: 1.4rem; font-size: .95rem; }
ol.sources li { margin: .15rem 0; overflow-wrap: anywhere; }
blockquote { margin: .5rem 0; padding: .2rem 0 .2rem .9rem; border-left: 2px solid var(--accent); }
blockquote p { margin: 0; }
blockquote.reader { border-left-color: var(--reader); }
.speaker { color: var(--muted); }
.note { background: #eef4f8; border-radius: .3rem; padding: .5rem .75rem; margin: .6rem 0 0; font-size: .95rem; }
.note strong { color: var(--reader); }
a { color: var(--reader); }
.empty { color: var(--muted); font-style: italic; }
.provenance { font: italic .9rem/1.4 system-ui, sans-serif; color: var(--muted); margin: .2rem 0; }
.disputed { font: 600 .95rem/1.4 system-ui, sans-serif; color: var(--accent); margin: .2rem 0; }
ul.accounts { margin: 0; padding-left: 1.4rem; font-size: .95rem; }
ul.accounts li { margin: .15rem 0; overflow-wrap: anywhere; }
@media (max-width: 480px) { body { font-size: 16px; } main { padding: 1.25rem .9rem 3rem; } h1 { font-size: 1.6rem; } article { padding-left: .7rem; } }
@media print { body { background: #fff; font-size: 11pt; } main { max-width: none; padding: 0; } .note { background: none; border: 1px solid var(--rule); } a { color: inherit; } a[href]::after { content: " (" attr(href) ")"; font-size: .85em; } h2, h3, h4 { break-after: avoid; } blockquote, .note, li { break-inside: avoid; } }
"#;

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<header>\n<h1>{title}</h1>\n",
        lang = esc(r.language),
        title = esc(r.title),
    );
    if let Some(d) = r.description {
        let _ = writeln!(out, "<p class=\"description\">{}</p>", esc(d));
    }
    out.push_str("</header>\n");
    if r.months.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", esc(r.labels.nothing));
    }
    for month in &r.months {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", esc(&month.heading));
        for e in &month.events {
            entry(&mut out, r, e);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn entry(out: &mut String, r: &Report, e: &Entry) {
    let l = r.labels;
    let class = if e.reader { " class=\"reader\"" } else { "" };
    let _ = writeln!(
        out,
        "<article{class}>\n<h3><time>{}</time>{}{}</h3>",
        esc(&e.date),
        esc(e.title),
        MARKUP.marks(e)
    );
    if e.reader {
        let _ = writeln!(out, "<p class=\"mark\">{}</p>", esc(l.your_event));
    }
    if let Some(s) = e.summary {
        let _ = writeln!(out, "<p>{}</p>", esc(s));
    }
    if !e.tags.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"tags\">{} : {}</p>",
            esc(l.tags),
            MARKUP.tags(e.tags)
        );
    }
    for p in e.provenance {
        let _ = writeln!(out, "<p class=\"provenance\">{}</p>", MARKUP.provenance(p));
    }
    if !e.accounts.is_empty() {
        let _ = writeln!(out, "<h4>{}</h4>", esc(l.accounts));
        if let Some(d) = &e.disagreement {
            let _ = writeln!(out, "<p class=\"disputed\">{}</p>", MARKUP.disagreement(d));
        }
        out.push_str("<ul class=\"accounts\">\n");
        for a in &e.accounts {
            let _ = writeln!(out, "<li>{}</li>", MARKUP.account(a));
        }
        out.push_str("</ul>\n");
    }
    if !e.citations.is_empty() {
        let _ = writeln!(out, "<h4>{}</h4>\n<ol class=\"sources\">", esc(l.sources));
        for c in &e.citations {
            let _ = writeln!(out, "<li>{}</li>", MARKUP.citation(c));
        }
        out.push_str("</ol>\n");
    }
    if !e.quotes.is_empty() {
        let _ = writeln!(out, "<h4>{}</h4>", esc(l.quotes));
        for q in &e.quotes {
            quote(out, r, q);
        }
    }
    if let Some(n) = &e.note {
        let _ = writeln!(out, "{}", note(r, n));
    }
    out.push_str("</article>\n");
}

fn quote(out: &mut String, r: &Report, q: &QuoteEntry) {
    let class = if q.reader { " class=\"reader\"" } else { "" };
    let _ = write!(out, "<blockquote{class}><p>« {} »", esc(q.text));
    if let Some(sp) = q.speaker {
        let _ = write!(out, " <span class=\"speaker\">— {}</span>", esc(sp));
    }
    if q.reader {
        let _ = write!(
            out,
            " <em class=\"mark\">({})</em>",
            esc(r.labels.your_quote)
        );
    }
    out.push_str("</p>");
    if let Some(n) = &q.note {
        out.push_str(&note(r, n));
    }
    out.push_str("</blockquote>\n");
}

pub(super) const MARKUP: Markup = Markup {
    text: esc,
    link: |url| format!("<a href=\"{0}\">{0}</a>", esc(url.as_str())),
};

fn note(r: &Report, n: &NoteEntry) -> String {
    format!(
        "<p class=\"note\"><strong>{}</strong> : {}</p>",
        esc(r.labels.your_note),
        MARKUP.note(r.labels, n)
    )
}

/// `s` as HTML text or a double-quoted attribute value: `& < > "` as
/// entities, terminal controls by their stand-ins, one
/// paragraph.
pub fn esc(s: &str) -> String {
    let flat = collapse(&clean(s));
    let mut out = String::with_capacity(flat.len() + 8);
    for c in flat.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
