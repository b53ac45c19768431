//! Fixtures for the app's tests: apps on the built-in values and on made-up ones, and the
//! questions the tests ask of them.

use super::App;
use crate::action::Action;
use crate::values::{self, Document, Value};

pub fn app() -> App {
    app_on(values::builtin().expect("the built-in values are valid"))
}

/// The app on `document`, on an 80x24 screen.
pub fn app_on(document: Document) -> App {
    let mut app = App::new(document);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

pub fn app_with(count: usize) -> App {
    let mut document = values::builtin().expect("the built-in values are valid");
    document.values = (1..=count)
        .map(|n| Value {
            name: format!("Value {n}"),
            text: format!("Text of value {n}."),
            video: None,
        })
        .collect();
    app_on(document)
}

pub fn selected_name(app: &App) -> Option<&str> {
    app.selected()
        .map(|index| app.document.values[index].name.as_str())
}

pub fn type_filter(app: &mut App, text: &str) {
    app.update(Action::StartFilter);
    for c in text.chars() {
        app.update(Action::FilterInput(c));
    }
}

/// A value with no video.
pub fn value(name: &str, text: &str) -> Value {
    Value {
        name: name.to_owned(),
        text: text.to_owned(),
        video: None,
    }
}

pub fn document_of(values: &[(&str, &str)]) -> Document {
    let mut document = values::builtin().expect("the built-in values are valid");
    document.values = values
        .iter()
        .map(|(name, text)| value(name, text))
        .collect();
    document
}

pub fn app_of(values: &[(&str, &str)]) -> App {
    app_on(document_of(values))
}

pub fn status_text(app: &App) -> &str {
    app.status()
        .as_ref()
        .map_or("", |status| status.text.as_str())
}
