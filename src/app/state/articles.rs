//! The list of every article (`A`): its rows, built once when it opens (and
//! again after a sort or a reload), and the selected article by index in
//! the corpus (so a sort or a reload keeps it).

use crate::corpus::{ArticleIx, PartialDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArticleSort {
    /// Newest first: the day's coverage on top.
    #[default]
    Date,
    /// By outlet, then newest first within one.
    Outlet,
}

impl ArticleSort {
    pub fn label(self) -> &'static str {
        match self {
            ArticleSort::Date => "date",
            ArticleSort::Outlet => "outlet",
        }
    }

    pub fn next(self) -> ArticleSort {
        match self {
            ArticleSort::Date => ArticleSort::Outlet,
            ArticleSort::Outlet => ArticleSort::Date,
        }
    }
}

/// One row as shown: everything the list draws, worked out once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    pub article: ArticleIx,
    pub published: Option<PartialDate>,
    /// The outlet (the article's `source`), or "" when it names none.
    pub outlet: String,
    pub title: String,
    pub quotes: usize,
    /// Titles of the events it reports, in timeline order.
    pub events: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleList {
    pub rows: Vec<ArticleRow>,
    pub sort: ArticleSort,
    pub selected: Option<ArticleIx>,
}

impl ArticleList {
    /// Where the selected article is among the rows.
    pub fn selected_row(&self) -> Option<usize> {
        let selected = self.selected?;
        self.rows.iter().position(|r| r.article == selected)
    }
}
