//! Plain text and Markdown: the headline, the date, the byline and the
//! paragraphs of a pasted or saved article.

use super::dateline;
use super::draft::Draft;

/// Why a text is not an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TextError {
    #[error("no article text: the input is empty")]
    Empty,
    #[error("not text: byte {offset} is a control character (binary data?)")]
    Binary { offset: usize },
}

/// More than this many words and a first line is a paragraph, not a headline.
const HEADLINE_MAX_WORDS: usize = 25;
/// Lines of one word before the headline are page furniture
/// ("Navigation", "/finance/business") and are dropped.
const FURNITURE_MAX_WORDS: usize = 1;
/// How many leading lines are searched for a dateline or a byline.
const HEAD_LINES: usize = 12;
/// A title made from the first sentence is cut to this many words.
const DERIVED_TITLE_WORDS: usize = 14;

/// Reads `text` (`markdown`: `#` headings, emphasis and links are unwrapped).
pub fn read(text: &str, markdown: bool) -> Result<Draft, TextError> {
    check_text(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| {
            if markdown {
                unmark_line(l)
            } else {
                l.trim_end().to_string()
            }
        })
        .collect();
    let mut draft = Draft::default();

    // `date 2021-03 …`: the date, and what follows it on the line.
    for line in lines.iter_mut().take(HEAD_LINES) {
        if let Some((date, rest)) = dateline::date_line(line) {
            draft.published = Some(date);
            *line = rest.to_string();
            break;
        }
    }
    let mut first = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .ok_or(TextError::Empty)?;
    // A `# Heading` line, else the first line that reads as a headline.
    let heading = lines[first].trim_start().starts_with("# ");
    if !heading {
        while first + 1 < lines.len()
            && words(&lines[first]) <= FURNITURE_MAX_WORDS
            && lines[first + 1..].iter().any(|l| !l.trim().is_empty())
        {
            first += 1;
            while lines[first].trim().is_empty() {
                first += 1;
            }
        }
    }
    let candidate = lines[first]
        .trim()
        .trim_start_matches("# ")
        .trim()
        .to_string();
    let more_text = lines[first + 1..].iter().any(|l| !l.trim().is_empty());
    let body_from = if heading || (more_text && is_headline(&candidate)) {
        draft.title = Some(candidate);
        first + 1
    } else {
        draft.title = Some(title_from(&candidate));
        first
    };
    let mut body_lines: Vec<&str> = lines[body_from..].iter().map(String::as_str).collect();
    // A repeat of the headline right below it (pages often print it twice).
    if let (Some(title), Some(pos)) = (
        draft.title.as_deref(),
        body_lines.iter().position(|l| !l.trim().is_empty()),
    ) {
        if body_lines[pos].trim() == title {
            body_lines.drain(..=pos);
        }
    }
    for line in body_lines.iter().take(HEAD_LINES) {
        if draft.published.is_none() {
            draft.published = dateline::find_date(line);
        }
        if draft.author.is_none() {
            draft.author = dateline::byline(line);
        }
    }
    draft.paragraphs = paragraphs(&body_lines);
    if draft.paragraphs.is_empty() {
        return Err(TextError::Empty);
    }
    Ok(draft)
}

/// Text refuses NUL and control characters other than tab and line breaks.
pub(crate) fn check_text(text: &str) -> Result<(), TextError> {
    if text.trim().is_empty() {
        return Err(TextError::Empty);
    }
    match text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    {
        Some((offset, _)) => Err(TextError::Binary { offset }),
        None => Ok(()),
    }
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A headline: one line, not too long, not ending like a sentence in the
/// middle of a paragraph (a colon or a comma).
/// A line holding two sentences is a paragraph.
fn is_headline(line: &str) -> bool {
    let n = words(line);
    let two_sentences = line.match_indices(['.', '!', '?']).any(|(i, _)| {
        line[i + 1..].starts_with(' ') && line[i + 1..].trim_start().starts_with(char::is_uppercase)
    });
    (1..=HEADLINE_MAX_WORDS).contains(&n) && !two_sentences && !line.ends_with([':', ',', ';'])
}

/// A title from a paragraph's first sentence, cut at a word.
fn title_from(paragraph: &str) -> String {
    let sentence = paragraph
        .split_inclusive(['.', '!', '?'])
        .next()
        .unwrap_or(paragraph)
        .trim()
        .trim_end_matches('.');
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= DERIVED_TITLE_WORDS {
        words.join(" ")
    } else {
        let cut = words[..DERIVED_TITLE_WORDS].join(" ");
        format!("{}…", cut.trim_end_matches([',', ';', ':']))
    }
}

/// Blocks of lines separated by blank lines; lines within a block kept.
/// A line that would open front matter (`---`) is kept as text by
/// escaping nothing: only the article's first line can open front matter.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

/// One Markdown line as text: `##…` headings become `# ` headings (the
/// corpus has one level), `**`/`__` emphasis is dropped, `[text](url)`
/// keeps its text, images are dropped.
fn unmark_line(line: &str) -> String {
    let trimmed = line.trim_end();
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    let (prefix, rest) = if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        ("# ", trimmed[hashes..].trim())
    } else {
        ("", trimmed)
    };
    let mut out = String::from(prefix);
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '*' | '_' if rest[i..].starts_with("**") || rest[i..].starts_with("__") => {
                chars.next();
            }
            '!' if rest[i + 1..].starts_with('[') => {
                if let Some(end) = link_end(&rest[i + 1..]) {
                    skip_to(&mut chars, i + 1 + end);
                } else {
                    out.push(c);
                }
            }
            '[' => match link_end(&rest[i..]) {
                Some(end) => {
                    let close = rest[i..].find("](").map_or(0, |p| p + i);
                    out.push_str(&rest[i + 1..close]);
                    skip_to(&mut chars, i + end);
                }
                None => out.push(c),
            },
            _ => out.push(c),
        }
    }
    out
}

/// `[text](url)` at the start of `s`: the byte length of the whole link.
fn link_end(s: &str) -> Option<usize> {
    let close = s.find("](")?;
    if s[1..close].contains(['[', ']']) {
        return None;
    }
    let end = s[close + 2..].find(')')?;
    Some(close + 2 + end + 1)
}

fn skip_to(chars: &mut std::iter::Peekable<std::str::CharIndices>, end: usize) {
    while chars.peek().is_some_and(|&(j, _)| j < end) {
        chars.next();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_date_line_and_paragraphs() {
        let d = read(
            "Le titre ici\n\ndate 2021-03-04\n\nUn.\nDeux.\n\nTrois.\n",
            false,
        )
        .unwrap();
        assert_eq!(d.title.as_deref(), Some("Le titre ici"));
        assert_eq!(d.published.as_deref(), Some("2021-03-04"));
        assert_eq!(d.paragraphs, ["Un.\nDeux.", "Trois."]);
    }

    #[test]
    fn date_line_followed_by_a_headline_on_the_same_line() {
        let d = read(
            " date 2021-03 Une plainte a été annulée.\n\nLe corps.",
            false,
        )
        .unwrap();
        assert_eq!(d.published.as_deref(), Some("2021-03"));
        assert_eq!(d.title.as_deref(), Some("Une plainte a été annulée."));
        assert_eq!(d.paragraphs, ["Le corps."]);
    }

    #[test]
    fn a_first_paragraph_gives_a_cut_title_and_stays_in_the_body() {
        let long = "Un juge fédéral a rejeté jeudi la demande de Parler contre Amazon Web Services, faisant échouer la tentative du réseau social de revenir. Suite.";
        let d = read(long, false).unwrap();
        assert_eq!(
            d.title.as_deref(),
            Some("Un juge fédéral a rejeté jeudi la demande de Parler contre Amazon Web Services…")
        );
        assert_eq!(d.paragraphs, [long]);
    }

    #[test]
    fn furniture_lines_before_the_headline_are_dropped() {
        let d = read("/finance\nNavigation\n\nLe vrai titre de l'article\n\nLe vrai titre de l'article\nAFP\n\nCorps.", false).unwrap();
        assert_eq!(d.title.as_deref(), Some("Le vrai titre de l'article"));
        assert_eq!(d.paragraphs, ["AFP", "Corps."]);
    }

    #[test]
    fn markdown_headings_emphasis_and_links() {
        let d = read(
            "# Titre\n\n## Partie\n\nUn **mot** et [un lien](https://x.y) ![img](a.png).",
            true,
        )
        .unwrap();
        assert_eq!(d.title.as_deref(), Some("Titre"));
        assert_eq!(d.paragraphs, ["# Partie", "Un mot et un lien ."]);
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(read(" \n\n", false), Err(TextError::Empty));
        assert_eq!(read("ab\0cd", false), Err(TextError::Binary { offset: 2 }));
    }
}
