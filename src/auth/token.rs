//! Tokens as mailconn keeps them, and what their claims say (for `auth status` and for
//! telling a missing permission from a missing mailbox).

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use oauth2::TokenResponse;
use serde::Deserialize;

use crate::secrets::Secret;

/// The result of a sign-in or refresh.
#[derive(Debug)]
pub struct TokenSet {
    pub access_token: Secret,
    /// Unix seconds.
    pub expires_at: u64,
    /// Only for delegated sign-in with `offline_access`. Entra rotates it on every use; the
    /// new one must always be saved (the old one keeps working a while, then not).
    pub refresh_token: Option<Secret>,
}

impl TokenSet {
    pub(super) fn from_response(response: &oauth2::basic::BasicTokenResponse) -> TokenSet {
        // Entra always sends expires_in; an hour is its documented minimum lifetime.
        let lifetime = response.expires_in().map_or(3600, |d| d.as_secs());
        TokenSet {
            access_token: Secret::new(response.access_token().secret().clone()),
            expires_at: now() + lifetime,
            refresh_token: response
                .refresh_token()
                .map(|t| Secret::new(t.secret().clone())),
        }
    }
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The claims of an access token that matter to an admin. Graph tokens are meant to be opaque
/// to clients, so this is for display and diagnosis only, never for a security decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Claims {
    #[serde(default)]
    pub tid: Option<String>,
    /// v1 tokens say `appid`, v2 tokens `azp`.
    #[serde(default, alias = "azp")]
    pub appid: Option<String>,
    #[serde(default)]
    pub oid: Option<String>,
    /// Application permissions (app-only tokens).
    #[serde(default)]
    pub roles: Vec<String>,
    /// Delegated permissions, space separated (user tokens).
    #[serde(default)]
    pub scp: Option<String>,
    #[serde(default, alias = "preferred_username")]
    pub upn: Option<String>,
    #[serde(default)]
    pub exp: Option<u64>,
}

impl Claims {
    /// Reads the payload of a JWT without checking its signature.
    pub fn peek(token: &str) -> Option<Claims> {
        let payload = token.split('.').nth(1)?;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn scopes(&self) -> Vec<&str> {
        self.scp
            .as_deref()
            .map_or(Vec::new(), |s| s.split_whitespace().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!("{}.{}.sig", b64(r#"{"alg":"RS256"}"#), b64(payload))
    }

    #[test]
    fn claims_of_app_only_and_delegated_tokens() {
        let app = Claims::peek(&jwt(
            r#"{"tid":"t","appid":"a","roles":["Mail.ReadWrite"],"exp":5}"#,
        ))
        .unwrap();
        assert_eq!(app.roles, ["Mail.ReadWrite"]);
        assert_eq!(app.appid.as_deref(), Some("a"));
        let user = Claims::peek(&jwt(
            r#"{"azp":"a","scp":"Mail.Read Mail.Send","preferred_username":"u@x.com"}"#,
        ))
        .unwrap();
        assert_eq!(user.scopes(), ["Mail.Read", "Mail.Send"]);
        assert_eq!(user.upn.as_deref(), Some("u@x.com"));
        assert!(Claims::peek("opaque").is_none());
    }
}
