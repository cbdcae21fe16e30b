//! The ffmpeg invocations: a slide image, a poster JPEG, an Opus audio file, and the
//! narrated slide video (VP9 + Opus in WebM) with a running clock and a progress bar.

use super::slide::{self, Canvas, SlideFace, ACCENT, FONT_REGULAR, MUTED};
use super::vtt::timestamp;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Frames per second of the lecture video: the picture only changes between slides.
pub const VIDEO_FPS: u32 = 10;

/// Renders one slide into the PNG `out`, using `work_dir` for its text files.
pub fn slide_png(face: &SlideFace, canvas: Canvas, work_dir: &Path, out: &Path) -> Result<()> {
    let name = out
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "slide".into());
    let filter = slide::filter(face, canvas, work_dir, &name)?;
    let background = format!(
        "color=c={}:s={}x{}:d=1",
        slide::BACKGROUND,
        canvas.width,
        canvas.height
    );
    let mut command = ffmpeg(work_dir);
    command
        .args(["-f", "lavfi", "-i", &background, "-vf", &filter])
        .args(["-frames:v", "1", "-update", "1"])
        .arg(out);
    run(&mut command, out)
}

/// Converts the image `png` into the JPEG `jpg`.
pub fn poster(png: &Path, jpg: &Path) -> Result<()> {
    let mut command = ffmpeg(Path::new("."));
    command
        .arg("-i")
        .arg(png)
        .args(["-frames:v", "1", "-q:v", "3", "-update", "1"])
        .arg(jpg);
    run(&mut command, jpg)
}

/// Encodes the WAV `narration` as Opus in Ogg at `bitrate` (e.g. "32k").
pub fn opus_audio(narration: &Path, bitrate: &str, title: &str, out: &Path) -> Result<()> {
    let mut command = ffmpeg(Path::new("."));
    command
        .arg("-i")
        .arg(narration)
        .args(["-c:a", "libopus", "-b:a", bitrate, "-ar", "48000"])
        .args(["-map_metadata", "-1", "-metadata"])
        .arg(format!("title={title}"))
        .arg(out);
    run(&mut command, out)
}

/// One slide of the video and how many frames it stays up.
pub struct VideoSlide {
    pub image: PathBuf,
    pub frames: u32,
}

/// Encodes the slides, shown one after another, with the WAV `narration` as a 640×360
/// VP9 + Opus WebM, drawing a clock and a progress bar over `total_seconds`.
pub fn lecture_video(
    slides: &[VideoSlide],
    narration: &Path,
    total_seconds: f64,
    work_dir: &Path,
    out: &Path,
) -> Result<()> {
    let canvas = Canvas {
        width: 640,
        height: 360,
    };
    let total = timestamp(total_seconds);
    let clock_file = "clock.txt";
    let clock = format!("%{{pts:gmtime:0:%M\\:%S}} / {}", &total[3..8]);
    let clock_path = work_dir.join(clock_file);
    std::fs::write(&clock_path, clock)
        .with_context(|| format!("cannot write {}", clock_path.display()))?;

    let mut command = ffmpeg(work_dir);
    let mut graph = String::new();
    let mut joined = String::new();
    for (index, slide) in slides.iter().enumerate() {
        let seconds = f64::from(slide.frames + 1) / f64::from(VIDEO_FPS);
        command
            .args(["-loop", "1", "-framerate", &VIDEO_FPS.to_string()])
            .args(["-t", &format!("{seconds:.3}"), "-i"])
            .arg(&slide.image);
        graph.push_str(&format!(
            "[{index}:v]trim=end_frame={},setpts=PTS-STARTPTS[s{index}];",
            slide.frames
        ));
        joined.push_str(&format!("[s{index}]"));
    }
    command.arg("-i").arg(narration);
    let bar_height = 4;
    graph.push_str(&format!(
        "{joined}concat=n={count}:v=1:a=0,\
         drawbox=x=0:y=ih-{bar_height}:w=iw:h={bar_height}:color=0x232a4a:t=fill,\
         drawtext=fontfile={FONT_REGULAR}:textfile={clock_file}:fontsize=12:fontcolor={MUTED}:x=40:y=332[slides];\
         color=c={ACCENT}:s={width}x{bar_height}:r={VIDEO_FPS}[bar];\
         [slides][bar]overlay=x='-w+w*t/{total_seconds:.3}':y=H-h:shortest=1,format=yuv420p[video]",
        count = slides.len(),
        width = canvas.width,
    ));
    command
        .args(["-filter_complex", &graph, "-map", "[video]"])
        .args(["-map", &format!("{}:a", slides.len())])
        .args([
            "-c:v",
            "libvpx-vp9",
            "-deadline",
            "realtime",
            "-cpu-used",
            "8",
        ])
        .args(["-row-mt", "1", "-crf", "40", "-b:v", "150k", "-g", "50"])
        .args(["-r", &VIDEO_FPS.to_string()])
        .args(["-c:a", "libopus", "-b:a", "48k", "-ar", "48000"])
        .args(["-map_metadata", "-1"])
        .arg(out);
    run(&mut command, out)
}

/// ffmpeg, quiet but for errors, overwriting, never reading stdin, run in `dir`.
fn ffmpeg(dir: &Path) -> Command {
    let mut command = Command::new("ffmpeg");
    command
        .current_dir(dir)
        .args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y"]);
    command
}

fn run(command: &mut Command, out: &Path) -> Result<()> {
    let output = command
        .output()
        .context("could not start ffmpeg (cargo xtask setup installs it)")?;
    if !output.status.success() {
        bail!(
            "ffmpeg failed writing {}: {}",
            out.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
