//! `/v1.0/subscriptions`: create (with the validation handshake), list, get, renew, delete,
//! reauthorize — for Outlook message resources (graph-facts §8).

use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::access;
use super::auth::Caller;
use super::error::GraphError;
use super::path::{MailboxRef, Resource, Route};
use super::{GraphRequest, GraphResponse};
use crate::identity::service_principal_id;
use crate::state::{Shared, lock};
use crate::subscriptions::{Subscription, Subscriptions};

/// Graph raises shorter lifetimes to this (graph-facts §8.2).
const MIN_MINUTES: i64 = 45;
const MAX_CLIENT_STATE: usize = 128;

fn not_found() -> GraphError {
    GraphError::new(
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
        "The object was not found.",
    )
}

fn extension_error(status: StatusCode, operation: &str, reason: &str) -> GraphError {
    GraphError::new(
        status,
        "ExtensionError",
        format!(
            "Operation: {operation}; Exception: [Status Code: {}; Reason: {reason}]",
            status
                .canonical_reason()
                .unwrap_or_default()
                .replace(' ', "")
        ),
    )
}

pub(super) async fn handle(
    emulator: &Shared,
    caller: &Caller,
    request: &GraphRequest,
) -> Result<GraphResponse, GraphError> {
    let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
    let id = segments
        .get(1)
        .map(|s| Uuid::parse_str(s).map_err(|_| not_found()))
        .transpose()?;
    let reauthorizing = segments
        .get(2)
        .is_some_and(|s| s.eq_ignore_ascii_case("reauthorize"));
    match (id, reauthorizing, &request.method) {
        (None, _, &Method::POST) => create(emulator, caller, request).await,
        (None, _, &Method::GET) => Ok(list(emulator, caller)),
        (Some(id), false, &Method::GET) => get(emulator, caller, id),
        (Some(id), false, &Method::PATCH) => renew(emulator, caller, id, request),
        (Some(id), false, &Method::DELETE) => delete(emulator, caller, id),
        (Some(id), true, &Method::POST) => reauthorize(emulator, caller, id),
        _ if segments.len() > 3 || (segments.len() == 3 && !reauthorizing) => Err(
            GraphError::no_route(segments.last().copied().unwrap_or_default()),
        ),
        _ => Err(GraphError::method_not_allowed()),
    }
}

fn render(emulator: &Shared, sub: &Subscription, with_state: bool) -> Value {
    json!({
        "@odata.context": format!("{}/$metadata#subscriptions/$entity", emulator.urls.graph()),
        "id": sub.id,
        "resource": sub.resource,
        "applicationId": sub.app,
        "changeType": sub.change_type,
        "clientState": if with_state { json!(sub.client_state) } else { Value::Null },
        "notificationUrl": sub.notification_url,
        "notificationQueryOptions": null,
        "lifecycleNotificationUrl": sub.lifecycle_url,
        "expirationDateTime": sub.expiration.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "creatorId": sub.user.unwrap_or_else(|| service_principal_id(sub.app)),
        "includeResourceData": false,
        "latestSupportedTlsVersion": sub.tls_version,
        "encryptionCertificate": null,
        "encryptionCertificateId": null,
        "notificationUrlAppId": null,
    })
}

fn text<'a>(body: &'a Value, field: &str) -> Option<&'a str> {
    body.get(field).and_then(Value::as_str)
}

fn required<'a>(body: &'a Value, field: &str) -> Result<&'a str, GraphError> {
    text(body, field).filter(|v| !v.is_empty()).ok_or_else(|| {
        GraphError::bad_request(
            "InvalidRequest",
            format!("The property '{field}' is required."),
        )
    })
}

/// Parses `users/{id}/mailFolders('inbox')/messages` and friends into a mailbox + folder.
fn parse_resource(resource: &str) -> Option<(MailboxRef, Option<String>)> {
    let path = resource.split('?').next()?.trim_matches('/');
    let mut parts: Vec<(String, Option<String>)> = Vec::new();
    for segment in path.split('/') {
        match segment.split_once("('") {
            Some((name, rest)) => parts.push((
                name.to_ascii_lowercase(),
                Some(rest.strip_suffix("')")?.to_owned()),
            )),
            None => parts.push((segment.to_ascii_lowercase(), None)),
        }
    }
    let (mailbox, rest) = match parts.as_slice() {
        [(me, None), rest @ ..] if me == "me" => (MailboxRef::Me, rest),
        [(users, Some(id)), rest @ ..] if users == "users" => (MailboxRef::User(id.clone()), rest),
        [(users, None), (_, None), rest @ ..] if users == "users" => {
            // The lower-cased copy must not be used: ids and UPNs keep their case.
            let original = path.split('/').nth(1)?.to_owned();
            (MailboxRef::User(original), rest)
        }
        _ => return None,
    };
    let original: Vec<&str> = path.split('/').collect();
    let offset = original.len() - rest.len();
    match rest {
        [(messages, None)] if messages == "messages" => Some((mailbox, None)),
        [(folders, Some(folder)), (messages, None)]
            if folders == "mailfolders" && messages == "messages" =>
        {
            Some((mailbox, Some(folder.clone())))
        }
        [(folders, None), (_, None), (messages, None)]
            if folders == "mailfolders" && messages == "messages" =>
        {
            Some((mailbox, Some(original[offset + 1].to_owned())))
        }
        _ => None,
    }
}

fn expiration(
    emulator: &Shared,
    body: &Value,
    operation: &str,
) -> Result<DateTime<Utc>, GraphError> {
    let raw = required(body, "expirationDateTime")?;
    let requested = DateTime::parse_from_rfc3339(raw)
        .map_err(|_| {
            GraphError::bad_request(
                "InvalidRequest",
                "expirationDateTime is not a valid date and time.",
            )
        })?
        .with_timezone(&Utc);
    let now = emulator.clock.now();
    let max = emulator.directory.settings.subscription_max_minutes;
    if requested <= now {
        return Err(GraphError::bad_request(
            "InvalidRequest",
            "Subscription expiration must be in the future.",
        ));
    }
    if requested > now + Duration::minutes(max) {
        return Err(GraphError::bad_request(
            "ExtensionError",
            format!(
                "Operation: {operation}; Exception: Subscription expiration can only be {max} minutes in the future."
            ),
        ));
    }
    Ok(requested.max(now + Duration::minutes(MIN_MINUTES)))
}

fn https_url(field: &str, value: &str) -> Result<String, GraphError> {
    match url::Url::parse(value) {
        Ok(url) if url.scheme() == "https" => Ok(value.to_owned()),
        _ => Err(GraphError::bad_request(
            "ValidationError",
            format!("The {field} must be an absolute HTTPS URL."),
        )),
    }
}

async fn create(
    emulator: &Shared,
    caller: &Caller,
    request: &GraphRequest,
) -> Result<GraphResponse, GraphError> {
    let body: Value = request.json_body()?;
    let change_type = required(&body, "changeType")?.to_owned();
    let valid_kinds = change_type.split(',').all(|c| {
        ["created", "updated", "deleted"].contains(&c.trim().to_ascii_lowercase().as_str())
    });
    if !valid_kinds {
        return Err(GraphError::bad_request(
            "InvalidRequest",
            format!("Invalid changeType '{change_type}'."),
        ));
    }
    let notification_url = https_url("notificationUrl", required(&body, "notificationUrl")?)?;
    let lifecycle_url = text(&body, "lifecycleNotificationUrl")
        .map(|u| https_url("lifecycleNotificationUrl", u))
        .transpose()?;
    let resource = required(&body, "resource")?.to_owned();
    let client_state = text(&body, "clientState").map(str::to_owned);
    if client_state
        .as_ref()
        .is_some_and(|s| s.chars().count() > MAX_CLIENT_STATE)
    {
        return Err(GraphError::bad_request(
            "InvalidRequest",
            "clientState must be at most 128 characters.",
        ));
    }
    let tls_version = text(&body, "latestSupportedTlsVersion")
        .unwrap_or("v1_2")
        .to_owned();
    if !["v1_0", "v1_1", "v1_2", "v1_3"].contains(&tls_version.as_str()) {
        return Err(GraphError::bad_request(
            "InvalidRequest",
            "Invalid latestSupportedTlsVersion.",
        ));
    }
    if body.get("includeResourceData").and_then(Value::as_bool) == Some(true) {
        return Err(GraphError::bad_request(
            "InvalidRequest",
            "Rich notifications (includeResourceData) are not supported by this emulator.",
        ));
    }
    let expiration = expiration(emulator, &body, "Create")?;
    let (mailbox, folder) = parse_resource(&resource).ok_or_else(|| {
        GraphError::bad_request(
            "ExtensionError",
            format!("Operation: Create; Exception: The resource '{resource}' is not supported."),
        )
    })?;
    let target = Resource {
        mailbox,
        route: Route::Messages {
            folder: folder.clone(),
        },
    };
    let context = access::resolve(emulator, caller, &target, &Method::GET).map_err(|err| {
        let reason = err.message.clone();
        extension_error(err.status, "Create", &reason)
    })?;
    if caller.user_id.is_some_and(|me| me != context.user_id) {
        return Err(extension_error(
            StatusCode::FORBIDDEN,
            "Create",
            "Delegated subscriptions are only allowed for the signed-in user's mailbox.",
        ));
    }
    let folder = match folder {
        None => None,
        Some(key) => {
            let store = lock(&emulator.mail);
            let found = store
                .mailbox(context.user_id)
                .and_then(|m| m.folder(&key))
                .map(|f| f.id.clone());
            Some(found.ok_or_else(|| {
                extension_error(
                    StatusCode::NOT_FOUND,
                    "Create",
                    "The specified folder could not be found in the store.",
                )
            })?)
        }
    };
    let id = Uuid::new_v4();
    for url in std::iter::once(&notification_url).chain(lifecycle_url.as_ref()) {
        emulator
            .notifier
            .validate(id, url)
            .await
            .map_err(|reason| GraphError::bad_request("ValidationError", reason))?;
    }
    let immutable = super::prefer(&request.headers, "IdType")
        .is_some_and(|v| v.eq_ignore_ascii_case("ImmutableId"));
    let subscription = Subscription {
        id,
        tenant_id: caller.tenant_id,
        app: caller.client_id,
        user: caller.user_id,
        resource,
        mailbox: context.user_id,
        folder,
        change_type,
        notification_url,
        lifecycle_url,
        client_state,
        expiration,
        tls_version,
        immutable,
        reauthorization_sent: None,
    };
    let rendered = render(emulator, &subscription, true);
    lock(&emulator.subscriptions).add(subscription);
    Ok(GraphResponse::json(StatusCode::CREATED, rendered))
}

/// The caller's own subscriptions: this app's, and for delegated calls this user's.
/// The live subscription `id`, if the caller may see it (else 404, as for an unknown id).
fn find<'s>(
    store: &'s mut Subscriptions,
    now: DateTime<Utc>,
    caller: &Caller,
    id: Uuid,
) -> Result<&'s mut Subscription, GraphError> {
    store
        .live(now)
        .iter_mut()
        .find(|s| s.id == id && visible(caller, s))
        .ok_or_else(not_found)
}

fn visible(caller: &Caller, sub: &Subscription) -> bool {
    sub.tenant_id == caller.tenant_id
        && sub.app == caller.client_id
        && (caller.user_id.is_none() || sub.user == caller.user_id)
}

fn list(emulator: &Shared, caller: &Caller) -> GraphResponse {
    let now = emulator.clock.now();
    let mut store = lock(&emulator.subscriptions);
    let value: Vec<Value> = store
        .live(now)
        .iter()
        .filter(|s| visible(caller, s))
        .map(|s| {
            let mut item = render(emulator, s, false);
            if let Some(item) = item.as_object_mut() {
                item.remove("@odata.context");
            }
            item
        })
        .collect();
    GraphResponse::json(
        StatusCode::OK,
        json!({"@odata.context": format!("{}/$metadata#subscriptions", emulator.urls.graph()), "value": value}),
    )
}

fn get(emulator: &Shared, caller: &Caller, id: Uuid) -> Result<GraphResponse, GraphError> {
    let now = emulator.clock.now();
    let mut store = lock(&emulator.subscriptions);
    let sub = find(&mut store, now, caller, id)?;
    Ok(GraphResponse::json(
        StatusCode::OK,
        render(emulator, sub, false),
    ))
}

fn renew(
    emulator: &Shared,
    caller: &Caller,
    id: Uuid,
    request: &GraphRequest,
) -> Result<GraphResponse, GraphError> {
    let body: Value = request.json_body()?;
    if let Some(field) = body.as_object().and_then(|o| {
        o.keys()
            .find(|k| k.as_str() != "expirationDateTime" && !k.starts_with("@odata"))
    }) {
        return Err(GraphError::bad_request(
            "InvalidRequest",
            format!(
                "Only expirationDateTime can be updated; '{field}' cannot (recreate the subscription)."
            ),
        ));
    }
    let expiration = expiration(emulator, &body, "Update")?;
    let now = emulator.clock.now();
    let mut store = lock(&emulator.subscriptions);
    let sub = find(&mut store, now, caller, id)?;
    sub.expiration = expiration;
    sub.reauthorization_sent = None;
    Ok(GraphResponse::json(
        StatusCode::OK,
        render(emulator, sub, false),
    ))
}

/// Answers a `reauthorizationRequired` without extending: the next reminder comes only after
/// the repeat interval (graph-facts §8.6).
fn reauthorize(emulator: &Shared, caller: &Caller, id: Uuid) -> Result<GraphResponse, GraphError> {
    let now = emulator.clock.now();
    let mut store = lock(&emulator.subscriptions);
    let sub = find(&mut store, now, caller, id)?;
    sub.reauthorization_sent = Some(now);
    Ok(GraphResponse::empty(StatusCode::NO_CONTENT))
}

fn delete(emulator: &Shared, caller: &Caller, id: Uuid) -> Result<GraphResponse, GraphError> {
    get(emulator, caller, id)?;
    lock(&emulator.subscriptions).remove(id);
    Ok(GraphResponse::empty(StatusCode::NO_CONTENT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_in_the_documented_forms_parse() {
        let (mailbox, folder) = parse_resource("me/mailfolders('inbox')/messages").unwrap();
        assert_eq!(
            (mailbox, folder.as_deref()),
            (MailboxRef::Me, Some("inbox"))
        );
        let (mailbox, folder) =
            parse_resource("/users/support@contoso.test/mailFolders/AQMkAD=/messages").unwrap();
        assert_eq!(mailbox, MailboxRef::User("support@contoso.test".into()));
        assert_eq!(folder.as_deref(), Some("AQMkAD="));
        let (mailbox, folder) = parse_resource("Users/abc/Messages").unwrap();
        assert_eq!((mailbox, folder), (MailboxRef::User("abc".into()), None));
        assert!(parse_resource("users/abc/events").is_none());
        assert!(parse_resource("groups/abc/conversations").is_none());
    }
}
