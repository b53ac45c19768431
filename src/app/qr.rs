//! Links as QR codes, for the phones in the room: the code of a link (made with the `qrcode`
//! crate), with what the link is. How the modules are drawn is `ui`'s.

use qrcode::EcLevel;

/// Modules of light ground a reader needs around a code: the four the QR standard asks for.
pub const QUIET_ZONE: usize = 4;

/// A link as a QR code: its modules, dark or light.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrCode {
    /// Modules per side, without the quiet zone.
    side: usize,
    /// Whether each module is dark, row by row.
    dark: Vec<bool>,
}

impl QrCode {
    /// The code of `url`, or `None` when the link is too long for any QR code. A link that
    /// parses is encoded in its ASCII form (punycode host, percent-encoded path), which every
    /// reader takes. The error correction is the lowest level, L: a screen is not torn or
    /// stained, and fewer modules make each one larger at the same size on screen, which is what
    /// a phone across a room needs.
    pub fn new(url: &str) -> Option<QrCode> {
        let code =
            qrcode::QrCode::with_error_correction_level(data(url).as_ref(), EcLevel::L).ok()?;
        Some(QrCode {
            side: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|colour| colour == qrcode::Color::Dark)
                .collect(),
        })
    }

    /// The QR version, 1 to 40: the size of the code, 21 modules a side for 1 and 4 more for
    /// each version after it. Tests ask it; drawing needs only the side.
    #[cfg(test)]
    pub fn version(&self) -> usize {
        (self.side - 17) / 4
    }

    /// Modules per side, the quiet zone included.
    pub fn side(&self) -> usize {
        self.side + 2 * QUIET_ZONE
    }

    /// Whether the module at `x`, `y` is dark, counted from the outer corner of the quiet zone;
    /// the quiet zone and anything beyond it are light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        let (Some(x), Some(y)) = (x.checked_sub(QUIET_ZONE), y.checked_sub(QUIET_ZONE)) else {
            return false;
        };
        x < self.side && y < self.side && self.dark[y * self.side + x]
    }

    /// The columns and rows the code takes with its quiet zone when each module is `scale`
    /// columns wide and `scale` half rows tall. A terminal's cells are about twice as tall as
    /// they are wide, so that keeps the modules square.
    pub fn cells(&self, scale: u16) -> (u16, u16) {
        cells(self.side(), scale)
    }

    /// The columns and rows the code of `url` would take, as `cells(1)` gives them, without
    /// making it: the version its data needs decides them, and placing and masking the modules
    /// is most of the cost of a code. `None` when the link is too long for any QR code.
    pub fn cells_of(url: &str) -> Option<(u16, u16)> {
        let bits = qrcode::bits::encode_auto(data(url).as_bytes(), EcLevel::L).ok()?;
        let side = usize::try_from(bits.version().width()).ok()?;
        Some(cells(side + 2 * QUIET_ZONE, 1))
    }
}

/// What the code of `url` holds: its ASCII form where it parses.
fn data(url: &str) -> std::borrow::Cow<'_, str> {
    match url::Url::parse(url) {
        Ok(parsed) => std::borrow::Cow::Owned(parsed.into()),
        Err(_) => std::borrow::Cow::Borrowed(url),
    }
}

/// The columns and rows of a code `side` modules a side, with its quiet zone, at `scale`.
fn cells(side: usize, scale: u16) -> (u16, u16) {
    let side = u16::try_from(side).unwrap_or(u16::MAX);
    let columns = side.saturating_mul(scale);
    (columns, columns.div_ceil(2))
}

/// A link to show as a QR code, with what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrLink {
    /// What the link is ("Compassion: video"), made safe to display.
    pub label: String,
    pub url: String,
    /// `None` when the link is too long for a QR code.
    pub code: Option<QrCode>,
}

impl QrLink {
    pub fn new(label: &str, url: &str) -> QrLink {
        QrLink {
            label: crate::text::visible(label).into_owned(),
            url: url.to_owned(),
            code: QrCode::new(url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_video_link_is_a_small_code_with_a_light_quiet_zone() {
        let code = QrCode::new("https://www.youtube.com/watch?v=ri-ty0j2ojs").expect("it fits");
        assert_eq!(code.version(), 3, "43 bytes at level L");
        assert_eq!(code.side(), 29 + 8);
        assert_eq!(code.cells(1), (37, 19));
        assert_eq!(code.cells(2), (74, 37));
        // The quiet zone, then the finder pattern's dark corner, on each side of it.
        for at in 0..QUIET_ZONE {
            assert!(!code.is_dark(at, QUIET_ZONE) && !code.is_dark(QUIET_ZONE, at));
        }
        assert!(code.is_dark(QUIET_ZONE, QUIET_ZONE));
        assert!(code.is_dark(QUIET_ZONE + 28, QUIET_ZONE));
        assert!(!code.is_dark(QUIET_ZONE + 29, QUIET_ZONE));
        assert!(!code.is_dark(1000, 1000));
    }

    #[test]
    fn the_cells_of_a_link_are_those_of_its_code_without_making_it() {
        for length in [0, 10, 40, 100, 300, 1000, 2900] {
            let url = format!("https://café.example/{}", "x".repeat(length));
            let code = QrCode::new(&url).expect("it fits");
            assert_eq!(QrCode::cells_of(&url), Some(code.cells(1)), "{length}");
        }
        assert_eq!(
            QrCode::cells_of("not a link"),
            QrCode::new("not a link").map(|code| code.cells(1))
        );
        assert_eq!(
            QrCode::cells_of(&format!("https://e.org/{}", "x".repeat(3000))),
            None
        );
    }

    #[test]
    fn a_link_is_encoded_in_its_ascii_form_and_a_long_one_has_no_code() {
        let ascii = QrCode::new("https://xn--caf-dma.example/caf%C3%A9");
        assert!(ascii.is_some());
        assert_eq!(QrCode::new("https://café.example/café"), ascii);
        assert_eq!(
            QrCode::new(&format!("https://e.org/{}", "x".repeat(3000))),
            None
        );
        let link = QrLink::new("a\u{1b}[2Jb", "https://e.org/");
        assert_eq!(link.label, "a^[[2Jb");
        assert!(link.code.is_some());
    }
}
