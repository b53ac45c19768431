//! nhs-values: browse the NHS values in the terminal.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Parser;

use nhs_values::cli::{Cli, Command, Format, ThemeName};
use nhs_values::config::{self, Settings};
use nhs_values::source::{self, Choice, ConfigChoice, Source};
use nhs_values::values::{self, Document, LoadError};
use nhs_values::{app, browser, manual, output, text, tui, watch};

/// Exit code for input the program cannot use (usage errors get clap's 2).
const INVALID_INPUT: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", text::visible(&format!("{error:#}")));
            ExitCode::from(INVALID_INPUT)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let theme = cli.theme;
    let choice = Choice::for_this_process(cli.file);
    let config = ConfigChoice::for_this_process(cli.config);
    let source = choice.source.clone();
    match cli.command {
        None => browse(theme, &config, &source, Start::Browsing),
        Some(Command::Present { value }) => {
            browse(theme, &config, &source, Start::Presenting(value))
        }
        Some(Command::Check { paths }) => Ok(check(&source, &config, paths)),
        Some(Command::Print { format }) => match source.load() {
            Ok(document) => print(&output::render(&document, format)),
            Err(error) => Ok(report(&error)),
        },
        Some(Command::Open { value }) => match load(&config, &source) {
            Ok((settings, document)) => open(&document, &value, &settings),
            Err(code) => Ok(code),
        },
        Some(Command::Where) => print(&choice.explain(&config, source::config_dir().as_deref())),
        Some(Command::Config) => match config.load() {
            Ok(mut settings) => {
                settings.theme = theme.unwrap_or(settings.theme);
                print(&config::render(&settings))
            }
            Err(error) => Ok(report(&error)),
        },
        Some(Command::Completions { shell }) => print(&manual::completions(shell)),
        Some(Command::Man) => print(&manual::man_page().context("cannot write the manual page")?),
    }
}

/// The settings and the document, or the exit code after reporting every problem of either.
fn load(config: &ConfigChoice, source: &Source) -> Result<(Settings, Document), ExitCode> {
    match (config.load(), source.load()) {
        (Ok(settings), Ok(document)) => Ok((settings, document)),
        (settings, document) => {
            for error in [settings.err(), document.err()].iter().flatten() {
                report(error);
            }
            Err(ExitCode::from(INVALID_INPUT))
        }
    }
}

/// How the interactive screen starts.
enum Start {
    Browsing,
    /// In presentation mode, at the value named, or at the title slide.
    Presenting(Option<String>),
}

/// The interactive screen; without a terminal, the document printed as text, as `print` does.
/// The config and the values are both read, and every problem of either reported, before the
/// screen is taken.
fn browse(
    theme: Option<ThemeName>,
    config: &ConfigChoice,
    source: &Source,
    start: Start,
) -> Result<ExitCode> {
    let loaded = source.file().map(|path| (path.clone(), watch::stamp(path)));
    let (settings, document) = match load(config, source) {
        Ok(both) => both,
        Err(code) => return Ok(code),
    };
    let present = match start {
        Start::Browsing => None,
        Start::Presenting(None) => Some(None),
        Start::Presenting(Some(wanted)) => Some(Some(
            values::find_value(&document, &wanted).map_err(anyhow::Error::msg)?,
        )),
    };
    if !io::stdout().is_terminal() {
        return print(&output::render(&document, Format::Text));
    }
    let theme = theme.unwrap_or(settings.theme);
    let mut app = app::App::with_keys(document, settings.keys).with_text_width(settings.text_width);
    if let Some(value) = present {
        app.start_presentation(value);
    }
    tui::run(app, theme, settings.browser, loaded)
}

/// Prints every problem to stderr, coloured when stderr is a terminal that wants colour.
fn report(error: &LoadError) -> ExitCode {
    let styled = io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    eprintln!("{}", error.render(styled));
    ExitCode::from(INVALID_INPUT)
}

/// Checks the config file in use if there is one, and the values files: the one in use, or
/// each file named, which may be a config file too (told by what it holds, or by being the
/// config in use). Each file is checked once, however many times or ways it is named.
fn check(source: &Source, config: &ConfigChoice, paths: Vec<PathBuf>) -> ExitCode {
    let mut code = ExitCode::SUCCESS;
    let mut tell = |result: Result<String, LoadError>| match result {
        Ok(summary) => println!("{summary}"),
        Err(error) => code = report(&error),
    };
    let is_config_in_use = |path: &Path| {
        config
            .file
            .as_deref()
            .is_some_and(|file| same_file(file, path))
    };
    if let Some(file) = &config.file
        && !paths.iter().any(|path| is_config_in_use(path))
    {
        tell(check_config(file));
    }
    if paths.is_empty() {
        tell(source.load().map(|document| summary(source, &document)));
    }
    let mut checked: Vec<&Path> = Vec::new();
    for path in &paths {
        if checked.iter().any(|done| same_file(done, path)) {
            continue;
        }
        checked.push(path);
        if is_config_in_use(path) {
            tell(check_config(path));
            continue;
        }
        let name = values::show_path(path);
        tell(source::read_file(path, "values file").and_then(|bytes| {
            // Read as values first: a valid values file is never a config file, and a large one
            // is read in parts, which parsing it whole to ask first would undo.
            match values::parse_bytes(&bytes, &name) {
                Ok(document) => Ok(summary(&Source::File(path.clone()), &document)),
                Err(_) if std::str::from_utf8(&bytes).is_ok_and(config::is_config) => {
                    config_summary(&bytes, &name)
                }
                Err(error) => Err(error),
            }
        }));
    }
    code
}

/// Whether two paths name the same file: the same path once links, `.` and `..` are resolved,
/// or, for a file that cannot be resolved (missing), the same words.
fn same_file(one: &Path, other: &Path) -> bool {
    match (std::fs::canonicalize(one), std::fs::canonicalize(other)) {
        (Ok(one), Ok(other)) => one == other,
        _ => one == other,
    }
}

fn check_config(file: &Path) -> Result<String, LoadError> {
    let bytes = source::read_file(file, "config file")?;
    config_summary(&bytes, &values::show_path(file))
}

/// A config file's bytes, named `name`, checked and counted as `check` reports a good one.
fn config_summary(bytes: &[u8], name: &str) -> Result<String, LoadError> {
    let text = values::utf8(bytes, name)?;
    config::parse(text, name)?;
    Ok(format!("{name}: {}", config::summary(text)))
}

fn summary(source: &Source, document: &Document) -> String {
    format!(
        "{}: {}, {}",
        source.name(),
        text::plural(document.values.len(), "value", "values"),
        text::plural(document.links.len(), "link", "links"),
    )
}

/// Writes to stdout; a reader that stops early (`| head`) is not an error.
fn print(text: &str) -> Result<ExitCode> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write the output")
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn open(document: &Document, wanted: &str, settings: &Settings) -> Result<ExitCode> {
    let index = values::find_value(document, wanted).map_err(anyhow::Error::msg)?;
    let value = &document.values[index];
    let name = text::visible(&value.name);
    let Some(video) = &value.video else {
        bail!("“{name}” has no video");
    };
    match browser::open(video, settings.browser.as_deref()) {
        Ok(()) => {
            println!("Opened “{name}”: {video}");
            Ok(ExitCode::SUCCESS)
        }
        Err(reason) => bail!("could not open a browser ({reason}); the link is {video}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Document {
        nhs_values::values::builtin().expect("the built-in values are valid")
    }

    #[test]
    fn the_summary_counts_values_and_links() {
        assert_eq!(
            summary(&Source::Builtin, &builtin()),
            "values.toml (built in): 6 values, 2 links"
        );
    }
}
