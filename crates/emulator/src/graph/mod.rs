//! Microsoft Graph v1.0, the mail part. One entry point parses the path and dispatches, so
//! `$batch` items take exactly the same road as direct requests.

mod access;
mod auth;
mod batch;
mod compose;
mod delta;
mod drafts;
pub(crate) mod error;
mod folders;
mod messages;
mod paging;
mod path;
mod query;
mod render;
mod send;
mod subscriptions;
mod users;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::DefaultBodyLimit;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, put};
use serde_json::Value;

use self::error::GraphError;
use self::path::{MessagePart, Route};
use super::state::Shared;

/// Graph answers 413 above this request size (graph-facts §4: about 4 MB).
const MAX_BODY: usize = 4 * 1024 * 1024;

pub(crate) use self::drafts::Uploads;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1.0/{*rest}", any(entry))
        // Upload URLs live outside /v1.0 and carry their own authorization, like Outlook's.
        .route(
            "/attachmentSessions/{token}",
            put(drafts::upload_chunk).layer(DefaultBodyLimit::max(drafts::MAX_CHUNK + 1)),
        )
}

/// Extra time the request holds its throttle slot: `--latency` and delay faults.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ServiceDelay(pub std::time::Duration);

/// A Graph request, from the wire or from a `$batch` item.
pub(crate) struct GraphRequest {
    pub method: Method,
    /// Path below `/v1.0`, still percent-encoded (e.g. `/users/a%40b.c/messages`).
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub delay: ServiceDelay,
}

/// A Graph answer, turned into an HTTP response or a `$batch` item.
pub(crate) struct GraphResponse {
    pub status: StatusCode,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Payload,
    /// The mailbox slot this request held, for the journal.
    pub usage: Option<MailboxUsage>,
}

/// Which mailbox a Graph request used and how many requests of its app were in flight on
/// that mailbox when it was admitted (itself included). Carried to the journal as a
/// response extension.
#[derive(Debug, Clone)]
pub(crate) struct MailboxUsage {
    pub mailbox: String,
    pub in_flight: usize,
}

pub(crate) enum Payload {
    Empty,
    Json(Value),
    /// Raw content (`$value`) with its content type.
    Raw(Vec<u8>, String),
}

impl GraphResponse {
    fn new(status: StatusCode, body: Payload) -> Self {
        GraphResponse {
            status,
            headers: Vec::new(),
            body,
            usage: None,
        }
    }

    pub(crate) fn json(status: StatusCode, value: Value) -> Self {
        Self::new(status, Payload::Json(value))
    }

    pub(crate) fn empty(status: StatusCode) -> Self {
        Self::new(status, Payload::Empty)
    }

    /// Raw content (`$value`) with its content type.
    pub(crate) fn raw(bytes: Vec<u8>, content_type: impl Into<String>) -> Self {
        Self::new(StatusCode::OK, Payload::Raw(bytes, content_type.into()))
    }

    pub(crate) fn with_header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.push((name, value));
        }
        self
    }
}

impl From<GraphError> for GraphResponse {
    fn from(err: GraphError) -> Self {
        let mut response = GraphResponse::json(err.status, err.body());
        if let Some(retry) = &err.retry_after {
            response = response.with_header(header::RETRY_AFTER, retry);
        }
        if err.status == StatusCode::UNAUTHORIZED {
            let www = err.into_response();
            if let Some(value) = www.headers().get(header::WWW_AUTHENTICATE) {
                response
                    .headers
                    .push((header::WWW_AUTHENTICATE, value.clone()));
            }
        }
        response
    }
}

impl IntoResponse for GraphResponse {
    fn into_response(self) -> Response {
        let mut response = match self.body {
            Payload::Empty => self.status.into_response(),
            Payload::Json(value) => (self.status, axum::Json(value)).into_response(),
            Payload::Raw(bytes, content_type) => (
                self.status,
                [(header::CONTENT_TYPE, content_type)],
                Body::from(bytes),
            )
                .into_response(),
        };
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        if let Some(usage) = self.usage {
            response.extensions_mut().insert(usage);
        }
        response
    }
}

async fn entry(State(emulator): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return GraphError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            "The maximum request length supported is 4MB.",
        )
        .into_response();
    };
    let request = GraphRequest {
        method: parts.method,
        path: parts
            .uri
            .path()
            .strip_prefix("/v1.0")
            .unwrap_or_default()
            .to_owned(),
        query: parts.uri.query().map(str::to_owned),
        delay: parts
            .extensions
            .get::<ServiceDelay>()
            .copied()
            .unwrap_or_default(),
        headers: parts.headers,
        body,
    };
    let client_request_id = request.headers.get("client-request-id").cloned();
    let mut response = if request.path == "/$batch" {
        batch::handle_batch(&emulator, request)
            .await
            .into_response()
    } else {
        handle(&emulator, request).await.into_response()
    };
    let headers = response.headers_mut();
    let request_id = uuid::Uuid::new_v4().to_string();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert("request-id", value.clone());
        headers.insert("client-request-id", client_request_id.unwrap_or(value));
    }
    response
}

/// Authenticates, resolves the mailbox, applies throttling, and runs the operation; then
/// notifies subscribers of whatever it changed.
pub(crate) async fn handle(emulator: &Shared, request: GraphRequest) -> GraphResponse {
    let response = match serve(emulator, &request).await {
        Ok(response) => response,
        Err(err) => err.into(),
    };
    crate::subscriptions::flush(emulator);
    response
}

async fn serve(emulator: &Shared, request: &GraphRequest) -> Result<GraphResponse, GraphError> {
    let caller = auth::authenticate(emulator, &request.headers)?;
    let is_subscriptions = request
        .path
        .trim_start_matches('/')
        .split('/')
        .next()
        .is_some_and(|s| s.eq_ignore_ascii_case("subscriptions"));
    if is_subscriptions {
        // Subscriptions are not Outlook requests: no mailbox slot to hold while waiting.
        tokio::time::sleep(request.delay.0).await;
        return subscriptions::handle(emulator, &caller, request).await;
    }
    if request.path.trim_matches('/').eq_ignore_ascii_case("users") {
        return match request.method {
            Method::GET => users::list(
                emulator,
                caller.tenant(emulator)?,
                &caller,
                request.query.as_deref(),
            ),
            _ => Err(GraphError::method_not_allowed()),
        };
    }
    let resource = path::parse(&request.path)?;
    let query = query::Query::parse(request.query.as_deref())?;
    let context = access::resolve(emulator, &caller, &resource, &request.method)?;
    let slot = access::admit(emulator, &caller, &context, &resource.route)?;
    if !request.delay.0.is_zero() {
        tokio::time::sleep(request.delay.0).await;
    }
    let op = Op {
        emulator,
        tenant: caller.tenant(emulator)?,
        caller: &caller,
        context: &context,
        request,
        query: &query,
    };
    let outcome = match (&resource.route, request.method.clone()) {
        (Route::User, Method::GET) => users::get(&op),
        (Route::Folders { parent }, Method::GET) => folders::list(&op, parent.as_deref()),
        (Route::Folders { parent }, Method::POST) => folders::create(&op, parent.as_deref()),
        (Route::Folder(id), Method::GET) => folders::get(&op, id),
        (Route::Messages { folder }, Method::GET) => messages::list(&op, folder.as_deref()),
        (Route::Messages { folder }, Method::POST) => drafts::create(&op, folder.as_deref()),
        (Route::Message { id, part }, Method::POST) if part.is_draft_operation() => match part {
            MessagePart::Attachments => drafts::add_attachment(&op, id),
            MessagePart::CreateUploadSession => drafts::create_upload_session(&op, id),
            _ => drafts::send_draft(&op, id),
        },
        (Route::Delta { folder }, Method::GET) => delta::page(&op, folder),
        (Route::Message { id, part }, method) => messages::item(&op, id, part, method),
        (Route::SendMail, Method::POST) => send::send_mail(&op),
        _ => Err(GraphError::method_not_allowed()),
    };
    let usage = slot.as_ref().map(|slot| MailboxUsage {
        mailbox: context.upn.clone(),
        in_flight: slot.in_flight,
    });
    let mut response = outcome.unwrap_or_else(GraphResponse::from);
    response.usage = usage;
    Ok(response)
}

/// The value of one `Prefer` preference (`IdType="ImmutableId"` → `"ImmutableId"`), if sent.
pub(crate) fn prefer(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|p| p.trim().split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case(name))
        .map(|(_, value)| value.trim().trim_matches('"').to_owned())
}

/// Everything an operation needs.
pub(crate) struct Op<'a> {
    pub emulator: &'a Shared,
    /// The caller's tenant: the token's `tid`.
    pub tenant: &'a crate::directory::Tenant,
    pub caller: &'a auth::Caller,
    pub context: &'a access::Context,
    pub request: &'a GraphRequest,
    pub query: &'a query::Query,
}

impl Op<'_> {
    /// The absolute URL of this request's path (for `@odata.nextLink`), without the query.
    pub(crate) fn url(&self) -> String {
        format!("{}{}", self.emulator.urls.graph(), self.request.path)
    }

    fn prefer(&self, name: &str) -> Option<String> {
        prefer(&self.request.headers, name)
    }

    /// `Prefer: IdType="ImmutableId"` (graph-facts §3.7).
    pub(crate) fn immutable_ids(&self) -> bool {
        self.prefer("IdType")
            .is_some_and(|v| v.eq_ignore_ascii_case("ImmutableId"))
    }

    /// `Prefer: outlook.body-content-type="text"`.
    pub(crate) fn text_bodies(&self) -> bool {
        self.prefer("outlook.body-content-type")
            .is_some_and(|v| v.eq_ignore_ascii_case("text"))
    }

    pub(crate) fn json_body(&self) -> Result<Value, GraphError> {
        self.request.json_body()
    }
}

impl GraphRequest {
    /// The JSON body with property names in Graph's camelCase. Graph matches property names
    /// case-insensitively, and Microsoft's SDKs send PascalCase (`{"DestinationId": …}`
    /// from msgraph-sdk for Python), so both must work here too.
    pub(crate) fn json_body(&self) -> Result<Value, GraphError> {
        serde_json::from_slice(&self.body)
            .map(camel_case_keys)
            .map_err(|_| {
                GraphError::bad_request(
                    "UnableToDeserializePostBody",
                    "Unable to deserialize the request body; expected JSON.",
                )
            })
    }
}

/// Lower-cases the first letter of every property name, recursively (`ToRecipients` →
/// `toRecipients`); annotations such as `@odata.type` are left alone.
fn camel_case_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    let mut chars = key.chars();
                    let key = match chars.next() {
                        Some(first) => first.to_lowercase().chain(chars).collect(),
                        None => key,
                    };
                    (key, camel_case_keys(value))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(camel_case_keys).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_bodies_read_as_camel_case() {
        let body = serde_json::json!({"Message": {"ToRecipients": [{"EmailAddress": {"Address": "a@b.c"}}], "@odata.type": "x"}, "SaveToSentItems": false});
        assert_eq!(
            camel_case_keys(body),
            serde_json::json!({"message": {"toRecipients": [{"emailAddress": {"address": "a@b.c"}}], "@odata.type": "x"}, "saveToSentItems": false})
        );
    }

    #[test]
    fn prefer_values_are_found_among_several_preferences() {
        let mut headers = HeaderMap::new();
        headers.append(
            "prefer",
            HeaderValue::from_static("odata.maxpagesize=5, IdType=\"ImmutableId\""),
        );
        headers.append(
            "prefer",
            HeaderValue::from_static("outlook.body-content-type=\"text\""),
        );
        assert_eq!(prefer(&headers, "idtype").as_deref(), Some("ImmutableId"));
        assert_eq!(prefer(&headers, "odata.maxpagesize").as_deref(), Some("5"));
        assert_eq!(
            prefer(&headers, "outlook.body-content-type").as_deref(),
            Some("text")
        );
        assert_eq!(prefer(&headers, "return"), None);
    }
}
