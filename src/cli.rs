//! The command line, as clap parses it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
pub use clap_complete::Shell;

/// Browse the NHS values in the terminal, and open each value's video in the browser.
#[derive(Debug, Parser)]
#[command(
    name = "nhs-values",
    version,
    after_help = "Values are read from --file, else $NHS_VALUES_FILE, else values.toml in the \
                  config folder if it exists, else the copy built into the program. Settings \
                  and keys are read from --config, else $NHS_VALUES_CONFIG, else config.toml \
                  in the config folder if it exists (`nhs-values config` writes one to start \
                  from). The config folder is $XDG_CONFIG_HOME/nhs-values \
                  (~/.config/nhs-values) on Linux and macOS, %APPDATA%\\nhs-values on \
                  Windows; `nhs-values where` shows which files are read and why.\n\
                  Run with no command for the interactive browser; press ? there for its keys."
)]
pub struct Cli {
    /// Read the values from this TOML file.
    #[arg(short, long, global = true, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// Read the settings and keys from this config file.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// The look of the interactive screen, instead of the config's `theme`; NO_COLOR turns the
    /// default's colours off.
    #[arg(long, global = true, value_enum)]
    pub theme: Option<ThemeName>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check values files, and the config file in use, and report every problem with its line
    /// and column.
    Check {
        /// Files to check: values files, or config files (told by their settings); without
        /// any, the values file the browser would read.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print the whole document without the interactive screen.
    Print {
        /// How to write it out.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Open a value's video in the browser and exit.
    Open {
        /// The value's number (1 for the first) or its name; a unique start of the name will do.
        #[arg(value_name = "NUMBER|NAME")]
        value: String,
    },
    /// Start the interactive screen in presentation mode: one value at a time, full screen.
    Present {
        /// The value to start at: its number (1 for the first) or its name; a unique start of
        /// the name will do. Without one, the title slide (the title and the introduction).
        #[arg(value_name = "NUMBER|NAME")]
        value: Option<String>,
    },
    /// Serve the interactive screen over SSH: `ssh -p 2222 HOST` gets the browser, with these
    /// values, live-reloaded for every session when the file is saved.
    Serve(ServeArgs),
    /// Show which values file and config file would be read, and why: for a support call.
    Where,
    /// Print the settings and keys in effect as a commented config file to start from:
    /// `nhs-values config > config.toml`.
    Config,
    /// Print a completion script for bash, zsh, fish, elvish or PowerShell.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page, in roff: `nhs-values man | man -l -`.
    Man,
}

/// How `serve` listens, who it lets in, and its limits.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address and port to listen on; 0.0.0.0:2222 (or [::]:2222) serves every network
    /// this machine is on.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: SocketAddr,

    /// The server's Ed25519 host key, made there on first start [default: ssh_host_ed25519_key
    /// in the nhs-values data folder]
    #[arg(long, value_name = "PATH")]
    pub host_key: Option<PathBuf>,

    /// Let in only the keys in this file (OpenSSH authorized_keys format); without it, anyone
    /// may log in, with any key or none.
    #[arg(long, value_name = "PATH")]
    pub authorized_keys: Option<PathBuf>,

    /// The most sessions at once.
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_sessions: u32,

    /// The most sessions at once from one IP address.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_per_address: u32,

    /// A session with no key pressed for this long is closed: 30m, 1h, 90s, 1h 30m.
    #[arg(long, value_name = "DURATION", default_value = "30m", value_parser = duration)]
    pub idle_timeout: Duration,
}

/// A duration as people write one (`30m`, `1h 30m`, `90s`), more than nothing.
fn duration(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text) {
        Ok(duration) if duration.is_zero() => Err("the duration must be more than 0".to_owned()),
        Ok(duration) => Ok(duration),
        Err(error) => Err(format!("{error} (write it like 30m, 1h, 90s or 1h 30m)")),
    }
}

/// The interactive screen's look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    /// NHS blue accents; reads on dark and light terminals.
    Default,
    /// No colour, bold text, reversed selection and heavy borders.
    HighContrast,
}

/// Output formats of `print`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Plain text, no escape sequences.
    Text,
    /// The document as JSON.
    Json,
    /// CommonMark.
    Markdown,
    /// A commented values file to tailor: `print --format toml > my-values.toml`.
    Toml,
}
