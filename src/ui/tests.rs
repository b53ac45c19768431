use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
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
fn a_broken_file_shows_a_banner_over_the_last_good_values() {
    let mut app = app_at(80, 24);
    app.update(Action::Next);
    app.update(Action::Reloaded(Err(
        "my-values.toml:12:1: unknown key `vidoe` in value 2 (and 1 more problem)".to_owned(),
    )));
    insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
}

/// How both themes mark a match: unlike a link, which is underlined only.
const MATCHED: Modifier = Modifier::UNDERLINED.union(Modifier::BOLD);

/// The text of each run of cells in `area`, row by row, whose modifiers include `modifier`.
fn marked_in(terminal: &Terminal<TestBackend>, area: Rect, modifier: Modifier) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let mut runs = Vec::new();
    for row in area.top()..area.bottom() {
        let mut run = String::new();
        for column in area.left()..area.right() {
            let cell = &buffer[(column, row)];
            if cell.modifier.contains(modifier) {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

#[test]
fn filter_matches_are_marked_in_the_list_and_the_text_without_colour() {
    let mut app = app_at(80, 24);
    app.update(Action::SelectNumber(2));
    app.update(Action::StartFilter);
    for c in "CARE".chars() {
        app.update(Action::FilterInput(c));
    }
    app.update(Action::AcceptFilter);
    assert_eq!(app.selected(), Some(1), "Compassion");
    let areas = app.areas();
    for theme in [Theme::nhs(true), Theme::monochrome()] {
        let terminal = render(&app, &theme);
        // Of the names, only "Commitment to quality of care" holds the word.
        assert_eq!(
            marked_in(&terminal, areas.list, MATCHED),
            ["care"],
            "{theme:?}"
        );
        // Compassion's text has "care" twice and "carers" once; the link is not searched.
        let text = crate::layout::detail_inner(areas.detail);
        assert_eq!(
            marked_in(&terminal, text, MATCHED),
            ["care", "care", "care"],
            "{theme:?}\n{}",
            terminal.backend()
        );
    }
}

#[test]
fn the_match_n_moved_to_stands_out_from_the_others() {
    let mut app = app_at(80, 24);
    app.update(Action::SelectNumber(2));
    app.update(Action::StartFilter);
    for c in "we".chars() {
        app.update(Action::FilterInput(c));
    }
    app.update(Action::AcceptFilter);
    app.update(Action::NextMatch);
    app.update(Action::NextMatch);
    let terminal = render(&app, &Theme::monochrome());
    let text = crate::layout::detail_inner(app.areas().detail);
    // "We ensure", then "the care we provide".
    assert_eq!(marked_in(&terminal, text, Modifier::REVERSED), ["we"]);
    // We, we, We, we, however, We, well, we, We, we.
    assert_eq!(
        marked_in(&terminal, text, MATCHED).len(),
        10,
        "the other matches stay marked"
    );
    let current = text.y + 3;
    let row: String = (text.left()..text.right())
        .map(|column| {
            terminal.backend().buffer()[(column, current)]
                .symbol()
                .to_owned()
        })
        .collect();
    assert!(row.starts_with("the care we provide"), "{row}");
}
