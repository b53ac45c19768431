use super::*;
use crate::values::{self, Document, Value};

fn app() -> App {
    let mut app = App::new(values::builtin().expect("the built-in values are valid"));
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn app_with(count: usize) -> App {
    let mut document = values::builtin().expect("the built-in values are valid");
    document.values = (1..=count)
        .map(|n| Value {
            name: format!("Value {n}"),
            text: format!("Text of value {n}."),
            video: None,
        })
        .collect();
    let mut app = App::new(document);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn selected_name(app: &App) -> Option<&str> {
    app.selected()
        .map(|index| app.document.values[index].name.as_str())
}

fn type_filter(app: &mut App, text: &str) {
    app.update(Action::StartFilter);
    for c in text.chars() {
        app.update(Action::FilterInput(c));
    }
}

#[test]
fn moves_stop_at_the_ends() {
    let mut app = app();
    assert_eq!(selected_name(&app), Some("Working together for patients"));
    app.update(Action::Previous);
    assert_eq!(app.cursor, 0);
    app.update(Action::Next);
    assert_eq!(selected_name(&app), Some("Compassion"));
    app.update(Action::Last);
    assert_eq!(selected_name(&app), Some("Everyone counts"));
    app.update(Action::Next);
    assert_eq!(selected_name(&app), Some("Everyone counts"));
    app.update(Action::First);
    assert_eq!(app.cursor, 0);
}

#[test]
fn digits_select_by_number() {
    let mut app = app();
    app.update(Action::SelectNumber(4));
    assert_eq!(selected_name(&app), Some("Improving lives"));
    app.update(Action::SelectNumber(9));
    assert_eq!(selected_name(&app), Some("Improving lives"));
    assert!(app.status.as_ref().is_some_and(|status| status.is_error));
}

#[test]
fn a_number_hidden_by_the_filter_clears_it() {
    let mut app = app();
    type_filter(&mut app, "dignity");
    app.update(Action::AcceptFilter);
    app.update(Action::SelectNumber(2));
    assert_eq!(selected_name(&app), Some("Compassion"));
    assert!(app.filter.is_empty());
    assert_eq!(app.visible.len(), 6);
}

#[test]
fn open_asks_for_the_selected_video() {
    let mut app = app();
    app.update(Action::Next);
    assert_eq!(
        app.update(Action::Open),
        Some(Effect::OpenUrl(
            "https://www.youtube.com/watch?v=ri-ty0j2ojs".to_owned()
        ))
    );
}

#[test]
fn a_value_without_video_says_so() {
    let mut app = app_with(3);
    assert_eq!(app.update(Action::Open), None);
    let status = app.status.clone().expect("a status message");
    assert!(status.is_error);
    assert_eq!(status.text, "“Value 1” has no video.");
}

#[test]
fn launch_results_reach_the_status_line() {
    let mut app = app();
    app.update(Action::Launched(Ok("https://example.org".to_owned())));
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("Opened https://example.org in the browser.")
    );
    app.update(Action::Launched(Err(LaunchFailure {
        url: "https://example.org".to_owned(),
        reason: "no desktop".to_owned(),
    })));
    let status = app.status.clone().expect("a status message");
    assert!(status.is_error);
    assert!(
        status.text.contains("https://example.org"),
        "the failure shows the link to copy"
    );
    app.update(Action::Next);
    assert_eq!(app.status, None, "the next key clears the message");
}

#[test]
fn filtering_narrows_as_you_type_and_keeps_the_selection() {
    let mut app = app();
    app.update(Action::SelectNumber(5));
    type_filter(&mut app, "CARE");
    let names: Vec<&str> = app
        .visible
        .iter()
        .map(|i| app.document.values[*i].name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Working together for patients",
            "Compassion",
            "Respect and dignity",
            "Commitment to quality of care"
        ]
    );
    assert_eq!(selected_name(&app), Some("Commitment to quality of care"));
    for c in " we".chars() {
        app.update(Action::FilterInput(c));
    }
    assert_eq!(app.visible, [1, 4], "“the care we provide”");
    for _ in 0..3 {
        app.update(Action::FilterBackspace);
    }
    assert_eq!(app.visible.len(), 4);
    assert_eq!(selected_name(&app), Some("Commitment to quality of care"));
}

#[test]
fn enter_keeps_the_filter_and_esc_clears_it() {
    let mut app = app();
    type_filter(&mut app, "dign");
    app.update(Action::AcceptFilter);
    assert!(!app.filter_editing);
    assert_eq!(app.filter, "dign");
    assert_eq!(app.visible, [2]);
    app.update(Action::Next);
    assert_eq!(selected_name(&app), Some("Respect and dignity"));
    assert_eq!(
        app.update(Action::Back),
        None,
        "Esc clears the filter before it quits"
    );
    assert!(app.filter.is_empty());
    assert_eq!(app.visible.len(), 6);
    assert_eq!(selected_name(&app), Some("Respect and dignity"));
    assert_eq!(app.update(Action::Back), Some(Effect::Quit));
}

#[test]
fn a_filter_matching_nothing_selects_nothing() {
    let mut app = app();
    type_filter(&mut app, "zebra");
    assert_eq!(app.selected(), None);
    app.update(Action::Next);
    assert_eq!(app.update(Action::Open), None);
    assert!(app.detail_blocks()[0].text.contains("zebra"));
}

#[test]
fn about_offers_the_source_and_the_links() {
    let mut app = app();
    app.update(Action::ToggleAbout);
    assert_eq!(app.view, View::About { link: 0 });
    assert_eq!(
        app.update(Action::Open),
        Some(Effect::OpenUrl(
            "https://hee.nhs.uk/about/our-values".to_owned()
        ))
    );
    app.update(Action::NextLink);
    let Some(Effect::OpenUrl(url)) = app.update(Action::Open) else {
        panic!("the second link opens");
    };
    assert!(url.starts_with("https://www.gov.uk/government/publications/the-nhs-constitution"));
    app.update(Action::NextLink);
    let Some(Effect::OpenUrl(url)) = app.update(Action::Open) else {
        panic!("the licence's link opens");
    };
    assert!(url.starts_with("https://www.nationalarchives.gov.uk/doc/open-government-licence"));
    app.update(Action::NextLink);
    assert_eq!(app.view, View::About { link: 0 }, "Tab wraps around");
    app.update(Action::PreviousLink);
    assert_eq!(app.view, View::About { link: 2 });
    assert_eq!(app.update(Action::Back), None);
    assert_eq!(app.view, View::Value);
}

#[test]
fn tab_scrolls_the_highlighted_link_into_view() {
    let mut app = app();
    app.update(Action::Resize {
        width: 60,
        height: 16,
    });
    app.update(Action::ToggleAbout);
    assert_eq!(app.detail_scroll, 0);
    app.update(Action::PreviousLink);
    let height = usize::from(crate::layout::detail_inner(app.areas().detail).height);
    let last_link = {
        let wrapped = app.wrapped_detail();
        let index = wrapped
            .blocks
            .iter()
            .rposition(|block| matches!(block.kind, BlockKind::Link { .. }))
            .expect("About has links");
        wrapped.block_range(index).expect("the link has lines")
    };
    assert!(
        last_link.end < app.detail_line_count(),
        "the attribution follows"
    );
    assert_eq!(
        app.detail_scroll,
        last_link.end - height,
        "the last link is at the bottom"
    );
    app.update(Action::PreviousLink);
    let shown = app.detail_scroll;
    assert_eq!(app.view, View::About { link: 1 });
    assert_eq!(
        shown,
        last_link.end - height,
        "the link above is already in view"
    );
    for _ in 0..10 {
        app.update(Action::PageUp);
    }
    assert_eq!(app.detail_scroll, 0);
    app.update(Action::NextLink);
    assert_eq!(app.detail_scroll, shown);
}

#[test]
fn moving_in_the_list_leaves_about() {
    let mut app = app();
    app.update(Action::ToggleAbout);
    app.update(Action::Next);
    assert_eq!(app.view, View::Value);
    assert_eq!(app.cursor, 1);
}

#[test]
fn help_captures_keys_until_closed() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert!(app.help_open);
    app.update(Action::Next);
    assert_eq!(app.cursor, 0, "keys scroll the help, not the list");
    assert_eq!(app.update(Action::Back), None);
    assert!(!app.help_open);
    app.update(Action::ToggleHelp);
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
}

#[test]
fn paging_scrolls_the_detail_within_its_text() {
    let mut app = app();
    app.update(Action::Resize {
        width: 40,
        height: 14,
    });
    let lines = app.detail_line_count();
    let height = usize::from(crate::layout::detail_inner(app.areas().detail).height);
    assert!(
        lines > height,
        "the text overflows a small screen ({lines} lines, {height} rows)"
    );
    app.update(Action::PageDown);
    assert_eq!(app.detail_scroll, height - 1);
    for _ in 0..20 {
        app.update(Action::PageDown);
    }
    assert_eq!(app.detail_scroll, lines - height, "stops at the last line");
    app.update(Action::PageUp);
    assert_eq!(app.detail_scroll, lines - height - (height - 1));
    app.update(Action::Next);
    assert_eq!(app.detail_scroll, 0, "a new value starts at the top");
}

#[test]
fn the_list_scrolls_to_keep_the_selection_in_view() {
    let mut app = app_with(100);
    let rows = usize::from(crate::layout::list_inner(app.areas().list).height);
    app.update(Action::Last);
    assert_eq!(app.cursor, 99);
    assert_eq!(app.list_offset, 100 - rows);
    app.update(Action::First);
    assert_eq!(app.list_offset, 0);
    for _ in 0..rows {
        app.update(Action::Next);
    }
    assert_eq!(app.list_offset, 1);
}

#[test]
fn a_click_selects_the_row_under_it_and_the_wheel_scrolls_the_pane_under_it() {
    let mut app = app_with(100);
    let list = crate::layout::list_inner(app.areas().list);
    app.update(Action::Click {
        column: list.x + 3,
        row: list.y + 4,
    });
    assert_eq!(app.cursor, 4);
    app.update(Action::Click {
        column: list.x + 3,
        row: list.bottom() + 5,
    });
    assert_eq!(app.cursor, 4, "a click outside the rows changes nothing");
    app.update(Action::Scroll {
        column: list.x,
        row: list.y,
        lines: 1,
    });
    assert_eq!(app.cursor, 5, "the wheel over the list moves the selection");

    let mut app = self::app();
    app.update(Action::Resize {
        width: 40,
        height: 14,
    });
    let detail = app.areas().detail;
    app.update(Action::Scroll {
        column: detail.x + 2,
        row: detail.y + 2,
        lines: 1,
    });
    assert_eq!(app.detail_scroll, WHEEL_LINES as usize);
    assert_eq!(app.cursor, 0);
}

#[test]
fn resizing_keeps_offsets_valid() {
    let mut app = app_with(100);
    app.update(Action::Last);
    app.update(Action::Resize {
        width: 200,
        height: 60,
    });
    let rows = usize::from(crate::layout::list_inner(app.areas().list).height);
    assert_eq!(app.list_offset, 100 - rows);
    app.update(Action::Resize {
        width: 1,
        height: 1,
    });
    assert!(app.list_offset <= app.cursor);
}

#[test]
fn esc_with_nothing_open_quits_and_q_always_does() {
    let mut app = app();
    assert_eq!(app.update(Action::Back), Some(Effect::Quit));
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
}

fn document_of(values: &[(&str, &str)]) -> Document {
    let mut document = values::builtin().expect("the built-in values are valid");
    document.values = values
        .iter()
        .map(|(name, text)| Value {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
            video: None,
        })
        .collect();
    document
}

fn app_of(values: &[(&str, &str)]) -> App {
    let mut app = App::new(document_of(values));
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

#[test]
fn a_reload_keeps_the_selection_by_name_when_values_move() {
    let mut app = app_of(&[("A", "a"), ("B", "b"), ("C", "c")]);
    app.update(Action::SelectNumber(2));
    app.update(Action::Reloaded(Ok(document_of(&[
        ("New", "n"),
        ("C", "c"),
        ("b", "b, rewritten"),
    ]))));
    assert_eq!(selected_name(&app), Some("b"), "found ignoring case");
    assert_eq!(app.document.values[2].text, "b, rewritten");
    assert_eq!(app.reload_error, None);
    assert_eq!(
        app.status.as_ref().map(|status| status.text.as_str()),
        Some("Reloaded the values file.")
    );
}

#[test]
fn a_reload_without_the_selected_name_selects_the_value_in_its_place() {
    let mut app = app_of(&[("A", "a"), ("B", "b"), ("C", "c")]);
    app.update(Action::SelectNumber(2));
    app.update(Action::Reloaded(Ok(document_of(&[
        ("A", "a"),
        ("Renamed", "b"),
        ("C", "c"),
    ]))));
    assert_eq!(selected_name(&app), Some("Renamed"));

    app.update(Action::Last);
    app.update(Action::Reloaded(Ok(document_of(&[("A", "a")]))));
    assert_eq!(selected_name(&app), Some("A"), "the list got shorter");
    assert_eq!(app.cursor, 0);
}

#[test]
fn a_reload_keeps_the_filter_the_view_and_the_scroll() {
    let long = "care and more words. ".repeat(80);
    let mut app = app_of(&[("A", "care"), ("B", &long), ("C", "none")]);
    type_filter(&mut app, "care");
    app.update(Action::AcceptFilter);
    app.update(Action::Next);
    app.update(Action::PageDown);
    let scroll = app.detail_scroll;
    assert!(scroll > 0);
    app.update(Action::Reloaded(Ok(document_of(&[
        ("Care first", "x"),
        ("A", "care"),
        ("B", &long),
        ("C", "none"),
    ]))));
    assert_eq!(app.filter, "care");
    let names: Vec<&str> = app
        .visible
        .iter()
        .map(|index| app.document.values[*index].name.as_str())
        .collect();
    assert_eq!(names, ["Care first", "A", "B"]);
    assert_eq!(selected_name(&app), Some("B"));
    assert_eq!(
        app.detail_scroll, scroll,
        "the same value stays where it was read"
    );

    app.update(Action::ToggleAbout);
    app.update(Action::PreviousLink);
    let mut fewer_links = app.document.clone();
    fewer_links.links.clear();
    app.update(Action::Reloaded(Ok(fewer_links)));
    assert_eq!(app.view, View::About { link: 0 }, "only the source is left");
}

#[test]
fn a_broken_file_shows_a_banner_over_the_last_good_values_until_it_is_fixed() {
    let mut app = app_of(&[("A", "a"), ("B", "b")]);
    app.update(Action::Next);
    app.update(Action::Reloaded(Ok(document_of(&[
        ("A", "a"),
        ("B", "b."),
    ]))));
    assert_eq!(status_text(&app), "Reloaded the values file.");
    let before = app.document.clone();
    let error = "values.toml:4:1: unknown key `vidoe` in value 1\u{1b}[2J";
    app.update(Action::Reloaded(Err(error.to_owned())));
    assert_eq!(app.document, before, "the last good values stay");
    assert_eq!(app.status, None, "the file no longer reloads");
    assert_eq!(selected_name(&app), Some("B"));
    assert_eq!(
        app.reload_error.as_deref(),
        Some("values.toml:4:1: unknown key `vidoe` in value 1^[[2J"),
        "made safe to show"
    );
    let banner = app.banner_lines().join(" ");
    assert!(
        banner.starts_with("error: values.toml:4:1: unknown key"),
        "{banner}"
    );
    assert!(banner.contains("the last good values"), "{banner}");

    app.update(Action::Next);
    assert!(app.reload_error.is_some(), "keys do not clear the banner");

    app.update(Action::Reloaded(Ok(document_of(&[
        ("A", "a"),
        ("B", "fixed"),
    ]))));
    assert_eq!(app.reload_error, None);
    assert!(app.banner_lines().is_empty());
    assert_eq!(app.document.values[1].text, "fixed");
}

#[test]
fn the_banner_takes_rows_from_the_panes() {
    let mut app = app();
    app.update(Action::Resize {
        width: 120,
        height: 24,
    });
    let rows = app.areas().list.height;
    app.update(Action::Reloaded(Err("v.toml:1:1: broken".to_owned())));
    assert_eq!(app.areas().banner.height, 1);
    assert_eq!(app.areas().list.height, rows - 1);
    app.update(Action::Reloaded(Err("v.toml:1:1: broken ".repeat(30))));
    assert_eq!(app.areas().banner.height, MAX_BANNER_LINES as u16);
}

#[test]
fn a_reload_applies_while_help_is_open_and_keeps_the_message() {
    let mut app = app_of(&[("A", "a")]);
    app.update(Action::Launched(Ok("https://example.org".to_owned())));
    app.update(Action::Reloaded(Err("v.toml:1:1: broken".to_owned())));
    assert!(app.status.is_some(), "a reload is not a key press");
    app.update(Action::ToggleHelp);
    app.update(Action::Reloaded(Ok(document_of(&[("A", "new")]))));
    assert!(app.help_open);
    assert_eq!(app.reload_error, None);
    assert_eq!(app.document.values[0].text, "new");
}

#[test]
fn an_unchanged_file_changes_nothing() {
    let mut app = app_of(&[("A", "a"), ("B", "b")]);
    app.update(Action::Next);
    app.update(Action::Reloaded(Err("v.toml:1:1: broken".to_owned())));
    app.update(Action::Reloaded(Ok(app.document.clone())));
    assert_eq!(app.status, None);
    assert_eq!(app.reload_error, None, "the fixed file clears the banner");
    assert_eq!(selected_name(&app), Some("B"));
}

#[test]
fn the_filter_searches_the_reloaded_text() {
    let mut app = app_of(&[("A", "a"), ("B", "b")]);
    type_filter(&mut app, "zebra");
    assert!(app.visible.is_empty());
    app.update(Action::Back);
    app.update(Action::Reloaded(Ok(document_of(&[
        ("A", "a"),
        ("B", "a zebra"),
    ]))));
    type_filter(&mut app, "zebra");
    assert_eq!(app.visible, [1]);
}

#[test]
fn a_failed_watch_is_reported() {
    let mut app = app();
    app.update(Action::WatchFailed("too many open files".to_owned()));
    let status = app.status.clone().expect("a status message");
    assert!(status.is_error);
    assert!(
        status.text.contains("too many open files"),
        "{}",
        status.text
    );
}

fn status_text(app: &App) -> &str {
    app.status
        .as_ref()
        .map_or("", |status| status.text.as_str())
}

#[test]
fn n_and_shift_n_step_through_the_matches_in_the_text() {
    let text = "Care comes first.\n\n".to_owned() + &"Some words. ".repeat(60) + "We care.";
    let mut app = app_of(&[("Taking care", &text), ("Other", "none")]);
    app.update(Action::Resize {
        width: 60,
        height: 14,
    });
    type_filter(&mut app, "care");
    app.update(Action::AcceptFilter);
    assert_eq!(app.current_match(), None);

    app.update(Action::NextMatch);
    assert_eq!(status_text(&app), "Match 1 of 3");
    assert_eq!(app.current_match(), Some((0, 7)), "in the heading");
    app.update(Action::NextMatch);
    assert_eq!(status_text(&app), "Match 2 of 3");
    assert_eq!(app.current_match(), Some((1, 0)));
    assert_eq!(app.detail_scroll, 0);

    app.update(Action::NextMatch);
    assert_eq!(status_text(&app), "Match 3 of 3");
    let height = usize::from(crate::layout::detail_inner(app.areas().detail).height);
    let last_line = app.detail_line_count() - 3;
    assert!(last_line >= height, "the last match starts off screen");
    assert!(
        (app.detail_scroll..app.detail_scroll + height).contains(&last_line),
        "scrolled to show the match on line {last_line}, at {}",
        app.detail_scroll
    );

    app.update(Action::NextMatch);
    assert_eq!(status_text(&app), "Match 1 of 3", "round to the first");
    assert_eq!(app.detail_scroll, 0);
    app.update(Action::PreviousMatch);
    assert_eq!(status_text(&app), "Match 3 of 3", "and back to the last");
}

#[test]
fn the_first_n_starts_from_the_text_on_screen() {
    let text = "care ".to_owned() + &"Some words. ".repeat(80) + "care care";
    let mut app = app_of(&[("A", &text)]);
    app.update(Action::Resize {
        width: 60,
        height: 14,
    });
    type_filter(&mut app, "care");
    app.update(Action::AcceptFilter);
    for _ in 0..20 {
        app.update(Action::PageDown);
    }
    app.update(Action::NextMatch);
    assert_eq!(status_text(&app), "Match 2 of 3");
    app.update(Action::Next);
    app.update(Action::First);
    app.update(Action::PreviousMatch);
    assert_eq!(
        status_text(&app),
        "Match 1 of 3",
        "moving away and back forgets the match"
    );
}

#[test]
fn n_without_a_filter_or_in_about_says_what_it_needs() {
    let mut app = app();
    app.update(Action::NextMatch);
    assert!(
        status_text(&app).contains("/ starts one"),
        "{}",
        status_text(&app)
    );
    type_filter(&mut app, "care");
    app.update(Action::AcceptFilter);
    app.update(Action::ToggleAbout);
    app.update(Action::NextMatch);
    assert!(
        status_text(&app).contains("i leaves About"),
        "{}",
        status_text(&app)
    );
    app.update(Action::ToggleAbout);
    app.update(Action::NextMatch);
    assert!(
        status_text(&app).starts_with("Match 1 of"),
        "{}",
        status_text(&app)
    );
    type_filter(&mut app, "x");
    assert_eq!(app.current_match(), None, "a new filter forgets the match");
}

#[test]
fn y_copies_the_link_enter_would_open() {
    let mut app = app();
    app.update(Action::Next);
    assert_eq!(
        app.update(Action::Copy),
        Some(Effect::Copy(
            "https://www.youtube.com/watch?v=ri-ty0j2ojs".to_owned()
        ))
    );
    app.update(Action::ToggleAbout);
    assert_eq!(
        app.update(Action::Copy),
        Some(Effect::Copy(
            "https://hee.nhs.uk/about/our-values".to_owned()
        ))
    );
    app.update(Action::NextLink);
    let Some(Effect::Copy(url)) = app.update(Action::Copy) else {
        panic!("the highlighted link is copied");
    };
    assert!(url.starts_with("https://www.gov.uk/government/publications/the-nhs-constitution"));

    let mut app = app_with(2);
    assert_eq!(app.update(Action::Copy), None);
    let status = app.status.clone().expect("a status message");
    assert!(status.is_error);
    assert_eq!(status.text, "“Value 1” has no video.");
}

#[test]
fn the_status_line_says_what_was_copied_and_a_failed_launch_suggests_y() {
    let mut app = app();
    app.update(Action::Copied(Ok("https://example.org/a".to_owned())));
    let status = app.status.clone().expect("a status message");
    assert!(!status.is_error);
    assert_eq!(
        status.text,
        "Copied https://example.org/a to the clipboard (if the terminal allows it)."
    );

    app.update(Action::Copied(Err(LaunchFailure {
        url: "https://example.org/a".to_owned(),
        reason: "this terminal has no clipboard".to_owned(),
    })));
    let status = app.status.clone().expect("a status message");
    assert!(status.is_error);
    assert!(
        status.text.contains("this terminal has no clipboard"),
        "{}",
        status.text
    );
    assert!(
        status.text.contains("https://example.org/a"),
        "{}",
        status.text
    );

    app.update(Action::Launched(Err(LaunchFailure {
        url: "https://example.org/a".to_owned(),
        reason: "no desktop".to_owned(),
    })));
    let status = app.status.clone().expect("a status message");
    // The hint comes before the reason, which may be long enough to be cut.
    assert!(
        status
            .text
            .starts_with("Could not open a browser; the link is https://example.org/a (press y"),
        "{}",
        status.text
    );
}

/// The screen row and the width of the first line of the detail block that links to `url`.
fn link_row(app: &App, url: &str) -> (u16, u16) {
    let blocks = app.detail_blocks();
    let index = blocks
        .iter()
        .position(|block| block.link == Some(url))
        .expect("a block links there");
    let line = app
        .wrapped_detail()
        .block_range(index)
        .expect("the block is shown")
        .start;
    let inner = crate::layout::detail_inner(app.areas().detail);
    let row = inner.y + u16::try_from(line - app.detail_scroll).unwrap();
    let width = crate::wrap::wrap(&blocks[index].text, app.detail_text_width())[0].width();
    (row, u16::try_from(width).unwrap())
}

#[test]
fn a_click_on_the_video_link_opens_it_and_nowhere_else() {
    let mut app = app();
    let video = "https://www.youtube.com/watch?v=EA5a_1Mw9L4";
    let inner = crate::layout::detail_inner(app.areas().detail);
    let (row, width) = link_row(&app, video);
    for column in [inner.x, inner.x + width - 1] {
        assert_eq!(
            app.update(Action::Click { column, row }),
            Some(Effect::OpenUrl(video.to_owned())),
            "column {column}"
        );
    }
    for (column, row) in [
        (inner.x + width, row),
        (inner.x, row - 1),
        (inner.x, inner.y),
    ] {
        assert_eq!(
            app.update(Action::Click { column, row }),
            None,
            "{column},{row}"
        );
    }
    assert_eq!(app.cursor, 0, "a click in the detail keeps the selection");
}

#[test]
fn a_click_on_a_scrolled_link_opens_it() {
    let mut app = app();
    app.update(Action::Resize {
        width: 40,
        height: 14,
    });
    app.update(Action::PageDown);
    app.update(Action::PageDown);
    assert!(app.detail_scroll > 0);
    let video = "https://www.youtube.com/watch?v=EA5a_1Mw9L4";
    let inner = crate::layout::detail_inner(app.areas().detail);
    let (row, _) = link_row(&app, video);
    assert_eq!(
        app.update(Action::Click {
            column: inner.x,
            row
        }),
        Some(Effect::OpenUrl(video.to_owned()))
    );
}

#[test]
fn a_click_on_a_link_in_about_highlights_and_opens_it() {
    let mut app = app();
    app.update(Action::Resize {
        width: 120,
        height: 50,
    });
    app.update(Action::ToggleAbout);
    let url = app.about_links()[1].1.to_owned();
    let inner = crate::layout::detail_inner(app.areas().detail);
    let (row, _) = link_row(&app, &url);
    assert_eq!(
        app.update(Action::Click {
            column: inner.x + 1,
            row
        }),
        Some(Effect::OpenUrl(url))
    );
    assert_eq!(app.view, View::About { link: 1 });
}

#[test]
fn starting_a_filter_from_a_scrolled_about_page_starts_the_value_at_the_top() {
    let mut app = app();
    app.update(Action::Resize {
        width: 40,
        height: 12,
    });
    app.update(Action::ToggleAbout);
    app.update(Action::PageDown);
    assert!(app.detail_scroll > 0);
    app.update(Action::StartFilter);
    assert_eq!(app.view, View::Value);
    assert_eq!(app.detail_scroll, 0);
}
