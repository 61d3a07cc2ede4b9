//! Exchange mailboxes as Graph sees them: folders (well-known and custom) and messages with
//! REST ids that change on move and immutable ids that do not.

use std::collections::HashMap;

use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::crypto;
use super::directory::Directory;
use super::mime::Parsed;
use super::persist::base64_bytes;

/// Well-known folders every mailbox has: (name, display name, parent, hidden).
/// `msgfolderroot` is the parent of the top-level folders `/mailFolders` lists;
/// `recoverableitemsdeletions` lives outside it and is hidden from clients.
const WELL_KNOWN: &[(&str, &str, Option<&str>, bool)] = &[
    ("msgfolderroot", "Top of Information Store", None, false),
    ("recoverableitemsdeletions", "Deletions", None, true),
    ("archive", "Archive", Some("msgfolderroot"), false),
    (
        "conversationhistory",
        "Conversation History",
        Some("msgfolderroot"),
        false,
    ),
    (
        "deleteditems",
        "Deleted Items",
        Some("msgfolderroot"),
        false,
    ),
    ("drafts", "Drafts", Some("msgfolderroot"), false),
    ("inbox", "Inbox", Some("msgfolderroot"), false),
    ("junkemail", "Junk Email", Some("msgfolderroot"), false),
    ("outbox", "Outbox", Some("msgfolderroot"), false),
    ("sentitems", "Sent Items", Some("msgfolderroot"), false),
    ("syncissues", "Sync Issues", Some("msgfolderroot"), false),
    ("conflicts", "Conflicts", Some("syncissues"), false),
    ("localfailures", "Local Failures", Some("syncissues"), false),
    (
        "serverfailures",
        "Server Failures",
        Some("syncissues"),
        false,
    ),
    ("clutter", "Clutter", Some("msgfolderroot"), false),
    ("scheduled", "Scheduled", Some("msgfolderroot"), false),
    ("searchfolders", "Search Folders", None, true),
];
/// A hidden folder real mailboxes carry under the root, so `includeHiddenFolders` matters.
const HIDDEN_ROOT_FOLDER: &str = "Yammer Root";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Folder {
    pub id: String,
    pub display_name: String,
    pub parent_id: Option<String>,
    pub well_known: Option<String>,
    pub hidden: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Message {
    pub id: String,
    pub immutable_id: String,
    pub folder_id: String,
    pub received: DateTime<Utc>,
    pub created: DateTime<Utc>,
    pub last_modified: DateTime<Utc>,
    pub change_key: String,
    pub conversation_id: String,
    pub is_read: bool,
    pub is_draft: bool,
    pub importance: String,
    pub flag_status: String,
    pub categories: Vec<String>,
    pub parsed: Parsed,
    #[serde(with = "base64_bytes")]
    pub mime: Vec<u8>,
    /// For drafts: the JSON message the MIME is composed from (edits change the JSON).
    pub draft: Option<serde_json::Value>,
    /// Mailbox change counter at the last change (delta tokens compare against it).
    pub changed: u64,
    /// Delivery order, the tie-breaker when received times are equal.
    pub order: u64,
}

/// A message that left a folder (moved out, deleted), for delta queries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Tombstone {
    pub folder_id: String,
    pub id: String,
    pub immutable_id: String,
    pub changed: u64,
}

/// What happened to a message, for change notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    Created,
    Updated,
    Deleted,
}

#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub kind: ChangeKind,
    pub folder_id: String,
    pub id: String,
    pub immutable_id: String,
    pub change_key: String,
}

/// Serialized for `--state-dir` (`persist.rs`); pending changes are not, they are handed to
/// the notifier before the request that made them ends.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Mailbox {
    pub folders: Vec<Folder>,
    pub messages: Vec<Message>,
    pub tombstones: Vec<Tombstone>,
    pub change_seq: u64,
    delivered: u64,
    /// Conversation ids by thread topic (the subject without reply/forward prefixes).
    conversations: HashMap<String, String>,
    /// Changes not yet handed to the notifier.
    #[serde(skip)]
    changes: Vec<Change>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct MailStore {
    mailboxes: HashMap<Uuid, Mailbox>,
}

/// A folder of that name already exists under the parent.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct FolderExists;

fn random_id(prefix: &str, len: usize) -> String {
    let bytes = crypto::random_bytes::<48>();
    // Standard alphabet with `=` padding, like Exchange REST ids: clients must escape them.
    let body = base64::engine::general_purpose::STANDARD.encode(&bytes[..len]);
    format!("{prefix}{}", body.replace('/', "-").replace('+', "_"))
}

impl MailStore {
    pub(crate) fn new(directory: &Directory) -> MailStore {
        let mut mailboxes = HashMap::new();
        for user in directory.users().filter(|u| u.has_mailbox()) {
            let mut mailbox = Mailbox::with_well_known_folders();
            for path in &user.folders {
                mailbox.ensure_path(path);
            }
            mailboxes.insert(user.id, mailbox);
        }
        MailStore { mailboxes }
    }

    /// Takes the mailboxes a saved state holds for users that (still) have one; mailboxes
    /// of users the tenant file no longer has are left out.
    pub(crate) fn restore(&mut self, saved: MailStore) {
        for (owner, mailbox) in saved.mailboxes {
            if let Some(slot) = self.mailboxes.get_mut(&owner) {
                *slot = mailbox;
            }
        }
    }

    pub(crate) fn mailbox(&self, user: Uuid) -> Option<&Mailbox> {
        self.mailboxes.get(&user)
    }

    pub(crate) fn mailbox_mut(&mut self, user: Uuid) -> Option<&mut Mailbox> {
        self.mailboxes.get_mut(&user)
    }

    /// Takes every mailbox's pending changes, with the mailbox owner.
    pub(crate) fn drain_changes(&mut self) -> Vec<(Uuid, Change)> {
        self.mailboxes
            .iter_mut()
            .flat_map(|(owner, mailbox)| mailbox.changes.drain(..).map(|c| (*owner, c)))
            .collect()
    }
}

impl Mailbox {
    fn with_well_known_folders() -> Mailbox {
        let mut mailbox = Mailbox::default();
        for (name, display, parent, hidden) in WELL_KNOWN {
            let parent_id =
                parent.map(|p| mailbox.folder(p).expect("parents come first").id.clone());
            mailbox.folders.push(Folder {
                id: random_id("AQMkAD", 33),
                display_name: display.to_string(),
                parent_id,
                well_known: Some(name.to_string()),
                hidden: *hidden,
            });
        }
        let root = mailbox.folder("msgfolderroot").map(|f| f.id.clone());
        mailbox.folders.push(Folder {
            id: random_id("AQMkAD", 33),
            display_name: HIDDEN_ROOT_FOLDER.to_owned(),
            parent_id: root,
            well_known: None,
            hidden: true,
        });
        mailbox
    }

    /// A folder by id or well-known name (any case, as Graph accepts).
    pub(crate) fn folder(&self, key: &str) -> Option<&Folder> {
        self.folders.iter().find(|f| {
            f.id == key
                || f.well_known
                    .as_deref()
                    .is_some_and(|w| w.eq_ignore_ascii_case(key))
        })
    }

    pub(crate) fn children(&self, parent_id: &str) -> impl Iterator<Item = &Folder> {
        self.folders
            .iter()
            .filter(move |f| f.parent_id.as_deref() == Some(parent_id))
    }

    /// Resolves `Inbox/Support`: the first segment is a well-known name or a top-level
    /// display name, the rest display names (case-insensitive, as Exchange compares them).
    pub(crate) fn folder_by_path(&self, path: &str) -> Option<&Folder> {
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        let first = segments.next()?;
        let root = self.folder("msgfolderroot")?.id.clone();
        let mut current = self
            .folder(first)
            .filter(|f| f.well_known.is_some())
            .or_else(|| self.child_named(&root, first))?;
        for segment in segments {
            current = self.child_named(&current.id, segment)?;
        }
        Some(current)
    }

    /// `Inbox/Support` for a folder id (display names from the top-level folder down).
    pub(crate) fn path_of(&self, folder_id: &str) -> String {
        let mut names = Vec::new();
        let mut current = self.folders.iter().find(|f| f.id == folder_id);
        while let Some(folder) = current {
            if folder.well_known.as_deref() == Some("msgfolderroot") {
                break;
            }
            names.push(folder.display_name.as_str());
            current = folder
                .parent_id
                .as_deref()
                .and_then(|p| self.folders.iter().find(|f| f.id == p));
        }
        names.reverse();
        names.join("/")
    }

    fn child_named(&self, parent_id: &str, name: &str) -> Option<&Folder> {
        self.children(parent_id)
            .find(|f| f.display_name.eq_ignore_ascii_case(name))
    }

    /// Resolves a folder path like `folder_by_path`, creating the missing folders; `None`
    /// for a path without segments.
    pub(crate) fn ensure_path(&mut self, path: &str) -> Option<String> {
        let root = self.folder("msgfolderroot")?.id.clone();
        let mut current: Option<String> = None;
        let mut built = String::new();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            if !built.is_empty() {
                built.push('/');
            }
            built.push_str(segment);
            let id = match self.folder_by_path(&built) {
                Some(folder) => folder.id.clone(),
                None => {
                    let parent = current.clone().unwrap_or_else(|| root.clone());
                    self.create_folder(&parent, segment, false).ok()?.id.clone()
                }
            };
            current = Some(id);
        }
        current
    }

    pub(crate) fn create_folder(
        &mut self,
        parent_id: &str,
        name: &str,
        hidden: bool,
    ) -> Result<&Folder, FolderExists> {
        if self.child_named(parent_id, name).is_some() {
            return Err(FolderExists);
        }
        self.folders.push(Folder {
            id: random_id("AAMkAD", 33),
            display_name: name.to_owned(),
            parent_id: Some(parent_id.to_owned()),
            well_known: None,
            hidden,
        });
        Ok(self.folders.last().expect("just pushed"))
    }

    pub(crate) fn counts(&self, folder_id: &str) -> (usize, usize) {
        let in_folder = self.messages.iter().filter(|m| m.folder_id == folder_id);
        let (total, unread) =
            in_folder.fold((0, 0), |(t, u), m| (t + 1, u + usize::from(!m.is_read)));
        (total, unread)
    }

    fn bump(&mut self) -> u64 {
        self.change_seq += 1;
        self.change_seq
    }

    /// Puts a new message into a folder, as transport delivery (or a send) does.
    pub(crate) fn deliver(
        &mut self,
        folder_id: &str,
        parsed: Parsed,
        mime: Vec<u8>,
        received: DateTime<Utc>,
        is_read: bool,
    ) -> &Message {
        let changed = self.bump();
        self.delivered += 1;
        let conversation_id = self
            .conversations
            .entry(thread_topic(&parsed.subject))
            .or_insert_with(|| random_id("AAQkAD", 30))
            .clone();
        self.messages.push(Message {
            id: random_id("AAMkAD", 45),
            immutable_id: random_id("AAkALg", 45),
            folder_id: folder_id.to_owned(),
            received,
            created: received,
            last_modified: received,
            change_key: random_id("CQAAAB", 12),
            conversation_id,
            is_read,
            is_draft: false,
            importance: "normal".into(),
            flag_status: "notFlagged".into(),
            categories: Vec::new(),
            parsed,
            mime,
            draft: None,
            changed,
            order: self.delivered,
        });
        self.record(self.messages.len() - 1, ChangeKind::Created);
        self.messages.last().expect("just pushed")
    }

    fn record(&mut self, index: usize, kind: ChangeKind) {
        let message = &self.messages[index];
        self.changes.push(Change {
            kind,
            folder_id: message.folder_id.clone(),
            id: message.id.clone(),
            immutable_id: message.immutable_id.clone(),
            change_key: message.change_key.clone(),
        });
    }

    /// Saves a new draft (created by a client, not delivered).
    pub(crate) fn save_draft(
        &mut self,
        folder_id: &str,
        parsed: Parsed,
        mime: Vec<u8>,
        json: serde_json::Value,
        now: DateTime<Utc>,
    ) -> usize {
        self.deliver(folder_id, parsed, mime, now, true);
        let index = self.messages.len() - 1;
        let draft = &mut self.messages[index];
        draft.is_draft = true;
        draft.draft = Some(json);
        index
    }

    /// Replaces a draft's content after an edit.
    pub(crate) fn recompose(
        &mut self,
        index: usize,
        parsed: Parsed,
        mime: Vec<u8>,
        json: serde_json::Value,
        now: DateTime<Utc>,
    ) {
        let draft = &mut self.messages[index];
        draft.parsed = parsed;
        draft.mime = mime;
        draft.draft = Some(json);
        self.touch(index, now);
    }

    /// A message by REST id or immutable id (ids are case-sensitive).
    pub(crate) fn message_index(&self, id: &str) -> Option<usize> {
        self.messages
            .iter()
            .position(|m| m.id == id || m.immutable_id == id)
    }

    /// Records a change to a message (new change key, modified time, delta position).
    pub(crate) fn touch(&mut self, index: usize, now: DateTime<Utc>) {
        self.stamp(index, now);
        self.record(index, ChangeKind::Updated);
    }

    fn stamp(&mut self, index: usize, now: DateTime<Utc>) {
        let changed = self.bump();
        let message = &mut self.messages[index];
        message.changed = changed;
        message.last_modified = now;
        message.change_key = random_id("CQAAAB", 12);
    }

    /// Moves a message: a new item in the destination (new REST id, same immutable id).
    pub(crate) fn move_message(
        &mut self,
        index: usize,
        destination: &str,
        now: DateTime<Utc>,
    ) -> usize {
        let changed = self.bump();
        self.record(index, ChangeKind::Deleted);
        let message = &mut self.messages[index];
        self.tombstones.push(Tombstone {
            folder_id: message.folder_id.clone(),
            id: message.id.clone(),
            immutable_id: message.immutable_id.clone(),
            changed,
        });
        message.folder_id = destination.to_owned();
        message.id = random_id("AAMkAD", 45);
        self.stamp(index, now);
        self.record(index, ChangeKind::Created);
        index
    }

    /// Copies a message: a new item with new ids of both kinds.
    pub(crate) fn copy_message(
        &mut self,
        index: usize,
        destination: &str,
        now: DateTime<Utc>,
    ) -> usize {
        let mut copy = self.messages[index].clone();
        copy.id = random_id("AAMkAD", 45);
        copy.immutable_id = random_id("AAkALg", 45);
        copy.folder_id = destination.to_owned();
        copy.created = now;
        self.messages.push(copy);
        let index = self.messages.len() - 1;
        self.stamp(index, now);
        self.record(index, ChangeKind::Created);
        index
    }

    /// Removes a message for good (permanentDelete, or a delete out of the dumpster).
    pub(crate) fn purge(&mut self, index: usize) {
        let changed = self.bump();
        self.record(index, ChangeKind::Deleted);
        let message = self.messages.remove(index);
        self.tombstones.push(Tombstone {
            folder_id: message.folder_id,
            id: message.id,
            immutable_id: message.immutable_id,
            changed,
        });
    }
}

/// The conversation a subject belongs to, as Exchange groups them: without `Re:`/`Fw:`
/// prefixes (also the common localized ones), case and surrounding space ignored.
fn thread_topic(subject: &str) -> String {
    const PREFIXES: &[&str] = &[
        "re:", "fw:", "fwd:", "aw:", "wg:", "sv:", "vs:", "tr:", "rv:",
    ];
    let mut topic = subject.trim().to_lowercase();
    while let Some(rest) = PREFIXES.iter().find_map(|p| topic.strip_prefix(p)) {
        topic = rest.trim_start().to_owned();
    }
    topic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_through_well_known_names_and_display_names() {
        let mut mailbox = Mailbox::with_well_known_folders();
        mailbox.ensure_path("Inbox/Support/Escalations");
        let support = mailbox.folder_by_path("inbox/support").unwrap();
        assert_eq!(support.display_name, "Support");
        assert_eq!(
            support.parent_id.as_deref(),
            Some(mailbox.folder("inbox").unwrap().id.as_str())
        );
        assert!(
            mailbox
                .folder_by_path("Inbox/Support/Escalations")
                .is_some()
        );
        assert!(mailbox.folder_by_path("Inbox/Nope").is_none());
        let parent = support.id.clone();
        assert_eq!(
            mailbox
                .create_folder(&parent, "escalations", false)
                .unwrap_err(),
            FolderExists
        );
    }

    #[test]
    fn replies_share_the_conversation_of_their_thread() {
        assert_eq!(thread_topic("RE: Fw:  Printer on fire "), "printer on fire");
        let mut mailbox = Mailbox::with_well_known_folders();
        let inbox = mailbox.folder("inbox").unwrap().id.clone();
        let mut deliver = |subject: &str| {
            let parsed = Parsed {
                subject: subject.to_owned(),
                ..Parsed::default()
            };
            mailbox
                .deliver(&inbox, parsed, Vec::new(), Utc::now(), false)
                .conversation_id
                .clone()
        };
        let first = deliver("Printer on fire");
        assert_eq!(deliver("Re: Printer on fire"), first);
        assert_ne!(deliver("Scanner jammed"), first);
    }

    #[test]
    fn move_changes_rest_id_but_not_immutable_id() {
        let mut mailbox = Mailbox::with_well_known_folders();
        let inbox = mailbox.folder("inbox").unwrap().id.clone();
        let archive = mailbox.folder("archive").unwrap().id.clone();
        let now = Utc::now();
        let (id, immutable) = {
            let m = mailbox.deliver(&inbox, Parsed::default(), Vec::new(), now, false);
            (m.id.clone(), m.immutable_id.clone())
        };
        let index = mailbox.message_index(&id).unwrap();
        mailbox.move_message(index, &archive, now);
        assert!(mailbox.message_index(&id).is_none());
        let moved = &mailbox.messages[mailbox.message_index(&immutable).unwrap()];
        assert_ne!(moved.id, id);
        assert_eq!(moved.folder_id, archive);
        assert_eq!(mailbox.counts(&inbox), (0, 0));
        assert_eq!(mailbox.counts(&archive), (1, 1));
    }
}
