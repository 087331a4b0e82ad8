//! Runs the real binary in a pseudo-terminal and reads its screen with vt100.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

pub struct Session {
    pub parser: vt100::Parser,
    /// Every byte the program wrote.
    pub raw: Vec<u8>,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    pub fn spawn(args: &[&str], cwd: &Path, env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_chronique"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        // The tester's own keymap, themes, sample annotations and corpus
        // cache stay out.
        cmd.env("XDG_CONFIG_HOME", cwd.join(".config"));
        cmd.env("XDG_DATA_HOME", cwd.join(".local/share"));
        cmd.env("XDG_CACHE_HOME", cwd.join(".cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn chronique");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            output: rx,
            writer,
            child,
            _master: pair.master,
        }
    }

    /// Sends SIGTERM to the program, as a closing terminal or `kill` would.
    pub fn terminate(&self) {
        self.signal("TERM");
    }

    /// Sends the signal named `name` (`INT`, `QUIT`, `USR1`…) with `kill`.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a running program");
        let killed = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .expect("run kill");
        assert!(killed.success());
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`; panics with the screen if not.
    pub fn wait_for(&mut self, text: &str) {
        self.wait_until(text, |screen| screen.contains(text));
    }

    /// Waits until `text` is gone from the screen.
    pub fn wait_gone(&mut self, text: &str) {
        self.wait_until(text, |screen| !screen.contains(text));
    }

    fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if done(&self.screen()) {
                return;
            }
        }
        panic!("timed out waiting on {what:?}; screen:\n{}", self.screen());
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the program to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(20));
            if let Some(status) = self.child.try_wait().unwrap() {
                // Drain what it wrote last.
                self.pump(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "did not exit; screen:\n{}",
                self.screen()
            );
        }
    }

    /// Whether the program left the alternate screen it entered, turned
    /// mouse capture off and showed the cursor again.
    pub fn terminal_restored(&self) -> bool {
        let s = String::from_utf8_lossy(&self.raw);
        let (enter, leave) = (s.rfind("\x1b[?1049h"), s.rfind("\x1b[?1049l"));
        let screen = self.parser.screen();
        enter.is_some()
            && leave > enter
            && !screen.alternate_screen()
            && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
            && !screen.hide_cursor()
    }
}
