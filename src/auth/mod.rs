//! Signing in to Entra ID: app-only client credentials (secret, certificate, federated token)
//! and delegated sign-in (device code, browser with PKCE, refresh). This module talks to the
//! token endpoint only; where secrets and tokens are kept is the caller's business.

pub mod aadsts;
pub mod assertion;
pub mod authority;
mod browser;
mod device_code;
pub mod error;
mod interrupt;
pub use interrupt::Interrupt;
mod oauth;
pub mod token;

use std::path::PathBuf;

use oauth2::{ClientSecret, RefreshToken, Scope};

pub use assertion::{CertificateCredential, SigningMode};
pub use authority::Authority;
pub use device_code::DeviceCodePrompt;
pub use error::{AuthError, Proof};
pub use token::{Claims, TokenSet};

use crate::secrets::Secret;

/// What a confidential app proves itself with.
#[derive(Debug)]
pub enum AppCredential {
    Secret(Secret),
    Certificate(CertificateCredential),
    /// A token from another identity provider, re-read on every sign-in because workload
    /// identity platforms rotate the file.
    Federated {
        token_file: PathBuf,
    },
}

impl AppCredential {
    fn proof(&self) -> Proof {
        match self {
            AppCredential::Secret(_) => Proof::Secret,
            AppCredential::Certificate(_) => Proof::Certificate,
            AppCredential::Federated { token_file } => Proof::FederatedToken {
                token_file: token_file.display().to_string(),
            },
        }
    }
}

const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Signs in one app (client id) against one tenant.
pub struct SignIn {
    http: reqwest::Client,
    authority: Authority,
    client_id: String,
}

impl SignIn {
    pub fn new(http: reqwest::Client, authority: Authority, client_id: &str) -> SignIn {
        SignIn {
            http,
            authority,
            client_id: client_id.to_owned(),
        }
    }

    /// Client credentials: an app-only token for `scope` (`{graph}/.default`).
    pub async fn app_only(
        &self,
        credential: &AppCredential,
        scope: &str,
    ) -> Result<TokenSet, AuthError> {
        let token_url = self.authority.token_url();
        let mut client = oauth::client(&self.authority, &self.client_id);
        let assertion = match credential {
            AppCredential::Secret(secret) => {
                client =
                    client.set_client_secret(ClientSecret::new(secret.expose_secret().clone()));
                None
            }
            AppCredential::Certificate(cert) => Some(assertion::client_assertion(
                cert,
                &self.client_id,
                &token_url,
            )?),
            AppCredential::Federated { token_file } => Some(read_federated_token(token_file)?),
        };
        let mut request = client
            .exchange_client_credentials()
            .add_scope(Scope::new(scope.to_owned()));
        if let Some(assertion) = &assertion {
            request = request
                .add_extra_param("client_assertion_type", JWT_BEARER)
                .add_extra_param("client_assertion", assertion.expose_secret().as_str());
        }
        let http = |r| oauth::send(self.http.clone(), r);
        let response = request.request_async(&http).await.map_err(|e| {
            oauth::map_error(&token_url, e, AuthError::from)
                .sent(&[scope.to_owned()], credential.proof())
        })?;
        Ok(TokenSet::from_response(&response))
    }

    /// Redeems a refresh token (public client). The response carries a new refresh token,
    /// which the caller must store in place of the old one.
    pub async fn refresh(
        &self,
        refresh_token: &Secret,
        scopes: &[String],
    ) -> Result<TokenSet, AuthError> {
        let token_url = self.authority.token_url();
        let client = oauth::client(&self.authority, &self.client_id);
        let refresh_token = RefreshToken::new(refresh_token.expose_secret().clone());
        let http = |r| oauth::send(self.http.clone(), r);
        let response = client
            .exchange_refresh_token(&refresh_token)
            .add_scopes(scopes.iter().cloned().map(Scope::new))
            .request_async(&http)
            .await
            .map_err(|e| {
                oauth::map_error(&token_url, e, AuthError::from).sent(scopes, Proof::None)
            })?;
        Ok(TokenSet::from_response(&response))
    }
}

fn read_federated_token(path: &PathBuf) -> Result<Secret, AuthError> {
    std::fs::read_to_string(path)
        .map(|token| Secret::new(token.trim().to_owned()))
        .map_err(|source| AuthError::FederatedToken {
            path: path.display().to_string(),
            source,
        })
}
