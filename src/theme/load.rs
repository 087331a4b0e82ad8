//! Finding themes: built-ins, user themes in the config directory, and
//! `NO_COLOR`. The only module here that touches the file system.

use super::parse::{self, Kind};
use super::{Theme, BUILTIN};
use crate::diagnostic::Diagnostic;
use crate::fsread;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// A theme file with a problem: `path:line:col: error: message`.
    #[error("{0}")]
    Invalid(Diagnostic),
    #[error("{}: error: cannot read the theme file: {source}", path.display())]
    Read {
        path: PathBuf,
        source: fsread::ReadError,
    },
    #[error("unknown theme `{name}`: available themes are {}", available.join(", "))]
    Unknown {
        name: String,
        available: Vec<String>,
    },
}

impl ThemeError {
    /// The file the error is in, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            ThemeError::Invalid(d) => Some(&d.path),
            ThemeError::Read { path, .. } => Some(path),
            ThemeError::Unknown { .. } => None,
        }
    }
}

/// Where a theme comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    User(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeInfo {
    pub name: String,
    pub description: Option<String>,
    pub origin: Origin,
    /// A user theme with the same name as a built-in replaces it.
    pub overrides_builtin: bool,
    /// Why a user theme cannot be used (the full `path:line:col: …` message).
    pub error: Option<String>,
}

/// chronique's configuration directory (`$XDG_CONFIG_HOME/chronique` or
/// `~/.config/chronique` on Linux).
pub(crate) fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "chronique").map(|d| d.config_dir().to_path_buf())
}

/// Where user themes live: `<config dir>/themes`.
pub fn themes_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("themes"))
}

/// The theme to use. `no_color` (from `NO_COLOR`) always gives the built-in
/// monochrome theme, whatever the name. Otherwise a user theme
/// `<themes_dir>/<name>.yaml` wins over the built-in of the same name;
/// no name means `default`.
pub fn resolve(
    name: Option<&str>,
    no_color: bool,
    themes_dir: Option<&Path>,
) -> Result<Theme, ThemeError> {
    if no_color {
        return Ok(Theme::monochrome());
    }
    let name = name.unwrap_or("default");
    if let Some(path) = themes_dir.and_then(|dir| user_file(dir, name)) {
        return read_user(&path, name).map(|p| p.theme);
    }
    if let Some(theme) = Theme::builtin(name) {
        return Ok(theme);
    }
    Err(ThemeError::Unknown {
        name: name.to_string(),
        available: list(themes_dir).into_iter().map(|t| t.name).collect(),
    })
}

/// Every theme that `--theme` accepts: built-ins first, then user themes by
/// name. Broken user themes are listed with their error.
pub fn list(themes_dir: Option<&Path>) -> Vec<ThemeInfo> {
    let mut out: Vec<ThemeInfo> = BUILTIN
        .iter()
        .map(|(name, path, text)| ThemeInfo {
            name: name.to_string(),
            description: parse::parse(text, path.as_ref(), Kind::BuiltIn(name))
                .ok()
                .and_then(|p| p.description),
            origin: Origin::BuiltIn,
            overrides_builtin: false,
            error: None,
        })
        .collect();
    for (name, path) in themes_dir.map(user_files).unwrap_or_default() {
        let (description, error) = match read_user(&path, &name) {
            Ok(p) => (p.description, None),
            Err(e) => (None, Some(e.to_string())),
        };
        let info = ThemeInfo {
            name,
            description,
            origin: Origin::User(path),
            overrides_builtin: false,
            error,
        };
        match out.iter_mut().find(|t| t.name == info.name) {
            Some(builtin) => {
                *builtin = ThemeInfo {
                    overrides_builtin: true,
                    ..info
                }
            }
            None => out.push(info),
        }
    }
    out
}

/// The `--list-themes` output: one theme a line (name, origin, description
/// or error).
pub fn list_text(themes_dir: Option<&Path>) -> String {
    let themes = list(themes_dir);
    let origin = |t: &ThemeInfo| match &t.origin {
        Origin::BuiltIn => "built-in".to_string(),
        Origin::User(path) if t.overrides_builtin => {
            format!("{} (replaces the built-in)", path.display())
        }
        Origin::User(path) => path.display().to_string(),
    };
    let name_width = themes
        .iter()
        .map(|t| t.name.chars().count())
        .max()
        .unwrap_or(0);
    let origin_width = themes
        .iter()
        .map(|t| origin(t).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for t in &themes {
        let about = match (&t.error, &t.description) {
            (Some(e), _) => format!("BROKEN: {e}"),
            (None, Some(d)) => d.clone(),
            (None, None) => String::new(),
        };
        let line = format!(
            "{:name_width$}  {:origin_width$}  {about}",
            t.name,
            origin(t)
        );
        // Names, paths and descriptions come from files: one line each,
        // nothing the terminal would act on.
        let _ = writeln!(out, "{}", crate::safe_text::one_line(line.trim_end()));
    }
    out
}

fn user_file(dir: &Path, name: &str) -> Option<PathBuf> {
    // A name is a file stem, never a path: `--theme ../x` finds nothing.
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return None;
    }
    ["yaml", "yml"]
        .iter()
        .map(|ext| dir.join(format!("{name}.{ext}")))
        .find(|p| p.is_file())
}

/// `(name, path)` of the theme files in `dir`, by name; `.yaml` wins over
/// `.yml` for the same name.
fn user_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter_map(|p| {
            let ext = p.extension()?.to_str()?;
            let stem = p.file_stem()?.to_str()?;
            (matches!(ext, "yaml" | "yml") && !stem.starts_with('.'))
                .then(|| (stem.to_string(), p.clone()))
        })
        .collect();
    // Sort so `.yaml` comes before `.yml`, then keep the first of each name.
    files.sort();
    files.dedup_by(|b, a| a.0 == b.0);
    files
}

fn read_user(path: &Path, name: &str) -> Result<parse::Parsed, ThemeError> {
    let text = fsread::read_to_string(path).map_err(|e| match e {
        fsread::TextError::Read(source) => ThemeError::Read {
            path: path.to_path_buf(),
            source,
        },
        fsread::TextError::NotUtf8(e) => {
            ThemeError::Invalid(Diagnostic::error(path, e.pos, e.to_string()))
        }
    })?;
    parse::parse(&text, path, Kind::User(name)).map_err(ThemeError::Invalid)
}
