//! A stand-in browser for the end-to-end tests: appends each argument it is given, one per line,
//! to the file named by `$NHS_VALUES_TEST_BROWSER_LOG`, so a test can read what the program
//! asked a browser to open.
//!
//! It is a Rust program rather than a shell script so that the same recorder runs on Linux,
//! macOS and Windows, and an example because `cargo test` builds the examples: the tests find it
//! beside their own executable with nothing else to install.

use std::fs::OpenOptions;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(log) = std::env::var_os("NHS_VALUES_TEST_BROWSER_LOG") else {
        eprintln!("record_browser: NHS_VALUES_TEST_BROWSER_LOG names no file to record to");
        return ExitCode::FAILURE;
    };
    let record: String = std::env::args()
        .skip(1)
        .map(|arg| format!("{arg}\n"))
        .collect();
    // One write for the whole record, so a test polling the file never sees half of it.
    let written = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .and_then(|mut file| file.write_all(record.as_bytes()));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("record_browser: {}: {error}", log.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}
