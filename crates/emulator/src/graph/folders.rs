//! Mail folders: list (top level or children), get, create.

use axum::http::StatusCode;
use serde_json::Value;

use super::error::GraphError;
use super::query::{Literal, invalid_filter};
use super::{GraphResponse, Op, paging, render};
use crate::mailstore::{Folder, FolderExists};
use crate::state::lock;

pub(super) fn list(op: &Op<'_>, parent: Option<&str>) -> Result<GraphResponse, GraphError> {
    let store = lock(&op.emulator.mail);
    let mailbox = store
        .mailbox(op.context.user_id)
        .ok_or_else(GraphError::mailbox_not_enabled)?;
    let parent = mailbox
        .folder(parent.unwrap_or("msgfolderroot"))
        .ok_or_else(|| GraphError::unknown_id(parent.unwrap_or_default()))?;
    let mut folders: Vec<&Folder> = mailbox
        .children(&parent.id)
        .filter(|f| op.query.include_hidden || !f.hidden)
        .collect();
    if let Some(filter) = &op.query.filter {
        let mut kept = Vec::new();
        for folder in folders {
            let keep = filter.evaluate(|clause| match (&*clause.property, &clause.value) {
                // Exchange compares display names without regard to case.
                ("displayname", Literal::Text(name)) => Ok(clause
                    .op
                    .holds(&folder.display_name.to_lowercase(), &name.to_lowercase())),
                _ => Err(invalid_filter()),
            })?;
            if keep {
                kept.push(folder);
            }
        }
        folders = kept;
    }
    folders.sort_by_key(|f| f.display_name.to_lowercase());
    let context = format!(
        "{}/$metadata#users('{}')/mailFolders",
        op.emulator.urls.graph(),
        op.context.upn
    );
    Ok(GraphResponse::json(
        StatusCode::OK,
        paging::page(op, &folders, |f| render::folder(mailbox, f), 10, &context),
    ))
}

pub(super) fn get(op: &Op<'_>, id: &str) -> Result<GraphResponse, GraphError> {
    let store = lock(&op.emulator.mail);
    let mailbox = store
        .mailbox(op.context.user_id)
        .ok_or_else(GraphError::mailbox_not_enabled)?;
    let folder = mailbox
        .folder(id)
        .ok_or_else(|| GraphError::unknown_id(id))?;
    Ok(GraphResponse::json(
        StatusCode::OK,
        render::folder(mailbox, folder),
    ))
}

pub(super) fn create(op: &Op<'_>, parent: Option<&str>) -> Result<GraphResponse, GraphError> {
    let body = op.json_body()?;
    let name = body
        .get("displayName")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            GraphError::bad_request(
                "ErrorInvalidParameter",
                "The displayName property is required.",
            )
        })?
        .to_owned();
    let hidden = body
        .get("isHidden")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut store = lock(&op.emulator.mail);
    let mailbox = store
        .mailbox_mut(op.context.user_id)
        .ok_or_else(GraphError::mailbox_not_enabled)?;
    let parent_id = mailbox
        .folder(parent.unwrap_or("msgfolderroot"))
        .ok_or_else(|| GraphError::unknown_id(parent.unwrap_or_default()))?
        .id
        .clone();
    let created = match mailbox.create_folder(&parent_id, &name, hidden) {
        Ok(folder) => folder.clone(),
        Err(FolderExists) => {
            return Err(GraphError::new(
                StatusCode::CONFLICT,
                "ErrorFolderExists",
                "A folder with the specified name already exists.",
            ));
        }
    };
    Ok(GraphResponse::json(
        StatusCode::CREATED,
        render::folder(mailbox, &created),
    ))
}
