//! Graph URL paths for mail: which mailbox, and which resource in it.

use super::error::GraphError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum MailboxRef {
    /// `/me`: the signed-in user (delegated tokens only).
    Me,
    /// `/users/{id | userPrincipalName}`
    User(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Route {
    User,
    /// `/mailFolders` (parent `None`) or `/mailFolders/{id}/childFolders`.
    Folders {
        parent: Option<String>,
    },
    Folder(String),
    /// `/messages` (whole mailbox) or `/mailFolders/{id}/messages`.
    Messages {
        folder: Option<String>,
    },
    Delta {
        folder: String,
    },
    Message {
        id: String,
        part: MessagePart,
    },
    SendMail,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum MessagePart {
    Item,
    Value,
    Attachments,
    Attachment(String),
    AttachmentValue(String),
    Move,
    Copy,
    PermanentDelete,
    CreateUploadSession,
    Send,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Resource {
    pub mailbox: MailboxRef,
    pub route: Route,
}

impl MessagePart {
    /// POSTs that build or send a draft.
    pub(super) fn is_draft_operation(&self) -> bool {
        matches!(
            self,
            MessagePart::Attachments | MessagePart::CreateUploadSession | MessagePart::Send
        )
    }
}

impl Route {
    /// Everything but the directory read is served by Exchange (and throttled by Outlook).
    pub(super) fn is_mailbox_route(&self) -> bool {
        !matches!(self, Route::User)
    }
}

pub(super) fn parse(path: &str) -> Result<Resource, GraphError> {
    let segments: Vec<String> = path
        .trim_matches('/')
        .split('/')
        .map(|s| {
            percent_encoding_decode(s)
                .ok_or_else(|| GraphError::invalid_request("Invalid URL encoding."))
        })
        .collect::<Result<_, _>>()?;
    let lower: Vec<String> = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
    let words: Vec<&str> = lower.iter().map(String::as_str).collect();
    let (mailbox, rest) = match words.as_slice() {
        ["me", ..] => (MailboxRef::Me, 1),
        ["users", _, ..] => (MailboxRef::User(segments[1].clone()), 2),
        _ => return Err(GraphError::no_route(&segments[0])),
    };
    let raw = &segments[rest..];
    let route = match &words[rest..] {
        [] => Route::User,
        ["mailfolders"] => Route::Folders { parent: None },
        ["mailfolders", _] => Route::Folder(raw[1].clone()),
        ["mailfolders", _, "childfolders"] => Route::Folders {
            parent: Some(raw[1].clone()),
        },
        ["mailfolders", _, "messages"] => Route::Messages {
            folder: Some(raw[1].clone()),
        },
        ["mailfolders", _, "messages", "delta"] => Route::Delta {
            folder: raw[1].clone(),
        },
        ["mailfolders", _, "messages", _, part @ ..] => Route::Message {
            id: raw[3].clone(),
            part: message_part(part, &raw[4..])?,
        },
        ["messages"] => Route::Messages { folder: None },
        ["messages", _, part @ ..] => Route::Message {
            id: raw[1].clone(),
            part: message_part(part, &raw[2..])?,
        },
        ["sendmail"] => Route::SendMail,
        _ => return Err(GraphError::no_route(last(raw))),
    };
    Ok(Resource { mailbox, route })
}

fn last(segments: &[String]) -> &str {
    segments.last().map_or("", String::as_str)
}

fn message_part(words: &[&str], raw: &[String]) -> Result<MessagePart, GraphError> {
    Ok(match words {
        [] => MessagePart::Item,
        ["$value"] => MessagePart::Value,
        ["attachments"] => MessagePart::Attachments,
        [
            "attachments",
            "createuploadsession" | "microsoft.graph.createuploadsession",
        ] => MessagePart::CreateUploadSession,
        ["attachments", _] => MessagePart::Attachment(raw[1].clone()),
        ["attachments", _, "$value"] => MessagePart::AttachmentValue(raw[1].clone()),
        ["move" | "microsoft.graph.move"] => MessagePart::Move,
        ["copy" | "microsoft.graph.copy"] => MessagePart::Copy,
        ["send" | "microsoft.graph.send"] => MessagePart::Send,
        ["permanentdelete" | "microsoft.graph.permanentdelete"] => MessagePart::PermanentDelete,
        _ => return Err(GraphError::no_route(last(raw))),
    })
}

/// Percent-decodes one path segment; `None` for invalid UTF-8.
fn percent_encoding_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) =
                u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?, 16)
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_paths_parse() {
        let r = parse("/users/support%40contoso.test/mailFolders/inbox/messages").unwrap();
        assert_eq!(r.mailbox, MailboxRef::User("support@contoso.test".into()));
        assert_eq!(
            r.route,
            Route::Messages {
                folder: Some("inbox".into())
            }
        );
        let r = parse("/me/messages/AAMkAD%3D/move").unwrap();
        assert_eq!(
            r.route,
            Route::Message {
                id: "AAMkAD=".into(),
                part: MessagePart::Move
            }
        );
        let r = parse("/users/x/mailFolders/AQ==/messages/delta").unwrap();
        assert_eq!(
            r.route,
            Route::Delta {
                folder: "AQ==".into()
            }
        );
        assert!(parse("/groups/x").is_err());
        assert!(parse("/users/x/messages/y/nonsense").is_err());
    }
}
