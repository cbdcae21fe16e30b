//! How a slide looks: the ffmpeg filter chain that draws a title, bullets, a header and a
//! slide number on a dark starry background with `drawtext`. Every piece of text goes
//! through a `textfile=` so nothing in it needs filter-graph escaping.

use super::wrap::wrap;
use anyhow::{Context, Result};
use std::path::Path;

pub const FONT_REGULAR: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
pub const FONT_BOLD: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
pub const BACKGROUND: &str = "0x0b1026";
pub const ACCENT: &str = "0x4f8cff";
pub const MUTED: &str = "0x8b93b8";
const GOLD: &str = "0xf5c542";
const BODY: &str = "0xdde3f5";

/// The pixel size of a slide; layout is designed at 640×360 and scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Canvas {
    pub width: u32,
    pub height: u32,
}

impl Canvas {
    /// `base` pixels of the 640-wide design, at this canvas's size.
    pub fn px(self, base: f64) -> u32 {
        (base * f64::from(self.width) / 640.0).round() as u32
    }
}

/// What one slide shows.
pub struct SlideFace<'a> {
    /// The small line above the title: the course and lecture.
    pub header: &'a str,
    pub title: &'a str,
    pub bullets: &'a [&'a str],
    /// 1-based position in the deck, and the deck's size.
    pub number: usize,
    pub count: usize,
}

/// The video filter chain drawing `face` onto a `BACKGROUND` canvas. Text files are
/// written into `text_dir` as `<name>-NN.txt`; ffmpeg must run with `text_dir` as its
/// working directory.
pub fn filter(face: &SlideFace, canvas: Canvas, text_dir: &Path, name: &str) -> Result<String> {
    let mut chain = Chain {
        filters: Vec::new(),
        text_boxes: Vec::new(),
        canvas,
        text_dir,
        name,
        files: 0,
    };
    chain.drawbox(0.0, 0.0, 640.0, 4.0, ACCENT);
    chain.text(
        face.header,
        Font::Regular,
        12.0,
        MUTED,
        Align::Left(40.0),
        22.0,
    )?;
    let mut y = 50.0;
    for line in wrap(face.title, 30) {
        chain.text(&line, Font::Bold, 30.0, "0xffffff", Align::Left(40.0), y)?;
        y += 38.0;
    }
    chain.drawbox(40.0, y + 4.0, 64.0, 3.0, GOLD);
    y += 30.0;
    for bullet in face.bullets {
        chain.text("•", Font::Regular, 19.0, GOLD, Align::Left(48.0), y)?;
        for line in wrap(bullet, 50) {
            chain.text(&line, Font::Regular, 19.0, BODY, Align::Left(70.0), y)?;
            y += 27.0;
        }
        y += 10.0;
    }
    let number = format!("{} / {}", face.number, face.count);
    chain.text(
        &number,
        Font::Regular,
        12.0,
        MUTED,
        Align::Right(40.0),
        332.0,
    )?;
    let mut filters = starfield(canvas, &chain.text_boxes);
    filters.append(&mut chain.filters);
    Ok(filters.join(","))
}

#[derive(Clone, Copy)]
enum Font {
    Regular,
    Bold,
}

impl Font {
    fn file(self) -> &'static str {
        match self {
            Font::Regular => FONT_REGULAR,
            Font::Bold => FONT_BOLD,
        }
    }

    /// A generous average glyph width, in ems, for keeping stars off the text.
    fn average_width(self) -> f64 {
        match self {
            Font::Regular => 0.58,
            Font::Bold => 0.68,
        }
    }
}

/// Where a line of text sits across the slide, in design pixels.
#[derive(Clone, Copy)]
enum Align {
    /// Its left edge this far from the left.
    Left(f64),
    /// Its right edge this far from the right.
    Right(f64),
}

/// A rectangle in design pixels: left, top, right, bottom.
type Rect = (f64, f64, f64, f64);

struct Chain<'a> {
    filters: Vec<String>,
    text_boxes: Vec<Rect>,
    canvas: Canvas,
    text_dir: &'a Path,
    name: &'a str,
    files: usize,
}

impl Chain<'_> {
    fn drawbox(&mut self, x: f64, y: f64, width: f64, height: f64, color: &str) {
        self.filters
            .push(drawbox(self.canvas, (x, y, x + width, y + height), color));
    }

    /// Draws one line of `text` with its top at `y`.
    fn text(
        &mut self,
        text: &str,
        font: Font,
        size: f64,
        color: &str,
        align: Align,
        y: f64,
    ) -> Result<()> {
        self.files += 1;
        let file_name = format!("{}-{:02}.txt", self.name, self.files);
        let path = self.text_dir.join(&file_name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        let width = text.chars().count() as f64 * size * font.average_width();
        let (x, left) = match align {
            Align::Left(left) => (self.canvas.px(left).to_string(), left),
            Align::Right(margin) => (
                format!("w-tw-{}", self.canvas.px(margin)),
                640.0 - margin - width,
            ),
        };
        self.text_boxes
            .push((left, y, left + width, y + size * 1.3));
        self.filters.push(format!(
            "drawtext=fontfile={}:textfile={file_name}:fontsize={}:fontcolor={color}:x={x}:y={}",
            font.file(),
            self.canvas.px(size),
            self.canvas.px(y)
        ));
        Ok(())
    }
}

fn drawbox(canvas: Canvas, (left, top, right, bottom): Rect, color: &str) -> String {
    let (x, y) = (canvas.px(left), canvas.px(top));
    let width = canvas.px(right).saturating_sub(x).max(1);
    let height = canvas.px(bottom).saturating_sub(y).max(1);
    format!("drawbox=x={x}:y={y}:w={width}:h={height}:color={color}:t=fill")
}

/// Faint fixed "stars" clear of the text: small dots placed by a tiny linear congruential
/// generator, so every render of a slide is identical.
fn starfield(canvas: Canvas, text_boxes: &[Rect]) -> Vec<String> {
    const MARGIN: f64 = 6.0;
    let mut seed: u32 = 0x2545_f491;
    let mut next = move |range: u32| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        f64::from((seed >> 8) % range)
    };
    let mut stars = Vec::new();
    for _ in 0..64 {
        let (x, y, size, shade) = (next(636), 8.0 + next(344), 1.0 + next(2) * 0.5, next(0x40));
        let is_clear = text_boxes.iter().all(|(left, top, right, bottom)| {
            x + size < left - MARGIN
                || x > right + MARGIN
                || y + size < top - MARGIN
                || y > bottom + MARGIN
        });
        if is_clear {
            let shade = 0x30 + shade as u32;
            let color = format!("0x{shade:02x}{shade:02x}{:02x}", shade + 0x20);
            stars.push(drawbox(canvas, (x, y, x + size, y + size), &color));
        }
    }
    stars
}

#[cfg(test)]
mod tests;
