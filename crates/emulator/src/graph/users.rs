//! The directory reads: `GET /users/{id | userPrincipalName}`, `GET /me`, and
//! `GET /users?$filter=proxyAddresses/any(…)` to find a user by one of its mail addresses.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::access::{DirectoryView, directory_view};
use super::auth::Caller;
use super::error::GraphError;
use super::{GraphResponse, Op};
use crate::directory::{Tenant, User};
use crate::state::Shared;

/// What `User.ReadBasic.All` may read (the "basic profile" of the permissions reference).
const BASIC: &[&str] = &[
    "id",
    "displayName",
    "givenName",
    "surname",
    "mail",
    "userPrincipalName",
];

/// What Graph returns without `$select` (the user resource's default properties).
const DEFAULT: &[&str] = &[
    "id",
    "displayName",
    "userPrincipalName",
    "mail",
    "businessPhones",
    "givenName",
    "surname",
    "jobTitle",
    "mobilePhone",
    "officeLocation",
    "preferredLanguage",
];

pub(super) fn get(op: &Op<'_>) -> Result<GraphResponse, GraphError> {
    let user = op
        .tenant
        .user_by_id(op.context.user_id)
        .ok_or_else(|| GraphError::user_not_found(&op.context.upn))?;
    let view = directory_view(op.caller, Some(user.id)).ok_or_else(GraphError::directory_denied)?;
    let mut body = render(user, view, op.query.select.as_deref())?;
    body["@odata.context"] = format!("{}/$metadata#users/$entity", op.emulator.urls.graph()).into();
    Ok(GraphResponse::json(StatusCode::OK, body))
}

/// `GET /users` with the one filter a mail connector needs: the user holding an address
/// (`proxyAddresses/any(p:p eq 'smtp:alias@x')`). Directory string comparisons ignore case,
/// the `smtp:`/`SMTP:` prefix included. Other filters are refused rather than ignored, so a
/// client relying on one sees the gap.
pub(super) fn list(
    emulator: &Shared,
    tenant: &Tenant,
    caller: &Caller,
    query: Option<&str>,
) -> Result<GraphResponse, GraphError> {
    let view = directory_view(caller, None).ok_or_else(GraphError::directory_denied)?;
    let mut select: Option<Vec<String>> = None;
    let mut wanted = None;
    for (key, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.to_ascii_lowercase().as_str() {
            "$select" => select = Some(value.split(',').map(|s| s.trim().to_owned()).collect()),
            "$filter" => wanted = Some(proxy_address_filter(&value)?),
            _ => {
                return Err(GraphError::bad_request(
                    "Request_UnsupportedQuery",
                    format!(
                        "The query option '{key}' on /users is not supported by the mailconn emulator."
                    ),
                ));
            }
        }
    }
    let wanted = wanted.ok_or_else(|| {
        GraphError::bad_request(
            "Request_UnsupportedQuery",
            "The mailconn emulator lists users only with $filter=proxyAddresses/any(p:p eq '…').",
        )
    })?;
    let value = tenant
        .users
        .iter()
        .filter(|u| {
            u.proxy_addresses
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&wanted))
        })
        .map(|u| render(u, view, select.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(GraphResponse::json(
        StatusCode::OK,
        json!({
            "@odata.context": format!("{}/$metadata#users", emulator.urls.graph()),
            "value": value,
        }),
    ))
}

/// The literal of `proxyAddresses/any(x:x eq '…')`, any lambda variable name.
fn proxy_address_filter(filter: &str) -> Result<String, GraphError> {
    static SHAPE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^\s*proxyAddresses/any\(\s*(\w+)\s*:\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*\)\s*$",
        )
        .expect("a valid pattern")
    });
    SHAPE
        .captures(filter)
        .filter(|c| c[1] == c[2])
        .map(|c| c[3].replace("''", "'"))
        .ok_or_else(|| {
            GraphError::bad_request(
                "Request_UnsupportedQuery",
                format!("Unsupported filter on /users in the mailconn emulator: {filter}"),
            )
        })
}

/// A user as the caller's permission shows it. `$select` of a property outside the basic
/// profile under `User.ReadBasic.All` leaves it out; an unknown property is a 400, as Graph's.
fn render(
    user: &User,
    view: DirectoryView,
    select: Option<&[String]>,
) -> Result<Value, GraphError> {
    let all = json!({
        "id": user.id.to_string(),
        "displayName": user.display_name,
        "userPrincipalName": user.upn,
        "mail": user.mail,
        "proxyAddresses": user.proxy_addresses,
        "businessPhones": [],
        "givenName": null,
        "surname": null,
        "jobTitle": null,
        "mobilePhone": null,
        "officeLocation": null,
        "preferredLanguage": null,
    });
    let Value::Object(all) = all else {
        unreachable!("a JSON object literal")
    };
    let names: Vec<&str> = match select {
        Some(select) => select.iter().map(String::as_str).collect(),
        None => DEFAULT.to_vec(),
    };
    let mut chosen = Map::new();
    for name in names {
        let (key, value) = all
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                GraphError::bad_request(
                    "Request_BadRequest",
                    format!(
                        "Could not find a property named '{name}' on type 'microsoft.graph.user'."
                    ),
                )
            })?;
        if view == DirectoryView::Full || BASIC.contains(&key.as_str()) {
            chosen.insert(key.clone(), value.clone());
        }
    }
    Ok(Value::Object(chosen))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_proxy_address_filter_is_understood() {
        assert_eq!(
            proxy_address_filter("proxyAddresses/any(p:p eq 'smtp:a@b.c')").unwrap(),
            "smtp:a@b.c"
        );
        assert_eq!(
            proxy_address_filter("proxyaddresses/any(x: x eq 'SMTP:O''Neil@b.c')").unwrap(),
            "SMTP:O'Neil@b.c"
        );
        assert!(proxy_address_filter("mail eq 'a@b.c'").is_err());
        assert!(proxy_address_filter("proxyAddresses/any(p:q eq 'a')").is_err());
        assert!(proxy_address_filter("proxyAddresses/any(p:p ne 'a')").is_err());
    }
}
