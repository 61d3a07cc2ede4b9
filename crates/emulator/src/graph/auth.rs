//! Bearer-token validation, as Graph does it: signature, lifetime, audience, tenant.

use axum::http::{HeaderMap, header};
use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;
use uuid::Uuid;

use super::error::GraphError;
use crate::directory::Tenant;
use crate::identity::GRAPH_APP_ID;
use crate::state::{Emulator, lock};

/// Who is calling: an app on its own, or an app on behalf of a user.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    /// The token's `tid`: a Graph request sees this tenant's directory and mailboxes only.
    pub tenant_id: Uuid,
    pub client_id: Uuid,
    /// Application permissions (app-only tokens).
    pub roles: Vec<String>,
    /// Delegated permissions and the signed-in user (delegated tokens).
    pub scopes: Vec<String>,
    pub user_id: Option<Uuid>,
}

impl Caller {
    pub(crate) fn app_only(&self) -> bool {
        self.user_id.is_none()
    }

    /// The tenant whose directory and mailboxes this caller sees (authentication checked
    /// that the emulator has it).
    pub(crate) fn tenant<'a>(&self, emulator: &'a Emulator) -> Result<&'a Tenant, GraphError> {
        emulator
            .directory
            .tenant_by_id(self.tenant_id)
            .ok_or_else(|| {
                GraphError::invalid_token("Access token validation failure. Invalid issuer.")
            })
    }

    pub(crate) fn has_role(&self, any_of: &[&str]) -> bool {
        self.roles
            .iter()
            .any(|r| any_of.iter().any(|a| r.eq_ignore_ascii_case(a)))
    }

    pub(crate) fn has_scope(&self, any_of: &[&str]) -> bool {
        self.scopes
            .iter()
            .any(|s| any_of.iter().any(|a| s.eq_ignore_ascii_case(a)))
    }
}

/// The claims Graph needs, in v1 or v2 names: each is its own field (no serde alias), so a
/// token that carries both `appid` and `azp` reads like either.
#[derive(Deserialize)]
struct Claims {
    aud: String,
    tid: String,
    exp: i64,
    nbf: Option<i64>,
    #[serde(default)]
    appid: Option<String>,
    #[serde(default)]
    azp: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    scp: Option<String>,
    #[serde(default)]
    idtyp: Option<String>,
    oid: String,
}

pub(super) fn authenticate(emulator: &Emulator, headers: &HeaderMap) -> Result<Caller, GraphError> {
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
    // An opaque token (`token_shape = "opaque"`) stands for a JWT only the emulator keeps.
    let opaque = lock(&emulator.grants)
        .opaque_access
        .get(token)
        .map(|(jwt, _)| jwt.clone());
    let token = opaque.as_deref().unwrap_or(token);
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
    let tenant_id = Uuid::parse_str(&claims.tid)
        .ok()
        .filter(|tid| emulator.directory.tenant_by_id(*tid).is_some())
        .ok_or_else(|| {
            GraphError::invalid_token("Access token validation failure. Invalid issuer.")
        })?;
    let invalid = || GraphError::invalid_token("Access token validation failure.");
    let client_id = claims
        .appid
        .as_deref()
        .or(claims.azp.as_deref())
        .and_then(|id| Uuid::parse_str(id).ok())
        .ok_or_else(invalid)?;
    // `idtyp` is an optional claim; without it a token with delegated scopes is a user's.
    let delegated = match claims.idtyp.as_deref() {
        Some(idtyp) => idtyp == "user",
        None => claims.scp.is_some(),
    };
    let user_id = match delegated {
        true => Some(Uuid::parse_str(&claims.oid).map_err(|_| invalid())?),
        false => None,
    };
    Ok(Caller {
        tenant_id,
        client_id,
        roles: claims.roles,
        scopes: claims
            .scp
            .map(|s| s.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default(),
        user_id,
    })
}
