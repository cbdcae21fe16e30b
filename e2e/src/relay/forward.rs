//! How one request and its answer are rewritten between the browser and the server: the
//! request addressed to the server, the response streamed back unchanged or with a suffix,
//! and the relay's own `502` when the server cannot be reached.

use anyhow::{bail, Context};
use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Request, Response, StatusCode, Uri};
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::Incoming;

/// Why a browser's connection is closed instead of answered.
#[derive(Debug)]
pub(super) enum ConnectionClosed {
    ResponseLost,
    BrowserBodyFailed(hyper::Error),
    ServerBodyFailed(hyper::Error),
}

impl std::fmt::Display for ConnectionClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectionClosed::ResponseLost => write!(f, "the relay lost this response on purpose"),
            ConnectionClosed::BrowserBodyFailed(error) => {
                write!(f, "reading the browser's request body failed: {error}")
            }
            ConnectionClosed::ServerBodyFailed(error) => {
                write!(f, "reading the server's response body failed: {error}")
            }
        }
    }
}

impl std::error::Error for ConnectionClosed {}

/// The body the relay answers with: the server's, streamed, or one it made.
pub(super) type RelayBody = BoxBody<Bytes, hyper::Error>;

/// Headers that belong to one connection, never forwarded.
const HOP_BY_HOP: [HeaderName; 5] = [
    header::CONNECTION,
    header::TE,
    header::TRAILER,
    header::TRANSFER_ENCODING,
    header::UPGRADE,
];

/// Where requests go.
pub(super) struct Upstream {
    /// Scheme, authority and any path prefix, without a trailing `/`.
    base_url: String,
    authority: HeaderValue,
}

impl Upstream {
    pub(super) fn parse(base_url: &str) -> anyhow::Result<Upstream> {
        let base_url = base_url.trim_end_matches('/').to_owned();
        let uri: Uri = base_url
            .parse()
            .with_context(|| format!("{base_url:?} is not a URL"))?;
        if uri.scheme_str() != Some("http") {
            bail!("the relay forwards to http:// servers only, not {base_url:?}");
        }
        let Some(authority) = uri.authority() else {
            bail!("{base_url:?} names no server");
        };
        let authority = HeaderValue::from_str(authority.as_str())?;
        Ok(Upstream {
            base_url,
            authority,
        })
    }

    /// The browser's request, addressed to the server. With `wants_whole_file`, asks for
    /// the whole, uncompressed, unconditional file, so a suffix can be appended.
    pub(super) fn request(
        &self,
        parts: http::request::Parts,
        body: Bytes,
        wants_whole_file: bool,
    ) -> Result<Request<Full<Bytes>>, http::Error> {
        let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let mut headers = parts.headers;
        remove_hop_by_hop(&mut headers);
        headers.insert(header::HOST, self.authority.clone());
        if wants_whole_file {
            for name in [
                header::RANGE,
                header::IF_RANGE,
                header::IF_NONE_MATCH,
                header::IF_MODIFIED_SINCE,
                header::ACCEPT_ENCODING,
            ] {
                headers.remove(name);
            }
        }
        let mut request = Request::builder()
            .method(parts.method)
            .uri(format!("{}{path_and_query}", self.base_url))
            .body(Full::new(body))?;
        *request.headers_mut() = headers;
        Ok(request)
    }
}

/// The server's response as it is, its body streamed.
pub(super) fn streamed(response: Response<Incoming>) -> Response<RelayBody> {
    let (mut parts, body) = response.into_parts();
    remove_hop_by_hop(&mut parts.headers);
    Response::from_parts(parts, body.boxed())
}

/// A response of the server's head and a body read whole.
pub(super) fn remade(mut parts: http::response::Parts, body: Bytes) -> Response<RelayBody> {
    remove_hop_by_hop(&mut parts.headers);
    Response::from_parts(parts, made_body(body))
}

/// The server's response with `suffix` after its body, as a changed file.
pub(super) async fn with_suffix(
    response: Response<Incoming>,
    suffix: &[u8],
    path: &str,
) -> Result<Response<RelayBody>, ConnectionClosed> {
    let (mut parts, body) = response.into_parts();
    let is_encoded = parts
        .headers
        .get(header::CONTENT_ENCODING)
        .is_some_and(|encoding| encoding != "identity");
    if is_encoded {
        return Ok(bad_gateway(format!(
            "the server compressed {path} though not asked to; cannot append to it"
        )));
    }
    let mut whole = body
        .collect()
        .await
        .map_err(ConnectionClosed::ServerBodyFailed)?
        .to_bytes()
        .to_vec();
    whole.extend_from_slice(suffix);
    remove_hop_by_hop(&mut parts.headers);
    for name in [header::ETAG, header::LAST_MODIFIED] {
        parts.headers.remove(name);
    }
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(whole.len()));
    Ok(Response::from_parts(parts, made_body(whole)))
}

/// A `502 Bad Gateway` saying what went wrong, as a reverse proxy answers.
pub(super) fn bad_gateway(reason: String) -> Response<RelayBody> {
    let mut response = Response::new(made_body(format!("lectern-e2e relay: {reason}")));
    *response.status_mut() = StatusCode::BAD_GATEWAY;
    response
}

fn made_body(bytes: impl Into<Bytes>) -> RelayBody {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

fn remove_hop_by_hop(headers: &mut HeaderMap) {
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
    headers.remove("keep-alive");
    headers.remove("proxy-connection");
}
