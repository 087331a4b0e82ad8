//! The theme file format: YAML with `name`, `description`, `extends`,
//! `palette`, `styles` and `speakers`. Every problem is a positioned error.

use super::color::{parse_color, parse_modifier};
use super::{Theme, STYLE_NAMES};
use crate::diagnostic::{Diagnostic, Pos};
use crate::yaml::{self, At, Seg, YamlPath};
use crate::yaml_path;
use ratatui::style::{Color, Style};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

const TOP_FIELDS: &[&str] = &[
    "name",
    "description",
    "extends",
    "palette",
    "styles",
    "speakers",
];
const STYLE_FIELDS: &[&str] = &["fg", "bg", "modifiers"];

/// Which kind of theme file is being read.
#[derive(Debug, Clone, Copy)]
pub enum Kind<'a> {
    /// A built-in theme: must set every style and the speaker palette, and
    /// cannot extend another theme.
    BuiltIn(&'a str),
    /// A user theme named after its file: starts from the built-in it
    /// `extends` (`default` when not said) and overrides what it sets.
    User(&'a str),
}

#[derive(Debug, Clone)]
pub struct Parsed {
    pub theme: Theme,
    pub description: Option<String>,
}

#[derive(Deserialize)]
struct RawTheme {
    name: Option<String>,
    description: Option<String>,
    extends: Option<String>,
    #[serde(default)]
    palette: Entries<ColorSpec>,
    #[serde(default)]
    styles: Entries<RawStyle>,
    speakers: Option<Vec<RawStyle>>,
}

/// A map kept in file order; keys set twice are kept aside for an error.
#[derive(Debug)]
struct Entries<V> {
    entries: Vec<(String, V)>,
    repeated: Vec<String>,
}

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries {
            entries: Vec::new(),
            repeated: Vec::new(),
        }
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<V>, A::Error> {
                let mut out = Entries::default();
                // A set, not a scan of the earlier keys: a 50,000-entry
                // palette took 5.8 s.
                let mut seen = HashSet::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value()?;
                    if seen.contains(&key) {
                        out.repeated.push(key);
                    } else {
                        seen.insert(key.clone());
                        out.entries.push((key, value));
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

/// A colour as written: a string, or a bare index such as `208`.
#[derive(Debug, Clone)]
struct ColorSpec(String);

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ColorSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a colour (a name, \"#rrggbb\" or an index 0-255)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ColorSpec, E> {
                Ok(ColorSpec(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ColorSpec, E> {
                Ok(ColorSpec(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ColorSpec, E> {
                Ok(ColorSpec(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A style as written: a bare colour (the foreground) or a map.
#[derive(Debug, Clone)]
enum RawStyle {
    Fg(ColorSpec),
    Map(StyleMap),
}

#[derive(Debug, Clone, Deserialize)]
struct StyleMap {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    #[serde(default)]
    modifiers: Vec<String>,
}

impl<'de> Deserialize<'de> for RawStyle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawStyle;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a colour or a style map such as { fg: …, bg: …, modifiers: [bold] }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawStyle, E> {
                Ok(RawStyle::Fg(ColorSpec(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawStyle, E> {
                Ok(RawStyle::Fg(ColorSpec(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawStyle, E> {
                Ok(RawStyle::Fg(ColorSpec(v.to_string())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawStyle, A::Error> {
                StyleMap::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawStyle::Map)
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads a theme file. `path` is only used in error messages.
pub fn parse(text: &str, path: &Path, kind: Kind) -> Result<Parsed, Diagnostic> {
    let fail =
        |at: At, message: String| Diagnostic::error(path, yaml::place(text, &at, 0), message);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            path,
            Pos::START,
            "empty theme file: write at least `styles:` with the styles to set",
        ));
    }
    let mut unknown = Vec::new();
    let raw: RawTheme = yaml::from_str(text, &mut unknown).map_err(|p| {
        let message = p.message.replace(
            "struct RawTheme",
            "a map of theme settings (`styles:`, `speakers:`, …)",
        );
        fail(p.at, message)
    })?;
    for (section, entries) in [
        ("palette", &raw.palette.repeated),
        ("styles", &raw.styles.repeated),
    ] {
        if let Some(key) = entries.first() {
            return Err(fail(
                At::Key(yaml_path![section, key.as_str()]),
                format!("`{key}` is set more than once in `{section}`: keep one"),
            ));
        }
    }
    let unknown = unknown.into_iter().map(|p| (At::Key(p), String::new()));
    if let Some((_, At::Key(path), _)) = first_in_file(text, unknown.collect()) {
        let name = match path.last() {
            Some(Seg::Key(k)) => k.clone(),
            _ => String::new(),
        };
        let (what, known) = match path.first() {
            Some(Seg::Key(k)) if path.len() > 1 && (k == "styles" || k == "speakers") => {
                ("a style", STYLE_FIELDS)
            }
            _ => ("a theme", TOP_FIELDS),
        };
        let message =
            yaml::unknown_field_message(&name, what, known).replace("it is ignored", "remove it");
        return Err(fail(At::Key(path), message));
    }

    let (name, mut theme) = match kind {
        Kind::BuiltIn(name) => {
            if raw.extends.is_some() {
                return Err(fail(
                    At::Key(yaml_path!["extends"]),
                    "a built-in theme cannot extend another: set every style".into(),
                ));
            }
            (name, Theme::blank(name))
        }
        Kind::User(name) => {
            let parent = raw.extends.as_deref().unwrap_or("default");
            let base = Theme::builtin(parent).ok_or_else(|| {
                let names: Vec<&str> = super::BUILTIN.iter().map(|(n, ..)| *n).collect();
                fail(
                    At::Value(yaml_path!["extends"]),
                    format!(
                        "unknown built-in theme `{parent}` to extend: use one of {}",
                        names.join(", ")
                    ),
                )
            })?;
            (name, base)
        }
    };
    if let Some(written) = &raw.name {
        if written != name {
            return Err(fail(
                At::Value(yaml_path!["name"]),
                format!("the theme is named `{written}` but its file is named `{name}`: make them the same"),
            ));
        }
    }
    theme.name = name.to_string();

    let mut palette = BTreeMap::new();
    for (key, spec) in &raw.palette.entries {
        if key.starts_with('#') || key.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail(
                At::Key(yaml_path!["palette", key.as_str()]),
                format!("palette name `{key}` reads as a colour: start it with a letter"),
            ));
        }
        let color = parse_color(&spec.0)
            .map_err(|m| fail(At::Value(yaml_path!["palette", key.as_str()]), m))?;
        palette.insert(key.as_str(), color);
    }
    let resolve = |raw: &RawStyle, at: YamlPath| -> Result<Style, Diagnostic> {
        build_style(raw, &palette, &at).map_err(|(at, m)| fail(At::Value(at), m))
    };

    // `styles` is read as a map, so report its first problem in file order
    // (all placed in one walk of the text).
    let mut problems: Vec<(At, String)> = Vec::new();
    for (key, raw_style) in &raw.styles.entries {
        let at = yaml_path!["styles", key.as_str()];
        match theme.style_mut(key) {
            Some(slot) => match build_style(raw_style, &palette, &at) {
                Ok(style) => *slot = style,
                Err((at, m)) => problems.push((At::Value(at), m)),
            },
            None => {
                let message = yaml::unknown_field_message(key, "`styles`", STYLE_NAMES)
                    .replace("it is ignored", "remove it");
                let message = message
                    .split(" (known fields")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                problems.push((
                    At::Key(at),
                    format!("{message} (the style names are listed in the README, section Themes)"),
                ));
            }
        }
    }
    if let Some((pos, _, message)) = first_in_file(text, problems) {
        return Err(Diagnostic::error(path, pos, message));
    }
    if let Some(speakers) = &raw.speakers {
        theme.speakers = speakers
            .iter()
            .enumerate()
            .map(|(i, s)| resolve(s, yaml_path!["speakers", i]))
            .collect::<Result<_, _>>()?;
    }

    if let Kind::BuiltIn(_) = kind {
        let missing: Vec<&str> = STYLE_NAMES
            .iter()
            .copied()
            .filter(|n| !raw.styles.entries.iter().any(|(k, _)| k == *n))
            .collect();
        if !missing.is_empty() {
            return Err(fail(
                At::Key(yaml_path!["styles"]),
                format!(
                    "a built-in theme must set every style; missing: {}",
                    missing.join(", ")
                ),
            ));
        }
        if theme.speakers.is_empty() {
            return Err(fail(
                At::Key(yaml_path!["speakers"]),
                "a built-in theme must set a `speakers` palette".into(),
            ));
        }
    }
    Ok(Parsed {
        theme,
        description: raw.description,
    })
}

/// Of many problems, the one placed first in the file (all placed in one
/// walk of the text: one walk each was quadratic).
fn first_in_file(text: &str, problems: Vec<(At, String)>) -> Option<(Pos, At, String)> {
    let ats: Vec<&At> = problems.iter().map(|(at, _)| at).collect();
    let places = yaml::place_all(text, &ats, 0);
    places
        .into_iter()
        .zip(problems)
        .min_by_key(|(pos, _)| *pos)
        .map(|(pos, (at, message))| (pos, at, message))
}

type Problem = (YamlPath, String);

fn build_style(
    raw: &RawStyle,
    palette: &BTreeMap<&str, Color>,
    at: &[Seg],
) -> Result<Style, Problem> {
    let color = |spec: &ColorSpec, at: YamlPath| -> Result<Color, Problem> {
        match palette.get(spec.0.trim()) {
            Some(c) => Ok(*c),
            None => parse_color(&spec.0).map_err(|m| (at, m)),
        }
    };
    let with = |seg: &str| {
        let mut p = at.to_vec();
        p.push(Seg::from(seg));
        p
    };
    match raw {
        RawStyle::Fg(spec) => Ok(Style::new().fg(color(spec, at.to_vec())?)),
        RawStyle::Map(map) => {
            let mut style = Style::new();
            if let Some(fg) = &map.fg {
                style = style.fg(color(fg, with("fg"))?);
            }
            if let Some(bg) = &map.bg {
                style = style.bg(color(bg, with("bg"))?);
            }
            for (i, name) in map.modifiers.iter().enumerate() {
                let mut p = with("modifiers");
                p.push(Seg::Index(i));
                style = style.add_modifier(parse_modifier(name).map_err(|m| (p, m))?);
            }
            Ok(style)
        }
    }
}
