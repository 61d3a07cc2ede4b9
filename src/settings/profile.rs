//! A connection profile as stored in the config file. Every field is optional here because
//! the environment may supply it; what a command needs is checked when it resolves its
//! settings. A profile never holds a secret.

use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::values::{
    AssertionAlg, AuthMethod, ClientId, CloudName, Endpoint, FolderPath, GraphResource, Mailbox,
    Span, Tenant,
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<CloudName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_host: Option<Endpoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph_endpoint: Option<Endpoint>,
    /// What tokens are asked for; the cloud's Graph App ID URI when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph_resource: Option<GraphResource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Tenant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<ClientId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthMethod>,
    /// Certificate assertion signing (auth = "certificate").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assertion: Option<AssertionAlg>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox: Option<Mailbox>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<FolderPath>,
    #[serde(default, skip_serializing_if = "ImportSettings::is_empty")]
    pub import: ImportSettings,
}

/// The `[profiles.NAME.import]` table: how `mailconn import` treats this profile's folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSettings {
    /// Rules file deciding new ticket / follow-up / ignore.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<PathBuf>,
    /// What happens to a message once its ticket is stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_action: Option<PostAction>,
    /// The processing log and ticket store (SQLite file); default
    /// `$XDG_DATA_HOME/mailconn/mailconn.db`. `MAILCONN_STORE` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<PathBuf>,
    /// The processing log and ticket store on a PostgreSQL server that several hosts share
    /// (`postgres://USER@HOST/DATABASE`, no password: that goes in `PGPASSFILE`); instead of
    /// `store`. `MAILCONN_STORE_URL` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_url: Option<String>,
    /// With `store_url`: how long a worker's claim on this mailbox folder lasts unless it
    /// renews it (every third of it, while it works); a worker that stops renewing is
    /// taken over after this. Default 30s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_ttl: Option<Span>,
    /// Where imported messages go: `tickets` (the embedded store, the default), `exec`,
    /// `http` or `dir`. Each external sink needs its own key below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sink: Option<SinkKind>,
    /// `sink = "exec"`: the command and its arguments, run without a shell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<Vec<String>>,
    /// `sink = "exec"`: how long one run may take before it is killed (default 5m).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec_timeout: Option<Span>,
    /// `sink = "http"`: where to POST each message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_url: Option<SinkUrl>,
    /// `sink = "http"`: a file holding the signing key (when `MAILCONN_HTTP_SINK_KEY` is not
    /// set). The path is not a secret; the file must not be world-readable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_key_file: Option<PathBuf>,
    /// `sink = "dir"`: the directory that receives `.eml` + `.json` files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<PathBuf>,
    /// `mailconn serve`: how often the folder is imported without a notification (with
    /// jitter); default serve's `--poll-interval`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll_interval: Option<Span>,
}

impl ImportSettings {
    pub fn is_empty(&self) -> bool {
        self == &ImportSettings::default()
    }

    /// One store: a file and a server at once would leave it unclear where the log is.
    pub fn check_store(&self) -> Result<(), SettingProblem> {
        match (&self.store, &self.store_url) {
            (Some(_), Some(_)) => Err(SettingProblem {
                key: "store_url",
                message: "both store and store_url are set".into(),
                hint: "keep store (a SQLite file on this host) or store_url (a PostgreSQL server), not both".into(),
            }),
            _ if self.lease_ttl.is_some_and(|t| t.duration().is_zero()) => Err(SettingProblem {
                key: "lease_ttl",
                message: "lease_ttl must be longer than 0s".into(),
                hint: "e.g. lease_ttl = \"30s\"".into(),
            }),
            _ => Ok(()),
        }
    }

    /// The sink keys fit together. A key for a sink that is not selected is an error rather
    /// than ignored: `exec = [...]` without `sink = "exec"` would otherwise send every
    /// message to the ticket store without a word.
    pub fn check_sink(&self) -> Result<(), SettingProblem> {
        let kind = self.sink.unwrap_or(SinkKind::Tickets);
        let problem =
            |key, message: String, hint: String| Err(SettingProblem { key, message, hint });
        let stray = [
            ("exec", self.exec.is_some(), SinkKind::Exec),
            ("exec_timeout", self.exec_timeout.is_some(), SinkKind::Exec),
            ("http_url", self.http_url.is_some(), SinkKind::Http),
            (
                "http_key_file",
                self.http_key_file.is_some(),
                SinkKind::Http,
            ),
            ("dir", self.dir.is_some(), SinkKind::Dir),
        ];
        for (key, set, owner) in stray {
            if set && owner != kind {
                return problem(
                    key,
                    format!("{key} is set but sink is \"{}\"", kind.as_str()),
                    format!("add sink = \"{}\", or remove {key}", owner.as_str()),
                );
            }
        }
        match kind {
            SinkKind::Tickets => Ok(()),
            SinkKind::Exec => match &self.exec {
                None => problem(
                    "sink",
                    "sink = \"exec\" needs the command to run".into(),
                    "add exec = [\"/path/to/program\", \"arg\", ...]".into(),
                ),
                Some(argv) if argv.first().is_none_or(|p| p.trim().is_empty()) => problem(
                    "exec",
                    "exec names no program".into(),
                    "the first element is the program, e.g. exec = [\"/usr/bin/rt-mailgate\", \"--queue\", \"support\"]".into(),
                ),
                Some(_) if self.exec_timeout.is_some_and(|t| t.duration().is_zero()) => problem(
                    "exec_timeout",
                    "exec_timeout must be longer than 0s".into(),
                    "e.g. exec_timeout = \"5m\"".into(),
                ),
                Some(_) => Ok(()),
            },
            SinkKind::Http if self.http_url.is_none() => problem(
                "sink",
                "sink = \"http\" needs the URL to post to".into(),
                "add http_url = \"https://...\"".into(),
            ),
            SinkKind::Http => Ok(()),
            SinkKind::Dir => match &self.dir {
                None => problem(
                    "sink",
                    "sink = \"dir\" needs the directory to write to".into(),
                    "add dir = \"/var/spool/mailconn\"".into(),
                ),
                // cron starts in $HOME and a shell wherever it is: a relative directory
                // would split the output between two places.
                Some(dir) if !dir.is_absolute() => problem(
                    "dir",
                    format!("dir '{}' is not an absolute path", dir.display()),
                    "use an absolute path, e.g. dir = \"/var/spool/mailconn\"".into(),
                ),
                Some(_) => Ok(()),
            },
        }
    }
}

/// A setting that does not fit with the others: the key to point at, the problem, the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingProblem {
    pub key: &'static str,
    pub message: String,
    pub hint: String,
}

/// Where `mailconn import` puts a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinkKind {
    Tickets,
    Exec,
    Http,
    Dir,
}

impl SinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SinkKind::Tickets => "tickets",
            SinkKind::Exec => "exec",
            SinkKind::Http => "http",
            SinkKind::Dir => "dir",
        }
    }
}

impl FromStr for SinkKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [
            SinkKind::Tickets,
            SinkKind::Exec,
            SinkKind::Http,
            SinkKind::Dir,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| format!("invalid sink '{s}': expected tickets, exec, http or dir"))
    }
}

impl Serialize for SinkKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SinkKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// The http sink's URL: https, or plain http only to a loopback host, because the body is
/// the whole mail. Unlike [`Endpoint`] a query string is allowed (many receivers route on
/// one); user:password in the URL is not, since the config file holds no secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkUrl(url::Url);

impl SinkUrl {
    pub fn url(&self) -> &url::Url {
        &self.0
    }
}

impl FromStr for SinkUrl {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let url = url::Url::parse(s).map_err(|e| format!("invalid http_url '{s}': {e}"))?;
        if url.host().is_none() {
            return Err(format!("invalid http_url '{s}': it has no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!(
                "invalid http_url: user or password in the URL; the config file holds no secrets, and the receiver authenticates mailconn by the {} signature",
                "X-Mailconn-Signature"
            ));
        }
        match url.scheme() {
            "https" => Ok(SinkUrl(url)),
            "http" if super::values::is_loopback_host(&url) => Ok(SinkUrl(url)),
            "http" => Err(format!(
                "invalid http_url '{s}': plain http is only allowed to loopback hosts (127.0.0.1, ::1, localhost), since every message would cross the network unencrypted; use https"
            )),
            other => Err(format!(
                "invalid http_url '{s}': scheme '{other}' is not supported; use https"
            )),
        }
    }
}

impl std::fmt::Display for SinkUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

impl Serialize for SinkUrl {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl<'de> Deserialize<'de> for SinkUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// What the import does with a processed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostAction {
    None,
    MarkRead,
    Move(FolderPath),
    Delete,
    PermanentDelete,
}

impl PostAction {
    pub fn as_string(&self) -> String {
        match self {
            PostAction::None => "none".into(),
            PostAction::MarkRead => "mark-read".into(),
            PostAction::Move(folder) => format!("move:{folder}"),
            PostAction::Delete => "delete".into(),
            PostAction::PermanentDelete => "permanent-delete".into(),
        }
    }
}

impl FromStr for PostAction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "none" => Ok(PostAction::None),
            "mark-read" => Ok(PostAction::MarkRead),
            "delete" => Ok(PostAction::Delete),
            "permanent-delete" => Ok(PostAction::PermanentDelete),
            _ => match s.strip_prefix("move:") {
                Some(folder) => Ok(PostAction::Move(folder.parse()?)),
                None => Err(format!(
                    "invalid post action '{s}': expected none, mark-read, move:FOLDER, delete or permanent-delete"
                )),
            },
        }
    }
}

impl Serialize for PostAction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_string())
    }
}

impl<'de> Deserialize<'de> for PostAction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl Profile {
    /// Checks that need several fields at once. Returns the problem and its fix.
    pub fn check(&self) -> Result<(), (String, String)> {
        if self.cloud == Some(CloudName::Custom)
            && (self.authority_host.is_none() || self.graph_endpoint.is_none())
        {
            return Err((
                "cloud = \"custom\" needs both authority_host and graph_endpoint".into(),
                "add the two endpoints, or choose a preset cloud (global, usgov, usgov-dod, china)"
                    .into(),
            ));
        }
        if let Some(graph) = &self.graph_endpoint {
            check_graph_endpoint(graph)?;
        }
        if let (Some(tenant), Some(auth)) = (&self.tenant, &self.auth) {
            check_tenant_fits_auth(tenant, *auth)?;
        }
        Ok(())
    }
}

/// A Graph endpoint must carry the API version, or every request path is wrong.
pub fn check_graph_endpoint(graph: &Endpoint) -> Result<(), (String, String)> {
    if graph.url().path().trim_matches('/').is_empty() {
        return Err((
            format!("graph endpoint '{graph}' has no API version"),
            format!("use {}/v1.0", graph.as_str()),
        ));
    }
    Ok(())
}

/// App-only sign-in needs a concrete tenant; `organizations`/`common` only work for
/// delegated sign-in (AADSTS50194 otherwise, graph-facts §1.1).
pub fn check_tenant_fits_auth(tenant: &Tenant, auth: AuthMethod) -> Result<(), (String, String)> {
    if tenant.is_multi_tenant() && auth.is_app_only() {
        return Err((
            format!(
                "tenant '{tenant}' cannot be used with {} sign-in",
                auth.as_str()
            ),
            "app-only sign-in needs the tenant id or a domain of the tenant; 'organizations' and 'common' only work with device-code or browser".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_actions_round_trip() {
        for text in [
            "none",
            "mark-read",
            "move:Inbox/Done",
            "delete",
            "permanent-delete",
        ] {
            assert_eq!(text.parse::<PostAction>().unwrap().as_string(), text);
        }
        assert!("move:".parse::<PostAction>().is_err());
        assert!("archive".parse::<PostAction>().is_err());
    }

    #[test]
    fn app_only_sign_in_refuses_a_multi_tenant_authority() {
        let p = Profile {
            tenant: Some("organizations".parse().unwrap()),
            auth: Some(AuthMethod::ClientSecret),
            ..Profile::default()
        };
        assert!(p.check().is_err());
        let delegated = Profile {
            auth: Some(AuthMethod::DeviceCode),
            ..p
        };
        assert!(delegated.check().is_ok());
    }

    #[test]
    fn custom_cloud_needs_both_endpoints() {
        let p = Profile {
            cloud: Some(CloudName::Custom),
            authority_host: Some("http://127.0.0.1:9".parse().unwrap()),
            ..Profile::default()
        };
        assert!(p.check().is_err());
    }
}
