//! Messages: listing, drafts, sending (`sendMail`, or a draft with upload sessions for large
//! attachments, graph-facts §4).

use base64::Engine;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Body, Graph, GraphError, segment};

/// Attachments up to this size can travel in one request (3 MB, graph-facts §4: base64 makes
/// them 4/3 larger, and Graph refuses request bodies over about 4 MB); larger ones need an
/// upload session.
pub const INLINE_ATTACHMENT_LIMIT: usize = 3_000_000;
/// Upload-session chunks (Graph takes at most 4 MB per request).
const UPLOAD_CHUNK: usize = 3 * 1024 * 1024;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageSummary {
    pub id: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub received_date_time: Option<String>,
    #[serde(default)]
    pub internet_message_id: Option<String>,
}

/// A message to send or to save as a draft.
#[derive(Debug, Clone, Default)]
pub struct Outgoing {
    pub subject: String,
    pub body: String,
    pub html: bool,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    /// Send as / on behalf of this mailbox.
    pub from: Option<String>,
    /// Custom `x-` headers (set only at creation).
    pub headers: Vec<(String, String)>,
    /// Attachments carried in the JSON itself (each at most [`INLINE_ATTACHMENT_LIMIT`]).
    pub attachments: Vec<FileAttachment>,
}

#[derive(Debug, Clone)]
pub struct FileAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Outgoing {
    /// Bytes of all attachments.
    pub fn attachments_size(&self) -> usize {
        self.attachments.iter().map(|a| a.bytes.len()).sum()
    }

    fn to_json(&self) -> Value {
        let recipients = |list: &[String]| -> Vec<Value> {
            list.iter()
                .map(|a| json!({"emailAddress": {"address": a}}))
                .collect()
        };
        let mut message = json!({
            "subject": self.subject,
            "body": {"contentType": if self.html { "HTML" } else { "Text" }, "content": self.body},
            "toRecipients": recipients(&self.to),
        });
        if !self.cc.is_empty() {
            message["ccRecipients"] = recipients(&self.cc).into();
        }
        if let Some(from) = &self.from {
            message["from"] = json!({"emailAddress": {"address": from}});
        }
        if !self.headers.is_empty() {
            message["internetMessageHeaders"] = self
                .headers
                .iter()
                .map(|(name, value)| json!({"name": name, "value": value}))
                .collect();
        }
        if !self.attachments.is_empty() {
            message["attachments"] = self
                .attachments
                .iter()
                .map(FileAttachment::to_json)
                .collect();
        }
        message
    }
}

impl FileAttachment {
    fn to_json(&self) -> Value {
        json!({
            "@odata.type": "#microsoft.graph.fileAttachment",
            "name": self.name,
            "contentType": self.content_type,
            "contentBytes": base64::engine::general_purpose::STANDARD.encode(&self.bytes),
        })
    }
}

#[derive(Deserialize)]
struct Created {
    id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UploadSession {
    upload_url: String,
}

impl Graph {
    /// Newest messages of a folder, with only the fields asked for.
    pub async fn list_messages(
        &self,
        mailbox: &str,
        folder_id: &str,
        top: u32,
        filter: Option<&str>,
    ) -> Result<Vec<MessageSummary>, GraphError> {
        let mut query =
            format!("?$top={top}&$select=id,subject,receivedDateTime,internetMessageId");
        if let Some(filter) = filter {
            query.push_str(&format!("&$filter={}", segment(filter)));
        }
        let url = self.mailbox_url(
            mailbox,
            &format!("/mailFolders/{}/messages{query}", segment(folder_id)),
        );
        let page: super::Page<MessageSummary> = self.get(&url, mailbox, "a message list").await?;
        Ok(page.value)
    }

    /// Saves a draft in the mailbox's Drafts folder; returns its id.
    pub async fn create_draft(
        &self,
        mailbox: &str,
        message: &Outgoing,
    ) -> Result<String, GraphError> {
        let url = self.mailbox_url(mailbox, "/messages");
        let answer = self
            .send(Method::POST, &url, mailbox, &Body::Json(message.to_json()))
            .await?;
        Ok(answer.json::<Created>("a new draft")?.id)
    }

    pub async fn delete_message(&self, mailbox: &str, id: &str) -> Result<(), GraphError> {
        let url = self.mailbox_url(mailbox, &format!("/messages/{}", segment(id)));
        self.send(Method::DELETE, &url, mailbox, &Body::None)
            .await?;
        Ok(())
    }

    /// `sendMail`: 202 means Exchange took the message, not that it was delivered.
    pub async fn send_mail(
        &self,
        mailbox: &str,
        message: &Outgoing,
        save_to_sent_items: bool,
    ) -> Result<(), GraphError> {
        let url = self.mailbox_url(mailbox, "/sendMail");
        let mut body = json!({"message": message.to_json()});
        // Only sent when false: the documented default is true.
        if !save_to_sent_items {
            body["saveToSentItems"] = false.into();
        }
        self.send(Method::POST, &url, mailbox, &Body::Json(body))
            .await?;
        Ok(())
    }

    /// Attaches a file of at most [`INLINE_ATTACHMENT_LIMIT`] to a draft in one request.
    pub async fn add_attachment(
        &self,
        mailbox: &str,
        draft_id: &str,
        file: &FileAttachment,
    ) -> Result<(), GraphError> {
        let url = self.mailbox_url(
            mailbox,
            &format!("/messages/{}/attachments", segment(draft_id)),
        );
        self.send(Method::POST, &url, mailbox, &Body::Json(file.to_json()))
            .await?;
        Ok(())
    }

    /// Attaches a large file to a draft through an upload session: the session is created
    /// with the bearer token, the chunks go to its pre-authorized URL without it.
    pub async fn upload_attachment(
        &self,
        mailbox: &str,
        draft_id: &str,
        file: &FileAttachment,
    ) -> Result<(), GraphError> {
        let url = self.mailbox_url(
            mailbox,
            &format!(
                "/messages/{}/attachments/createUploadSession",
                segment(draft_id)
            ),
        );
        let item = json!({"AttachmentItem": {
            "attachmentType": "file",
            "name": file.name,
            "size": file.bytes.len(),
            "contentType": file.content_type,
        }});
        let session: UploadSession = self
            .send(Method::POST, &url, mailbox, &Body::Json(item))
            .await?
            .json("an upload session")?;
        let total = file.bytes.len();
        let mut start = 0;
        while start < total {
            let end = (start + UPLOAD_CHUNK).min(total);
            let chunk = Body::Chunk {
                bytes: file.bytes[start..end].to_vec(),
                content_range: format!("bytes {start}-{}/{total}", end - 1),
            };
            let answer = self
                .send(Method::PUT, &session.upload_url, mailbox, &chunk)
                .await?;
            // The last chunk answers 201 Created; earlier ones 200.
            if end == total && answer.status != 201 {
                return Err(GraphError::BadAnswer {
                    what: "the last chunk of an upload session",
                    detail: format!("status {} instead of 201", answer.status),
                });
            }
            start = end;
        }
        Ok(())
    }

    /// Sends a saved draft (it moves to Sent Items).
    pub async fn send_draft(&self, mailbox: &str, draft_id: &str) -> Result<(), GraphError> {
        let url = self.mailbox_url(mailbox, &format!("/messages/{}/send", segment(draft_id)));
        self.send(Method::POST, &url, mailbox, &Body::None).await?;
        Ok(())
    }
}
