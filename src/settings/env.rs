//! Every environment variable mailconn reads, declared once. The README's table is checked
//! against [`ALL`] by a test, so a new variable cannot be added without documenting it.

/// One environment variable and what it does.
#[derive(Debug, Clone, Copy)]
pub struct EnvVar {
    pub name: &'static str,
    pub help: &'static str,
}

impl EnvVar {
    /// The value, if set and not empty (an empty variable counts as unset, as in most shells'
    /// `${VAR:-default}`).
    pub fn get(&self) -> Option<String> {
        std::env::var(self.name).ok().filter(|v| !v.is_empty())
    }
}

macro_rules! env_vars {
    ($($ident:ident = $name:literal : $help:literal;)*) => {
        $(pub const $ident: EnvVar = EnvVar { name: $name, help: $help };)*
        /// All variables, in the order of the README table.
        pub const ALL: &[EnvVar] = &[$($ident),*];
    };
}

env_vars! {
    MAILCONN_PROFILE = "MAILCONN_PROFILE": "Profile to use (same as `-p/--profile`).";
    MAILCONN_CONFIG = "MAILCONN_CONFIG": "Path of the config file (same as `--config`).";
    MAILCONN_LOG = "MAILCONN_LOG": "Log filter for stderr, e.g. `debug` or `mailconn=trace` (overrides `-v`).";
    MAILCONN_NO_INPUT = "MAILCONN_NO_INPUT": "Set to `1` to never prompt (same as `--no-input`).";
    MAILCONN_CLOUD = "MAILCONN_CLOUD": "Cloud preset: `global`, `usgov`, `usgov-dod`, `china` or `custom`.";
    MAILCONN_AUTHORITY_HOST = "MAILCONN_AUTHORITY_HOST": "Sign-in authority, e.g. `https://login.microsoftonline.com`.";
    MAILCONN_GRAPH_ENDPOINT = "MAILCONN_GRAPH_ENDPOINT": "Graph base URL including the version, e.g. `https://graph.microsoft.com/v1.0`.";
    MAILCONN_GRAPH_RESOURCE = "MAILCONN_GRAPH_RESOURCE": "Resource tokens are asked for (`{resource}/.default`): Graph's App ID URI, by default the cloud's (`https://graph.microsoft.com` for `global` and `custom`). Set it only when a custom endpoint serves another resource.";
    MAILCONN_TENANT = "MAILCONN_TENANT": "Tenant id (GUID) or domain.";
    MAILCONN_CLIENT_ID = "MAILCONN_CLIENT_ID": "Application (client) id of the Entra app registration.";
    MAILCONN_AUTH = "MAILCONN_AUTH": "Sign-in method: `client-secret`, `certificate`, `federated`, `device-code` or `browser`.";
    MAILCONN_MAILBOX = "MAILCONN_MAILBOX": "Mailbox address (UPN) or object id.";
    MAILCONN_FOLDER = "MAILCONN_FOLDER": "Folder path in the mailbox, e.g. `Inbox/Support`.";
    MAILCONN_ASSERTION = "MAILCONN_ASSERTION": "Certificate assertion signing: `ps256` (default, `x5t#S256`) or `rs256` (`x5t`).";
    MAILCONN_CA_FILE = "MAILCONN_CA_FILE": "PEM file of extra CA certificates to trust (a TLS-inspecting proxy, the emulator's `--tls`, a PostgreSQL store's private CA).";
    AZURE_TENANT_ID = "AZURE_TENANT_ID": "azure-identity: tenant id; used when `MAILCONN_TENANT` and the profile do not set one.";
    AZURE_CLIENT_ID = "AZURE_CLIENT_ID": "azure-identity: client id; used when `MAILCONN_CLIENT_ID` and the profile do not set one.";
    AZURE_AUTHORITY_HOST = "AZURE_AUTHORITY_HOST": "azure-identity: authority host (a bare host name means https).";
    AZURE_CLIENT_SECRET = "AZURE_CLIENT_SECRET": "azure-identity: client secret; its presence selects `client-secret` sign-in when no method is configured.";
    AZURE_CLIENT_CERTIFICATE_PATH = "AZURE_CLIENT_CERTIFICATE_PATH": "azure-identity: PEM or PFX file with the private key; its presence selects `certificate` sign-in when no method is configured.";
    AZURE_FEDERATED_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE": "azure-identity: federated (workload identity) token file; its presence selects `federated` sign-in when no method is configured.";
    AZURE_CLIENT_CERTIFICATE_PASSWORD = "AZURE_CLIENT_CERTIFICATE_PASSWORD": "azure-identity: password of the PFX file in `AZURE_CLIENT_CERTIFICATE_PATH`.";
    MAILCONN_CERTIFICATE_PASSWORD = "MAILCONN_CERTIFICATE_PASSWORD": "PFX password for `credentials set certificate` (instead of the prompt or `--password-stdin`).";
    MAILCONN_STORE = "MAILCONN_STORE": "Processing log and ticket store file (SQLite); overrides the profile's `[import] store`.";
    MAILCONN_STORE_URL = "MAILCONN_STORE_URL": "Processing log and ticket store on PostgreSQL (`postgres://USER@HOST/DATABASE`, password in `PGPASSFILE`); overrides `MAILCONN_STORE` and the profile's `[import] store` / `store_url`.";
    PGPASSFILE = "PGPASSFILE": "PostgreSQL password file for `store_url` (libpq's format, mode 0600); default `~/.pgpass`.";
    MAILCONN_HTTP_SINK_KEY = "MAILCONN_HTTP_SINK_KEY": "Signing key of the `http` sink (HMAC-SHA256, at least 16 characters); wins over the profile's `[import] http_key_file`. Never passed to `exec` commands.";
    MAILCONN_KEYRING_TIMEOUT = "MAILCONN_KEYRING_TIMEOUT": "Seconds to wait for the OS keyring before giving up (default 30).";
    BROWSER = "BROWSER": "Command that opens the browser for `login --browser` (`%s` stands for the URL).";
    DISPLAY = "DISPLAY": "With `WAYLAND_DISPLAY`: whether a graphical browser can open; without either (or over SSH) `login` uses the device code.";
    WAYLAND_DISPLAY = "WAYLAND_DISPLAY": "See `DISPLAY`.";
    SSH_CONNECTION = "SSH_CONNECTION": "Set by SSH: `login` then uses the device code, since a browser would open on the wrong machine.";
    NO_COLOR = "NO_COLOR": "Any value turns colour off unless `--color always` is given.";
    XDG_CONFIG_HOME = "XDG_CONFIG_HOME": "Base directory of the default config file (`$XDG_CONFIG_HOME/mailconn/config.toml`; default `~/.config`).";
    XDG_DATA_HOME = "XDG_DATA_HOME": "Base directory of the processing log and ticket store (`$XDG_DATA_HOME/mailconn/mailconn.db`) and of the insecure file store (`$XDG_DATA_HOME/mailconn/insecure-secrets/`); default `~/.local/share`.";
    XDG_STATE_HOME = "XDG_STATE_HOME": "Base directory of the credential records (`$XDG_STATE_HOME/mailconn/credentials.toml`) the import locks (`$XDG_STATE_HOME/mailconn/locks/`) and the subscription records of profiles whose store is on this host (`$XDG_STATE_HOME/mailconn/subscriptions.toml`); default `~/.local/state`.";
}

/// The variables whose values are secrets. A command mailconn runs (the `exec` sink) does
/// not inherit them: it has no use for them, and its logs are outside mailconn's control.
pub const SECRETS: &[EnvVar] = &[
    AZURE_CLIENT_SECRET,
    AZURE_CLIENT_CERTIFICATE_PASSWORD,
    MAILCONN_CERTIFICATE_PASSWORD,
    MAILCONN_HTTP_SINK_KEY,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_declared_variables() {
        for secret in SECRETS {
            assert!(ALL.iter().any(|v| v.name == secret.name), "{}", secret.name);
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = ALL.iter().map(|v| v.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }
}
