//! `annotations.yaml` on disk.
//!
//! Every save is atomic: the new content goes to a temporary file in the same
//! directory, which is fsynced and renamed over the old file, then the
//! directory is fsynced; a crash at any moment leaves the old or the new
//! file, complete. The previous version is kept as `annotations.yaml.bak`.
//!
//! A file with errors is read item by item (see [`super::salvage`]): the
//! valid items are shown, and the file is never written until it is fixed.
//!
//! The file is never overwritten blindly: before writing, the disk content is
//! compared (bytes, not mtime) with what this session last read or wrote. If
//! someone else changed it, the two are merged (see [`super::merge`]); on a
//! conflict the disk file is also kept, unchanged, as
//! `annotations.conflict-<time>.yaml` beside it.

use super::format::{from_yaml, to_yaml};
use super::merge::{merge3, Conflict};
use super::model::Annotations;
use super::salvage::salvage;
use crate::diagnostic::{Diagnostic, Pos};
use chrono::Utc;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

#[derive(Debug)]
pub struct Store {
    /// As given (shown in messages).
    path: PathBuf,
    /// Where writes go (a symlink is followed, so it stays a symlink).
    real: PathBuf,
    read_only: bool,
    /// What the session last gave us (or what was read at open): the base of
    /// a merge with the disk.
    base: Arc<Annotations>,
    /// The file's bytes as last read or written, and their content.
    disk: Option<(Vec<u8>, Arc<Annotations>)>,
    /// The last reload found the file broken or gone: the session waits
    /// for it to read again, even as the bytes it last read (put back by
    /// `git checkout`).
    astray: bool,
}

#[derive(Debug)]
pub struct OpenResult {
    pub store: Store,
    pub annotations: Annotations,
    /// A malformed file is one error (with line and column); unknown fields
    /// are warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file will never be written, in a few words for the status
    /// bar ("annotations.yaml:4:1 is malformed"); `None`: it may be.
    pub read_only: Option<String>,
}

/// Why a store is read-only, and what to add to its diagnostics (when no
/// diagnostic says it already).
struct Refusal {
    why: String,
    warning: Option<String>,
}

impl Refusal {
    fn new(why: String, warning: String) -> Refusal {
        Refusal {
            why,
            warning: Some(warning),
        }
    }

    fn reason(why: String) -> Refusal {
        Refusal { why, warning: None }
    }

    /// `errors`: the file's errors, in file order (at least one).
    fn malformed(name: &str, errors: &[&Diagnostic]) -> Refusal {
        let at = errors.first().map_or(Pos::START, |d| d.pos);
        Refusal::reason(match errors.len() {
            0 | 1 => format!("{name}:{}:{} is malformed", at.line, at.col),
            n => format!(
                "{name}:{}:{} and {} more places are malformed",
                at.line,
                at.col,
                n - 1
            ),
        })
    }
}

#[derive(Debug, Clone)]
pub enum SaveOutcome {
    /// Written.
    Saved,
    /// Nothing to write: the file already holds this content.
    Unchanged,
    /// The file had changed on disk; the merge was written. The session
    /// should adopt `annotations` (see [`adopt`]).
    Merged {
        annotations: Arc<Annotations>,
        conflicts: Vec<Conflict>,
        /// On conflicts: where the disk version was kept, unchanged.
        disk_copy: Option<PathBuf>,
    },
}

/// What [`Store::reload`] found on disk.
#[derive(Debug, Clone)]
pub enum ReloadOutcome {
    /// The file holds what this session last read or wrote (its own save).
    Unchanged,
    /// The file is gone; the session's annotations are written again at the
    /// next save.
    Removed,
    /// The file no longer reads: nothing was merged or written.
    Broken(Box<Malformed>),
    /// The file's changes merged with the session's; the session should
    /// adopt `annotations` (see [`adopt`]).
    Merged {
        annotations: Arc<Annotations>,
        conflicts: Vec<Conflict>,
        /// On conflicts: where the disk version was kept, unchanged.
        disk_copy: Option<PathBuf>,
        /// The merge held changes of the session's the file lacked: it was
        /// saved.
        written: bool,
        /// The file's warnings (unknown fields).
        warnings: Vec<Diagnostic>,
        /// The file's text now (to place the orphans' warnings).
        text: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{}: annotations are read-only (see the start-up warnings); nothing was written", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{0} — it was changed on disk and no longer parses; nothing was written, your changes are kept in memory; fix the file and they will be saved")]
    DiskMalformed(Diagnostic),
    #[error("{}: cannot save the annotations: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl Store {
    /// Reads the annotations at `path`. A missing file is an empty layer; a
    /// file that cannot be read or parsed, a write-protected file, and a
    /// symlink leading out of the file's folder make the store read-only
    /// (see [`OpenResult::read_only`]).
    pub fn open(path: &Path) -> OpenResult {
        let name = file_name(path);
        let (real, mut read_only) = match resolve_symlink(path) {
            Ok(real) => (real, None),
            Err(target) => (
                target.clone(),
                Some(Refusal::new(
                    format!("{name} is a link out of its folder"),
                    format!(
                        "a link to {}, outside the folder it is in: it is read but never written; \
                         annotations are read-only (replace the link by the file, or name the file \
                         itself with --annotations)",
                        target.display()
                    ),
                )),
            ),
        };
        let mut diagnostics = Vec::new();
        let mut annotations = Annotations::default();
        let mut disk = None;
        match fs::read(&real) {
            Ok(bytes) => match parse(&bytes, path) {
                Ok((a, warnings)) => {
                    diagnostics = warnings;
                    annotations = a;
                    disk = Some((bytes, Arc::new(annotations.clone())));
                }
                // One bad item hides only itself: the others are shown,
                // and nothing is written until it is fixed.
                Err(bad) => {
                    read_only.get_or_insert(Refusal::reason(bad.why));
                    annotations = bad.shown;
                    diagnostics = bad.diagnostics;
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    path,
                    Pos::START,
                    format!("cannot read: {e}; annotations are read-only"),
                ));
                read_only.get_or_insert(Refusal::reason(format!("{name} cannot be read")));
            }
        }
        let protected = fs::metadata(&real).is_ok_and(|m| m.permissions().readonly());
        if protected && read_only.is_none() {
            read_only = Some(Refusal::new(
                format!("{name} is write-protected"),
                "the file is write-protected: annotations are shown but not saved; \
                 make it writable (chmod u+w) to annotate"
                    .into(),
            ));
        }
        if let Some(Refusal {
            warning: Some(w), ..
        }) = &read_only
        {
            diagnostics.insert(0, Diagnostic::warning(path, Pos::START, w.clone()));
        }
        if read_only.is_none() {
            remove_stale_temporaries(&real);
        }
        let store = Store {
            path: path.to_path_buf(),
            real,
            read_only: read_only.is_some(),
            base: disk
                .as_ref()
                .map_or_else(|| Arc::new(Annotations::default()), |(_, a)| a.clone()),
            disk,
            astray: false,
        };
        OpenResult {
            store,
            annotations,
            diagnostics,
            read_only: read_only.map(|r| r.why),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file written to (a link in its folder followed): the one to
    /// watch.
    pub fn real_path(&self) -> &Path {
        &self.real
    }

    /// What the session last read or wrote: the base of the next merge.
    pub fn base(&self) -> Arc<Annotations> {
        self.base.clone()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Saves `ours`, merging with the disk when the file changed under us.
    pub fn save(&mut self, ours: Arc<Annotations>) -> Result<SaveOutcome, SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let io_err = |source| SaveError::Io {
            path: self.path.clone(),
            source,
        };
        // Held until the new file is in place: another chronique saving the
        // same file waits, then merges with what this one wrote.
        let _lock = lock_for_save(&self.real).map_err(io_err)?;
        let current = match fs::read(&self.real) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_err(e)),
        };
        let theirs: Option<Arc<Annotations>> = match (&current, &self.disk) {
            (None, _) => None,
            (Some(now), Some((last, ann))) if now == last => Some(ann.clone()),
            (Some(now), _) => {
                let text = String::from_utf8_lossy(now);
                let (a, _) = from_yaml(&text, &self.path).map_err(SaveError::DiskMalformed)?;
                Some(Arc::new(a))
            }
        };
        let (result, conflicts) = match theirs {
            // Deleted on disk: write ours again.
            None => (ours.clone(), Vec::new()),
            Some(t) if Arc::ptr_eq(&t, &self.base) || *t == *self.base => {
                (ours.clone(), Vec::new())
            }
            Some(t) => {
                let m = merge3(&self.base, &ours, &t);
                if m.annotations == *ours {
                    (ours.clone(), m.conflicts)
                } else {
                    (Arc::new(m.annotations), m.conflicts)
                }
            }
        };
        let bytes = to_yaml(&result).into_bytes();
        let mut disk_copy = None;
        if current.as_ref() != Some(&bytes) {
            if let (false, Some(disk_bytes)) = (conflicts.is_empty(), &current) {
                let copy = self.conflict_copy_path();
                write_atomic(&copy, disk_bytes, false).map_err(io_err)?;
                disk_copy = Some(copy);
            }
            write_atomic(&self.real, &bytes, current.is_some()).map_err(io_err)?;
        }
        let unchanged = current.as_ref() == Some(&bytes);
        let merged = !Arc::ptr_eq(&result, &ours);
        // The session adopts what was written: it is the next merge's base
        // (with `ours`, the conflicts just resolved would conflict again).
        self.base = result.clone();
        self.disk = Some((bytes, result.clone()));
        self.astray = false;
        Ok(if merged || !conflicts.is_empty() {
            SaveOutcome::Merged {
                annotations: result,
                conflicts,
                disk_copy,
            }
        } else if unchanged {
            SaveOutcome::Unchanged
        } else {
            SaveOutcome::Saved
        })
    }

    /// The file changed on disk (the watcher says so): merges it with
    /// `ours` (what the session holds, as a save would merge it) without
    /// writing — unless the merge holds something of ours the file lacks
    /// (changes not saved yet, a conflict's both texts): then it is saved
    /// as [`Store::save`] saves. The file's own writes are told apart by
    /// their bytes, which are the store's last read or write.
    pub fn reload(&mut self, ours: Arc<Annotations>) -> Result<ReloadOutcome, SaveError> {
        let current = match fs::read(&self.real) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if self.disk.is_none() {
                    return Ok(ReloadOutcome::Unchanged);
                }
                self.astray = true;
                return Ok(ReloadOutcome::Removed);
            }
            Err(source) => {
                return Err(SaveError::Io {
                    path: self.path.clone(),
                    source,
                })
            }
        };
        let as_last = self.disk.as_ref().is_some_and(|(last, _)| *last == current);
        if as_last && !self.astray {
            return Ok(ReloadOutcome::Unchanged);
        }
        let (theirs, warnings) = match parse(&current, &self.path) {
            Ok(read) => read,
            Err(bad) => {
                self.astray = true;
                return Ok(ReloadOutcome::Broken(bad));
            }
        };
        self.astray = false;
        let text = String::from_utf8_lossy(&current).into_owned();
        let merged = merge3(&self.base, &ours, &theirs);
        let mut on_disk = theirs.clone();
        on_disk.prune();
        if merged.conflicts.is_empty() && merged.annotations == on_disk {
            // Nothing of ours is missing from the file: it is left as it is
            // (its layout and comments too) and becomes the next base.
            let theirs = Arc::new(theirs);
            self.base = theirs.clone();
            self.disk = Some((current, theirs.clone()));
            return Ok(ReloadOutcome::Merged {
                annotations: theirs,
                conflicts: Vec::new(),
                disk_copy: None,
                written: false,
                warnings,
                text,
            });
        }
        let (annotations, conflicts, disk_copy) = match self.save(ours.clone())? {
            SaveOutcome::Merged {
                annotations,
                conflicts,
                disk_copy,
            } => (annotations, conflicts, disk_copy),
            SaveOutcome::Saved | SaveOutcome::Unchanged => (ours, Vec::new(), None),
        };
        // What was written is what the warnings are placed in now.
        let text = to_yaml(&annotations);
        let warnings = from_yaml(&text, &self.path).map_or_else(|_| Vec::new(), |(_, w)| w);
        Ok(ReloadOutcome::Merged {
            annotations,
            conflicts,
            disk_copy,
            written: true,
            warnings,
            text,
        })
    }

    fn conflict_copy_path(&self) -> PathBuf {
        let stem = self
            .real
            .file_stem()
            .map_or("annotations".into(), |s| s.to_string_lossy().into_owned());
        let stamp = Utc::now().format("%Y-%m-%dT%H-%M-%S%.3fZ");
        self.real
            .with_file_name(format!("{stem}.conflict-{stamp}.yaml"))
    }
}

/// After a save that merged: what the session should show. `sent` is the
/// snapshot that was saved, `current` the session's state now (it may have
/// changed since), `merged` what was written.
pub fn adopt(sent: &Annotations, current: &Annotations, merged: &Annotations) -> Annotations {
    adopt_telling(sent, current, merged).annotations
}

/// [`adopt`], and the fields both the session (since `sent`) and the merge
/// changed, each its own way (the session's kept): for the session to say.
pub fn adopt_telling(
    sent: &Annotations,
    current: &Annotations,
    merged: &Annotations,
) -> super::merge::Merged {
    super::merge::merge3(sent, current, merged)
}

/// A file that does not read: what of it is shown, its diagnostics (at
/// their `path:line:col`) and why the annotations are read-only, in a few
/// words ("annotations.yaml:4:1 is malformed").
#[derive(Debug, Clone)]
pub struct Malformed {
    pub shown: Annotations,
    pub diagnostics: Vec<Diagnostic>,
    pub why: String,
}

/// Reads the bytes of an annotations file: the annotations and their
/// warnings, or, when they have an error, what a salvage keeps.
pub(crate) fn parse(
    bytes: &[u8],
    path: &Path,
) -> Result<(Annotations, Vec<Diagnostic>), Box<Malformed>> {
    let name = file_name(path);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let d = Diagnostic::error(
                path,
                Pos::of_offset(&String::from_utf8_lossy(bytes), e.valid_up_to()),
                "not valid UTF-8; annotations are read-only until this is fixed",
            );
            return Err(Box::new(Malformed {
                shown: Annotations::default(),
                why: Refusal::malformed(&name, &[&d]).why,
                diagnostics: vec![d],
            }));
        }
    };
    from_yaml(text, path).map_err(|d| {
        let (shown, found) = salvage(text, path)
            .filter(|(_, ds)| ds.iter().any(Diagnostic::is_error))
            .unwrap_or_else(|| (Annotations::default(), vec![d]));
        let errors: Vec<&Diagnostic> = found.iter().filter(|d| d.is_error()).collect();
        Box::new(Malformed {
            shown,
            why: Refusal::malformed(&name, &errors).why,
            diagnostics: found,
        })
    })
}

/// Where writes to `path` go: itself, or the file a symlink leads to when
/// that file is in the link's folder or below. `Err`: the file a link leads
/// out to, which must never be written (a corpus could otherwise point its
/// `annotations.yaml` at a configuration file). A dangling link is replaced
/// by the file on the first save, in its own folder.
fn resolve_symlink(path: &Path) -> Result<PathBuf, PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(target) => {
                let folder = fs::canonicalize(parent_dir(path));
                if folder.is_ok_and(|f| target.starts_with(f)) {
                    Ok(target)
                } else {
                    Err(target)
                }
            }
            Err(_) => Ok(path.to_path_buf()),
        },
        _ => Ok(path.to_path_buf()),
    }
}

/// Locks `.<name>.lock` beside the file (the file itself is replaced by
/// rename, so a lock on it would not be seen by the next save). The lock
/// is released when the returned file is dropped.
fn lock_for_save(path: &Path) -> io::Result<File> {
    let lock_path = parent_dir(path).join(format!(".{}.lock", file_name(path)));
    // Opening follows links: one planted there could create a file
    // anywhere.
    if fs::symlink_metadata(&lock_path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other(format!(
            "{} is a symbolic link, not chronique's lock file; remove it",
            lock_path.display()
        )));
    }
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path)?;
    file.lock()?;
    Ok(file)
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or("annotations.yaml".into(), |n| {
        n.to_string_lossy().into_owned()
    })
}

fn temp_prefix(path: &Path) -> String {
    format!(".{}.tmp-", file_name(path))
}

fn backup_temp_prefix(path: &Path) -> String {
    format!(".{}.bak.tmp-", file_name(path))
}

/// Writes `bytes` to `path` atomically; with `backup`, the file it replaces
/// becomes `<path>.bak`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> io::Result<()> {
    let dir = parent_dir(path);
    let pid = std::process::id();
    if backup {
        // A hard link keeps the old content without copying it; the rename
        // makes the switch of `.bak` atomic too.
        let bak = dir.join(format!("{}.bak", file_name(path)));
        let bak_tmp = dir.join(format!("{}{pid}", backup_temp_prefix(path)));
        let _ = fs::remove_file(&bak_tmp);
        let made = match fs::hard_link(path, &bak_tmp) {
            Ok(()) => Ok(()),
            Err(_) => fs::read(path).and_then(|old| write_file(&bak_tmp, &old, None)),
        };
        removing_on_error(&bak_tmp, made.and_then(|()| fs::rename(&bak_tmp, &bak)))?;
    }
    let tmp = dir.join(format!("{}{pid}", temp_prefix(path)));
    let _ = fs::remove_file(&tmp);
    let perms = fs::metadata(path).ok().map(|m| m.permissions());
    let written = write_file(&tmp, bytes, perms).and_then(|()| fs::rename(&tmp, path));
    removing_on_error(&tmp, written)?;
    sync_dir(dir)
}

/// A failed step (a full disk, a `.bak` that cannot be replaced) leaves no
/// temporary file behind.
fn removing_on_error(tmp: &Path, result: io::Result<()>) -> io::Result<()> {
    if result.is_err() {
        let _ = fs::remove_file(tmp);
    }
    result
}

/// Writes a new file: `create_new` never follows a link left at `path`
/// (which would write wherever it points).
fn write_file(path: &Path, bytes: &[u8], perms: Option<fs::Permissions>) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)?;
    if let Some(p) = perms {
        f.set_permissions(p)?;
    }
    f.sync_all()
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Temporary files left by a process killed mid-save (a save never takes a
/// minute, so older ones are abandoned).
fn remove_stale_temporaries(path: &Path) {
    let dir = parent_dir(path);
    let prefixes = [temp_prefix(path), backup_temp_prefix(path)];
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let cutoff = SystemTime::now() - Duration::from_secs(60);
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !prefixes.iter().any(|p| name.starts_with(p.as_str())) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < cutoff);
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
}
