//! The receiver's Graph side: a thread of its own that holds the sign-in sessions of the
//! profiles it serves and runs their subscription work (load, renew, reauthorize, recreate,
//! list) one job at a time. Sessions read the secret stores and are not shareable across
//! tasks, and one job at a time means a renewal never races a re-creation of the same
//! subscription. One thread serves every profile: subscription work is rare (a renewal every
//! few days per subscription), so a worker with hundreds of profiles needs no more.

use std::collections::HashMap;
use std::sync::mpsc as std_mpsc;

use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};

use super::manage::{Manager, client_state_check};
use super::records::{ClientStateDigest, Record, Records};
use crate::error::{Classify as _, ErrorKind, Failure, Result, ResultExt as _, UserError};
use crate::graph::subscriptions::Subscription;
use crate::secrets::credentials::{Credentials, Dirs};
use crate::session::Session;
use crate::settings::resolve::Resolved;
use crate::settings::values::ProfileName;
use crate::transport;

/// A recorded subscription with what its notifications' `clientState` is checked against
/// (`None` when the secret store has lost it).
pub struct Known {
    pub record: Record,
    pub client_state: Option<ClientStateDigest>,
}

type Reply<T> = oneshot::Sender<Result<T>>;

enum Work {
    /// What the notifications of these records (read by the caller) are checked against.
    Load(Vec<Record>, Reply<Vec<Known>>),
    Remote(Reply<Vec<Subscription>>),
    Renew(String, Reply<DateTime<Utc>>),
    Reauthorize(String, Reply<()>),
    Recreate(Box<Record>, Reply<Known>),
}

/// Work for one profile's subscriptions.
struct Job {
    profile: String,
    work: Work,
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
    /// Starts the thread with the settings of the profiles it serves.
    pub fn spawn(profiles: Vec<(ProfileName, Resolved)>, records: Records) -> Result<Control> {
        let (jobs, mut inbox) = mpsc::unbounded_channel::<Job>();
        let (started, start) = std_mpsc::channel::<Result<()>>();
        std::thread::Builder::new()
            .name("subscriptions".into())
            .spawn(move || {
                let warn: &'static dyn Fn(&str) = &log_warning;
                let setup = (|| -> Result<_> {
                    let dirs = Dirs::from_environment()?;
                    let http = transport::client()?;
                    let mut sessions = HashMap::new();
                    for (profile, settings) in profiles {
                        let name = profile.to_string();
                        let credentials = Credentials::new(profile, &dirs, warn)?;
                        let session = Session::new(settings, Some(credentials), http.clone())?;
                        sessions.insert(name, session);
                    }
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .classify(ErrorKind::Failed)?;
                    Ok((sessions, runtime))
                })();
                let (sessions, runtime) = match setup {
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
                        match sessions.get(&job.profile) {
                            Some(session) => run_job(session, &records, job.work).await,
                            None => refuse(job.work, not_served(&job.profile)),
                        }
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

    async fn ask<T>(&self, profile: &str, work: impl FnOnce(Reply<T>) -> Work) -> Result<T> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            profile: profile.to_owned(),
            work: work(reply),
        };
        self.jobs.send(job).map_err(|_| thread_ended())?;
        answer.await.map_err(|_| thread_ended())?
    }

    /// `records` of `profile` with what their notifications' `clientState` is checked
    /// against.
    pub async fn load(&self, profile: &str, records: Vec<Record>) -> Result<Vec<Known>> {
        self.ask(profile, |reply| Work::Load(records, reply)).await
    }

    pub async fn remote(&self, profile: &str) -> Result<Vec<Subscription>> {
        self.ask(profile, Work::Remote).await
    }

    pub async fn renew(&self, profile: &str, id: &str) -> Result<DateTime<Utc>> {
        self.ask(profile, |r| Work::Renew(id.to_owned(), r)).await
    }

    pub async fn reauthorize(&self, profile: &str, id: &str) -> Result<()> {
        self.ask(profile, |r| Work::Reauthorize(id.to_owned(), r))
            .await
    }

    /// A new subscription like `old`, for `old`'s profile.
    pub async fn recreate(&self, old: &Record) -> Result<Known> {
        self.ask(&old.profile, |r| Work::Recreate(Box::new(old.clone()), r))
            .await
    }
}

fn not_served(profile: &str) -> Failure {
    UserError::new(
        ErrorKind::Failed,
        format!("profile '{profile}' is not served here"),
    )
    .into()
}

/// Answers `work` with `error`.
fn refuse(work: Work, e: Failure) {
    match work {
        Work::Load(_, r) => drop(r.send(Err(e))),
        Work::Remote(r) => drop(r.send(Err(e))),
        Work::Renew(_, r) => drop(r.send(Err(e))),
        Work::Reauthorize(_, r) => drop(r.send(Err(e))),
        Work::Recreate(_, r) => drop(r.send(Err(e))),
    }
}

fn thread_ended() -> UserError {
    UserError::new(ErrorKind::Failed, "the subscription thread has ended")
}

async fn run_job(session: &Session<'_>, records: &Records, job: Work) {
    let credentials = session
        .credentials()
        .expect("the control session has a profile");
    // Loading needs no token: it must work even while Graph is unreachable.
    if let Work::Load(of_profile, reply) = job {
        let result = of_profile
            .into_iter()
            .map(|record| {
                let client_state = client_state_check(credentials, &record)?;
                Ok(Known {
                    record,
                    client_state,
                })
            })
            .collect();
        let _ = reply.send(result);
        return;
    }
    let graph = match session.graph().await {
        Ok(graph) => graph,
        Err(e) => {
            refuse(
                job,
                Failure::from(e).context("cannot sign in for subscription work"),
            );
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
        Work::Load(..) => unreachable!("handled above"),
        Work::Remote(reply) => {
            let _ = reply.send(manager.remote().await.map_err(Into::into));
        }
        Work::Renew(id, reply) => {
            let _ = reply.send(manager.renew(&id).await.map_err(Into::into));
        }
        Work::Reauthorize(id, reply) => {
            let _ = reply.send(manager.reauthorize(&id).await.map_err(Into::into));
        }
        Work::Recreate(old, reply) => {
            let result = async {
                let record = manager.recreate(&old).await?;
                let client_state = client_state_check(credentials, &record)?;
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
