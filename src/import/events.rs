//! What an import reports while it runs: the human reporter draws a progress bar and a
//! summary from these, `--json` prints each as one line (a stable, documented shape).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::rules::Decision;
use crate::store::{LogId, TicketId};

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum Event {
    Started {
        /// The address a person recognises.
        mailbox: String,
        /// What the log and checkpoints key the mailbox by: its object id (or, without
        /// directory permission, the lower-cased address).
        mailbox_id: String,
        folder: String,
        folder_id: String,
        /// `first` (no checkpoint yet), `incremental`, or `retry` (`log retry`).
        round: Round,
        /// Only mail received at or after this is imported.
        #[serde(skip_serializing_if = "Option::is_none")]
        since: Option<DateTime<Utc>>,
        dry_run: bool,
    },
    Message(MessageReport),
    PostAction(PostActionReport),
    /// Something the user should know that is not about one message.
    Notice {
        message: String,
    },
    Finished(Summary),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Round {
    First,
    Incremental,
    Retry,
}

/// What became of one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Imported,
    Ignored,
    Failed,
    /// Another run imported it first (found while committing).
    AlreadyImported,
    /// `--dry-run`: what a real run would do.
    WouldImport,
    WouldIgnore,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageReport {
    /// The message's immutable id.
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_id: Option<LogId>,
    pub outcome: Outcome,
    pub subject: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
    /// The action, the rule that made it and the routing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<TicketId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PostActionReport {
    pub id: String,
    pub log_id: LogId,
    /// `mark-read`, `move:Inbox/Done`, `delete`, `permanent-delete`.
    pub action: String,
    pub ok: bool,
    /// What was done (`moved to Inbox/Done`) or what went wrong.
    pub result: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// The counts of a run; the exit code follows from `failed` and `post_actions_failed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Messages listed in the folder that this run looked at.
    pub listed: u64,
    pub imported: u64,
    pub ignored: u64,
    pub failed: u64,
    /// Already in the processing log (imported or ignored before).
    pub skipped: u64,
    pub post_actions_done: u64,
    pub post_actions_failed: u64,
    /// Ctrl-C: the messages in hand were finished, the rest waits for the next run.
    pub interrupted: bool,
    pub dry_run: bool,
}

impl Summary {
    pub fn partial(&self) -> bool {
        self.failed > 0 || self.post_actions_failed > 0
    }
}

/// Receives the events of a run, in order.
pub trait Reporter {
    fn report(&self, event: &Event);
}
