//! A guard against pages nested too deep to read. Building the tree of a
//! page whose elements nest thousands deep is quadratic (the HTML tree
//! builder looks up the stack of open elements for every tag, and the
//! extractor's selectors walk every ancestor): 4,000 nested `<div>`s took
//! 11 s and 20,000 over two minutes. Browsers cap the depth their parser
//! builds (Blink at 512); chronique refuses such a page before parsing it,
//! in one linear pass of html5ever's tokenizer (the tokenizer alone is
//! linear: it keeps no tree).

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::LocalName;
use std::cell::{Cell, RefCell};

/// The deepest nesting read, as in Blink's HTML parser. Real articles stay
/// far below it (the pages in the tests: under 40).
pub(crate) const MAX_DEPTH: usize = 512;

/// `Err` with the message to show when `html` nests its elements deeper
/// than [`MAX_DEPTH`].
pub fn check(html: &str) -> Result<(), String> {
    match exceeds(html, MAX_DEPTH) {
        false => Ok(()),
        true => Err(format!(
            "the page nests its elements more than {MAX_DEPTH} deep: not imported \
             (a page built to be slow to read, or a broken one)"
        )),
    }
}

/// Whether the open elements of `html` ever go deeper than `limit`. The
/// stack is an approximation of the tree builder's, good enough to tell a
/// real page from a hostile one: void and self-closed elements open
/// nothing, an end tag closes up to its element, and an element whose end
/// tag may be left out (`p`, `li`, `td`…) closes the same one open above it.
fn exceeds(html: &str, limit: usize) -> bool {
    let sink = DepthSink {
        open: RefCell::new(Vec::new()),
        limit,
        exceeded: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.exceeded.get()
}

struct DepthSink {
    open: RefCell<Vec<LocalName>>,
    limit: usize,
    exceeded: Cell<bool>,
}

/// Elements that never hold content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: a second one closes the first.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rtc", "rp",
];

impl DepthSink {
    fn tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let mut open = self.open.borrow_mut();
        match tag.kind {
            TagKind::EndTag => {
                // The stack never holds more than the limit, so a page of
                // stray end tags stays linear.
                if let Some(at) = open.iter().rposition(|n| n == &tag.name) {
                    open.truncate(at);
                }
                TokenSinkResult::Continue
            }
            TagKind::StartTag if VOID.contains(&name) || tag.self_closing => {
                TokenSinkResult::Continue
            }
            TagKind::StartTag => {
                if OPTIONAL_END.contains(&name) && open.last() == Some(&tag.name) {
                    open.pop();
                }
                open.push(tag.name.clone());
                if open.len() > self.limit {
                    self.exceeded.set(true);
                    open.clear(); // nothing more to learn; keep the pass cheap
                }
                // The text of these is not markup (as the tree builder tells
                // the tokenizer).
                match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                }
            }
        }
    }
}

impl TokenSink for DepthSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => self.tag(&tag),
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        format!(
            "<html><body><article>{}<p>Texte.</p>{}</article></body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    }

    #[test]
    fn a_page_nested_past_the_limit_is_refused_and_one_within_is_read() {
        assert!(exceeds(&nested(600), 512));
        assert!(!exceeds(&nested(500), 512));
        let message = check(&nested(20_000)).unwrap_err();
        assert!(message.contains("more than 512 deep"), "{message}");
        assert!(check(&nested(30)).is_ok());
    }

    #[test]
    fn unclosed_paragraphs_list_items_and_void_elements_do_not_count_as_nesting() {
        let page = format!(
            "<html><body>{}<ul>{}</ul>{}{}</body></html>",
            "<p>Un paragraphe sans fin.".repeat(2_000),
            "<li>Un point".repeat(2_000),
            "<br><img src=a.png><hr/>".repeat(2_000),
            "<span/>".repeat(2_000)
        );
        assert!(check(&page).is_ok());
    }

    #[test]
    fn tags_inside_scripts_styles_and_titles_are_text() {
        let inside = "<div>".repeat(1_000);
        let page = format!(
            "<html><head><title>{inside}</title><style>{inside}</style>\
             <script>var s = \"{inside}\";</script></head><body><p>Texte.</p></body></html>"
        );
        assert!(check(&page).is_ok());
    }

    #[test]
    fn an_end_tag_closes_what_it_ends_and_stray_end_tags_are_harmless() {
        let page = format!(
            "{}{}",
            "<div><span><b>x</div>".repeat(2_000),
            "</section>".repeat(5_000)
        );
        assert!(check(&page).is_ok());
    }
}
