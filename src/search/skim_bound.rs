//! A cheap upper bound of `SkimMatcherV2`'s score, to find the best results
//! without scoring every match with Skim.
//!
//! Skim fills an (pattern × text) matrix, cell by cell. Its score is the best
//! alignment of the pattern in the text: 16 per matched char, plus a bonus
//! for a char at the start of a word or after punctuation, plus at least 4
//! for a char matched right after the previous one, minus 3 to open a gap
//! and 1 per char skipped. [`bound`] evaluates the same recurrence only at
//! the cells where a pattern char meets an equal text char, reading the gap
//! scores in between in closed form: a few hundred nanoseconds instead of
//! Skim's few microseconds.
//!
//! It follows what fuzzy-matcher 0.3.7 does, including three quirks of its
//! two-row matrix, so that on the texts searched here it gives the very
//! score Skim gives (the tests compare them on millions of random texts):
//! - the "carried" consecutive bonus is only ever that cell's own bonus (it
//!   is stored one column to the left and read back by the same column);
//! - a row starts from the cell left of its first match, which still holds
//!   the row two above (or row 0's gap score −1, for the third row);
//! - that cell also takes part in the last row's maximum.
//!
//! The search uses it as an upper bound: Skim still scores every result it
//! shows first, and the bound only decides which matches cannot be among
//! them. Texts of 16,000 chars or more get no bound (see [`fits`]): there
//! Skim's "minus infinity" (−32,768) could outscore a long gap.

/// A char of the text and the word: `char`, or a byte of UTF-8 text when
/// the word is ASCII (an ASCII byte is always a whole char).
pub(crate) trait SkimChar: Copy + Eq {
    fn kind(self) -> CharKind;

    /// In one pass over `text`, appends where each char of `word` occurs,
    /// as (char index, Skim's bonus for a match there), to
    /// `found[slot[r]]` for the word's char `r` (equal chars share a slot).
    fn find_each(text: &[Self], word: &[Self], slot: &[usize], found: &mut [Vec<(u32, i32)>]) {
        let mut prev = None;
        for (i, &t) in text.iter().enumerate() {
            let kind = t.kind();
            if let Some(r) = word.iter().position(|&c| c == t) {
                found[slot[r]].push((i as u32, in_place_bonus(prev, kind)));
            }
            prev = Some(kind);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharKind {
    Upper,
    /// Lowercase letters and everything not ASCII.
    Lower,
    Number,
    /// Space, `/`, `\`, `|` and brackets.
    HardSep,
    /// Other ASCII punctuation.
    SoftSep,
}

/// The kind of each byte as an ASCII char; any other byte is part of a
/// char that is not ASCII, of kind [`CharKind::Lower`].
static BYTE_KINDS: [CharKind; 256] = {
    let mut kinds = [CharKind::Lower; 256];
    // Skim calls NUL "the start of a string": a char after it starts a word,
    // exactly as after a hard separator.
    kinds[0] = CharKind::HardSep;
    let mut b = 1;
    while b < 128 {
        kinds[b] = match b as u8 {
            b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => {
                CharKind::HardSep
            }
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => CharKind::SoftSep,
            b'0'..=b'9' => CharKind::Number,
            b'A'..=b'Z' => CharKind::Upper,
            _ => CharKind::Lower,
        };
        b += 1;
    }
    kinds
};

impl SkimChar for u8 {
    #[inline(always)]
    fn kind(self) -> CharKind {
        BYTE_KINDS[usize::from(self)]
    }

    /// `text` is UTF-8 and `word` ASCII: chars are counted by their first
    /// byte, and every byte that is not ASCII belongs to a [`CharKind::Lower`]
    /// char.
    fn find_each(text: &[u8], word: &[u8], slot: &[usize], found: &mut [Vec<(u32, i32)>]) {
        // 0: not in the word, else the slot + 1.
        let mut slot_of = [0u8; 256];
        for (&c, &s) in word.iter().zip(slot) {
            slot_of[usize::from(c)] = s as u8 + 1;
        }
        // Nothing before the first occurrence of the word's first char nor
        // after the last of its last char can match; indices count from the
        // first (the score depends only on their differences).
        let (Some(&head), Some(&tail)) = (word.first(), word.last()) else {
            return;
        };
        let Some(from) = memchr::memchr(head, text) else {
            return;
        };
        let to = memchr::memrchr(tail, text).map_or(0, |i| i + 1);
        let mut prev = from.checked_sub(1).map(|i| text[i].kind());
        let mut chars = 0;
        for &b in text.get(from..to).unwrap_or_default() {
            if b & 0xC0 == 0x80 {
                continue;
            }
            let kind = b.kind();
            let s = slot_of[usize::from(b)];
            if s != 0 {
                found[usize::from(s - 1)].push((chars, in_place_bonus(prev, kind)));
            }
            prev = Some(kind);
            chars += 1;
        }
    }
}

impl SkimChar for char {
    #[inline]
    fn kind(self) -> CharKind {
        if self.is_ascii() {
            (self as u8).kind()
        } else {
            CharKind::Lower
        }
    }
}

/// Skim's score for a matched char.
const MATCH: i32 = 16;
/// Opening a gap costs this, plus [`GAP_EXTENSION`].
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
/// The least bonus of a char matched right after the previous one.
const CONSECUTIVE: i32 = 4;
/// Stands for Skim's `i16::MIN`. Sums and differences of it with scores
/// of texts shorter than [`MAX_LEN`] stay below `NONE / 2`, far below any
/// score computed without it, so no case needs telling apart.
const NONE: i32 = i32::MIN / 4;
/// Longer texts get no bound (see the module's documentation).
const MAX_LEN: usize = 16_000;

/// Whether [`bound`] can bound a word's score in `text`.
pub(crate) fn fits(text: &str) -> bool {
    // Bytes, so chars too.
    text.len() < MAX_LEN
}

/// Skim's bonus for a char of kind `cur` after one of kind `prev` (`None`:
/// the start of the text, where the bonus is doubled).
#[inline]
fn in_place_bonus(prev: Option<CharKind>, cur: CharKind) -> i32 {
    match (prev, cur) {
        (None, _) => 16,
        (Some(CharKind::HardSep), _) => 8,
        (Some(CharKind::SoftSep), _) => 7,
        (Some(CharKind::Lower | CharKind::Number), CharKind::Upper) => 6,
        _ => 0,
    }
}

/// One row of the matrix: the cells of one pattern char.
#[derive(Default)]
struct Row {
    /// The column left of the first computed one (the pattern char's
    /// first greedy match, as a text index), and what its cell holds.
    start: i32,
    start_m: i32,
    start_p: i32,
    /// Columns (text index + 1) where the char matches, and their scores.
    cells: Vec<(i32, i32)>,
}

/// Reads a row at successive columns: the match score M there, and the gap
/// score P in closed form,
/// `P[y] = max(start_p − (y − start), max over c < y of M[c] + c − 3 − y)`.
struct RowScan<'r> {
    row: &'r Row,
    next: usize,
    /// The best `M[c] + c` over the cells passed so far.
    best: i32,
}

impl<'r> RowScan<'r> {
    fn new(row: &'r Row) -> Self {
        RowScan {
            row,
            next: 0,
            best: row.start_m + row.start,
        }
    }

    /// (M, P) at column `y`; columns must be asked in increasing order.
    #[inline]
    fn at(&mut self, y: i32) -> (i32, i32) {
        let cells = &self.row.cells;
        while let Some(&(c, m)) = cells.get(self.next) {
            if c >= y {
                break;
            }
            self.best = self.best.max(m + c);
            self.next += 1;
        }
        let m = match cells.get(self.next) {
            Some(&(c, m)) if c == y => m,
            _ if y == self.row.start => self.row.start_m,
            _ => NONE,
        };
        let from_start = self.row.start_p - (y - self.row.start);
        let from_match = self.best + GAP_START + GAP_EXTENSION + 1 - y;
        (m, from_start.max(from_match))
    }
}

/// Scratch rows, reused between calls on one thread.
#[derive(Default)]
pub(crate) struct Scratch {
    rows: [Row; 3],
    first: Vec<usize>,
    /// Where each distinct char of the word occurs in the text.
    found: Vec<Vec<(u32, i32)>>,
    /// For each char of the word, its list in `found`.
    found_at: Vec<usize>,
    /// For each char of the word, the end of the part of its list that can
    /// change the score.
    ends: Vec<usize>,
}

/// `SkimMatcherV2`'s score of `word` in `text` (case-sensitive, as the
/// search uses it), or an upper bound of it; `None` if `word` does not
/// match or `text` is too long to bound (see [`fits`]).
///
/// `text` and `word` are both chars, or both bytes with `word` ASCII.
pub(crate) fn bound<C: SkimChar>(text: &[C], word: &[C], scratch: &mut Scratch) -> Option<i32> {
    if word.is_empty() || text.len() >= MAX_LEN {
        return None;
    }
    let Scratch {
        rows,
        first,
        found,
        found_at,
        ends,
    } = scratch;
    // Where each char of the word occurs (equal chars share a list), and
    // its greedy first match.
    found_at.clear();
    let mut distinct = 0;
    for (r, &p) in word.iter().enumerate() {
        let slot = match word[..r].iter().position(|&q| q == p) {
            Some(earlier) => found_at[earlier],
            None => {
                distinct += 1;
                distinct - 1
            }
        };
        found_at.push(slot);
    }
    if found.len() < distinct {
        found.resize_with(distinct, Vec::new);
    }
    for list in &mut found[..distinct] {
        list.clear();
    }
    C::find_each(text, word, found_at, found);
    first.clear();
    for &slot in found_at.iter() {
        let from = first.last().map_or(0, |&f| f + 1);
        let list = &found[slot];
        let (i, _) = *list.get(list.partition_point(|&(x, _)| (x as usize) < from))?;
        first.push(i as usize);
    }
    // The last row counts whole. A row above counts up to the column left
    // of the last cell counted below it, and up to the start of the row two
    // below (which reads it there); beyond, its cells change nothing.
    ends.clear();
    ends.resize(word.len(), 0);
    let mut next_last: Option<usize> = None;
    for r in (0..word.len()).rev() {
        let mut limit = next_last.map_or(usize::MAX, |p| p - 1);
        if let Some(&f) = first.get(r + 2) {
            limit = limit.max(f - 1);
        }
        let list = &found[found_at[r]];
        let end = list.partition_point(|&(x, _)| x as usize <= limit);
        ends[r] = end;
        next_last = Some(list[end - 1].0 as usize);
    }
    for r in 0..word.len() {
        // rows[r % 3] is this row, rows[(r + 2) % 3] the one above and
        // rows[(r + 1) % 3] the one above that.
        let [a, b, c] = rows;
        let (cur, above, above2) = match r % 3 {
            0 => (a, &*c, &*b),
            1 => (b, &*a, &*c),
            _ => (c, &*b, &*a),
        };
        let start = first[r] as i32;
        let (start_m, start_p) = match r {
            0 => (NONE, NONE),
            1 => (NONE, GAP_EXTENSION),
            _ => RowScan::new(above2).at(start),
        };
        cur.start = start;
        cur.start_m = start_m;
        cur.start_p = start_p;
        cur.cells.clear();
        let mut scan = RowScan::new(above);
        let list = &found[found_at[r]];
        let from = list.partition_point(|&(x, _)| (x as usize) < first[r]);
        for &(x, in_place) in &list[from..ends[r]] {
            // The cell at column x + 1 reads the row above at column x.
            let x = x as i32;
            let (pm, ps) = if r == 0 {
                (NONE, GAP_EXTENSION)
            } else {
                scan.at(x)
            };
            let m = MATCH + (pm + in_place.max(CONSECUTIVE)).max(ps + in_place);
            cur.cells.push((x + 1, m));
        }
    }
    // Scores computed from "minus infinity" stay far below any other.
    let last = &rows[(word.len() - 1) % 3];
    let best = last
        .cells
        .iter()
        .map(|&(_, m)| m)
        .fold(last.start_m, i32::max);
    (best > NONE / 2).then_some(best)
}

/// The score of a word of lowercase ASCII letters in a text where it occurs
/// whole after a space, found with one substring search instead of the
/// recurrence: it is the most any alignment can score. The first char
/// gains at most 16 − 1 + 8 (a word start; 16 − 1 + 16 at the very start of
/// the text, hence the check), and every other char at most 16 + 4: either
/// right after the previous one, a letter, so with no bonus but the
/// consecutive 4, or after a gap costing at least 4, with a bonus of at
/// most 8.
pub(crate) struct Shortcut {
    first: u8,
    /// A space and the word.
    finder: memchr::memmem::Finder<'static>,
    score: i32,
}

impl Shortcut {
    /// `None` for words not made of lowercase ASCII letters only.
    pub(crate) fn new(word: &str) -> Option<Shortcut> {
        let &first = word.as_bytes().first()?;
        if !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let needle = format!(" {word}");
        let chars = i32::try_from(word.len()).ok()?;
        Some(Shortcut {
            first,
            finder: memchr::memmem::Finder::new(needle.as_bytes()).into_owned(),
            score: MATCH - 1 + 8 + (chars - 1) * (MATCH + CONSECUTIVE),
        })
    }

    /// Skim's score of the word in `text`, if the shortcut applies.
    pub(crate) fn score(&self, text: &[u8]) -> Option<i32> {
        let applies = text.first() != Some(&self.first) && self.finder.find(text).is_some();
        applies.then_some(self.score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;

    fn skim(text: &str, word: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .respect_case()
            .fuzzy_match(text, word)
    }

    fn ours(text: &str, word: &str) -> Option<i64> {
        let mut scratch = Scratch::default();
        let chars: Vec<char> = text.chars().collect();
        let word_chars: Vec<char> = word.chars().collect();
        let by_chars = bound(&chars, &word_chars, &mut scratch).map(i64::from);
        if word.is_ascii() {
            let by_bytes = bound(text.as_bytes(), word.as_bytes(), &mut scratch);
            assert_eq!(by_bytes.map(i64::from), by_chars, "bytes of {text:?}");
        }
        by_chars
    }

    #[test]
    fn known_scores() {
        for (text, word) in [
            ("deja", "deja"),
            ("c'est deja l'entreprise", "deja"),
            ("un evenement majeur", "eveneme"),
            ("eb--ea", "eea"),
            ("ab xxxxxxxxxxxxxxxxxxxxxxxxxxxx ac", "abc"),
            ("FooBar foo-bar", "fb"),
            ("é l'été", "été"),
            ("x", "y"),
            ("a\0b", "b"),
            ("a\0B", "b"),
            ("", "a"),
        ] {
            assert_eq!(ours(text, word), skim(text, word), "{word:?} in {text:?}");
        }
    }

    #[test]
    fn equals_skim_on_random_texts() {
        // Small alphabets make repeated chars, separators and long gaps
        // common, where Skim's quirks show.
        let alphabets: [&[char]; 6] = [
            &['e', 'a', ' ', '-', 'b'],
            &['a', 'b', 'A', 'B', '1', '_'],
            &['a', 'b', 'c', 'd', 'e', ' ', '\'', '/', '.'],
            &['é', 'e', 'a', ' ', 'œ'],
            &['a', 'a', 'a', 'b', ' '],
            &['a', 'b', 'B', '\0', '-'],
        ];
        let mut rng = crate::generate::Rng::new(0x2545_F491_4F6C_DD1Du64, 0);
        let mut next = move |m: usize| rng.below(m);
        let mut matched = 0;
        for round in 0..300_000 {
            let alphabet = alphabets[round % alphabets.len()];
            let text: String = (0..next(60))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let word: String = (0..1 + next(7))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let expected = skim(&text, &word);
            matched += usize::from(expected.is_some());
            assert_eq!(ours(&text, &word), expected, "{word:?} in {text:?}");
        }
        assert!(matched > 30_000, "{matched} matched");
    }

    #[test]
    fn the_shortcut_gives_skims_score() {
        let alphabet = [b'e', b'v', b'n', b' ', b'-', b'x'];
        let mut rng = crate::generate::Rng::new(0x9E37_79B9_7F4A_7C15u64, 0);
        let mut next = move |m: usize| rng.below(m);
        let mut applied = 0;
        for _ in 0..200_000 {
            let word: String = (0..1 + next(4))
                .map(|_| char::from(alphabet[next(3)]))
                .collect();
            let mut text: String = (0..next(40))
                .map(|_| char::from(alphabet[next(alphabet.len())]))
                .collect();
            if next(2) == 0 {
                let at = text
                    .char_indices()
                    .nth(next(text.len() + 1))
                    .map_or(text.len(), |(i, _)| i);
                text.insert_str(at, &format!(" {word}"));
            }
            let Some(score) = Shortcut::new(&word).unwrap().score(text.as_bytes()) else {
                continue;
            };
            applied += 1;
            assert_eq!(
                Some(i64::from(score)),
                skim(&text, &word),
                "{word:?} in {text:?}"
            );
        }
        assert!(applied > 50_000, "{applied}");
        assert!(Shortcut::new("l'entreprise").is_none());
        assert!(Shortcut::new("Deja").is_none());
        assert_eq!(Shortcut::new("deja").unwrap().score(b"deja vu, deja"), None);
        assert_eq!(
            Shortcut::new("deja").unwrap().score(b"vu deja"),
            skim("vu deja", "deja").map(|s| s as i32)
        );
    }

    #[test]
    fn long_texts_get_no_bound() {
        let text = format!("a{}b", " ".repeat(MAX_LEN));
        assert_eq!(ours(&text, "ab"), None);
        assert!(skim(&text, "ab").is_some());
    }
}
