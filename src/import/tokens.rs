//! Keeping the Graph client's access token valid through a long import: renewed ahead of
//! expiry between pages, and once more when Graph refuses it (revoked, or a clock jump),
//! by one caller while the others wait for the result.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::graph::{Graph, GraphError};
use crate::session::{EXPIRY_MARGIN_SECS, Session, SessionError};

#[derive(Debug, thiserror::Error)]
pub enum CallError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Session(#[from] SessionError),
}

pub struct Tokens<'a, 'w> {
    session: &'a Session<'w>,
    graph: &'a Graph,
    /// Unix seconds.
    expires_at: AtomicU64,
    /// Bumped on every renewal, so concurrent refusals of one token renew it once.
    generation: AtomicU64,
    renewing: tokio::sync::Mutex<()>,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

impl<'a, 'w> Tokens<'a, 'w> {
    /// Starts with the token the Graph client already holds.
    pub fn new(session: &'a Session<'w>, graph: &'a Graph, expires_at: u64) -> Self {
        Tokens {
            session,
            graph,
            expires_at: AtomicU64::new(expires_at),
            generation: AtomicU64::new(0),
            renewing: tokio::sync::Mutex::new(()),
        }
    }

    /// Renews the token if it expires within the margin.
    pub async fn ensure_fresh(&self) -> Result<(), SessionError> {
        if self.expires_at.load(Ordering::Acquire) > now() + EXPIRY_MARGIN_SECS {
            return Ok(());
        }
        self.renew(self.generation.load(Ordering::Acquire)).await
    }

    async fn renew(&self, seen: u64) -> Result<(), SessionError> {
        let _one_at_a_time = self.renewing.lock().await;
        if self.generation.load(Ordering::Acquire) != seen {
            return Ok(()); // renewed by another caller meanwhile
        }
        let token = self.session.new_access_token().await?;
        self.graph.replace_token(token.token);
        self.expires_at.store(token.expires_at, Ordering::Release);
        self.generation.fetch_add(1, Ordering::AcqRel);
        tracing::info!("renewed the access token during the import");
        Ok(())
    }

    /// Runs a Graph call; if Graph refuses the token, renews it and tries once more.
    pub async fn call<T, F, Fut>(&self, call: F) -> Result<T, CallError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, GraphError>>,
    {
        let seen = self.generation.load(Ordering::Acquire);
        match call().await {
            Err(e) if e.is_unauthorized() => {
                self.renew(seen).await?;
                Ok(call().await?)
            }
            other => Ok(other?),
        }
    }
}
