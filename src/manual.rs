//! The manual page and shell completion scripts, generated from the clap definition so they
//! cannot drift from the real command line.

use std::io;

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::{Cli, Shell};

/// The program's name, as installed.
const NAME: &str = "nhs-values";

/// A completion script for `shell`.
pub fn completions(shell: Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), NAME, &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    if shell == Shell::Bash {
        // clap_complete 4.6 spells the state for a command of a hyphenated program two ways:
        // `nhs__values__subcmd__print` where it walks the words, but
        // `nhs__subcmd__values__subcmd__print` in the case arms, so nothing after a command
        // would complete (clap issue 6421).
        script.replace("nhs__subcmd__values", "nhs__values")
    } else {
        script
    }
}

/// The manual page in roff, one page for the whole program: each command gets a subsection
/// with its synopsis and options, where clap_mangen alone would refer to a page per command
/// that nobody installs.
pub fn man_page() -> io::Result<String> {
    let mut command = Cli::command();
    command.build();
    let man = Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    page.extend_from_slice(b".SH COMMANDS\n");
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        let full_name = format!("{NAME} {}", sub.get_name());
        // The global options and --help are described once, at the top of the page.
        let sub = sub.clone().bin_name(full_name.clone()).mut_args(|arg| {
            let described_above = arg.is_global_set() || arg.get_id() == "help";
            let hidden = arg.is_hide_set() || described_above;
            arg.hide(hidden)
        });
        let sub_man = Man::new(sub.clone());
        let mut section = Vec::new();
        sub_man.render_synopsis_section(&mut section)?;
        sub_man.render_description_section(&mut section)?;
        if sub.get_arguments().any(|arg| !arg.is_hide_set()) {
            sub_man.render_options_section(&mut section)?;
        }
        let section = String::from_utf8_lossy(&section);
        page.extend_from_slice(format!(".SS \"{full_name}\"\n").as_bytes());
        for line in section.lines() {
            // Each command's parts become paragraphs of its subsection.
            let line = match line {
                ".SH SYNOPSIS" | ".SH DESCRIPTION" | ".SH OPTIONS" => ".PP",
                line => line,
            };
            page.extend_from_slice(line.as_bytes());
            page.push(b'\n');
        }
    }
    man.render_extra_section(&mut page)?;
    man.render_version_section(&mut page)?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}
