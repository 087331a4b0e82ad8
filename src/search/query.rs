//! Parsing what the user typed: an optional scope prefix (`q:`, `e:`, `a:`,
//! `p:`), then words, each of which must match.

use super::fold::letters;
use super::{Kind, Scope};

/// One word of a query, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lowercase, accents removed: matched against the folded text.
    pub folded: String,
    /// Lowercase with accents kept, when the word has any: then its accented
    /// letters must match exactly.
    pub accented: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub scope: Scope,
    /// The text after the scope prefix, as typed.
    pub text: String,
    pub words: Vec<Word>,
}

impl Query {
    /// Parses `input`; a scope prefix overrides `default_scope`.
    pub fn parse(input: &str, default_scope: Scope) -> Query {
        let trimmed = input.trim_start();
        let (scope, text) = match split_prefix(trimmed) {
            Some((scope, rest)) => (scope, rest),
            None => (default_scope, trimmed),
        };
        let words = text.split_whitespace().map(Word::new).collect();
        Query {
            scope,
            text: text.to_string(),
            words,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every item matching `self` also matches `previous`, so that a
    /// search for `self` may scan only the hits of `previous`: same scope,
    /// and the text extends the previous text.
    pub fn narrows(&self, previous: &Query) -> bool {
        self.scope == previous.scope
            && !previous.is_empty()
            && self.text.starts_with(previous.text.trim_end())
            // A word that was complete cannot have been joined to the next.
            && self.words.len() >= previous.words.len()
    }

    /// Kinds searched.
    pub fn admits(&self, kind: Kind) -> bool {
        self.scope.admits(kind)
    }
}

fn split_prefix(input: &str) -> Option<(Scope, &str)> {
    let (prefix, rest) = input.split_once(':')?;
    let scope = match prefix {
        "q" | "Q" => Scope::Quotes,
        "e" | "E" => Scope::Events,
        "a" | "A" => Scope::Articles,
        "p" | "P" => Scope::Paragraphs,
        _ => return None,
    };
    Some((scope, rest.trim_start()))
}

impl Word {
    pub fn new(word: &str) -> Word {
        let mut folded = String::with_capacity(word.len());
        let mut accented = String::with_capacity(word.len());
        let mut has_accent = false;
        for l in letters(word) {
            folded.push(l.folded);
            accented.push(l.accented);
            has_accent |= l.has_accent();
        }
        Word {
            folded,
            accented: has_accent.then_some(accented),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_set_the_scope() {
        let q = Query::parse("q: deja vu", Scope::All);
        assert_eq!(q.scope, Scope::Quotes);
        assert_eq!(q.words.len(), 2);
        assert_eq!(Query::parse("e:capitole", Scope::All).scope, Scope::Events);
        assert_eq!(Query::parse("a:x", Scope::Quotes).scope, Scope::Articles);
        assert_eq!(Query::parse("p:x", Scope::All).scope, Scope::Paragraphs);
        let plain = Query::parse("x: y", Scope::Events);
        assert_eq!(plain.scope, Scope::Events);
        assert_eq!(plain.words.len(), 2, "an unknown prefix is text");
    }

    #[test]
    fn words_are_folded_and_accents_remembered() {
        let q = Query::parse("Déjà  EVENEMENT", Scope::All);
        assert_eq!(q.words[0].folded, "deja");
        assert_eq!(q.words[0].accented.as_deref(), Some("déjà"));
        assert_eq!(q.words[1].folded, "evenement");
        assert_eq!(q.words[1].accented, None);
        assert_eq!(Query::parse("l’a", Scope::All).words[0].accented, None);
    }

    #[test]
    fn narrowing_needs_an_extension_in_the_same_scope() {
        let p = |s| Query::parse(s, Scope::All);
        assert!(p("deja e").narrows(&p("deja")));
        assert!(p("deja ").narrows(&p("deja")));
        assert!(p("dejav").narrows(&p("deja")));
        assert!(!p("dej").narrows(&p("deja")));
        assert!(!p("q:deja").narrows(&p("deja")));
        assert!(!p("deja").narrows(&p("")));
    }
}
