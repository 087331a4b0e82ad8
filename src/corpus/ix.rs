//! Typed positions of corpus items: an event in `Corpus::events`, an
//! article in `Corpus::articles`, a quote in its article's `quotes`. They
//! hold for one loaded corpus (a reload builds a new one: what must outlive
//! it is kept by id, see `app::reload`). Read items through
//! `Corpus::event`, `Corpus::article` and `Corpus::quote`.
//!
//! Each is `#[serde(transparent)]`: encoded as the bare number, so the
//! cache file keeps the shape it had when these were plain `usize`s.

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(usize);

        impl $name {
            pub const fn new(position: usize) -> $name {
                $name(position)
            }

            /// The position, to index a `Vec` laid out like the corpus's.
            pub const fn get(self) -> usize {
                self.0
            }

            /// Every index of a list of `len` items, in order.
            pub fn all(len: usize) -> impl DoubleEndedIterator<Item = $name> + ExactSizeIterator {
                (0..len).map($name)
            }
        }
    };
}

index_type!(
    /// An event by its position in `Corpus::events` (timeline order).
    EventIx
);
index_type!(
    /// An article by its position in `Corpus::articles`.
    ArticleIx
);
index_type!(
    /// A quote by its position in its article's `quotes`; with the article,
    /// a [`QuoteRef`](super::QuoteRef).
    QuoteIx
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The cache stores these: their encoding must be the number's.
    #[test]
    fn encoded_as_the_bare_number() {
        let config = bincode::config::standard();
        let typed = bincode::serde::encode_to_vec(EventIx::new(300), config).unwrap();
        let bare = bincode::serde::encode_to_vec(300usize, config).unwrap();
        assert_eq!(typed, bare);
        let (back, _): (EventIx, usize) = bincode::serde::decode_from_slice(&bare, config).unwrap();
        assert_eq!(back, EventIx::new(300));
        assert_eq!(serde_json::to_string(&QuoteIx::new(2)).unwrap(), "2");
    }
}
