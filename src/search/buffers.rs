//! The index's bulk storage: immutable byte buffers shared by reference
//! count (`bytes::Bytes`), either borrowed in place from the memory-mapped
//! cache file or owned when the index was built. Cloning one copies
//! nothing: an updated index keeps the buffers of the one it came from.

use bytes::Bytes;
use std::marker::PhantomData;
use std::ops::Range;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

/// UTF-8 text in shared bytes (the corpus's own type: an article's body is
/// one too).
pub(super) use crate::shared_text::SharedText as Text;

/// Numbers in shared bytes, native order and aligned: read as a slice in
/// place.
pub(super) struct Numbers<T> {
    bytes: Bytes,
    of: PhantomData<T>,
}

impl<T> Clone for Numbers<T> {
    fn clone(&self) -> Self {
        Numbers {
            bytes: self.bytes.clone(),
            of: PhantomData,
        }
    }
}

impl<T> Default for Numbers<T> {
    fn default() -> Self {
        Numbers {
            bytes: Bytes::new(),
            of: PhantomData,
        }
    }
}

/// A `Vec` of numbers as the owner of a `Bytes`: it stays aligned.
struct Owned<T>(Vec<T>);

impl<T: IntoBytes + Immutable> AsRef<[u8]> for Owned<T> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl<T> Numbers<T>
where
    T: FromBytes + IntoBytes + Immutable + KnownLayout + Copy + Send + Sync + 'static,
{
    pub fn from_vec(values: Vec<T>) -> Numbers<T> {
        Numbers {
            bytes: Bytes::from_owner(Owned(values)),
            of: PhantomData,
        }
    }

    /// The numbers of `bytes` (little-endian), in place when they are
    /// aligned, else copied; `None` when their length is not a whole
    /// number of them, or on a big-endian machine (the cache is written
    /// little-endian: such a machine builds its index).
    pub fn from_le_bytes(bytes: Bytes) -> Option<Numbers<T>> {
        if cfg!(target_endian = "big") || !bytes.len().is_multiple_of(size_of::<T>()) {
            return None;
        }
        if <[T]>::ref_from_bytes(&bytes).is_ok() {
            return Some(Numbers {
                bytes,
                of: PhantomData,
            });
        }
        let copied = (bytes.chunks_exact(size_of::<T>()))
            .map(|n| T::read_from_bytes(n).expect("a whole number"))
            .collect();
        Some(Numbers::from_vec(copied))
    }

    pub fn as_slice(&self) -> &[T] {
        <[T]>::ref_from_bytes(&self.bytes).expect("aligned and whole when made")
    }

    /// The bytes, little-endian (see [`Numbers::from_le_bytes`]).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn len(&self) -> usize {
        self.bytes.len() / size_of::<T>()
    }
}

/// Strings one after the other, and where each ends.
#[derive(Clone, Default)]
pub(super) struct Strings {
    pub all: Text,
    pub ends: Numbers<u32>,
}

impl Strings {
    pub fn from_parts(all: String, ends: Vec<u32>) -> Strings {
        Strings {
            all: Text::from(all),
            ends: Numbers::from_vec(ends),
        }
    }

    /// `None` unless each end is at a character boundary of `all`, in
    /// order, the last at its end.
    pub fn checked(all: Text, ends: Numbers<u32>) -> Option<Strings> {
        let text = all.as_str();
        let mut start = 0;
        for &end in ends.as_slice() {
            let end = end as usize;
            if end < start || !text.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        (start == text.len()).then_some(Strings { all, ends })
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// String `i`. Panics when `i` is out of range.
    pub fn get(&self, i: usize) -> &str {
        let ends = self.ends.as_slice();
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        &self.all.as_str()[start..ends[i] as usize]
    }

    /// Strings `range`.
    pub fn range(&self, range: Range<u32>) -> impl Iterator<Item = &str> + '_ {
        (range.start as usize..range.end as usize).map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_in_place_when_aligned_and_copied_when_not() {
        let values: Vec<u32> = (0..100).map(|n| n * 7919).collect();
        let aligned = Numbers::from_vec(values.clone());
        let bytes = Bytes::copy_from_slice(aligned.bytes());
        let read = Numbers::<u32>::from_le_bytes(bytes.clone()).unwrap();
        assert_eq!(read.as_slice(), &values[..]);
        // One byte further in a buffer: not aligned for u32 any more.
        let mut shifted = vec![0u8];
        shifted.extend_from_slice(aligned.bytes());
        let shifted = Bytes::from(shifted).slice(1..);
        let copied = Numbers::<u32>::from_le_bytes(shifted.clone()).unwrap();
        assert_eq!(copied.as_slice(), &values[..]);
        let in_place = |n: &Numbers<u32>, b: &Bytes| n.bytes().as_ptr() == b.as_ptr();
        // Exactly one of the two is a view of its bytes (which one depends
        // on where the allocator put them).
        assert!(in_place(&read, &bytes) != in_place(&copied, &shifted));
        assert!(
            Numbers::<u32>::from_le_bytes(bytes.slice(1..)).is_none(),
            "not whole"
        );
    }

    #[test]
    fn strings_cut_inside_a_character_or_out_of_order_are_refused() {
        let text = || Text::from("éte");
        let ends = |e: Vec<u32>| Numbers::from_vec(e);
        let strings = Strings::checked(text(), ends(vec![2, 4])).unwrap();
        assert_eq!(strings.range(0..2).collect::<Vec<_>>(), ["é", "te"]);
        assert!(Strings::checked(text(), ends(vec![1, 4])).is_none());
        assert!(Strings::checked(text(), ends(vec![3, 2, 4])).is_none());
        assert!(Strings::checked(text(), ends(vec![2])).is_none());
        assert!(Text::from_utf8(Bytes::from_static(b"\xff")).is_none());
    }
}
