//! What is in front of the user, as one value: the browser, a filter being typed, a slide or a
//! blanked slide, with at most one overlay over it. The state works it out (`App::screen`); the
//! key table, the input, the state's dispatch and the drawing all match on it, so none of them
//! works it out again. Plain data, like `action`, because the key table and the config checker
//! name it as well as the state.

/// What is shown under any overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The list of values and the detail pane.
    Browsing,
    /// The browser, with the letter keys typing into the filter.
    TypingFilter,
    /// A slide of presentation mode.
    Presenting,
    /// Presentation mode with the screen blanked: any key brings the slide back.
    Blanked,
}

/// What can be open over the screen, one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The keys (`?`).
    Help,
    /// The current link as a QR code (`c`).
    QrCode,
}

/// The screen in front of the user: a mode, and the overlay open over it, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub mode: Mode,
    pub overlay: Option<Overlay>,
}

/// The key tables a config file gives keys for: which one answers on a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keymap {
    /// The browser's keys, which the overlays take too, even over a slide.
    Browser,
    /// Presentation mode's keys.
    Presentation,
}

impl Screen {
    /// The browser with nothing over it.
    pub const BROWSER: Screen = Screen::plain(Mode::Browsing);
    /// A slide with nothing over it.
    pub const SLIDE: Screen = Screen::plain(Mode::Presenting);

    /// `mode` with no overlay.
    pub const fn plain(mode: Mode) -> Screen {
        Screen {
            mode,
            overlay: None,
        }
    }

    /// The key table that answers: an overlay takes the browser's keys, over a slide too.
    pub fn keymap(self) -> Keymap {
        match self {
            Screen {
                mode: Mode::Presenting | Mode::Blanked,
                overlay: None,
            } => Keymap::Presentation,
            _ => Keymap::Browser,
        }
    }

    /// Whether presentation mode is on, under any overlay: a slide is drawn, not the browser.
    pub fn is_presenting(self) -> bool {
        matches!(self.mode, Mode::Presenting | Mode::Blanked)
    }
}

impl Keymap {
    /// The other table.
    pub fn other(self) -> Keymap {
        match self {
            Keymap::Browser => Keymap::Presentation,
            Keymap::Presentation => Keymap::Browser,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODES: [Mode; 4] = [
        Mode::Browsing,
        Mode::TypingFilter,
        Mode::Presenting,
        Mode::Blanked,
    ];

    #[test]
    fn an_overlay_takes_the_browsers_keys_even_over_a_slide() {
        for mode in MODES {
            for overlay in [Overlay::Help, Overlay::QrCode] {
                let screen = Screen {
                    mode,
                    overlay: Some(overlay),
                };
                assert_eq!(screen.keymap(), Keymap::Browser, "{screen:?}");
            }
        }
    }

    #[test]
    fn a_slide_blanked_or_not_reads_presentation_modes_keys() {
        let keymaps = MODES.map(|mode| Screen::plain(mode).keymap());
        assert_eq!(
            keymaps,
            [
                Keymap::Browser,
                Keymap::Browser,
                Keymap::Presentation,
                Keymap::Presentation
            ]
        );
        assert_eq!(Screen::SLIDE.keymap(), Keymap::Presentation);
        assert_eq!(Screen::BROWSER.keymap(), Keymap::Browser);
    }

    #[test]
    fn a_slide_is_drawn_under_an_overlay_too() {
        let presenting = MODES.map(|mode| {
            Screen {
                mode,
                overlay: Some(Overlay::Help),
            }
            .is_presenting()
        });
        assert_eq!(presenting, [false, false, true, true]);
        assert_eq!(Keymap::Browser.other(), Keymap::Presentation);
        assert_eq!(Keymap::Presentation.other(), Keymap::Browser);
    }
}
