//! Tokens as mailconn keeps them, and what their claims say (for `auth status` and for
//! telling a missing permission from a missing mailbox).

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use oauth2::TokenResponse;

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
/// to clients (graph-facts §1.9), so this is for display and diagnosis only, never for a
/// security decision.
///
/// Each claim is read on its own: v1 and v2 tokens name the same thing differently, a token may
/// carry both names, and claims we do not know (or huge `groups`/`wids` lists) must never make
/// the others unreadable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claims {
    pub tid: Option<String>,
    /// v1 tokens say `appid`, v2 tokens `azp`.
    pub appid: Option<String>,
    pub oid: Option<String>,
    /// Application permissions (app-only tokens).
    pub roles: Vec<String>,
    /// Delegated permissions, space separated (user tokens).
    pub scp: Option<String>,
    /// The signed-in user's name: `upn` or `unique_name` (v1), `preferred_username` (v2), or
    /// `email` for guests, whichever comes first in that order.
    pub upn: Option<String>,
    pub exp: Option<u64>,
    /// `"1.0"` or `"2.0"`.
    pub ver: Option<String>,
}

impl Claims {
    /// Reads the payload of a JWT without checking its signature. `None` when the token is not
    /// a readable JWT (an opaque or encrypted token, which Microsoft is free to issue).
    pub fn peek(token: &str) -> Option<Claims> {
        let mut parts = token.split('.');
        let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None; // five parts: an encrypted JWT (JWE), unreadable by design
        }
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .ok()?;
        let serde_json::Value::Object(claims) = serde_json::from_slice(&bytes).ok()? else {
            return None;
        };
        let text = |name: &str| claims.get(name)?.as_str().map(str::to_owned);
        let first_text = |names: &[&str]| names.iter().find_map(|name| text(name));
        let roles = claims
            .get("roles")
            .and_then(serde_json::Value::as_array)
            .map_or(Vec::new(), |roles| {
                roles
                    .iter()
                    .filter_map(|role| role.as_str().map(str::to_owned))
                    .collect()
            });
        Some(Claims {
            tid: text("tid"),
            appid: first_text(&["appid", "azp"]),
            oid: text("oid"),
            roles,
            scp: text("scp"),
            upn: first_text(&["upn", "unique_name", "preferred_username", "email"]),
            exp: claims.get("exp").and_then(serde_json::Value::as_u64),
            ver: text("ver"),
        })
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

    fn jwt(payload: &serde_json::Value) -> String {
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!(
            "{}.{}.c2lnbmF0dXJl",
            b64(r#"{"typ":"JWT","alg":"RS256","kid":"k1"}"#),
            b64(&payload.to_string())
        )
    }

    /// The claim set of an app-only Graph token as Entra issues it (v1 shape, Microsoft's
    /// access-token claims reference), with our own values.
    fn v1_app_only() -> serde_json::Value {
        serde_json::json!({
            "aud": "https://graph.microsoft.com",
            "iss": "https://sts.windows.net/5f1c0a5e-91b4-4d0e-8e55-1b7c0f6d2a11/",
            "iat": 1_765_000_000, "nbf": 1_765_000_000, "exp": 1_765_004_500,
            "aio": "E2ZgYJh0aXJ0ZWVuCg==",
            "app_displayname": "Help desk connector",
            "appid": "0b9e3f4c-2a61-4d7e-9c1a-6f3b2e8d4c70",
            "appidacr": "1",
            "idp": "https://sts.windows.net/5f1c0a5e-91b4-4d0e-8e55-1b7c0f6d2a11/",
            "idtyp": "app",
            "oid": "9d2c7b1e-4f3a-4e6b-8a5d-2c1f0e9b8a77",
            "rh": "0.AAAAXgocX7SRDk2OVRt8D20qEQ.",
            "roles": ["Mail.ReadWrite", "Mail.Send"],
            "sub": "9d2c7b1e-4f3a-4e6b-8a5d-2c1f0e9b8a77",
            "tenant_region_scope": "EU",
            "tid": "5f1c0a5e-91b4-4d0e-8e55-1b7c0f6d2a11",
            "uti": "x3kDq1b2c0uLm9n8o7p6AA",
            "ver": "1.0",
            "wids": ["0997a1d0-0d1d-4acb-b408-d5ca73121e90"],
            "xms_tcdt": 1_600_000_000
        })
    }

    /// A delegated token in the v2 shape (Microsoft's v2 example claim set, our values).
    fn v2_delegated() -> serde_json::Value {
        serde_json::json!({
            "aud": "00000003-0000-0000-c000-000000000000",
            "iss": "https://login.microsoftonline.com/5f1c0a5e-91b4-4d0e-8e55-1b7c0f6d2a11/v2.0",
            "iat": 1_765_000_000, "nbf": 1_765_000_000, "exp": 1_765_004_500,
            "aio": "AWQAm/8TAAAA",
            "azp": "0b9e3f4c-2a61-4d7e-9c1a-6f3b2e8d4c70",
            "azpacr": "0",
            "name": "Ada Admin",
            "oid": "3a6f1d2c-8b7e-4c5d-9e0f-1a2b3c4d5e6f",
            "preferred_username": "ada@contoso.example",
            "rh": "0.AAAAXgocX7SRDk2OVRt8D20qEQ.",
            "scp": "Mail.ReadWrite.Shared Mail.Send.Shared User.Read",
            "sub": "Jq8n0aVdS1qRk4h2y7vP3mZbC6xW9tE5uI0oLpKjHgF",
            "tid": "5f1c0a5e-91b4-4d0e-8e55-1b7c0f6d2a11",
            "uti": "fqiBqXLPj0eQa82S-IYFAA",
            "ver": "2.0"
        })
    }

    #[test]
    fn reads_a_v1_app_only_token() {
        let claims = Claims::peek(&jwt(&v1_app_only())).unwrap();
        assert_eq!(claims.roles, ["Mail.ReadWrite", "Mail.Send"]);
        assert_eq!(
            claims.appid.as_deref(),
            Some("0b9e3f4c-2a61-4d7e-9c1a-6f3b2e8d4c70")
        );
        assert_eq!(
            claims.tid.as_deref(),
            Some("5f1c0a5e-91b4-4d0e-8e55-1b7c0f6d2a11")
        );
        assert_eq!(claims.exp, Some(1_765_004_500));
        assert_eq!(claims.ver.as_deref(), Some("1.0"));
        assert!(claims.scopes().is_empty());
    }

    #[test]
    fn reads_a_v2_delegated_token() {
        let claims = Claims::peek(&jwt(&v2_delegated())).unwrap();
        assert_eq!(
            claims.scopes(),
            ["Mail.ReadWrite.Shared", "Mail.Send.Shared", "User.Read"]
        );
        assert_eq!(claims.upn.as_deref(), Some("ada@contoso.example"));
        assert_eq!(
            claims.appid.as_deref(),
            Some("0b9e3f4c-2a61-4d7e-9c1a-6f3b2e8d4c70")
        );
        assert!(claims.roles.is_empty());
    }

    /// Both alias sets at once, unknown claims and huge group lists: the failure that made every
    /// claim read as empty when they were parsed as one struct with aliases.
    #[test]
    fn reads_a_token_that_mixes_v1_and_v2_claims() {
        let mut mixed = v1_app_only();
        let extra = v2_delegated();
        for name in ["azp", "azpacr", "preferred_username", "scp", "name"] {
            mixed[name] = extra[name].clone();
        }
        mixed["upn"] = "ada@contoso.example".into();
        mixed["unique_name"] = "ADA@contoso.example".into();
        mixed["email"] = "ada.admin@fabrikam.example".into();
        mixed["groups"] = (0..5000).map(|i| format!("group-{i}")).collect();
        mixed["xms_unknown_future_claim"] = serde_json::json!({"nested": [1, 2, 3]});
        let claims = Claims::peek(&jwt(&mixed)).unwrap();
        assert_eq!(claims.roles, ["Mail.ReadWrite", "Mail.Send"]);
        assert_eq!(claims.scopes().len(), 3);
        assert_eq!(claims.upn.as_deref(), Some("ada@contoso.example"));
        assert_eq!(
            claims.appid.as_deref(),
            Some("0b9e3f4c-2a61-4d7e-9c1a-6f3b2e8d4c70")
        );
    }

    #[test]
    fn a_claim_of_an_unexpected_type_spoils_only_itself() {
        let mut odd = v1_app_only();
        odd["exp"] = "soon".into();
        odd["roles"] = serde_json::json!(["Mail.ReadWrite", 7]);
        let claims = Claims::peek(&jwt(&odd)).unwrap();
        assert_eq!(claims.exp, None);
        assert_eq!(claims.roles, ["Mail.ReadWrite"]);
        assert!(claims.tid.is_some());
    }

    #[test]
    fn an_opaque_or_encrypted_token_has_no_readable_claims() {
        assert!(Claims::peek("EwBwA8l6BAAUbDba3x2OMJElkF7gJ4z/VbCPEZ0AAQ==").is_none());
        assert!(Claims::peek("a.b").is_none());
        assert!(Claims::peek("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d").is_none());
        let not_an_object = format!(
            "e30.{}.sig",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("[1,2]")
        );
        assert!(Claims::peek(&not_an_object).is_none());
    }
}
