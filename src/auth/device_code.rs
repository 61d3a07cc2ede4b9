//! Device code sign-in (graph-facts §1.6): the user enters a code on another device while we
//! poll at the server's interval (oauth2 adds 5 s on `slow_down`, RFC 8628), until the code
//! expires or Ctrl-C.

use std::time::Duration;

use oauth2::{DeviceAuthorizationUrl, Scope};
use oauth2::{DeviceCodeErrorResponse, StandardDeviceAuthorizationResponse};

use super::error::{AuthError, EntraError, Proof};
use super::interrupt::Interrupt;
use super::{SignIn, TokenSet, oauth};

/// What the user has to do, for the caller to show (on stderr).
#[derive(Debug, Clone)]
pub struct DeviceCodePrompt {
    pub verification_uri: String,
    pub user_code: String,
    pub expires_in: Duration,
}

impl SignIn {
    pub async fn device_code(
        &self,
        scopes: &[String],
        show: impl FnOnce(&DeviceCodePrompt),
    ) -> Result<TokenSet, AuthError> {
        let device_url = self.authority.device_code_url();
        let client = oauth::client(&self.authority, &self.client_id).set_device_authorization_url(
            DeviceAuthorizationUrl::new(device_url.clone()).expect("authority URLs are valid URLs"),
        );
        let http = |r| oauth::send(self.http.clone(), r);
        let details: StandardDeviceAuthorizationResponse = client
            .exchange_device_code()
            .add_scopes(scopes.iter().cloned().map(Scope::new))
            .request_async(&http)
            .await
            .map_err(|e| {
                oauth::map_error(&device_url, e, AuthError::from).sent(scopes, Proof::None)
            })?;
        let mut interrupt = Interrupt::listen()?;
        show(&DeviceCodePrompt {
            verification_uri: details.verification_uri().to_string(),
            user_code: details.user_code().secret().clone(),
            expires_in: details.expires_in(),
        });

        let token_url = self.authority.token_url();
        let poll = client.exchange_device_access_token(&details).request_async(
            &http,
            tokio::time::sleep,
            None,
        );
        let response = tokio::select! {
            result = poll => result.map_err(|e| oauth::map_error(&token_url, e, polling_error).sent(scopes, Proof::None))?,
            _ = interrupt.pressed() => return Err(AuthError::Interrupted),
        };
        Ok(TokenSet::from_response(&response))
    }
}

fn polling_error(body: DeviceCodeErrorResponse) -> AuthError {
    // Entra says `authorization_declined` (graph-facts §1.6); RFC 8628 says `access_denied`.
    match body.error().as_ref() {
        "authorization_declined" | "access_denied" => AuthError::Declined,
        "expired_token" => AuthError::DeviceCodeExpired,
        other => AuthError::Entra(Box::new(EntraError::new(
            other,
            body.error_description().map(String::as_str),
            &[],
        ))),
    }
}
