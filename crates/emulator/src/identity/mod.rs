//! The Microsoft identity platform (Entra ID v2.0 endpoints) for one tenant.

mod authorize;
mod client_auth;
pub mod device;
mod discovery;
pub mod error;
pub mod federation;
pub mod grants;
mod issue;
mod page;
mod scope;
mod token;

use axum::Router;
use axum::routing::{get, post};

use super::state::Shared;

pub use federation::EMULATOR_ISSUER;
pub use issue::service_principal_id;
pub use scope::GRAPH_APP_ID;

pub fn routes() -> Router<Shared> {
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
