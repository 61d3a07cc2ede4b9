//! Our own try of Graph's validation handshake (graph-facts §8.3) against an endpoint, run
//! when Graph refuses a subscription: Graph says only that validation failed, this says which
//! URL answered what.

use std::time::Duration;

/// Graph waits this long for the validation answer.
pub const VALIDATION_TIMEOUT: Duration = Duration::from_secs(10);

/// A token shaped like Graph's: spaces and colons, so an endpoint that echoes it still
/// URL-encoded fails here as it does with Graph.
const TOKEN: &str = "Validation: mailconn probe of client application reachability";

/// What an endpoint did with a validation request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    Ok,
    Timeout,
    Unreachable(String),
    Wrong(String),
}

impl Probe {
    pub fn describe(&self) -> String {
        match self {
            Probe::Ok => "answers the handshake correctly from this machine, so Graph cannot reach it as it is: a firewall, DNS, a reverse proxy that Graph's requests take, or a certificate Graph does not trust (it needs a public CA)".into(),
            Probe::Timeout => format!("did not answer within {} s", VALIDATION_TIMEOUT.as_secs()),
            Probe::Unreachable(why) => format!("cannot be reached from here: {why}"),
            Probe::Wrong(what) => what.clone(),
        }
    }
}

/// `POST {url}?validationToken=…` as Graph sends it, judged as Graph judges it.
pub async fn validation(client: &reqwest::Client, url: &str) -> Probe {
    let Ok(mut target) = url::Url::parse(url) else {
        return Probe::Wrong("is not a valid URL".into());
    };
    target
        .query_pairs_mut()
        .append_pair("validationToken", TOKEN);
    let sent = client
        .post(target)
        .header("content-type", "text/plain; charset=utf-8")
        .timeout(VALIDATION_TIMEOUT)
        .send()
        .await;
    let response = match sent {
        Ok(response) => response,
        Err(e) if e.is_timeout() => return Probe::Timeout,
        Err(e) => return Probe::Unreachable(error_chain(&e.without_url())),
    };
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none")
        .to_owned();
    let body = match response.text().await {
        Ok(body) => body,
        Err(e) if e.is_timeout() => return Probe::Timeout,
        Err(e) => return Probe::Unreachable(error_chain(&e.without_url())),
    };
    if status != 200 {
        return Probe::Wrong(format!(
            "answered {status} (Content-Type {content_type}) instead of 200"
        ));
    }
    if !content_type.starts_with("text/plain") {
        return Probe::Wrong(format!(
            "answered 200 with Content-Type {content_type} instead of text/plain"
        ));
    }
    if body != TOKEN {
        let encoded = url::form_urlencoded::byte_serialize(TOKEN.as_bytes()).collect::<String>();
        let why = if body == encoded {
            "echoed the token still URL-encoded; decode it first".to_owned()
        } else {
            format!(
                "answered 200 text/plain, but the body ({} bytes) is not exactly the decoded token ({} bytes)",
                body.len(),
                TOKEN.len()
            )
        };
        return Probe::Wrong(why);
    }
    Probe::Ok
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// How to check an endpoint by hand, for hints.
pub fn how_to_check(url: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!(
        "Graph POSTs {url}{separator}validationToken=<token> and needs, within {} s, 200 OK with \
         Content-Type text/plain and exactly the URL-decoded token as the body. Check it with \
         `curl -si -X POST '{url}{separator}validationToken=a%20b%3Ac'` (expect 200, text/plain, \
         body `a b:c`); `mailconn webhook serve` answers it",
        VALIDATION_TIMEOUT.as_secs()
    )
}
