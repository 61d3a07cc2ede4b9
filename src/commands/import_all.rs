//! `mailconn import --all` / `--profiles PATTERN`: every selected profile's mailbox in one
//! process, side by side. Each mailbox keeps Exchange's 4 requests in flight, a cap bounds
//! the whole process, profiles of one app and tenant share one token, and one mailbox's
//! failure (sign-in, throttling, a lock) never stops the others. The exit code is the worst
//! of the mailboxes'.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use futures_util::future::join_all;
use indicatif::{MultiProgress, ProgressDrawTarget};
use serde::Serialize;
use tokio::sync::Semaphore;

use super::Context;
use super::import_job::{Job, RulesCache, RunSpec, listen_for_ctrl_c, verdict};
use super::session::block_on;
use crate::error::{Classify as _, Diagnosis, ErrorKind, Failure, Result, UserError};
use crate::graph::Graph;
use crate::import::events::Summary;
use crate::import::tokens::Tokens;
use crate::output::import_report::ImportReporter;
use crate::output::{Render, Table, TableStyle, write_line};
use crate::secrets::credentials::{Credentials, Dirs};
use crate::session::Session;
use crate::settings::file::ConfigFile;
use crate::settings::resolve::{self, Overrides};
use crate::settings::values::ProfileName;
use crate::transport;

/// Requests in flight in the whole process unless `--max-connections` says otherwise: 64
/// mailboxes at Exchange's 4 each, well inside one host's sockets and a tenant's budget.
const DEFAULT_MAX_CONNECTIONS: u32 = 256;

#[derive(Debug, Clone, clap::Args)]
pub struct FleetArgs {
    /// Import every profile's mailbox side by side in this process.
    #[arg(long)]
    all: bool,

    /// Import the profiles whose name matches PATTERN (`*` any text, `?` one character),
    /// side by side; repeat for more.
    #[arg(long = "profiles", value_name = "PATTERN")]
    patterns: Vec<String>,

    /// With --all or --profiles: Graph requests in flight in this process at most (each
    /// mailbox keeps Exchange's own limit of 4).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CONNECTIONS,
          value_parser = clap::value_parser!(u32).range(1..))]
    max_connections: u32,
}

impl FleetArgs {
    /// Several profiles were asked for.
    pub fn selected(&self) -> bool {
        self.all || !self.patterns.is_empty()
    }

    /// Graph requests in flight in the whole process at most.
    pub fn max_connections(&self) -> usize {
        self.max_connections as usize
    }

    fn wants(&self, name: &ProfileName) -> bool {
        self.all || self.patterns.iter().any(|p| glob_match(p, name.as_str()))
    }
}

/// `*` matches any text, `?` one character; everything else itself.
fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    // The classic two-pointer match with one backtrack point for the last `*`.
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// How one mailbox's run ended.
#[derive(Debug, Serialize)]
struct Row {
    profile: String,
    mailbox: Option<String>,
    exit_code: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<Diagnosis>,
}

impl Row {
    fn new(profile: &ProfileName, mailbox: Option<String>, outcome: Result<Summary>) -> Row {
        // A finished run still fails when messages failed or it was interrupted.
        let (summary, failure) = match outcome {
            Ok(summary) => {
                let failure = verdict(&summary).err();
                (Some(summary), failure)
            }
            Err(failure) => (None, Some(failure)),
        };
        let error = failure.map(|f| f.diagnosis());
        Row {
            profile: profile.to_string(),
            mailbox,
            exit_code: error.as_ref().map_or(0, |d| d.exit_code),
            summary,
            error,
        }
    }

    fn kind(&self) -> Option<ErrorKind> {
        self.error.as_ref().map(|d| d.kind)
    }
}

/// The table after the run (`--json`: one `finished-all` event).
#[derive(Debug, Serialize)]
struct Rows {
    event: &'static str,
    mailboxes: Vec<Row>,
}

impl Render for Rows {
    fn human(&self, style: TableStyle) -> String {
        let mut table = Table::new(
            style,
            &[
                "PROFILE", "MAILBOX", "IMPORTED", "IGNORED", "FAILED", "EXIT", "RESULT",
            ],
        );
        for row in &self.mailboxes {
            let count = |f: fn(&Summary) -> u64| {
                row.summary
                    .as_ref()
                    .map_or("-".to_owned(), |s| f(s).to_string())
            };
            let result = match &row.error {
                None => "ok".to_owned(),
                Some(d) => match &d.hint {
                    Some(hint) => format!("{} (fix: {hint})", d.message),
                    None => d.message.clone(),
                },
            };
            table.row([
                row.profile.clone(),
                row.mailbox.clone().unwrap_or_else(|| "-".to_owned()),
                count(|s| s.imported),
                count(|s| s.ignored),
                count(|s| s.failed + s.post_actions_failed),
                row.exit_code.to_string(),
                result,
            ]);
        }
        table.to_string()
    }
}

pub fn run(ctx: &Context, spec: RunSpec, fleet: FleetArgs) -> Result<()> {
    if spec.options.waits() {
        // Waiting blocks the thread every mailbox runs on: one held lock would stall them all.
        return Err(UserError::new(
            ErrorKind::Usage,
            "--wait cannot be used with --all or --profiles",
        )
        .with_hint("a locked mailbox exits 7 alone and the others import; the next run takes it")
        .into());
    }
    if !Overrides::from(spec.settings.clone()).is_empty() {
        return Err(UserError::new(
            ErrorKind::Usage,
            "setting flags (--mailbox, --folder, --tenant, …) cannot apply to several profiles at once",
        )
        .with_hint("each profile's own settings apply; change them with `mailconn profile add NAME …`")
        .into());
    }
    let (file, names) = selected_profiles(ctx, &fleet)?;

    let warn = |message: &str| ctx.printer.warn(message);
    let http = transport::client()?;
    let dirs = Dirs::from_environment()?;
    // Each profile's session, or why it has none: a broken profile is one failed row.
    let mut rows = Vec::new();
    let mut sessions = Vec::new();
    for name in &names {
        match open_session(&file, name, &dirs, &http, &warn) {
            Ok(session) => sessions.push((name, session)),
            Err(failure) => rows.push(Row::new(name, None, Err(failure))),
        }
    }
    let mut jobs = Vec::new();
    let mut rules = RulesCache::default();
    for (name, session) in &sessions {
        match Job::prepare(ctx, session, &spec, &mut rules) {
            Ok(job) => jobs.push((*name, job)),
            Err(failure) => rows.push(Row::new(name, None, Err(failure))),
        }
    }

    let cap = Arc::new(Semaphore::new(fleet.max_connections()));
    let bars = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
    let finished = block_on(async {
        let stop = Arc::new(AtomicBool::new(false));
        let _listener = listen_for_ctrl_c(stop.clone())?;
        Ok::<_, Failure>(import_side_by_side(ctx, &spec, jobs, &cap, &bars, &stop, &warn).await)
    })??;
    rows.extend(finished);
    rows.sort_by(|a, b| a.profile.cmp(&b.profile));
    let _ = bars.clear();
    let worst = rows
        .iter()
        .filter_map(Row::kind)
        .max_by_key(|k| k.severity());
    let failing: Vec<String> = rows
        .iter()
        .filter(|r| r.error.is_some())
        .map(|r| r.profile.clone())
        .collect();
    let total = rows.len();
    let rows = Rows {
        event: "finished-all",
        mailboxes: rows,
    };
    if ctx.printer.json() {
        // One line, like the events before it.
        let line = serde_json::to_string(&rows).classify(ErrorKind::Failed)?;
        write_line(&mut std::io::stdout().lock(), &line)?;
    } else {
        ctx.printer.data(&rows)?;
    }
    match worst {
        None => Ok(()),
        Some(kind) => Err(UserError::new(
            kind,
            format!(
                "{} of {total} mailbox(es) did not import fully: {}",
                failing.len(),
                failing.join(", ")
            ),
        )
        .with_hint("the table names each one's error and fix; the others imported")
        .into()),
    }
}

/// The profiles `--all` / `--profiles` choose (in the config file's order), refused with
/// `-p` (which names one) or when none matches.
pub fn selected_profiles(
    ctx: &Context,
    fleet: &FleetArgs,
) -> Result<(ConfigFile, Vec<ProfileName>)> {
    if ctx.global.profile.is_some() {
        return Err(UserError::new(
            ErrorKind::Usage,
            "--all and --profiles choose the profiles themselves; -p (or MAILCONN_PROFILE) names one",
        )
        .with_hint("drop -p, or unset MAILCONN_PROFILE for this run")
        .into());
    }
    let file = ctx.load_config()?;
    let names: Vec<ProfileName> = file
        .profiles
        .keys()
        .filter(|n| fleet.wants(n))
        .cloned()
        .collect();
    if names.is_empty() {
        let asked = if fleet.all {
            "no profile".to_owned()
        } else {
            format!("no profile matches {}", fleet.patterns.join(", "))
        };
        return Err(UserError::new(
            ErrorKind::Config,
            format!("{asked} in {}", file.path.display()),
        )
        .with_hint("`mailconn profile list` shows the profiles")
        .into());
    }
    Ok((file, names))
}

/// The sign-in session of the profile `name` of `file`, with its own settings only.
pub fn open_session<'w>(
    file: &ConfigFile,
    name: &ProfileName,
    dirs: &Dirs,
    http: &reqwest::Client,
    warn: &'w dyn Fn(&str),
) -> Result<Session<'w>> {
    match &file.profiles[name] {
        Err(problem) => Err(Failure::from(file.problem_error(problem))),
        Ok(profile) => {
            let settings = resolve::resolve_in(file, Some((name, profile)), Overrides::default())?;
            let credentials = Credentials::new(name.clone(), dirs, warn)?;
            Ok(Session::new(settings, Some(credentials), http.clone())?)
        }
    }
}

/// Sessions with the same key get the same token, so they share one Graph client. A
/// delegated profile signs in as its user: a group of its own.
pub fn token_group(name: &ProfileName, session: &Session<'_>) -> String {
    session
        .app_token_key()
        .unwrap_or_else(|| format!("delegated {name}"))
}

/// The Graph client of a token group, sharing the process's request cap.
pub fn group_graph(
    leader: &Session<'_>,
    token: crate::secrets::Secret,
    cap: &Arc<Semaphore>,
) -> Graph {
    leader
        .graph_with(token)
        .with_immutable_ids()
        .with_request_cap(cap.clone())
}

/// Runs every job at once. Jobs whose sessions would get the same app-only token share one
/// token and one Graph client (its per-mailbox slots keep each mailbox at 4 in flight); a
/// group whose sign-in fails fails each of its mailboxes, and only them.
async fn import_side_by_side(
    ctx: &Context,
    spec: &RunSpec,
    jobs: Vec<(&ProfileName, Job<'_, '_>)>,
    cap: &Arc<Semaphore>,
    bars: &MultiProgress,
    stop: &AtomicBool,
    warn: &dyn Fn(&str),
) -> Vec<Row> {
    let mut groups: BTreeMap<String, Vec<(&ProfileName, Job<'_, '_>)>> = BTreeMap::new();
    for (name, job) in jobs {
        groups
            .entry(token_group(name, job.session))
            .or_default()
            .push((name, job));
    }
    let runs = groups
        .into_values()
        .map(|group| import_group(ctx, spec, group, cap, bars, stop, warn));
    join_all(runs).await.into_iter().flatten().collect()
}

/// One token for the group, signed in by its first profile's session.
async fn import_group(
    ctx: &Context,
    spec: &RunSpec,
    group: Vec<(&ProfileName, Job<'_, '_>)>,
    cap: &Arc<Semaphore>,
    bars: &MultiProgress,
    stop: &AtomicBool,
    warn: &dyn Fn(&str),
) -> Vec<Row> {
    let leader = group[0].1.session;
    let token = match leader.access_token().await {
        Ok(token) => token,
        Err(e) => {
            let failure = Failure::from(e);
            return group
                .into_iter()
                .map(|(name, job)| {
                    let mailbox = Some(job.configured.clone());
                    Row::new(name, mailbox, Err(clone_failure(&failure)))
                })
                .collect();
        }
    };
    let graph = group_graph(leader, token.token, cap);
    let tokens = Tokens::new(leader, &graph, token.expires_at);
    let runs = group.into_iter().map(|(name, job)| {
        let mailbox = job.configured.clone();
        let reporter =
            ImportReporter::of_profile(&ctx.printer, spec.explain, bars, name.as_str(), &mailbox);
        let (graph, tokens) = (&graph, &tokens);
        async move {
            let outcome = job.run(spec, graph, tokens, &reporter, stop, warn).await;
            Row::new(name, Some(mailbox), outcome)
        }
    });
    join_all(runs).await
}

/// The same sign-in failure for each mailbox of a group: its kind, message and hint.
fn clone_failure(failure: &Failure) -> Failure {
    let d = failure.diagnosis();
    let mut copy = UserError::new(d.kind, d.message);
    copy.hint = d.hint;
    copy.into()
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn patterns_match_whole_names() {
        assert!(glob_match("*", "support"));
        assert!(glob_match("cust-*", "cust-acme"));
        assert!(glob_match("cust-?", "cust-a"));
        assert!(glob_match("*-eu-*", "cust-eu-1"));
        assert!(!glob_match("cust-?", "cust-ab"));
        assert!(!glob_match("cust", "cust-a"));
        assert!(!glob_match("a*b", "acbd"));
        assert!(glob_match("a*b*", "acbd"));
    }
}
