//! `POST /v1.0/$batch` (graph-facts §5): up to 20 requests; independent ones run in
//! parallel, so five to one mailbox can trip the concurrency limit as in Graph; with
//! `dependsOn` they run in order and a failed dependency makes its dependants 424.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use base64::Engine;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::auth;
use super::error::GraphError;
use super::{GraphRequest, GraphResponse, Payload, handle};
use crate::state::Shared;

const MAX_REQUESTS: usize = 20;

#[derive(Deserialize)]
struct Batch {
    requests: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    method: String,
    url: String,
    #[serde(default)]
    headers: Map<String, Value>,
    #[serde(default)]
    body: Option<Value>,
    #[serde(default, rename = "dependsOn")]
    depends_on: Vec<String>,
}

fn bad_batch(message: &str) -> GraphResponse {
    GraphError::bad_request("BadRequest", message).into()
}

pub(super) async fn handle_batch(emulator: &Shared, outer: GraphRequest) -> GraphResponse {
    // The batch itself needs a valid token; its items are then checked one by one.
    if let Err(err) = auth::authenticate(emulator, &outer.headers) {
        return err.into();
    }
    let Ok(batch) = serde_json::from_slice::<Batch>(&outer.body) else {
        return bad_batch("Invalid batch payload format.");
    };
    if batch.requests.is_empty() || batch.requests.len() > MAX_REQUESTS {
        return bad_batch("The number of requests in a batch must be between 1 and 20.");
    }
    let mut requests = Vec::new();
    for (index, item) in batch.requests.iter().enumerate() {
        if batch.requests[..index]
            .iter()
            .any(|other| other.id == item.id)
        {
            return bad_batch("Batch request ids must be unique.");
        }
        match inner_request(&outer, item) {
            Ok(request) => requests.push(request),
            Err(message) => return bad_batch(&message),
        }
    }
    let sequential = batch.requests.iter().any(|i| !i.depends_on.is_empty());
    let mut results: Vec<(String, GraphResponse)> = Vec::new();
    if sequential {
        for (item, request) in batch.requests.iter().zip(requests) {
            let failed_dependency = item.depends_on.iter().any(|dep| {
                results
                    .iter()
                    .find(|(id, _)| id == dep)
                    .is_none_or(|(_, r)| !r.status.is_success())
            });
            let response = if failed_dependency {
                GraphError::new(
                    StatusCode::FAILED_DEPENDENCY,
                    "FailedDependency",
                    "The request was not run because a request it depends on failed.",
                )
                .into()
            } else {
                handle(emulator, request).await
            };
            results.push((item.id.clone(), response));
        }
    } else {
        let responses =
            futures_util::future::join_all(requests.into_iter().map(|r| handle(emulator, r))).await;
        results = batch
            .requests
            .iter()
            .map(|i| i.id.clone())
            .zip(responses)
            .collect();
    }
    let responses: Vec<Value> = results
        .into_iter()
        .map(|(id, r)| item_json(id, r))
        .collect();
    GraphResponse::json(StatusCode::OK, json!({"responses": responses}))
}

fn inner_request(outer: &GraphRequest, item: &Item) -> Result<GraphRequest, String> {
    let method = Method::from_bytes(item.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| format!("Request {}: invalid method.", item.id))?;
    let url = item.url.trim_start_matches("/v1.0");
    let url = if url.starts_with('/') {
        url.to_owned()
    } else {
        format!("/{url}")
    };
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
        None => (url.clone(), None),
    };
    // Items inherit the batch's credentials and preferences; their own headers win.
    let mut headers = HeaderMap::new();
    for name in [header::AUTHORIZATION, HeaderName::from_static("prefer")] {
        if let Some(value) = outer.headers.get(&name) {
            headers.insert(name, value.clone());
        }
    }
    for (name, value) in &item.headers {
        let (Ok(name), Some(Ok(value))) = (
            HeaderName::from_bytes(name.as_bytes()),
            value.as_str().map(HeaderValue::from_str),
        ) else {
            return Err(format!("Request {}: invalid header.", item.id));
        };
        headers.insert(name, value);
    }
    let body = match &item.body {
        None => Bytes::new(),
        Some(_) if !headers.contains_key(header::CONTENT_TYPE) => {
            return Err(format!(
                "Request {}: a body requires a Content-Type header.",
                item.id
            ));
        }
        Some(Value::String(encoded)) if !is_json(&headers) => Bytes::from(
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map_err(|_| format!("Request {}: a non-JSON body must be base64.", item.id))?,
        ),
        Some(value) => Bytes::from(value.to_string()),
    };
    Ok(GraphRequest {
        method,
        path,
        query,
        headers,
        body,
        delay: outer.delay,
    })
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

fn item_json(id: String, response: GraphResponse) -> Value {
    let mut headers = Map::new();
    for (name, value) in &response.headers {
        if let Ok(value) = value.to_str() {
            headers.insert(name.as_str().to_owned(), json!(value));
        }
    }
    let body = match response.body {
        Payload::Empty => None,
        Payload::Json(value) => {
            headers.insert("content-type".into(), json!("application/json"));
            Some(value)
        }
        Payload::Raw(bytes, content_type) => {
            headers.insert("content-type".into(), json!(content_type));
            Some(json!(
                base64::engine::general_purpose::STANDARD.encode(bytes)
            ))
        }
    };
    let mut item = json!({"id": id, "status": response.status.as_u16(), "headers": headers});
    if let Some(body) = body {
        item["body"] = body;
    }
    item
}
