//! How large a slide's title is drawn, and its lines at that size.

use crate::wrap;

/// A title that needs more lines than this in large letters is drawn smaller.
const MAX_TITLE_LINES: usize = 3;

/// How large a slide's title is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TitleSize {
    /// Letters 8 columns wide and 4 rows tall (tui-big-text's half-height pixels): about
    /// square, as terminal cells are about twice as tall as wide.
    Large,
    /// Letters 4 columns wide and 4 rows tall (quadrant pixels).
    Medium,
    /// Bold text.
    #[default]
    Plain,
}

impl TitleSize {
    /// The columns and rows of one letter.
    pub fn letter(self) -> (u16, u16) {
        match self {
            TitleSize::Large => (8, 4),
            TitleSize::Medium => (4, 4),
            TitleSize::Plain => (1, 1),
        }
    }
}

/// Whether the big letters have `c`: the printable characters of ASCII and Latin-1, which
/// tui-big-text's font draws. Names with anything else are drawn in plain bold text rather than
/// with gaps: the font has no soft hyphen, superscript three or acute accent.
pub fn has_big_letter(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{b2}' | '\u{b5}'..='\u{ff}')
}

/// The lines of `title` in letters of `size` in `columns`, or `None` where they do not fit:
/// the large letters need every character in their font, each word whole on a line, and at
/// most `MAX_TITLE_LINES` lines.
pub(super) fn title_lines(title: &str, size: TitleSize, columns: u16) -> Option<Vec<&str>> {
    let letter = size.letter().0;
    if size == TitleSize::Plain {
        return Some(wrap::wrap(title, usize::from(columns)));
    }
    let per_line = usize::from(columns / letter);
    let fits = title.chars().all(has_big_letter)
        && title
            .split(' ')
            .all(|word| (1..=per_line).contains(&word.chars().count()) || word.is_empty());
    // The characters of the big font are each a column wide, so wrapping counts letters.
    let lines = wrap::wrap(title, per_line);
    (fits && lines.len() <= MAX_TITLE_LINES).then_some(lines)
}
