//! README's pictures (`docs/pictures/`), drawn by the program's own drawing code on the test
//! terminal and written as SVG (`svg.rs`). Each test draws one and compares it with the file,
//! so a picture cannot go stale: after an intended change to the screen,
//! `UPDATE_PICTURES=1 cargo test --lib pictures` draws them all again (then look at
//! `docs/pictures/index.html` in a browser). A QR code in a picture is decoded from the cells
//! the picture is made of, so a picture never shows a code that does not read.

use std::fs;
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use super::frame;
use super::svg::{DARK, svg};
use crate::action::Action;
use crate::app::App;
use crate::ui::Theme;
use crate::ui::scan::{DARK_TERMINAL, Picture};
use crate::values;

/// What regenerates the pictures; the failure message names it.
const UPDATE: &str = "UPDATE_PICTURES=1 cargo test --lib pictures";

const VIDEO_2: &str = "https://www.youtube.com/watch?v=ri-ty0j2ojs";

/// Every picture, in the order `index.html` shows them, with what it shows.
const PICTURES: [(&str, &str); 6] = [
    ("browser", "The browser at 100x30 in the default theme"),
    (
        "slide",
        "A slide in presentation mode at 120x36, with its QR code",
    ),
    ("qr-code", "The QR code overlay at 100x30"),
    ("help", "The help overlay, at 100x38"),
    ("error", "A values file's error report"),
    (
        "looks",
        "The high-contrast theme and the look without colour (NO_COLOR)",
    ),
];

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/pictures")
}

/// Whether the pictures are being drawn again rather than compared.
fn updating() -> bool {
    std::env::var_os("UPDATE_PICTURES").is_some_and(|value| !value.is_empty())
}

/// Compares `text` with the file `name` in `docs/pictures/`, or writes it there when the
/// pictures are being drawn again.
fn compare(name: &str, text: &str) {
    let path = folder().join(name);
    if updating() {
        fs::create_dir_all(folder()).expect("docs/pictures/ can be made");
        fs::write(&path, text).expect("a picture can be written");
        return;
    }
    let stored = fs::read_to_string(&path).unwrap_or_default();
    // Git on Windows may check a text file out with CRLF line endings.
    assert!(
        stored.replace("\r\n", "\n") == text,
        "docs/pictures/{name} is not what the program draws now; if the change is intended, \
         `{UPDATE}` draws the pictures again (then look at docs/pictures/index.html)"
    );
}

fn picture(name: &str, buffer: &Buffer) {
    compare(&format!("{name}.svg"), &svg(buffer, DARK));
}

/// The QR codes a phone reads in `buffer` on a dark terminal.
fn codes(buffer: &Buffer) -> Vec<String> {
    let found = Picture::of(buffer, DARK_TERMINAL).scaled(4).decode();
    found.into_iter().map(|(_, text)| text).collect()
}

fn app_at(width: u16, height: u16) -> App {
    let mut app = App::new(values::builtin().expect("the built-in values are valid"));
    app.update(Action::Resize { width, height });
    app
}

/// The second value, Compassion, selected in the browser, as README's text picture had it.
fn browsing(width: u16, height: u16) -> App {
    let mut app = app_at(width, height);
    app.update(Action::Next);
    app
}

#[test]
fn browser() {
    picture("browser", &frame(&browsing(100, 30), &Theme::nhs(true)));
}

#[test]
fn slide() {
    let mut app = app_at(120, 36);
    app.start_presentation(Some(1));
    let buffer = frame(&app, &Theme::nhs(true));
    assert_eq!(codes(&buffer), [VIDEO_2]);
    picture("slide", &buffer);
}

#[test]
fn qr_code() {
    let mut app = browsing(100, 30);
    app.update(Action::ShowQrCode);
    let buffer = frame(&app, &Theme::nhs(true));
    assert_eq!(codes(&buffer), [VIDEO_2]);
    picture("qr-code", &buffer);
}

/// Tall enough for every key, without a "▼ more" line. Drawn on Unix, where the help lists
/// Ctrl-Z; without job control it has a row less.
#[test]
#[cfg_attr(not(unix), ignore = "the help has no Ctrl-Z row without job control")]
fn help() {
    let mut app = browsing(100, 38);
    app.update(Action::ToggleHelp);
    let buffer = frame(&app, &Theme::nhs(true));
    assert!(!super::text(&buffer).contains('▼'), "the whole help shows");
    picture("help", &buffer);
}

/// A file with two mistakes an author makes, as `nhs-values check` shows it on a terminal:
/// the report's colours read from its escape sequences by a terminal emulator (`vt100`).
const BROKEN: &str = r#"title = "Our values at St Elsewhere"

[[values]]
name = "Compassion"
text = "We respond with humanity and kindness to each person's pain."
vidoe = "https://www.youtube.com/watch?v=ri-ty0j2ojs"

[[values]]
name = "Compassion"
text = "We value every person."
"#;

#[test]
fn error() {
    let Err(error) = values::parse(BROKEN, "my-values.toml") else {
        panic!("the broken file loads");
    };
    let report = error.render(true);
    assert!(report.contains("\x1b["), "the report is in colour");
    let shown = format!("$ nhs-values check my-values.toml\n{report}");
    let width = NonZeroU16::new(80).expect("80 is not 0");
    picture("error", &terminal(&shown, width));
}

/// What a terminal `width` columns wide shows after printing `text`, as many rows as it takes.
fn terminal(text: &str, width: NonZeroU16) -> Buffer {
    let rows = NonZeroU16::try_from(u16::try_from(text.lines().count()).expect("a short text"))
        .expect("some text");
    let mut parser = vt100::Parser::new(rows, width, 0);
    let (rows, width) = (rows.get(), width.get());
    parser.process(text.replace('\n', "\r\n").as_bytes());
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, rows));
    let screen = parser.screen();
    for row in 0..rows {
        for column in 0..width {
            let (Some(shown), Some(cell)) =
                (screen.cell(row, column), buffer.cell_mut((column, row)))
            else {
                continue;
            };
            let colour = |colour| match colour {
                vt100::Color::Default => Color::Reset,
                vt100::Color::Idx(index) => Color::Indexed(index),
                vt100::Color::Rgb(red, green, blue) => Color::Rgb(red, green, blue),
            };
            let mut modifier = Modifier::empty();
            for (on, flag) in [
                (shown.bold(), Modifier::BOLD),
                (shown.dim(), Modifier::DIM),
                (shown.italic(), Modifier::ITALIC),
                (shown.underline(), Modifier::UNDERLINED),
                (shown.inverse(), Modifier::REVERSED),
            ] {
                modifier.set(flag, on);
            }
            let symbol = if shown.has_contents() {
                shown.contents()
            } else {
                " "
            };
            cell.set_symbol(symbol)
                .set_fg(colour(shown.fgcolor()))
                .set_bg(colour(shown.bgcolor()));
            cell.modifier = modifier;
        }
    }
    buffer
}

/// The browser in the high-contrast theme and without colour, side by side.
#[test]
fn looks() {
    let (width, height, gap) = (64, 22, 2);
    let app = browsing(width, height);
    let mut both = Buffer::empty(Rect::new(0, 0, width * 2 + gap, height));
    for (index, theme) in [Theme::high_contrast(), Theme::monochrome()]
        .iter()
        .enumerate()
    {
        let drawn = frame(&app, theme);
        let left = u16::try_from(index).expect("two") * (width + gap);
        for row in 0..height {
            for column in 0..width {
                both[(left + column, row)] = drawn[(column, row)].clone();
            }
        }
    }
    picture("looks", &both);
}

/// README shows only pictures that are drawn, by their file names.
#[test]
fn readme_shows_pictures_that_are_drawn() {
    let readme = include_str!("../../../README.md");
    let shown: Vec<&str> = readme
        .split("](docs/pictures/")
        .skip(1)
        .filter_map(|rest| rest.split_once(".svg)").map(|(name, _)| name))
        .collect();
    assert!(shown.contains(&"browser"), "README opens with a picture");
    for name in shown {
        assert!(
            PICTURES.iter().any(|(drawn, _)| *drawn == name),
            "README shows docs/pictures/{name}.svg, which no test draws"
        );
    }
}

/// A page that shows every picture, to look at them in a browser.
#[test]
fn index() {
    let mut page = String::from(
        "<!doctype html>\n<meta charset=\"utf-8\">\n<title>nhs-values: README's pictures</title>\n\
         <style>body { background: #888; font-family: sans-serif } \
         img { display: block; margin-bottom: 2em }</style>\n",
    );
    for (name, caption) in PICTURES {
        page.push_str(&format!(
            "<h2>{caption}</h2>\n<img src=\"{name}.svg\" alt=\"{caption}\">\n"
        ));
    }
    compare("index.html", &page);
    if !updating() {
        let mut stored: Vec<String> = fs::read_dir(folder())
            .expect("docs/pictures/ is readable")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| Some(name.strip_suffix(".svg")?.to_owned()))
            .collect();
        stored.sort();
        let mut drawn: Vec<&str> = PICTURES.iter().map(|(name, _)| *name).collect();
        drawn.sort();
        assert_eq!(
            stored, drawn,
            "docs/pictures/ holds a picture no test draws"
        );
    }
}
