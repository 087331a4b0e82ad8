//! Reading the files chronique is given (corpus, themes, keymap,
//! annotations): only regular files, and at most [`MAX_FILE_BYTES`], so a
//! FIFO cannot block the reader and a link to `/dev/zero` cannot fill memory.
//! Also the corpus's symlink rule: [`leaves_dir`].

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::diagnostic::Pos;

/// The largest file read: 64 MiB, far above any hand-written corpus file
/// (the 10,000-article benchmark corpus's largest file, its timeline, is
/// about 4 MB).
pub(crate) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file was not read. Its `Display` is a message without the path
/// (callers put it in a `path:line:col: error:` diagnostic).
#[derive(Debug)]
pub enum ReadError {
    /// A directory, FIFO, socket or device: `what` names it.
    NotRegular {
        what: &'static str,
    },
    TooLarge {
        bytes: u64,
    },
    Io(io::Error),
}

impl ReadError {
    /// The underlying IO error kind (`NotFound` lets callers treat a
    /// missing optional file as absent).
    pub fn kind(&self) -> io::ErrorKind {
        match self {
            ReadError::Io(e) => e.kind(),
            ReadError::NotRegular { .. } => io::ErrorKind::InvalidInput,
            ReadError::TooLarge { .. } => io::ErrorKind::FileTooLarge,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MIB: u64 = 1024 * 1024;
        match self {
            ReadError::NotRegular { what } => {
                write!(
                    f,
                    "not a regular file ({what}): only regular files are read"
                )
            }
            ReadError::TooLarge { bytes } => write!(
                f,
                "too large ({} MiB): files larger than {} MiB are not read",
                bytes.div_ceil(MIB),
                MAX_FILE_BYTES / MIB
            ),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// The bytes of the regular file at `path` (symlinks followed), at most
/// [`MAX_FILE_BYTES`].
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            what: kind_name(&meta.file_type()),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: meta.len() });
    }
    // The file may grow while it is read: never take more than the cap.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Like [`read`], as UTF-8 text.
pub fn read_to_string(path: &Path) -> Result<String, TextError> {
    utf8(read(path).map_err(TextError::Read)?).map_err(TextError::NotUtf8)
}

/// `bytes` as text, or where they stop being UTF-8.
pub fn utf8(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        NotUtf8 {
            pos: Pos::of_offset(before, valid),
            byte: bytes[valid],
        }
    })
}

/// Text that is not UTF-8: the first bad byte and its place (1-based line,
/// column in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    pub pos: Pos,
    pub byte: u8,
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid UTF-8 (byte 0x{:02X}): save the file as UTF-8",
            self.byte
        )
    }
}

/// A text file that could not be read, or is not UTF-8.
#[derive(Debug)]
pub enum TextError {
    Read(ReadError),
    NotUtf8(NotUtf8),
}

impl TextError {
    /// Where in the file the problem is (its start when it is not in the text).
    pub fn pos(&self) -> Pos {
        match self {
            TextError::Read(_) => Pos::START,
            TextError::NotUtf8(e) => e.pos,
        }
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::Read(e) => write!(f, "{e}"),
            TextError::NotUtf8(e) => write!(f, "{e}"),
        }
    }
}

/// Opening a FIFO for reading waits for a writer; non-blocking, it returns
/// at once and `read` refuses it.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn kind_name(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// Whether `path`, once its symlinks are resolved, is outside `dir` (also
/// resolved). A path that cannot be resolved (a dangling link) is not
/// outside: reading it reports why it cannot be read.
pub(crate) fn leaves_dir(dir: &Path, path: &Path) -> bool {
    let (Ok(dir), Ok(real)) = (dir.canonicalize(), path.canonicalize()) else {
        return false;
    };
    !real.starts_with(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "x: 1\n").unwrap();
        assert_eq!(read(&file).unwrap(), b"x: 1\n");
        assert_eq!(read_to_string(&file).unwrap(), "x: 1\n");
    }

    #[test]
    fn refuses_directories_and_devices() {
        let dir = tempfile::tempdir().unwrap();
        let e = read(dir.path()).unwrap_err();
        assert!(e.to_string().starts_with("not a regular file"), "{e}");
        #[cfg(unix)]
        {
            let e = read(Path::new("/dev/zero")).unwrap_err();
            assert_eq!(
                e.to_string(),
                "not a regular file (a device): only regular files are read"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        let e = read(&fifo).unwrap_err();
        assert_eq!(
            e.to_string(),
            "not a regular file (a FIFO): only regular files are read"
        );
    }

    #[test]
    fn files_over_the_cap_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.md");
        let f = File::create(&file).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: nothing is written
        let e = read(&file).unwrap_err();
        assert_eq!(
            e.to_string(),
            "too large (65 MiB): files larger than 64 MiB are not read"
        );
    }

    #[test]
    fn non_utf8_text_is_placed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.yaml");
        std::fs::write(&file, b"a: 1\nb: \xE9t\xE9\n").unwrap();
        let e = read_to_string(&file).unwrap_err();
        assert_eq!(e.pos(), Pos::new(2, 4));
        assert_eq!(
            e.to_string(),
            "invalid UTF-8 (byte 0xE9): save the file as UTF-8"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_leaving_a_directory_are_told_apart_from_links_inside_it() {
        let outside = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        std::fs::write(corpus.path().join("real.md"), "x").unwrap();
        let link = |target: &Path, name: &str| {
            let at = corpus.path().join(name);
            std::os::unix::fs::symlink(target, &at).unwrap();
            at
        };
        let out = link(&outside.path().join("secret.md"), "out.md");
        let inside = link(Path::new("real.md"), "in.md");
        let dangling = link(Path::new("nowhere.md"), "dangling.md");
        assert!(leaves_dir(corpus.path(), &out));
        assert!(!leaves_dir(corpus.path(), &inside));
        assert!(!leaves_dir(corpus.path(), &dangling));
    }
}
