//! The Microsoft identity platform (Entra ID v2.0 endpoints) for each tenant the emulator plays.

mod authorize;
mod client_auth;
pub(crate) mod device;
mod discovery;
pub(crate) mod error;
pub(crate) mod federation;
pub(crate) mod grants;
mod issue;
mod page;
mod scope;
mod token;

use axum::Router;
use axum::routing::{get, post};

use super::state::Shared;

pub(crate) use federation::EMULATOR_ISSUER;
pub(crate) use issue::service_principal_id;
pub(crate) use scope::GRAPH_APP_ID;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(discovery::openid_configuration),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(discovery::keys))
        .route("/{tenant}/discovery/instance", get(discovery::instance))
        .route("/{tenant}/oauth2/v2.0/token", post(token::token))
        .route("/{tenant}/oauth2/v2.0/devicecode", post(device::devicecode))
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::start).post(authorize::submit),
        )
        .route(
            "/devicelogin",
            get(device::login_page).post(device::login_submit),
        )
        .route(
            "/federation/.well-known/openid-configuration",
            get(federation::openid_configuration),
        )
        .route("/federation/keys", get(federation::keys))
}
