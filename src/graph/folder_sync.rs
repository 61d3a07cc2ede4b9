//! The calls an import makes on a folder: the delta query that finds new mail
//! (graph-facts §3.4), the MIME of a message, and the post-actions (§3.7). Ids are whatever
//! the client asked for; the import asks for immutable ids ([`Graph::with_immutable_ids`]).

use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use super::folders::Folder;
use super::{Answer, Body, Graph, GraphError, segment};

/// Delta pages as large as Graph allows for messages without risking 504s on full
/// payloads: we select a handful of small fields, so 100 per round trip is cheap.
const DELTA_PAGE_SIZE: u32 = 100;

/// The fields a delta page carries: enough to log and skip a message without fetching it.
const DELTA_SELECT: &str = "id,subject,from,receivedDateTime,internetMessageId";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeltaItem {
    pub id: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub from: Option<Recipient>,
    #[serde(default)]
    pub received_date_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub internet_message_id: Option<String>,
    /// Present when the message left the folder (moved or deleted).
    #[serde(default, rename = "@removed")]
    pub removed: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    pub email_address: EmailAddress,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmailAddress {
    #[serde(default)]
    pub address: Option<String>,
}

impl DeltaItem {
    pub fn sender(&self) -> Option<String> {
        self.from
            .as_ref()
            .and_then(|f| f.email_address.address.as_deref())
            .map(str::to_lowercase)
    }
}

/// Where a delta round goes on from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Continuation {
    /// More pages in this round (`@odata.nextLink`).
    Next(String),
    /// The round is complete; this link starts the next one (`@odata.deltaLink`).
    Done(String),
}

#[derive(Debug)]
pub struct DeltaPage {
    pub items: Vec<DeltaItem>,
    pub then: Continuation,
}

#[derive(Deserialize)]
struct RawDeltaPage {
    value: Vec<DeltaItem>,
    #[serde(rename = "@odata.nextLink")]
    next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink")]
    delta_link: Option<String>,
}

impl GraphError {
    /// The delta token is no longer valid: start a full synchronization again
    /// (`410 Gone`, or a 40x with a sync-state code, graph-facts §3.4).
    pub fn is_sync_reset(&self) -> bool {
        self.api().is_some_and(|e| {
            e.status == 410
                || ["syncStateNotFound", "SyncStateNotFound", "syncStateInvalid"]
                    .iter()
                    .any(|code| e.code.eq_ignore_ascii_case(code))
        })
    }

    /// The message is not (or no longer) in the mailbox.
    pub fn is_not_found(&self) -> bool {
        self.api()
            .is_some_and(|e| e.status == 404 || e.is_code("ErrorItemNotFound"))
    }

    /// The token was refused (expired or revoked during a run).
    pub fn is_unauthorized(&self) -> bool {
        self.api().is_some_and(|e| e.status == 401)
    }
}

impl Graph {
    /// The first request of a full delta round over a folder, optionally only for mail
    /// received at or after `since` (the one filter delta accepts).
    pub fn delta_start(
        &self,
        mailbox: &str,
        folder_id: &str,
        since: Option<DateTime<Utc>>,
    ) -> String {
        let mut query = format!("?$select={DELTA_SELECT}");
        if let Some(since) = since {
            let filter = format!(
                "receivedDateTime ge {}",
                since.to_rfc3339_opts(SecondsFormat::Secs, true)
            );
            query.push_str(&format!("&$filter={}", segment(&filter)));
        }
        self.mailbox_url(
            mailbox,
            &format!("/mailFolders/{}/messages/delta{query}", segment(folder_id)),
        )
    }

    /// One page of a delta round; `url` is a start URL or a link Graph gave, used as is.
    pub async fn delta_page(&self, mailbox: &str, url: &str) -> Result<DeltaPage, GraphError> {
        let prefer = format!("odata.maxpagesize={DELTA_PAGE_SIZE}");
        let page: RawDeltaPage = self
            .send_with(Method::GET, url, mailbox, &Body::None, Some(&prefer))
            .await?
            .json("a delta page")?;
        let then = match (page.next_link, page.delta_link) {
            (Some(next), _) => Continuation::Next(next),
            (None, Some(delta)) => Continuation::Done(delta),
            (None, None) => {
                return Err(GraphError::BadAnswer {
                    what: "a delta page",
                    detail: "neither @odata.nextLink nor @odata.deltaLink".into(),
                });
            }
        };
        Ok(DeltaPage {
            items: page.value,
            then,
        })
    }

    /// The message as raw RFC 822 MIME (`$value`); the answer's body is the MIME.
    pub async fn message_mime(&self, mailbox: &str, id: &str) -> Result<Answer, GraphError> {
        let url = self.mailbox_url(mailbox, &format!("/messages/{}/$value", segment(id)));
        self.send(Method::GET, &url, mailbox, &Body::None).await
    }

    pub async fn mark_read(&self, mailbox: &str, id: &str) -> Result<Answer, GraphError> {
        let url = self.mailbox_url(mailbox, &format!("/messages/{}", segment(id)));
        self.send(
            Method::PATCH,
            &url,
            mailbox,
            &Body::Json(json!({"isRead": true})),
        )
        .await
    }

    /// Moves a message (with immutable ids its id stays the same).
    pub async fn move_message(
        &self,
        mailbox: &str,
        id: &str,
        destination_id: &str,
    ) -> Result<Answer, GraphError> {
        let url = self.mailbox_url(mailbox, &format!("/messages/{}/move", segment(id)));
        let body = Body::Json(json!({"destinationId": destination_id}));
        self.send(Method::POST, &url, mailbox, &body).await
    }

    /// Purges a message: it skips Deleted Items and is unreachable for users (§3.7).
    pub async fn permanent_delete(&self, mailbox: &str, id: &str) -> Result<Answer, GraphError> {
        let url = self.mailbox_url(
            mailbox,
            &format!("/messages/{}/permanentDelete", segment(id)),
        );
        self.send(Method::POST, &url, mailbox, &Body::None).await
    }

    /// Creates a folder under `parent` (the top level for `None`).
    pub async fn create_folder(
        &self,
        mailbox: &str,
        parent: Option<&str>,
        name: &str,
    ) -> Result<Folder, GraphError> {
        let collection = match parent {
            Some(id) => format!("/mailFolders/{}/childFolders", segment(id)),
            None => "/mailFolders".to_owned(),
        };
        let url = self.mailbox_url(mailbox, &collection);
        self.send(
            Method::POST,
            &url,
            mailbox,
            &Body::Json(json!({"displayName": name})),
        )
        .await?
        .json("a new folder")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_items_and_senders_deserialize() {
        let page: RawDeltaPage = serde_json::from_str(
            r##"{"value":[
                {"id":"a","subject":"Hi","from":{"emailAddress":{"name":"A","address":"A@X.test"}},"receivedDateTime":"2026-11-02T10:00:00Z"},
                {"@odata.type":"#microsoft.graph.message","id":"b","@removed":{"reason":"deleted"}}
            ],"@odata.deltaLink":"https://x/delta?$deltatoken=t"}"##,
        )
        .unwrap();
        assert_eq!(page.value[0].sender().as_deref(), Some("a@x.test"));
        assert!(page.value[0].removed.is_none());
        assert!(page.value[1].removed.is_some());
    }
}
