//! Bearer-token validation, as Graph does it: signature, lifetime, audience, tenant.

use axum::http::{HeaderMap, header};
use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;
use uuid::Uuid;

use super::error::GraphError;
use crate::emulator::identity::GRAPH_APP_ID;
use crate::emulator::state::Emulator;

/// Who is calling: an app on its own, or an app on behalf of a user.
#[derive(Debug, Clone)]
pub struct Caller {
    pub client_id: Uuid,
    /// Application permissions (app-only tokens).
    pub roles: Vec<String>,
    /// Delegated permissions and the signed-in user (delegated tokens).
    pub scopes: Vec<String>,
    pub user_id: Option<Uuid>,
}

impl Caller {
    pub fn app_only(&self) -> bool {
        self.user_id.is_none()
    }

    pub fn has_role(&self, any_of: &[&str]) -> bool {
        self.roles
            .iter()
            .any(|r| any_of.iter().any(|a| r.eq_ignore_ascii_case(a)))
    }

    pub fn has_scope(&self, any_of: &[&str]) -> bool {
        self.scopes
            .iter()
            .any(|s| any_of.iter().any(|a| s.eq_ignore_ascii_case(a)))
    }
}

#[derive(Deserialize)]
struct Claims {
    aud: String,
    tid: String,
    exp: i64,
    nbf: Option<i64>,
    appid: String,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    scp: Option<String>,
    #[serde(default)]
    idtyp: Option<String>,
    oid: String,
}

pub fn authenticate(emulator: &Emulator, headers: &HeaderMap) -> Result<Caller, GraphError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let token = match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ if value.is_empty() => return Err(GraphError::invalid_token("Access token is empty.")),
        _ => {
            return Err(GraphError::invalid_token(
                "CompactToken parsing failed with error code: 80049217",
            ));
        }
    };
    if token.split('.').count() != 3 {
        return Err(GraphError::invalid_token(
            "CompactToken parsing failed with error code: 80049217",
        ));
    }
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let claims = jsonwebtoken::decode::<Claims>(token, &emulator.keys.decoding, &validation)
        .map_err(|_| GraphError::invalid_token("Access token validation failure."))?
        .claims;
    let now = emulator.clock.unix();
    if claims.exp <= now || claims.nbf.is_some_and(|nbf| nbf > now + 300) {
        return Err(GraphError::invalid_token(
            "Access token has expired or is not yet valid.",
        ));
    }
    if claims.aud != GRAPH_APP_ID {
        return Err(GraphError::invalid_token(
            "Access token validation failure. Invalid audience.",
        ));
    }
    if claims.tid != emulator.directory.tenant_id.to_string() {
        return Err(GraphError::invalid_token(
            "Access token validation failure. Invalid issuer.",
        ));
    }
    let invalid = || GraphError::invalid_token("Access token validation failure.");
    let client_id = Uuid::parse_str(&claims.appid).map_err(|_| invalid())?;
    let user_id = match claims.idtyp.as_deref() {
        Some("user") => Some(Uuid::parse_str(&claims.oid).map_err(|_| invalid())?),
        _ => None,
    };
    Ok(Caller {
        client_id,
        roles: claims.roles,
        scopes: claims
            .scp
            .map(|s| s.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default(),
        user_id,
    })
}
