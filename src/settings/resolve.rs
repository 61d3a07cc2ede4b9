//! Effective settings for a command, each with the place it came from.
//!
//! Order, first match wins: command-line flag > `MAILCONN_*` variable > the selected profile >
//! azure-identity variable (`AZURE_*`) > built-in default. The `AZURE_*` variables rank below
//! the profile so that a shell exporting them for other Azure tools cannot silently retarget a
//! configured profile, yet they alone make a working setup for CI with no config file.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::ConfigError;
use super::env::{self, EnvVar};
use super::file::ConfigFile;
use super::profile::{self, ImportSettings, Profile};
use super::values::{
    AssertionAlg, AuthMethod, ClientId, CloudName, Endpoint, FolderPath, GraphResource, Mailbox,
    ProfileName, Tenant,
};

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    Profile(ProfileName),
    /// Derived from another setting, e.g. the cloud from the authority host.
    Inferred(&'static str),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::Profile(name) => write!(f, "profile {name}"),
            Source::Inferred(from) => write!(f, "inferred from {from}"),
            Source::Default => f.write_str("default"),
        }
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A value and its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

/// Values given on the command line; `None` means "not given".
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub cloud: Option<CloudName>,
    pub authority_host: Option<Endpoint>,
    pub graph_endpoint: Option<Endpoint>,
    pub graph_resource: Option<GraphResource>,
    pub tenant: Option<Tenant>,
    pub client_id: Option<ClientId>,
    pub auth: Option<AuthMethod>,
    pub assertion: Option<AssertionAlg>,
    pub mailbox: Option<Mailbox>,
    pub folder: Option<FolderPath>,
}

impl Overrides {
    /// Nothing was given.
    pub fn is_empty(&self) -> bool {
        let Overrides {
            cloud,
            authority_host,
            graph_endpoint,
            graph_resource,
            tenant,
            client_id,
            auth,
            assertion,
            mailbox,
            folder,
        } = self;
        cloud.is_none()
            && authority_host.is_none()
            && graph_endpoint.is_none()
            && graph_resource.is_none()
            && tenant.is_none()
            && client_id.is_none()
            && auth.is_none()
            && assertion.is_none()
            && mailbox.is_none()
            && folder.is_none()
    }
}

/// The effective settings of one command run.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The profile in use; `None` when the settings come from the environment alone.
    pub profile: Option<ProfileName>,
    pub cloud: Setting<CloudName>,
    pub authority_host: Setting<Endpoint>,
    pub graph_endpoint: Setting<Endpoint>,
    /// The resource in every token request's scope (never derived from the endpoint's host).
    pub graph_resource: Setting<GraphResource>,
    pub tenant: Option<Setting<Tenant>>,
    pub client_id: Option<Setting<ClientId>>,
    pub auth: Setting<AuthMethod>,
    pub assertion: Setting<AssertionAlg>,
    pub mailbox: Option<Setting<Mailbox>>,
    pub folder: Setting<FolderPath>,
    pub import: ImportSettings,
}

impl Resolved {
    pub fn tenant(&self) -> Result<&Tenant, ConfigError> {
        required(
            &self.tenant,
            "tenant",
            "--tenant, MAILCONN_TENANT or AZURE_TENANT_ID",
        )
    }

    pub fn client_id(&self) -> Result<&ClientId, ConfigError> {
        required(
            &self.client_id,
            "client id",
            "--client-id, MAILCONN_CLIENT_ID or AZURE_CLIENT_ID",
        )
    }

    pub fn mailbox(&self) -> Result<&Mailbox, ConfigError> {
        required(&self.mailbox, "mailbox", "--mailbox or MAILCONN_MAILBOX")
    }
}

fn required<'a, T>(
    setting: &'a Option<Setting<T>>,
    name: &'static str,
    sources: &'static str,
) -> Result<&'a T, ConfigError> {
    setting
        .as_ref()
        .map(|s| &s.value)
        .ok_or(ConfigError::Missing {
            setting: name,
            sources: sources.to_owned(),
        })
}

/// Picks the profile a command uses: the requested one (flag or `MAILCONN_PROFILE`), else
/// `default_profile`, else the only profile. `None` means "no profile: environment only".
pub fn select_profile<'a>(
    file: &'a ConfigFile,
    requested: Option<&ProfileName>,
) -> Result<Option<(&'a ProfileName, &'a Profile)>, ConfigError> {
    let name = match requested.or(file.default_profile.as_ref()) {
        Some(name) => name,
        None => match file.profiles.len() {
            0 => return Ok(None),
            1 => file.profiles.keys().next().expect("one profile"),
            count => {
                return Err(ConfigError::NoProfileSelected {
                    count,
                    path: file.path.clone(),
                });
            }
        },
    };
    match file.profiles.get_key_value(name) {
        Some((name, Ok(profile))) => Ok(Some((name, profile))),
        Some((_, Err(problem))) => Err(file.problem_error(problem)),
        None => Err(ConfigError::ProfileNotFound {
            name: name.to_string(),
            path: file.path.clone(),
            available: file.names(),
        }),
    }
}

/// [`resolve`] with what the file gives every profile: a top-level `store_url` is the
/// store of each profile (and of no profile) that names none of its own.
pub fn resolve_in(
    file: &ConfigFile,
    profile: Option<(&ProfileName, &Profile)>,
    overrides: Overrides,
) -> Result<Resolved, ConfigError> {
    let mut resolved = resolve(profile, overrides)?;
    if resolved.import.store.is_none() && resolved.import.store_url.is_none() {
        resolved.import.store_url = file.store_url.clone();
    }
    Ok(resolved)
}

/// Resolves every setting for the selected profile (or none) and the command-line overrides.
pub fn resolve(
    profile: Option<(&ProfileName, &Profile)>,
    overrides: Overrides,
) -> Result<Resolved, ConfigError> {
    let empty = Profile::default();
    let (name, stored) = match profile {
        Some((name, p)) => (Some(name.clone()), p),
        None => (None, &empty),
    };
    let layer = Layers {
        profile: name.as_ref(),
    };

    let cloud_given = layer.pick(
        overrides.cloud,
        "--cloud",
        env::MAILCONN_CLOUD,
        stored.cloud,
        None,
    )?;
    let authority_given = layer.pick(
        overrides.authority_host,
        "--authority-host",
        env::MAILCONN_AUTHORITY_HOST,
        stored.authority_host.clone(),
        Some(env::AZURE_AUTHORITY_HOST),
    )?;
    let graph_given = layer.pick(
        overrides.graph_endpoint,
        "--graph-endpoint",
        env::MAILCONN_GRAPH_ENDPOINT,
        stored.graph_endpoint.clone(),
        None,
    )?;
    let cloud = match cloud_given {
        Some(cloud) => cloud,
        None => infer_cloud(authority_given.as_ref(), graph_given.as_ref())?,
    };
    let preset = cloud.value.endpoints();
    let authority_host = match (authority_given, preset) {
        (Some(given), _) => given,
        (None, Some(p)) => from_preset(p.authority_host),
        (None, None) => {
            return Err(missing_endpoint(
                "authority host",
                "--authority-host, MAILCONN_AUTHORITY_HOST, AZURE_AUTHORITY_HOST",
            ));
        }
    };
    let graph_endpoint = match (graph_given, preset) {
        (Some(given), _) => given,
        (None, Some(p)) => from_preset(p.graph_endpoint),
        (None, None) => {
            return Err(missing_endpoint(
                "Graph endpoint",
                "--graph-endpoint, MAILCONN_GRAPH_ENDPOINT",
            ));
        }
    };
    profile::check_graph_endpoint(&graph_endpoint.value).map_err(incompatible)?;
    let graph_resource = layer
        .pick(
            overrides.graph_resource,
            "--graph-resource",
            env::MAILCONN_GRAPH_RESOURCE,
            stored.graph_resource.clone(),
            None,
        )?
        .unwrap_or_else(|| Setting {
            value: cloud
                .value
                .graph_resource()
                .parse()
                .expect("the preset resources are valid"),
            source: Source::Inferred("cloud preset"),
        });

    let auth = match layer.pick(
        overrides.auth,
        "--auth",
        env::MAILCONN_AUTH,
        stored.auth,
        None,
    )? {
        Some(auth) => auth,
        None => infer_auth(),
    };
    let tenant = layer.pick(
        overrides.tenant,
        "--tenant",
        env::MAILCONN_TENANT,
        stored.tenant.clone(),
        Some(env::AZURE_TENANT_ID),
    )?;
    if let Some(tenant) = &tenant {
        profile::check_tenant_fits_auth(&tenant.value, auth.value).map_err(incompatible)?;
    }
    let client_id = layer.pick(
        overrides.client_id,
        "--client-id",
        env::MAILCONN_CLIENT_ID,
        stored.client_id.clone(),
        Some(env::AZURE_CLIENT_ID),
    )?;
    let assertion = layer
        .pick(
            overrides.assertion,
            "--assertion",
            env::MAILCONN_ASSERTION,
            stored.assertion,
            None,
        )?
        .unwrap_or(Setting {
            value: AssertionAlg::Ps256,
            source: Source::Default,
        });
    let mailbox = layer.pick(
        overrides.mailbox,
        "--mailbox",
        env::MAILCONN_MAILBOX,
        stored.mailbox.clone(),
        None,
    )?;
    let folder = layer
        .pick(
            overrides.folder,
            "--folder",
            env::MAILCONN_FOLDER,
            stored.folder.clone(),
            None,
        )?
        .unwrap_or(Setting {
            value: FolderPath::default(),
            source: Source::Default,
        });

    Ok(Resolved {
        profile: name,
        cloud,
        authority_host,
        graph_endpoint,
        graph_resource,
        tenant,
        client_id,
        auth,
        assertion,
        mailbox,
        folder,
        import: stored.import.clone(),
    })
}

struct Layers<'a> {
    profile: Option<&'a ProfileName>,
}

impl Layers<'_> {
    /// flag > primary env > profile > fallback env.
    fn pick<T: FromStr<Err = String>>(
        &self,
        flag: Option<T>,
        flag_name: &'static str,
        primary: EnvVar,
        stored: Option<T>,
        fallback: Option<EnvVar>,
    ) -> Result<Option<Setting<T>>, ConfigError> {
        if let Some(value) = flag {
            return Ok(Some(Setting {
                value,
                source: Source::Flag(flag_name),
            }));
        }
        if let Some(setting) = from_env(primary)? {
            return Ok(Some(setting));
        }
        if let (Some(value), Some(name)) = (stored, self.profile) {
            return Ok(Some(Setting {
                value,
                source: Source::Profile(name.clone()),
            }));
        }
        match fallback {
            Some(var) => from_env(var),
            None => Ok(None),
        }
    }
}

fn from_env<T: FromStr<Err = String>>(var: EnvVar) -> Result<Option<Setting<T>>, ConfigError> {
    var.get()
        .map(|raw| {
            raw.parse().map(|value| Setting {
                value,
                source: Source::Env(var.name),
            })
        })
        .transpose()
        .map_err(|message| ConfigError::Env {
            var: var.name,
            message,
        })
}

fn from_preset(url: &'static str) -> Setting<Endpoint> {
    Setting {
        value: url.parse().expect("preset endpoints are valid"),
        source: Source::Inferred("cloud preset"),
    }
}

/// No cloud was named: an authority host that belongs to exactly one preset names it; other
/// explicit endpoints mean `custom`; nothing at all means `global`.
fn infer_cloud(
    authority: Option<&Setting<Endpoint>>,
    graph: Option<&Setting<Endpoint>>,
) -> Result<Setting<CloudName>, ConfigError> {
    let Some(authority) = authority else {
        return Ok(match graph {
            Some(_) => Setting {
                value: CloudName::Custom,
                source: Source::Inferred("graph endpoint"),
            },
            None => Setting {
                value: CloudName::Global,
                source: Source::Default,
            },
        });
    };
    if graph.is_some() {
        return Ok(Setting {
            value: CloudName::Custom,
            source: Source::Inferred("explicit endpoints"),
        });
    }
    let host = authority.value.as_str();
    let matching: Vec<CloudName> = [
        CloudName::Global,
        CloudName::UsGov,
        CloudName::UsGovDod,
        CloudName::China,
    ]
    .into_iter()
    .filter(|c| {
        c.endpoints()
            .is_some_and(|e| e.authority_host.eq_ignore_ascii_case(host))
    })
    .collect();
    match matching.as_slice() {
        [one] => Ok(Setting {
            value: *one,
            source: Source::Inferred("authority host"),
        }),
        [] => Ok(Setting {
            value: CloudName::Custom,
            source: Source::Inferred("authority host"),
        }),
        several => Err(ConfigError::Incompatible {
            message: format!(
                "authority host {host} is used by several clouds ({})",
                several
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            hint: "name the cloud with --cloud, MAILCONN_CLOUD or `cloud` in the profile".into(),
        }),
    }
}

/// No method was named: the azure-identity credential variables pick one (in the order of
/// .NET's EnvironmentCredential: secret, certificate, federated token); else client secret.
fn infer_auth() -> Setting<AuthMethod> {
    let by_env = [
        (env::AZURE_CLIENT_SECRET, AuthMethod::ClientSecret),
        (env::AZURE_CLIENT_CERTIFICATE_PATH, AuthMethod::Certificate),
        (env::AZURE_FEDERATED_TOKEN_FILE, AuthMethod::Federated),
    ];
    by_env
        .into_iter()
        .find(|(var, _)| var.get().is_some())
        .map(|(var, method)| Setting {
            value: method,
            source: Source::Inferred(var.name),
        })
        .unwrap_or(Setting {
            value: AuthMethod::ClientSecret,
            source: Source::Default,
        })
}

fn missing_endpoint(setting: &'static str, sources: &str) -> ConfigError {
    ConfigError::Missing {
        setting,
        sources: format!("{sources} or the profile (cloud \"custom\" has no preset)"),
    }
}

fn incompatible((message, hint): (String, String)) -> ConfigError {
    ConfigError::Incompatible { message, hint }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile_named(name: &str) -> ProfileName {
        name.parse().unwrap()
    }

    // These tests avoid process environment variables (shared between test threads); the env
    // layers are covered by the black-box tests in tests/it/profiles.rs.

    #[test]
    fn flags_beat_the_profile_and_sources_are_recorded() {
        let name = profile_named("p");
        let stored = Profile {
            tenant: Some("contoso.com".parse().unwrap()),
            mailbox: Some("a@contoso.com".parse().unwrap()),
            ..Profile::default()
        };
        let overrides = Overrides {
            mailbox: Some("b@contoso.com".parse().unwrap()),
            ..Overrides::default()
        };
        let r = resolve(Some((&name, &stored)), overrides).unwrap();
        assert_eq!(
            r.mailbox.unwrap(),
            Setting {
                value: "b@contoso.com".parse().unwrap(),
                source: Source::Flag("--mailbox")
            }
        );
        assert_eq!(r.tenant.unwrap().source, Source::Profile(name));
        assert_eq!(r.folder.value.as_str(), "Inbox");
        assert_eq!(r.folder.source, Source::Default);
        assert_eq!(r.cloud.value, CloudName::Global);
        assert_eq!(
            r.graph_endpoint.value.as_str(),
            "https://graph.microsoft.com/v1.0"
        );
    }

    #[test]
    fn a_preset_authority_names_its_cloud_and_a_shared_one_must_be_named() {
        let china = Overrides {
            authority_host: Some("login.chinacloudapi.cn".parse().unwrap()),
            ..Overrides::default()
        };
        let r = resolve(None, china).unwrap();
        assert_eq!(r.cloud.value, CloudName::China);
        assert_eq!(
            r.graph_endpoint.value.as_str(),
            "https://microsoftgraph.chinacloudapi.cn/v1.0"
        );

        let us = Overrides {
            authority_host: Some("https://login.microsoftonline.us".parse().unwrap()),
            ..Overrides::default()
        };
        assert!(matches!(
            resolve(None, us),
            Err(ConfigError::Incompatible { .. })
        ));
    }

    #[test]
    fn a_custom_cloud_needs_both_endpoints() {
        let only_authority = Overrides {
            authority_host: Some("http://127.0.0.1:1".parse().unwrap()),
            ..Overrides::default()
        };
        assert!(matches!(
            resolve(None, only_authority),
            Err(ConfigError::Missing { .. })
        ));
        let both = Overrides {
            authority_host: Some("http://127.0.0.1:1".parse().unwrap()),
            graph_endpoint: Some("http://127.0.0.1:1/v1.0".parse().unwrap()),
            ..Overrides::default()
        };
        assert_eq!(resolve(None, both).unwrap().cloud.value, CloudName::Custom);
    }

    #[test]
    fn missing_required_settings_name_where_to_set_them() {
        let r = resolve(None, Overrides::default()).unwrap();
        let err = r.client_id().unwrap_err().to_string();
        assert_eq!(err, "no client id is configured");
        let ConfigError::Missing { sources, .. } = r.client_id().unwrap_err() else {
            panic!()
        };
        assert!(sources.contains("AZURE_CLIENT_ID"));
    }
}
