//! The authoring corpus: mistakes the people who write values files make, each a file in
//! `tests/authoring/` and the report `nhs-values check` gives for it, compared whole, in the
//! style of rustc's UI tests. `NAME.toml` is the file in; `NAME.stderr` and `NAME.stdout` are
//! what the check prints (a missing one means nothing). After an intended change to a report,
//! `BLESS=1 cargo test --test authoring` writes the new reports; read every diff before
//! committing them.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::Sandbox;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/authoring")
}

/// The cases, by name, in order.
fn cases() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus())
        .expect("read tests/authoring")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            let stem = path.file_stem().expect("a file name");
            stem.to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The expected text of `name` with `extension`, empty when there is no such file. Line
/// endings are LF, whatever the checkout did.
fn expected(name: &str, extension: &str) -> String {
    let path = corpus().join(format!("{name}.{extension}"));
    fs::read_to_string(path)
        .unwrap_or_default()
        .replace("\r\n", "\n")
}

fn bless(name: &str, extension: &str, actual: &str) {
    let path = corpus().join(format!("{name}.{extension}"));
    if actual.is_empty() {
        if path.exists() {
            fs::remove_file(&path).expect("remove an expected report that is now empty");
        }
    } else {
        fs::write(&path, actual).expect("write the expected report");
    }
}

/// `expected` and `actual` line by line, as a unified diff shows them: common lines with a
/// space, lines only expected with `-`, lines only produced with `+`.
fn diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    // The longest common subsequence, from the end: the corpus's reports are short.
    let mut longest = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            longest[i][j] = if old[i] == new[j] {
                longest[i + 1][j + 1] + 1
            } else {
                longest[i + 1][j].max(longest[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            out.push_str(&format!(" {}\n", old[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < old.len() && (j == new.len() || longest[i + 1][j] >= longest[i][j + 1]) {
            out.push_str(&format!("-{}\n", old[i]));
            i += 1;
        } else {
            out.push_str(&format!("+{}\n", new[j]));
            j += 1;
        }
    }
    out
}

#[test]
fn every_mistake_in_the_corpus_gets_its_report() {
    let blessing = std::env::var_os("BLESS").is_some_and(|value| !value.is_empty());
    let cases = cases();
    assert!(
        cases.len() >= 15,
        "the corpus has only {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    for name in &cases {
        let sandbox = Sandbox::new();
        let file = format!("{name}.toml");
        let bytes = fs::read(corpus().join(&file)).expect("read a corpus file");
        sandbox.file(&file, bytes);
        let output = sandbox.run(&["check", &file]);
        let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
        let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "{file}: the program panicked:\n{stderr}"
        );
        let code = if stderr.is_empty() { 0 } else { 1 };
        assert_eq!(output.status.code(), Some(code), "{file}: exit status");
        for (extension, actual) in [("stdout", &stdout), ("stderr", &stderr)] {
            if blessing {
                bless(name, extension, actual);
                continue;
            }
            let expected = expected(name, extension);
            if expected != *actual {
                failures.push(format!(
                    "{name}.{extension} differs (- expected, + actual):\n{}",
                    diff(&expected, actual)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n{} of {} reports differ; after an intended change, `BLESS=1 cargo test --test \
         authoring` writes them anew (then read the diff)",
        failures.join("\n"),
        failures.len(),
        cases.len() * 2,
    );
}
