//! Graph's outbound side: the validation handshake when a subscription is created, change
//! and lifecycle notifications with retries, and a log of every attempt for tests.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::state::lock;

/// Graph's HTTP client gives notification endpoints 3 s (graph-facts §8.5).
const NOTIFICATION_TIMEOUT: Duration = Duration::from_secs(3);
/// Validation must be answered within 10 s (graph-facts §8.3).
const VALIDATION_TIMEOUT: Duration = Duration::from_secs(10);
/// The log keeps the latest attempts only, so a long-running emulator stays small.
const ATTEMPTS_KEPT: usize = 10_000;
/// Real Graph retries for hours; a few quick retries show a receiver the same behaviour.
const RETRY_DELAYS: [Duration; 3] = [
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(4),
];

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Attempt {
    pub kind: &'static str,
    pub subscription_id: Uuid,
    pub url: String,
    pub attempt: usize,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub at: DateTime<Utc>,
}

/// How a posted notification fares.
pub(crate) struct Delivery {
    /// Resolves once the first attempt is logged (for callers that answer only after it,
    /// like the admin clock).
    pub first_attempt: tokio::sync::oneshot::Receiver<()>,
    /// Resolves to whether some attempt got a 2xx; `false` when it was dropped.
    pub delivered: tokio::sync::oneshot::Receiver<bool>,
}

pub(crate) struct Notifier {
    client: reqwest::Client,
    attempts: Mutex<Vec<Attempt>>,
}

impl Notifier {
    /// `trust`: extra CA certificates (PEM) for HTTPS notification endpoints, besides the
    /// system's.
    pub(crate) fn new(trust: Option<&Path>) -> anyhow::Result<Notifier> {
        // Notification URLs are usually local receivers; a proxy from the environment would
        // only get in the way.
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        if let Some(path) = trust {
            let pem =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .with_context(|| format!("{} holds no PEM certificates", path.display()))?;
            builder = builder.tls_certs_merge(certs);
        }
        Ok(Notifier {
            client: builder.build()?,
            attempts: Mutex::default(),
        })
    }

    pub(crate) fn attempts(&self) -> Vec<Attempt> {
        lock(&self.attempts).clone()
    }

    fn log(&self, attempt: Attempt) {
        let mut attempts = lock(&self.attempts);
        if attempts.len() == ATTEMPTS_KEPT {
            attempts.remove(0);
        }
        attempts.push(attempt);
    }

    /// The validation handshake; `Err` carries the reason Graph gives the subscriber.
    pub(crate) async fn validate(&self, subscription_id: Uuid, url: &str) -> Result<(), String> {
        let token = format!(
            "Validation: Testing client application reachability for subscription Request-Id: {}",
            Uuid::new_v4()
        );
        let mut target =
            url::Url::parse(url).map_err(|_| "The notification URL is not valid.".to_owned())?;
        target
            .query_pairs_mut()
            .append_pair("validationToken", &token);
        let sent = self
            .client
            .post(target)
            .header("content-type", "text/plain; charset=utf-8")
            .timeout(VALIDATION_TIMEOUT)
            .send()
            .await;
        let mut attempt = Attempt {
            kind: "validation",
            subscription_id,
            url: url.to_owned(),
            attempt: 1,
            status: None,
            error: None,
            at: Utc::now(),
        };
        let outcome = match sent {
            Err(e) if e.is_timeout() => Err("Subscription validation request timed out.".to_owned()),
            Err(_) => Err("Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.".to_owned()),
            Ok(response) => {
                attempt.status = Some(response.status().as_u16());
                let plain = response
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("text/plain"));
                let ok = response.status() == reqwest::StatusCode::OK;
                let body = response.text().await.unwrap_or_default();
                if !ok {
                    Err("Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.".to_owned())
                } else if !plain {
                    Err("Subscription validation request failed. Response must have a Content-Type of text/plain.".to_owned())
                } else if body != token {
                    Err("Subscription validation request failed. Response must exactly match validationToken query parameter.".to_owned())
                } else {
                    Ok(())
                }
            }
        };
        attempt.error = outcome.as_ref().err().cloned();
        self.log(attempt);
        outcome
    }

    /// Posts a notification payload in the background, retrying a few times on failure.
    pub(crate) fn post(
        self: &std::sync::Arc<Self>,
        kind: &'static str,
        subscription_id: Uuid,
        url: String,
        payload: Value,
    ) -> Delivery {
        let notifier = self.clone();
        let (first_done, first_attempt) = tokio::sync::oneshot::channel();
        let (outcome_done, outcome) = tokio::sync::oneshot::channel();
        let mut first_done = Some(first_done);
        tokio::spawn(async move {
            for attempt in 1..=RETRY_DELAYS.len() + 1 {
                let sent = notifier
                    .client
                    .post(&url)
                    .json(&payload)
                    .timeout(NOTIFICATION_TIMEOUT)
                    .send()
                    .await;
                let (status, error) = match &sent {
                    Ok(r) => (Some(r.status().as_u16()), None),
                    Err(e) => (None, Some(e.to_string())),
                };
                let delivered = status.is_some_and(|s| (200..300).contains(&s));
                notifier.log(Attempt {
                    kind,
                    subscription_id,
                    url: url.clone(),
                    attempt,
                    status,
                    error,
                    at: Utc::now(),
                });
                if let Some(done) = first_done.take() {
                    let _ = done.send(());
                }
                match RETRY_DELAYS.get(attempt - 1) {
                    Some(delay) if !delivered => tokio::time::sleep(*delay).await,
                    _ => {
                        let _ = outcome_done.send(delivered);
                        break;
                    }
                }
            }
        });
        Delivery {
            first_attempt,
            delivered: outcome,
        }
    }
}
