//! The terminal, entered and restored in one place: [`Terminal`]'s `Drop`
//! and a chained panic hook both call [`restore`], which is idempotent.
//! Every frame reaches it through [`SafeBackend`], so no text from a file is
//! ever sent to the terminal raw.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::borrow::Cow;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

pub struct Terminal {
    pub inner: ratatui::Terminal<SafeBackend<CrosstermBackend<Stdout>>>,
}

impl Terminal {
    pub fn enter() -> io::Result<Terminal> {
        install_panic_hook();
        activate()?;
        let inner = ratatui::Terminal::new(SafeBackend::new(CrosstermBackend::new(io::stdout())))
            .inspect_err(|_| restore())?;
        Ok(Terminal { inner })
    }

    /// Hands the terminal to another program (the editor): the main screen,
    /// cooked mode, the cursor shown.
    pub fn suspend(&mut self) {
        restore();
    }

    /// Takes the terminal back after [`Terminal::suspend`]; the next frame
    /// is drawn whole.
    pub fn resume(&mut self) -> io::Result<()> {
        activate()?;
        self.inner.clear()
    }
}

/// Raw mode, the alternate screen, mouse capture, the cursor hidden.
fn activate() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )
    .inspect_err(|_| restore())
}

impl Drop for Terminal {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves the alternate screen, mouse capture and raw mode. Safe to call
/// more than once and from a panic hook.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
    }
}

/// Restores the terminal before the previous hook prints the panic, so the
/// message lands on a usable screen.
fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Text open in an editor or a form goes to the recovery file.
            crate::runtime::recovery_slot::write_now();
            restore();
            previous(info);
        }));
    });
}

/// A backend that shows every character a terminal would act on (escape
/// sequences, line breaks, bidirectional overrides) as a visible stand-in
/// before handing the cell on: the one place where drawn text meets the
/// terminal (see [`crate::safe_text`]). Widgets can draw corpus text as it
/// is; what they put in a cell cannot move the cursor, change the title,
/// clear the screen or write the clipboard.
#[derive(Debug)]
pub struct SafeBackend<B> {
    inner: B,
}

impl<B> SafeBackend<B> {
    pub fn new(inner: B) -> Self {
        SafeBackend { inner }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }
}

impl SafeBackend<ratatui::backend::TestBackend> {
    /// What the terminal shows (for tests).
    pub fn buffer(&self) -> &ratatui::buffer::Buffer {
        self.inner.buffer()
    }
}

impl<B: std::fmt::Display> std::fmt::Display for SafeBackend<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl<B: Backend> Backend for SafeBackend<B> {
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // Only the cells that changed come here; the few that need cleaning
        // are copied, the rest passed on as they are.
        let cells: Vec<(u16, u16, Cow<'a, Cell>)> = content
            .map(
                |(x, y, cell)| match crate::safe_text::cell_symbol(cell.symbol()) {
                    None => (x, y, Cow::Borrowed(cell)),
                    Some(symbol) => {
                        let mut clean = cell.clone();
                        clean.set_symbol(&symbol);
                        (x, y, Cow::Owned(clean))
                    }
                },
            )
            .collect();
        self.inner
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell.as_ref())))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
