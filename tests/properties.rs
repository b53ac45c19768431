//! Property tests on the pure parts: any storm of keys, clicks and resizes, on documents built to
//! be awkward, in the browser, in presentation mode and with the QR code overlay open, keeps the
//! state consistent and every frame drawable, with nothing in it that a terminal would obey.

use nhs_values::action::{Action, LaunchFailure};
use nhs_values::app::{App, Slide, TitleSize, matches};
use nhs_values::event::action_for;
use nhs_values::layout;
use nhs_values::screen::Overlay;
use nhs_values::text::{is_forbidden_control, is_invisible_format};
use nhs_values::ui::{Theme, draw};
use nhs_values::values::{self, Document, Link, Value};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Names and text that are hard to lay out or try to act on the terminal. The loader refuses
/// control characters, but the screen must be safe even for a document that skipped it.
const AWKWARD: [&str; 12] = [
    "日本語の価値と思いやり",
    "👩‍⚕️ Nurses 👨‍👩‍👧‍👦 families",
    "🇬🇧🇺🇦 flags",
    "Cafe\u{301} ne\u{301}e\u{301}\u{301} combining",
    "مرحبا بالعالم right to left",
    "tab\tin\tname",
    "escape \u{1b}]2;owned\u{7} title",
    "clear \u{1b}[2J screen",
    "clipboard \u{1b}]52;c;b3duZWQ=\u{7}",
    "c1 \u{9b}31m red",
    "bidi \u{202e}txet desrever\u{202c} zero\u{200b}width",
    "carriage\rreturn",
];

fn value(name: String, text: String, video: bool) -> Value {
    Value {
        name,
        text,
        video: video.then(|| "https://example.org/v?id=1".to_owned()),
    }
}

fn awkward_document() -> Document {
    let mut values: Vec<Value> = AWKWARD
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let text = format!("{name} {}\n\n{}", AWKWARD.join(" "), name.repeat(30));
            value((*name).to_owned(), text, index % 3 != 0)
        })
        .collect();
    values.push(value("x".repeat(10_000), "y".repeat(20_000), true));
    values.push(value("长".repeat(5_000), "宽".repeat(10_000), false));
    Document {
        title: AWKWARD.join(" "),
        intro: AWKWARD.join("\n\n"),
        source: Some("https://example.org/\u{202e}source".to_owned()),
        links: vec![Link {
            label: AWKWARD[6].to_owned(),
            url: "https://example.org/link".to_owned(),
            on_title_slide: true,
        }],
        attribution: AWKWARD.join("\n\n"),
        values,
    }
}

fn many_values(count: usize) -> Document {
    let mut document = values::builtin().expect("the built-in values are valid");
    document.values = (0..count)
        .map(|index| {
            value(
                format!("Value number {index}"),
                format!("Text of value {index}, which says what it means."),
                index % 2 == 0,
            )
        })
        .collect();
    document
}

fn documents() -> Vec<Document> {
    vec![
        values::builtin().expect("the built-in values are valid"),
        awkward_document(),
        many_values(2_000),
        Document {
            source: None,
            links: Vec::new(),
            attribution: String::new(),
            ..many_values(1)
        },
    ]
}

/// What can happen to the screen: a key, the mouse, a resize, the answer of a browser launch
/// or a clipboard write, or the file reloaded (broken, unchanged, reordered, shortened).
#[derive(Debug, Clone)]
enum Happening {
    Input(Event),
    Launched(bool),
    Copied(bool),
    Reloaded(u8),
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn happening() -> impl Strategy<Value = Happening> {
    let special = prop::sample::select(vec![
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Tab,
        KeyCode::BackTab,
    ])
    .prop_map(|code| key(code, KeyModifiers::NONE));
    let typed = prop::sample::select(
        "jkgGiq?/nNypcbo0123456789 aeoé日👩\u{1b}"
            .chars()
            .collect::<Vec<_>>(),
    )
    .prop_map(|c| key(KeyCode::Char(c), KeyModifiers::NONE));
    let mouse = (
        prop::sample::select(vec![
            MouseEventKind::ScrollUp,
            MouseEventKind::ScrollDown,
            MouseEventKind::Down(MouseButton::Left),
        ]),
        0..260u16,
        0..90u16,
    )
        .prop_map(|(kind, column, row)| {
            Event::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })
        });
    let resize = (0..=220u16, 0..=70u16).prop_map(|(width, height)| Event::Resize(width, height));
    prop_oneof![
        4 => special.prop_map(Happening::Input),
        4 => typed.prop_map(Happening::Input),
        2 => mouse.prop_map(Happening::Input),
        2 => resize.prop_map(Happening::Input),
        1 => any::<bool>().prop_map(Happening::Launched),
        1 => any::<bool>().prop_map(Happening::Copied),
        1 => (0..4u8).prop_map(Happening::Reloaded),
    ]
}

fn perform(app: &mut App, happening: Happening) {
    let answer = |worked: bool| {
        if worked {
            Ok("https://example.org/".to_owned())
        } else {
            Err(LaunchFailure {
                url: "https://example.org/a/long/link/that/wraps/on/a/narrow/screen".to_owned(),
                reason: "no desktop opener worked".to_owned(),
            })
        }
    };
    let action = match happening {
        Happening::Input(event) => action_for(app, &event),
        Happening::Launched(worked) => Some(Action::Launched(answer(worked))),
        Happening::Copied(worked) => Some(Action::Copied(answer(worked))),
        Happening::Reloaded(0) => Some(Action::Reloaded(Err(
            "v.toml:3:1: unknown key `vidoe` \u{1b}[2J".to_owned(),
        ))),
        Happening::Reloaded(change) => {
            let mut document = app.document().clone();
            match change {
                1 => {}
                2 => document.values.reverse(),
                _ if document.values.len() > 1 => {
                    document.values.remove(0);
                }
                _ => {}
            }
            Some(Action::Reloaded(Ok(document)))
        }
    };
    // Effects (quit, open, suspend) belong to the event loop; the state must stay whole anyway.
    if let Some(action) = action {
        app.update(action);
    }
}

/// What must hold after every action, whatever came before.
fn assert_consistent(app: &App) {
    let values = &app.document().values;
    let query: Vec<char> = app
        .filter()
        .text()
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    let list = app.list();
    let expected: Vec<usize> = (0..values.len())
        .filter(|index| matches(&values[*index], &query))
        .collect();
    assert_eq!(
        list.visible(),
        expected,
        "the list must be exactly the matches"
    );
    if list.is_empty() {
        assert_eq!(list.cursor(), 0);
    } else {
        assert!(list.cursor() < list.len(), "the cursor is past the list");
        let rows = usize::from(layout::list_inner(app.areas().list).height).max(1);
        assert!(
            list.offset() <= list.cursor() && list.cursor() < list.offset() + rows,
            "the selection is scrolled out of view: offset {}, cursor {}, rows {rows}",
            list.offset(),
            list.cursor()
        );
    }
    let detail_rows = usize::from(layout::detail_inner(app.areas().detail).height);
    let max_scroll = app.detail_line_count().saturating_sub(detail_rows);
    assert!(
        app.detail().scroll() <= max_scroll,
        "the detail is scrolled past its end: {} > {max_scroll}",
        app.detail().scroll()
    );
    let rows = app.keys().help_rows().len();
    let shown = nhs_values::layout::help_rows_shown(app.area(), rows);
    if let Some(help) = app.help() {
        assert!(
            help.scroll() + shown <= rows,
            "the help is scrolled past its last row"
        );
    }
    let overlay = app.screen().overlay;
    assert_eq!(overlay == Some(Overlay::Help), app.help().is_some());
    assert_eq!(overlay == Some(Overlay::QrCode), app.qr().is_some());
    assert_presentation_consistent(app);
}

/// While presenting: the slide is one of the document's, scrolled no further than its end, and
/// nothing on it is cut. Large letters and a QR code are only laid out where the whole slide
/// fits, every line fits across the screen, and a code is drawn at its exact size.
fn assert_presentation_consistent(app: &App) {
    let Some(layout) = app.slide_layout() else {
        assert!(!app.presentation().is_blank());
        return;
    };
    if let Some(Slide::Value(index)) = app.presentation().slide() {
        assert!(index < app.document().values.len(), "slide {index}");
    }
    assert!(app.presentation().scroll() <= layout.max_scroll());
    let screen = app.area();
    assert_eq!(layout.viewport, screen.height.saturating_sub(1));
    for line in layout.title.iter().chain(&layout.lines) {
        let width = line.width(layout.title_size);
        assert!(
            width == 0 || line.x + width <= screen.width,
            "a line is cut at {}x{}: {line:?}",
            screen.width,
            screen.height
        );
    }
    if layout.qr.is_some() || layout.title_size != TitleSize::Plain {
        assert!(layout.height <= usize::from(layout.viewport));
    }
    if let Some((code, area)) = &layout.qr {
        assert_eq!((area.width, area.height), code.cells(1));
        assert!(area.right() <= screen.width);
        let bottom = usize::from(layout.top) + usize::from(area.bottom());
        assert!(bottom <= usize::from(layout.viewport), "the code is cut");
    }
}

/// Draws a frame and checks that no cell holds anything a terminal would act on.
fn assert_draws_inert(app: &App, theme: &Theme) {
    let mut terminal = Terminal::new(TestBackend::new(app.area().width, app.area().height))
        .expect("a test terminal");
    terminal
        .draw(|frame| draw(frame, app, theme))
        .expect("drawing on a test backend");
    for cell in terminal.backend().buffer().content() {
        let symbol = cell.symbol();
        assert!(
            !symbol
                .chars()
                .any(|c| c.is_control() || is_forbidden_control(c) || is_invisible_format(c)),
            "a cell holds {symbol:?}"
        );
    }
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(0x4e48_5321),
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// 48 storms of up to 400 happenings, each on one of the awkward documents, with a frame
    /// after every step. (Hyperlinks are off in these themes: their bytes are checked by the
    /// rendering tests, which read them back through a terminal parser.)
    #[test]
    fn any_storm_keeps_the_state_consistent_and_drawable(
        document in 0..4usize,
        storm in prop::collection::vec(happening(), 1..400),
        theme in 0..3u8,
    ) {
        let theme = match theme {
            0 => Theme::nhs(true),
            1 => Theme::high_contrast(),
            _ => Theme::monochrome(),
        };
        let mut app = App::new(documents().swap_remove(document));
        for happening in storm {
            perform(&mut app, happening);
            assert_consistent(&app);
            assert_draws_inert(&app, &theme);
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Every size from 0x0 up, reached by any route, in each view: the browser, About, help,
    /// a slide, the title slide and the QR code overlay.
    #[test]
    fn any_size_after_any_resizes_renders(
        sizes in prop::collection::vec((0..=300u16, 0..=120u16), 1..8),
        view in 0..6u8,
    ) {
        let mut app = App::new(awkward_document());
        match view {
            1 => { app.update(Action::ToggleAbout); }
            2 => { app.update(Action::ToggleHelp); }
            3 => { app.update(Action::Last); app.update(Action::Present); }
            4 => { app.start_presentation(None); }
            5 => {
                app.update(Action::ToggleAbout);
                app.update(Action::NextLink);
                app.update(Action::ShowQrCode);
            }
            _ => { app.update(Action::Last); }
        }
        for (width, height) in sizes {
            app.update(Action::Resize { width, height });
            assert_consistent(&app);
            assert_draws_inert(&app, &Theme::nhs(false));
        }
    }
}
