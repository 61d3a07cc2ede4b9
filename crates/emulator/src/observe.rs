//! What happens to every non-admin request around its handler: journal entry, `--latency`,
//! and the scripted faults that may answer instead of the handler.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::crypto;
use super::faults::Fault;
use super::graph::error::GraphError;
use super::graph::{MailboxUsage, ServiceDelay};
use super::identity::error::EntraError;
use super::journal::{self, Entry};
use super::state::{Shared, lock};

/// Counts a request as in flight until dropped — also when the client goes away and the
/// request's future is dropped mid-way.
struct InFlight<'a>(&'a AtomicUsize);

impl<'a> InFlight<'a> {
    /// Enters; returns the guard and the count including this request.
    fn enter(counter: &'a AtomicUsize) -> (InFlight<'a>, usize) {
        let now = counter.fetch_add(1, Ordering::SeqCst) + 1;
        (InFlight(counter), now)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Form bodies larger than this are not journalled field by field (token requests are tiny).
const FORM_JOURNAL_LIMIT: usize = 64 * 1024;

pub(crate) async fn observe(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if path == "/admin" || path.starts_with("/admin/") {
        return next.run(request).await;
    }
    let (in_flight, concurrency) = InFlight::enter(&state.in_flight);
    let started_at = state.clock.now();
    let timer = Instant::now();
    let method = request.method().as_str().to_owned();
    let query = request
        .uri()
        .query()
        .map(journal::redact_fields)
        .unwrap_or_default();
    let headers = request
        .headers()
        .iter()
        .map(|(k, v)| {
            let value = String::from_utf8_lossy(v.as_bytes());
            (
                k.as_str().to_owned(),
                journal::redact_header(k.as_str(), &value),
            )
        })
        .collect();
    let (mut request, form) = read_form(request).await;

    let fault = lock(&state.faults).take(&method, &path);
    let mut delay = fault
        .as_ref()
        .and_then(|(_, f)| f.delay())
        .unwrap_or_default();
    if let Some(latency) = state.latency {
        let jitter_ms = latency.jitter.as_millis() as u64;
        let extra = if jitter_ms == 0 {
            0
        } else {
            u64::from_le_bytes(crypto::random_bytes::<8>()) % (jitter_ms + 1)
        };
        delay += latency.base + Duration::from_millis(extra);
    }
    if path.starts_with("/v1.0/") {
        // Graph spends the delay inside its throttle slot, so slow requests overlap as they
        // would against Exchange and the concurrency limit can bite.
        request.extensions_mut().insert(ServiceDelay(delay));
    } else if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let response = match fault.as_ref().and_then(|(_, f)| fault_response(f, &path)) {
        Some(response) => response,
        None => next.run(request).await,
    };

    drop(in_flight);
    let duration_ms = timer.elapsed().as_millis() as u64;
    let usage = response.extensions().get::<MailboxUsage>().cloned();
    tracing::info!(
        target: "mailconn::emulator",
        "{method} {path} -> {} in {duration_ms} ms{}",
        response.status().as_u16(),
        fault.as_ref().map(|(id, _)| format!(" (fault {id})")).unwrap_or_default()
    );
    lock(&state.journal).record(Entry {
        seq: 0,
        method,
        path,
        query,
        headers,
        form,
        status: response.status().as_u16(),
        started: started_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        duration_ms,
        concurrency_at_arrival: concurrency,
        mailbox: usage.as_ref().map(|u| u.mailbox.clone()),
        mailbox_concurrency_at_arrival: usage.map(|u| u.in_flight),
        fault: fault.map(|(id, _)| id),
    });
    response
}

/// Buffers a form body so its (redacted) fields can be journalled, then puts it back.
async fn read_form(request: Request) -> (Request, Vec<(String, String)>) {
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return (request, Vec::new());
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, FORM_JOURNAL_LIMIT).await {
        Ok(bytes) => {
            let fields = journal::redact_fields(&String::from_utf8_lossy(&bytes));
            (Request::from_parts(parts, Body::from(bytes)), fields)
        }
        // Too large or broken: the handler gets an empty body and answers as for a bad form.
        Err(_) => (Request::from_parts(parts, Body::empty()), Vec::new()),
    }
}

/// The answer a fault gives in place of the handler's; `None` when the request is still served
/// (a delay).
fn fault_response(fault: &Fault, path: &str) -> Option<Response> {
    let graph = path.starts_with("/v1.0");
    let response = match fault {
        Fault::Status {
            status,
            retry_after,
        } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = if graph {
                GraphError::for_status(status).into_response()
            } else {
                EntraError::for_status(status).into_response()
            };
            if let Some(value) = retry_after
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
            {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        Fault::Reset => {
            // An erroring body makes hyper abort the connection: the client sees it closed
            // before a complete response, as after a reset.
            let stream = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::from(
                    std::io::ErrorKind::ConnectionReset,
                ))
            });
            let mut response = Body::from_stream(stream).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from_static("1024"));
            response
        }
        Fault::Malformed => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"@odata.context":"$metadata#users","value":[{"id":"AAMkA"#,
        )
            .into_response(),
        Fault::ExpiredToken => GraphError::expired_token().into_response(),
        Fault::Delay { .. } => return None,
    };
    Some(response)
}
