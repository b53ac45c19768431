use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use super::*;
use crate::app::{Action, App};
use crate::values;

fn app_at(width: u16, height: u16) -> App {
    let mut app = App::new(values::builtin().expect("the built-in values are valid"));
    app.update(Action::Resize { width, height });
    app
}

fn render(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let screen = app.screen;
    let mut terminal = Terminal::new(TestBackend::new(screen.width, screen.height)).unwrap();
    terminal.draw(|frame| draw(frame, app, theme)).unwrap();
    terminal
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

#[test]
fn first_screen_at_80x24() {
    let app = app_at(80, 24);
    insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
}

#[test]
fn stacked_at_40x20() {
    let mut app = app_at(40, 20);
    app.update(Action::Next);
    insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
}

#[test]
fn wide_at_200x60() {
    let mut app = app_at(200, 60);
    app.update(Action::Last);
    insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
}

#[test]
fn about_view() {
    let mut app = app_at(80, 24);
    app.update(Action::ToggleAbout);
    app.update(Action::NextLink);
    insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
}

#[test]
fn help_overlay() {
    let mut app = app_at(80, 24);
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
}

#[test]
fn filter_being_typed() {
    let mut app = app_at(80, 24);
    app.update(Action::StartFilter);
    for c in "dign".chars() {
        app.update(Action::FilterInput(c));
    }
    insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
}

#[test]
fn filter_kept_and_failed_launch() {
    let mut app = app_at(80, 24);
    app.update(Action::StartFilter);
    app.update(Action::FilterInput('z'));
    app.update(Action::AcceptFilter);
    app.update(Action::Launched(Err(crate::app::LaunchFailure {
        url: "https://example.org/x".to_owned(),
        reason: "no desktop opener worked".to_owned(),
    })));
    insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
}

#[test]
fn the_help_overlay_lists_every_key_of_the_key_map() {
    let mut app = app_at(100, 40);
    app.update(Action::ToggleHelp);
    let text = screen_text(&render(&app, &Theme::nhs(true)));
    for (keys, description) in crate::event::help_rows() {
        assert!(
            text.contains(keys) && text.contains(description),
            "{keys}: {description}"
        );
    }
}

#[test]
fn the_selection_is_marked_without_colour() {
    let mut app = app_at(80, 24);
    app.update(Action::Next);
    let terminal = render(&app, &Theme::monochrome());
    let buffer = terminal.backend().buffer();
    let list = crate::layout::list_inner(app.areas().list);
    let row = list.y + 1;
    assert_eq!(buffer[(list.x, row)].symbol(), "▶");
    assert!(
        buffer[(list.x + 3, row)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn long_names_are_cut_with_an_ellipsis() {
    assert_eq!(
        truncate("Commitment to quality of care", 12),
        "Commitment …"
    );
    assert_eq!(truncate("Compassion", 10), "Compassion");
    assert_eq!(truncate("日本語", 4), "日…");
    assert_eq!(truncate("abc", 0), "");
}

#[test]
fn every_small_size_renders() {
    for width in 0..=70 {
        for height in 0..=26 {
            let mut app = app_at(width, height);
            app.update(Action::Last);
            app.update(Action::PageDown);
            render(&app, &Theme::nhs(false));
            app.update(Action::ToggleHelp);
            render(&app, &Theme::nhs(false));
        }
    }
}

#[test]
fn a_long_status_grows_the_footer_so_the_link_can_be_copied() {
    let mut app = app_at(40, 12);
    app.update(Action::Launched(Err(crate::app::LaunchFailure {
        url: "https://www.youtube.com/watch?v=EA5a_1Mw9L4".to_owned(),
        reason: "no desktop opener worked".to_owned(),
    })));
    let text = screen_text(&render(&app, &Theme::nhs(true)));
    // The URL is wider than the screen, so it is split across the footer's lines.
    let footer: String = text
        .lines()
        .skip(9)
        .map(|line| line.trim_matches(['"', ' ']))
        .collect();
    assert!(
        footer.contains("https://www.youtube.com/watch?v=EA5a_1Mw9L4"),
        "{text}"
    );
}

#[test]
fn high_contrast_at_80x24() {
    let mut app = app_at(80, 24);
    app.update(Action::Next);
    let terminal = render(&app, &Theme::high_contrast());
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let list = crate::layout::list_inner(app.areas().list);
    let selected = &buffer[(list.x + 3, list.y + 1)];
    assert!(
        selected
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
    assert_eq!(buffer[(list.x, list.y + 1)].symbol(), "▶");
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
        assert!(!cell.modifier.contains(Modifier::DIM));
    }
}

/// The screen as a terminal shows it: the frame written through crossterm, as the real program
/// writes it, and read back by a terminal emulator.
fn through_a_terminal(app: &App, theme: &Theme) -> (String, Vec<u8>) {
    use ratatui::backend::CrosstermBackend;
    let screen = app.screen;
    let mut bytes = Vec::new();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(&mut bytes),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(screen),
        },
    )
    .unwrap();
    terminal.draw(|frame| draw(frame, app, theme)).unwrap();
    drop(terminal);
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(screen.height), size(screen.width), 0);
    parser.process(&bytes);
    (parser.screen().contents(), bytes)
}

#[test]
fn links_are_hyperlinks_and_every_column_stays_in_place() {
    let video = "https://www.youtube.com/watch?v=EA5a_1Mw9L4";
    for (width, height) in [(80, 24), (40, 20), (200, 60)] {
        let mut app = app_at(width, height);
        // To the end of the text, where the link is.
        for _ in 0..5 {
            app.update(Action::PageDown);
        }
        let plain_theme = Theme::nhs(true);
        let linked_theme = Theme {
            hyperlinks: true,
            ..Theme::nhs(true)
        };
        let (plain, plain_bytes) = through_a_terminal(&app, &plain_theme);
        let (linked, bytes) = through_a_terminal(&app, &linked_theme);
        assert_eq!(linked, plain, "{width}x{height}");
        assert!(!String::from_utf8_lossy(&plain_bytes).contains("\x1b]8;"));

        // The text inside the hyperlinks, in the order written, is the link line.
        let text = String::from_utf8_lossy(&bytes);
        let opener = format!(";{video}\x1b\\");
        let linked_text: String = text
            .split("\x1b]8;id=")
            .skip(1)
            .map(|piece| {
                let (_, rest) = piece.split_once(&opener).expect("the link's target");
                rest.split_once("\x1b]8;;\x1b\\").expect("a closed link").0
            })
            .collect();
        // Wrapping may break the line at the space.
        assert_eq!(
            linked_text.replace(' ', ""),
            format!("Video:{video}"),
            "{width}x{height}"
        );
    }
}

#[test]
fn the_help_overlay_covers_hyperlinks_cleanly() {
    let mut app = app_at(80, 24);
    app.update(Action::Resize {
        width: 60,
        height: 16,
    });
    app.update(Action::ToggleHelp);
    let linked_theme = Theme {
        hyperlinks: true,
        ..Theme::nhs(true)
    };
    let (linked, _) = through_a_terminal(&app, &linked_theme);
    let (plain, _) = through_a_terminal(&app, &Theme::nhs(true));
    assert_eq!(linked, plain);
}
