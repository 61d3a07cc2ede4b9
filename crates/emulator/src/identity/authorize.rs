//! `GET/POST /{tenant}/oauth2/v2.0/authorize`: browser sign-in with PKCE. A request that
//! fails before the redirect URI is trusted gets an error page (never a redirect); later
//! failures go back to the client's redirect URI, as Entra does.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use url::Url;

use super::error::EntraError;
use super::grants::{AuthCode, Delegation};
use super::page;
use super::scope;
use super::token::{
    CODE_LIFETIME_SECS, Target, check_tenant, consented_scopes, find_target, parse_form,
};
use crate::crypto;
use crate::state::{Emulator, Shared, lock};

type Params = HashMap<String, String>;

pub(super) async fn start(
    State(emulator): State<Shared>,
    Path(tenant): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let (target, redirect) = match trusted_redirect(&emulator, &tenant, &params) {
        Ok(found) => found,
        Err(err) => return error_page(err),
    };
    // The auto-approved user stands for a browser session; it signs in to its own tenant
    // only, so other tenants' requests go on as if nobody were signed in.
    let auto = lock(&emulator.grants)
        .auto_approve
        .filter(|id| target.tenant.user_by_id(*id).is_some());
    match auto {
        Some(user_id) => finish(&emulator, target, &redirect, &params, Some(user_id)),
        // Silent sign-in without a session: Entra answers `login_required`.
        None if params.get("prompt").map(String::as_str) == Some("none") => refuse(
            &redirect,
            &params,
            "login_required",
            "AADSTS50058: A silent sign-in request was sent but no user is signed in.",
        ),
        None => sign_in_page(&params, None),
    }
}

pub(super) async fn submit(
    State(emulator): State<Shared>,
    Path(tenant): Path<String>,
    body: Bytes,
) -> Response {
    let params = parse_form(&body);
    let (target, redirect) = match trusted_redirect(&emulator, &tenant, &params) {
        Ok(found) => found,
        Err(err) => return error_page(err),
    };
    if params.get("action").map(String::as_str) == Some("decline") {
        return finish(&emulator, target, &redirect, &params, None);
    }
    let username = params
        .get("username")
        .map(String::as_str)
        .unwrap_or_default();
    match target.tenant.user(username) {
        Some(user) if user.can_sign_in() => {
            finish(&emulator, target, &redirect, &params, Some(user.id))
        }
        Some(_) => sign_in_page(&params, Some("AADSTS50057: The user account is disabled.")),
        None => sign_in_page(
            &params,
            Some("AADSTS50034: The user account does not exist in this directory."),
        ),
    }
}

/// Tenant, app and redirect URI: until these check out nothing may be sent to the redirect.
fn trusted_redirect<'a>(
    emulator: &'a Emulator,
    tenant: &'a str,
    params: &Params,
) -> Result<(Target<'a>, Url), EntraError> {
    let named = check_tenant(emulator, tenant)?;
    let target = find_target(
        emulator,
        named,
        params.get("client_id").map(String::as_str),
        tenant,
    )?;
    let app = target.app;
    let requested = params
        .get("redirect_uri")
        .ok_or_else(|| EntraError::missing_parameter("redirect_uri"))?;
    let client_id = app.spec.client_id.to_string();
    let registered = app
        .spec
        .redirect_uris
        .iter()
        .any(|r| redirect_matches(r, requested));
    match Url::parse(requested) {
        Ok(url) if registered => Ok((target, url)),
        _ => Err(EntraError::redirect_mismatch(&client_id, requested)),
    }
}

/// Entra's reply-URL rules (graph-facts §1.5): exact, case-sensitive match, except that the
/// port is ignored for `http` loopback URIs (`localhost`, `127.0.0.1`).
pub(super) fn redirect_matches(registered: &str, requested: &str) -> bool {
    if registered == requested {
        return true;
    }
    let (Ok(reg), Ok(req)) = (Url::parse(registered), Url::parse(requested)) else {
        return false;
    };
    let loopback = matches!(reg.host_str(), Some("localhost" | "127.0.0.1"));
    loopback
        && reg.scheme() == "http"
        && req.scheme() == "http"
        && reg.host_str() == req.host_str()
        && reg.path() == req.path()
        && reg.query() == req.query()
}

/// Issues the code (or the refusal) and redirects to the client.
fn finish(
    emulator: &Emulator,
    target: Target<'_>,
    redirect: &Url,
    params: &Params,
    user: Option<uuid::Uuid>,
) -> Response {
    match issue_code(emulator, target, redirect, params, user) {
        Ok(code) => send_back(redirect, params, &[("code", &code)]),
        Err((error, description)) => refuse(redirect, params, error, &description),
    }
}

fn refuse(redirect: &Url, params: &Params, error: &str, description: &str) -> Response {
    send_back(
        redirect,
        params,
        &[("error", error), ("error_description", description)],
    )
}

/// Redirects to the client with `fields` and the client's `state`, in the response mode it
/// asked for: query (the default for code) or fragment.
fn send_back(redirect: &Url, params: &Params, fields: &[(&str, &str)]) -> Response {
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        pairs.append_pair(name, value);
    }
    if let Some(state) = params.get("state") {
        pairs.append_pair("state", state);
    }
    let encoded = pairs.finish();
    let mut target = redirect.clone();
    if params.get("response_mode").map(String::as_str) == Some("fragment") {
        target.set_fragment(Some(&encoded));
    } else {
        let query = match target.query() {
            Some(existing) if !existing.is_empty() => format!("{existing}&{encoded}"),
            _ => encoded,
        };
        target.set_query(Some(&query));
    }
    (StatusCode::FOUND, [(header::LOCATION, target.to_string())]).into_response()
}

fn issue_code(
    emulator: &Emulator,
    target: Target<'_>,
    redirect: &Url,
    params: &Params,
    user: Option<uuid::Uuid>,
) -> Result<String, (&'static str, String)> {
    let described = |e: EntraError| (e.error, format!("AADSTS{}: {}", e.code, e.description));
    if params.get("response_type").map(String::as_str) != Some("code") {
        return Err((
            "unsupported_response_type",
            "AADSTS700054: response_type 'code' is the only one this app may use.".into(),
        ));
    }
    let user_id = user.ok_or((
        "access_denied",
        "AADSTS65004: User declined to consent to access the app.".to_owned(),
    ))?;
    let raw = params.get("scope").map(String::as_str).unwrap_or_default();
    let request = scope::parse(raw, &target.graph_names(emulator)).map_err(described)?;
    let scopes = consented_scopes(target.app, &request).map_err(described)?;
    let challenge = match (
        params.get("code_challenge"),
        params.get("code_challenge_method"),
    ) {
        (None, _) => None,
        (Some(c), None) => Some((c.clone(), "plain".to_owned())),
        (Some(c), Some(m)) if m == "S256" || m == "plain" => Some((c.clone(), m.clone())),
        (Some(_), Some(_)) => {
            return Err((
                "invalid_request",
                "AADSTS501491: Invalid code_challenge_method; use S256 or plain.".into(),
            ));
        }
    };
    if challenge
        .as_ref()
        .is_some_and(|(c, _)| c.len() < 43 || c.len() > 128)
    {
        return Err((
            "invalid_request",
            "AADSTS50147: The code challenge has an invalid size (43 to 128 characters).".into(),
        ));
    }
    let code = crypto::opaque_token("0.AQ");
    lock(&emulator.grants).codes.insert(
        code.clone(),
        AuthCode {
            delegation: Delegation {
                client_id: target.app.spec.client_id,
                user_id,
                scopes,
                offline_access: request.offline_access,
                openid: request.openid,
            },
            redirect_uri: params
                .get("redirect_uri")
                .cloned()
                .unwrap_or_else(|| redirect.to_string()),
            challenge,
            expires: emulator.clock.now() + Duration::seconds(CODE_LIFETIME_SECS),
            redeemed: false,
        },
    );
    Ok(code)
}

fn error_page(err: EntraError) -> Response {
    let text = format!("AADSTS{}: {}", err.code, err.description);
    (
        err.status,
        page::render("Sign in failed", &format!("<p>{}</p>", page::escape(&text))),
    )
        .into_response()
}

/// The sign-in form; it posts every original parameter back with the chosen user.
fn sign_in_page(params: &Params, problem: Option<&str>) -> Response {
    let hidden: String = params
        .iter()
        .filter(|(k, _)| !["username", "action"].contains(&k.as_str()))
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                page::escape(k),
                page::escape(v)
            )
        })
        .collect();
    let problem = problem
        .map(|p| format!("<p role=\"alert\">{}</p>", page::escape(p)))
        .unwrap_or_default();
    let hint = params
        .get("login_hint")
        .map(|h| page::escape(h))
        .unwrap_or_default();
    page::render(
        "Sign in",
        &format!(
            "{problem}<form method=\"post\">{hidden}\
<p><label>User <input name=\"username\" value=\"{hint}\" autofocus></label></p>\
<p><button name=\"action\" value=\"approve\">Sign in</button> \
<button name=\"action\" value=\"decline\">Cancel</button></p></form>"
        ),
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::redirect_matches;

    #[test]
    fn loopback_port_is_ignored_but_nothing_else() {
        assert!(redirect_matches(
            "http://localhost",
            "http://localhost:53123"
        ));
        assert!(redirect_matches(
            "http://localhost",
            "http://localhost:53123/"
        ));
        assert!(redirect_matches(
            "http://127.0.0.1/cb",
            "http://127.0.0.1:8400/cb"
        ));
        assert!(!redirect_matches(
            "http://localhost/cb",
            "http://localhost:8400/other"
        ));
        assert!(!redirect_matches(
            "http://localhost",
            "http://127.0.0.1:8400"
        ));
        assert!(!redirect_matches(
            "https://app.example/cb",
            "https://app.example:444/cb"
        ));
        assert!(!redirect_matches(
            "http://localhost/CB",
            "http://localhost:1/cb"
        ));
    }
}
