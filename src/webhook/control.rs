//! The receiver's Graph side: a thread of its own that holds the profile's sign-in session and
//! runs subscription work (load, renew, reauthorize, recreate, list) one job at a time. The
//! session reads the secret stores and is not shareable across tasks, and one job at a time
//! means a renewal never races a re-creation of the same subscription.

use std::sync::mpsc as std_mpsc;

use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};

use super::manage::Manager;
use super::records::{Record, Records};
use crate::error::{Classify as _, ErrorKind, Failure, Result, ResultExt as _, UserError};
use crate::graph::subscriptions::Subscription;
use crate::secrets::Secret;
use crate::secrets::credentials::{Credentials, Dirs};
use crate::session::Session;
use crate::settings::resolve::Resolved;
use crate::settings::values::ProfileName;
use crate::transport;

/// A recorded subscription with its `clientState` (`None` when the store has lost it).
pub struct Known {
    pub record: Record,
    pub client_state: Option<Secret>,
}

type Reply<T> = oneshot::Sender<Result<T>>;

enum Job {
    Load(Reply<Vec<Known>>),
    Remote(Reply<Vec<Subscription>>),
    Renew(String, Reply<DateTime<Utc>>),
    Reauthorize(String, Reply<()>),
    Recreate(Box<Record>, Reply<Known>),
}

/// The handle tasks send jobs through.
#[derive(Clone)]
pub struct Control {
    jobs: mpsc::UnboundedSender<Job>,
}

fn log_warning(message: &str) {
    tracing::warn!("{message}");
}

impl Control {
    /// Starts the thread with `profile`'s settings.
    pub fn spawn(profile: ProfileName, settings: Resolved, records: Records) -> Result<Control> {
        let (jobs, mut inbox) = mpsc::unbounded_channel::<Job>();
        let (started, start) = std_mpsc::channel::<Result<()>>();
        std::thread::Builder::new()
            .name("subscriptions".into())
            .spawn(move || {
                let warn: &'static dyn Fn(&str) = &log_warning;
                let setup = (|| -> Result<_> {
                    let dirs = Dirs::from_environment()?;
                    let credentials = Credentials::new(profile, &dirs, warn)?;
                    let session = Session::new(settings, Some(credentials), transport::client()?)?;
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .classify(ErrorKind::Failed)?;
                    Ok((session, runtime))
                })();
                let (session, runtime) = match setup {
                    Ok(ok) => {
                        let _ = started.send(Ok(()));
                        ok
                    }
                    Err(e) => {
                        let _ = started.send(Err(e));
                        return;
                    }
                };
                runtime.block_on(async move {
                    while let Some(job) = inbox.recv().await {
                        run_job(&session, &records, job).await;
                    }
                });
            })
            .classify(ErrorKind::Failed)
            .context("cannot start the subscription thread")?;
        start
            .recv()
            .map_err(|_| thread_ended())
            .context("the subscription thread ended at start")??;
        Ok(Control { jobs })
    }

    async fn ask<T>(&self, job: impl FnOnce(Reply<T>) -> Job) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(job(reply)).map_err(|_| thread_ended())?;
        answer.await.map_err(|_| thread_ended())?
    }

    /// The profile's records with their `clientState`s.
    pub async fn load(&self) -> Result<Vec<Known>> {
        self.ask(Job::Load).await
    }

    pub async fn remote(&self) -> Result<Vec<Subscription>> {
        self.ask(Job::Remote).await
    }

    pub async fn renew(&self, id: &str) -> Result<DateTime<Utc>> {
        self.ask(|r| Job::Renew(id.to_owned(), r)).await
    }

    pub async fn reauthorize(&self, id: &str) -> Result<()> {
        self.ask(|r| Job::Reauthorize(id.to_owned(), r)).await
    }

    pub async fn recreate(&self, old: &Record) -> Result<Known> {
        self.ask(|r| Job::Recreate(Box::new(old.clone()), r)).await
    }
}

fn thread_ended() -> UserError {
    UserError::new(ErrorKind::Failed, "the subscription thread has ended")
}

async fn run_job(session: &Session<'_>, records: &Records, job: Job) {
    let credentials = session
        .credentials()
        .expect("the control session has a profile");
    // Loading needs no token: it must work even while Graph is unreachable.
    if let Job::Load(reply) = job {
        let profile = credentials.profile().to_string();
        let result = (|| -> Result<Vec<Known>> {
            let mut known = Vec::new();
            for record in records.of_profile(&profile)? {
                let client_state =
                    credentials.client_state(&record.id, record.client_state_store)?;
                known.push(Known {
                    record,
                    client_state,
                });
            }
            Ok(known)
        })();
        let _ = reply.send(result);
        return;
    }
    let graph = match session.graph().await {
        Ok(graph) => graph,
        Err(e) => {
            let e = Failure::from(e).context("cannot sign in for subscription work");
            match job {
                Job::Load(_) => unreachable!("handled above"),
                Job::Remote(r) => drop(r.send(Err(e))),
                Job::Renew(_, r) => drop(r.send(Err(e))),
                Job::Reauthorize(_, r) => drop(r.send(Err(e))),
                Job::Recreate(_, r) => drop(r.send(Err(e))),
            }
            return;
        }
    };
    let manager = Manager {
        graph: &graph,
        credentials,
        records,
        http: session.http(),
    };
    match job {
        Job::Load(_) => unreachable!("handled above"),
        Job::Remote(reply) => {
            let _ = reply.send(manager.remote().await.map_err(Into::into));
        }
        Job::Renew(id, reply) => {
            let _ = reply.send(manager.renew(&id).await.map_err(Into::into));
        }
        Job::Reauthorize(id, reply) => {
            let _ = reply.send(manager.reauthorize(&id).await.map_err(Into::into));
        }
        Job::Recreate(old, reply) => {
            let result = async {
                let record = manager.recreate(&old).await?;
                let client_state = manager.client_state(&record)?;
                Ok::<_, Failure>(Known {
                    record,
                    client_state,
                })
            }
            .await;
            let _ = reply.send(result);
        }
    }
}
