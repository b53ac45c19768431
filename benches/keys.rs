//! The work of one key: `App::update`, and `update` plus the frame drawn after it at 200x60
//! (the figure the target is about). Each key alternates with its opposite so that every
//! iteration does real work from the same kind of state.

mod support;

use nhs_values::action::Action;
use nhs_values::app::App;

fn main() {
    divan::main();
}

const COUNTS: &[usize] = &[10, 10_000, 100_000];

/// The keys measured, each with its opposite: `Next`/`Previous`, `Last`/`First`,
/// `PageDown`/`PageUp`.
const NEXT: [Action; 2] = [Action::Next, Action::Previous];
const LAST: [Action; 2] = [Action::Last, Action::First];
const PAGE_DOWN: [Action; 2] = [Action::PageDown, Action::PageUp];

/// An app at 200x60 over `count` generated values, with the middle one selected, so that both
/// keys of each pair change the selection.
fn app_with(count: usize) -> App {
    let mut app = support::app(support::generated(count), 200, 60);
    for _ in 0..count / 2 {
        app.update(Action::Next);
    }
    app
}

/// `App::update` alone, alternating the keys.
fn update(bencher: divan::Bencher, mut app: App, keys: [Action; 2]) {
    let mut cycle = keys.into_iter().cycle();
    bencher.bench_local(|| app.update(cycle.next().expect("a cycle never ends")));
}

/// `App::update` and the frame drawn after it, alternating the keys.
fn update_and_frame(bencher: divan::Bencher, mut app: App, keys: [Action; 2]) {
    let mut terminal = support::terminal(&app);
    let mut cycle = keys.into_iter().cycle();
    bencher.bench_local(|| {
        app.update(cycle.next().expect("a cycle never ends"));
        support::draw(&mut terminal, &app);
    });
}

/// The state change alone.
mod update_only {
    use super::*;

    #[divan::bench(args = COUNTS, sample_count = 50)]
    fn next(bencher: divan::Bencher, count: usize) {
        update(bencher, app_with(count), NEXT);
    }

    #[divan::bench(args = COUNTS, sample_count = 50)]
    fn last(bencher: divan::Bencher, count: usize) {
        update(bencher, app_with(count), LAST);
    }

    #[divan::bench(args = COUNTS, sample_count = 50)]
    fn page_down(bencher: divan::Bencher, count: usize) {
        update(bencher, app_with(count), PAGE_DOWN);
    }
}

/// A key as the user sees it: the state change and the next frame at 200x60.
mod with_frame {
    use super::*;

    #[divan::bench(args = COUNTS, sample_count = 50)]
    fn next(bencher: divan::Bencher, count: usize) {
        update_and_frame(bencher, app_with(count), NEXT);
    }

    #[divan::bench(args = COUNTS, sample_count = 50)]
    fn last(bencher: divan::Bencher, count: usize) {
        update_and_frame(bencher, app_with(count), LAST);
    }

    #[divan::bench(args = COUNTS, sample_count = 50)]
    fn page_down(bencher: divan::Bencher, count: usize) {
        update_and_frame(bencher, app_with(count), PAGE_DOWN);
    }
}

/// The built-in values at 200x60, key and frame: the "under 1 ms" target.
mod builtin_with_frame {
    use super::*;

    fn builtin() -> App {
        support::app(support::builtin(), 200, 60)
    }

    #[divan::bench]
    fn next(bencher: divan::Bencher) {
        update_and_frame(bencher, builtin(), NEXT);
    }

    #[divan::bench]
    fn last(bencher: divan::Bencher) {
        update_and_frame(bencher, builtin(), LAST);
    }

    #[divan::bench]
    fn page_down(bencher: divan::Bencher) {
        update_and_frame(bencher, builtin(), PAGE_DOWN);
    }
}

/// PageDown and PageUp in a 1 MB paragraph with no space, plus the frame.
#[divan::bench(sample_count = 50)]
fn long_paragraph_page_and_frame(bencher: divan::Bencher) {
    let mut app = support::app(support::long_paragraph(1_000_000), 200, 60);
    for _ in 0..100 {
        app.update(Action::PageDown);
    }
    update_and_frame(bencher, app, PAGE_DOWN);
}

/// One filter keystroke at 100,000 values, plus the frame, from a fresh copy of the state each
/// time: `/` (which builds the search index), `x` (in no value, so all the text is searched), a
/// letter that narrows an existing filter, and a backspace (which searches everything again).
#[divan::bench(
    args = ["slash", "type x", "narrow care", "backspace car"],
    sample_count = 20,
    sample_size = 1
)]
fn filter_100k(bencher: divan::Bencher, case: &str) {
    let (before, action) = match case {
        "slash" => (None, Action::StartFilter),
        "type x" => (Some(""), Action::FilterInput('x')),
        "narrow care" => (Some("car"), Action::FilterInput('e')),
        _ => (Some("car"), Action::FilterBackspace),
    };
    let mut app = support::app(support::generated(100_000), 200, 60);
    if let Some(before) = before {
        app.update(Action::StartFilter);
        for c in before.chars() {
            app.update(Action::FilterInput(c));
        }
    }
    let mut terminal = support::terminal(&app);
    bencher.with_inputs(|| app.clone()).bench_local_refs(|app| {
        app.update(action.clone());
        support::draw(&mut terminal, app);
    });
}
