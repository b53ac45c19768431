//! Colours and text styles, in one place. Nothing is conveyed by colour alone: selection also
//! has a marker and reverse video, errors also have a word. What the terminal can show comes in
//! as plain values (`Capabilities`); reading the environment for them is `tui`'s job.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::cli::ThemeName;

/// NHS blue, the accent of the NHS identity.
const NHS_BLUE: Color = Color::Rgb(0x00, 0x5e, 0xb8);
/// The nearest colour in the 256-colour palette, for terminals without true colour.
const NHS_BLUE_256: Color = Color::Indexed(25);

/// How QR codes are drawn. A phone reads dark modules on a light ground; many readers cannot
/// read a code the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrInk {
    /// Dark modules in `dark` on `light`, whatever the terminal's own colours are.
    Fixed { dark: Color, light: Color },
    /// No colour (`NO_COLOR`): the ground in the terminal's text colour and the modules in its
    /// background, with reverse video. That is dark on light on a terminal with light text on a
    /// dark background, and inverted on one with dark text on a light background.
    Terminal,
}

impl QrInk {
    /// Black on white. The 256-colour palette's own black and white (16 and 231) are used
    /// without true colour: colour schemes change the first 16 colours, which a scheme with a
    /// light "black" or a dark "white" would turn into an unreadable code.
    pub fn black_on_white(true_colour: bool) -> QrInk {
        if true_colour {
            QrInk::Fixed {
                dark: Color::Rgb(0, 0, 0),
                light: Color::Rgb(255, 255, 255),
            }
        } else {
            QrInk::Fixed {
                dark: Color::Indexed(16),
                light: Color::Indexed(231),
            }
        }
    }
}

/// The colours a terminal is to be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colours {
    /// None at all: the user asked for none (`NO_COLOR`).
    None,
    /// The 256-colour palette.
    Palette,
    /// Any colour (24-bit).
    TrueColour,
}

/// What the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    pub colours: Colours,
    /// Whether OSC 8 hyperlinks are safe to send: the terminal shows them as links or skips
    /// them, rather than printing them.
    pub hyperlinks: bool,
}

/// The styles the screen is drawn with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub header: Style,
    pub selected: Style,
    /// The selection while the detail pane shows something else.
    pub selected_inactive: Style,
    pub heading: Style,
    pub link: Style,
    pub link_highlighted: Style,
    pub hint: Style,
    pub border: Style,
    pub border_type: BorderType,
    pub key: Style,
    pub error: Style,
    pub success: Style,
    /// Text the filter matches, in the list and the detail; bold and underlined in every theme,
    /// so it shows without colour, on a selected row and in a heading alike.
    pub matched: Style,
    /// The match `n` / `N` moved to.
    pub current_match: Style,
    /// Whether links are also written as OSC 8 hyperlinks, so a click in the terminal opens
    /// them. On for every terminal but `dumb` and the Linux console, which would print them;
    /// off in the themes tests build directly.
    pub hyperlinks: bool,
    /// How QR codes are drawn.
    pub qr: QrInk,
}

impl Theme {
    /// The default: white on NHS blue for the header and selection, the terminal's own colours
    /// for text, so it reads on dark and light terminals alike. The only colours used on the
    /// terminal's background are the blue of the borders and the red of errors, which keep
    /// their contrast on black and on white.
    pub fn nhs(true_colour: bool) -> Theme {
        let blue = if true_colour { NHS_BLUE } else { NHS_BLUE_256 };
        let on_blue = Style::new()
            .fg(Color::White)
            .bg(blue)
            .add_modifier(Modifier::BOLD);
        let matched = Style::new()
            .fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        Theme {
            header: on_blue,
            selected: on_blue,
            selected_inactive: Style::new().add_modifier(Modifier::REVERSED),
            heading: Style::new().add_modifier(Modifier::BOLD),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            link_highlighted: on_blue.add_modifier(Modifier::UNDERLINED),
            hint: Style::new().add_modifier(Modifier::DIM),
            border: Style::new().fg(blue),
            border_type: BorderType::Plain,
            key: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            success: Style::new(),
            matched,
            current_match: matched.add_modifier(Modifier::REVERSED),
            hyperlinks: false,
            qr: QrInk::black_on_white(true_colour),
        }
    }

    /// For low vision and washed-out projectors: no colour, so the contrast is the terminal's
    /// own foreground against its background at full strength; bold text for everything that
    /// stands out, reverse video for the selection, heavy borders, and nothing dimmed. Headings
    /// are bold but not underlined, so that a filter match in one still shows. QR codes alone are
    /// in colour, black on white, so that the terminal's palette cannot invert them.
    pub fn high_contrast() -> Theme {
        let strong = Style::new().add_modifier(Modifier::BOLD);
        let reversed = strong.add_modifier(Modifier::REVERSED);
        Theme {
            header: reversed,
            selected: reversed,
            selected_inactive: Style::new().add_modifier(Modifier::REVERSED),
            heading: strong,
            link: strong.add_modifier(Modifier::UNDERLINED),
            link_highlighted: reversed.add_modifier(Modifier::UNDERLINED),
            hint: Style::new(),
            border: strong,
            border_type: BorderType::Thick,
            key: reversed,
            error: reversed,
            success: strong,
            matched: strong.add_modifier(Modifier::UNDERLINED),
            current_match: reversed.add_modifier(Modifier::UNDERLINED),
            hyperlinks: false,
            qr: QrInk::black_on_white(false),
        }
    }

    /// No colour at all, for `NO_COLOR`: reverse video and bold carry the meaning instead.
    pub fn monochrome() -> Theme {
        let reversed = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        Theme {
            header: reversed,
            selected: reversed,
            selected_inactive: Style::new().add_modifier(Modifier::REVERSED),
            heading: Style::new().add_modifier(Modifier::BOLD),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            link_highlighted: reversed.add_modifier(Modifier::UNDERLINED),
            hint: Style::new(),
            border: Style::new(),
            border_type: BorderType::Plain,
            key: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().add_modifier(Modifier::BOLD),
            success: Style::new(),
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            current_match: Style::new()
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD | Modifier::REVERSED),
            hyperlinks: false,
            qr: QrInk::Terminal,
        }
    }

    /// The theme asked for, fitted to what the terminal can show: without colours, the
    /// default theme is the monochrome one (the high-contrast theme has only its QR codes'
    /// black and white to take away).
    pub fn new(name: ThemeName, terminal: Capabilities) -> Theme {
        let theme = match (name, terminal.colours) {
            (ThemeName::HighContrast, _) => Theme::high_contrast(),
            (ThemeName::Default, Colours::None) => Theme::monochrome(),
            (ThemeName::Default, colours) => Theme::nhs(colours == Colours::TrueColour),
        };
        let qr = match terminal.colours {
            Colours::None => QrInk::Terminal,
            Colours::Palette => QrInk::black_on_white(false),
            Colours::TrueColour => QrInk::black_on_white(true),
        };
        Theme {
            hyperlinks: terminal.hyperlinks,
            qr,
            ..theme
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(theme: &Theme) -> [Style; 13] {
        [
            theme.header,
            theme.selected,
            theme.selected_inactive,
            theme.heading,
            theme.link,
            theme.link_highlighted,
            theme.hint,
            theme.border,
            theme.key,
            theme.error,
            theme.success,
            theme.matched,
            theme.current_match,
        ]
    }

    #[test]
    fn no_text_is_left_on_a_fixed_background_or_in_a_fixed_colour_alone() {
        // The terminal's own foreground on a fixed background (or a fixed foreground on the
        // terminal's own background) is unreadable on dark or light terminals.
        for theme in [Theme::nhs(true), Theme::nhs(false), Theme::high_contrast()] {
            let text_styles = styles(&theme)
                .into_iter()
                .filter(|style| *style != theme.border && *style != theme.error);
            for style in text_styles {
                assert_eq!(style.fg.is_some(), style.bg.is_some(), "{style:?}");
            }
            // Borders and errors alone take a colour, chosen to keep its contrast on both.
            assert_eq!((theme.border.bg, theme.error.bg), (None, None));
        }
    }

    #[test]
    fn high_contrast_has_no_colour_and_nothing_dim() {
        let theme = Theme::high_contrast();
        for style in styles(&theme) {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
            assert!(!style.add_modifier.contains(Modifier::DIM), "{style:?}");
        }
        assert!(
            theme
                .selected
                .add_modifier
                .contains(Modifier::REVERSED | Modifier::BOLD)
        );
        assert_eq!(theme.border_type, BorderType::Thick);
    }

    #[test]
    fn a_match_shows_without_colour_wherever_it_lands_and_the_current_one_stands_out() {
        for theme in [
            Theme::nhs(true),
            Theme::high_contrast(),
            Theme::monochrome(),
        ] {
            // What a match is drawn over: a name in the list, plain or selected, and the text
            // or the heading in the detail. Comparing modifiers leaves colour out.
            let list = [Style::new(), theme.selected, theme.selected_inactive];
            for base in list.into_iter().chain([theme.heading]) {
                assert_ne!(
                    base.patch(theme.matched).add_modifier,
                    base.add_modifier,
                    "{theme:?} over {base:?}"
                );
            }
            for base in [Style::new(), theme.heading] {
                assert_ne!(
                    base.patch(theme.current_match).add_modifier,
                    base.patch(theme.matched).add_modifier,
                    "{theme:?} over {base:?}"
                );
            }
        }
    }

    #[test]
    fn each_theme_fits_what_the_terminal_can_show() {
        let terminal = |colours, hyperlinks| Capabilities {
            colours,
            hyperlinks,
        };
        assert_eq!(
            Theme::new(ThemeName::Default, terminal(Colours::None, true)),
            Theme {
                hyperlinks: true,
                ..Theme::monochrome()
            }
        );
        assert_eq!(
            Theme::new(ThemeName::Default, terminal(Colours::Palette, false)),
            Theme::nhs(false)
        );
        assert_eq!(
            Theme::new(ThemeName::Default, terminal(Colours::TrueColour, false)),
            Theme::nhs(true)
        );
        for (colours, qr) in [
            (Colours::None, QrInk::Terminal),
            (Colours::Palette, QrInk::black_on_white(false)),
            (Colours::TrueColour, QrInk::black_on_white(true)),
        ] {
            assert_eq!(
                Theme::new(ThemeName::HighContrast, terminal(colours, true)),
                Theme {
                    hyperlinks: true,
                    qr,
                    ..Theme::high_contrast()
                }
            );
        }
    }

    #[test]
    fn qr_codes_are_black_on_white_unless_there_is_no_colour() {
        assert_eq!(Theme::monochrome().qr, QrInk::Terminal);
        let fixed = [
            Theme::nhs(false).qr,
            Theme::high_contrast().qr,
            Theme::nhs(true).qr,
        ];
        assert_eq!(
            fixed,
            [
                QrInk::Fixed {
                    dark: Color::Indexed(16),
                    light: Color::Indexed(231)
                },
                QrInk::Fixed {
                    dark: Color::Indexed(16),
                    light: Color::Indexed(231)
                },
                QrInk::Fixed {
                    dark: Color::Rgb(0, 0, 0),
                    light: Color::Rgb(255, 255, 255)
                },
            ]
        );
    }
}
