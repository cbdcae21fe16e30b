//! Serving an uploaded file so it never runs in the app's origin: always as an attachment
//! (`Content-Disposition`, with the learner's file name made safe for the header), with the
//! type it was uploaded as and no sniffing, and with a sandboxing Content-Security-Policy in
//! case a browser shows it anyway. An uploaded HTML or SVG file is downloaded, never run.

use crate::db::uploads::StoredUpload;
use axum::body::Body;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use tokio::fs::File;
use tokio_util::io::ReaderStream;

/// No script, no plugin, no same origin, nothing loaded.
const SANDBOX_POLICY: &str = "sandbox; default-src 'none'";

/// The answer carrying `upload`'s bytes from `file`.
pub(super) fn attachment_response(upload: &StoredUpload, file: File) -> Response {
    let content_type = HeaderValue::from_str(&upload.media_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&content_disposition(&upload.file_name))
        .unwrap_or(HeaderValue::from_static("attachment"));
    let headers = [
        (CONTENT_TYPE, content_type),
        (CONTENT_LENGTH, HeaderValue::from(upload.size_bytes)),
        (CONTENT_DISPOSITION, disposition),
        (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(SANDBOX_POLICY),
        ),
        (CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ];
    (headers, Body::from_stream(ReaderStream::new(file))).into_response()
}

/// `attachment` with the name twice (RFC 6266): a plain ASCII `filename` for old clients,
/// every character not safe in a quoted string replaced by `_`, and the exact name as
/// UTF-8 in `filename*` (RFC 8187), percent-encoded.
pub(super) fn content_disposition(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            let is_plain = (c.is_ascii_graphic() || c == ' ') && !matches!(c, '"' | '\\' | '%');
            if is_plain {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::with_capacity(file_name.len() * 3);
    for byte in file_name.bytes() {
        let is_attr_char = byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte);
        if is_attr_char {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_name_is_given_as_it_is() {
        assert_eq!(
            content_disposition("journal.pdf"),
            "attachment; filename=\"journal.pdf\"; filename*=UTF-8''journal.pdf"
        );
    }

    #[test]
    fn quotes_and_header_breaking_characters_never_reach_the_quoted_name() {
        let value = content_disposition("a\"b\\c;d%e\r\nSet-Cookie: x.html");
        assert_eq!(
            value,
            "attachment; filename=\"a_b_c;d_e__Set-Cookie: x.html\"; \
             filename*=UTF-8''a%22b%5Cc%3Bd%25e%0D%0ASet-Cookie%3A%20x.html"
        );
        assert!(HeaderValue::from_str(&value).is_ok());
    }

    #[test]
    fn other_scripts_travel_as_utf_8() {
        assert_eq!(
            content_disposition("Sternbild Orion ✨.png"),
            "attachment; filename=\"Sternbild Orion _.png\"; \
             filename*=UTF-8''Sternbild%20Orion%20%E2%9C%A8.png"
        );
    }
}
