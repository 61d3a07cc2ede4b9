//! Minting tokens. Graph access tokens look like the real ones (by default the v1 format
//! Graph gets from Entra: `aud` = the Graph app id, `iss` = sts.windows.net, graph-facts §1.9)
//! and are signed with the key at the jwks URI. Clients must treat them as opaque, so the
//! tenant's `token_shape` can switch to the v2 claim set, to both alias sets at once, or to a
//! string that is no JWT at all; only this emulator reads them.

use jsonwebtoken::{Algorithm, Header};
use serde_json::{Value, json};
use uuid::Uuid;

use super::error::EntraError;
use super::grants::{Delegation, RefreshGrant};
use super::scope::GRAPH_APP_ID;
use crate::crypto;
use crate::directory::{App, Tenant};
use crate::state::{Emulator, lock};
use crate::tenant::TokenShape;

/// How the client proved who it is (`appidacr`: 0 public, 1 secret, 2 certificate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClientAuth {
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
pub(crate) fn service_principal_id(client_id: Uuid) -> Uuid {
    Uuid::from_u128(client_id.as_u128() ^ 0x0000_0000_0000_0000_5350_0000_0000_0000)
}

fn sign(emulator: &Emulator, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(emulator.keys.kid.clone());
    header.typ = Some("JWT".into());
    jsonwebtoken::encode(&header, claims, &emulator.keys.encoding)
        .expect("an RS256 key signs any JSON claims")
}

fn base_claims(emulator: &Emulator, tid: Uuid, client_id: Uuid, auth: ClientAuth) -> Value {
    let now = emulator.clock.unix();
    let client_id = client_id.to_string();
    let mut claims = json!({
        "aud": GRAPH_APP_ID,
        "iat": now,
        "nbf": now,
        "exp": now + emulator.directory.settings.access_token_lifetime_secs,
        "tid": tid.to_string(),
        "uti": crypto::base64url(&crypto::random_bytes::<16>()),
    });
    let shape = emulator.directory.settings.token_shape;
    // The v1 and v2 names of the same claims (access-token-claims-reference); `Mixed` carries
    // both, as tokens from some Microsoft-owned resources do.
    if shape != TokenShape::V2 {
        claims["iss"] = json!(format!("https://sts.windows.net/{tid}/"));
        claims["ver"] = json!("1.0");
        claims["appid"] = json!(client_id);
        claims["appidacr"] = json!(auth.acr());
    }
    if matches!(shape, TokenShape::V2 | TokenShape::Mixed) {
        claims["iss"] = json!(format!("{}/{tid}/v2.0", emulator.urls.base));
        claims["ver"] = json!("2.0");
        claims["azp"] = json!(client_id);
        claims["azpacr"] = json!(auth.acr());
    }
    if shape == TokenShape::Mixed {
        // Group overage starts at 200 groups in a JWT; a token this large is still valid.
        let groups: Vec<String> = (0..200u128)
            .map(|i| Uuid::from_u128(0x6772_6f75_7000_0000_0000_0000_0000_0000 | i).to_string())
            .collect();
        claims["groups"] = json!(groups);
        claims["wids"] = json!(["b79fbf4d-3ef9-4689-8143-76b194e85509"]);
        claims["xms_tcdt"] = json!(1_600_000_000);
    }
    claims
}

/// Signs the claims, and in the `Opaque` shape hides the JWT behind a random string that only
/// this emulator's Graph can map back.
fn access_token(emulator: &Emulator, claims: &Value) -> String {
    let jwt = sign(emulator, claims);
    if emulator.directory.settings.token_shape != TokenShape::Opaque {
        return jwt;
    }
    let token = crypto::opaque_token("EwB");
    let expires = claims["exp"].as_i64().unwrap_or_default();
    let now = emulator.clock.unix();
    let mut grants = lock(&emulator.grants);
    // Expired ones can never be accepted again: keeping them would only grow the state.
    grants.opaque_access.retain(|_, (_, exp)| *exp > now);
    grants.opaque_access.insert(token.clone(), (jwt, expires));
    token
}

/// The user's names in the claim set of the tenant's token shape.
fn user_names(emulator: &Emulator, claims: &mut Value, upn: &str) {
    let shape = emulator.directory.settings.token_shape;
    if shape != TokenShape::V2 {
        claims["upn"] = json!(upn);
        claims["unique_name"] = json!(upn);
    }
    if matches!(shape, TokenShape::V2 | TokenShape::Mixed) {
        claims["preferred_username"] = json!(upn);
    }
    if shape == TokenShape::Mixed {
        claims["email"] = json!(upn);
    }
}

/// Client-credentials answer: an app-only token with `roles` (absent when nothing is consented).
pub(super) fn app_only(emulator: &Emulator, tenant: &Tenant, app: &App, auth: ClientAuth) -> Value {
    let mut claims = base_claims(emulator, tenant.tenant_id, app.spec.client_id, auth);
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
        "access_token": access_token(emulator, &claims),
    })
}

/// Answer for the delegated grants: access token, plus a refresh token with `offline_access`
/// and an id token with `openid`.
/// A grant whose user is not (or no longer, after a restart with another tenant file) in
/// the tenant is as unknown as a malformed one.
pub(super) fn delegated(
    emulator: &Emulator,
    tenant: &Tenant,
    delegation: Delegation,
    auth: ClientAuth,
) -> Result<Value, EntraError> {
    let settings = &emulator.directory.settings;
    let user = tenant
        .user_by_id(delegation.user_id)
        .ok_or_else(EntraError::malformed_grant)?;
    let mut claims = base_claims(emulator, tenant.tenant_id, delegation.client_id, auth);
    claims["idtyp"] = json!("user");
    claims["oid"] = json!(user.id.to_string());
    claims["sub"] = json!(crypto::base64url(&crypto::sha256(
        format!("{}{}", user.id, delegation.client_id).as_bytes()
    )));
    claims["scp"] = json!(delegation.scopes.join(" "));
    user_names(emulator, &mut claims, &user.upn);
    claims["name"] = json!(user.display_name);
    let lifetime = settings.access_token_lifetime_secs;
    let mut scope: Vec<String> = delegation
        .scopes
        .iter()
        .map(|s| format!("{}/{s}", settings.cloud.graph_app_id_uris()[0]))
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
        "access_token": access_token(emulator, &claims),
    });
    if delegation.openid {
        let now = emulator.clock.unix();
        let id_claims = json!({
            "aud": delegation.client_id.to_string(),
            "iss": format!("{}/{}/v2.0", emulator.urls.base, tenant.tenant_id),
            "iat": now,
            "nbf": now,
            "exp": now + lifetime,
            "oid": user.id.to_string(),
            "sub": claims["sub"],
            "tid": tenant.tenant_id.to_string(),
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
    Ok(body)
}
