//! The Microsoft Graph client every feature stands on: one request path with the retry
//! policy, at most 4 requests in flight per mailbox (Outlook's concurrency limit,
//! graph-facts §6), the error envelope, `request-id`s kept for support, and
//! `@odata.nextLink` paging. Typed mail calls live in [`mail`] and [`folders`].

pub mod error;
pub mod folder_sync;
pub mod folders;
pub mod mail;
mod retry;
pub mod subscriptions;
pub mod users;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::sync::Semaphore;

pub use error::{ApiError, Denial, GraphError};
pub use retry::RetryPolicy;

use crate::secrets::Secret;

/// Outlook allows 4 concurrent requests per app and mailbox; a 5th is throttled.
pub const MAILBOX_CONCURRENCY: usize = 4;

/// A Graph client for one access token.
pub struct Graph {
    http: reqwest::Client,
    /// The Graph root with its version, without a trailing slash.
    base: String,
    /// Replaced during long runs ([`Graph::replace_token`]) before it expires.
    token: Mutex<Secret>,
    /// Sends `Prefer: IdType="ImmutableId"`, so a message keeps its id when moved.
    immutable_ids: bool,
    /// The token's app id, named in permission hints.
    app: Option<String>,
    retry: RetryPolicy,
    slots: Mutex<HashMap<String, Arc<Semaphore>>>,
    /// Requests in flight across every Graph client of the process (`import --all`).
    cap: Option<Arc<Semaphore>>,
    /// The `request-id` of the latest answer: one, not a history, so a long import does
    /// not keep every id it ever saw.
    last_request_id: Mutex<Option<String>>,
    /// Told of every attempt (`mailconn serve` counts requests and 429s with it).
    meter: Option<Arc<dyn Meter>>,
}

/// Watches a client's requests: called once per attempt on the wire, retries included,
/// with the mailbox the request was for and the HTTP status (`None`: no answer).
pub trait Meter: Send + Sync {
    fn answered(&self, mailbox: &str, status: Option<u16>);
}

/// What a request carries.
pub enum Body {
    None,
    Json(Value),
    /// One range of an upload session (sent without the Authorization header).
    Chunk {
        bytes: Vec<u8>,
        content_range: String,
    },
}

/// A successful answer.
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
    /// Graph's `request-id`, for the processing log and Microsoft support.
    pub request_id: Option<String>,
}

impl Answer {
    pub fn json<T: DeserializeOwned>(&self, what: &'static str) -> Result<T, GraphError> {
        serde_json::from_slice(&self.body).map_err(|e| GraphError::BadAnswer {
            what,
            detail: e.to_string(),
        })
    }
}

/// One page of a collection.
#[derive(Debug, serde::Deserialize)]
pub struct Page<T> {
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink")]
    pub next_link: Option<String>,
}

impl Graph {
    pub fn new(http: reqwest::Client, graph_endpoint: &str, token: Secret) -> Graph {
        let app = crate::auth::Claims::peek(token.expose_secret()).and_then(|c| c.appid);
        Graph {
            http,
            base: graph_endpoint.trim_end_matches('/').to_owned(),
            token: Mutex::new(token),
            immutable_ids: false,
            app,
            retry: RetryPolicy::default(),
            slots: Mutex::new(HashMap::new()),
            cap: None,
            last_request_id: Mutex::new(None),
            meter: None,
        }
    }

    /// Asks for immutable message ids on every request (graph-facts §3.7): the import's
    /// processing log is keyed by them, and they survive the `move:` post-action.
    pub fn with_immutable_ids(mut self) -> Graph {
        self.immutable_ids = true;
        self
    }

    /// Shares `cap` with other clients: a request waits for its mailbox's slot, then for
    /// one of the cap's permits, and holds both only while it is on the wire.
    pub fn with_request_cap(mut self, cap: Arc<Semaphore>) -> Graph {
        self.cap = Some(cap);
        self
    }

    /// Reports every attempt to `meter`.
    pub fn with_meter(mut self, meter: Arc<dyn Meter>) -> Graph {
        self.meter = Some(meter);
        self
    }

    /// Uses `token` from now on (a long import refreshes its token before it expires).
    pub fn replace_token(&self, token: Secret) {
        *lock(&self.token) = token;
    }

    /// `{root}{rest}`; `rest` starts with `/` and is already encoded.
    pub fn url(&self, rest: &str) -> String {
        format!("{}{rest}", self.base)
    }

    /// `{root}/users/{mailbox}{rest}`; `rest` starts with `/` and is already encoded.
    pub fn mailbox_url(&self, mailbox: &str, rest: &str) -> String {
        format!("{}/users/{}{rest}", self.base, segment(mailbox))
    }

    /// The `request-id` of the latest answer since the last call, if any.
    pub fn take_last_request_id(&self) -> Option<String> {
        lock(&self.last_request_id).take()
    }

    fn slot(&self, mailbox: &str) -> Arc<Semaphore> {
        lock(&self.slots)
            .entry(mailbox.to_ascii_lowercase())
            .or_insert_with(|| Arc::new(Semaphore::new(MAILBOX_CONCURRENCY)))
            .clone()
    }

    /// Sends a request for `mailbox`, retrying per the policy. The mailbox's slot is held
    /// only while the request is on the wire, never while waiting to retry.
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        mailbox: &str,
        body: &Body,
    ) -> Result<Answer, GraphError> {
        self.send_with(method, url, mailbox, body, None).await
    }

    /// [`Graph::send`] with one more `Prefer` preference, e.g. `odata.maxpagesize=100`.
    pub async fn send_with(
        &self,
        method: Method,
        url: &str,
        mailbox: &str,
        body: &Body,
        prefer: Option<&str>,
    ) -> Result<Answer, GraphError> {
        let slot = self.slot(mailbox);
        let mut retry = 0;
        loop {
            let result = {
                let _permit = slot.acquire().await.expect("the semaphore is never closed");
                let _shared = match &self.cap {
                    Some(cap) => Some(cap.acquire().await.expect("the semaphore is never closed")),
                    None => None,
                };
                self.attempt(method.clone(), url, body, prefer).await
            };
            if let Some(meter) = &self.meter {
                let status = result.as_ref().ok().map(|r| r.status().as_u16());
                meter.answered(mailbox, status);
            }
            let (wait, failure) = match result {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let headers = response.headers().clone();
                    let header = |name: &str| {
                        headers
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_owned)
                    };
                    let request_id = header("request-id");
                    let body = response
                        .bytes()
                        .await
                        .map_err(|source| GraphError::connect(url, source))?
                        .to_vec();
                    if let Some(id) = &request_id {
                        *lock(&self.last_request_id) = Some(id.clone());
                    }
                    if (200..300).contains(&status) {
                        return Ok(Answer {
                            status,
                            body,
                            request_id,
                        });
                    }
                    let retry_after = header("retry-after");
                    let outcome = retry::Outcome::Status {
                        status,
                        retry_after: retry_after.as_deref(),
                    };
                    let wait = self.retry.wait(&method, outcome, retry);
                    let mut error = ApiError::from_response(
                        status,
                        &body,
                        request_id,
                        header("client-request-id"),
                    );
                    error.mailbox = Some(mailbox.to_owned());
                    error.app = self.app.clone();
                    (wait, GraphError::from(error))
                }
                Err(source) => {
                    let wait = self
                        .retry
                        .wait(&method, retry::Outcome::ConnectionError, retry);
                    let failure = GraphError::connect(url, source);
                    (wait, failure)
                }
            };
            let Some(wait) = wait else {
                return Err(failure);
            };
            tracing::info!(%failure, ?wait, retry, "Graph request failed; retrying");
            tokio::time::sleep(wait).await;
            retry += 1;
        }
    }

    async fn attempt(
        &self,
        method: Method,
        url: &str,
        body: &Body,
        prefer: Option<&str>,
    ) -> Result<reqwest::Response, reqwest::Error> {
        let mut request = self.http.request(method, url);
        let preferences: Vec<&str> = self
            .immutable_ids
            .then_some(r#"IdType="ImmutableId""#)
            .into_iter()
            .chain(prefer)
            .collect();
        if !preferences.is_empty() {
            request = request.header("Prefer", preferences.join(", "));
        }
        let bearer = |request: reqwest::RequestBuilder| {
            request.bearer_auth(lock(&self.token).expose_secret())
        };
        let request = match body {
            Body::None => bearer(request),
            Body::Json(value) => bearer(request).json(value),
            // The upload URL carries its own authorization; Outlook refuses a bearer token
            // on it (graph-facts §4).
            Body::Chunk {
                bytes,
                content_range,
            } => request
                .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
                .header(reqwest::header::CONTENT_RANGE, content_range)
                .body(bytes.clone()),
        };
        request.send().await
    }

    pub async fn get<T: DeserializeOwned>(
        &self,
        url: &str,
        mailbox: &str,
        what: &'static str,
    ) -> Result<T, GraphError> {
        self.send(Method::GET, url, mailbox, &Body::None)
            .await?
            .json(what)
    }

    /// Every item of a collection, following `@odata.nextLink` as given (it carries
    /// `$skip`/`$skiptoken` state that must not be rebuilt).
    pub async fn get_all<T: DeserializeOwned>(
        &self,
        url: &str,
        mailbox: &str,
        what: &'static str,
    ) -> Result<Vec<T>, GraphError> {
        let mut items = Vec::new();
        let mut next = Some(url.to_owned());
        while let Some(url) = next {
            let page: Page<T> = self.get(&url, mailbox, what).await?;
            items.extend(page.value);
            next = page.next_link;
        }
        Ok(items)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Percent-encodes a path segment or query value: ids contain `/`, `+` and `=`, names
/// contain spaces and quotes.
pub fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// An OData string literal: quotes doubled (graph-facts §3.2).
pub fn odata_string(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_literals_are_escaped() {
        assert_eq!(segment("AAMk/a+b="), "AAMk%2Fa%2Bb%3D");
        assert_eq!(segment("support@contoso.test"), "support@contoso.test");
        assert_eq!(odata_string("let's"), "'let''s'");
    }
}
