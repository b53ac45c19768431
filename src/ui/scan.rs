//! For tests: what a phone's camera makes of the QR codes drawn on a test terminal. A frame is
//! turned into a greyscale picture as a terminal would show it, each cell's colours, reverse
//! video and half-block glyph respected, with the terminal's own colours for the cells that
//! have none; then decoded with `rqrr`, as a phone's QR reader would.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::testing::svg::rgb;

/// A terminal's own text and background colours, as luminance (0 black, 255 white).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub foreground: u8,
    pub background: u8,
}

/// Light grey text on a near-black background: most terminals' default.
pub const DARK_TERMINAL: Palette = Palette {
    foreground: 0xd0,
    background: 0x1e,
};

/// Near-black text on white: macOS Terminal's and xterm's default.
pub const LIGHT_TERMINAL: Palette = Palette {
    foreground: 0x20,
    background: 0xfa,
};

/// A greyscale picture of a screen: a pixel per column and two per row, the upper and the
/// lower half of each cell, so that a QR module drawn as a half cell is one pixel.
#[derive(Debug, Clone)]
pub struct Picture {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Picture {
    /// The picture of `buffer` on a terminal whose own colours are `palette`.
    pub fn of(buffer: &Buffer, palette: Palette) -> Picture {
        let area = buffer.area;
        let (width, height) = (usize::from(area.width), usize::from(area.height) * 2);
        let mut pixels = vec![0; width * height];
        for row in 0..area.height {
            for column in 0..area.width {
                let cell = &buffer[(area.x + column, area.y + row)];
                let mut ink = luminance(cell.fg, palette.foreground);
                let mut ground = luminance(cell.bg, palette.background);
                if cell.modifier.contains(Modifier::REVERSED) {
                    std::mem::swap(&mut ink, &mut ground);
                }
                let (top, bottom) = match cell.symbol() {
                    " " => (ground, ground),
                    "▀" => (ink, ground),
                    "▄" => (ground, ink),
                    "█" => (ink, ink),
                    // Text and the big letters' other blocks: mostly ground, some ink.
                    _ => {
                        let mixed = ((u16::from(ground) * 3 + u16::from(ink)) / 4) as u8;
                        (mixed, mixed)
                    }
                };
                let (x, y) = (usize::from(column), usize::from(row) * 2);
                pixels[y * width + x] = top;
                pixels[(y + 1) * width + x] = bottom;
            }
        }
        Picture {
            width,
            height,
            pixels,
        }
    }

    /// The pixel at `x`, `y`.
    pub fn at(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// Each pixel made `scale` pixels square, as a camera close enough to read it sees it.
    pub fn scaled(&self, scale: usize) -> Picture {
        let (width, height) = (self.width * scale, self.height * scale);
        let pixels = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .map(|(x, y)| self.at(x / scale, y / scale))
            .collect();
        Picture {
            width,
            height,
            pixels,
        }
    }

    /// Softened as a camera's lens and sensor soften a screen: each pixel the mean of the
    /// square of `radius` around it, plus a fixed pattern of noise of up to `noise` either way.
    pub fn photographed(&self, radius: usize, noise: u8) -> Picture {
        let mut pixels = Vec::with_capacity(self.pixels.len());
        for y in 0..self.height {
            for x in 0..self.width {
                let (mut sum, mut count) = (0u32, 0u32);
                for ny in y.saturating_sub(radius)..(y + radius + 1).min(self.height) {
                    for nx in x.saturating_sub(radius)..(x + radius + 1).min(self.width) {
                        sum += u32::from(self.at(nx, ny));
                        count += 1;
                    }
                }
                // A fixed hash of the position, so every run sees the same noise.
                let hash = (x as u32).wrapping_mul(2_654_435_761) ^ (y as u32).wrapping_mul(40_503);
                let offset = i32::try_from(hash % (u32::from(noise) * 2 + 1)).unwrap_or(0)
                    - i32::from(noise);
                let mean = i32::try_from(sum / count.max(1)).unwrap_or(0);
                pixels.push((mean + offset).clamp(0, 255) as u8);
            }
        }
        Picture {
            width: self.width,
            height: self.height,
            pixels,
        }
    }

    /// What a QR reader finds in the picture: for each code it can read, its version and its
    /// text.
    pub fn decode(&self) -> Vec<(usize, String)> {
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(self.width, self.height, |x, y| {
                self.at(x, y)
            });
        prepared
            .detect_grids()
            .into_iter()
            .filter_map(|grid| grid.decode().ok())
            .map(|(meta, text)| (meta.version.0, text))
            .collect()
    }
}

/// The luminance of `colour` on a terminal, `default` for the terminal's own. Other colours
/// are xterm's, as README's pictures draw them.
fn luminance(colour: Color, default: u8) -> u8 {
    let (red, green, blue) = rgb(colour, (default, default, default));
    let weighted = 2126 * u32::from(red) + 7152 * u32::from(green) + 722 * u32::from(blue);
    u8::try_from(weighted / 10_000).unwrap_or(u8::MAX)
}
