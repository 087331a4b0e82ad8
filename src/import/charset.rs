//! An HTML page's bytes as text, in the charset it declares: a byte-order
//! mark first, then the charset the server sent, then a `<meta>` charset
//! near the top of the page; UTF-8 when none is declared and the bytes
//! are UTF-8, windows-1252 otherwise (what browsers do).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` is looked for (browsers
/// look at the first 1024 bytes; pages with long `<head>`s go further).
const META_PRESCAN_BYTES: usize = 4096;
/// A page with a NUL byte in this many first bytes is binary data.
const BINARY_PRESCAN_BYTES: usize = 8192;

/// Why bytes are not a page's text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("not HTML: byte {offset} is a NUL byte (binary data?)")]
    Binary { offset: usize },
    #[error("no article text: the page is empty")]
    Empty,
    #[error("unknown charset `{0}` declared")]
    UnknownCharset(String),
}

/// Decodes `bytes`; `transport` is the charset of an HTTP `Content-Type`.
pub fn decode(bytes: &[u8], transport: Option<&str>) -> Result<String, DecodeError> {
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some((e, len)) => (Some(e), len),
        None => (None, 0),
    };
    let bytes = &bytes[bom..];
    // UTF-16 pages are full of NUL bytes; only a BOM says which they are.
    if encoding.is_none() {
        if let Some(offset) = bytes
            .iter()
            .take(BINARY_PRESCAN_BYTES)
            .position(|&b| b == 0)
        {
            return Err(DecodeError::Binary { offset });
        }
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    let declared = |label: &str| {
        Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| DecodeError::UnknownCharset(label.trim().to_string()))
    };
    let encoding = match (encoding, transport, meta_charset(bytes)) {
        (Some(e), _, _) => e,
        (None, Some(label), _) => declared(label)?,
        (None, None, Some(label)) => declared(&label)?,
        (None, None, None) if std::str::from_utf8(bytes).is_ok() => UTF_8,
        (None, None, None) => WINDOWS_1252,
    };
    // A page that says UTF-16 in its <meta> was already read as ASCII to
    // find it: it is not UTF-16 (the HTML standard's rule).
    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        if bom > 0 {
            encoding
        } else {
            UTF_8
        }
    } else {
        encoding
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

/// The charset named by a `<meta charset=…>` or a `<meta http-equiv
/// content="…; charset=…">` in the first bytes of the page.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag_end = rest[start..].find('>').map_or(rest.len(), |e| start + e);
        let tag = &rest[start..tag_end];
        if let Some(at) = tag.find("charset") {
            let value = tag[at + "charset".len()..]
                .trim_start()
                .strip_prefix('=')
                .map(|v| v.trim_start().trim_start_matches(['"', '\'']));
            if let Some(value) = value {
                let end = value
                    .find(|c: char| matches!(c, '"' | '\'' | ';' | '/' | '>') || c.is_whitespace())
                    .unwrap_or(value.len());
                if end > 0 {
                    return Some(value[..end].to_string());
                }
            }
        }
        rest = &rest[tag_end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_charset_is_honoured() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>\xe9t\xe9</body>";
        assert!(decode(latin1, None).unwrap().contains("été"));
        let http_equiv =
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>\x93q\x94";
        assert!(decode(http_equiv, None).unwrap().ends_with("“q”"));
        // The server's word beats the page's.
        let utf8 = "<meta charset=iso-8859-1>été".as_bytes();
        assert!(decode(utf8, Some("utf-8")).unwrap().ends_with("été"));
    }

    #[test]
    fn undeclared_pages_are_utf8_else_windows_1252() {
        assert_eq!(decode("<p>été</p>".as_bytes(), None).unwrap(), "<p>été</p>");
        assert_eq!(decode(b"<p>\xe9t\xe9</p>", None).unwrap(), "<p>été</p>");
        let bom = b"\xef\xbb\xbf<meta charset=iso-8859-1><p>\xc3\xa9</p>";
        assert_eq!(
            decode(bom, None).unwrap(),
            "<meta charset=iso-8859-1><p>é</p>"
        );
    }

    #[test]
    fn binary_empty_and_unknown_charsets_are_errors() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None),
            Err(DecodeError::Binary { offset: 8 })
        );
        assert_eq!(decode(b" \n\t", None), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"<meta charset=klingon>x", None),
            Err(DecodeError::UnknownCharset("klingon".into()))
        );
    }
}
