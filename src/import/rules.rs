//! Rules: a normalized message -> a [`Decision`] (new ticket, follow-up, ignore), with the
//! name of the rule that decided it, for `--explain` and the processing log.
//!
//! The checks run in a fixed, documented order (README "Rules file"): sender deny/allow
//! lists, mail from the mailbox itself, auto-replies and bounces, the per-sender flood
//! limit, then the `[[route]]` entries (first match wins), then follow-up detection (ticket
//! token in the subject, In-Reply-To/References), else a new ticket.

use std::path::Path;

use chrono::{DateTime, Utc};
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::normalize::Message;
use super::preprocess::{Preprocessor, StripRule};
use crate::error::{Diagnose, ErrorKind};
use crate::settings::Location;
use crate::settings::values::Span;
use crate::store::{History, StoreError, TicketId};

const LOOPS_NEED_BOTH: &str = "loops needs both max_per_sender and window (e.g. 20 and \"1h\")";

/// The default ticket token: `[#1234]` anywhere in the subject.
pub const DEFAULT_TOKEN: &str = r"\[#(\d+)\]";

/// A value with where it was written, so an error can point at it.
type Spanned<T> = toml::Spanned<T>;

/// The rules file as written. Every table is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    ticket: TicketSection,
    #[serde(default)]
    senders: SendersSection,
    #[serde(default)]
    loops: LoopsSection,
    #[serde(default)]
    auto_replies: AutoRepliesSection,
    #[serde(default)]
    defaults: Routing,
    #[serde(default)]
    preprocess: PreprocessSection,
    #[serde(default)]
    route: Vec<RouteSection>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TicketSection {
    token: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SendersSection {
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    deny: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LoopsSection {
    /// Our own addresses besides the mailbox (aliases, the help desk's notification sender).
    #[serde(default)]
    own_addresses: Vec<String>,
    max_per_sender: Option<Spanned<u64>>,
    window: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AutoRepliesSection {
    #[serde(default = "yes")]
    ignore: bool,
}

impl Default for AutoRepliesSection {
    fn default() -> Self {
        AutoRepliesSection { ignore: true }
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PreprocessSection {
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    strip: Vec<StripSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StripSection {
    name: String,
    pattern: Spanned<String>,
}

/// Queue, priority and tags for a ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Routing {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteSection {
    name: Spanned<String>,
    /// Regex on the subject.
    subject: Option<Spanned<String>>,
    /// Glob (`*@example.com`) on the sender address.
    from: Option<Spanned<String>>,
    /// Glob on any To/Cc address.
    to: Option<Spanned<String>>,
    /// Regex on the readable text.
    body: Option<Spanned<String>>,
    /// Ignore matching mail with this reason instead of routing it.
    ignore: Option<String>,
    // The routing fields one by one: `#[serde(flatten)]` would deserialize this table
    // through a buffer that loses the spans.
    queue: Option<String>,
    priority: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
}

/// A compiled route.
#[derive(Debug)]
struct Route {
    name: String,
    subject: Option<Regex>,
    from: Option<Glob>,
    to: Option<Glob>,
    body: Option<Regex>,
    ignore: Option<String>,
    routing: Routing,
}

/// A case-insensitive address pattern where `*` matches any run of characters.
#[derive(Debug, Clone)]
struct Glob(Regex);

impl Glob {
    fn new(pattern: &str) -> Result<Glob, regex::Error> {
        let escaped = regex::escape(&pattern.to_lowercase()).replace(r"\*", ".*");
        Ok(Glob(Regex::new(&format!("^{escaped}$"))?))
    }

    fn matches(&self, address: &str) -> bool {
        self.0.is_match(&address.to_lowercase())
    }
}

/// A validated rules file, ready to decide.
#[derive(Debug)]
pub struct Rules {
    token: Regex,
    allow: Vec<Glob>,
    deny: Vec<Glob>,
    own_addresses: Vec<String>,
    flood: Option<(u64, Span)>,
    ignore_auto_replies: bool,
    defaults: Routing,
    routes: Vec<Route>,
    preprocessor: Preprocessor,
}

/// What happens to a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "action")]
pub enum Action {
    NewTicket,
    FollowUp { ticket: TicketId },
    Ignore { reason: String },
}

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::NewTicket => "new-ticket",
            Action::FollowUp { .. } => "follow-up",
            Action::Ignore { .. } => "ignore",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    #[serde(flatten)]
    pub action: Action,
    /// The rule that decided, e.g. `auto-reply:auto-submitted`, `route:billing`,
    /// `follow-up:ticket-token`, `default`.
    pub rule: String,
    #[serde(flatten)]
    pub routing: Routing,
}

impl Decision {
    fn ignore(rule: impl Into<String>, reason: impl Into<String>) -> Decision {
        Decision {
            action: Action::Ignore {
                reason: reason.into(),
            },
            rule: rule.into(),
            routing: Routing::default(),
        }
    }
}

/// Where a decision's inputs come from besides the message.
pub struct Context<'a> {
    /// The mailbox being imported (its own address is a loop).
    pub mailbox: &'a str,
    pub now: DateTime<Utc>,
    pub history: &'a dyn History,
}

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("cannot read rules file {}: {source}", path.display())]
    Read {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{}:{}: {message}", path.display(), at.line, at.column)]
    Invalid {
        path: std::path::PathBuf,
        at: Location,
        message: String,
    },
}

impl Diagnose for RulesError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Config
    }
    fn hint(&self) -> Option<String> {
        Some("the rules file format is described in the README, section \"Rules file\"".into())
    }
}

impl Rules {
    pub fn load(path: &Path) -> Result<Rules, RulesError> {
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Read {
            path: path.to_owned(),
            source,
        })?;
        Rules::parse(&text, path)
    }

    /// Parses and validates; every problem names its line and column in `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Rules, RulesError> {
        let invalid = |offset: usize, message: String| RulesError::Invalid {
            path: path.to_owned(),
            at: Location::of_offset(text, offset),
            message,
        };
        let file: RulesFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            invalid(offset, e.message().to_owned())
        })?;
        // Semantic errors point at the offending value, where the parser saw it.
        let at = |value: &Spanned<String>| value.span().start;
        let regex = |pattern: &Spanned<String>, what: &str| {
            Regex::new(pattern.get_ref()).map_err(|e| invalid(at(pattern), format!("{what}: {e}")))
        };
        let glob = |pattern: &Spanned<String>| {
            Glob::new(pattern.get_ref())
                .map_err(|e| invalid(at(pattern), format!("bad address pattern: {e}")))
        };
        let token = match &file.ticket.token {
            Some(pattern) => {
                let token = regex(pattern, "ticket token")?;
                if token.captures_len() < 2 {
                    return Err(invalid(
                        at(pattern),
                        "ticket token needs a capture group around the number, e.g. \\[#(\\d+)\\]"
                            .into(),
                    ));
                }
                token
            }
            None => Regex::new(DEFAULT_TOKEN).expect("the default token is a valid regex"),
        };
        let flood = match (&file.loops.max_per_sender, &file.loops.window) {
            (None, None) => None,
            (Some(max), Some(window)) => {
                let span: Span = window
                    .get_ref()
                    .parse()
                    .map_err(|e| invalid(at(window), e))?;
                Some((*max.get_ref(), span))
            }
            (Some(max), None) => return Err(invalid(max.span().start, LOOPS_NEED_BOTH.into())),
            (None, Some(window)) => return Err(invalid(at(window), LOOPS_NEED_BOTH.into())),
        };
        let builtin_names: Vec<&str> = super::preprocess::BUILTIN_RULES
            .iter()
            .map(|(n, _)| *n)
            .collect();
        for name in &file.preprocess.disable {
            if !builtin_names.contains(&name.get_ref().as_str()) {
                return Err(invalid(
                    at(name),
                    format!(
                        "unknown built-in preprocess rule '{}'; known: {}",
                        name.get_ref(),
                        builtin_names.join(", ")
                    ),
                ));
            }
        }
        let strip = file
            .preprocess
            .strip
            .iter()
            .map(|s| {
                StripRule::new(s.name.clone(), s.pattern.get_ref()).map_err(|e| {
                    invalid(at(&s.pattern), format!("preprocess rule '{}': {e}", s.name))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut routes = Vec::new();
        for r in &file.route {
            let name = r.name.get_ref();
            if r.subject.is_none() && r.from.is_none() && r.to.is_none() && r.body.is_none() {
                return Err(invalid(
                    at(&r.name),
                    format!("route '{name}' matches nothing: give subject, from, to or body"),
                ));
            }
            routes.push(Route {
                name: name.clone(),
                subject: r
                    .subject
                    .as_ref()
                    .map(|p| regex(p, "subject"))
                    .transpose()?,
                from: r.from.as_ref().map(glob).transpose()?,
                to: r.to.as_ref().map(glob).transpose()?,
                body: r.body.as_ref().map(|p| regex(p, "body")).transpose()?,
                ignore: r.ignore.clone(),
                routing: Routing {
                    queue: r.queue.clone(),
                    priority: r.priority.clone(),
                    tags: r.tags.clone(),
                },
            });
        }
        let disabled: Vec<String> = file
            .preprocess
            .disable
            .iter()
            .map(|name| name.get_ref().clone())
            .collect();
        Ok(Rules {
            token,
            allow: file
                .senders
                .allow
                .iter()
                .map(glob)
                .collect::<Result<_, _>>()?,
            deny: file
                .senders
                .deny
                .iter()
                .map(glob)
                .collect::<Result<_, _>>()?,
            own_addresses: file
                .loops
                .own_addresses
                .iter()
                .map(|a| a.to_lowercase())
                .collect(),
            flood,
            ignore_auto_replies: file.auto_replies.ignore,
            defaults: file.defaults,
            routes,
            preprocessor: Preprocessor::new(strip, &disabled),
        })
    }

    /// The preprocessor this file configures.
    pub fn preprocessor(&self) -> &Preprocessor {
        &self.preprocessor
    }

    /// A one-line summary per section, for `rules check`.
    pub fn summary(&self) -> RulesSummary {
        RulesSummary {
            ticket_token: self.token.as_str().to_owned(),
            allow: self.allow.len(),
            deny: self.deny.len(),
            own_addresses: self.own_addresses.len(),
            flood_limit: self
                .flood
                .map(|(max, span)| format!("{max} per {}s", span.duration().as_secs())),
            ignore_auto_replies: self.ignore_auto_replies,
            routes: self.routes.iter().map(|r| r.name.clone()).collect(),
            preprocess: self.preprocessor.rule_names().map(str::to_owned).collect(),
        }
    }

    /// Decides what to do with `message`.
    pub fn decide(&self, message: &Message, ctx: &Context) -> Result<Decision, StoreError> {
        let sender = message
            .from
            .as_ref()
            .map(|a| a.email.as_str())
            .unwrap_or("");
        if let Some(rule) = self.sender_rule(sender) {
            return Ok(rule);
        }
        let own = |addr: &str| {
            addr.eq_ignore_ascii_case(ctx.mailbox) || self.own_addresses.iter().any(|a| a == addr)
        };
        if own(sender) {
            return Ok(Decision::ignore(
                "loop:own-address",
                format!("sent by the mailbox itself ({sender})"),
            ));
        }
        if self.ignore_auto_replies
            && let Some((rule, reason)) = auto_reply(message)
        {
            return Ok(Decision::ignore(rule, reason));
        }
        if let Some((max, window)) = self.flood
            && !sender.is_empty()
        {
            let since = ctx.now - chrono::Duration::from_std(window.duration()).unwrap_or_default();
            let seen = ctx
                .history
                .messages_from_since(ctx.mailbox, sender, since)?;
            if seen >= max {
                return Ok(Decision::ignore(
                    "loop:max-per-sender",
                    format!(
                        "{seen} messages from {sender} in the last {}s (limit {max})",
                        window.duration().as_secs()
                    ),
                ));
            }
        }
        let route = self.routes.iter().find(|r| r.matches(message));
        if let Some(Route {
            name,
            ignore: Some(reason),
            ..
        }) = route
        {
            return Ok(Decision::ignore(format!("route:{name}"), reason.clone()));
        }
        let routing = route.map_or_else(|| self.defaults.clone(), |r| self.routed(&r.routing));
        let route_rule = route.map(|r| format!("route:{}", r.name));
        if let Some(ticket) = self.token_ticket(&message.subject, ctx)? {
            return Ok(Decision {
                action: Action::FollowUp { ticket },
                rule: "follow-up:ticket-token".into(),
                routing,
            });
        }
        let thread: Vec<String> = message
            .references
            .iter()
            .chain(&message.in_reply_to)
            .cloned()
            .collect();
        if !thread.is_empty()
            && let Some(ticket) = ctx.history.ticket_for_message_ids(ctx.mailbox, &thread)?
        {
            return Ok(Decision {
                action: Action::FollowUp { ticket },
                rule: "follow-up:references".into(),
                routing,
            });
        }
        Ok(Decision {
            action: Action::NewTicket,
            rule: route_rule.unwrap_or_else(|| "default".into()),
            routing,
        })
    }

    fn sender_rule(&self, sender: &str) -> Option<Decision> {
        if self.deny.iter().any(|g| g.matches(sender)) {
            return Some(Decision::ignore(
                "senders:deny",
                format!("{sender} is on the deny list"),
            ));
        }
        if !self.allow.is_empty() && !self.allow.iter().any(|g| g.matches(sender)) {
            return Some(Decision::ignore(
                "senders:allow",
                format!("{sender} is not on the allow list"),
            ));
        }
        None
    }

    /// A route's routing, with unset fields taken from `[defaults]`.
    fn routed(&self, routing: &Routing) -> Routing {
        Routing {
            queue: routing
                .queue
                .clone()
                .or_else(|| self.defaults.queue.clone()),
            priority: routing
                .priority
                .clone()
                .or_else(|| self.defaults.priority.clone()),
            tags: if routing.tags.is_empty() {
                self.defaults.tags.clone()
            } else {
                routing.tags.clone()
            },
        }
    }

    /// The ticket named by a token in the subject, if it exists; a token for an unknown
    /// ticket (another system's, or a typo) is not a follow-up.
    fn token_ticket(&self, subject: &str, ctx: &Context) -> Result<Option<TicketId>, StoreError> {
        for captures in self.token.captures_iter(subject) {
            let Some(id) = captures
                .get(1)
                .and_then(|m| m.as_str().parse::<TicketId>().ok())
            else {
                continue;
            };
            if ctx.history.ticket_exists(id)? {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }
}

impl Route {
    fn matches(&self, m: &Message) -> bool {
        let sender = m.from.as_ref().map(|a| a.email.as_str()).unwrap_or("");
        self.subject.as_ref().is_none_or(|r| r.is_match(&m.subject))
            && self.from.as_ref().is_none_or(|g| g.matches(sender))
            && self
                .to
                .as_ref()
                .is_none_or(|g| m.to.iter().chain(&m.cc).any(|a| g.matches(&a.email)))
            && self.body.as_ref().is_none_or(|r| r.is_match(&m.text))
    }
}

/// Auto-replies, bounces and bulk mail, by the headers that mark them (RFC 3834
/// Auto-Submitted, Exchange's X-Auto-Response-Suppress, Precedence, an empty Return-Path,
/// RFC 3464 delivery-status reports). Returns the rule and the reason.
fn auto_reply(m: &Message) -> Option<(&'static str, String)> {
    if let Some(v) = m.header("Auto-Submitted")
        && !v.eq_ignore_ascii_case("no")
    {
        return Some(("auto-reply:auto-submitted", format!("Auto-Submitted: {v}")));
    }
    if let Some(v) = m.header("X-Auto-Response-Suppress") {
        let lower = v.to_ascii_lowercase();
        if ["all", "oof", "autoreply"]
            .iter()
            .any(|k| lower.contains(k))
        {
            return Some((
                "auto-reply:x-auto-response-suppress",
                format!("X-Auto-Response-Suppress: {v}"),
            ));
        }
    }
    if let Some(v) = m.header("Precedence") {
        let lower = v.to_ascii_lowercase();
        if ["bulk", "junk", "list", "auto_reply"].contains(&lower.as_str()) {
            return Some(("auto-reply:precedence", format!("Precedence: {v}")));
        }
    }
    if let Some(v) = m.header("Return-Path")
        && v.trim_matches(|c: char| c == '<' || c == '>' || c.is_whitespace())
            .is_empty()
    {
        return Some(("bounce:null-return-path", "empty Return-Path (<>)".into()));
    }
    if let Some(v) = m.header("Content-Type") {
        let lower = v.to_ascii_lowercase();
        if lower.starts_with("multipart/report") && lower.contains("delivery-status") {
            return Some((
                "bounce:delivery-status",
                "delivery status notification".into(),
            ));
        }
    }
    None
}

/// What `rules check` prints.
#[derive(Debug, Clone, Serialize)]
pub struct RulesSummary {
    pub ticket_token: String,
    pub allow: usize,
    pub deny: usize,
    pub own_addresses: usize,
    pub flood_limit: Option<String>,
    pub ignore_auto_replies: bool,
    pub routes: Vec<String>,
    pub preprocess: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::normalize::{Limits, normalize};
    use crate::store::{
        Import, MessageKey, MessageMeta, RecordOne, RecordedDecision, SinkWrite, SqliteStore,
        TicketWrite,
    };

    const MAILBOX: &str = "support@contoso.com";

    fn rules(text: &str) -> Rules {
        Rules::parse(text, Path::new("rules.toml")).unwrap()
    }

    fn mail(headers: &str) -> Message {
        let raw = format!("{headers}\r\n\r\nbody text\r\n");
        normalize(raw.as_bytes(), &Limits::default()).unwrap()
    }

    fn decide(rules: &Rules, store: &SqliteStore, message: &Message) -> Decision {
        let ctx = Context {
            mailbox: MAILBOX,
            now: Utc::now(),
            history: store,
        };
        rules.decide(message, &ctx).unwrap()
    }

    /// A store holding ticket 1 whose first message is <root@example.com> from ann.
    fn store_with_ticket() -> SqliteStore {
        let mut store = SqliteStore::in_memory().unwrap();
        store
            .record_imported(&Import {
                key: MessageKey {
                    mailbox: MAILBOX.into(),
                    immutable_id: "id-1".into(),
                },
                meta: MessageMeta {
                    folder: "Inbox".into(),
                    internet_message_id: Some("root@example.com".into()),
                    sender: Some("ann@example.com".into()),
                    subject: "Printer".into(),
                    ..MessageMeta::default()
                },
                decision: RecordedDecision {
                    action: "new-ticket".into(),
                    rule: "default".into(),
                    reason: None,
                },
                sink: SinkWrite::Tickets(Box::new(TicketWrite {
                    follow_up: None,
                    queue: None,
                    priority: None,
                    tags: vec![],
                    from: Some("ann@example.com".into()),
                    subject: "Printer".into(),
                    text: String::new(),
                    original_text: String::new(),
                    html: None,
                    headers: vec![],
                    attachments: vec![],
                })),
                post_action: "none".into(),
                request_ids: vec![],
            })
            .unwrap();
        store
    }

    #[test]
    fn plain_mail_opens_a_ticket_with_the_defaults() {
        let r =
            rules("[defaults]\nqueue = \"helpdesk\"\npriority = \"normal\"\ntags = [\"mail\"]\n");
        let d = decide(
            &r,
            &store_with_ticket(),
            &mail("From: bob@example.com\r\nSubject: Hello"),
        );
        assert_eq!(d.action, Action::NewTicket);
        assert_eq!(d.rule, "default");
        assert_eq!(d.routing.queue.as_deref(), Some("helpdesk"));
        assert_eq!(d.routing.tags, ["mail"]);
    }

    #[test]
    fn a_ticket_token_makes_a_follow_up_only_for_a_ticket_that_exists() {
        let store = store_with_ticket();
        let r = rules("");
        let d = decide(
            &r,
            &store,
            &mail("From: bob@example.com\r\nSubject: RE: [#1] Printer"),
        );
        assert_eq!(d.action, Action::FollowUp { ticket: 1 });
        assert_eq!(d.rule, "follow-up:ticket-token");
        let d = decide(
            &r,
            &store,
            &mail("From: bob@example.com\r\nSubject: RE: [#77] other"),
        );
        assert_eq!(d.action, Action::NewTicket);

        let custom = rules("[ticket]\ntoken = 'Ticket#(\\d+)'\n");
        let d = decide(
            &custom,
            &store,
            &mail("From: bob@example.com\r\nSubject: Ticket#1 update"),
        );
        assert_eq!(d.action, Action::FollowUp { ticket: 1 });
    }

    #[test]
    fn a_reply_to_an_imported_message_is_a_follow_up() {
        let d = decide(
            &rules(""),
            &store_with_ticket(),
            &mail("From: bob@example.com\r\nSubject: no token\r\nIn-Reply-To: <root@example.com>"),
        );
        assert_eq!(d.action, Action::FollowUp { ticket: 1 });
        assert_eq!(d.rule, "follow-up:references");
    }

    #[test]
    fn auto_replies_and_bounces_are_ignored_with_the_header_that_gave_them_away() {
        let store = store_with_ticket();
        let r = rules("");
        let cases = [
            ("Auto-Submitted: auto-replied", "auto-reply:auto-submitted"),
            (
                "X-Auto-Response-Suppress: All",
                "auto-reply:x-auto-response-suppress",
            ),
            ("Precedence: bulk", "auto-reply:precedence"),
            ("Return-Path: <>", "bounce:null-return-path"),
            (
                "Content-Type: multipart/report; report-type=delivery-status; boundary=x",
                "bounce:delivery-status",
            ),
        ];
        for (header, rule) in cases {
            let d = decide(
                &r,
                &store,
                &mail(&format!("From: x@example.com\r\n{header}")),
            );
            assert_eq!(d.rule, rule, "{header}");
            assert_eq!(d.action.name(), "ignore");
        }
        let human = decide(
            &r,
            &store,
            &mail("From: x@example.com\r\nAuto-Submitted: no"),
        );
        assert_eq!(human.action, Action::NewTicket);
        let off = rules("[auto_replies]\nignore = false\n");
        let d = decide(
            &off,
            &store,
            &mail("From: x@example.com\r\nPrecedence: bulk"),
        );
        assert_eq!(d.action, Action::NewTicket);
    }

    #[test]
    fn mail_from_the_mailbox_itself_or_a_flooding_sender_is_a_loop() {
        let store = store_with_ticket();
        let r = rules(
            "[loops]\nown_addresses = [\"Notify@Contoso.com\"]\nmax_per_sender = 1\nwindow = \"1h\"\n",
        );
        let d = decide(&r, &store, &mail("From: SUPPORT@contoso.com"));
        assert_eq!(d.rule, "loop:own-address");
        let d = decide(&r, &store, &mail("From: notify@contoso.com"));
        assert_eq!(d.rule, "loop:own-address");
        // ann already sent one message in the window.
        let d = decide(&r, &store, &mail("From: ann@example.com"));
        assert_eq!(d.rule, "loop:max-per-sender");
        let d = decide(&r, &store, &mail("From: bob@example.com"));
        assert_eq!(d.action, Action::NewTicket);
    }

    #[test]
    fn deny_beats_allow_and_allow_lists_shut_out_the_rest() {
        let store = store_with_ticket();
        let r = rules("[senders]\nallow = [\"*@example.com\"]\ndeny = [\"noreply@*\"]\n");
        assert_eq!(
            decide(&r, &store, &mail("From: noreply@example.com")).rule,
            "senders:deny"
        );
        assert_eq!(
            decide(&r, &store, &mail("From: eve@evil.test")).rule,
            "senders:allow"
        );
        assert_eq!(
            decide(&r, &store, &mail("From: Bob@Example.com")).action,
            Action::NewTicket
        );
    }

    #[test]
    fn the_first_matching_route_sets_routing_or_ignores() {
        let store = store_with_ticket();
        let r = rules(
            r#"
[defaults]
queue = "helpdesk"
priority = "normal"

[[route]]
name = "newsletter"
from = "*@news.example"
ignore = "newsletter"

[[route]]
name = "billing"
subject = "(?i)invoice"
queue = "billing"
tags = ["money"]

[[route]]
name = "also-invoice"
subject = "Invoice"
queue = "never"
"#,
        );
        let d = decide(
            &r,
            &store,
            &mail("From: a@news.example\r\nSubject: Invoice"),
        );
        assert_eq!(
            d.action,
            Action::Ignore {
                reason: "newsletter".into()
            }
        );
        assert_eq!(d.rule, "route:newsletter");
        let d = decide(
            &r,
            &store,
            &mail("From: bob@example.com\r\nSubject: Your INVOICE"),
        );
        assert_eq!(d.rule, "route:billing");
        assert_eq!(d.routing.queue.as_deref(), Some("billing"));
        assert_eq!(
            d.routing.priority.as_deref(),
            Some("normal"),
            "from [defaults]"
        );
        assert_eq!(d.routing.tags, ["money"]);
        // A follow-up keeps the routing but names the follow-up rule.
        let d = decide(
            &r,
            &store,
            &mail("From: bob@example.com\r\nSubject: Invoice [#1]"),
        );
        assert_eq!(d.action, Action::FollowUp { ticket: 1 });
        assert_eq!(d.routing.queue.as_deref(), Some("billing"));
    }

    fn error_of(text: &str) -> String {
        Rules::parse(text, Path::new("rules.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn errors_point_at_the_line_and_column() {
        assert_eq!(
            error_of("[senders]\ndeny = [\"a\"]\nallw = []\n"),
            "rules.toml:3:1: unknown field `allw`, expected `allow` or `deny`"
        );
        let e = error_of("[ticket]\ntoken = '[#(\\d+'\n");
        assert!(e.starts_with("rules.toml:2:9: ticket token:"), "{e}");
        let e = error_of("[ticket]\ntoken = '#\\d+'\n");
        assert!(
            e.starts_with("rules.toml:2:9: ticket token needs a capture group"),
            "{e}"
        );
        let e = error_of("[loops]\nmax_per_sender = 5\n");
        assert!(e.starts_with("rules.toml:2:18: loops needs both"), "{e}");
        let e = error_of("[loops]\nmax_per_sender = 5\nwindow = \"soon\"\n");
        assert!(e.starts_with("rules.toml:3:10: invalid duration"), "{e}");
        let e = error_of("[preprocess]\ndisable = [\"outlok-header\"]\n");
        assert!(
            e.starts_with("rules.toml:2:12: unknown built-in preprocess rule 'outlok-header'"),
            "{e}"
        );
        let e = error_of("[[route]]\nname = \"empty\"\nqueue = \"x\"\n");
        assert!(
            e.starts_with("rules.toml:2:8: route 'empty' matches nothing"),
            "{e}"
        );
        // The value itself, not the first place its text appears (a comment, another key).
        let e = error_of(
            "# the \"empty\" route below\n[[route]]\nname = \"ok\"\nsubject = \"empty\"\n\n[[route]]\nname = \"empty\"\n",
        );
        assert!(
            e.starts_with("rules.toml:7:8: route 'empty' matches nothing"),
            "{e}"
        );
    }
}
