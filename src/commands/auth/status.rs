//! `mailconn auth status`: which store holds each secret (with a write/read/delete check of
//! the OS keyring), what the token grants, and when the secret, certificate and refresh token
//! expire. `--fail-within 14d` turns it into a cron/CI check.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::commands::Context;
use crate::commands::session::{block_on, open};
use crate::commands::token_summary::TokenSummary;
use crate::error::{ErrorKind, Failure, Result, UserError};
use crate::output::{Render, Table, TableStyle};
use crate::secrets::credentials::{Located, Origin};
use crate::secrets::{KeyringStore, StoreKind, self_check};
use crate::session::TokenOrigin;
use crate::settings::resolve::Overrides;
use crate::settings::values::{AuthMethod, ProfileName, Span};

/// Refresh tokens expire after 90 days without use (graph-facts §1.4).
const REFRESH_TOKEN_IDLE_DAYS: i64 = 90;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Exit with code 4 when a client secret, certificate or refresh token expires within
    /// DUR (e.g. 14d, 12h, 2w).
    #[arg(long, value_name = "DUR")]
    fail_within: Option<Span>,
}

#[derive(Debug, Serialize)]
struct Status {
    profile: Option<ProfileName>,
    auth: AuthMethod,
    keyring: Check,
    credentials: Vec<Located>,
    token: TokenStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign_in: Option<SignInStatus>,
    /// Everything with an expiry, soonest first.
    expiries: Vec<Expiry>,
}

#[derive(Debug, Serialize)]
struct Check {
    ok: bool,
    /// Whether this profile keeps anything there (a failure then matters).
    used: bool,
    detail: String,
}

#[derive(Debug, Default, Serialize)]
struct TokenStatus {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<TokenOrigin>,
    #[serde(flatten)]
    summary: TokenSummary,
    expires_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
}

#[derive(Debug, Serialize)]
struct SignInStatus {
    store: StoreKind,
    account: Option<String>,
    signed_in_at: Option<DateTime<Utc>>,
    refreshed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
struct Expiry {
    what: String,
    at: DateTime<Utc>,
    /// Within the `--fail-within` window.
    due: bool,
}

impl Render for Status {
    fn human(&self, style: TableStyle) -> String {
        let mut table = Table::new(style, &["ITEM", "STATE", "DETAILS"]);
        let state = |ok: bool| if ok { "ok" } else { "FAILED" };
        let keyring_state = match (self.keyring.ok, self.keyring.used) {
            (true, _) => "ok",
            (false, true) => "FAILED",
            (false, false) => "unavailable (unused)",
        };
        table.row([
            "OS keyring".to_owned(),
            keyring_state.into(),
            self.keyring.detail.clone(),
        ]);
        for c in &self.credentials {
            let mut details = vec![format!("{}: {}", c.origin, c.location)];
            if let Some(cert) = &c.certificate {
                details.push(format!("x5t#S256 {}", cert.x5t_s256));
            }
            if c.exists == Some(false) {
                details.push("FILE MISSING".into());
            }
            let used = if c.in_use {
                "in use"
            } else {
                "overridden by the environment"
            };
            table.row([c.credential.to_string(), used.into(), details.join("; ")]);
        }
        let t = &self.token;
        let token_details = match &t.error {
            Some(error) => format!(
                "{error}{}",
                t.hint
                    .as_ref()
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default()
            ),
            None => t.summary.describe(),
        };
        table.row(["token".to_owned(), state(t.ok).into(), token_details]);
        if let Some(s) = &self.sign_in {
            let last = s
                .refreshed_at
                .or(s.signed_in_at)
                .map(|d| format!("last used {}", ago(d)))
                .unwrap_or_default();
            table.row([
                "sign-in".to_owned(),
                s.store.to_string(),
                format!("{} {last}", s.account.as_deref().unwrap_or("")),
            ]);
        }
        for e in &self.expiries {
            let state = if e.due { "EXPIRING" } else { "ok" };
            table.row([
                format!("{} expiry", e.what),
                state.into(),
                format!("{} ({})", e.at.format("%Y-%m-%d %H:%M UTC"), ago(e.at)),
            ]);
        }
        let whom = self
            .profile
            .as_ref()
            .map_or("the environment".to_owned(), |p| format!("profile '{p}'"));
        format!("Sign-in of {whom} ({})\n{table}", self.auth.as_str())
    }
}

/// "in 3 days" / "2 hours ago".
fn ago(at: DateTime<Utc>) -> String {
    let delta = at - Utc::now();
    let (amount, past) = (delta.num_seconds().abs(), delta.num_seconds() < 0);
    let text = match amount {
        s if s < 120 => format!("{s} seconds"),
        s if s < 7200 => format!("{} minutes", s / 60),
        s if s < 172_800 => format!("{} hours", s / 3600),
        s => format!("{} days", s / 86_400),
    };
    if past {
        format!("{text} ago")
    } else {
        format!("in {text}")
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let session = open(ctx, Overrides::default(), &warn)?;
    let settings = session.settings();

    let credentials = session
        .credentials()
        .map(|c| c.locate())
        .transpose()?
        .unwrap_or_default();
    let record = session
        .credentials()
        .map(|c| c.tokens_record())
        .transpose()?
        .flatten();
    let keyring_used = credentials.iter().any(|c| c.origin == Origin::Keyring)
        || record
            .as_ref()
            .is_some_and(|r| r.store == StoreKind::Keyring);
    let keyring = match KeyringStore::new().and_then(|k| self_check(&k)) {
        Ok(check) => Check {
            ok: true,
            used: keyring_used,
            detail: format!(
                "wrote, read and deleted a {}-byte probe in {} ms",
                check.bytes, check.elapsed_ms
            ),
        },
        Err(e) => Check {
            ok: false,
            used: keyring_used,
            detail: e.to_string(),
        },
    };

    let (token, token_error) = match block_on(session.access_token())? {
        Ok(token) => {
            let status = TokenStatus {
                ok: true,
                origin: Some(token.origin),
                summary: TokenSummary::of(token.claims().as_ref()),
                expires_at: DateTime::from_timestamp(token.expires_at as i64, 0),
                ..TokenStatus::default()
            };
            (status, None)
        }
        Err(e) => {
            let error = Failure::from(e);
            let diagnosis = error.diagnosis();
            let status = TokenStatus {
                error: Some(diagnosis.message.clone()),
                hint: diagnosis.hint.clone(),
                ..TokenStatus::default()
            };
            (status, Some(error))
        }
    };

    let window = args
        .fail_within
        .map(|s| Duration::seconds(s.duration().as_secs() as i64));
    let mut expiries = Vec::new();
    for c in credentials.iter().filter(|c| c.in_use) {
        if let Some(date) = c.expires.and_then(|d| d.and_hms_opt(0, 0, 0)) {
            expiries.push((format!("{}", c.credential), date.and_utc()));
        }
        if let Some(cert) = &c.certificate {
            expiries.push(("certificate".to_owned(), cert.not_after));
        }
    }
    if let Some(last_use) = record
        .as_ref()
        .and_then(|r| r.refreshed_at.or(r.signed_in_at))
    {
        expiries.push((
            "refresh token".to_owned(),
            last_use + Duration::days(REFRESH_TOKEN_IDLE_DAYS),
        ));
    }
    expiries.sort_by_key(|(_, at)| *at);
    let expiries: Vec<Expiry> = expiries
        .into_iter()
        .map(|(what, at)| Expiry {
            due: window.is_some_and(|w| at <= Utc::now() + w),
            what,
            at,
        })
        .collect();

    let status = Status {
        profile: settings.profile.clone(),
        auth: settings.auth.value,
        keyring,
        credentials,
        token,
        sign_in: record.map(|r| SignInStatus {
            store: r.store,
            account: r.account,
            signed_in_at: r.signed_in_at,
            refreshed_at: r.refreshed_at,
        }),
        expiries: expiries.clone(),
    };
    ctx.printer.data(&status)?;

    if let Some(error) = token_error {
        return Err(error);
    }
    if let Some(due) = expiries.iter().find(|e| e.due) {
        return Err(UserError::new(ErrorKind::Auth, format!("the {} expires {} ({})", due.what, ago(due.at), due.at.format("%Y-%m-%d")))
            .with_hint("renew it before then: `mailconn credentials set` for a secret or certificate, `mailconn login` for a refresh token")
            .into());
    }
    Ok(())
}
