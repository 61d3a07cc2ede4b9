//! Change-notification subscriptions (graph-facts §8): create, renew, reauthorize, delete,
//! list. The `clientState` travels only in the create request; Graph never returns it on
//! reads (§8.6), and it is never kept in a value that can be printed.

use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{ApiError, Body, Graph, GraphError, segment};
use crate::secrets::Secret;

/// The longest lifetime of a basic Outlook message subscription: 10,080 minutes (§8.2).
pub const MAX_MINUTES: i64 = 10_080;
/// Requested expiries stay this far below the maximum, so a client clock a little ahead of
/// Graph's does not ask for more than Graph allows.
const CLOCK_MARGIN_MINUTES: i64 = 2;

/// A subscription as Graph returns it (without `clientState`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: String,
    pub resource: String,
    #[serde(default)]
    pub change_type: String,
    pub notification_url: String,
    #[serde(default, rename = "lifecycleNotificationUrl")]
    pub lifecycle_url: Option<String>,
    #[serde(rename = "expirationDateTime")]
    pub expiration: DateTime<Utc>,
    #[serde(default)]
    pub application_id: Option<String>,
}

/// What to subscribe to.
pub struct NewSubscription<'a> {
    pub resource: &'a str,
    pub change_type: &'a str,
    pub notification_url: &'a str,
    pub lifecycle_url: Option<&'a str>,
    pub client_state: &'a Secret,
}

/// `users/{mailbox}/mailFolders('{folder id}')/messages`, the resource for one folder.
pub fn folder_resource(mailbox: &str, folder_id: &str) -> String {
    format!(
        "users/{mailbox}/mailFolders('{}')/messages",
        folder_id.replace('\'', "''")
    )
}

/// The latest expiry to ask for: the maximum less a margin for clock skew.
pub fn max_expiration(now: DateTime<Utc>, max_minutes: i64) -> DateTime<Utc> {
    now + Duration::minutes(max_minutes - CLOCK_MARGIN_MINUTES)
}

/// The maximum a refusal names ("Subscription expiration can only be 4230 minutes in the
/// future."), so a tenant with a smaller limit still gets its longest subscription.
pub fn stated_maximum(error: &GraphError) -> Option<i64> {
    let api = error.api()?;
    if api.status != 400 {
        return None;
    }
    let rest = api.message.split("can only be ").nth(1)?;
    let minutes: i64 = rest.split_whitespace().next()?.parse().ok()?;
    (minutes > CLOCK_MARGIN_MINUTES && minutes < MAX_MINUTES).then_some(minutes)
}

/// Graph refused the create because the validation handshake failed (§8.3).
pub fn is_validation_failure(error: &ApiError) -> bool {
    error.status == 400
        && (error.is_code("ValidationError")
            || error.message.contains("validation request")
            || error.message.contains("Validation"))
}

/// Subscriptions are not tied to a mailbox's throttling slot; they share one of their own.
const SLOT: &str = "(subscriptions)";

impl Graph {
    /// `POST /subscriptions` with immutable ids in the notifications. Graph validates the
    /// URLs before it answers (up to 10 s each).
    pub async fn create_subscription(
        &self,
        new: &NewSubscription<'_>,
        expiration: DateTime<Utc>,
    ) -> Result<Subscription, GraphError> {
        let mut body = json!({
            "changeType": new.change_type,
            "notificationUrl": new.notification_url,
            "resource": new.resource,
            "expirationDateTime": expiration.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "clientState": new.client_state.expose_secret(),
            "latestSupportedTlsVersion": "v1_2",
        });
        if let Some(url) = new.lifecycle_url {
            body["lifecycleNotificationUrl"] = url.into();
        }
        self.send_with(
            Method::POST,
            &self.url("/subscriptions"),
            SLOT,
            &Body::Json(body),
            Some(r#"IdType="ImmutableId""#),
        )
        .await?
        .json("a subscription")
    }

    /// `PATCH /subscriptions/{id}` with a new expiry; returns what Graph recorded.
    pub async fn renew_subscription(
        &self,
        id: &str,
        expiration: DateTime<Utc>,
    ) -> Result<Subscription, GraphError> {
        let body = Body::Json(json!({
            "expirationDateTime": expiration.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }));
        self.send(Method::PATCH, &self.subscription_url(id), SLOT, &body)
            .await?
            .json("a subscription")
    }

    /// `POST /subscriptions/{id}/reauthorize`: answers `reauthorizationRequired` without
    /// extending.
    pub async fn reauthorize_subscription(&self, id: &str) -> Result<(), GraphError> {
        let url = format!("{}/reauthorize", self.subscription_url(id));
        self.send(Method::POST, &url, SLOT, &Body::None).await?;
        Ok(())
    }

    /// `DELETE /subscriptions/{id}`; `Ok(false)` when it was already gone.
    pub async fn delete_subscription(&self, id: &str) -> Result<bool, GraphError> {
        match self
            .send(
                Method::DELETE,
                &self.subscription_url(id),
                SLOT,
                &Body::None,
            )
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if is_gone(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// This app's subscriptions (for delegated sign-ins: this user's).
    pub async fn list_subscriptions(&self) -> Result<Vec<Subscription>, GraphError> {
        self.get_all(&self.url("/subscriptions"), SLOT, "a subscription list")
            .await
    }

    fn subscription_url(&self, id: &str) -> String {
        self.url(&format!("/subscriptions/{}", segment(id)))
    }
}

/// A 404: the subscription expired, was deleted, or never existed.
pub fn is_gone(error: &GraphError) -> bool {
    error.api().is_some_and(|e| e.status == 404)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_smaller_stated_maximum_is_read_from_the_refusal() {
        let error = GraphError::from(ApiError::from_response(
            400,
            br#"{"error":{"code":"ExtensionError","message":"Operation: Create; Exception: Subscription expiration can only be 4230 minutes in the future."}}"#,
            None,
            None,
        ));
        assert_eq!(stated_maximum(&error), Some(4230));
        let other = GraphError::from(ApiError::from_response(
            400,
            br#"{"error":{"code":"InvalidRequest","message":"nope"}}"#,
            None,
            None,
        ));
        assert_eq!(stated_maximum(&other), None);
    }

    #[test]
    fn folder_resources_quote_the_id() {
        assert_eq!(
            folder_resource("a@b.test", "AAMk=="),
            "users/a@b.test/mailFolders('AAMk==')/messages"
        );
    }
}
