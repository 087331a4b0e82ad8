//! Themes: meaning-based styles ("quote", "selection", …) read from YAML.
//!
//! Widgets never name a colour; they take styles from a [`Theme`]. Built-in
//! themes live in `themes/*.yaml` and are embedded in the binary; users add
//! or override themes in `<config dir>/themes/*.yaml` (see [`load`]).

pub mod color;
pub mod load;
pub mod parse;

pub(crate) use load::config_dir;
pub use load::{list, list_text, resolve, themes_dir, Origin, ThemeError, ThemeInfo};

use ratatui::style::Style;
use std::sync::OnceLock;

/// Declares the theme's styles once: the struct, the list of names theme
/// files use, and lookup by name.
macro_rules! theme_styles {
    ($($(#[$doc:meta])* $field:ident,)*) => {
        /// Every style the interface uses, by meaning.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Theme {
            pub name: String,
            $($(#[$doc])* pub $field: Style,)*
            /// Speaker palette (built-in themes have at least 6 entries).
            pub speakers: Vec<Style>,
        }

        /// The style names a theme file may set under `styles:`.
        pub(crate) const STYLE_NAMES: &[&str] = &[$(stringify!($field)),*];

        impl Theme {
            /// A theme with every style empty (the terminal's defaults).
            pub(crate) fn blank(name: &str) -> Theme {
                Theme {
                    name: name.to_string(),
                    $($field: Style::default(),)*
                    speakers: Vec::new(),
                }
            }

            /// The style called `name` in theme files.
            pub fn style(&self, name: &str) -> Option<Style> {
                match name {
                    $(stringify!($field) => Some(self.$field),)*
                    _ => None,
                }
            }

            pub(crate) fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }

            /// Every named style with its name, in declaration order (the
            /// tests go through them all).
            #[cfg(test)]
            pub(crate) fn styles(&self) -> Vec<(&'static str, Style)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

theme_styles! {
    /// Default text and background of the whole screen.
    base,
    border,
    border_focused,
    /// Pane titles.
    title,
    title_focused,
    /// Month group headers in the event list ("janvier 2021").
    month_heading,
    event_date,
    event_title,
    /// Marker for events reported by the open article.
    event_reported,
    /// Selected row in the focused pane.
    selection,
    /// Selected row in an unfocused pane.
    selection_unfocused,
    /// Annotation markers (✎ note).
    marker,
    /// ★
    star,
    status_to_check,
    status_verified,
    status_disputed,
    article_title,
    /// Source / author / date / tags line.
    article_meta,
    /// `# ` headings in article bodies.
    heading,
    body,
    /// Corpus quotes highlighted in the body.
    quote,
    /// The selected quote: stands out clearly from `quote`.
    quote_selected,
    /// The reader's own highlighted passages.
    reader_quote,
    /// Fallback speaker style (unknown or empty speaker, empty palette).
    speaker,
    tag,
    /// Selectable sources / URLs.
    link,
    /// Secondary text.
    dim,
    /// Matched characters in search results.
    search_match,
    /// `[quote]` `[event]` badges in search results.
    kind_badge,
    status_bar,
    /// Key names in the status bar hints.
    status_key,
    warning,
    error,
    /// Popup body.
    popup,
    popup_border,
}

/// The built-in theme files: (name, source path, text).
pub(crate) const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "default",
        "themes/default.yaml",
        include_str!("../../themes/default.yaml"),
    ),
    (
        "light",
        "themes/light.yaml",
        include_str!("../../themes/light.yaml"),
    ),
    (
        "high-contrast",
        "themes/high-contrast.yaml",
        include_str!("../../themes/high-contrast.yaml"),
    ),
    (
        "monochrome",
        "themes/monochrome.yaml",
        include_str!("../../themes/monochrome.yaml"),
    ),
];

impl Theme {
    /// A built-in theme by name (`default`, `light`, `high-contrast`,
    /// `monochrome`).
    /// Parsed once, then cloned.
    pub(crate) fn builtin(name: &str) -> Option<Theme> {
        static PARSED: OnceLock<Vec<Option<Theme>>> = OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            BUILTIN
                .iter()
                .map(|(name, path, text)| {
                    parse::parse(text, path.as_ref(), parse::Kind::BuiltIn(name))
                        .ok()
                        .map(|parsed| parsed.theme)
                })
                .collect()
        });
        let index = BUILTIN.iter().position(|(n, ..)| *n == name)?;
        parsed.get(index)?.clone()
    }

    /// No colours at all; highlights by bold, underline, italic and reverse.
    /// Used when `NO_COLOR` is set.
    pub fn monochrome() -> Theme {
        Theme::builtin("monochrome").unwrap_or_else(|| Theme::blank("monochrome"))
    }

    /// This theme with every RGB colour replaced by its nearest colour of
    /// the 256-colour palette, for terminals without 24-bit colour (see
    /// [`color::truecolor`]).
    pub fn to_indexed(&self) -> Theme {
        let convert = |s: Style| Style {
            fg: s.fg.map(color::to_indexed),
            bg: s.bg.map(color::to_indexed),
            underline_color: s.underline_color.map(color::to_indexed),
            ..s
        };
        let mut theme = self.clone();
        for name in STYLE_NAMES {
            if let Some(slot) = theme.style_mut(name) {
                *slot = convert(*slot);
            }
        }
        theme.speakers = theme.speakers.into_iter().map(convert).collect();
        theme
    }

    /// The style for a speaker's name: the same speaker always gets the same
    /// palette entry, across runs and machines.
    pub(crate) fn speaker_style(&self, speaker: &str) -> Style {
        let key = speaker.trim();
        if key.is_empty() || self.speakers.is_empty() {
            return self.speaker;
        }
        let index = fnv1a(key) % self.speakers.len() as u64;
        self.speakers[index as usize]
    }
}

impl Default for Theme {
    /// The built-in dark theme.
    fn default() -> Self {
        Theme::builtin("default").unwrap_or_else(|| Theme::blank("default"))
    }
}

/// 64-bit FNV-1a: tiny, deterministic, and spreads short names well.
pub(crate) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;
