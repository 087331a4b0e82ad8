//! Keys written as text, as the keymap file writes them: "j", "G", "ctrl-d", "alt-b", "pagedown", "f1".

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Shift is implied by the character itself ('G', '?').
pub fn normalize(mut key: KeyEvent) -> KeyEvent {
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        key.modifiers.remove(KeyModifiers::SHIFT);
    }
    KeyEvent::new(key.code, key.modifiers)
}

pub fn parse_key(spec: &str) -> Result<KeyEvent, String> {
    let (mods, name) = match spec.rsplit_once('-') {
        Some((m, k)) if !k.is_empty() && !m.is_empty() => (m, k),
        _ => ("", spec),
    };
    let mut modifiers = KeyModifiers::NONE;
    for m in mods.split('-').filter(|m| !m.is_empty()) {
        modifiers |= match m {
            "ctrl" => KeyModifiers::CONTROL,
            "alt" => KeyModifiers::ALT,
            "shift" => KeyModifiers::SHIFT,
            other => return Err(format!("unknown modifier `{other}` in key `{spec}`")),
        };
    }
    let code = match name {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "backspace" => KeyCode::Backspace,
        "delete" => KeyCode::Delete,
        "space" => KeyCode::Char(' '),
        f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
            KeyCode::F(f[1..].parse().unwrap_or(1))
        }
        c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap_or(' ')),
        other => return Err(format!("unknown key `{other}`")),
    };
    Ok(normalize(KeyEvent::new(code, modifiers)))
}

/// How a key is shown in the help: "Ctrl-d", "Enter", "PgDn".
pub fn display_key(spec: &str) -> String {
    let pretty = |k: &str| -> String {
        match k {
            "enter" => "Enter".into(),
            "esc" => "Esc".into(),
            "tab" => "Tab".into(),
            "backtab" => "Shift-Tab".into(),
            "up" => "↑".into(),
            "down" => "↓".into(),
            "left" => "←".into(),
            "right" => "→".into(),
            "home" => "Home".into(),
            "end" => "End".into(),
            "pageup" => "PgUp".into(),
            "pagedown" => "PgDn".into(),
            "space" => "Space".into(),
            "backspace" => "Backspace".into(),
            "delete" => "Delete".into(),
            f if f.len() > 1 && f.starts_with('f') => f.to_uppercase(),
            other => other.into(),
        }
    };
    match spec.rsplit_once('-') {
        Some((m, k)) if !k.is_empty() && !m.is_empty() => {
            let mods: Vec<String> = m.split('-').map(crate::view::text::capitalise).collect();
            format!("{}-{}", mods.join("-"), pretty(k))
        }
        _ => pretty(spec),
    }
}
