//! Tagged test messages: a unique tag in the subject and in an `x-` header, so the message
//! can be found again in the recipient's mailbox (Graph may drop custom headers on the way,
//! so the subject is what the search uses).

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::graph::mail::{INLINE_ATTACHMENT_LIMIT, Outgoing};
use crate::graph::{Graph, GraphError, odata_string};

/// The custom header carrying the tag (custom headers must start with `x-`, graph-facts §3.5).
pub const TAG_HEADER: &str = "x-mailconn-test-tag";

pub fn new_tag() -> String {
    format!("mc-{}", &uuid::Uuid::new_v4().simple().to_string()[..12])
}

/// The message with the tag added to its subject and headers. It also asks Exchange not to
/// answer it automatically (out-of-office, auto-replies): a test message sent to a monitored
/// mailbox must not start a mail loop.
pub fn tagged(mut message: Outgoing, tag: &str) -> Outgoing {
    message.subject = format!("{} [{tag}]", message.subject);
    message
        .headers
        .push((TAG_HEADER.to_owned(), tag.to_owned()));
    message
        .headers
        .push(("X-Auto-Response-Suppress".to_owned(), "All".to_owned()));
    message
}

/// How an attachment travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Transfer {
    /// Inside the `sendMail` JSON.
    Inline,
    /// Added to the draft in one request.
    Attached,
    /// Through an upload session.
    UploadSession,
}

#[derive(Debug, Serialize)]
pub struct SentAttachment {
    pub name: String,
    pub size: usize,
    pub transfer: Transfer,
}

/// What was sent.
#[derive(Debug, Serialize)]
pub struct Sent {
    pub mailbox: String,
    pub from: Option<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: String,
    pub tag: String,
    /// The draft it was sent from, when attachments needed one (sendMail returns no id).
    pub draft_id: Option<String>,
    pub attachments: Vec<SentAttachment>,
    /// Body and attachments, in bytes (before base64).
    pub size: usize,
    pub saved_to_sent_items: bool,
}

/// Sends the message: one `sendMail` when the attachments fit in one request, otherwise a
/// draft, its attachments (large ones through upload sessions, all at once within the
/// mailbox's concurrency limit) and a send. `save` is honoured by `sendMail` only; a sent
/// draft always lands in Sent Items (the caller refuses `save = false` for that path).
pub async fn send(
    graph: &Graph,
    mailbox: &str,
    message: &Outgoing,
    save: bool,
) -> Result<Sent, GraphError> {
    let tag = message
        .headers
        .iter()
        .find(|(name, _)| name == TAG_HEADER)
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    let mut sent = Sent {
        mailbox: mailbox.to_owned(),
        from: message.from.clone(),
        to: message.to.clone(),
        cc: message.cc.clone(),
        subject: message.subject.clone(),
        tag,
        draft_id: None,
        attachments: Vec::new(),
        size: message.body.len() + message.attachments_size(),
        saved_to_sent_items: true,
    };
    if !needs_draft(message) {
        graph.send_mail(mailbox, message, save).await?;
        sent.saved_to_sent_items = save;
        sent.attachments = message
            .attachments
            .iter()
            .map(|a| SentAttachment {
                name: a.name.clone(),
                size: a.bytes.len(),
                transfer: Transfer::Inline,
            })
            .collect();
        return Ok(sent);
    }
    let bare = Outgoing {
        attachments: Vec::new(),
        ..message.clone()
    };
    let draft_id = graph.create_draft(mailbox, &bare).await?;
    let uploads = message.attachments.iter().map(|file| {
        let draft_id = &draft_id;
        async move {
            let transfer = if file.bytes.len() <= INLINE_ATTACHMENT_LIMIT {
                graph.add_attachment(mailbox, draft_id, file).await?;
                Transfer::Attached
            } else {
                graph.upload_attachment(mailbox, draft_id, file).await?;
                Transfer::UploadSession
            };
            Ok::<_, GraphError>(SentAttachment {
                name: file.name.clone(),
                size: file.bytes.len(),
                transfer,
            })
        }
    });
    sent.attachments = futures_util::future::try_join_all(uploads).await?;
    graph.send_draft(mailbox, &draft_id).await?;
    sent.draft_id = Some(draft_id);
    Ok(sent)
}

/// Whether the message is too large for one `sendMail` request.
pub fn needs_draft(message: &Outgoing) -> bool {
    message.attachments_size() > INLINE_ATTACHMENT_LIMIT
}

#[derive(Debug, Serialize)]
pub struct Delivery {
    pub mailbox: String,
    pub arrived: bool,
    /// From the send to the first sighting in the recipient's Inbox.
    pub latency_ms: Option<u64>,
    pub message_id: Option<String>,
    pub internet_message_id: Option<String>,
    pub received: Option<String>,
}

/// How often the recipient's Inbox is looked at while waiting.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// Waits until a message with this exact subject is in `mailbox`'s Inbox, or `timeout`
/// has passed since `sent_at`.
pub async fn await_delivery(
    graph: &Graph,
    mailbox: &str,
    subject: &str,
    sent_at: Instant,
    timeout: Duration,
) -> Result<Delivery, GraphError> {
    let filter = format!("subject eq {}", odata_string(subject));
    loop {
        let found = graph
            .list_messages(mailbox, "inbox", 1, Some(&filter))
            .await?;
        if let Some(message) = found.into_iter().next() {
            return Ok(Delivery {
                mailbox: mailbox.to_owned(),
                arrived: true,
                latency_ms: Some(sent_at.elapsed().as_millis() as u64),
                message_id: Some(message.id),
                internet_message_id: message.internet_message_id,
                received: message.received_date_time,
            });
        }
        let waited = sent_at.elapsed();
        if waited >= timeout {
            return Ok(Delivery {
                mailbox: mailbox.to_owned(),
                arrived: false,
                latency_ms: None,
                message_id: None,
                internet_message_id: None,
                received: None,
            });
        }
        tokio::time::sleep(POLL_INTERVAL.min(timeout - waited)).await;
    }
}
