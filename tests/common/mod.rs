//! Helpers shared by the end-to-end tests: running the real binary in a clean environment and a
//! stand-in browser that records what it was asked to open.

#![allow(dead_code)] // Each test crate uses a different part of this module.

pub mod pty;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The binary under test, as cargo built it for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_nhs-values");

/// The built-in document's videos, in order.
pub const VIDEOS: [&str; 6] = [
    "https://www.youtube.com/watch?v=EA5a_1Mw9L4",
    "https://www.youtube.com/watch?v=ri-ty0j2ojs",
    "https://www.youtube.com/watch?v=Sr810N1yB4g",
    "https://www.youtube.com/watch?v=uxBgndf2y-Y",
    "https://www.youtube.com/watch?v=TzmJX8idkNU",
    "https://www.youtube.com/watch?v=hcXGL46Z8Zc",
];

/// The built-in document's value names, in order.
pub const NAMES: [&str; 6] = [
    "Working together for patients",
    "Compassion",
    "Respect and dignity",
    "Improving lives",
    "Commitment to quality of care",
    "Everyone counts",
];

/// The recording browser, `examples/record_browser.rs`, which `cargo test` builds beside the test
/// executables: `target/debug/deps/TEST` runs, `target/debug/examples/record_browser` records.
pub fn recording_browser() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let test = std::env::current_exe().expect("the test's own path");
        let profile = test
            .parent()
            .and_then(Path::parent)
            .expect("the test runs from target/PROFILE/deps");
        let browser = profile
            .join("examples")
            .join(format!("record_browser{}", std::env::consts::EXE_SUFFIX));
        assert!(
            browser.is_file(),
            "the recording browser {} is missing: a plain `cargo test` builds it, and so does \
             `cargo build --example record_browser`",
            browser.display()
        );
        browser
    })
}

/// What `$BROWSER` separates its entries with: `os.pathsep`, as Python's webbrowser reads it.
pub const BROWSER_SEPARATOR: char = if cfg!(windows) { ';' } else { ':' };

/// A scratch directory per test: an empty config home, so the developer's own values file
/// (`~/.config/nhs-values/values.toml`, `%APPDATA%\nhs-values\values.toml`) can never leak in,
/// and a recording browser.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("nhs-values-e2e")
            .tempdir()
            .expect("create a temp dir");
        fs::create_dir(dir.path().join("config")).expect("create the config home");
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_home(&self) -> PathBuf {
        self.path().join("config")
    }

    /// The recording browser: appends each argument, one per line, to `browser_log()`.
    pub fn browser(&self) -> &'static Path {
        recording_browser()
    }

    pub fn browser_log(&self) -> PathBuf {
        self.path().join("browser.log")
    }

    /// What the recording browser was given, if it ran at all.
    pub fn recorded(&self) -> Option<String> {
        fs::read_to_string(self.browser_log()).ok()
    }

    /// Waits until the recording browser has written something, for up to ten seconds.
    pub fn wait_for_record(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(text) = self.recorded().filter(|text| text.ends_with('\n')) {
                return text;
            }
            assert!(Instant::now() < deadline, "the browser was never run");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Writes `contents` to a file in the sandbox and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        fs::write(&path, contents).expect("write a test file");
        path
    }

    /// Runs the binary with `args` to the end, with the environment of `command`.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        self.command().args(args).output().expect("run nhs-values")
    }

    /// The binary with a clean environment: no values or config file from the environment or
    /// the user's config folder (the config home is the sandbox's on every platform), no colour,
    /// and the recording browser.
    pub fn command(&self) -> Command {
        let mut command = Command::new(BIN);
        command
            .current_dir(self.path())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("HOME", self.path())
            .env("APPDATA", self.config_home())
            .env("BROWSER", self.browser())
            .env("NHS_VALUES_TEST_BROWSER_LOG", self.browser_log())
            .env_remove("NHS_VALUES_FILE")
            .env_remove("NHS_VALUES_CONFIG")
            .env_remove("NO_COLOR")
            .env_remove("RUST_BACKTRACE");
        command
    }
}

/// A values file whose name and text carry bidi overrides, zero-width characters and a byte
/// order mark: legal text that would reorder or hide what is shown.
pub const HIDDEN_CHARACTERS: &str = "title = \"Ward values\"\n[[values]]\n\
    name = \"Kind\u{200b}ness \u{202e}esrever\u{202c}\"\n\
    text = \"Care\u{2066}ful \u{feff}words\"\n";

/// A values file with one value per `(name, video)`, each with some text.
pub fn values_toml(values: &[(&str, &str)]) -> String {
    let mut toml = String::from("title = \"Test values\"\n");
    for (name, video) in values {
        toml.push_str(&format!(
            "\n[[values]]\nname = {name:?}\ntext = \"About {name}.\"\nvideo = {video:?}\n"
        ));
    }
    toml
}
