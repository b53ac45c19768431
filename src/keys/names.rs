//! The names a config file gives the actions keys are bound to: the one place a name means an
//! action. They are the words the help uses, as a person would write them in a file.

use crate::action::Action;

/// Each action a user can give keys to, by its name in the `[keys]` and `[keys.presentation]`
/// tables, in the order the help lists them. An action of a key table without a name here
/// cannot be rebound; a test checks that every action of the default tables has one.
pub const ACTION_NAMES: &[(&str, Action)] = &[
    ("next", Action::Next),
    ("previous", Action::Previous),
    ("first", Action::First),
    ("last", Action::Last),
    ("by-number", Action::SelectNumber(1)),
    ("open", Action::Open),
    ("copy", Action::Copy),
    ("qr-code", Action::ShowQrCode),
    ("page-down", Action::PageDown),
    ("page-up", Action::PageUp),
    ("filter", Action::StartFilter),
    ("next-match", Action::NextMatch),
    ("previous-match", Action::PreviousMatch),
    ("about", Action::ToggleAbout),
    ("present", Action::Present),
    ("next-link", Action::NextLink),
    ("previous-link", Action::PreviousLink),
    ("help", Action::ToggleHelp),
    ("back", Action::Back),
    ("quit", Action::Quit),
    // Named everywhere, so one config file serves every platform; bound only on Unix.
    ("suspend", Action::Suspend),
    // Presentation mode's own.
    ("scroll-down", Action::ScrollDown),
    ("scroll-up", Action::ScrollUp),
    ("blank", Action::Blank),
];

/// The entry of the action a config file names: the name as this table holds it, and the
/// action.
pub fn action_named(name: &str) -> Option<&'static (&'static str, Action)> {
    ACTION_NAMES.iter().find(|(known, _)| *known == name)
}

/// The name a config file gives `action`.
pub fn action_name(action: &Action) -> Option<&'static str> {
    ACTION_NAMES
        .iter()
        .find(|(_, known)| known == action)
        .map(|(name, _)| *name)
}
