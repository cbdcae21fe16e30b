//! The `Content-Type` of a media file, from its extension alone (the server never sniffs), and
//! which types need a sandboxing Content-Security-Policy of their own.

use std::path::Path;

/// The served type of `path`; anything unknown is `application/octet-stream`, which a browser
/// downloads rather than renders.
pub(crate) fn content_type_for(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "webm" => "video/webm",
        "weba" => "audio/webm",
        "mp4" | "m4v" => "video/mp4",
        "m4a" => "audio/mp4",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "ogv" => "video/ogg",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "vtt" => "text/vtt; charset=utf-8",
        "srt" | "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "svg" => SVG,
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

const SVG: &str = "image/svg+xml";

/// The policy for a type that can carry script when opened directly (SVG): no scripts, no
/// loads, inline styles only, and a sandbox (unique origin) on top.
pub(crate) fn sandbox_policy_for(content_type: &str) -> Option<&'static str> {
    (content_type == SVG).then_some("default-src 'none'; style-src 'unsafe-inline'; sandbox")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_extension_case_insensitively() {
        for (name, expected) in [
            ("a/tour.webm", "video/webm"),
            ("tour.WEBM", "video/webm"),
            ("talk.weba", "audio/webm"),
            ("clip.m4v", "video/mp4"),
            ("clip.mp4", "video/mp4"),
            ("song.m4a", "audio/mp4"),
            ("voice.opus", "audio/ogg"),
            ("voice.oga", "audio/ogg"),
            ("film.ogv", "video/ogg"),
            ("talk.mp3", "audio/mpeg"),
            ("beep.wav", "audio/wav"),
            ("captions.en.vtt", "text/vtt; charset=utf-8"),
            ("captions.srt", "text/plain; charset=utf-8"),
            ("slide.jpeg", "image/jpeg"),
            ("slide.webp", "image/webp"),
            ("figure.svg", "image/svg+xml"),
            ("data.json", "application/json"),
            ("page.html", "application/octet-stream"),
            ("script.js", "application/octet-stream"),
            ("no-extension", "application/octet-stream"),
        ] {
            assert_eq!(content_type_for(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn only_svg_is_sandboxed() {
        assert!(
            sandbox_policy_for("image/svg+xml").is_some_and(|policy| policy.ends_with("sandbox"))
        );
        assert_eq!(sandbox_policy_for("image/png"), None);
        assert_eq!(sandbox_policy_for("video/webm"), None);
    }
}
