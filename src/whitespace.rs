//! Text on one line: every run of whitespace (spaces, tabs, line breaks,
//! no-break spaces) as one space, none at the ends. The import, the export,
//! the search's printed lines and the citations all show text this way.

/// `s` with its whitespace collapsed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_of_any_whitespace_become_one_space_and_the_ends_go() {
        assert_eq!(
            super::collapse(" «Un\u{a0}\u{a0}texte»\n\tsur\r\n  deux lignes "),
            "«Un texte» sur deux lignes"
        );
        assert_eq!(super::collapse(" \n "), "");
    }
}
