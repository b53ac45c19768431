//! How large a slide's title is drawn, and its lines at that size.

use tui_big_text::PixelSize;

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
    /// tui-big-text's pixels for letters of this size, and the columns and rows one letter of
    /// its 8 by 8 font takes in them, stated together so that the layout and the drawing agree;
    /// `None` for plain text.
    fn big_letters(self) -> Option<(PixelSize, (u16, u16))> {
        match self {
            TitleSize::Large => Some((PixelSize::HalfHeight, (8, 4))),
            TitleSize::Medium => Some((PixelSize::Quadrant, (4, 4))),
            TitleSize::Plain => None,
        }
    }

    /// This size and each smaller one, largest first.
    pub(super) fn and_smaller(self) -> impl Iterator<Item = TitleSize> + Clone {
        [TitleSize::Large, TitleSize::Medium, TitleSize::Plain]
            .into_iter()
            .skip_while(move |size| *size != self)
    }

    /// How tui-big-text draws letters of this size; `None` for plain text.
    pub fn pixel_size(self) -> Option<PixelSize> {
        self.big_letters().map(|(pixels, _)| pixels)
    }

    /// The columns and rows of one letter.
    pub fn letter(self) -> (u16, u16) {
        self.big_letters().map_or((1, 1), |(_, cells)| cells)
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
