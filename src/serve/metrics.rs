//! What `mailconn serve` counts, and its `/metrics` page in the Prometheus text exposition
//! format 0.0.4: `# HELP` and `# TYPE` before each family, counters named `…_total`, label
//! values escaped (`\`, `"` and newlines), one sample per line, a newline at the end.
//!
//! Everything is per mailbox (labels `profile` and `mailbox`, the mailbox as configured),
//! except the time from arrival to ticket, one histogram for the whole worker. Nothing
//! secret is a label or a value: profile names and mailbox addresses are configuration.
//!
//! On a shared store, each mailbox is either dealt to this worker or to another
//! (`mailconn_mailbox_dealt`), runs that found its lease held elsewhere are counted, and so
//! are the live workers of each store.

use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};

use crate::graph::Meter;
use crate::import::events::{Event, Outcome, Reporter, Round, Summary};

/// Upper bounds of the arrival-to-ticket histogram, in seconds: from a notification's
/// fraction of a second to a slow poll's hour.
const ARRIVAL_BUCKETS: [f64; 14] = [
    0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0,
];

/// The counters of one served mailbox.
pub struct Mailbox {
    pub profile: String,
    /// As configured.
    pub mailbox: String,
    /// Its scheduled imports' interval (for `/healthz`).
    pub poll_interval: Duration,
    imported: AtomicU64,
    ignored: AtomicU64,
    failed: AtomicU64,
    post_actions_failed: AtomicU64,
    notifications: AtomicU64,
    /// Notifications for it that came here while it was dealt to another worker, and
    /// were relayed to that one.
    relayed: AtomicU64,
    graph_requests: AtomicU64,
    graph_throttled: AtomicU64,
    runs_ok: AtomicU64,
    runs_partial: AtomicU64,
    runs_failed: AtomicU64,
    runs_interrupted: AtomicU64,
    running: AtomicBool,
    /// Whether its store is shared with other workers.
    shared: bool,
    /// On a shared store: whether the deal gives it to this worker (always, on a file).
    dealt: AtomicBool,
    /// Runs that found the folder's lease held by another worker.
    lease_busy: AtomicU64,
    /// Unix seconds of the end of the last run that finished without error.
    last_success: Mutex<Option<f64>>,
}

impl Mailbox {
    /// `shared`: its store is shared with other workers, and it is this worker's only once
    /// the deal says so.
    pub fn new(profile: &str, mailbox: &str, poll_interval: Duration, shared: bool) -> Mailbox {
        Mailbox {
            profile: profile.to_owned(),
            mailbox: mailbox.to_owned(),
            poll_interval,
            imported: AtomicU64::new(0),
            ignored: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            post_actions_failed: AtomicU64::new(0),
            notifications: AtomicU64::new(0),
            relayed: AtomicU64::new(0),
            graph_requests: AtomicU64::new(0),
            graph_throttled: AtomicU64::new(0),
            runs_ok: AtomicU64::new(0),
            runs_partial: AtomicU64::new(0),
            runs_failed: AtomicU64::new(0),
            runs_interrupted: AtomicU64::new(0),
            running: AtomicBool::new(false),
            shared,
            dealt: AtomicBool::new(!shared),
            lease_busy: AtomicU64::new(0),
            last_success: Mutex::new(None),
        }
    }
}

impl Mailbox {
    pub fn shared(&self) -> bool {
        self.shared
    }
}

/// How a run ended, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunResult {
    Ok,
    /// Finished, some messages or post-actions failed.
    Partial,
    /// Did not finish (sign-in, Graph, the store, a lock held elsewhere).
    Failed,
    /// Stopped by SIGTERM/SIGINT after the messages in hand.
    Interrupted,
    /// Did not start: another worker holds the folder's lease (shared store).
    Busy,
}

impl RunResult {
    pub fn of(outcome: Result<&Summary, ()>) -> RunResult {
        match outcome {
            Err(()) => RunResult::Failed,
            Ok(s) if s.interrupted => RunResult::Interrupted,
            Ok(s) if s.partial() => RunResult::Partial,
            Ok(_) => RunResult::Ok,
        }
    }
}

#[derive(Default)]
struct Histogram {
    /// Per bucket (not cumulative), the last one +Inf.
    counts: [u64; ARRIVAL_BUCKETS.len() + 1],
    sum: f64,
    count: u64,
}

/// The worker's counters: one [`Mailbox`] per served profile, by index.
pub struct Metrics {
    pub mailboxes: Vec<Mailbox>,
    /// Live workers per shared store, at the last heartbeat.
    workers: Mutex<std::collections::BTreeMap<String, usize>>,
    arrival: Mutex<Histogram>,
    started: f64,
    stopping: AtomicBool,
}

tokio::task_local! {
    /// The mailbox (index) whose import the current future runs: Graph requests of a shared
    /// client are counted for it.
    static CURRENT: usize;
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or_default()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// What `/healthz` says.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Health {
    /// `ok`, `stopping` or `stalled`.
    pub status: &'static str,
    pub mailboxes: usize,
    pub importing: usize,
    /// Profiles without a successful import for over three poll intervals.
    pub stalled: Vec<String>,
}

impl Health {
    pub fn ok(&self) -> bool {
        self.status == "ok"
    }
}

impl Metrics {
    pub fn new(mailboxes: Vec<Mailbox>) -> Metrics {
        Metrics {
            mailboxes,
            workers: Mutex::default(),
            arrival: Mutex::default(),
            started: unix_now(),
            stopping: AtomicBool::new(false),
        }
    }

    /// Runs `run` (one import of mailbox `index`) with its Graph requests counted for it.
    pub async fn scope<F: Future>(&self, index: usize, run: F) -> F::Output {
        CURRENT.scope(index, run).await
    }

    /// Records whether the deal gives mailbox `index` to this worker; true if that changed.
    pub fn set_dealt(&self, index: usize, dealt: bool) -> bool {
        self.mailboxes[index].dealt.swap(dealt, Ordering::Relaxed) != dealt
    }

    /// Whether this worker is to import mailbox `index` (on a file store: always).
    pub fn is_dealt(&self, index: usize) -> bool {
        self.mailboxes[index].dealt.load(Ordering::Relaxed)
    }

    pub fn set_workers(&self, store: &str, live: usize) {
        lock(&self.workers).insert(store.to_owned(), live);
    }

    pub fn notified(&self, index: usize) {
        self.mailboxes[index]
            .notifications
            .fetch_add(1, Ordering::Relaxed);
    }

    pub fn relayed(&self, index: usize) {
        self.mailboxes[index]
            .relayed
            .fetch_add(1, Ordering::Relaxed);
    }

    pub fn run_started(&self, index: usize) {
        self.mailboxes[index].running.store(true, Ordering::Relaxed);
    }

    pub fn run_ended(&self, index: usize, result: RunResult) {
        let m = &self.mailboxes[index];
        m.running.store(false, Ordering::Relaxed);
        let counter = match result {
            RunResult::Ok => &m.runs_ok,
            RunResult::Partial => &m.runs_partial,
            RunResult::Failed => &m.runs_failed,
            RunResult::Interrupted => &m.runs_interrupted,
            RunResult::Busy => &m.lease_busy,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        if matches!(result, RunResult::Ok | RunResult::Interrupted) {
            *lock(&m.last_success) = Some(unix_now());
        }
    }

    pub fn set_stopping(&self) {
        self.stopping.store(true, Ordering::Relaxed);
    }

    /// One message of mailbox `index` reported by its import; `received` when its time from
    /// arrival counts.
    fn message(&self, index: usize, outcome: Outcome, received: Option<DateTime<Utc>>) {
        let m = &self.mailboxes[index];
        match outcome {
            Outcome::Imported => {
                m.imported.fetch_add(1, Ordering::Relaxed);
                if let Some(received) = received {
                    let waited = (Utc::now() - received).num_milliseconds().max(0) as f64;
                    self.observe_arrival(waited / 1000.0);
                }
            }
            Outcome::Ignored => {
                m.ignored.fetch_add(1, Ordering::Relaxed);
            }
            Outcome::Failed => {
                m.failed.fetch_add(1, Ordering::Relaxed);
            }
            Outcome::AlreadyImported | Outcome::WouldImport | Outcome::WouldIgnore => {}
        }
    }

    fn observe_arrival(&self, seconds: f64) {
        let mut h = lock(&self.arrival);
        let bucket = ARRIVAL_BUCKETS
            .iter()
            .position(|&bound| seconds <= bound)
            .unwrap_or(ARRIVAL_BUCKETS.len());
        h.counts[bucket] += 1;
        h.sum += seconds;
        h.count += 1;
    }

    /// Healthy while running, unless every mailbox has gone three poll intervals (and a
    /// minute) without a successful import: then the worker gets nothing through at all
    /// (Graph, sign-in or the store is down for everyone) and a restart or a person is due.
    /// One broken mailbox is not the worker's health: `/metrics` shows it.
    pub fn health(&self) -> Health {
        let now = unix_now();
        // Mailboxes dealt to other workers are theirs to keep healthy.
        let mine: Vec<&Mailbox> = self
            .mailboxes
            .iter()
            .filter(|m| m.dealt.load(Ordering::Relaxed))
            .collect();
        let stalled: Vec<String> = mine
            .iter()
            .filter(|m| {
                let since = lock(&m.last_success).unwrap_or(self.started);
                let allowed = 3.0 * m.poll_interval.as_secs_f64() + 60.0;
                now - since > allowed
            })
            .map(|m| m.profile.clone())
            .collect();
        let status = if self.stopping.load(Ordering::Relaxed) {
            "stopping"
        } else if !mine.is_empty() && stalled.len() == mine.len() {
            "stalled"
        } else {
            "ok"
        };
        Health {
            status,
            mailboxes: self.mailboxes.len(),
            importing: self
                .mailboxes
                .iter()
                .filter(|m| m.running.load(Ordering::Relaxed))
                .count(),
            stalled,
        }
    }

    /// The `/metrics` page; `subscriptions(profile)` counts a profile's subscriptions.
    pub fn render(&self, subscriptions: &dyn Fn(&str) -> usize) -> String {
        let mut out = String::new();
        let per_mailbox = |out: &mut String,
                           name: &str,
                           kind: &str,
                           help: &str,
                           value: &dyn Fn(&Mailbox) -> String| {
            family(out, name, kind, help);
            for m in &self.mailboxes {
                let _ = writeln!(out, "{name}{} {}", labels(m, &[]), value(m));
            }
        };
        let count = |c: &AtomicU64| c.load(Ordering::Relaxed).to_string();
        per_mailbox(
            &mut out,
            "mailconn_messages_imported_total",
            "counter",
            "Messages imported (a new ticket or a follow-up), per mailbox.",
            &|m| count(&m.imported),
        );
        per_mailbox(
            &mut out,
            "mailconn_messages_ignored_total",
            "counter",
            "Messages the rules ignored, per mailbox.",
            &|m| count(&m.ignored),
        );
        per_mailbox(
            &mut out,
            "mailconn_messages_failed_total",
            "counter",
            "Messages that failed to import (retried by a later run), per mailbox.",
            &|m| count(&m.failed),
        );
        per_mailbox(
            &mut out,
            "mailconn_post_actions_failed_total",
            "counter",
            "Post-actions (mark read, move, delete) that failed, per mailbox.",
            &|m| count(&m.post_actions_failed),
        );
        family(
            &mut out,
            "mailconn_import_runs_total",
            "counter",
            "Import runs by how they ended: ok, partial (some messages failed), failed (did not finish), interrupted (stopped by a signal).",
        );
        for m in &self.mailboxes {
            for (result, c) in [
                ("ok", &m.runs_ok),
                ("partial", &m.runs_partial),
                ("failed", &m.runs_failed),
                ("interrupted", &m.runs_interrupted),
            ] {
                let _ = writeln!(
                    out,
                    "mailconn_import_runs_total{} {}",
                    labels(m, &[("result", result)]),
                    count(c)
                );
            }
        }
        per_mailbox(
            &mut out,
            "mailconn_import_running",
            "gauge",
            "1 while an import of the mailbox runs.",
            &|m| u8::from(m.running.load(Ordering::Relaxed)).to_string(),
        );
        per_mailbox(
            &mut out,
            "mailconn_mailbox_dealt",
            "gauge",
            "1 if this worker imports the mailbox: always on a store of its own, by the deal among the live workers on a shared store.",
            &|m| u8::from(m.dealt.load(Ordering::Relaxed)).to_string(),
        );
        per_mailbox(
            &mut out,
            "mailconn_lease_busy_total",
            "counter",
            "Runs that found the mailbox folder's lease held by another worker (shared store).",
            &|m| count(&m.lease_busy),
        );
        family(
            &mut out,
            "mailconn_workers_live",
            "gauge",
            "Workers whose heartbeat in the shared store is current, this one included.",
        );
        for (store, live) in lock(&self.workers).iter() {
            let _ = writeln!(
                out,
                "mailconn_workers_live{{store=\"{}\"}} {live}",
                escape_label(store)
            );
        }
        per_mailbox(
            &mut out,
            "mailconn_last_success_timestamp_seconds",
            "gauge",
            "Unix time of the end of the mailbox's last import without errors (0: none yet).",
            &|m| lock(&m.last_success).unwrap_or(0.0).to_string(),
        );
        per_mailbox(
            &mut out,
            "mailconn_notifications_total",
            "counter",
            "Change notifications accepted for the mailbox's subscriptions (clientState checked).",
            &|m| count(&m.notifications),
        );
        per_mailbox(
            &mut out,
            "mailconn_notifications_relayed_total",
            "counter",
            "Of those, the ones relayed through the shared store to the worker the mailbox is dealt to.",
            &|m| count(&m.relayed),
        );
        per_mailbox(
            &mut out,
            "mailconn_subscriptions",
            "gauge",
            "Graph subscriptions the worker keeps for the mailbox's profile.",
            &|m| subscriptions(&m.profile).to_string(),
        );
        per_mailbox(
            &mut out,
            "mailconn_graph_requests_total",
            "counter",
            "Graph requests the mailbox's imports sent, retries included.",
            &|m| count(&m.graph_requests),
        );
        per_mailbox(
            &mut out,
            "mailconn_graph_throttled_total",
            "counter",
            "Graph answers 429 Too Many Requests to the mailbox's imports.",
            &|m| count(&m.graph_throttled),
        );
        family(
            &mut out,
            "mailconn_arrival_to_ticket_seconds",
            "histogram",
            "Time from a message's arrival in the mailbox (receivedDateTime) to its ticket.",
        );
        let h = lock(&self.arrival);
        let mut cumulative = 0;
        for (i, bound) in ARRIVAL_BUCKETS.iter().enumerate() {
            cumulative += h.counts[i];
            let _ = writeln!(
                out,
                "mailconn_arrival_to_ticket_seconds_bucket{{le=\"{bound}\"}} {cumulative}"
            );
        }
        cumulative += h.counts[ARRIVAL_BUCKETS.len()];
        let _ = writeln!(
            out,
            "mailconn_arrival_to_ticket_seconds_bucket{{le=\"+Inf\"}} {cumulative}"
        );
        let _ = writeln!(out, "mailconn_arrival_to_ticket_seconds_sum {}", h.sum);
        let _ = writeln!(out, "mailconn_arrival_to_ticket_seconds_count {}", h.count);
        out
    }
}

impl Meter for Metrics {
    fn answered(&self, _mailbox: &str, status: Option<u16>) {
        // Outside an import (none of ours): not counted.
        let Ok(index) = CURRENT.try_with(|i| *i) else {
            return;
        };
        let m = &self.mailboxes[index];
        m.graph_requests.fetch_add(1, Ordering::Relaxed);
        if status == Some(429) {
            m.graph_throttled.fetch_add(1, Ordering::Relaxed);
        }
    }
}

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let help = help.replace('\\', "\\\\").replace('\n', "\\n");
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

fn labels(m: &Mailbox, extra: &[(&str, &str)]) -> String {
    let pairs = [
        ("profile", m.profile.as_str()),
        ("mailbox", m.mailbox.as_str()),
    ];
    let all: Vec<String> = pairs
        .iter()
        .chain(extra)
        .map(|(k, v)| format!("{k}=\"{}\"", escape_label(v)))
        .collect();
    format!("{{{}}}", all.join(","))
}

/// A label value as the text format wants it.
pub fn escape_label(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Passes a run's events on and counts its messages for mailbox `index`. A folder's first
/// round (the backlog, mail of days or years ago) is not timed from arrival: it says nothing
/// about how fast new mail becomes a ticket.
pub struct Counting<'a> {
    inner: &'a dyn Reporter,
    metrics: &'a Metrics,
    index: usize,
    backlog: AtomicBool,
}

impl<'a> Counting<'a> {
    pub fn new(inner: &'a dyn Reporter, metrics: &'a Metrics, index: usize) -> Counting<'a> {
        Counting {
            inner,
            metrics,
            index,
            backlog: AtomicBool::new(false),
        }
    }
}

impl Reporter for Counting<'_> {
    fn report(&self, event: &Event) {
        match event {
            Event::Started { round, .. } => {
                self.backlog
                    .store(*round == Round::First, Ordering::Relaxed);
            }
            Event::Message(m) => {
                let timed = !self.backlog.load(Ordering::Relaxed);
                let received = m.received_at.filter(|_| timed);
                self.metrics.message(self.index, m.outcome, received);
            }
            Event::PostAction(p) if !p.ok => {
                self.metrics.mailboxes[self.index]
                    .post_actions_failed
                    .fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
        self.inner.report(event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics {
        Metrics::new(vec![
            Mailbox::new(
                "desk",
                "support@contoso.test",
                Duration::from_secs(60),
                false,
            ),
            Mailbox::new("odd", "we\"ird\\box\n", Duration::from_secs(60), false),
        ])
    }

    #[test]
    fn every_family_has_help_and_type_and_counters_end_in_total() {
        let m = metrics();
        m.message(0, Outcome::Imported, Some(Utc::now()));
        m.message(0, Outcome::Failed, None);
        let page = m.render(&|_| 1);
        let mut typed = std::collections::BTreeMap::new();
        for line in page.lines() {
            if let Some(rest) = line.strip_prefix("# TYPE ") {
                let (name, kind) = rest.split_once(' ').unwrap();
                typed.insert(name.to_owned(), kind.to_owned());
            }
        }
        for (name, kind) in &typed {
            assert!(page.contains(&format!("# HELP {name} ")), "{name}");
            assert_eq!(kind == "counter", name.ends_with("_total"), "{name}");
        }
        assert!(page.contains(
            "mailconn_messages_imported_total{profile=\"desk\",mailbox=\"support@contoso.test\"} 1"
        ));
        assert!(page.contains(
            "mailconn_messages_failed_total{profile=\"desk\",mailbox=\"support@contoso.test\"} 1"
        ));
        assert!(page.ends_with('\n'));
    }

    #[test]
    fn label_values_are_escaped() {
        let page = metrics().render(&|_| 0);
        assert!(
            page.contains(r#"{profile="odd",mailbox="we\"ird\\box\n"}"#),
            "{page}"
        );
        assert_eq!(escape_label("a\"b\\c\nd"), r#"a\"b\\c\nd"#);
    }

    #[test]
    fn the_histogram_is_cumulative() {
        let m = metrics();
        for seconds in [0.1, 0.7, 2.5, 5000.0] {
            m.observe_arrival(seconds);
        }
        let page = m.render(&|_| 0);
        assert!(page.contains("mailconn_arrival_to_ticket_seconds_bucket{le=\"0.25\"} 1\n"));
        assert!(page.contains("mailconn_arrival_to_ticket_seconds_bucket{le=\"1\"} 2\n"));
        assert!(page.contains("mailconn_arrival_to_ticket_seconds_bucket{le=\"3\"} 3\n"));
        assert!(page.contains("mailconn_arrival_to_ticket_seconds_bucket{le=\"3600\"} 3\n"));
        assert!(page.contains("mailconn_arrival_to_ticket_seconds_bucket{le=\"+Inf\"} 4\n"));
        assert!(page.contains("mailconn_arrival_to_ticket_seconds_count 4\n"));
    }

    #[tokio::test]
    async fn graph_requests_count_for_the_import_that_sent_them() {
        let m = metrics();
        m.answered("x", Some(200)); // outside any import: not counted
        m.scope(1, async {
            m.answered("x", Some(200));
            m.answered("x", Some(429));
            m.answered("x", None);
        })
        .await;
        assert_eq!(m.mailboxes[0].graph_requests.load(Ordering::Relaxed), 0);
        assert_eq!(m.mailboxes[1].graph_requests.load(Ordering::Relaxed), 3);
        assert_eq!(m.mailboxes[1].graph_throttled.load(Ordering::Relaxed), 1);
    }

    struct Quiet;
    impl Reporter for Quiet {
        fn report(&self, _: &Event) {}
    }

    fn started(round: Round) -> Event {
        Event::Started {
            mailbox: "support@contoso.test".into(),
            mailbox_id: "id".into(),
            folder: "Inbox".into(),
            folder_id: "f".into(),
            round,
            since: None,
            dry_run: false,
        }
    }

    fn imported() -> Event {
        Event::Message(crate::import::events::MessageReport {
            id: "m".into(),
            log_id: None,
            outcome: Outcome::Imported,
            subject: "s".into(),
            from: None,
            received_at: Some(Utc::now()),
            decision: None,
            ticket_id: None,
            error: None,
            hint: None,
        })
    }

    #[test]
    fn a_backlog_counts_as_imported_but_is_not_timed_from_arrival() {
        let m = metrics();
        let counting = Counting::new(&Quiet, &m, 0);
        counting.report(&started(Round::First));
        counting.report(&imported());
        counting.report(&started(Round::Incremental));
        counting.report(&imported());
        assert_eq!(m.mailboxes[0].imported.load(Ordering::Relaxed), 2);
        assert_eq!(lock(&m.arrival).count, 1);
    }

    #[test]
    fn health_turns_bad_when_stopping() {
        let m = metrics();
        assert!(m.health().ok());
        m.set_stopping();
        assert_eq!(m.health().status, "stopping");
    }
}
