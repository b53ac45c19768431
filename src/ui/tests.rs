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
