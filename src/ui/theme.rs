//! Colours and text styles, in one place. Nothing is conveyed by colour alone: selection also
//! has a marker and reverse video, errors also have a word.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::cli::ThemeName;

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
        }
    }

    /// For low vision and washed-out projectors: no colour, so the contrast is the terminal's
    /// own foreground against its background at full strength; bold text for everything that
    /// stands out, reverse video for the selection, heavy borders, and nothing dimmed. Headings
    /// are bold but not underlined, so that a filter match in one still shows.
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
        }
    }

    /// The theme asked for, fitted to this environment's `NO_COLOR`, `COLORTERM` and `TERM`.
    pub fn from_env(name: ThemeName) -> Theme {
        let var = |name| std::env::var(name).ok();
        Theme::for_env(
            name,
            var("NO_COLOR").as_deref(),
            var("COLORTERM").as_deref(),
            var("TERM").as_deref(),
        )
    }

    /// `NO_COLOR` set to anything wins over the default theme's colours (the high-contrast
    /// theme has none to take away); `COLORTERM` says whether the terminal has true colour;
    /// `TERM` whether hyperlinks are safe to send.
    pub fn for_env(
        name: ThemeName,
        no_color: Option<&str>,
        colorterm: Option<&str>,
        term: Option<&str>,
    ) -> Theme {
        let theme = match name {
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Default if no_color.is_some_and(|value| !value.is_empty()) => {
                Theme::monochrome()
            }
            ThemeName::Default => Theme::nhs(colorterm.is_some_and(|value| {
                value.eq_ignore_ascii_case("truecolor") || value.eq_ignore_ascii_case("24bit")
            })),
        };
        Theme {
            hyperlinks: hyperlinks_supported(term),
            ..theme
        }
    }
}

/// Terminals that do not know OSC 8 skip it, except the Linux console, which prints the rest
/// of an unknown OSC sequence as text, and `dumb` terminals, which print everything.
fn hyperlinks_supported(term: Option<&str>) -> bool {
    !matches!(term, Some("dumb" | "linux"))
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
    fn no_color_wins_over_the_default_colours() {
        let theme = Theme::for_env(ThemeName::Default, Some("1"), Some("truecolor"), None);
        assert_eq!(
            theme,
            Theme {
                hyperlinks: true,
                ..Theme::monochrome()
            }
        );
        let theme = Theme::for_env(ThemeName::HighContrast, Some("1"), None, None);
        assert_eq!(
            theme,
            Theme {
                hyperlinks: true,
                ..Theme::high_contrast()
            }
        );
        // An empty NO_COLOR counts as unset, as no-color.org says.
        let theme = Theme::for_env(ThemeName::Default, Some(""), Some("24bit"), None);
        assert_eq!(
            theme,
            Theme {
                hyperlinks: true,
                ..Theme::nhs(true)
            }
        );
        let theme = Theme::for_env(ThemeName::Default, None, None, None);
        assert_eq!(
            theme,
            Theme {
                hyperlinks: true,
                ..Theme::nhs(false)
            }
        );
    }

    #[test]
    fn hyperlinks_are_not_sent_where_they_would_show_as_text() {
        for (term, expected) in [
            (Some("xterm-256color"), true),
            (Some("tmux-256color"), true),
            (None, true),
            (Some("linux"), false),
            (Some("dumb"), false),
        ] {
            let theme = Theme::for_env(ThemeName::Default, None, None, term);
            assert_eq!(theme.hyperlinks, expected, "{term:?}");
        }
    }
}
