//! Any bytes as a values file: loading never panics, and whatever comes out (the screen, the
//! printed formats, the error report) carries no character that a terminal would obey.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nhs_values::action::Action;
use nhs_values::app::{App, matches};
use nhs_values::cli::Format;
use nhs_values::text::{is_forbidden_control, is_invisible_format};
use nhs_values::values::{self, Document};
use nhs_values::{output, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|bytes: &[u8]| {
    match values::parse_bytes(bytes, "fuzz.toml") {
        Ok(document) => {
            check_output(&document);
            check_screen(document);
        }
        Err(error) => {
            assert_inert(&error.render(false), "the error report");
            assert_inert(&error.to_string(), "the one-line errors");
        }
    }
});

fn check_output(document: &Document) {
    for format in [Format::Text, Format::Markdown, Format::Json, Format::Toml] {
        assert_inert(&output::render(document, format), "print");
    }
}

/// One frame at a common size and one at a cramped size, then the About view and the last
/// value, then a filter and a reload error.
fn check_screen(document: Document) {
    let mut app = App::new(document);
    for (width, height) in [(80, 24), (23, 7)] {
        app.update(Action::Resize { width, height });
        draw(&app);
    }
    app.update(Action::Last);
    app.update(Action::ToggleAbout);
    app.update(Action::NextLink);
    draw(&app);
    // The filter marked in the names and the text, a step to a match, and the banner of a
    // broken reload carrying the file's own text.
    let start: String = app.document().values[0].name.chars().take(3).collect();
    app.update(Action::StartFilter);
    for c in start.chars() {
        app.update(Action::FilterInput(c));
    }
    app.update(Action::AcceptFilter);
    let query: Vec<char> = start.chars().flat_map(char::to_lowercase).collect();
    let expected: Vec<usize> = (0..app.document().values.len())
        .filter(|index| matches(&app.document().values[*index], &query))
        .collect();
    assert_eq!(app.list().visible(), expected, "the filter's index disagrees with `matches`");
    app.update(Action::NextMatch);
    app.update(Action::Reloaded(Err(app.document().title.clone())));
    draw(&app);
}

fn draw(app: &App) {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area().width, app.area().height)).expect("test backend");
    terminal
        .draw(|frame| ui::draw(frame, app, &ui::Theme::nhs(true)))
        .expect("draw");
    for cell in terminal.backend().buffer().content() {
        assert_inert(cell.symbol(), "the screen");
    }
}

/// Newlines and tabs are the only controls allowed out; a carriage return could overwrite a line.
fn assert_inert(text: &str, what: &str) {
    let bad = text.chars().find(|&c| {
        (c != '\n' && c != '\t' && (c.is_control() || is_forbidden_control(c)))
            || is_invisible_format(c)
    });
    assert!(bad.is_none(), "{what} carries {bad:?}: {text:?}");
}
