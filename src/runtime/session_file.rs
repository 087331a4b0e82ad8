//! The reading position's file, one per corpus in the data directory:
//! read by the loader once the corpus is loaded, written at quit (the
//! app's `Effect::SaveSession`) and when a signal ends the reader.

use crate::app::state::session::Session;
use crate::corpus::CorpusLocation;
use std::io;
use std::path::{Path, PathBuf};

/// Larger than any real position: such a file is not one and is not read.
const MAX_BYTES: u64 = 64 * 1024;

/// The position's file for `location` in `data_dir`:
/// `sessions/sample.yaml` for the built-in sample, else
/// `sessions/<folder name>-<hash of its full path>.yaml`
/// ([`CorpusLocation::file_stem`], as the corpus cache is named), so two
/// corpora with the same folder name keep their own position.
pub fn path_for(data_dir: &Path, location: &CorpusLocation) -> PathBuf {
    let name = match location {
        CorpusLocation::Embedded => "sample".to_string(),
        CorpusLocation::Dir(dir) => {
            let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
            CorpusLocation::file_stem(&canonical)
        }
    };
    data_dir.join("sessions").join(format!("{name}.yaml"))
}

/// The position kept at `path`; `None` when there is none, it cannot be
/// read, or it is not a position (a corrupt file is ignored).
pub fn load(path: &Path) -> Option<Session> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    Session::from_text(&String::from_utf8_lossy(&bytes))
}

/// Writes the position to `path` atomically, creating the directory.
pub fn save(path: &Path, session: &Session) -> io::Result<()> {
    crate::runtime::history_file::write_creating_dir(path, session.to_text().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_corpus_has_its_own_file_and_it_reads_back() {
        let home = tempfile::tempdir().unwrap();
        let (a, b) = (home.path().join("x/news"), home.path().join("y/news"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let data = home.path().join("data");
        let (pa, pb) = (
            path_for(&data, &CorpusLocation::Dir(a)),
            path_for(&data, &CorpusLocation::Dir(b)),
        );
        assert_ne!(pa, pb);
        assert!(pa
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("news-"));
        let sample = path_for(&data, &CorpusLocation::Embedded);
        assert_eq!(sample, data.join("sessions/sample.yaml"));
        assert_eq!(load(&pa), None);
        let s = Session {
            event: Some("e".into()),
            scroll: 7,
            ..Default::default()
        };
        save(&pa, &s).unwrap();
        assert_eq!(load(&pa), Some(s));
        assert_eq!(load(&pb), None);
    }

    #[test]
    fn a_corrupt_or_huge_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.yaml");
        std::fs::write(&path, b"event: [unclosed\n\xff\xfe").unwrap();
        assert_eq!(load(&path), None);
        std::fs::write(&path, vec![b'#'; MAX_BYTES as usize + 1]).unwrap();
        assert_eq!(load(&path), None);
        // A directory where the file should be.
        assert_eq!(load(dir.path()), None);
    }
}
