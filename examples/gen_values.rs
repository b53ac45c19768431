//! Writes a generated values file to stdout, for trying the app and the startup script on large
//! files: `cargo run --release --example gen_values -- 100000 > big.toml`, or
//! `-- --long-paragraph 1000000` for one value whose text is a single 1 MB word.

#[path = "../benches/support/generate.rs"]
mod generate;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [count] => count.parse().ok().map(|count| (false, count)),
        [flag, bytes] if flag == "--long-paragraph" => {
            bytes.parse().ok().map(|bytes| (true, bytes))
        }
        _ => None,
    };
    let Some((long, number)) = parsed else {
        eprintln!("usage: gen_values COUNT | gen_values --long-paragraph BYTES");
        return ExitCode::from(2);
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let written = if long {
        out.write_all(generate::long_paragraph_toml(number).as_bytes())
    } else {
        generate::write_values(number, &mut out)
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write the values: {error}");
            ExitCode::FAILURE
        }
    }
}
