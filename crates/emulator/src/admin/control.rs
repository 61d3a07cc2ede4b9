//! Controlling the world: scripted faults, the journal, the clock, outbound notifications.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::problem;
use crate::faults::Rule;
use crate::state::{Shared, lock};
use crate::subscriptions;

pub(super) async fn arm_fault(State(emulator): State<Shared>, Json(rule): Json<Rule>) -> Response {
    let id = lock(&emulator.faults).arm(rule);
    (StatusCode::CREATED, Json(json!({"id": id}))).into_response()
}

pub(super) async fn list_faults(State(emulator): State<Shared>) -> Json<Value> {
    Json(json!({"faults": lock(&emulator.faults).list()}))
}

pub(super) async fn clear_faults(State(emulator): State<Shared>) -> StatusCode {
    lock(&emulator.faults).clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
pub(super) struct Since {
    #[serde(default)]
    since: u64,
}

pub(super) async fn read_journal(
    State(emulator): State<Shared>,
    Query(since): Query<Since>,
) -> Json<Value> {
    Json(json!({"entries": lock(&emulator.journal).since(since.since)}))
}

pub(super) async fn clear_journal(State(emulator): State<Shared>) -> StatusCode {
    lock(&emulator.journal).clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Advance {
    seconds: i64,
}

pub(super) async fn advance_clock(
    State(emulator): State<Shared>,
    Json(advance): Json<Advance>,
) -> Response {
    if advance.seconds < 0 {
        return problem(StatusCode::BAD_REQUEST, "the clock only moves forward");
    }
    emulator.clock.advance(advance.seconds);
    // Lifecycle reminders the jump made due go out before the answer, so a test can look
    // at the notification log right after it.
    subscriptions::remind_near_expiry(&emulator).await;
    Json(json!({"now": emulator.clock.now()})).into_response()
}

pub(super) async fn list_notifications(State(emulator): State<Shared>) -> Json<Value> {
    Json(json!({"attempts": emulator.notifier.attempts()}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Lifecycle {
    event: String,
}

pub(super) async fn send_lifecycle(
    State(emulator): State<Shared>,
    Path(id): Path<uuid::Uuid>,
    Json(lifecycle): Json<Lifecycle>,
) -> Response {
    const EVENTS: [&str; 3] = ["reauthorizationRequired", "subscriptionRemoved", "missed"];
    if !EVENTS.contains(&lifecycle.event.as_str()) {
        return problem(
            StatusCode::BAD_REQUEST,
            "event must be reauthorizationRequired, subscriptionRemoved or missed",
        );
    }
    let now = emulator.clock.now();
    let found = lock(&emulator.subscriptions)
        .live(now)
        .iter()
        .find(|s| s.id == id)
        .cloned();
    let Some(subscription) = found else {
        return problem(StatusCode::NOT_FOUND, "no such subscription");
    };
    if subscriptions::lifecycle(&emulator, &subscription, &lifecycle.event).is_err() {
        return problem(
            StatusCode::CONFLICT,
            "the subscription has no lifecycleNotificationUrl",
        );
    }
    if lifecycle.event == "subscriptionRemoved" {
        lock(&emulator.subscriptions).remove(id);
    }
    StatusCode::ACCEPTED.into_response()
}
