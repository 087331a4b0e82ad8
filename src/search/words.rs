//! How a query word matches one word of the text.
//!
//! Texts are cut into words: runs of letters and digits of the folded text
//! (so `l’entreprise` is `l` and `entreprise`). A query word matches a word
//! of the text, never letters scattered over several, in one of four ways,
//! best first:
//!
//! 1. the whole word (`serveurs` ~ `serveurs`),
//! 2. a prefix of the word (`serv` ~ `serveurs`),
//! 3. fuzzy inside the word, scored by `SkimMatcherV2`, with a score of at
//!    least [`FUZZY_MIN_PER_LETTER`] per letter of the query word,
//! 4. the whole word within a typo (an insertion, deletion, substitution
//!    or swap of two letters) for a query word of 4 letters or more, two
//!    typos from 8 letters.
//!
//! A match also says whether the query word occurs *as typed* in the text
//! word (a substring of it): a result where every query word does always
//! ranks above one where some does not.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use std::cell::RefCell;

/// Score of one tier above the one below: Skim's score within a word
/// (capped below it) orders matches of the same tier.
pub(crate) const TIER: u32 = 1000;
/// The bit of a match value that says the query word occurs as typed.
pub(crate) const AS_TYPED: u32 = 1 << 31;
/// The least Skim score per letter for a fuzzy match inside a word: Skim
/// gives 16 per matched letter plus bonuses, minus 3 per gap and 1 per
/// letter skipped, so this leaves out letters strewn over a long word
/// (`abcd` in `axxxxxxxxxbxxxxxxxxxcxxxxxxxxxd`: 43 < 48).
pub(crate) const FUZZY_MIN_PER_LETTER: i64 = 12;

/// A query word, ready to be matched against many text words.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub text: String,
    letters: usize,
    /// Letters present (see [`letter_mask`]).
    mask: u64,
    /// Typos forgiven.
    typos: usize,
}

impl Pattern {
    /// `word`: folded, one word (letters and digits only).
    pub fn new(word: &str) -> Pattern {
        let letters = word.chars().count();
        Pattern {
            text: word.to_string(),
            letters,
            mask: letter_mask(word),
            typos: match letters {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            },
        }
    }

    /// How this pattern matches the folded text word `word`: 0 when it does
    /// not, else a value where higher is better (`AS_TYPED` set when it
    /// occurs as typed).
    pub fn value(&self, word: &str) -> u32 {
        self.value_with_mask(word, letter_mask(word))
    }

    /// [`Pattern::value`], given the [`letter_mask`] of `word`.
    pub(crate) fn value_with_mask(&self, word: &str, mask: u64) -> u32 {
        // Each letter of the pattern missing from the word rules out every
        // tier but a typo, and is one typo.
        let missing = (self.mask & !mask).count_ones() as usize;
        if missing > self.typos {
            return 0;
        }
        if missing > 0 {
            return self.typo_value(word);
        }
        let p = self.text.as_str();
        if word == p {
            return AS_TYPED | (3 * TIER + self.skim(word));
        }
        if word.starts_with(p) {
            return AS_TYPED | (2 * TIER + self.skim(word));
        }
        let typed = if word.contains(p) { AS_TYPED } else { 0 };
        if typed != 0 || is_subsequence(p, word) {
            let skim = i64::from(self.skim(word));
            if typed != 0 || skim >= FUZZY_MIN_PER_LETTER * self.letters as i64 {
                return typed | (TIER + skim as u32);
            }
        }
        self.typo_value(word)
    }

    /// Skim's score of the pattern in `word`, capped to `0..TIER`.
    fn skim(&self, word: &str) -> u32 {
        skim_score(word, &self.text).map_or(0, |s| s.clamp(0, i64::from(TIER) - 1) as u32)
    }

    fn typo_value(&self, word: &str) -> u32 {
        if self.typos == 0 {
            return 0;
        }
        if word.chars().count().abs_diff(self.letters) > self.typos {
            return 0;
        }
        let distance = strsim::osa_distance(&self.text, word);
        if distance > self.typos {
            return 0;
        }
        let score = 16 * self.letters as i64 - 24 * distance as i64;
        score.clamp(1, i64::from(TIER) - 1) as u32
    }
}

/// A bit per ASCII letter and digit, and one shared by everything else:
/// a letter whose bit is missing from a word's mask is not in the word.
pub(crate) fn letter_mask(word: &str) -> u64 {
    word.chars().fold(0, |m, c| {
        m | match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            _ => 1 << 63,
        }
    })
}

/// Whether `c` (folded) belongs to a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of a folded text, in order.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// Whether the chars of `word` occur in `text` in order.
pub(crate) fn is_subsequence(word: &str, text: &str) -> bool {
    let mut rest = text.chars();
    word.chars().all(|c| rest.any(|t| t == c))
}

/// A Skim matcher with an empty scratch matrix.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().respect_case()
}

thread_local! {
    static MATCHER: RefCell<SkimMatcherV2> = RefCell::new(matcher());
}

/// Skim's score of `word` in `text` (both folded), as a fresh matcher gives
/// it.
///
/// `SkimMatcherV2` keeps its scratch matrix between calls and does not
/// rewrite every cell it reads, so a reused matcher's score can depend on
/// the texts it scored before (`eea` in `eb--ea`: 68 fresh, 72 after other
/// texts). A fresh matcher costs an allocation, so this thread's matcher is
/// reused when no stale cell can be read: see [`reads_no_stale_cell`].
pub(crate) fn skim_score(text: &str, word: &str) -> Option<i64> {
    if reads_no_stale_cell(text, word) {
        MATCHER.with(|m| m.borrow().fuzzy_match(text, word))
    } else {
        matcher().fuzzy_match(text, word)
    }
}

/// The char indices of `word` in `text` that Skim matched.
pub(crate) fn fuzzy_indices(text: &str, word: &str) -> Option<Vec<usize>> {
    matcher().fuzzy_indices(text, word).map(|(_, found)| found)
}

/// Whether Skim, scoring `word` in `text`, reads only matrix cells it wrote
/// in the same call. Its compressed matrix has two rows, the first reset on
/// each call; the second holds the rows of `word`'s chars 0, 2, 4…, and the
/// only field read there before being written is a cell's carried bonus,
/// and only where an occurrence of `word`'s first char (from its first one
/// on) is directly followed by one of the chars 0, 2, 4… of `word`. (Checked
/// against fresh matchers on random texts in the tests.)
fn reads_no_stale_cell(text: &str, word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return true;
    };
    let even = |c: char| word.chars().step_by(2).any(|w| w == c);
    let mut prev_first = false;
    for c in text.chars() {
        if prev_first && even(c) {
            return false;
        }
        prev_first = c == first;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(p: &str, w: &str) -> Option<u32> {
        let v = Pattern::new(p).value(w);
        (v != 0).then_some((v & !AS_TYPED) / TIER)
    }

    #[test]
    fn tiers_whole_prefix_fuzzy_typo() {
        assert_eq!(tier("serveurs", "serveurs"), Some(3));
        assert_eq!(tier("serv", "serveurs"), Some(2));
        assert_eq!(tier("veur", "serveurs"), Some(1), "inside, as typed");
        assert_eq!(tier("srvrs", "serveurs"), Some(1), "fuzzy inside");
        assert_eq!(tier("serveurs", "serveur"), Some(0), "one typo");
        assert_eq!(
            tier("injoncton", "injonction"),
            Some(1),
            "a missing letter: fuzzy"
        );
        assert_eq!(
            tier("injomction", "injonction"),
            Some(0),
            "a wrong one: a typo"
        );
        assert_eq!(tier("preavsi", "preavis"), Some(0), "a swap");
        assert_eq!(tier("zzzz", "paragraphe"), None);
        assert_eq!(tier("qqqqqq", "quelque"), None);
        assert_eq!(tier("ab", "ba"), None, "no typo below 4 letters");
        assert_eq!(tier("sxrs", "serveurs"), None, "not in the word");
        assert_eq!(
            tier("abcd", "axxxxxxxxxbxxxxxxxxxcxxxxxxxxxd"),
            None,
            "strewn"
        );
        assert_eq!(tier("abcd", "axxxxbxxxxcxxxxd"), Some(1));
        let typed = |p: &str, w: &str| Pattern::new(p).value(w) & AS_TYPED != 0;
        assert!(typed("veur", "serveurs") && !typed("srvrs", "serveurs"));
        assert!(Pattern::new("serv").value("serveurs") > Pattern::new("serv").value("conserver"));
    }

    /// The rule of the module doc, written plainly.
    fn plain_tier(p: &str, w: &str) -> Option<u32> {
        let n = p.chars().count() as i64;
        let skim = skim_score(w, p);
        let typos = match n {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        if w == p {
            Some(3)
        } else if w.starts_with(p) {
            Some(2)
        } else if w.contains(p) || skim.is_some_and(|s| s >= FUZZY_MIN_PER_LETTER * n) {
            Some(1)
        } else if typos > 0
            && w.chars().count().abs_diff(n as usize) <= typos
            && strsim::osa_distance(p, w) <= typos
        {
            Some(0)
        } else {
            None
        }
    }

    #[test]
    fn the_fast_path_follows_the_rule() {
        let mut rng = crate::generate::Rng::new(7, 1);
        let alphabet = ['a', 'b', 'e', 'r', 's', 'é', 'œ'];
        let mut tiers = [0; 4];
        for round in 0..20_000 {
            let mut text = |len: usize| -> Vec<char> {
                (0..len)
                    .map(|_| alphabet[rng.below(alphabet.len())])
                    .collect()
            };
            let p = text(1 + round % 9);
            let mut w = text(1 + round % 13);
            if round % 2 == 0 {
                // The pattern with a letter changed, or one more.
                w = p.clone();
                let at = round % p.len();
                w.insert(at, alphabet[round % alphabet.len()]);
                if round % 4 == 0 {
                    w.remove(at + 1);
                }
            }
            let (p, w): (String, String) = (p.into_iter().collect(), w.into_iter().collect());
            assert_eq!(tier(&p, &w), plain_tier(&p, &w), "{p:?} in {w:?}");
            if let Some(t) = tier(&p, &w) {
                tiers[t as usize] += 1;
            }
        }
        assert!(tiers.iter().all(|&n| n > 20), "{tiers:?}");
    }

    #[test]
    fn words_split_at_punctuation() {
        let w: Vec<&str> = words("l'entreprise, c'est \"deja\" 2021-01").collect();
        assert_eq!(w, ["l", "entreprise", "c", "est", "deja", "2021", "01"]);
    }

    #[test]
    fn reused_matcher_is_used_only_where_it_scores_as_a_fresh_one() {
        let alphabets: [&[u8]; 3] = [b"ee ea-b", b"abab a", b"ab c-de'f"];
        let mut rng = crate::generate::Rng::new(0x2545_F491_4F6C_DD1Du64, 0);
        let mut next = move |m: usize| rng.below(m);
        let (mut safe, mut differ) = (0, 0);
        for round in 0..40_000 {
            let alphabet = alphabets[round % alphabets.len()];
            let mut text = |len: usize| -> String {
                (0..len)
                    .map(|_| alphabet[next(alphabet.len())] as char)
                    .collect()
            };
            let (dirt, choice, word) = (
                text(1 + round % 50),
                text(1 + round % 29),
                text(1 + round % 6),
            );
            let word = word.replace(' ', "");
            if word.is_empty() {
                continue;
            }
            let reused = MATCHER.with(|m| {
                let m = m.borrow();
                m.fuzzy_match(&dirt, &word[..1]);
                m.fuzzy_match(&choice, &word)
            });
            let fresh = matcher().fuzzy_match(&choice, &word);
            if reads_no_stale_cell(&choice, &word) {
                safe += 1;
                assert_eq!(reused, fresh, "{word:?} in {choice:?}");
            } else {
                differ += usize::from(reused != fresh);
            }
            assert_eq!(skim_score(&choice, &word), fresh);
        }
        assert!(
            safe > 10_000 && differ > 0,
            "{safe} checked, {differ} differ"
        );
    }
}
