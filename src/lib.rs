//! nhs-values: browse the NHS values in the terminal.
//!
//! The binary is a thin shell over this library; the library exists so that the benchmarks
//! under `benches/` and the fuzz target under `fuzz/` drive the same code the binary runs.

pub mod action;
pub mod app;
pub mod browser;
pub mod browser_command;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod event;
pub mod keys;
pub mod layout;
pub mod manual;
pub mod output;
pub mod screen;
pub mod source;
pub mod text;
pub mod tui;
pub mod ui;
pub mod values;
pub mod watch;
pub mod wrap;
