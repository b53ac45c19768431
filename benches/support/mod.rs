//! What the benchmarks share: generated documents, an app at a screen size, a test terminal.

// Each bench uses a different part of this module.
#![allow(dead_code)]

pub mod generate;

use nhs_values::action::Action;
use nhs_values::app::App;
use nhs_values::ui::{self, Theme};
use nhs_values::values::{self, Document};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The built-in document.
pub fn builtin() -> Document {
    values::builtin().expect("the built-in values are valid")
}

/// A generated document with `count` values.
pub fn generated(count: usize) -> Document {
    values::parse(&generate::values_toml(count), "generated").expect("generated values are valid")
}

/// A document whose one value is a paragraph of `bytes` letters with no space.
pub fn long_paragraph(bytes: usize) -> Document {
    values::parse(&generate::long_paragraph_toml(bytes), "long").expect("the long value is valid")
}

/// An app showing `document` on a screen of `width` x `height`.
pub fn app(document: Document, width: u16, height: u16) -> App {
    let mut app = App::new(document);
    app.update(Action::Resize { width, height });
    app
}

/// A terminal of the app's screen size that has drawn one frame already, as the real one has
/// when a key arrives.
pub fn terminal(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.area().width, app.area().height))
        .expect("a test terminal");
    draw(&mut terminal, app);
    terminal
}

/// One frame, as the event loop draws it.
pub fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    let theme = Theme::nhs(true);
    terminal
        .draw(|frame| ui::draw(frame, app, &theme))
        .expect("drawing on a test terminal");
}
