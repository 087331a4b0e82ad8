//! Immutable UTF-8 text in shared bytes (`bytes::Bytes`): owned when it was
//! parsed, or a view of the memory-mapped cache file when it was decoded
//! from it. An article's body and the YAML kept to place diagnostics are
//! most of a corpus's bytes; decoding them as views instead of copies is
//! what lets a warm start skip allocating and copying them (and keeps them
//! out of the process's own memory: the page cache holds them).
//!
//! Decoding borrows only inside [`decoding_from`]: serde has no way to
//! hand a value the buffer it is read from, so the buffer is set for the
//! thread for the length of one (synchronous) decode. Outside it, or for a
//! format that does not borrow, the text is copied.

use bytes::Bytes;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;

#[derive(Clone, Default)]
pub struct SharedText(Bytes);

impl SharedText {
    /// `None` when `bytes` are not UTF-8 (checked with SIMD: std's check
    /// took a fifth of a warm `chronique search`).
    pub fn from_utf8(bytes: Bytes) -> Option<SharedText> {
        simdutf8::basic::from_utf8(&bytes).ok()?;
        Some(SharedText(bytes))
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: the bytes are never changed (`Bytes` is immutable) and
        // were UTF-8 when this was made: every constructor takes a `String`
        // or `&str`, or checks them (`from_utf8`). A view of the mapped
        // cache file relies on that file never being written in place:
        // chronique writes a new file and renames it over the old one (see
        // `cache::file::Writer::write`). Checking the bytes again on every
        // access would cost a pass over the whole text each time.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether this text is a view of `buffer` (not a copy).
    pub fn is_view_of(&self, buffer: &[u8]) -> bool {
        lies_in(buffer, &self.0)
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> SharedText {
        SharedText(Bytes::from(text))
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> SharedText {
        SharedText(Bytes::copy_from_slice(text.as_bytes()))
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.0 == other.0
    }
}

impl Eq for SharedText {}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == other.as_str()
    }
}

impl std::hash::Hash for SharedText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

thread_local! {
    /// The buffer being decoded by [`decoding_from`] on this thread.
    static SOURCE: RefCell<Option<Bytes>> = const { RefCell::new(None) };
}

/// Runs `decode`, in which every [`SharedText`] that a borrowing format
/// (bincode's `decode_from_slice`) reads from `source` is a view of it.
pub fn decoding_from<R>(source: &Bytes, decode: impl FnOnce() -> R) -> R {
    struct Restore(Option<Bytes>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            SOURCE.with(|s| *s.borrow_mut() = previous);
        }
    }
    let previous = SOURCE.with(|s| s.borrow_mut().replace(source.clone()));
    let _restore = Restore(previous);
    decode()
}

/// A view of the decoding source when `bytes` lie in it, else a copy.
fn view_or_copy(bytes: &[u8]) -> Bytes {
    SOURCE.with(|s| match &*s.borrow() {
        Some(source) if lies_in(source, bytes) => source.slice_ref(bytes),
        _ => Bytes::copy_from_slice(bytes),
    })
}

/// Whether `part` is a non-empty part of `buffer`'s memory.
fn lies_in(buffer: &[u8], part: &[u8]) -> bool {
    let start = buffer.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    !part.is_empty() && start <= at && at + part.len() <= start + buffer.len()
}

impl Serialize for SharedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Bytes and strings encode alike in a binary format; a readable one
        // (JSON) gets a string.
        match serializer.is_human_readable() {
            true => serializer.serialize_str(self.as_str()),
            false => serializer.serialize_bytes(self.bytes()),
        }
    }
}

impl<'de> Deserialize<'de> for SharedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SharedText, D::Error> {
        match deserializer.is_human_readable() {
            true => deserializer.deserialize_string(TextVisitor),
            false => deserializer.deserialize_bytes(TextVisitor),
        }
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = SharedText;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UTF-8 text")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<SharedText, E> {
        Ok(SharedText::from(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<SharedText, E> {
        Ok(SharedText::from(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<SharedText, E> {
        Ok(SharedText(view_or_copy(v.as_bytes())))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<SharedText, E> {
        SharedText::from_utf8(Bytes::copy_from_slice(v))
            .ok_or_else(|| E::invalid_value(de::Unexpected::Bytes(v), &self))
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<SharedText, E> {
        SharedText::from_utf8(view_or_copy(v))
            .ok_or_else(|| E::invalid_value(de::Unexpected::Bytes(v), &self))
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<SharedText, E> {
        String::from_utf8(v)
            .map(SharedText::from)
            .map_err(|e| E::invalid_value(de::Unexpected::Bytes(e.as_bytes()), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Doc {
        title: String,
        body: SharedText,
    }

    fn encoded(body: &str) -> Bytes {
        let doc = Doc {
            title: "titre".into(),
            body: body.into(),
        };
        Bytes::from(bincode::serde::encode_to_vec(&doc, bincode::config::standard()).unwrap())
    }

    fn decode(bytes: &Bytes) -> Option<Doc> {
        bincode::serde::decode_from_slice(bytes, bincode::config::standard())
            .ok()
            .map(|(doc, _)| doc)
    }

    #[test]
    fn decoded_from_a_buffer_it_is_a_view_of_it_and_else_a_copy() {
        let bytes = encoded("Le corps de l’article, déjà lu.");
        let viewed = decoding_from(&bytes, || decode(&bytes)).unwrap();
        assert_eq!(viewed.body, "Le corps de l’article, déjà lu.");
        assert!(viewed.body.is_view_of(&bytes));
        let copied = decode(&bytes).unwrap();
        assert_eq!(copied, viewed);
        assert!(!copied.body.is_view_of(&bytes));
        // The source is the thread's only for the length of the decode.
        let other = encoded("autre");
        decoding_from(&other, || ());
        assert!(!decode(&other).unwrap().body.is_view_of(&other));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_an_error_not_text() {
        let bytes = encoded("é");
        let mut damaged = bytes.to_vec();
        let last = damaged.len() - 1;
        damaged[last] = 0xff; // the second byte of `é`
        let damaged = Bytes::from(damaged);
        assert!(decoding_from(&damaged, || decode(&damaged)).is_none());
        assert!(decode(&damaged).is_none());
    }

    #[test]
    fn a_readable_format_writes_and_reads_a_string() {
        let doc = Doc {
            title: "t".into(),
            body: "« cité »".into(),
        };
        let json = serde_json::to_string(&doc).unwrap();
        assert_eq!(json, r#"{"title":"t","body":"« cité »"}"#);
        assert_eq!(serde_json::from_str::<Doc>(&json).unwrap(), doc);
    }
}
