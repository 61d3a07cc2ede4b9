//! Settings: the config file and its profiles, the environment, the cloud presets, and how a
//! command's effective settings are resolved (flag > `MAILCONN_*` env > profile >
//! `AZURE_*` env > default).

pub mod cloud;
pub mod env;
pub mod file;
pub mod paths;
pub mod profile;
pub mod resolve;
pub mod values;

use std::path::PathBuf;

use crate::error::{Diagnose, ErrorKind};

/// A position in the config file, 1-based, for `file:line:col` messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The line and column (in characters) of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            line,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// Everything that can be wrong with the configuration. All of it is exit code 78.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}:{}:{}: {message}", path.display(), at.line, at.column)]
    Invalid {
        path: PathBuf,
        at: Location,
        message: String,
    },
    #[error("cannot read config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write config file {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("profile '{name}' does not exist in {}", path.display())]
    ProfileNotFound {
        name: String,
        path: PathBuf,
        available: Vec<String>,
    },
    #[error("{count} profiles are configured in {} and none is selected", path.display())]
    NoProfileSelected { count: usize, path: PathBuf },
    #[error("{var}: {message}")]
    Env { var: &'static str, message: String },
    #[error("{message}")]
    Incompatible { message: String, hint: String },
    #[error("no {setting} is configured")]
    Missing {
        setting: &'static str,
        /// Where it can be given, e.g. "--tenant, MAILCONN_TENANT or AZURE_TENANT_ID".
        sources: String,
    },
}

impl Diagnose for ConfigError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Config
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            ConfigError::Invalid { path, at, .. } => format!(
                "fix line {} of {} (or move the file away to start afresh)",
                at.line,
                path.display()
            ),
            ConfigError::Read { .. } => {
                "check the file's permissions, or point --config / MAILCONN_CONFIG elsewhere".into()
            }
            ConfigError::Write { .. } => {
                "check that the directory exists and is writable by you".into()
            }
            ConfigError::ProfileNotFound { available, .. } if available.is_empty() => {
                "no profiles exist yet: create one with `mailconn profile add NAME`".into()
            }
            ConfigError::ProfileNotFound { available, .. } => format!(
                "known profiles: {}; create it with `mailconn profile add NAME`",
                available.join(", ")
            ),
            ConfigError::NoProfileSelected { .. } => {
                "pick one with -p NAME, MAILCONN_PROFILE, or `mailconn profile use NAME`".into()
            }
            ConfigError::Env { var, .. } => format!("fix or unset {var}"),
            ConfigError::Incompatible { hint, .. } => hint.clone(),
            ConfigError::Missing { sources, .. } => format!(
                "set it with {sources}, or create a profile with `mailconn profile add NAME`"
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_one_based_lines_and_columns() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(
            Location::of_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        let offset = text.find("= 2").unwrap();
        assert_eq!(
            Location::of_offset(text, offset),
            Location { line: 2, column: 4 }
        );
    }
}
