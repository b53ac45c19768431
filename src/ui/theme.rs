//! Colours and text styles, in one place. Nothing is conveyed by colour alone: selection also
//! has a marker and reverse video, errors also have a word.

use ratatui::style::{Color, Modifier, Style};

/// NHS blue, the accent of the NHS identity.
const NHS_BLUE: Color = Color::Rgb(0x00, 0x5e, 0xb8);
/// The nearest colour in the 256-colour palette, for terminals without true colour.
const NHS_BLUE_256: Color = Color::Indexed(25);

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
    pub key: Style,
    pub error: Style,
    pub success: Style,
    /// Text the filter matches, in the list and the detail; bold and underlined, so it shows
    /// without colour and differs from a link.
    pub matched: Style,
    /// The match `n` / `N` moved to.
    pub current_match: Style,
}

impl Theme {
    /// The default: white on NHS blue for the header and selection, plain text elsewhere, so it
    /// reads on dark and light terminals alike.
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
            selected_inactive: Style::new().add_modifier(Modifier::REVERSED | Modifier::DIM),
            heading: Style::new().add_modifier(Modifier::BOLD),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            link_highlighted: on_blue.add_modifier(Modifier::UNDERLINED),
            hint: Style::new().add_modifier(Modifier::DIM),
            border: Style::new().fg(blue),
            key: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            success: Style::new().fg(Color::Green),
            matched,
            current_match: matched.add_modifier(Modifier::REVERSED),
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
            key: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().add_modifier(Modifier::BOLD),
            success: Style::new(),
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            current_match: Style::new()
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD | Modifier::REVERSED),
        }
    }

    /// The theme for this environment: none when `NO_COLOR` is set to anything, true colour
    /// when `COLORTERM` says the terminal has it.
    pub fn from_env() -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()) {
            return Theme::monochrome();
        }
        let true_colour = std::env::var("COLORTERM").is_ok_and(|value| {
            value.eq_ignore_ascii_case("truecolor") || value.eq_ignore_ascii_case("24bit")
        });
        Theme::nhs(true_colour)
    }
}
