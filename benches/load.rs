//! Loading and validating a values file, from text already in memory.

mod support;

use nhs_values::values;

fn main() {
    divan::main();
}

#[divan::bench]
fn builtin() -> values::Document {
    values::parse(divan::black_box(values::BUILTIN_TOML), "built-in").expect("valid")
}

#[divan::bench(args = [10_000, 100_000], sample_count = 10, sample_size = 1)]
fn generated(bencher: divan::Bencher, count: usize) {
    let text = support::generate::values_toml(count);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench_local(|| values::parse(divan::black_box(&text), "generated").expect("valid"));
}

/// The report for a file with `count` problems (a misspelt key in every value), as `check`
/// prints it: each problem is rendered from its own lines, so the cost grows with the problems,
/// not with their square.
#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn report(bencher: divan::Bencher, count: usize) {
    let mut text = String::from("title = \"T\"\n");
    for index in 0..count {
        text.push_str(&format!(
            "[[values]]\nname = \"v{index}\"\ntext = \"t\"\ncolour = \"red\"\n"
        ));
    }
    let error = values::parse(&text, "many.toml").expect_err("every value has an unknown key");
    bencher.bench_local(|| divan::black_box(&error).render(false));
}
