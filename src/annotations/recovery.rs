//! Text open in an editor when chronique is killed (SIGTERM, SIGHUP) or
//! panics is written to `annotations.yaml.recovery` beside the annotations
//! file and offered back at the next start. Beside the file, not in a state
//! directory, so a reader finds it next to what it belongs to.
//!
//! Callable from a panic hook: no locks, one small write and a rename.

use super::edit::Target;
use super::model::format_time;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryDraft {
    /// What was being edited (`None` for a new item not yet added).
    #[serde(default)]
    pub target: Option<Target>,
    /// How to name it to the reader: "note on event aws-suspends-parler".
    #[serde(default)]
    pub label: String,
    /// What the reader typed, as they would read it (a form's fields one
    /// per line: "Title: …").
    pub text: String,
    /// RFC 3339.
    pub saved_at: String,
    /// Which editor it was typed into (a note's when absent).
    #[serde(default)]
    pub editor: DraftEditor,
}

/// The editor a draft goes back into.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftEditor {
    /// The note editor (`a`): `text` is the note.
    #[default]
    Note,
    /// The tag editor (`t`): `text` is the comma-separated line.
    Tags,
    /// The new-event form (`E`), linked to a quote or not.
    ReaderEvent {
        quote: Option<String>,
        source: Option<String>,
        fields: Vec<String>,
    },
    /// The form after marking a passage: the passage, and the fields.
    Highlight {
        article: String,
        passage: String,
        occurrence: u32,
        fields: Vec<String>,
    },
}

impl RecoveryDraft {
    /// A note editor's draft.
    pub fn new(target: Option<Target>, label: &str, text: &str, now: DateTime<Utc>) -> Self {
        RecoveryDraft::of(DraftEditor::Note, target, label, text, now)
    }

    pub fn of(
        editor: DraftEditor,
        target: Option<Target>,
        label: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> Self {
        RecoveryDraft {
            target,
            label: label.to_string(),
            text: text.to_string(),
            saved_at: format_time(&now),
            editor,
        }
    }
}

pub(crate) fn recovery_path(annotations: &Path) -> PathBuf {
    let mut name = annotations
        .file_name()
        .map_or("annotations.yaml".into(), |n| n.to_os_string());
    name.push(".recovery");
    annotations.with_file_name(name)
}

/// Writes the draft (atomically: a half-written draft is never offered).
pub fn save_recovery(annotations: &Path, draft: &RecoveryDraft) -> io::Result<PathBuf> {
    let path = recovery_path(annotations);
    let text = serde_yaml::to_string(draft).map_err(io::Error::other)?;
    let text = format!("# unsaved text recovered by chronique\n{text}");
    super::store::write_atomic(&path, text.as_bytes(), false)?;
    Ok(path)
}

/// The draft left by an earlier session, if any (a draft that does not
/// parse is left in place for the reader and not offered).
pub fn peek_recovery(annotations: &Path) -> Option<RecoveryDraft> {
    let text = std::fs::read_to_string(recovery_path(annotations)).ok()?;
    serde_yaml::from_str(&text).ok()
}

/// Forgets the draft once the reader has taken or declined it.
pub fn clear_recovery(annotations: &Path) -> io::Result<()> {
    match std::fs::remove_file(recovery_path(annotations)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// [`peek_recovery`] then [`clear_recovery`].
pub fn take_recovery(annotations: &Path) -> Option<RecoveryDraft> {
    let draft = peek_recovery(annotations)?;
    clear_recovery(annotations).ok()?;
    Some(draft)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_draft_survives_and_is_taken_once() {
        let dir = tempfile::tempdir().unwrap();
        let ann = dir.path().join("annotations.yaml");
        assert_eq!(peek_recovery(&ann), None);
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let draft = RecoveryDraft::new(
            Some(Target::Event("aws-suspends-parler".into())),
            "note on event aws-suspends-parler",
            "« Parler » — à vérifier 🔍\nligne 2",
            now,
        );
        let path = save_recovery(&ann, &draft).unwrap();
        assert_eq!(path, dir.path().join("annotations.yaml.recovery"));
        assert_eq!(take_recovery(&ann), Some(draft));
        assert_eq!(take_recovery(&ann), None);
    }

    #[test]
    fn form_drafts_round_trip_and_old_files_are_notes() {
        let dir = tempfile::tempdir().unwrap();
        let ann = dir.path().join("annotations.yaml");
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let editor = DraftEditor::Highlight {
            article: "afp".into(),
            passage: "Cela va\n tuer l’entreprise".into(),
            occurrence: 2,
            fields: vec!["Parler".into(), "à vérifier".into(), String::new()],
        };
        let draft = RecoveryDraft::of(editor, None, "Your quote", "Speaker: Parler", now);
        save_recovery(&ann, &draft).unwrap();
        assert_eq!(take_recovery(&ann), Some(draft));
        // A draft written before forms were recovered is a note's.
        std::fs::write(
            recovery_path(&ann),
            "target: !event e\nlabel: note on event e\ntext: hello\nsaved_at: 2026-11-23T10:00:00Z\n",
        )
        .unwrap();
        assert_eq!(take_recovery(&ann).unwrap().editor, DraftEditor::Note);
    }
}
