//! Resolving the configured mailbox with one directory read, cached with the access token.

use crate::error::{Diagnose, ErrorKind};
use crate::graph::users::DirectoryUser;
use crate::graph::{Graph, GraphError};
use crate::session::{Session, SessionError};

use super::Identity;

#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    #[error("the directory has no user with the address or id '{mailbox}'")]
    NotFound { mailbox: String },
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Session(#[from] SessionError),
}

impl Diagnose for MailboxError {
    fn kind(&self) -> ErrorKind {
        match self {
            MailboxError::NotFound { .. } => ErrorKind::Config,
            MailboxError::Graph(e) => e.kind(),
            MailboxError::Session(e) => e.kind(),
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            MailboxError::NotFound { .. } => Some(
                "check the profile's mailbox (or --mailbox): a UPN, an SMTP address of the mailbox, or its object id".into(),
            ),
            MailboxError::Graph(e) => e.hint(),
            MailboxError::Session(e) => e.hint(),
        }
    }
}

/// The identity of `configured` for this run: from the token cache when the cached token
/// already resolved it, else asked of Graph and cached with the token. The token's roles
/// decide what the directory answers, so the answer lives exactly as long as the token.
/// A mailbox that could only be keyed by its address is told to `warn`, with the fix.
pub async fn identify(
    session: &Session<'_>,
    graph: &Graph,
    configured: &str,
    warn: &dyn Fn(&str),
) -> Result<Identity, MailboxError> {
    let identity = identify_quietly(session, graph, configured).await?;
    if let Some(warning) = identity.warning() {
        warn(&warning);
    }
    Ok(identity)
}

async fn identify_quietly(
    session: &Session<'_>,
    graph: &Graph,
    configured: &str,
) -> Result<Identity, MailboxError> {
    let fact = format!("mailbox:{configured}");
    // A cached answer that does not read as an identity (an older format) is asked again.
    if let Some(cached) = session.cached_fact(&fact)?
        && let Ok(identity) = serde_json::from_value::<Identity>(cached)
    {
        return Ok(identity);
    }
    let identity = resolve(graph, configured).await?;
    let value = serde_json::to_value(&identity).expect("an identity serializes");
    session.cache_fact(&fact, value)?;
    Ok(identity)
}

/// Asks the directory who `configured` is: `GET /users/{id | UPN}`, and only for an
/// address that is not a UPN (an alias, or `mail` ≠ UPN) a second read by proxy address.
/// Without directory permission the mailbox is keyed by its address (a warning, never a
/// failure: the mail roles still reach the mailbox).
pub async fn resolve(graph: &Graph, configured: &str) -> Result<Identity, MailboxError> {
    let key = configured.trim();
    let by_key = graph.directory_user(key).await;
    let found = match by_key {
        Ok(None) if uuid::Uuid::parse_str(key).is_err() => graph.user_with_address(key).await,
        other => other,
    };
    match found {
        Ok(Some(user)) => Ok(from_user(configured, user)),
        Ok(None) => Err(MailboxError::NotFound {
            mailbox: key.to_owned(),
        }),
        Err(e) if is_denied(&e) => Ok(Identity::unresolved(configured)),
        Err(e) => Err(e.into()),
    }
}

/// 403 `Authorization_RequestDenied`: the app may not read the directory (graph-facts §7).
fn is_denied(error: &GraphError) -> bool {
    error
        .api()
        .is_some_and(|a| a.status == 403 && a.code == "Authorization_RequestDenied")
}

fn from_user(configured: &str, user: DirectoryUser) -> Identity {
    let smtp = user.proxy_addresses.iter().filter_map(|p| {
        p.split_once(':')
            .filter(|(kind, _)| kind.eq_ignore_ascii_case("smtp"))
            .map(|(_, address)| address)
    });
    let mut spellings: Vec<String> = [
        Some(configured.trim()),
        user.user_principal_name.as_deref(),
        user.mail.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(smtp)
    .map(str::to_lowercase)
    .collect();
    spellings.sort();
    spellings.dedup();
    let address = user
        .mail
        .clone()
        .or(user.user_principal_name.clone())
        .unwrap_or_else(|| configured.trim().to_owned());
    Identity {
        configured: configured.to_owned(),
        key: user.id.to_lowercase(),
        address,
        spellings,
        resolved: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_address_of_the_user_is_a_spelling_and_mail_is_shown() {
        let user = DirectoryUser {
            id: "A1B2".into(),
            mail: Some("support@contoso.test".into()),
            user_principal_name: Some("support@contoso.onmicrosoft.com".into()),
            proxy_addresses: vec![
                "SMTP:support@contoso.test".into(),
                "smtp:HelpDesk@contoso.test".into(),
                "SIP:support@contoso.test".into(),
            ],
        };
        let identity = from_user("HELPDESK@contoso.test", user);
        assert_eq!(identity.key, "a1b2");
        assert_eq!(identity.address, "support@contoso.test");
        assert_eq!(
            identity.spellings,
            [
                "helpdesk@contoso.test",
                "support@contoso.onmicrosoft.com",
                "support@contoso.test"
            ]
        );
    }
}
