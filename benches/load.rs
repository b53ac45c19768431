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
