//! Browser sign-in: authorization code with PKCE (S256) and a one-shot listener on
//! 127.0.0.1 (graph-facts §1.5). Entra ignores the port of a localhost redirect URI, so an app
//! registration with `http://localhost` accepts our random port.

use std::collections::HashMap;
use std::time::Duration;

use oauth2::{
    AuthUrl, AuthorizationCode, CsrfToken, EndpointNotSet, EndpointSet, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::error::{AuthError, EntraError, Proof};
use super::interrupt::Interrupt;
use super::{SignIn, TokenSet, oauth};

/// The token-endpoint client with the authorize endpoint set.
type BrowserClient = oauth::EntraClient<EndpointSet, EndpointNotSet>;

/// How long the listener waits for the browser to come back.
const WAIT_FOR_BROWSER: Duration = Duration::from_secs(300);

impl SignIn {
    /// `open` receives the sign-in URL and shows or opens it.
    pub async fn browser(
        &self,
        scopes: &[String],
        open: impl FnOnce(&str),
    ) -> Result<TokenSet, AuthError> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| {
            AuthError::Browser(format!("cannot listen on 127.0.0.1 for the redirect: {e}"))
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| AuthError::Browser(e.to_string()))?
            .port();
        let redirect = format!("http://localhost:{port}/");

        let client = oauth::client(&self.authority, &self.client_id)
            .set_auth_uri(
                AuthUrl::new(self.authority.authorize_url())
                    .expect("authority URLs are valid URLs"),
            )
            .set_redirect_uri(RedirectUrl::new(redirect).expect("a loopback URL is valid"));
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state) = client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(scopes.iter().cloned().map(Scope::new))
            .set_pkce_challenge(challenge)
            .url();
        let mut interrupt = Interrupt::listen()?;
        open(url.as_str());

        let (mut stream, params) = tokio::select! {
            redirect = wait_for_redirect(&listener) => redirect?,
            _ = tokio::time::sleep(WAIT_FOR_BROWSER) => {
                return Err(AuthError::Browser(format!("no answer from the browser within {} minutes", WAIT_FOR_BROWSER.as_secs() / 60)));
            }
            _ = interrupt.pressed() => return Err(AuthError::Interrupted),
        };
        let outcome = self.redeem(&client, &params, state, verifier, scopes).await;
        // The page says what really happened, only once the state check and the code
        // redemption are done: a browser tab saying "Signed in" for a refused sign-in misleads.
        let page = match &outcome {
            Ok(_) => "Signed in. You can close this tab and go back to the terminal.".to_owned(),
            Err(e) => format!(
                "Sign-in failed: {}. The terminal says more.",
                escape_html(&e.to_string())
            ),
        };
        let _ = respond(&mut stream, "200 OK", &page).await;
        outcome
    }

    /// Checks the redirect against this sign-in and redeems its code.
    async fn redeem(
        &self,
        client: &BrowserClient,
        params: &HashMap<String, String>,
        state: CsrfToken,
        verifier: PkceCodeVerifier,
        scopes: &[String],
    ) -> Result<TokenSet, AuthError> {
        if params.get("state").map(String::as_str) != Some(state.secret().as_str()) {
            return Err(AuthError::Browser(
                "the redirect carried a wrong `state`; it did not come from this sign-in".into(),
            ));
        }
        if let Some(error) = params.get("error") {
            return Err(match error.as_str() {
                "access_denied" => AuthError::Declined,
                _ => AuthError::Entra(Box::new(EntraError::new(
                    error,
                    params.get("error_description").map(String::as_str),
                    &[],
                )))
                .sent(scopes, Proof::None),
            });
        }
        let code = params.get("code").ok_or_else(|| {
            AuthError::Browser("the redirect carried neither a code nor an error".into())
        })?;

        let token_url = self.authority.token_url();
        let http = |r| oauth::send(self.http.clone(), r);
        let response = client
            .exchange_code(AuthorizationCode::new(code.clone()))
            .set_pkce_verifier(verifier)
            .request_async(&http)
            .await
            .map_err(|e| {
                oauth::map_error(&token_url, e, AuthError::from).sent(scopes, Proof::None)
            })?;
        Ok(TokenSet::from_response(&response))
    }
}

/// Waits for the request that carries the authorization response (`code` or `error`) and
/// returns it with its connection, which the caller answers once the outcome is known; other
/// requests (a favicon, a probe) get a 404.
async fn wait_for_redirect(
    listener: &TcpListener,
) -> Result<(TcpStream, HashMap<String, String>), AuthError> {
    loop {
        let (mut stream, _) = listener
            .accept()
            .await
            .map_err(|e| AuthError::Browser(format!("the redirect listener failed: {e}")))?;
        match read_query(&mut stream).await {
            Some(params) if params.contains_key("code") || params.contains_key("error") => {
                return Ok((stream, params));
            }
            _ => {
                let _ = respond(&mut stream, "404 Not Found", "Not the sign-in redirect.").await;
            }
        }
    }
}

/// The query parameters of a `GET` request, or `None` for anything else.
async fn read_query(stream: &mut TcpStream) -> Option<HashMap<String, String>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        // A redirect request is small; refuse anything that is not.
        if buf.len() > 16 * 1024 {
            return None;
        }
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut chunk))
            .await
            .ok()?
            .ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf);
    let target = head
        .lines()
        .next()?
        .strip_prefix("GET ")?
        .split(' ')
        .next()?;
    let url = url::Url::parse(&format!("http://localhost{target}")).ok()?;
    Some(url.query_pairs().into_owned().collect())
}

async fn respond(stream: &mut TcpStream, status: &str, message: &str) -> std::io::Result<()> {
    let body = format!("<!doctype html><title>mailconn</title><p>{message}</p>\n");
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
