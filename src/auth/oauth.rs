//! The oauth2 crate wired to Entra: our reqwest client as its transport, Entra's error body
//! as its error type, and its failures turned into [`AuthError`].

use oauth2::basic::{
    BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenResponse,
};
use oauth2::{
    AuthType, ClientId, EndpointNotSet, EndpointSet, RequestTokenError, StandardRevocableToken,
    TokenUrl,
};

use super::authority::Authority;
use super::error::{AuthError, EntraErrorResponse};

pub(super) type EntraClient<HasAuthUrl = EndpointNotSet, HasDeviceAuthUrl = EndpointNotSet> =
    oauth2::Client<
        EntraErrorResponse,
        BasicTokenResponse,
        BasicTokenIntrospectionResponse,
        StandardRevocableToken,
        BasicRevocationErrorResponse,
        HasAuthUrl,
        HasDeviceAuthUrl,
        EndpointNotSet,
        EndpointNotSet,
        EndpointSet,
    >;

/// A client for the tenant's token endpoint. Credentials go in the form body, which Entra
/// accepts for every flow (graph-facts §1.1).
pub(super) fn client(authority: &Authority, client_id: &str) -> EntraClient {
    oauth2::Client::new(ClientId::new(client_id.to_owned()))
        .set_token_uri(TokenUrl::new(authority.token_url()).expect("authority URLs are valid URLs"))
        .set_auth_type(AuthType::RequestBody)
}

/// Sends one oauth2 request through reqwest.
pub(super) async fn send(
    http: reqwest::Client,
    request: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, reqwest::Error> {
    let response = http.execute(reqwest::Request::try_from(request)?).await?;
    let mut builder = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    let body = response.bytes().await?.to_vec();
    Ok(builder
        .body(body)
        .expect("a response copied from reqwest is valid"))
}

/// Turns an oauth2 failure into an [`AuthError`]; `server` handles the error body.
pub(super) fn map_error<TE: oauth2::ErrorResponse + 'static>(
    url: &str,
    error: RequestTokenError<reqwest::Error, TE>,
    server: impl FnOnce(TE) -> AuthError,
) -> AuthError {
    match error {
        RequestTokenError::ServerResponse(body) => server(body),
        RequestTokenError::Request(source) => AuthError::Unreachable {
            url: url.to_owned(),
            source,
        },
        RequestTokenError::Parse(e, body) => AuthError::BadResponse {
            url: url.to_owned(),
            detail: format!(
                "{} bytes that are not a token response ({})",
                body.len(),
                e.inner()
            ),
        },
        RequestTokenError::Other(detail) => AuthError::BadResponse {
            url: url.to_owned(),
            detail,
        },
    }
}
