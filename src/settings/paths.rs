//! Where mailconn keeps its files.

use std::path::PathBuf;

use etcetera::BaseStrategy;

use super::ConfigError;

/// The default config file: `$XDG_CONFIG_HOME/mailconn/config.toml` (`~/.config/...` when
/// unset; `%APPDATA%\mailconn\config.toml` on Windows).
pub fn default_config_file() -> Result<PathBuf, ConfigError> {
    let base = etcetera::choose_base_strategy().map_err(|e| ConfigError::Incompatible {
        message: format!("cannot find the home directory: {e}"),
        hint: "set HOME (or XDG_CONFIG_HOME), or pass --config FILE".into(),
    })?;
    Ok(base.config_dir().join("mailconn").join("config.toml"))
}
