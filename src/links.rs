//! Which links chronique hands to the desktop opener: web pages only.
//!
//! An article's `url:` comes from a corpus someone else may have written.
//! The opener (`xdg-open`, `open`, `start`) runs whatever it is given —
//! `file:///etc/passwd`, `/usr/bin/id`, `../../bin/sh`, `javascript:`,
//! `ssh://` — so only an absolute `http` or `https` URL with a host is
//! opened; anything else is refused with the reason.

use url::Url;

/// Why a link is not opened (shown in the status bar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not a URL at all (a path, a word).
    NotUrl,
    /// A URL of another kind (`file:`, `javascript:`, `ssh:`…): its scheme.
    Scheme(String),
    /// `http(s)://` without a host.
    NoHost,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotUrl => f.write_str("it is not a web address"),
            Refusal::Scheme(s) => write!(
                f,
                "it is a `{s}:` link, and only http and https links are opened"
            ),
            Refusal::NoHost => f.write_str("it names no host"),
        }
    }
}

/// `raw` as a web link that may be opened, or why not.
pub(crate) fn web_link(raw: &str) -> Result<Url, Refusal> {
    let url = Url::parse(raw.trim()).map_err(|_| Refusal::NotUrl)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Refusal::Scheme(url.scheme().to_string()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Refusal::NoHost);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_pages_are_opened() {
        for ok in [
            "https://www.afp.com/fr/infos/parler",
            "http://example.org/a?b=c#d",
            "HTTPS://EXAMPLE.ORG/",
            "  https://example.org/x  ",
        ] {
            assert!(web_link(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_its_reason() {
        let refused = |s| web_link(s).unwrap_err();
        assert_eq!(
            refused("file:///etc/passwd"),
            Refusal::Scheme("file".into())
        );
        assert_eq!(
            refused("javascript:alert(1)"),
            Refusal::Scheme("javascript".into())
        );
        assert_eq!(refused("ssh://host/"), Refusal::Scheme("ssh".into()));
        assert_eq!(refused("/usr/bin/id"), Refusal::NotUrl);
        assert_eq!(refused("../../../bin/sh"), Refusal::NotUrl);
        assert_eq!(refused("https://"), Refusal::NotUrl);
        assert!(refused("file:///etc/passwd")
            .to_string()
            .contains("only http and https"));
    }
}
