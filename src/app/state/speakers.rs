//! Who said what (`@`): the speakers of the corpus's quotes, each with the
//! quotes they are credited with across articles, built once when the
//! popup opens (and again after a reload).

use crate::corpus::{PartialDate, QuoteRef};

/// A speaker by position in [`SpeakerList::speakers`] (fixed while the
/// popup is open: the list is rebuilt only on a reload, which finds the
/// speaker again by [`Speaker::key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SpeakerIx(pub usize);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The name as most often written ("Élisabeth Borne" over "Elisabeth
    /// Borne").
    pub name: String,
    /// The name folded (case, accents, spaces): one person written two ways
    /// is one speaker; different names never are.
    pub key: String,
    /// What the quotes say they are, as written after the name in
    /// parentheses ("John Matze (PDG de Parler)"), each once.
    pub roles: Vec<String>,
    /// Their quotes, oldest article first.
    pub quotes: Vec<SpokenQuote>,
    /// The first and last dates they are quoted at (articles' dates).
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
    /// In how many articles.
    pub articles: usize,
}

/// One quote of a speaker, with what its row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpokenQuote {
    pub quote: QuoteRef,
    pub published: Option<PartialDate>,
    pub article_title: String,
    pub outlet: String,
    /// The quote's text on one line.
    pub text: String,
}

/// Which of the two lists keys move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpeakerFocus {
    #[default]
    Speakers,
    Quotes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerList {
    /// Most quoted first, then by name.
    pub speakers: Vec<Speaker>,
    pub selected: Option<SpeakerIx>,
    /// The selected quote of the selected speaker.
    pub quote: Option<QuoteRef>,
    pub focus: SpeakerFocus,
    /// Quotes credited to no one (not listed).
    pub unattributed: usize,
}

impl SpeakerList {
    pub fn speaker(&self) -> Option<&Speaker> {
        self.speakers.get(self.selected?.0)
    }

    /// Where the selected quote is among the selected speaker's.
    pub fn quote_row(&self) -> Option<usize> {
        let quote = self.quote?;
        self.speaker()?.quotes.iter().position(|q| q.quote == quote)
    }
}
