//! A QR code for the terminal: `mend sync link` shows the link URI this way, so a phone already in sync can
//! scan it instead of typing the code. Each character is one module wide and two modules tall (Unicode
//! half blocks), which keeps the modules square in a terminal's cells, with the four-module quiet zone the QR
//! standard asks for all round. [`paint`] fixes black on white, so the code scans the same on a dark terminal
//! as on a light one; without colours (`NO_COLOR`) the terminal's own text colour is the ink. Encoding is the
//! `qrcode` crate's (no image features); only the drawing is here.

use qrcode::{Color, QrCode};

/// Light modules round the code (the QR standard's quiet zone).
pub const QUIET: usize = 4;

/// Black on bright white, and back to the terminal's own colours.
const BLACK_ON_WHITE: (&str, &str) = ("\x1b[30;107m", "\x1b[0m");

/// `text` as a QR code, one string per terminal line, dark modules drawn in the text colour; an error only
/// when `text` is too long for a QR code.
pub fn lines(text: &str) -> Result<Vec<String>, qrcode::types::QrError> {
    let code = QrCode::new(text.as_bytes())?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let dark = |x: usize, y: usize| {
        let inside = (QUIET..QUIET + width).contains(&x) && (QUIET..QUIET + width).contains(&y);
        inside && colors[(y - QUIET) * width + (x - QUIET)] == Color::Dark
    };
    Ok((0..size)
        .step_by(2)
        .map(|y| {
            (0..size)
                .map(|x| match (dark(x, y), dark(x, y + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect())
}

/// `lines` in black on white, each line reset after itself.
pub fn paint(lines: &[String]) -> Vec<String> {
    let (on, off) = BLACK_ON_WHITE;
    lines.iter().map(|line| format!("{on}{line}{off}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const URI: &str = "mend://link#ABCD-EFGH-JKMN-PQRS";

    #[test]
    fn the_code_is_square_with_a_quiet_zone_all_round() {
        let lines = lines(URI).unwrap();
        let size = lines[0].chars().count();
        // Version 3 (29 modules) for a link URI, plus the quiet zone; two modules a line.
        assert_eq!(size, 29 + 2 * QUIET);
        assert!(lines.iter().all(|line| line.chars().count() == size), "every line is as wide as the first");
        assert_eq!(lines.len(), size.div_ceil(2), "as many modules tall as wide");
        let blank = " ".repeat(size);
        assert_eq!(&lines[..QUIET / 2], vec![blank.clone(); QUIET / 2], "quiet zone above");
        assert!(lines[lines.len() - QUIET / 2..].iter().all(|line| *line == blank), "quiet zone below");
        for line in &lines {
            let chars: Vec<char> = line.chars().collect();
            assert!(chars[..QUIET].iter().chain(&chars[size - QUIET..]).all(|&c| c == ' '), "{line:?}");
        }
        // The top-left finder pattern starts right after the quiet zone: a full row, then its hollow middle.
        let finder: String = lines[QUIET / 2].chars().skip(QUIET).take(7).collect();
        assert_eq!(finder, "█▀▀▀▀▀█");
    }

    #[test]
    fn the_same_text_draws_the_same_code_and_another_text_another() {
        assert_eq!(lines(URI).unwrap(), lines(URI).unwrap());
        assert_ne!(lines(URI).unwrap(), lines("mend://link#ABCD-EFGH-JKMN-PQRT").unwrap());
    }

    #[test]
    fn painting_wraps_each_line_in_black_on_white_and_resets() {
        let painted = paint(&lines(URI).unwrap());
        assert!(painted.iter().all(|line| line.starts_with("\x1b[30;107m") && line.ends_with("\x1b[0m")));
    }

    #[test]
    fn text_too_long_for_a_qr_code_is_an_error_not_a_panic() {
        assert!(lines(&"A".repeat(8000)).is_err());
    }
}
