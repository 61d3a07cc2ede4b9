//! OpenID Connect discovery, signing keys and MSAL's instance discovery.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::token::check_tenant;
use crate::state::Shared;

pub(super) async fn openid_configuration(
    State(emulator): State<Shared>,
    Path(tenant): Path<String>,
) -> Response {
    let named = match check_tenant(&emulator, &tenant) {
        Ok(named) => named,
        Err(err) => return err.into_response(),
    };
    let base = &emulator.urls.base;
    // A domain resolves to the tenant id in every endpoint; multi-tenant aliases keep their
    // name and publish a templated issuer, exactly like login.microsoftonline.com.
    let (tenant, issuer_tenant) = match named {
        Some(named) => {
            let id = named.tenant_id.to_string();
            (id.clone(), id)
        }
        None => (tenant, "{tenantid}".to_owned()),
    };
    Json(json!({
        "issuer": format!("{base}/{issuer_tenant}/v2.0"),
        "authorization_endpoint": format!("{base}/{tenant}/oauth2/v2.0/authorize"),
        "token_endpoint": format!("{base}/{tenant}/oauth2/v2.0/token"),
        "device_authorization_endpoint": format!("{base}/{tenant}/oauth2/v2.0/devicecode"),
        "jwks_uri": format!("{base}/{tenant}/discovery/v2.0/keys"),
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nbf", "name", "oid", "tid", "preferred_username", "ver"],
        "request_uri_parameter_supported": false,
        "tenant_region_scope": "EU",
        "cloud_instance_name": "microsoftonline.com",
        "cloud_graph_host_name": "graph.windows.net",
        "msgraph_host": base.split_once("://").map(|(_, host)| host).unwrap_or(base),
    }))
    .into_response()
}

pub(super) async fn keys(State(emulator): State<Shared>, Path(tenant): Path<String>) -> Response {
    if let Err(err) = check_tenant(&emulator, &tenant) {
        return err.into_response();
    }
    let issuer = format!("{}/{{tenantid}}/v2.0", emulator.urls.base);
    Json(json!({"keys": [emulator.keys.jwk(&issuer)]})).into_response()
}

/// `GET /{tenant}/discovery/instance`: MSAL asks this before trusting an authority it does not
/// know; the answer says "this host is its own cloud".
pub(super) async fn instance(
    State(emulator): State<Shared>,
    Path(tenant): Path<String>,
) -> Response {
    let base = &emulator.urls.base;
    let host = base.split_once("://").map(|(_, h)| h).unwrap_or(base);
    Json(json!({
        "tenant_discovery_endpoint": format!("{base}/{tenant}/v2.0/.well-known/openid-configuration"),
        "api-version": "1.1",
        "metadata": [{"preferred_network": host, "preferred_cache": host, "aliases": [host]}],
    }))
    .into_response()
}
