//! Mail folders, and resolving a folder path such as `Inbox/Support` (graph-facts §3.2):
//! Graph has no path lookup, so the first segment is tried as a well-known name and every
//! further segment is looked up among the children by display name.

use serde::Deserialize;

use super::{Graph, GraphError, odata_string, segment};
use crate::error::{Diagnose, ErrorKind};
use crate::settings::values::FolderPath;

/// Well-known folder names Graph accepts in place of an id, in any mailbox language.
const WELL_KNOWN: &[&str] = &[
    "archive",
    "clutter",
    "conflicts",
    "conversationhistory",
    "deleteditems",
    "drafts",
    "inbox",
    "junkemail",
    "localfailures",
    "msgfolderroot",
    "outbox",
    "recoverableitemsdeletions",
    "scheduled",
    "searchfolders",
    "sentitems",
    "serverfailures",
    "syncissues",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Folder {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub total_item_count: Option<u64>,
}

/// A folder path that does not exist, with what does exist where it broke off.
#[derive(Debug, thiserror::Error)]
#[error("folder '{path}' not found in {mailbox}: {parent} has no folder '{missing}'")]
pub struct FolderNotFound {
    pub mailbox: String,
    pub path: String,
    /// The part of the path that was found ("the mailbox" for the top level).
    pub parent: String,
    pub missing: String,
    /// Display names under `parent`.
    pub existing: Vec<String>,
}

impl Diagnose for FolderNotFound {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Config
    }

    fn hint(&self) -> Option<String> {
        let existing = if self.existing.is_empty() {
            "none".to_owned()
        } else {
            self.existing.join(", ")
        };
        Some(format!(
            "folders under {}: {existing}; fix the profile's folder (`--folder`) or create the folder",
            self.parent
        ))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error(transparent)]
    NotFound(#[from] FolderNotFound),
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl Diagnose for FolderError {
    fn kind(&self) -> ErrorKind {
        match self {
            FolderError::NotFound(e) => e.kind(),
            FolderError::Graph(e) => e.kind(),
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            FolderError::NotFound(e) => e.hint(),
            FolderError::Graph(e) => e.hint(),
        }
    }
}

impl Graph {
    /// A folder by id or well-known name.
    pub async fn folder(&self, mailbox: &str, id: &str) -> Result<Folder, GraphError> {
        let url = self.mailbox_url(mailbox, &format!("/mailFolders/{}", segment(id)));
        self.get(&url, mailbox, "a mail folder").await
    }

    /// Resolves a folder path to its folder.
    pub async fn resolve_folder(
        &self,
        mailbox: &str,
        path: &FolderPath,
    ) -> Result<Folder, FolderError> {
        self.walk(mailbox, path, false).await
    }

    /// Resolves a folder path, creating the folders that are missing (`move:` targets).
    pub async fn ensure_folder(
        &self,
        mailbox: &str,
        path: &FolderPath,
    ) -> Result<Folder, FolderError> {
        self.walk(mailbox, path, true).await
    }

    async fn walk(
        &self,
        mailbox: &str,
        path: &FolderPath,
        create: bool,
    ) -> Result<Folder, FolderError> {
        let mut segments = path.segments().iter();
        let first = segments.next().expect("a folder path has a segment");
        let well_known = first.to_ascii_lowercase().replace(' ', "");
        let mut current = if WELL_KNOWN.contains(&well_known.as_str()) {
            self.folder(mailbox, &well_known).await?
        } else {
            self.child(mailbox, None, first, path, "the mailbox", create)
                .await?
        };
        let mut found = current.display_name.clone();
        for name in segments {
            current = self
                .child(mailbox, Some(&current.id), name, path, &found, create)
                .await?;
            found = format!("{found}/{}", current.display_name);
        }
        Ok(current)
    }

    /// The child folder `name` of `parent` (the top level for `None`), compared without
    /// case as Exchange does; created when missing if `create`.
    async fn child(
        &self,
        mailbox: &str,
        parent: Option<&str>,
        name: &str,
        path: &FolderPath,
        parent_name: &str,
        create: bool,
    ) -> Result<Folder, FolderError> {
        let collection = match parent {
            Some(id) => format!("/mailFolders/{}/childFolders", segment(id)),
            None => "/mailFolders".to_owned(),
        };
        let filter = format!("displayName eq {}", odata_string(name));
        let url = self.mailbox_url(
            mailbox,
            &format!("{collection}?$filter={}", segment(&filter)),
        );
        let matches: Vec<Folder> = self.get_all(&url, mailbox, "a folder list").await?;
        if let Some(folder) = matches
            .into_iter()
            .find(|f| f.display_name.eq_ignore_ascii_case(name))
        {
            return Ok(folder);
        }
        if create {
            return Ok(self.create_folder(mailbox, parent, name).await?);
        }
        // Only on failure: list what is there (every page), so the error can name it.
        let url = self.mailbox_url(mailbox, &collection);
        let all: Vec<Folder> = self.get_all(&url, mailbox, "a folder list").await?;
        Err(FolderNotFound {
            mailbox: mailbox.to_owned(),
            path: path.as_str().to_owned(),
            parent: parent_name.to_owned(),
            missing: name.to_owned(),
            existing: all.into_iter().map(|f| f.display_name).collect(),
        }
        .into())
    }
}
