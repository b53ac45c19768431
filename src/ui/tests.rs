use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::testing::render;
use super::*;
use crate::action::{Action, Effect, LaunchFailure};
use crate::app::App;
use crate::values;

fn app_at(width: u16, height: u16) -> App {
    let mut app = App::new(values::builtin().expect("the built-in values are valid"));
    app.update(Action::Resize { width, height });
    app
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

/// The licence's attribution statement is the last thing in About, in the hints' style.
#[test]
fn about_view_ends_with_the_attribution() {
    let mut app = app_at(80, 24);
    app.update(Action::ToggleAbout);
    for _ in 0..5 {
        app.update(Action::PageDown);
    }
    let terminal = render(&app, &Theme::nhs(true));
    insta::assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let words: Vec<&str> = "Contains public"
        .split("")
        .filter(|s| !s.is_empty())
        .collect();
    let start = buffer
        .content()
        .windows(words.len())
        .position(|cells| {
            cells
                .iter()
                .map(|cell| cell.symbol())
                .eq(words.iter().copied())
        })
        .expect("the attribution is on screen");
    let cells = &buffer.content()[start..start + words.len()];
    assert!(
        cells
            .iter()
            .all(|cell| cell.modifier.contains(Modifier::DIM)),
        "the attribution is dimmed like a hint"
    );
}

#[test]
fn help_overlay() {
    let mut app = app_at(80, 24);
    app.update(Action::ToggleHelp);
    let screen = render(&app, &Theme::nhs(true));
    if cfg!(unix) {
        insta::assert_snapshot!(screen.backend());
    } else {
        // Without job control there is no Ctrl-Z row (`help_overlay@no_job_control.snap`).
        insta::with_settings!({ snapshot_suffix => "no_job_control" }, {
            insta::assert_snapshot!(screen.backend());
        });
    }
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
    app.update(Action::Launched(Err(LaunchFailure {
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
    for (keys, description) in app.keys().help_rows() {
        assert!(
            text.contains(&keys) && text.contains(description),
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
    app.update(Action::Launched(Err(LaunchFailure {
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
    let screen = app.area();
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
        // The label and the link share a line where they fit; else the link has a line of
        // its own, cut where the pane is narrower than it.
        let text_width = app.detail_text_width();
        let shown = crate::wrap::truncate(video, text_width);
        assert_eq!(shown.len() < video.len(), width < 200, "{width}x{height}");
        assert_eq!(
            linked_text.replace(' ', ""),
            format!("Video:{shown}"),
            "{width}x{height}"
        );
    }
}

#[test]
fn the_help_overlay_covers_hyperlinks_cleanly() {
    let mut app = app_at(80, 24);
    // Wide enough for the video link to show on both sides of the overlay.
    app.update(Action::Resize {
        width: 160,
        height: 30,
    });
    app.update(Action::ToggleHelp);
    let linked_theme = Theme {
        hyperlinks: true,
        ..Theme::nhs(true)
    };
    let (linked, bytes) = through_a_terminal(&app, &linked_theme);
    let (plain, _) = through_a_terminal(&app, &Theme::nhs(true));
    assert!(
        String::from_utf8_lossy(&bytes).contains("\x1b]8;"),
        "the link is not on screen, so this tests nothing:\n{plain}"
    );
    assert_eq!(linked, plain);
}

/// `app` with the filter `text` typed and kept.
fn filtered(mut app: App, text: &str) -> App {
    app.update(Action::StartFilter);
    for c in text.chars() {
        app.update(Action::FilterInput(c));
    }
    app.update(Action::AcceptFilter);
    app
}

/// The text drawn in `area` on `row`, without trailing spaces.
fn text_on(terminal: &Terminal<TestBackend>, area: Rect, row: u16) -> String {
    let buffer = terminal.backend().buffer();
    let text: String = (area.left()..area.right())
        .map(|column| buffer[(column, row)].symbol())
        .collect();
    text.trim_end().to_owned()
}

#[test]
fn a_click_opens_the_link_on_the_row_it_is_drawn_on_under_a_banner() {
    let error = "my-values.toml:12:1: unknown key `vidoe` in value 2 (and 1 more problem)";
    for (width, height) in [(80, 24), (40, 20), (60, 14)] {
        let mut app = filtered(app_at(width, height), "care");
        app.update(Action::SelectNumber(2));
        app.update(Action::Reloaded(Err(error.to_owned())));
        for _ in 0..5 {
            app.update(Action::PageDown);
        }
        let size = format!("{width}x{height}");
        assert!(app.areas().banner.height > 0, "{size}");
        let video = app.document().values[1].video.clone().expect("a video");
        let terminal = render(&app, &Theme::nhs(true));
        let text = crate::layout::detail_inner(app.areas().detail);
        let rows: Vec<u16> = (text.top()..text.bottom()).collect();
        let first = *rows
            .iter()
            .find(|row| text_on(&terminal, text, **row).starts_with("Video:"))
            .unwrap_or_else(|| panic!("{size}: no video line\n{}", terminal.backend()));
        // The video is the last block, so every row from its first down is the link.
        for row in first..text.bottom() {
            let drawn = text_on(&terminal, text, row);
            if drawn.is_empty() {
                continue;
            }
            let last_column = text.x + drawn.chars().count() as u16 - 1;
            for column in [text.x, last_column] {
                assert_eq!(
                    app.update(Action::Click { column, row }),
                    Some(Effect::OpenUrl(video.clone())),
                    "{size}: {column},{row} on {drawn:?}"
                );
            }
            assert_eq!(
                app.update(Action::Click {
                    column: last_column + 1,
                    row
                }),
                None,
                "{size}: after the text on {drawn:?}"
            );
        }
        let above = text_on(&terminal, text, first - 1);
        assert_eq!(
            app.update(Action::Click {
                column: text.x,
                row: first - 1
            }),
            None,
            "{size}: the row above, {above:?}"
        );
    }
}

#[test]
fn matches_are_marked_and_the_link_is_a_hyperlink_in_the_same_frame() {
    let mut app = filtered(app_at(80, 24), "care");
    app.update(Action::SelectNumber(2));
    app.update(Action::NextMatch);
    for base in [
        Theme::nhs(true),
        Theme::high_contrast(),
        Theme::monochrome(),
    ] {
        let theme = Theme {
            hyperlinks: true,
            ..base.clone()
        };
        let terminal = render(&app, &theme);
        let text = crate::layout::detail_inner(app.areas().detail);
        let name = format!("{theme:?}");
        let buffer = terminal.backend().buffer();
        let matched: Vec<String> = marked_in(&terminal, text, Modifier::UNDERLINED)
            .into_iter()
            .filter(|run| !run.contains("\x1b]8;"))
            .collect();
        assert_eq!(matched, ["care", "care", "care"], "{name}");
        assert_eq!(
            marked_in(&terminal, text, Modifier::REVERSED),
            ["care"],
            "{name}: the match n moved to"
        );
        let video_row = (text.top()..text.bottom())
            .find(|row| buffer[(text.x, *row)].symbol().contains("\x1b]8;"))
            .unwrap_or_else(|| panic!("{name}: no hyperlink"));
        let cell = buffer[(text.x, video_row)].symbol();
        assert!(
            cell.contains("https://www.youtube.com/watch?v=ri-ty0j2ojs") && cell.contains('V'),
            "{name}: {cell:?}"
        );
        // The screen reads the same as without hyperlinks.
        let (linked, _) = through_a_terminal(&app, &theme);
        let (plain, _) = through_a_terminal(&app, &base);
        assert_eq!(linked, plain, "{name}");
    }
}

#[test]
fn the_banner_stands_out_without_colour_in_every_theme() {
    let mut app = app_at(80, 24);
    app.update(Action::Reloaded(Err("v.toml:1:1: a problem".to_owned())));
    let banner = app.areas().banner;
    for theme in [
        Theme::nhs(true),
        Theme::high_contrast(),
        Theme::monochrome(),
    ] {
        let terminal = render(&app, &theme);
        let cell = &terminal.backend().buffer()[(banner.x + 1, banner.y)];
        assert_eq!(cell.symbol(), "e", "{theme:?}");
        assert!(cell.modifier.contains(Modifier::BOLD), "{theme:?}");
        assert_eq!(cell.modifier, theme.error.add_modifier, "{theme:?}");
    }
}

/// `count` values named as a large organisation might name them, many alike but for a number
/// at the end: "Commitment and compassion 19992".
fn many_values(count: usize) -> App {
    const FIRST: [&str; 5] = ["Commitment", "Improving", "Working", "Respect", "Kindness"];
    const SECOND: [&str; 3] = ["compassion", "dignity", "quality of care"];
    let mut document = values::builtin().expect("the built-in values are valid");
    document.values = (1..=count)
        .map(|n| crate::values::Value {
            name: format!("{} and {} {n}", FIRST[n % 5], SECOND[n % 3]),
            text: format!("Text of value {n}."),
            video: None,
        })
        .collect();
    App::new(document)
}

/// The text of each row of the list pane, inside its borders, without trailing spaces.
fn list_rows(terminal: &Terminal<TestBackend>, app: &App) -> Vec<String> {
    let list = crate::layout::list_inner(app.areas().list);
    (list.top()..list.bottom())
        .map(|row| text_on(terminal, list, row))
        .collect()
}

#[test]
fn twenty_thousand_names_at_80x24_keep_the_numbers_that_tell_them_apart() {
    let mut app = many_values(20_000);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    for key in [Action::First, Action::Last] {
        app.update(key);
        let terminal = render(&app, &Theme::nhs(true));
        let rows = list_rows(&terminal, &app);
        // After the marker, five columns of number and a space.
        let names: Vec<String> = rows
            .iter()
            .map(|row| row.chars().skip(7).collect())
            .collect();
        let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len(), "{}", rows.join("\n"));
        for (row, offset) in rows.iter().zip(app.list().offset()..) {
            let number = (offset + 1).to_string();
            assert!(row.ends_with(&format!(" {number}")), "{row:?}");
            let shown: String = row.chars().skip(1).take(5).collect();
            assert_eq!(shown.trim_start(), number, "{row:?}");
        }
        assert!(rows.iter().any(|row| row.contains('…')), "names are cut");
    }
    insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
}

#[test]
fn a_list_as_wide_as_its_longest_number_and_name_shows_them_whole() {
    let mut app = many_values(20_000);
    app.update(Action::Resize {
        width: 200,
        height: 60,
    });
    app.update(Action::Last);
    let terminal = render(&app, &Theme::nhs(true));
    let rows = list_rows(&terminal, &app);
    assert!(
        rows.contains(&"▶20000 Commitment and quality of care 20000".to_owned()),
        "{rows:#?}"
    );
    assert!(rows.iter().all(|row| !row.contains('…')), "{rows:#?}");
}

#[test]
fn matches_in_a_cut_name_are_marked_in_the_parts_shown() {
    let mut app = many_values(20_000);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let list = crate::layout::list_inner(app.areas().list);
    let marks = |query: &str| {
        let app = filtered(app.clone(), query);
        let terminal = render(&app, &Theme::monochrome());
        (
            list_rows(&terminal, &app),
            marked_in(&terminal, list, MATCHED),
        )
    };
    let (rows, marked) = marks("9992");
    assert_eq!(
        rows[..2],
        [
            "▶ 9992 Working and quality o… 9992",
            " 19992 Working and compassi… 19992"
        ]
    );
    assert_eq!(marked, ["9992", "9992"]);
    // A match the cut runs through is marked on both sides of the ellipsis, not on it.
    assert_eq!(marks("on 19992").1, [" 19992"]);
    assert_eq!(marks("compassion 19992").1, ["compassi", " 19992"]);
}

#[test]
fn at_50x20_the_stacked_list_shows_all_six_values() {
    let app = app_at(50, 20);
    let terminal = render(&app, &Theme::nhs(true));
    let rows = list_rows(&terminal, &app);
    assert_eq!(rows.len(), 6, "{}", terminal.backend());
    for (row, value) in rows.iter().zip(&app.document().values) {
        assert!(row.ends_with(&value.name), "{row:?}");
    }
}

#[test]
fn rows_above_and_below_the_window_are_marked_on_the_border() {
    let mut app = app_at(40, 12);
    let list = app.areas().list;
    let border = |terminal: &Terminal<TestBackend>, row| {
        let full = Rect::new(list.x, row, list.width, 1);
        text_on(terminal, full, row)
    };
    let terminal = render(&app, &Theme::nhs(true));
    assert_eq!(list_rows(&terminal, &app).len(), 2);
    assert!(!border(&terminal, list.top()).contains('▲'));
    assert!(border(&terminal, list.bottom() - 1).starts_with("└ ▼ 4 more ─"));
    app.update(Action::Next);
    app.update(Action::Next);
    let terminal = render(&app, &Theme::nhs(true));
    assert!(border(&terminal, list.top()).ends_with("─ ▲ 1 more ┐"));
    assert!(border(&terminal, list.bottom() - 1).starts_with("└ ▼ 3 more ─"));
    app.update(Action::Last);
    let terminal = render(&app, &Theme::nhs(true));
    assert!(border(&terminal, list.top()).ends_with("─ ▲ 4 more ┐"));
    assert!(!border(&terminal, list.bottom() - 1).contains('▼'));
    // A filter shown on the same border leaves the mark room beside it.
    let app = filtered(app_at(40, 12), "e");
    let terminal = render(&app, &Theme::nhs(true));
    assert!(
        border(&terminal, list.bottom() - 1).starts_with("└ ▼ 4 more ─"),
        "{}",
        terminal.backend()
    );
    assert!(border(&terminal, list.bottom() - 1).ends_with(" /e ┘"));
}

#[test]
fn a_link_reads_whole_on_a_line_of_its_own_or_is_marked_cut() {
    let video = "https://www.youtube.com/watch?v=EA5a_1Mw9L4";
    for (width, height, whole) in [(80, 24, false), (85, 24, true), (40, 20, false)] {
        let mut app = app_at(width, height);
        for _ in 0..5 {
            app.update(Action::PageDown);
        }
        let terminal = render(&app, &Theme::nhs(true));
        let text = crate::layout::detail_inner(app.areas().detail);
        let rows: Vec<String> = (text.top()..text.bottom())
            .map(|row| text_on(&terminal, text, row))
            .collect();
        let label = rows
            .iter()
            .position(|row| row == "Video:")
            .unwrap_or_else(|| panic!("{width}x{height}: no label\n{}", rows.join("\n")));
        let link = &rows[label + 1];
        if whole {
            assert_eq!(link, video, "{width}x{height}");
        } else {
            let shown = link.strip_suffix('…').expect("a cut link ends in …");
            assert!(video.starts_with(shown), "{width}x{height}: {link:?}");
            assert_eq!(link.chars().count(), usize::from(text.width));
        }
        // Nothing of the link is left for the next line.
        assert!(
            rows.get(label + 2).is_none_or(String::is_empty),
            "{width}x{height}"
        );
    }
    // Where the label and the link fit on one line, they share it; a link longer than the
    // text is wrapped to may use the rest of a wide pane.
    let mut app = app_at(200, 60);
    app.update(Action::ToggleAbout);
    let text = screen_text(&render(&app, &Theme::nhs(true)));
    assert!(text.contains("│ Source page: https://hee.nhs.uk/about/our-values "));
    assert!(text.contains("│ The NHS Constitution for England: "));
    assert!(text.contains(
        "│ https://www.gov.uk/government/publications/the-nhs-constitution-for-england/the-nhs-constitution-for-england "
    ));
}

#[test]
fn the_mark_for_rows_out_of_view_shortens_to_fit() {
    assert_eq!(out_of_view('▼', 0, 80, 0), None);
    assert_eq!(out_of_view('▼', 3, 80, 0).as_deref(), Some(" ▼ 3 more "));
    assert_eq!(
        out_of_view('▲', 19_980, 34, 16).as_deref(),
        Some(" ▲ 19980 more ")
    );
    assert_eq!(
        out_of_view('▲', 19_980, 30, 16).as_deref(),
        Some(" ▲ 19980 ")
    );
    assert_eq!(out_of_view('▲', 19_980, 20, 16).as_deref(), Some("▲"));
    assert_eq!(out_of_view('▲', 19_980, 17, 16), None);
}

/// The help has more rows than 80x24 shows: its border says how many are out of view, and on
/// which side.
#[test]
fn the_help_says_how_many_rows_are_above_and_below_its_window() {
    let mut app = app_at(80, 24);
    app.update(Action::ToggleHelp);
    let rows = app.keys().help_rows().len();
    // All the screen's rows but the overlay's border.
    let window = 22;
    assert!(rows > window, "the help fits: this tests nothing");
    let borders = |app: &App| {
        let text = screen_text(&render(app, &Theme::nhs(true)));
        let lines: Vec<&str> = text.lines().collect();
        (lines[0].to_owned(), lines[lines.len() - 1].to_owned())
    };
    let (top, bottom) = borders(&app);
    assert!(!top.contains('▲'), "{top}");
    assert!(
        bottom.contains(&format!(" ▼ {} more ", rows - window)),
        "{bottom}"
    );
    for _ in 0..3 {
        app.update(Action::Next);
    }
    let (top, bottom) = borders(&app);
    assert!(top.contains(" ▲ 3 more "), "{top}");
    assert!(
        bottom.contains(&format!(" ▼ {} more ", rows - window - 3)),
        "{bottom}"
    );
    for _ in 0..5 {
        app.update(Action::PageDown);
    }
    let (top, bottom) = borders(&app);
    assert!(
        top.contains(&format!(" ▲ {} more ", rows - window)),
        "scrolled until the last row is at the bottom: {top}"
    );
    assert!(!bottom.contains('▼'), "{bottom}");
    assert!(bottom.contains(" Esc close "), "{bottom}");
}
