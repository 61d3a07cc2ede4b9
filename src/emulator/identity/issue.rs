//! Minting tokens. Graph access tokens look like the real ones (v1 format, `aud` = the Graph
//! app id, `iss` = sts.windows.net) and are signed with the key at the jwks URI; Graph treats
//! them as opaque, only this emulator validates them.

use jsonwebtoken::{Algorithm, Header};
use serde_json::{Value, json};
use uuid::Uuid;

use super::grants::{Delegation, RefreshGrant};
use super::scope::GRAPH_APP_ID;
use crate::emulator::crypto;
use crate::emulator::directory::App;
use crate::emulator::state::{Emulator, lock};

/// How the client proved who it is (`appidacr`: 0 public, 1 secret, 2 certificate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    Public,
    Secret,
    Certificate,
}

impl ClientAuth {
    fn acr(self) -> &'static str {
        match self {
            ClientAuth::Public => "0",
            ClientAuth::Secret => "1",
            ClientAuth::Certificate => "2",
        }
    }
}

/// The service principal's object id: stable per app, distinct from the client id.
pub fn service_principal_id(client_id: Uuid) -> Uuid {
    Uuid::from_u128(client_id.as_u128() ^ 0x0000_0000_0000_0000_5350_0000_0000_0000)
}

fn sign(emulator: &Emulator, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(emulator.keys.kid.clone());
    header.typ = Some("JWT".into());
    jsonwebtoken::encode(&header, claims, &emulator.keys.encoding)
        .expect("an RS256 key signs any JSON claims")
}

fn base_claims(emulator: &Emulator, client_id: Uuid, auth: ClientAuth) -> Value {
    let now = emulator.clock.unix();
    let tid = emulator.directory.tenant_id;
    json!({
        "aud": GRAPH_APP_ID,
        "iss": format!("https://sts.windows.net/{tid}/"),
        "iat": now,
        "nbf": now,
        "exp": now + emulator.directory.settings.access_token_lifetime_secs,
        "appid": client_id.to_string(),
        "appidacr": auth.acr(),
        "tid": tid.to_string(),
        "uti": crypto::base64url(&crypto::random_bytes::<16>()),
        "ver": "1.0",
    })
}

/// Client-credentials answer: an app-only token with `roles` (absent when nothing is consented).
pub fn app_only(emulator: &Emulator, app: &App, auth: ClientAuth) -> Value {
    let mut claims = base_claims(emulator, app.spec.client_id, auth);
    let oid = service_principal_id(app.spec.client_id).to_string();
    claims["idtyp"] = json!("app");
    claims["oid"] = json!(oid);
    claims["sub"] = json!(oid);
    if !app.spec.roles.is_empty() {
        claims["roles"] = json!(app.spec.roles);
    }
    let lifetime = emulator.directory.settings.access_token_lifetime_secs;
    json!({
        "token_type": "Bearer",
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": sign(emulator, &claims),
    })
}

/// Answer for the delegated grants: access token, plus a refresh token with `offline_access`
/// and an id token with `openid`.
pub fn delegated(emulator: &Emulator, delegation: Delegation, auth: ClientAuth) -> Value {
    let directory = &emulator.directory;
    let user = directory
        .user_by_id(delegation.user_id)
        .expect("grants only name users of the directory");
    let mut claims = base_claims(emulator, delegation.client_id, auth);
    claims["idtyp"] = json!("user");
    claims["oid"] = json!(user.id.to_string());
    claims["sub"] = json!(crypto::base64url(&crypto::sha256(
        format!("{}{}", user.id, delegation.client_id).as_bytes()
    )));
    claims["scp"] = json!(delegation.scopes.join(" "));
    claims["upn"] = json!(user.upn);
    claims["unique_name"] = json!(user.upn);
    claims["name"] = json!(user.display_name);
    let lifetime = directory.settings.access_token_lifetime_secs;
    let mut scope: Vec<String> = delegation
        .scopes
        .iter()
        .map(|s| format!("https://graph.microsoft.com/{s}"))
        .collect();
    if delegation.openid {
        scope.extend(["openid".into(), "profile".into(), "email".into()]);
    }
    if delegation.offline_access {
        scope.push("offline_access".into());
    }
    let mut body = json!({
        "token_type": "Bearer",
        "scope": scope.join(" "),
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": sign(emulator, &claims),
    });
    if delegation.openid {
        let now = emulator.clock.unix();
        let id_claims = json!({
            "aud": delegation.client_id.to_string(),
            "iss": format!("{}/{}/v2.0", emulator.urls.base, directory.tenant_id),
            "iat": now,
            "nbf": now,
            "exp": now + lifetime,
            "oid": user.id.to_string(),
            "sub": claims["sub"],
            "tid": directory.tenant_id.to_string(),
            "preferred_username": user.upn,
            "name": user.display_name,
            "ver": "2.0",
        });
        body["id_token"] = json!(sign(emulator, &id_claims));
    }
    if delegation.offline_access {
        let token = crypto::opaque_token("1.AQ");
        lock(&emulator.grants).refresh.insert(
            token.clone(),
            RefreshGrant {
                delegation,
                issued: emulator.clock.now(),
                revoked: false,
            },
        );
        body["refresh_token"] = json!(token);
    }
    body
}
