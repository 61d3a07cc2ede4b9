//! The `http` sink: POSTs the [`Payload`](super::payload::Payload) JSON, signed, to a URL.
//!
//! Signature scheme (README "Sinks"), chosen so a receiver can check it with any HMAC
//! library and a few lines of code:
//!
//! - `X-Mailconn-Timestamp: <unix seconds>` — when the request was signed;
//! - `X-Mailconn-Signature: sha256=<hex>` — lower-case hex of
//!   HMAC-SHA256(key, `<timestamp>` + `.` + `<body bytes>`).
//!
//! The timestamp is inside the signed material, so a captured request cannot be replayed
//! later with a fresh timestamp: a receiver rejects timestamps more than a few minutes away
//! from its clock (and, since delivery is at-least-once, de-duplicates on `mailbox` + `id`).
//! The key is the UTF-8 bytes of `MAILCONN_HTTP_SINK_KEY` or of the key file (one trailing
//! newline removed).

use std::path::Path;

use aws_lc_rs::hmac;

use super::payload::Payload;
use super::{Outbound, SinkError, head_text};
use crate::secrets::Secret;

pub const SIGNATURE_HEADER: &str = "X-Mailconn-Signature";
pub const TIMESTAMP_HEADER: &str = "X-Mailconn-Timestamp";
/// A shorter key is refused: HMAC is only as strong as its key, and a short one is usually a
/// placeholder such as `test` that was never replaced.
pub const MIN_KEY_LEN: usize = 16;
/// How much of a refusing receiver's answer the error keeps.
const BODY_KEPT: usize = 512;

#[derive(Debug)]
pub struct HttpSink {
    url: url::Url,
    key: Secret,
    client: reqwest::Client,
}

impl HttpSink {
    /// `url` must be https, or http to a loopback host; `client` is normally
    /// [`crate::transport::client`] (no redirects: a 3xx is a failure, not a re-post).
    pub fn new(url: url::Url, key: Secret, client: reqwest::Client) -> Result<HttpSink, SinkError> {
        // The profile's SinkUrl already checked this; a sink built another way must not
        // send mail in the clear either.
        let url = url
            .as_str()
            .parse::<crate::settings::profile::SinkUrl>()
            .map_err(|message| SinkError::Config {
                message,
                hint: "use an https URL".into(),
            })?
            .url()
            .clone();
        let key = check_key(key, "the http sink key")?;
        Ok(HttpSink { url, key, client })
    }

    /// The URL without its query string, for messages: a query may carry a routing token.
    fn shown_url(&self) -> String {
        self.url[..url::Position::AfterPath].to_owned()
    }

    pub async fn deliver(&self, out: &Outbound<'_>) -> Result<String, SinkError> {
        let body = Payload::new(out).to_bytes();
        let timestamp = chrono::Utc::now().timestamp();
        let signature = signature(self.key.expose_secret().as_bytes(), timestamp, &body);
        let mut response = self
            .client
            .post(self.url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(TIMESTAMP_HEADER, timestamp.to_string())
            .header(SIGNATURE_HEADER, signature)
            .body(body)
            .send()
            .await
            .map_err(|e| SinkError::Request {
                url: self.shown_url(),
                source: e.without_url(),
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(format!("HTTP {}", status.as_u16()));
        }
        // Only the start of the answer: an error page can be megabytes.
        let mut start = Vec::new();
        while start.len() < BODY_KEPT {
            match response.chunk().await {
                Ok(Some(chunk)) => start.extend_from_slice(&chunk),
                Ok(None) | Err(_) => break,
            }
        }
        Err(SinkError::Status {
            url: self.shown_url(),
            status: status.as_u16(),
            body: head_text(&start, BODY_KEPT),
        })
    }
}

/// `sha256=<hex of HMAC-SHA256(key, "<timestamp>.<body>")>`: the value of
/// [`SIGNATURE_HEADER`].
pub fn signature(key: &[u8], timestamp: i64, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(timestamp.to_string().as_bytes());
    ctx.update(b".");
    ctx.update(body);
    let tag = ctx.sign();
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256=");
    for byte in tag.as_ref() {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// Refuses a key that is too short; `source` names where it came from (never its value).
pub(super) fn check_key(key: Secret, source: &str) -> Result<Secret, SinkError> {
    if key.expose_secret().chars().count() < MIN_KEY_LEN {
        return Err(SinkError::Config {
            message: format!("{source} is shorter than {MIN_KEY_LEN} characters"),
            hint: "use a random key, e.g. from `openssl rand -hex 32`, on both sides".into(),
        });
    }
    Ok(key)
}

/// Reads the key file of `http_key_file`. It must not be readable by everyone: the key lets
/// anyone forge mail into the receiver.
pub(super) fn read_key_file(path: &Path) -> Result<Secret, SinkError> {
    let io = |source| SinkError::KeyFile {
        path: path.to_owned(),
        source,
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_err(io)?.permissions().mode();
        if mode & 0o007 != 0 {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("it is readable by other users (mode {:o})", mode & 0o777),
            )));
        }
    }
    let mut text = std::fs::read_to_string(path).map_err(io)?;
    // Editors and `echo` add a newline that is not part of the key.
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    check_key(
        Secret::from(text),
        &format!("the key in {}", path.display()),
    )
}
