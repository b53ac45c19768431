//! One frame drawn on ratatui's test terminal, as the event loop draws after each key.

mod support;

fn main() {
    divan::main();
}

const SIZES: &[(u16, u16)] = &[(80, 24), (200, 60)];

#[divan::bench(args = SIZES)]
fn builtin(bencher: divan::Bencher, &(width, height): &(u16, u16)) {
    let app = support::app(support::builtin(), width, height);
    let mut terminal = support::terminal(&app);
    bencher.bench_local(|| support::draw(&mut terminal, &app));
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn values_100k(bencher: divan::Bencher, &(width, height): &(u16, u16)) {
    let mut app = support::app(support::generated(100_000), width, height);
    app.update(nhs_values::action::Action::Last);
    let mut terminal = support::terminal(&app);
    bencher.bench_local(|| support::draw(&mut terminal, &app));
}

/// A 1 MB paragraph with no space, scrolled part of the way down: every line is a hard break.
#[divan::bench(args = SIZES, sample_count = 20)]
fn long_paragraph(bencher: divan::Bencher, &(width, height): &(u16, u16)) {
    let mut app = support::app(support::long_paragraph(1_000_000), width, height);
    for _ in 0..100 {
        app.update(nhs_values::action::Action::PageDown);
    }
    let mut terminal = support::terminal(&app);
    bencher.bench_local(|| support::draw(&mut terminal, &app));
}
