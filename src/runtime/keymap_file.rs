//! Reading the reader's keymap file (`--keymap FILE`, else the
//! configuration directory's `keymap.yaml`); its text is laid over the
//! embedded keymap by [`crate::app::keymap_user::overlay`].

use crate::app::keymap::Keymap;
use crate::app::keymap_user::overlay;
use crate::diagnostic::{Diagnostic, Pos};
use crate::fsread;
use std::path::Path;

/// The keymap to use: the embedded one, with `path` laid over it when given
/// (an error if it cannot be read), else with the configuration directory's
/// `keymap.yaml` when there is one.
pub fn load(path: Option<&Path>) -> Result<Keymap, Diagnostic> {
    let (path, required) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => match crate::config::keymap_path() {
            Some(p) => (p, false),
            None => return Ok(Keymap::default_map()),
        },
    };
    match fsread::read_to_string(&path) {
        Ok(text) => overlay(Keymap::default_map(), &text, &path),
        Err(fsread::TextError::Read(e))
            if !required && e.kind() == std::io::ErrorKind::NotFound =>
        {
            Ok(Keymap::default_map())
        }
        Err(e @ fsread::TextError::NotUtf8(_)) => {
            Err(Diagnostic::error(&path, e.pos(), e.to_string()))
        }
        Err(e) => Err(Diagnostic::error(
            &path,
            Pos::START,
            format!("cannot read the keymap: {e}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_as_the_keymap_is_an_error_not_a_wait() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("keys.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success(), "mkfifo");
        let e = load(Some(&fifo)).unwrap_err();
        assert_eq!(
            e.message,
            "cannot read the keymap: not a regular file (a FIFO): only regular files are read"
        );
    }

    #[test]
    fn a_keymap_that_is_not_utf8_is_placed_at_its_bad_byte() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keys.yaml");
        std::fs::write(
            &file,
            b"global:
  - { keys: [\xE9], action: quit }\n",
        )
        .unwrap();
        let e = load(Some(&file)).unwrap_err();
        assert_eq!((e.pos.line, e.pos.col), (2, 14));
    }
}
