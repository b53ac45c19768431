//! A frame as an SVG picture, for README's pictures (`pictures.rs`): the cells on a grid of
//! 9 by 18 pixels, so that a QR code's modules, two to a cell, are square. The background of
//! each run of cells with the same colour is one rectangle; the ASCII text of each run with the
//! same colour and weight one `<text>`, stretched to its cells' width so that a font a little
//! wider or narrower than the grid still lines up, and any other character its own `<text>`,
//! centred on its cell, as it may come from another font. Block elements (`▀ ▄ █`, the halves and quadrants)
//! and box-drawing lines are drawn as rectangles rather than with the font, so that QR codes and
//! large letters are exact and lines join whatever font the reader has.
//!
//! Colours are the terminal's: `Color::Rgb` as it is, `Color::Reset` the terminal's own (`Look`),
//! and the named and indexed colours xterm's palette, which `scan` reads too. Dim text is drawn
//! halfway to its background, reverse video swaps the two.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// A colour as red, green and blue.
pub type Rgb = (u8, u8, u8);

/// A terminal's own text and background colours, for cells that have none of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub foreground: Rgb,
    pub background: Rgb,
}

/// Light grey text on a near-black background, as `scan::DARK_TERMINAL` reads it.
pub const DARK: Look = Look {
    foreground: (0xd0, 0xd0, 0xd0),
    background: (0x1e, 0x1e, 0x1e),
};

const CELL_WIDTH: u32 = 9;
const CELL_HEIGHT: u32 = 18;
const FONT_SIZE: u32 = 15;
/// From the top of a cell to the text's baseline.
const BASELINE: u32 = 13;
/// The terminal's margin around the cells.
const MARGIN: u32 = 9;
/// Common monospace fonts of each platform, the first the reader has.
const FONTS: &str = "ui-monospace, 'Cascadia Mono', 'SF Mono', Menlo, Consolas, \
                     'DejaVu Sans Mono', 'Liberation Mono', monospace";
/// The width of a light and a heavy box-drawing line, odd so that a line on a cell's middle
/// column (4.5 pixels in) has whole-pixel edges.
const LIGHT: u32 = 1;
const HEAVY: u32 = 3;
/// Where a horizontal line's middle is in a cell, on a half pixel for the same reason.
const LINE_MIDDLE_Y: f32 = 8.5;

/// The colour a terminal shows for `colour`, `default` for the terminal's own: xterm's
/// palette for the 16 named colours, its 6x6x6 cube and its greys.
pub fn rgb(colour: Color, default: Rgb) -> Rgb {
    const NAMED: [Rgb; 16] = [
        (0x00, 0x00, 0x00),
        (0xcd, 0x00, 0x00),
        (0x00, 0xcd, 0x00),
        (0xcd, 0xcd, 0x00),
        (0x00, 0x00, 0xee),
        (0xcd, 0x00, 0xcd),
        (0x00, 0xcd, 0xcd),
        (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f),
        (0xff, 0x00, 0x00),
        (0x00, 0xff, 0x00),
        (0xff, 0xff, 0x00),
        (0x5c, 0x5c, 0xff),
        (0xff, 0x00, 0xff),
        (0x00, 0xff, 0xff),
        (0xff, 0xff, 0xff),
    ];
    let index = match colour {
        Color::Reset => return default,
        Color::Rgb(red, green, blue) => return (red, green, blue),
        Color::Indexed(index) => index,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    match index {
        0..=15 => NAMED[usize::from(index)],
        16..=231 => {
            let level = |value: u8| if value == 0 { 0 } else { 55 + value * 40 };
            let cube = index - 16;
            (level(cube / 36), level(cube / 6 % 6), level(cube % 6))
        }
        _ => {
            let grey = 8 + (index - 232) * 10;
            (grey, grey, grey)
        }
    }
}

/// How a cell looks: its colours as the terminal shows them, and its text's weight and lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ink {
    foreground: Rgb,
    background: Rgb,
    bold: bool,
    italic: bool,
    underlined: bool,
}

impl Ink {
    fn of(cell: &Cell, look: Look) -> Ink {
        let mut foreground = rgb(cell.fg, look.foreground);
        let mut background = rgb(cell.bg, look.background);
        if cell.modifier.contains(Modifier::REVERSED) {
            std::mem::swap(&mut foreground, &mut background);
        }
        if cell.modifier.contains(Modifier::DIM) {
            foreground = halfway(foreground, background);
        }
        Ink {
            foreground,
            background,
            bold: cell.modifier.contains(Modifier::BOLD),
            italic: cell.modifier.contains(Modifier::ITALIC),
            underlined: cell.modifier.contains(Modifier::UNDERLINED),
        }
    }
}

fn halfway(from: Rgb, to: Rgb) -> Rgb {
    let mix = |a: u8, b: u8| ((u16::from(a) + u16::from(b)) / 2) as u8;
    (mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

fn hex((red, green, blue): Rgb) -> String {
    format!("#{red:02x}{green:02x}{blue:02x}")
}

/// The quarters of a cell a block element fills: top left, top right, bottom left, bottom
/// right.
fn quarters(symbol: &str) -> Option<[bool; 4]> {
    Some(match symbol {
        "▀" => [true, true, false, false],
        "▄" => [false, false, true, true],
        "█" => [true, true, true, true],
        "▌" => [true, false, true, false],
        "▐" => [false, true, false, true],
        "▘" => [true, false, false, false],
        "▝" => [false, true, false, false],
        "▖" => [false, false, true, false],
        "▗" => [false, false, false, true],
        "▚" => [true, false, false, true],
        "▞" => [false, true, true, false],
        "▙" => [true, false, true, true],
        "▛" => [true, true, true, false],
        "▜" => [true, true, false, true],
        "▟" => [false, true, true, true],
        _ => return None,
    })
}

/// The lines a box-drawing character draws from its cell's middle: left, right, up and down,
/// each 0 (none), 1 (light) or 2 (heavy). Rounded corners are drawn square.
fn arms(symbol: &str) -> Option<[u8; 4]> {
    Some(match symbol {
        "─" => [1, 1, 0, 0],
        "━" => [2, 2, 0, 0],
        "│" => [0, 0, 1, 1],
        "┃" => [0, 0, 2, 2],
        "┌" | "╭" => [0, 1, 0, 1],
        "┐" | "╮" => [1, 0, 0, 1],
        "└" | "╰" => [0, 1, 1, 0],
        "┘" | "╯" => [1, 0, 1, 0],
        "┏" => [0, 2, 0, 2],
        "┓" => [2, 0, 0, 2],
        "┗" => [0, 2, 2, 0],
        "┛" => [2, 0, 2, 0],
        "├" => [0, 1, 1, 1],
        "┤" => [1, 0, 1, 1],
        "┬" => [1, 1, 0, 1],
        "┴" => [1, 1, 1, 0],
        "┼" => [1, 1, 1, 1],
        "┣" => [0, 2, 2, 2],
        "┫" => [2, 0, 2, 2],
        "┳" => [2, 2, 0, 2],
        "┻" => [2, 2, 2, 0],
        "╋" => [2, 2, 2, 2],
        _ => return None,
    })
}

fn stroke(weight: u8) -> f32 {
    match weight {
        2 => HEAVY as f32,
        _ => LIGHT as f32,
    }
}

/// Rectangles in one colour, each `x y width height`, joined where one continues another on
/// the same row.
#[derive(Default)]
struct Rects {
    by_colour: BTreeMap<Rgb, Vec<[f32; 4]>>,
}

impl Rects {
    fn add(&mut self, colour: Rgb, rect: [f32; 4]) {
        let rects = self.by_colour.entry(colour).or_default();
        if let Some(last) = rects.last_mut()
            && last[1] == rect[1]
            && last[3] == rect[3]
            && last[0] + last[2] == rect[0]
        {
            last[2] += rect[2];
            return;
        }
        rects.push(rect);
    }

    /// One path of rectangles per colour: a QR code is hundreds of them.
    fn write(&self, svg: &mut String) {
        for (colour, rects) in &self.by_colour {
            let _ = write!(svg, "<path fill=\"{}\" d=\"", hex(*colour));
            for [x, y, width, height] in rects {
                let _ = write!(svg, "M{x} {y}h{width}v{height}h-{width}z");
            }
            svg.push_str("\"/>\n");
        }
    }
}

/// A piece of text on one row: where it starts, how many cells it takes, and the text.
struct Run {
    row: u32,
    column: u32,
    cells: u32,
    text: String,
}

/// Runs of text by colour, weight and slant.
type Texts = BTreeMap<(Rgb, bool, bool), Vec<Run>>;

/// What a picture is made of, gathered cell by cell, each kind drawn together.
#[derive(Default)]
struct Canvas {
    backgrounds: Rects,
    /// Block elements and underlines.
    blocks: Rects,
    /// Box-drawing lines across, and at the end down too.
    lines: Rects,
    /// Box-drawing lines down, by column, colour and weight: each column's spans from top to
    /// bottom, joined where one meets the next.
    down: BTreeMap<(u32, Rgb, u8), Vec<(f32, f32)>>,
    texts: Texts,
}

impl Canvas {
    /// The cell at `column`, `row` filled with `ink`'s background, or underlined, where the
    /// terminal's own background would not show the same.
    fn ground(&mut self, column: u32, row: u32, ink: Ink, look: Look) {
        let (left, top) = corner(column, row);
        if ink.background != look.background {
            self.backgrounds.add(
                ink.background,
                [left, top, CELL_WIDTH as f32, CELL_HEIGHT as f32],
            );
        }
        if ink.underlined {
            let y = top + CELL_HEIGHT as f32 - 2.0;
            self.blocks
                .add(ink.foreground, [left, y, CELL_WIDTH as f32, 1.0]);
        }
    }

    /// The quarters of the cell that a block element fills, each quarter on its own so that a
    /// row of `▀` is one rectangle per colour.
    fn block(&mut self, column: u32, row: u32, filled: [bool; 4], colour: Rgb) {
        let (left, top) = corner(column, row);
        let (width, height) = (CELL_WIDTH as f32 / 2.0, CELL_HEIGHT as f32 / 2.0);
        for (index, filled) in filled.into_iter().enumerate() {
            if filled {
                let x = left + if index % 2 == 1 { width } else { 0.0 };
                let y = top + if index >= 2 { height } else { 0.0 };
                self.blocks.add(colour, [x, y, width, height]);
            }
        }
    }

    /// A box-drawing character's lines from the cell's middle. Each reaches past the middle by
    /// half the width of the line the other way, so that a corner is filled.
    fn box_lines(&mut self, column: u32, row: u32, arms: [u8; 4], colour: Rgb) {
        let [left_arm, right_arm, up, down] = arms;
        let (left, top) = corner(column, row);
        let middle_x = left + CELL_WIDTH as f32 / 2.0;
        let middle_y = top + LINE_MIDDLE_Y;
        let reach = if up + down > 0 {
            stroke(up.max(down)) / 2.0
        } else {
            0.0
        };
        for (weight, from, to) in [
            (left_arm, left, middle_x + reach),
            (right_arm, middle_x - reach, left + CELL_WIDTH as f32),
        ] {
            if weight > 0 {
                let line = stroke(weight);
                let rect = [from, middle_y - line / 2.0, to - from, line];
                self.lines.add(colour, rect);
            }
        }
        let reach = if left_arm + right_arm > 0 {
            stroke(left_arm.max(right_arm)) / 2.0
        } else {
            0.0
        };
        for (weight, from, to) in [
            (up, top, middle_y + reach),
            (down, middle_y - reach, top + CELL_HEIGHT as f32),
        ] {
            if weight > 0 {
                let spans = self.down.entry((column, colour, weight)).or_default();
                match spans.last_mut() {
                    Some(last) if last.1 >= from => last.1 = last.1.max(to),
                    _ => spans.push((from, to)),
                }
            }
        }
    }

    fn text(&mut self, ink: Ink, run: Run) {
        self.texts
            .entry((ink.foreground, ink.bold, ink.italic))
            .or_default()
            .push(run);
    }

    /// The text of one row: runs of ASCII in one style, and each other character on its own.
    fn row_text(&mut self, buffer: &Buffer, row: u16, look: Look) {
        let area = buffer.area;
        let mut run: Option<(Ink, Run)> = None;
        let mut column = 0;
        while column < area.width {
            let cell = &buffer[(area.x + column, area.y + row)];
            let ink = Ink::of(cell, look);
            let symbol = match cell.symbol() {
                "" => " ",
                symbol => symbol,
            };
            let cells = symbol.width().max(1) as u32;
            let is_text = quarters(symbol).is_none() && arms(symbol).is_none();
            let same = |run_ink: &Ink| {
                (run_ink.foreground, run_ink.bold, run_ink.italic)
                    == (ink.foreground, ink.bold, ink.italic)
            };
            match &mut run {
                Some((run_ink, text))
                    if same(run_ink) && is_text && symbol.is_ascii() && text.text.is_ascii() =>
                {
                    text.text.push_str(symbol);
                    text.cells += cells;
                }
                _ => {
                    if let Some((run_ink, text)) = run.take() {
                        self.text(run_ink, text);
                    }
                    if is_text && symbol != " " {
                        let text = Run {
                            row: row.into(),
                            column: column.into(),
                            cells,
                            text: symbol.to_owned(),
                        };
                        run = Some((ink, text));
                    }
                }
            }
            column += u16::try_from(cells).unwrap_or(1);
        }
        if let Some((run_ink, text)) = run {
            self.text(run_ink, text);
        }
    }

    fn write(mut self, svg: &mut String) {
        let _ = writeln!(
            svg,
            "<g transform=\"translate({MARGIN} {MARGIN})\" shape-rendering=\"crispEdges\">"
        );
        self.backgrounds.write(svg);
        self.blocks.write(svg);
        for ((column, colour, weight), spans) in std::mem::take(&mut self.down) {
            let line = stroke(weight);
            let x = corner(column, 0).0 + CELL_WIDTH as f32 / 2.0 - line / 2.0;
            for (from, to) in spans {
                self.lines.add(colour, [x, from, line, to - from]);
            }
        }
        self.lines.write(svg);
        svg.push_str("</g>\n");
        let _ = writeln!(svg, "<g transform=\"translate({MARGIN} {MARGIN})\">");
        for ((colour, bold, italic), runs) in &self.texts {
            let _ = write!(svg, "<g fill=\"{}\"", hex(*colour));
            if *bold {
                svg.push_str(" font-weight=\"bold\"");
            }
            if *italic {
                svg.push_str(" font-style=\"italic\"");
            }
            svg.push('>');
            for run in runs {
                write_run(svg, run);
            }
            svg.push_str("</g>\n");
        }
        svg.push_str("</g>\n");
    }
}

/// The top left corner of a cell, in pixels from the top left of the cells.
fn corner(column: u32, row: u32) -> (f32, f32) {
    ((column * CELL_WIDTH) as f32, (row * CELL_HEIGHT) as f32)
}

fn write_run(svg: &mut String, run: &Run) {
    let y = run.row * CELL_HEIGHT + BASELINE;
    let text = run.text.trim_end();
    if text.is_ascii() {
        let x = run.column * CELL_WIDTH;
        let length = text.len() as u32 * CELL_WIDTH;
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{y}\" textLength=\"{length}\">{}</text>",
            escape(text)
        );
    } else {
        // A character outside ASCII may come from another font, of another width: centred on
        // its cells.
        let middle = (run.column * 2 + run.cells) * CELL_WIDTH;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{y}\" text-anchor=\"middle\">{}</text>",
            middle as f32 / 2.0,
            escape(text)
        );
    }
}

/// `buffer` as an SVG document, on a terminal whose own colours are `look`.
pub fn svg(buffer: &Buffer, look: Look) -> String {
    let area = buffer.area;
    let mut canvas = Canvas::default();
    for row in 0..area.height {
        for column in 0..area.width {
            let cell = &buffer[(area.x + column, area.y + row)];
            let ink = Ink::of(cell, look);
            let (column, row_number) = (u32::from(column), u32::from(row));
            canvas.ground(column, row_number, ink, look);
            if let Some(filled) = quarters(cell.symbol()) {
                canvas.block(column, row_number, filled, ink.foreground);
            }
            if let Some(arms) = arms(cell.symbol()) {
                canvas.box_lines(column, row_number, arms, ink.foreground);
            }
        }
        canvas.row_text(buffer, row, look);
    }
    let (width, height) = (
        u32::from(area.width) * CELL_WIDTH + 2 * MARGIN,
        u32::from(area.height) * CELL_HEIGHT + 2 * MARGIN,
    );
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONTS}\" font-size=\"{FONT_SIZE}\" \
         xml:space=\"preserve\">"
    );
    let _ = writeln!(
        svg,
        "<rect width=\"{width}\" height=\"{height}\" rx=\"6\" fill=\"{}\"/>",
        hex(look.background)
    );
    canvas.write(&mut svg);
    svg.push_str("</svg>\n");
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    use super::*;

    #[test]
    fn the_palette_is_xterms() {
        let white = (1, 2, 3);
        assert_eq!(rgb(Color::Reset, white), white);
        assert_eq!(rgb(Color::Rgb(0, 0x5e, 0xb8), white), (0, 0x5e, 0xb8));
        assert_eq!(rgb(Color::Red, white), (0xcd, 0, 0));
        assert_eq!(rgb(Color::Indexed(9), white), (0xff, 0, 0));
        assert_eq!(rgb(Color::Indexed(25), white), (0x00, 0x5f, 0xaf));
        assert_eq!(rgb(Color::Indexed(16), white), (0, 0, 0));
        assert_eq!(rgb(Color::Indexed(231), white), (255, 255, 255));
        assert_eq!(rgb(Color::Indexed(244), white), (128, 128, 128));
    }

    #[test]
    fn text_of_one_style_is_one_element_and_text_in_another_is_another() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 1));
        buffer.set_string(0, 0, "ab c", Style::new());
        buffer.set_string(5, 0, "x&y", Style::new().bold().fg(Color::Red));
        let svg = svg(&buffer, DARK);
        assert!(
            svg.contains(
                "<g fill=\"#d0d0d0\"><text x=\"0\" y=\"13\" textLength=\"36\">ab c</text></g>"
            ),
            "{svg}"
        );
        assert!(
            svg.contains(
                "<g fill=\"#cd0000\" font-weight=\"bold\"><text x=\"45\" y=\"13\" \
                 textLength=\"27\">x&amp;y</text></g>"
            ),
            "{svg}"
        );
    }

    #[test]
    fn reverse_video_and_backgrounds_are_rectangles_joined_along_a_row() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 2));
        buffer.set_string(1, 0, "  ", Style::new().reversed());
        buffer.set_string(0, 1, "ok", Style::new().bg(Color::Rgb(0, 0x5e, 0xb8)));
        let svg = svg(&buffer, DARK);
        assert!(
            svg.contains("<path fill=\"#005eb8\" d=\"M0 18h18v18h-18z\"/>"),
            "{svg}"
        );
        assert!(
            svg.contains("<path fill=\"#d0d0d0\" d=\"M9 0h18v18h-18z\"/>"),
            "{svg}"
        );
    }

    #[test]
    fn a_character_outside_ascii_is_centred_on_its_cell_on_its_own() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
        buffer.set_string(0, 0, "▶2 ↑", Style::new());
        let svg = svg(&buffer, DARK);
        for text in [
            "<text x=\"4.5\" y=\"13\" text-anchor=\"middle\">▶</text>",
            "<text x=\"9\" y=\"13\" textLength=\"9\">2</text>",
            "<text x=\"31.5\" y=\"13\" text-anchor=\"middle\">↑</text>",
        ] {
            assert!(svg.contains(text), "{text} in {svg}");
        }
    }

    #[test]
    fn dim_text_is_halfway_to_its_background_and_an_underline_is_a_line_under_the_cells() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 2, 1));
        buffer.set_string(0, 0, "ab", Style::new().dim().underlined());
        let svg = svg(&buffer, DARK);
        assert!(
            svg.contains("<path fill=\"#777777\" d=\"M0 16h18v1h-18z\"/>"),
            "{svg}"
        );
        assert!(svg.contains("<g fill=\"#777777\"><text x=\"0\""), "{svg}");
    }

    #[test]
    fn half_blocks_are_half_cells_and_not_text() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 3, 1));
        buffer.set_string(0, 0, "▀▀▄", Style::new().fg(Color::Black).bg(Color::White));
        let svg = svg(&buffer, DARK);
        assert!(!svg.contains("<text"), "{svg}");
        assert!(
            svg.contains("<path fill=\"#000000\" d=\"M0 0h18v9h-18zM18 9h9v9h-9z\"/>"),
            "{svg}"
        );
    }

    #[test]
    fn box_lines_meet_at_corners_and_run_on_across_cells() {
        let buffer = Buffer::with_lines(["┌─┐", "└─┘"]);
        let svg = svg(&buffer, DARK);
        assert!(!svg.contains("<text"), "{svg}");
        // The top line from the middle of the first cell, less half the vertical line's
        // width, to the middle of the last, plus as much.
        assert!(svg.contains("M4 8h19v1h-19z"), "{svg}");
        // The left side from the top line's top edge down to the bottom line's lower edge.
        assert!(svg.contains("M4 8h1v19h-1z"), "{svg}");
    }
}
