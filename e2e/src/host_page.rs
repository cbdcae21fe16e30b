//! An LMS's own page, served from its own origin on loopback: one HTML document, to embed
//! the player from. Stops when dropped.

use anyhow::{Context, Result};
use bytes::Bytes;
use http::{header, Response};
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::task::AbortHandle;

/// A page served at `/` of `http://127.0.0.1:<port>`.
pub struct HostPage {
    port: u16,
    accept_task: AbortHandle,
}

impl HostPage {
    /// Serves `html` on `port` (0 for any free one).
    pub async fn serve(port: u16, html: String) -> Result<HostPage> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .with_context(|| format!("the host page could not bind port {port}"))?;
        let port = listener.local_addr()?.port();
        let html = Arc::new(Bytes::from(html));
        let accept_task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let html = Arc::clone(&html);
                tokio::spawn(async move {
                    let service = service_fn(move |_request| {
                        let html = Arc::clone(&html);
                        async move {
                            Ok::<_, Infallible>(
                                Response::builder()
                                    .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
                                    .header(header::CACHE_CONTROL, "no-store")
                                    .body(Full::new(html.as_ref().clone()))
                                    .unwrap_or_default(),
                            )
                        }
                    });
                    // A connection the browser drops ends here; the page stays served.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(HostPage {
            port,
            accept_task: accept_task.abort_handle(),
        })
    }

    /// The page's address.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for HostPage {
    fn drop(&mut self) {
        self.accept_task.abort();
    }
}
