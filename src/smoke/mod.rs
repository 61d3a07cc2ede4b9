//! The mailbox smoke test behind `test-connection`: the steps the import and the
//! notifications really take, in order, each timed and explained. A failed step skips the
//! steps that depend on it, so the first failure is the one to fix.

pub mod junit;
pub mod send;

use std::time::Instant;

use serde::Serialize;

use crate::auth::Claims;
use crate::error::{ErrorKind, Failure};
use crate::graph::folders::Folder;
use crate::graph::mail::Outgoing;
use crate::graph::{ApiError, Denial, Graph, GraphError};
use crate::session::{Session, TokenOrigin};
use crate::settings::profile::PostAction;

/// What to check besides reading.
#[derive(Debug, Clone, Copy, Default)]
pub struct Checks {
    /// Create and delete a draft (Mail.ReadWrite really works on this mailbox).
    pub write: bool,
    /// Send a tagged message to the mailbox itself (Mail.Send).
    pub send: bool,
    /// Accept a cached token. By default the token step asks Entra for a new one, so that
    /// the configured credential itself is tested, not a token it earned an hour ago.
    pub cached_token: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    Skipped,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub name: &'static str,
    pub outcome: Outcome,
    pub duration_ms: u64,
    /// The Graph `request-id` of the step's last answer.
    pub request_id: Option<String>,
    pub detail: String,
    /// One-line fix, on failure.
    pub fix: Option<String>,
    /// The failure's class (its exit code decides the command's).
    pub error_kind: Option<ErrorKind>,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub mailbox: String,
    pub folder: String,
    pub steps: Vec<Step>,
}

impl Report {
    pub fn first_failure(&self) -> Option<&Step> {
        self.steps.iter().find(|s| s.outcome == Outcome::Fail)
    }
}

/// A step's result before timing is added.
type StepResult = Result<String, Failure>;

struct Runner<'g> {
    steps: Vec<Step>,
    graph: Option<&'g Graph>,
}

impl Runner<'_> {
    fn failed(&self) -> bool {
        self.steps.iter().any(|s| s.outcome == Outcome::Fail)
    }

    fn record(&mut self, name: &'static str, started: Instant, result: StepResult) {
        let request_id = self.graph.and_then(|g| g.take_last_request_id());
        let duration_ms = started.elapsed().as_millis() as u64;
        let step = match result {
            Ok(detail) => Step {
                name,
                outcome: Outcome::Pass,
                duration_ms,
                request_id,
                detail,
                fix: None,
                error_kind: None,
            },
            Err(error) => {
                let diagnosis = error.diagnosis();
                // A failed Graph call names its own request id even when nothing succeeded.
                let request_id = request_id.or_else(|| {
                    error
                        .error()
                        .chain()
                        .find_map(|c| c.downcast_ref::<GraphError>().and_then(GraphError::api))
                        .and_then(|e| e.request_id.clone())
                });
                Step {
                    name,
                    outcome: Outcome::Fail,
                    duration_ms,
                    request_id,
                    detail: diagnosis.message,
                    fix: diagnosis.hint,
                    error_kind: Some(diagnosis.kind),
                }
            }
        };
        self.steps.push(step);
    }

    fn skip(&mut self, name: &'static str, why: &str) {
        self.steps.push(Step {
            name,
            outcome: Outcome::Skipped,
            duration_ms: 0,
            request_id: None,
            detail: why.to_owned(),
            fix: None,
            error_kind: None,
        });
    }
}

const AFTER_FAILURE: &str = "an earlier step failed";

/// Runs every step against the session's mailbox and folder.
pub async fn run(session: &Session<'_>, checks: Checks) -> crate::error::Result<Report> {
    let settings = session.settings();
    let mailbox = settings.mailbox()?.as_str().to_owned();
    let folder_path = settings.folder.value.clone();
    let mut runner = Runner {
        steps: Vec::new(),
        graph: None,
    };

    let started = Instant::now();
    runner.record(
        "endpoints",
        started,
        Ok(format!(
            "cloud {}: sign-in at {}, Graph at {}",
            settings.cloud.value.as_str(),
            settings.authority_host.value,
            settings.graph_endpoint.value
        )),
    );

    let started = Instant::now();
    let token = if checks.cached_token {
        session.access_token().await
    } else {
        session.new_access_token().await
    };
    let (graph, claims) = match token {
        Ok(token) => {
            let claims = token.claims();
            runner.record(
                "token",
                started,
                Ok(format!(
                    "{} ({}): {}",
                    origin(token.origin),
                    settings.auth.value.as_str(),
                    holder(claims.as_ref())
                )),
            );
            let graph = session.graph_with(token.token);
            (Some(graph), claims)
        }
        Err(e) => {
            runner.record("token", started, Err(e.into()));
            (None, None)
        }
    };
    runner.graph = graph.as_ref();
    let delegated = !settings.auth.value.is_app_only();

    let started = Instant::now();
    if runner.failed() {
        runner.skip("permissions", AFTER_FAILURE);
    } else {
        let needs_write = !matches!(settings.import.post_action, None | Some(PostAction::None));
        let needs = Needs {
            delegated,
            write: needs_write || checks.write,
            send: checks.send,
        };
        let result = match &claims {
            Some(claims) => permissions(claims, &mailbox, needs),
            // Microsoft may issue tokens that are not readable JWTs (graph-facts §1.9): then
            // only Graph's own answers in the next steps can tell a missing permission.
            None => Ok("the token's claims are not readable (Microsoft may issue opaque tokens); the mailbox and folder steps show what Graph allows".to_owned()),
        };
        runner.record("permissions", started, result);
    }

    let Some(graph) = graph.as_ref() else {
        for name in ["mailbox", "folder", "read", "write", "send"] {
            runner.skip(name, AFTER_FAILURE);
        }
        return Ok(report(mailbox, &folder_path, runner));
    };

    let started = Instant::now();
    if runner.failed() {
        runner.skip("mailbox", AFTER_FAILURE);
    } else {
        let result = probe_mailbox(graph, &mailbox, delegated, claims.as_ref()).await;
        runner.record("mailbox", started, result);
    }

    let started = Instant::now();
    let mut folder: Option<Folder> = None;
    if runner.failed() {
        runner.skip("folder", AFTER_FAILURE);
    } else {
        let result = graph.resolve_folder(&mailbox, &folder_path).await;
        let detail = match result {
            Ok(found) => {
                let detail = Ok(format!(
                    "{} resolved ({})",
                    folder_path.as_str(),
                    items(found.total_item_count)
                ));
                folder = Some(found);
                detail
            }
            Err(e) => Err(e.into()),
        };
        runner.record("folder", started, detail);
    }

    let started = Instant::now();
    match &folder {
        Some(folder) if !runner.failed() => {
            let result = graph
                .list_messages(&mailbox, &folder.id, 1, None)
                .await
                .map(|messages| match messages.first() {
                    Some(m) => format!(
                        "newest message: \"{}\" ({})",
                        m.subject.as_deref().unwrap_or(""),
                        m.received_date_time.as_deref().unwrap_or("?")
                    ),
                    None => "the folder is empty; reading works".to_owned(),
                })
                .map_err(Failure::from);
            runner.record("read", started, result);
        }
        _ => runner.skip("read", AFTER_FAILURE),
    }

    let started = Instant::now();
    if !checks.write {
        runner.skip("write", "not asked for (--write-check)");
    } else if runner.failed() {
        runner.skip("write", AFTER_FAILURE);
    } else {
        let result = write_check(graph, &mailbox).await;
        runner.record("write", started, result);
    }

    let started = Instant::now();
    if !checks.send {
        runner.skip("send", "not asked for (--send-check)");
    } else if runner.failed() {
        runner.skip("send", AFTER_FAILURE);
    } else {
        let tag = send::new_tag();
        let message = send::tagged(
            Outgoing {
                subject: "mailconn test-connection".into(),
                body: "Sent by `mailconn test-connection --send-check`; safe to delete.".into(),
                to: vec![mailbox.clone()],
                ..Outgoing::default()
            },
            &tag,
        );
        let result = graph
            .send_mail(&mailbox, &message, false)
            .await
            .map(|()| format!("sent to {mailbox} with tag {tag} (not saved to Sent Items)"))
            .map_err(Failure::from);
        runner.record("send", started, result);
    }

    Ok(report(mailbox, &folder_path, runner))
}

fn report(
    mailbox: String,
    folder: &crate::settings::values::FolderPath,
    runner: Runner<'_>,
) -> Report {
    Report {
        mailbox,
        folder: folder.as_str().to_owned(),
        steps: runner.steps,
    }
}

/// "1 item", "3 items", or "? items" when Graph did not say.
fn items(count: Option<u64>) -> String {
    match count {
        Some(1) => "1 item".to_owned(),
        Some(n) => format!("{n} items"),
        None => "? items".to_owned(),
    }
}

/// Where the token step's token came from, in words.
fn origin(origin: TokenOrigin) -> &'static str {
    match origin {
        TokenOrigin::Cache => "from the token cache",
        TokenOrigin::Requested => "requested with the app's credential",
        TokenOrigin::Refreshed => "refreshed with the stored sign-in",
        TokenOrigin::SignedIn => "from a sign-in just now",
    }
}

/// Who the token is for, as far as its claims can be read.
fn holder(claims: Option<&Claims>) -> String {
    let Some(claims) = claims else {
        return "token not readable (opaque to clients)".to_owned();
    };
    let who = match &claims.upn {
        Some(upn) => format!("user {upn}, app"),
        None => "app".to_owned(),
    };
    format!(
        "{who} {} in tenant {}",
        claims.appid.as_deref().unwrap_or("(not in the token)"),
        claims.tid.as_deref().unwrap_or("(not in the token)")
    )
}

/// What the configured features need from the token.
#[derive(Debug, Clone, Copy)]
struct Needs {
    /// A user's delegated token (`scp`), not an app's (`roles`): from the profile's sign-in
    /// method, never guessed from the claims.
    delegated: bool,
    write: bool,
    send: bool,
}

/// The permissions in the token against what the configured features need: `roles` for
/// app-only tokens, `scp` for delegated ones (with `.Shared` for another user's mailbox).
fn permissions(claims: &Claims, mailbox: &str, needs: Needs) -> StepResult {
    let Needs {
        delegated,
        write,
        send,
    } = needs;
    let other_mailbox = delegated
        && !claims
            .upn
            .as_deref()
            .is_some_and(|upn| upn.eq_ignore_ascii_case(mailbox));
    let suffix = if other_mailbox { ".Shared" } else { "" };
    let granted: Vec<String> = if delegated {
        claims.scopes().into_iter().map(str::to_owned).collect()
    } else {
        claims.roles.clone()
    };
    // A `.Shared` scope covers the user's own mailbox too ("mail a user has permission to
    // access, including their own and shared mail").
    let has = |name: &str| {
        granted.iter().any(|g| {
            g.eq_ignore_ascii_case(name) || g.eq_ignore_ascii_case(&format!("{name}.Shared"))
        })
    };
    let mut needed: Vec<(String, &str)> = Vec::new();
    let read_write = format!("Mail.ReadWrite{suffix}");
    if write {
        needed.push((read_write.clone(), "import post-actions and --write-check"));
    } else if !has(&format!("Mail.Read{suffix}")) {
        needed.push((read_write.clone(), "reading the folder"));
    }
    if send {
        needed.push((format!("Mail.Send{suffix}"), "--send-check"));
    }
    let missing: Vec<&(String, &str)> = needed.iter().filter(|(p, _)| !has(p)).collect();
    let kind = if delegated {
        "delegated scopes"
    } else {
        "application roles"
    };
    let shown = if granted.is_empty() {
        "none".to_owned()
    } else {
        granted.join(" ")
    };
    if missing.is_empty() {
        return Ok(format!("{kind}: {shown}"));
    }
    let names: Vec<String> = missing
        .iter()
        .map(|(p, why)| format!("{p} (for {why})"))
        .collect();
    let fix = if delegated {
        "add the delegated permission to the app registration, consent, and sign in again (`mailconn login`)"
    } else {
        "add it under API permissions > Microsoft Graph > Application permissions and grant admin consent; then get a new token (`mailconn login`)"
    };
    Err(crate::error::UserError::new(
        ErrorKind::Permission,
        format!("the token's {kind} ({shown}) lack {}", names.join(", ")),
    )
    .with_hint(fix)
    .into())
}

/// Reaches the mailbox through a mail path (`mailFolders/inbox`), which the mail roles
/// allow, rather than the directory read `GET /users/{id}` that needs User.Read.All.
async fn probe_mailbox(
    graph: &Graph,
    mailbox: &str,
    delegated: bool,
    claims: Option<&Claims>,
) -> StepResult {
    match graph.folder(mailbox, "inbox").await {
        Ok(inbox) => Ok(format!(
            "{mailbox} reachable (Inbox: {})",
            items(inbox.total_item_count)
        )),
        Err(GraphError::Api(e)) if delegated && is_foreign(&e, claims, mailbox) => {
            let user = claims
                .and_then(|c| c.upn.as_deref())
                .unwrap_or("the signed-in user");
            Err(crate::error::UserError::new(
                ErrorKind::Permission,
                format!("{user} signed in, but the mailbox is {mailbox}, and {user} has no delegate access to it ({e})"),
            )
            .with_hint(format!(
                "grant {user} Full Access (`Add-MailboxPermission -Identity {mailbox} -User {user} -AccessRights FullAccess`), or sign in as {mailbox} (`mailconn login`)"
            ))
            .into())
        }
        Err(e) => Err(e.into()),
    }
}

/// A delegated token for another user that Exchange refused: no delegation.
fn is_foreign(error: &ApiError, claims: Option<&Claims>, mailbox: &str) -> bool {
    let Some(upn) = claims.and_then(|c| c.upn.as_deref()) else {
        return false;
    };
    !upn.eq_ignore_ascii_case(mailbox)
        && (error.denial() == Some(Denial::MissingPermission) || error.is_code("ErrorItemNotFound"))
}

/// A reversible write: a draft created and deleted again.
async fn write_check(graph: &Graph, mailbox: &str) -> StepResult {
    let draft = Outgoing {
        subject: "mailconn test-connection write check".into(),
        body: "Created and deleted by `mailconn test-connection --write-check`.".into(),
        ..Outgoing::default()
    };
    let id = graph.create_draft(mailbox, &draft).await?;
    graph.delete_message(mailbox, &id).await?;
    Ok("created and deleted a draft".to_owned())
}
