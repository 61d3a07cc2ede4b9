//! Whose mailbox a request targets and whether the caller may touch it, checked in the order
//! Exchange reports problems: unknown user, missing permission, access policy (RBAC for
//! Applications), no mailbox; then Outlook throttling.

use axum::http::Method;
use uuid::Uuid;

use super::auth::Caller;
use super::error::GraphError;
use super::path::{MailboxRef, MessagePart, Resource, Route};
use crate::state::{Shared, lock};
use crate::tenant::UserKind;
use crate::throttle::{Key, Verdict};

pub(crate) struct Context {
    pub user_id: Uuid,
    pub upn: String,
}

#[derive(Clone, Copy)]
enum Need {
    Read,
    Write,
    Send,
}

impl Need {
    fn of(route: &Route, method: &Method) -> Need {
        match route {
            Route::SendMail => Need::Send,
            Route::Message {
                part: MessagePart::Send,
                ..
            } => Need::Send,
            _ if method == Method::GET => Need::Read,
            _ => Need::Write,
        }
    }

    fn permissions(self) -> &'static [&'static str] {
        match self {
            Need::Read => &[
                "Mail.Read",
                "Mail.ReadWrite",
                "Mail.ReadBasic",
                "Mail.ReadBasic.All",
            ],
            Need::Write => &["Mail.ReadWrite"],
            Need::Send => &["Mail.Send"],
        }
    }

    fn shared_permissions(self) -> &'static [&'static str] {
        match self {
            Need::Read => &["Mail.Read.Shared", "Mail.ReadWrite.Shared"],
            Need::Write => &["Mail.ReadWrite.Shared"],
            Need::Send => &["Mail.Send.Shared"],
        }
    }
}

pub(super) fn resolve(
    emulator: &Shared,
    caller: &Caller,
    resource: &Resource,
    method: &Method,
) -> Result<Context, GraphError> {
    let tenant = caller.tenant(emulator)?;
    let key = match &resource.mailbox {
        MailboxRef::Me => match caller.user_id {
            Some(id) => id.to_string(),
            None => {
                return Err(GraphError::invalid_request(
                    "/me request is only valid with delegated authentication flow.",
                ));
            }
        },
        MailboxRef::User(key) => key.clone(),
    };
    if resource.route == Route::User {
        let user = tenant
            .user(&key)
            .ok_or_else(|| GraphError::user_not_found(&key))?;
        directory_view(caller, Some(user.id)).ok_or_else(GraphError::directory_denied)?;
        return Ok(Context {
            user_id: user.id,
            upn: user.upn.clone(),
        });
    }
    // Another tenant's mailbox is unknown here, exactly like a mailbox that does not exist.
    let user = tenant
        .mailbox(&key)
        .ok_or_else(|| GraphError::invalid_user(&key))?;
    let need = Need::of(&resource.route, method);
    let permitted = match caller.user_id {
        None => caller.has_role(need.permissions()),
        // The *.Shared scopes cover the user's own mail too (Graph permissions reference:
        // "mail a user can access, including their own and shared mail").
        Some(me) if me == user.id => {
            caller.has_scope(need.permissions()) || caller.has_scope(need.shared_permissions())
        }
        // Delegated access to someone else's mailbox: the *.Shared permission, and (in this
        // emulator) Full Access is granted on shared mailboxes only.
        Some(_) => caller.has_scope(need.shared_permissions()) && user.kind == UserKind::Shared,
    };
    if !permitted {
        return Err(GraphError::access_denied());
    }
    if caller.app_only() {
        let scope = tenant
            .app(caller.client_id)
            .and_then(|app| app.spec.mailbox_scope.as_ref());
        if scope.is_some_and(|allowed| !allowed.iter().any(|m| user.answers_to(m))) {
            return Err(GraphError::access_policy());
        }
    }
    if !user.has_mailbox() {
        return Err(GraphError::mailbox_not_enabled());
    }
    Ok(Context {
        user_id: user.id,
        upn: user.upn.clone(),
    })
}

/// How much of a user the caller may read from the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DirectoryView {
    /// `User.ReadBasic.All`: id, names, `mail` and `userPrincipalName` only.
    Basic,
    /// `User.Read.All` and above: every property (`proxyAddresses` included).
    Full,
}

/// The caller's directory read permission for user `target`, if any. An app with only
/// `Mail.*` roles has none: Graph answers 403 `Authorization_RequestDenied` (graph-facts
/// §3.1, §10.3).
pub(super) fn directory_view(caller: &Caller, target: Option<Uuid>) -> Option<DirectoryView> {
    const FULL: &[&str] = &["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"];
    let own = target.is_some() && caller.user_id == target;
    if caller.has_role(FULL) || caller.has_scope(FULL) || (own && caller.has_scope(&["User.Read"]))
    {
        Some(DirectoryView::Full)
    } else if caller.has_role(&["User.ReadBasic.All"]) || caller.has_scope(&["User.ReadBasic.All"])
    {
        Some(DirectoryView::Basic)
    } else {
        None
    }
}

/// A held throttle slot; released when the request finishes.
pub(super) struct Slot {
    emulator: Shared,
    key: Key,
    /// Requests of this app in flight on the mailbox at admission, this one included.
    pub in_flight: usize,
}

impl Drop for Slot {
    fn drop(&mut self) {
        lock(&self.emulator.throttle).leave(self.key);
    }
}

/// Outlook throttling for mailbox requests (directory reads are not Outlook's).
pub(super) fn admit(
    emulator: &Shared,
    caller: &Caller,
    context: &Context,
    route: &Route,
) -> Result<Option<Slot>, GraphError> {
    if !route.is_mailbox_route() {
        return Ok(None);
    }
    let key = (caller.client_id, context.user_id);
    let verdict =
        lock(&emulator.throttle).enter(key, emulator.clock.now(), &emulator.directory.settings);
    match verdict {
        Verdict::Admit { in_flight } => Ok(Some(Slot {
            emulator: emulator.clone(),
            key,
            in_flight,
        })),
        Verdict::Concurrency => Err(GraphError::application_throttled()),
        Verdict::Budget { retry_after_secs } => Err(GraphError::budget_exhausted(retry_after_secs)),
    }
}
