use super::testing::*;
use super::*;
use crate::action::LaunchFailure;

#[test]
fn moves_stop_at_the_ends() {
    let mut app = app();
    assert_eq!(selected_name(&app), Some("Working together for patients"));
    app.update(Action::Previous);
    assert_eq!(app.list().cursor(), 0);
    app.update(Action::Next);
    assert_eq!(selected_name(&app), Some("Compassion"));
    app.update(Action::Last);
    assert_eq!(selected_name(&app), Some("Everyone counts"));
    app.update(Action::Next);
    assert_eq!(selected_name(&app), Some("Everyone counts"));
    app.update(Action::First);
    assert_eq!(app.list().cursor(), 0);
}

#[test]
fn digits_select_by_number() {
    let mut app = app();
    app.update(Action::SelectNumber(4));
    assert_eq!(selected_name(&app), Some("Improving lives"));
    app.update(Action::SelectNumber(9));
    assert_eq!(selected_name(&app), Some("Improving lives"));
    assert!(app.status().is_some_and(|status| status.is_error));
}

#[test]
fn a_number_hidden_by_the_filter_clears_it() {
    let mut app = app();
    type_filter(&mut app, "dignity");
    app.update(Action::AcceptFilter);
    app.update(Action::SelectNumber(2));
    assert_eq!(selected_name(&app), Some("Compassion"));
    assert!(app.filter().text().is_empty());
    assert_eq!(app.list().len(), 6);
}

#[test]
fn launch_results_reach_the_status_line() {
    let mut app = app();
    app.update(Action::Launched(Ok("https://example.org".to_owned())));
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("Opened https://example.org in the browser.")
    );
    app.update(Action::Launched(Err(LaunchFailure {
        url: "https://example.org".to_owned(),
        reason: "no desktop".to_owned(),
    })));
    let status = app.status().cloned().expect("a status message");
    assert!(status.is_error);
    assert!(
        status.text.contains("https://example.org"),
        "the failure shows the link to copy"
    );
    app.update(Action::Next);
    assert_eq!(app.status(), None, "the next key clears the message");
}

#[test]
fn filtering_narrows_as_you_type_and_keeps_the_selection() {
    let mut app = app();
    app.update(Action::SelectNumber(5));
    type_filter(&mut app, "CARE");
    let names: Vec<&str> = app
        .list()
        .visible()
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
    assert_eq!(app.list().visible(), [1, 4], "“the care we provide”");
    for _ in 0..3 {
        app.update(Action::FilterBackspace);
    }
    assert_eq!(app.list().len(), 4);
    assert_eq!(selected_name(&app), Some("Commitment to quality of care"));
}

#[test]
fn enter_keeps_the_filter_and_esc_clears_it() {
    let mut app = app();
    type_filter(&mut app, "dign");
    app.update(Action::AcceptFilter);
    assert!(!app.filter().is_editing());
    assert_eq!(app.filter().text(), "dign");
    assert_eq!(app.list().visible(), [2]);
    app.update(Action::Next);
    assert_eq!(selected_name(&app), Some("Respect and dignity"));
    assert_eq!(
        app.update(Action::Back),
        None,
        "Esc clears the filter before it quits"
    );
    assert!(app.filter().text().is_empty());
    assert_eq!(app.list().len(), 6);
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
fn moving_in_the_list_leaves_about() {
    let mut app = app();
    app.update(Action::ToggleAbout);
    app.update(Action::Next);
    assert_eq!(app.view(), View::Value);
    assert_eq!(app.list().cursor(), 1);
}

#[test]
fn help_captures_keys_until_closed() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert!(app.help().is_some());
    app.update(Action::Next);
    assert_eq!(app.list().cursor(), 0, "keys scroll the help, not the list");
    assert_eq!(app.update(Action::Back), None);
    assert!(app.help().is_none());
    app.update(Action::ToggleHelp);
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
}

/// The help scrolls until its last row is at the bottom of its window, and no further, also
/// after the window grows.
#[test]
fn help_scrolls_no_further_than_its_last_row_on_screen() {
    let mut app = app();
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::ToggleHelp);
    for _ in 0..10 {
        app.update(Action::PageDown);
    }
    let rows = app.keys().help_rows().len();
    assert_eq!(
        app.help().expect("the help is open").scroll(),
        rows - 22,
        "22 rows inside the border"
    );
    app.update(Action::Resize {
        width: 80,
        height: 30,
    });
    assert_eq!(app.help().expect("the help is open").scroll(), rows - 28);
    app.update(Action::Resize {
        width: 80,
        height: 60,
    });
    assert_eq!(
        app.help().expect("the help is open").scroll(),
        0,
        "every row fits"
    );
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
    assert_eq!(app.detail().scroll(), height - 1);
    for _ in 0..20 {
        app.update(Action::PageDown);
    }
    assert_eq!(
        app.detail().scroll(),
        lines - height,
        "stops at the last line"
    );
    app.update(Action::PageUp);
    assert_eq!(app.detail().scroll(), lines - height - (height - 1));
    app.update(Action::Next);
    assert_eq!(app.detail().scroll(), 0, "a new value starts at the top");
}

#[test]
fn the_list_scrolls_to_keep_the_selection_in_view() {
    let mut app = app_with(100);
    let rows = usize::from(crate::layout::list_inner(app.areas().list).height);
    app.update(Action::Last);
    assert_eq!(app.list().cursor(), 99);
    assert_eq!(app.list().offset(), 100 - rows);
    app.update(Action::First);
    assert_eq!(app.list().offset(), 0);
    for _ in 0..rows {
        app.update(Action::Next);
    }
    assert_eq!(app.list().offset(), 1);
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
    assert_eq!(app.list().offset(), 100 - rows);
    app.update(Action::Resize {
        width: 1,
        height: 1,
    });
    assert!(app.list().offset() <= app.list().cursor());
}

#[test]
fn esc_with_nothing_open_quits_and_q_always_does() {
    let mut app = app();
    assert_eq!(app.update(Action::Back), Some(Effect::Quit));
    assert_eq!(app.update(Action::Quit), Some(Effect::Quit));
}

#[test]
fn a_failed_watch_is_reported() {
    let mut app = app();
    app.update(Action::WatchFailed("too many open files".to_owned()));
    let status = app.status().cloned().expect("a status message");
    assert!(status.is_error);
    assert!(
        status.text.contains("too many open files"),
        "{}",
        status.text
    );
}

#[test]
fn the_status_line_says_what_was_copied_and_a_failed_launch_suggests_y() {
    let mut app = app();
    app.update(Action::Copied(Ok("https://example.org/a".to_owned())));
    let status = app.status().cloned().expect("a status message");
    assert!(!status.is_error);
    assert_eq!(
        status.text,
        "Copied https://example.org/a to the clipboard (if the terminal allows it)."
    );

    app.update(Action::Copied(Err(LaunchFailure {
        url: "https://example.org/a".to_owned(),
        reason: "this terminal has no clipboard".to_owned(),
    })));
    let status = app.status().cloned().expect("a status message");
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
    let status = app.status().cloned().expect("a status message");
    // The hint comes before the reason, which may be long enough to be cut.
    assert!(
        status
            .text
            .starts_with("Could not open a browser; the link is https://example.org/a (press y"),
        "{}",
        status.text
    );
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
    assert!(app.detail().scroll() > 0);
    app.update(Action::StartFilter);
    assert_eq!(app.view(), View::Value);
    assert_eq!(app.detail().scroll(), 0);
}

#[test]
fn keys_scroll_the_open_help_within_its_rows() {
    let mut app = app();
    let rows = app.keys().help_rows().len();
    assert!(rows > 12, "a page of help rows and more ({rows})");
    app.update(Action::ToggleHelp);
    app.update(Action::Next);
    assert_eq!(app.help().expect("the help is open").scroll(), 1);
    app.update(Action::PageDown);
    assert_eq!(app.help().expect("the help is open").scroll(), 11);
    app.update(Action::Previous);
    assert_eq!(app.help().expect("the help is open").scroll(), 10);
    app.update(Action::PageUp);
    assert_eq!(app.help().expect("the help is open").scroll(), 0);
    app.update(Action::Next);
    app.update(Action::Next);
    app.update(Action::First);
    assert_eq!(app.help().expect("the help is open").scroll(), 0);
    for _ in 0..rows {
        app.update(Action::PageDown);
    }
    assert_eq!(
        app.help().expect("the help is open").scroll(),
        rows - 22,
        "the last row rests at the bottom of the 24-row screen's 22-row help window"
    );
}

#[test]
fn the_app_answers_with_the_key_table_it_was_given() {
    use crate::keys::{Binding, Key, bind};
    use crate::screen::Screen;
    const OWN: &[Binding] = &[bind(&[Key::Ctrl('g')], "back", Action::Back)];
    let document = crate::values::builtin().expect("the built-in values are valid");
    let app = App::with_keys(document, KeyTable::new(OWN));
    assert_eq!(
        app.keys().name(&Action::Back, Screen::BROWSER).as_deref(),
        Some("Ctrl-G")
    );
    assert_eq!(app.keys().name(&Action::Quit, Screen::BROWSER), None);
}

#[test]
fn a_banner_that_takes_a_row_keeps_the_selection_in_view() {
    let mut app = app_with(100);
    let list_rows = |app: &App| usize::from(crate::layout::list_inner(app.areas().list).height);
    let rows = list_rows(&app);
    app.update(Action::SelectNumber(rows));
    assert_eq!(
        (app.list().cursor(), app.list().offset()),
        (rows - 1, 0),
        "the selection is on the last row"
    );
    app.update(Action::Reloaded(Err("v.toml:1:1: broken".to_owned())));
    assert_eq!(list_rows(&app), rows - 1);
    assert_eq!(app.list().offset(), 1, "the list scrolled to keep it");
    app.update(Action::Reloaded(Ok(app.document.clone())));
    assert_eq!(list_rows(&app), rows);
    assert_eq!(app.list().offset(), 1, "and stays where it is");
}

#[test]
fn a_move_that_changes_nothing_keeps_the_scroll_but_leaves_about() {
    let mut app = app();
    app.update(Action::Resize {
        width: 40,
        height: 14,
    });
    app.update(Action::PageDown);
    let scroll = app.detail().scroll();
    assert!(scroll > 0);
    app.update(Action::Previous);
    assert_eq!(app.list().cursor(), 0);
    assert_eq!(
        app.detail().scroll(),
        scroll,
        "the same value, still scrolled"
    );

    app.update(Action::ToggleAbout);
    app.update(Action::First);
    assert_eq!(
        app.view(),
        View::Value,
        "the list's keys go back to the value"
    );
    assert_eq!(app.detail().scroll(), 0);
}

#[test]
fn the_number_after_the_last_is_no_value_and_keeps_the_filter() {
    let mut app = app();
    type_filter(&mut app, "dignity");
    app.update(Action::AcceptFilter);
    app.update(Action::SelectNumber(7));
    assert_eq!(status_text(&app), "There is no value 7.");
    assert_eq!(app.filter().text(), "dignity");
    assert_eq!(selected_name(&app), Some("Respect and dignity"));
}

/// Each screen a user can reach, and that one overlay stays open until it is closed: the help
/// cannot open over the QR code, nor the QR code over the help.
#[test]
fn the_screen_says_what_is_in_front_of_the_user() {
    use crate::screen::{Mode, Overlay, Screen};
    let over = |mode, overlay| Screen {
        mode,
        overlay: Some(overlay),
    };
    let mut app = app();
    app.update(Action::Next);
    let steps = [
        (Action::StartFilter, Screen::plain(Mode::TypingFilter)),
        (Action::AcceptFilter, Screen::BROWSER),
        (Action::ToggleHelp, over(Mode::Browsing, Overlay::Help)),
        (Action::ShowQrCode, over(Mode::Browsing, Overlay::Help)),
        (Action::Back, Screen::BROWSER),
        (Action::ShowQrCode, over(Mode::Browsing, Overlay::QrCode)),
        (Action::ToggleHelp, over(Mode::Browsing, Overlay::QrCode)),
        (Action::Back, Screen::BROWSER),
        (Action::Present, Screen::SLIDE),
        (Action::ShowQrCode, over(Mode::Presenting, Overlay::QrCode)),
        (Action::ToggleHelp, over(Mode::Presenting, Overlay::QrCode)),
        (Action::ShowQrCode, Screen::SLIDE),
        (Action::ToggleHelp, over(Mode::Presenting, Overlay::Help)),
        (Action::ShowQrCode, over(Mode::Presenting, Overlay::Help)),
        (Action::Back, Screen::SLIDE),
        (Action::Blank, Screen::plain(Mode::Blanked)),
        (Action::ToggleHelp, Screen::SLIDE),
        (Action::Back, Screen::BROWSER),
    ];
    assert_eq!(app.screen(), Screen::BROWSER);
    for (action, screen) in steps {
        app.update(action.clone());
        assert_eq!(app.screen(), screen, "after {action:?}");
        assert_eq!(app.help().is_some(), screen.overlay == Some(Overlay::Help));
        assert_eq!(app.qr().is_some(), screen.overlay == Some(Overlay::QrCode));
    }
}

#[test]
fn a_filter_typed_under_the_help_is_still_typed_after_it() {
    use crate::screen::{Mode, Overlay, Screen};
    let mut app = app();
    // A Ctrl key a config file gives the help opens it while a filter is typed.
    app.update(Action::StartFilter);
    app.update(Action::ToggleHelp);
    assert_eq!(
        app.screen(),
        Screen {
            mode: Mode::TypingFilter,
            overlay: Some(Overlay::Help)
        }
    );
    app.update(Action::Back);
    assert_eq!(app.screen(), Screen::plain(Mode::TypingFilter));
}
