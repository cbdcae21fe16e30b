//! The server under load: [`CLIENTS`] concurrent clients on loopback, each sending its next
//! request as soon as the last is answered, for [`MEASURED`] after [`WARM_UP`]: requests per
//! second, and the median and 99th-percentile latency, of `GET /api/v1/courses/{course_id}`
//! (the demo course's manifest) and of `POST /api/v1/events` (batches of [`EVENTS_PER_BATCH`]
//! new progress events, each client a device of its own), on the embedded SQLite database.
//! The stack runs with `--no-rate-limits`: every client shares one address here.

use crate::raw_ingest::{progressed_event, UuidSource};
use crate::sync_bench::{COURSE_ID, SYNC_LEARNER};
use anyhow::{bail, Context, Result};
use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http_body_util::{BodyExt, Full};
use lectern_e2e::{http_client, post_json, Env, HttpClient};
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 64;
const EVENTS_PER_BATCH: u64 = 50;
const WARM_UP: Duration = Duration::from_secs(1);
const MEASURED: Duration = Duration::from_secs(5);

/// What one route did under load.
struct LoadFigures {
    requests: usize,
    failures: usize,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
}

/// Prints the two routes' figures.
pub async fn report(env: &Env) -> Result<()> {
    let base_url = env.base_url.trim_end_matches('/').to_owned();
    let client = http_client();
    let credentials = json!({ "username": SYNC_LEARNER, "password": SYNC_LEARNER });
    let session = post_json(
        &client,
        &format!("{base_url}/api/v1/session"),
        None,
        Bytes::from(credentials.to_string()),
    )
    .await?;
    let token: Arc<str> = match session["token"].as_str() {
        Some(token) => token.into(),
        None => bail!("signing in answered no token: {session}"),
    };
    let course_url: Arc<str> = format!("{base_url}/api/v1/courses/{COURSE_ID}").into();
    let manifest = load(&client, |client, _client_index, _n| {
        let request = http::Request::get(&*course_url)
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .body(Full::new(Bytes::new()));
        send(client.clone(), request)
    })
    .await?;
    print_figures(&format!("GET /api/v1/courses/{COURSE_ID}"), &manifest);

    let events_url: Arc<str> = format!("{base_url}/api/v1/events").into();
    let devices: Vec<String> = {
        let mut ids = UuidSource::seeded_by_clock();
        (0..CLIENTS).map(|_| ids.next_uuid()).collect()
    };
    let devices = Arc::new(devices);
    let ids = Arc::new(std::sync::Mutex::new(UuidSource::seeded_by_clock()));
    let ingest = load(&client, |client, client_index, n| {
        let first = n * EVENTS_PER_BATCH;
        let batch: Vec<_> = (first..first + EVENTS_PER_BATCH)
            .map(|k| {
                let event_id = ids
                    .lock()
                    .map(|mut ids| ids.next_uuid())
                    .unwrap_or_default();
                progressed_event(&event_id, &devices[client_index], k)
            })
            .collect();
        let request = http::Request::post(&*events_url)
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .header(CONTENT_TYPE, "application/json")
            .body(Full::new(Bytes::from(
                json!({ "events": batch }).to_string(),
            )));
        send(client.clone(), request)
    })
    .await?;
    print_figures(
        &format!("POST /api/v1/events, batches of {EVENTS_PER_BATCH} events"),
        &ingest,
    );
    Ok(())
}

fn print_figures(route: &str, figures: &LoadFigures) {
    println!(
        "api load: {route}, {CLIENTS} concurrent clients on loopback, {:.0} s: {:.0} requests/s, \
         p50 {:.1} ms, p99 {:.1} ms ({} requests, {} failed)",
        figures.seconds,
        figures.requests as f64 / figures.seconds,
        figures.p50_ms,
        figures.p99_ms,
        figures.requests,
        figures.failures,
    );
}

type Sent = std::pin::Pin<Box<dyn std::future::Future<Output = Result<()>>>>;

/// One request, answered with a success status and read to the end.
fn send(client: HttpClient, request: http::Result<http::Request<Full<Bytes>>>) -> Sent {
    Box::pin(async move {
        let response = client
            .request(request?)
            .await
            .context("the request failed")?;
        let status = response.status();
        response.into_body().collect().await?;
        if !status.is_success() {
            bail!("answered {status}");
        }
        Ok(())
    })
}

/// Runs [`CLIENTS`] clients, each calling `request(client, its index, its request number)`
/// in a loop; times only what starts after the warm-up.
async fn load(
    client: &HttpClient,
    request: impl Fn(&HttpClient, usize, u64) -> Sent,
) -> Result<LoadFigures> {
    let started = Instant::now();
    let measure_from = started + WARM_UP;
    let stop_at = measure_from + MEASURED;
    let clients = (0..CLIENTS).map(|client_index| {
        let request = &request;
        async move {
            let mut latencies = Vec::new();
            let mut failures = 0;
            let mut n = 0;
            while Instant::now() < stop_at {
                let sent_at = Instant::now();
                let outcome = request(client, client_index, n).await;
                n += 1;
                if sent_at >= measure_from {
                    match outcome {
                        Ok(()) => latencies.push(sent_at.elapsed()),
                        Err(_) => failures += 1,
                    }
                }
            }
            (latencies, failures)
        }
    });
    let outcomes = futures_join_all(clients).await;
    let mut latencies: Vec<Duration> = Vec::new();
    let mut failures = 0;
    for (client_latencies, client_failures) in outcomes {
        latencies.extend(client_latencies);
        failures += client_failures;
    }
    if latencies.is_empty() {
        bail!("no request succeeded under load ({failures} failed)");
    }
    latencies.sort();
    let at = |share: f64| {
        let index = ((latencies.len() as f64 * share).ceil() as usize).clamp(1, latencies.len());
        latencies[index - 1].as_secs_f64() * 1_000.0
    };
    Ok(LoadFigures {
        requests: latencies.len(),
        failures,
        seconds: MEASURED.as_secs_f64(),
        p50_ms: at(0.50),
        p99_ms: at(0.99),
    })
}

/// Polls every future until all are done, in one task.
async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    let mut pending: Vec<_> = futures.map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut is_all_done = true;
        for (future, output) in pending.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => is_all_done = false,
                }
            }
        }
        if is_all_done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}
