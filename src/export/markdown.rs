//! `markdown`: the report as CommonMark. Every corpus and reader text is
//! escaped (it could otherwise open a link, an image, raw HTML or a
//! heading), and only web links (`http(s)://` with a host) become links.

use super::clean;
use super::report::{Entry, Markup, QuoteEntry, Report};
use crate::whitespace::collapse;
use std::fmt::Write;

pub fn render(r: &Report) -> String {
    let l = r.labels;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(r.title));
    if let Some(d) = r.description {
        let _ = writeln!(out, "{}\n", md(d));
    }
    if r.months.is_empty() {
        let _ = writeln!(out, "*{}*", md(l.nothing));
    }
    for month in &r.months {
        let _ = writeln!(out, "## {}\n", md(&month.heading));
        for e in &month.events {
            entry(&mut out, r, e);
        }
    }
    out
}

fn entry(out: &mut String, r: &Report, e: &Entry) {
    let l = r.labels;
    let _ = writeln!(
        out,
        "### {} — {}{}\n",
        md(&e.date),
        md(e.title),
        MARKUP.marks(e)
    );
    if e.reader {
        let _ = writeln!(out, "*{}*\n", l.your_event);
    }
    if let Some(s) = e.summary {
        let _ = writeln!(out, "{}\n", md(s));
    }
    if !e.tags.is_empty() {
        let _ = writeln!(out, "{} : {}\n", l.tags, MARKUP.tags(e.tags));
    }
    for p in e.provenance {
        let _ = writeln!(out, "*{}*\n", MARKUP.provenance(p));
    }
    if !e.accounts.is_empty() {
        let _ = writeln!(out, "**{}**\n", l.accounts);
        if let Some(d) = &e.disagreement {
            let _ = writeln!(out, "{}\n", MARKUP.disagreement(d));
        }
        for a in &e.accounts {
            let _ = writeln!(out, "- {}", MARKUP.account(a));
        }
        out.push('\n');
    }
    if !e.citations.is_empty() {
        let _ = writeln!(out, "**{}**\n", l.sources);
        for (n, c) in e.citations.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", n + 1, MARKUP.citation(c));
        }
        out.push('\n');
    }
    if !e.quotes.is_empty() {
        let _ = writeln!(out, "**{}**\n", l.quotes);
        for q in &e.quotes {
            quote(out, r, q);
        }
    }
    if let Some(n) = &e.note {
        let _ = writeln!(out, "**{}** : {}\n", l.your_note, MARKUP.note(r.labels, n));
    }
}

fn quote(out: &mut String, r: &Report, q: &QuoteEntry) {
    let mut line = format!("> « {} »", md(q.text));
    if let Some(sp) = q.speaker {
        let _ = write!(line, " — {}", md(sp));
    }
    if q.reader {
        let _ = write!(line, " *({})*", r.labels.your_quote);
    }
    let _ = writeln!(out, "{line}");
    if let Some(n) = &q.note {
        let _ = writeln!(
            out,
            ">\n> *{}* : {}",
            r.labels.your_note,
            MARKUP.note(r.labels, n)
        );
    }
    out.push('\n');
}

const MARKUP: Markup = Markup {
    text: md,
    link: |url| format!("<{}>", url.as_str()),
};

/// `s` as one paragraph of CommonMark text that renders as written: every
/// character that could start markup is backslash-escaped, terminal
/// controls are shown by their stand-ins.
pub fn md(s: &str) -> String {
    let flat = collapse(&clean(s));
    let mut out = String::with_capacity(flat.len() + 8);
    let mut at_start = true;
    let mut chars = flat.chars().peekable();
    while let Some(c) = chars.next() {
        let escape = match c {
            // `!` needs no escape: the `[` of an image always has one.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => true,
            // A heading, a list or a heading underline, at the start only.
            '#' | '-' | '+' | '=' => at_start,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        // "1. " or "1) " at the start would begin an ordered list.
        if at_start && c.is_ascii_digit() {
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                out.push(d);
                chars.next();
            }
            if let Some(&p) = chars.peek().filter(|&&p| p == '.' || p == ')') {
                out.push('\\');
                out.push(p);
                chars.next();
            }
        }
        at_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn markup_in_corpus_text_is_escaped() {
        assert_eq!(md("[x](javascript:1) <b>"), r"\[x\](javascript:1) \<b\>");
        assert_eq!(md("# titre"), r"\# titre");
        assert_eq!(md("- item"), r"\- item");
        assert_eq!(md("2021. Fin"), r"2021\. Fin");
        assert_eq!(md("bras-de-fer"), "bras-de-fer");
        assert_eq!(md("a\n\nb"), "a b");
        assert_eq!(md("Attention ! #3"), "Attention ! #3");
        assert_eq!(
            md("![x](https://e.org/p.png)"),
            r"!\[x\](https://e.org/p.png)"
        );
    }
}
