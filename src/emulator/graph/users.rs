//! `GET /users/{id | userPrincipalName}` and `GET /me`: a directory read.

use axum::http::StatusCode;

use super::error::GraphError;
use super::render;
use super::{GraphResponse, Op};

pub fn get(op: &Op<'_>) -> Result<GraphResponse, GraphError> {
    let user = op
        .emulator
        .directory
        .user_by_id(op.context.user_id)
        .ok_or_else(|| GraphError::user_not_found(&op.context.upn))?;
    let mut body = render::user(user);
    body["@odata.context"] = format!("{}/$metadata#users/$entity", op.emulator.urls.graph()).into();
    Ok(GraphResponse::json(StatusCode::OK, body))
}
