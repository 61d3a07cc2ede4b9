//! One message through the pure stages: raw MIME -> normalize -> preprocess -> rules, and
//! the shapes the store records. No I/O besides the rules' history questions.

use chrono::{DateTime, Utc};

use super::normalize::{Limits, Message, NormalizeError, normalize};
use super::rules::{self, Action, Decision, Rules};
use crate::store::{History, MessageMeta, RecordedDecision, StoreError, TicketId, TicketWrite};

/// A message ready for a sink.
#[derive(Debug)]
pub struct Processed {
    pub message: Message,
    /// The readable text without quoted history, signatures and disclaimers.
    pub text: String,
    pub decision: Decision,
}

#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error(transparent)]
    Unreadable(#[from] NormalizeError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A message after normalize and preprocess, before the rules.
#[derive(Debug)]
pub struct Prepared {
    pub message: Message,
    pub text: String,
}

/// Normalize and preprocess: pure, no history needed.
pub fn prepare(raw: &[u8], rules: &Rules, limits: &Limits) -> Result<Prepared, NormalizeError> {
    let message = normalize(raw, limits)?;
    let text = rules.preprocessor().strip(&message.text).text;
    Ok(Prepared { message, text })
}

impl Prepared {
    /// The internetMessageIds this message answers (In-Reply-To, References).
    pub fn answers(&self) -> impl Iterator<Item = &str> {
        self.message
            .in_reply_to
            .iter()
            .chain(&self.message.references)
            .map(String::as_str)
    }

    /// The rules' decision, asking `history` about earlier messages of `mailbox`.
    pub fn decide(
        self,
        rules: &Rules,
        mailbox: &str,
        now: DateTime<Utc>,
        history: &dyn History,
    ) -> Result<Processed, StoreError> {
        let ctx = rules::Context {
            mailbox,
            now,
            history,
        };
        let decision = rules.decide(&self.message, &ctx)?;
        Ok(Processed {
            message: self.message,
            text: self.text,
            decision,
        })
    }
}

/// Runs normalize, preprocess and rules over one message of `mailbox`.
pub fn process(
    raw: &[u8],
    rules: &Rules,
    limits: &Limits,
    mailbox: &str,
    now: DateTime<Utc>,
    history: &dyn History,
) -> Result<Processed, ProcessError> {
    Ok(prepare(raw, rules, limits)?.decide(rules, mailbox, now, history)?)
}

impl Processed {
    /// The decision as the log records it.
    pub fn recorded_decision(&self) -> RecordedDecision {
        RecordedDecision {
            action: self.decision.action.name().into(),
            rule: self.decision.rule.clone(),
            reason: match &self.decision.action {
                Action::Ignore { reason } => Some(reason.clone()),
                _ => None,
            },
        }
    }

    /// `None` when the message is ignored; else the ticket it opens (`Some(None)`) or
    /// extends (`Some(Some(n))`).
    pub fn ticket_target(&self) -> Option<Option<TicketId>> {
        match self.decision.action {
            Action::Ignore { .. } => None,
            Action::NewTicket => Some(None),
            Action::FollowUp { ticket } => Some(Some(ticket)),
        }
    }

    /// The log's view of the message, filling what the MIME lacks from the listing.
    pub fn meta(&self, base: &MessageMeta) -> MessageMeta {
        MessageMeta {
            internet_message_id: self
                .message
                .internet_message_id
                .clone()
                .or_else(|| base.internet_message_id.clone()),
            sender: self
                .message
                .from
                .as_ref()
                .map(|a| a.email.clone())
                .or_else(|| base.sender.clone()),
            subject: if self.message.subject.is_empty() {
                base.subject.clone()
            } else {
                self.message.subject.clone()
            },
            received_at: base.received_at.or(self.message.date),
            ..base.clone()
        }
    }

    /// The embedded ticket store's write for an imported message.
    pub fn into_ticket_write(self, follow_up: Option<TicketId>) -> TicketWrite {
        let routing = self.decision.routing;
        TicketWrite {
            follow_up,
            queue: routing.queue,
            priority: routing.priority,
            tags: routing.tags,
            from: self.message.from.map(|a| a.email),
            subject: self.message.subject,
            text: self.text,
            original_text: self.message.text,
            html: self.message.html,
            headers: self.message.headers,
            attachments: self.message.attachments,
        }
    }
}
