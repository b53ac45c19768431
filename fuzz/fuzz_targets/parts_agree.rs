//! Differential: a file read in parts (as files of a megabyte or more are) must give exactly the
//! document the whole-file reader gives, and must never accept what the whole-file reader
//! refuses. Tiny parts make small inputs split the way large files do.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nhs_values::values::{self, parts};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    // `values::parse` takes the whole-file path below a megabyte.
    let whole = values::parse(text, "fuzz.toml").ok();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for part_bytes in [1, 40, 200] {
        if let Some(document) = parts::document(text, part_bytes) {
            assert_eq!(
                Some(&document),
                whole.as_ref(),
                "read in parts of {part_bytes} bytes, {text:?} differs"
            );
        }
    }
});
