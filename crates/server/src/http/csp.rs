//! The Content-Security-Policy. Trunk injects an inline `<script type="module">` that loads
//! the wasm, so instead of `'unsafe-inline'` the policy lists the SHA-256 of every inline
//! script (and style) found in the built `index.html` at startup. No page may be framed
//! (`frame-ancestors 'none'`) except those the player shows inside an LMS, which name the
//! origins allowed to frame them.

use crate::apikey::origin::Origin;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for one built `index.html`, worked out once, to be finished per document
/// with who may frame it.
pub struct PolicyTemplate {
    script_sources: String,
    style_sources: String,
}

impl PolicyTemplate {
    /// Allows exactly the inline scripts and styles of `index_html`.
    pub fn for_index(index_html: &str) -> PolicyTemplate {
        PolicyTemplate {
            script_sources: joined(&inline_hashes(index_html, "script")),
            style_sources: joined(&inline_hashes(index_html, "style")),
        }
    }

    /// The policy of a document that pages of `frame_ancestors` may frame, and no other;
    /// without any, no page may. Entries that are not origins (`https://host[:port]`) are
    /// left out, so nothing can widen or break the policy.
    pub fn policy(&self, frame_ancestors: &[String]) -> String {
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; img-src 'self' https: data:; \
             media-src 'self' https:; connect-src 'self'; frame-ancestors {}; base-uri 'none'; form-action 'self'",
            self.script_sources,
            self.style_sources,
            frame_ancestor_sources(frame_ancestors),
        )
    }
}

/// The policy for `index.html` as most documents carry it: allowing exactly its inline
/// scripts and styles, and framed by no one.
pub fn policy_for(index_html: &str) -> String {
    PolicyTemplate::for_index(index_html).policy(&[])
}

/// The policy when there is no built player.
pub fn base_policy() -> String {
    policy_for("")
}

/// The sources of `frame-ancestors`: the origins, checked, normalised and each once, or
/// `'none'`.
fn frame_ancestor_sources(origins: &[String]) -> String {
    let mut sources: Vec<String> = Vec::with_capacity(origins.len());
    for text in origins {
        match Origin::parse(text) {
            Ok(origin) => {
                if !sources.iter().any(|kept| kept == origin.as_str()) {
                    sources.push(origin.as_str().to_owned());
                }
            }
            Err(_) => {
                tracing::warn!(origin = %text, "an allowed origin that is not an origin; it may not frame the player")
            }
        }
    }
    if sources.is_empty() {
        return "'none'".to_owned();
    }
    sources.join(" ")
}

fn joined(hashes: &[String]) -> String {
    hashes.iter().map(|hash| format!(" '{hash}'")).collect()
}

/// `sha256-…` sources for the body of every inline `<tag>` element (those without `src`).
fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let (open, close) = (format!("<{tag}"), format!("</{tag}"));
    let mut hashes = Vec::new();
    let mut from = 0;
    while let Some(start) = lower
        .get(from..)
        .and_then(|rest| rest.find(&open))
        .map(|at| from + at)
    {
        let after_name = start + open.len();
        // `<scripts>` or `<style-x>` are other elements.
        if !lower[after_name..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            from = after_name;
            continue;
        }
        let Some(tag_end) = lower[after_name..].find('>').map(|at| after_name + at) else {
            break;
        };
        let Some(body_end) = lower[tag_end..].find(&close).map(|at| tag_end + at) else {
            break;
        };
        let attributes = &lower[after_name..tag_end];
        if !attributes.contains("src=") {
            let body = &html[tag_end + 1..body_end];
            hashes.push(format!(
                "sha256-{}",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            ));
        }
        from = body_end + close.len();
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = "<html><head><link rel=\"modulepreload\" href=\"/lectern-1a2b.js\">\
        <script src=\"/sw-register.js\"></script></head><body>\n<script type=\"module\">\n\
        import init from '/lectern-1a2b.js';\nconst wasm = await init({ module_or_path: '/lectern-1a2b_bg.wasm' });\n</script>\
        <STYLE>p{color:red}</STYLE></body></html>";

    #[test]
    fn hashes_each_inline_script_body_exactly() {
        let body = "\nimport init from '/lectern-1a2b.js';\nconst wasm = await init({ module_or_path: '/lectern-1a2b_bg.wasm' });\n";
        let expected = format!(
            "sha256-{}",
            STANDARD.encode(Sha256::digest(body.as_bytes()))
        );
        assert_eq!(inline_hashes(TRUNK_INDEX, "script"), vec![expected]);
        assert_eq!(inline_hashes(TRUNK_INDEX, "style").len(), 1);
    }

    #[test]
    fn policy_lists_the_hashes_and_the_fixed_directives() {
        let policy = policy_for(TRUNK_INDEX);
        assert!(
            policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
        );
        assert!(policy.contains("style-src 'self' 'sha256-"));
        assert!(policy.ends_with("frame-ancestors 'none'; base-uri 'none'; form-action 'self'"));
        assert!(!policy.contains("unsafe-inline"));
        assert_eq!(
            base_policy(),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; \
             media-src 'self' https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        );
    }

    #[test]
    fn framing_documents_name_their_ancestors_and_nothing_else() {
        let template = PolicyTemplate::for_index(TRUNK_INDEX);
        let origins = |list: &[&str]| list.iter().map(|o| (*o).to_owned()).collect::<Vec<_>>();
        let policy = template.policy(&origins(&[
            "https://lms.example.edu",
            "http://localhost:8000",
            "https://lms.example.edu",
        ]));
        assert!(
            policy.contains(
                "; frame-ancestors https://lms.example.edu http://localhost:8000; base-uri 'none';"
            ),
            "{policy}"
        );
        assert_eq!(
            policy.replace("https://lms.example.edu http://localhost:8000", "'none'"),
            policy_for(TRUNK_INDEX)
        );
        // Stored text that is not an origin never reaches the header.
        for bad in [
            "*",
            "https://x.edu; script-src *",
            "'self'",
            "https://*.x.edu",
            "data:",
        ] {
            let policy = template.policy(&origins(&[bad]));
            assert!(
                policy.contains("frame-ancestors 'none';"),
                "{bad}: {policy}"
            );
        }
    }

    #[test]
    fn survives_broken_markup() {
        assert!(inline_hashes("<script>never closed", "script").is_empty());
        assert!(inline_hashes("<script", "script").is_empty());
        assert!(inline_hashes("<scripts></scripts>", "script").is_empty());
    }
}
