//! Colour and modifier names as theme files write them.

use ratatui::style::{Color, Modifier};

/// The named colours a theme may use (snake_case; `-` and spaces are accepted
/// in place of `_`, and `grey` for `gray`).
pub(crate) const COLOR_NAMES: &[&str] = &[
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark_gray",
    "light_red",
    "light_green",
    "light_yellow",
    "light_blue",
    "light_magenta",
    "light_cyan",
    "white",
    "reset",
];

pub(crate) const MODIFIER_NAMES: &[&str] = &[
    "bold",
    "dim",
    "italic",
    "underlined",
    "reversed",
    "crossed_out",
];

fn normalise(name: &str) -> String {
    name.trim()
        .to_ascii_lowercase()
        .replace(['-', ' '], "_")
        .replace("grey", "gray")
}

/// Parses a colour: a name from [`COLOR_NAMES`], `#rrggbb`, `#rgb`, or an
/// index 0–255 (as text). The error says what is accepted.
pub(crate) fn parse_color(text: &str) -> Result<Color, String> {
    let name = normalise(text);
    if let Some(hex) = name.strip_prefix('#') {
        return parse_hex(hex).ok_or_else(|| {
            format!("bad colour `{text}`: write hex colours as `#rrggbb` or `#rgb`")
        });
    }
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        return match name.parse::<u16>() {
            Ok(n) if n <= 255 => Ok(Color::Indexed(n as u8)),
            _ => Err(format!("colour index {text} is out of range: use 0 to 255")),
        };
    }
    let color = match name.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "dark_gray" => Color::DarkGray,
        "light_red" => Color::LightRed,
        "light_green" => Color::LightGreen,
        "light_yellow" => Color::LightYellow,
        "light_blue" => Color::LightBlue,
        "light_magenta" => Color::LightMagenta,
        "light_cyan" => Color::LightCyan,
        "white" => Color::White,
        "reset" => Color::Reset,
        _ => {
            return Err(format!(
                "unknown colour `{text}`{}: use a palette name, `#rrggbb`, an index 0-255, or one of {}",
                suggestion(&name, COLOR_NAMES),
                COLOR_NAMES.join(", ")
            ))
        }
    };
    Ok(color)
}

fn parse_hex(hex: &str) -> Option<Color> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
    let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    match hex.len() {
        6 => Some(Color::Rgb(pair(0)?, pair(2)?, pair(4)?)),
        3 => Some(Color::Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
        _ => None,
    }
}

pub(crate) fn parse_modifier(text: &str) -> Result<Modifier, String> {
    let modifier = match normalise(text).as_str() {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" | "underline" => Modifier::UNDERLINED,
        "reversed" | "reverse" => Modifier::REVERSED,
        "crossed_out" | "strikethrough" => Modifier::CROSSED_OUT,
        other => {
            return Err(format!(
                "unknown modifier `{text}`{}: use {}",
                suggestion(other, MODIFIER_NAMES),
                MODIFIER_NAMES.join(", ")
            ))
        }
    };
    Ok(modifier)
}

fn suggestion(name: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score > 0.8)
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

/// WCAG relative luminance of an RGB colour. Only the tests measure
/// contrast (of the built-in themes), so it is built for them alone.
#[cfg(test)]
pub(crate) fn luminance(color: Color) -> Option<f64> {
    let Color::Rgb(r, g, b) = color else {
        return None;
    };
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    Some(0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b))
}

/// WCAG contrast ratio (1 to 21) of two RGB colours; `None` for other colours.
#[cfg(test)]
pub(crate) fn contrast(a: Color, b: Color) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// Whether the terminal says it shows 24-bit colour (`COLORTERM` is
/// `truecolor` or `24bit`). Without it, hex colours should be approximated
/// with [`to_indexed`].
pub fn truecolor(colorterm: Option<&str>) -> bool {
    matches!(colorterm.map(str::trim), Some("truecolor" | "24bit"))
}

/// The nearest colour of the xterm 256-colour palette (its 6×6×6 cube or
/// its grey ramp) for an RGB colour; other colours are kept.
pub fn to_indexed(color: Color) -> Color {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let Color::Rgb(r, g, b) = color else {
        return color;
    };
    let distance = |(r2, g2, b2): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, r2) + d(g, g2) + d(b, b2)
    };
    let nearest_level = |c: u8| {
        (0..6)
            .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(c)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (nearest_level(r), nearest_level(g), nearest_level(b));
    let cube = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let cube_index = 16 + 36 * ri + 6 * gi + bi;
    let grey_step = ((i32::from(r) + i32::from(g) + i32::from(b)) / 3 - 8 + 5).clamp(0, 239) / 10;
    let grey = 8 + 10 * grey_step as u8;
    let index = if distance((grey, grey, grey)) < distance(cube) {
        232 + grey_step as usize
    } else {
        cube_index
    };
    Color::Indexed(index as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_hex_and_indexes() {
        assert_eq!(parse_color("dark_gray"), Ok(Color::DarkGray));
        assert_eq!(parse_color("Dark-Grey"), Ok(Color::DarkGray));
        assert_eq!(parse_color("light_cyan"), Ok(Color::LightCyan));
        assert_eq!(parse_color("#e0AF68"), Ok(Color::Rgb(0xe0, 0xaf, 0x68)));
        assert_eq!(parse_color("#fa0"), Ok(Color::Rgb(0xff, 0xaa, 0x00)));
        assert_eq!(parse_color("208"), Ok(Color::Indexed(208)));
        assert_eq!(parse_color("reset"), Ok(Color::Reset));
    }

    #[test]
    fn rejects_bad_colours_with_a_hint() {
        let e = parse_color("amberr").unwrap_err();
        assert!(e.contains("unknown colour `amberr`"), "{e}");
        let e = parse_color("magneta").unwrap_err();
        assert!(e.contains("did you mean `magenta`?"), "{e}");
        assert!(parse_color("#12345").unwrap_err().contains("#rrggbb"));
        assert!(parse_color("#gggggg").is_err());
        assert!(parse_color("256").unwrap_err().contains("0 to 255"));
        assert!(parse_color("99999999999999999999").is_err());
        assert!(parse_color("").is_err());
    }

    #[test]
    fn parses_modifiers() {
        assert_eq!(parse_modifier("underlined"), Ok(Modifier::UNDERLINED));
        assert_eq!(parse_modifier("crossed-out"), Ok(Modifier::CROSSED_OUT));
        let e = parse_modifier("blod").unwrap_err();
        assert!(e.contains("did you mean `bold`?"), "{e}");
    }

    #[test]
    fn approximates_rgb_with_the_256_palette() {
        assert_eq!(to_indexed(Color::Rgb(0, 0, 0)), Color::Indexed(16));
        assert_eq!(to_indexed(Color::Rgb(255, 255, 255)), Color::Indexed(231));
        assert_eq!(to_indexed(Color::Rgb(255, 0, 0)), Color::Indexed(196));
        // Dark blue-grey backgrounds land on the grey ramp, not the cube.
        assert_eq!(
            to_indexed(Color::Rgb(0x1b, 0x1e, 0x27)),
            Color::Indexed(234)
        );
        assert_eq!(
            to_indexed(Color::Rgb(0xe6, 0xc0, 0x7b)),
            Color::Indexed(180)
        );
        assert_eq!(to_indexed(Color::Yellow), Color::Yellow);
        assert!(truecolor(Some("truecolor")) && truecolor(Some("24bit")));
        assert!(!truecolor(None) && !truecolor(Some("")));
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        let c = contrast(Color::Rgb(0, 0, 0), Color::Rgb(255, 255, 255)).unwrap();
        assert!((c - 21.0).abs() < 1e-9);
        assert_eq!(contrast(Color::Red, Color::Rgb(0, 0, 0)), None);
    }
}
