//! The config file: parsed with spans so every problem is reported as `file:line:col`, and
//! edited in place (comments and layout kept) with a 0600 atomic write.
//!
//! A syntax error makes the whole file unusable. A bad value inside one profile only breaks
//! that profile: the others stay usable, and `profile list` shows what is wrong with it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::profile::Profile;
use super::values::ProfileName;
use super::{ConfigError, Location};

/// The parsed config file.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// The text as read, kept so edits can preserve comments and layout.
    text: String,
    pub default_profile: Option<ProfileName>,
    /// `store_url` at the top: the shared store of every profile that names no store of its
    /// own (`[import] store` or `store_url`).
    pub store_url: Option<String>,
    /// Every profile, valid or not; a broken one carries what is wrong with it.
    pub profiles: BTreeMap<ProfileName, Result<Profile, ProfileProblem>>,
}

/// Why one profile in the file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileProblem {
    pub at: Location,
    pub message: String,
}

impl ConfigFile {
    /// Reads and validates the file. A missing file is an empty configuration.
    pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        Self::parse(path, text)
    }

    pub fn parse(path: &Path, text: String) -> Result<ConfigFile, ConfigError> {
        let invalid = |offset: usize, message: String| ConfigError::Invalid {
            path: path.to_owned(),
            at: Location::of_offset(&text, offset),
            message,
        };
        let from_toml = |e: toml::de::Error| {
            invalid(
                e.span().map_or(0, |s| s.start),
                e.message().trim().to_owned(),
            )
        };

        let root = DeTable::parse(&text).map_err(from_toml)?;
        let mut default_profile: Option<(ProfileName, usize)> = None;
        let mut store_url = None;
        let mut profiles = BTreeMap::new();
        for (key, value) in root.into_inner() {
            let key_offset = key.span().start;
            match key.get_ref().as_ref() {
                "default_profile" => {
                    let offset = value.span().start;
                    let name = ProfileName::deserialize(ValueDeserializer::from(value))
                        .map_err(from_toml)?;
                    default_profile = Some((name, offset));
                }
                "store_url" => {
                    store_url = Some(
                        String::deserialize(ValueDeserializer::from(value)).map_err(from_toml)?,
                    );
                }
                "profiles" => {
                    let offset = value.span().start;
                    let DeValue::Table(table) = value.into_inner() else {
                        return Err(invalid(offset, "'profiles' must be a table".into()));
                    };
                    for (name, body) in table {
                        let name_offset = name.span().start;
                        let name: ProfileName = name
                            .get_ref()
                            .parse()
                            .map_err(|e| invalid(name_offset, e))?;
                        let profile =
                            parse_profile(body).map_err(|(offset, message)| ProfileProblem {
                                at: Location::of_offset(&text, offset),
                                message,
                            });
                        profiles.insert(name, profile);
                    }
                }
                other => {
                    return Err(invalid(
                        key_offset,
                        format!(
                            "unknown key '{other}' (expected 'default_profile', 'store_url' or a [profiles.NAME] table)"
                        ),
                    ));
                }
            }
        }
        if let Some((name, offset)) = &default_profile
            && !profiles.contains_key(name)
        {
            return Err(invalid(
                *offset,
                format!("default_profile '{name}' is not defined under [profiles]"),
            ));
        }
        Ok(ConfigFile {
            path: path.to_owned(),
            text,
            default_profile: default_profile.map(|(name, _)| name),
            store_url,
            profiles,
        })
    }

    /// The error to report when a command needs a broken profile.
    pub fn problem_error(&self, problem: &ProfileProblem) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.clone(),
            at: problem.at,
            message: problem.message.clone(),
        }
    }

    /// Names of all profiles, in order.
    pub fn names(&self) -> Vec<String> {
        self.profiles.keys().map(|n| n.to_string()).collect()
    }

    /// Adds or replaces a profile and writes the file.
    pub fn put_profile(
        &mut self,
        name: &ProfileName,
        profile: &Profile,
    ) -> Result<(), ConfigError> {
        let body: toml_edit::DocumentMut = toml::to_string(profile)
            .expect("a profile always serializes")
            .parse()
            .expect("serialized TOML parses");
        let mut doc = self.document()?;
        let profiles = doc
            .entry("profiles")
            .or_insert_with(|| {
                let mut t = toml_edit::Table::new();
                t.set_implicit(true);
                toml_edit::Item::Table(t)
            })
            .as_table_mut()
            .expect("'profiles' was checked to be a table on load");
        profiles.insert(
            name.as_str(),
            toml_edit::Item::Table(body.as_table().clone()),
        );
        self.write(doc)?;
        self.profiles.insert(name.clone(), Ok(profile.clone()));
        Ok(())
    }

    /// Removes a profile (clearing `default_profile` if it named it) and writes the file.
    /// Returns whether the removed profile was the default.
    pub fn remove_profile(&mut self, name: &ProfileName) -> Result<bool, ConfigError> {
        let mut doc = self.document()?;
        if let Some(profiles) = doc.get_mut("profiles").and_then(|p| p.as_table_mut()) {
            profiles.remove(name.as_str());
        }
        let was_default = self.default_profile.as_ref() == Some(name);
        if was_default {
            doc.remove("default_profile");
        }
        self.write(doc)?;
        self.profiles.remove(name);
        if was_default {
            self.default_profile = None;
        }
        Ok(was_default)
    }

    /// Makes `name` the default profile and writes the file.
    pub fn set_default(&mut self, name: &ProfileName) -> Result<(), ConfigError> {
        let mut doc = self.document()?;
        doc.insert("default_profile", toml_edit::value(name.as_str()));
        // Keep `default_profile` above the profile tables, where a reader looks first.
        doc.sort_values_by(|a, _, b, _| {
            (a.get() != "default_profile").cmp(&(b.get() != "default_profile"))
        });
        self.write(doc)?;
        self.default_profile = Some(name.clone());
        Ok(())
    }

    fn document(&self) -> Result<toml_edit::DocumentMut, ConfigError> {
        // The text already parsed once in `parse`, so this cannot fail on a loaded file.
        self.text
            .parse()
            .map_err(|e: toml_edit::TomlError| ConfigError::Invalid {
                path: self.path.clone(),
                at: Location::of_offset(&self.text, e.span().map_or(0, |s| s.start)),
                message: e.message().to_owned(),
            })
    }

    fn write(&mut self, doc: toml_edit::DocumentMut) -> Result<(), ConfigError> {
        let text = doc.to_string();
        crate::private_fs::write(&self.path, text.as_bytes()).map_err(|source| {
            ConfigError::Write {
                path: self.path.clone(),
                source,
            }
        })?;
        self.text = text;
        Ok(())
    }
}

/// Deserializes one `[profiles.NAME]` table; on error returns the byte offset and message.
fn parse_profile(body: Spanned<DeValue<'_>>) -> Result<Profile, (usize, String)> {
    let table_offset = body.span().start;
    let import_keys = import_key_offsets(&body);
    let profile = Profile::deserialize(ValueDeserializer::from(body)).map_err(|e| {
        (
            e.span().map_or(table_offset, |s| s.start),
            e.message().trim().to_owned(),
        )
    })?;
    profile
        .check()
        .map_err(|(message, hint)| (table_offset, format!("{message} ({hint})")))?;
    let checked = profile
        .import
        .check_store()
        .and_then(|()| profile.import.check_sink());
    checked.map_err(|p| {
        // Point at the key at fault, else at `sink` (a missing key has no place of its own).
        let at = [p.key, "sink"]
            .iter()
            .find_map(|key| import_keys.iter().find(|(k, _)| k == key))
            .map_or(table_offset, |(_, offset)| *offset);
        (at, format!("{} ({})", p.message, p.hint))
    })?;
    Ok(profile)
}

/// Byte offsets of the keys in a profile's `import` table, read before deserializing
/// consumes the spans.
fn import_key_offsets(body: &Spanned<DeValue<'_>>) -> Vec<(String, usize)> {
    let DeValue::Table(profile) = body.get_ref() else {
        return Vec::new();
    };
    let Some(DeValue::Table(import)) = profile
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "import")
        .map(|(_, v)| v.get_ref())
    else {
        return Vec::new();
    };
    import
        .iter()
        .map(|(k, _)| (k.get_ref().to_string(), k.span().start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, ConfigError> {
        ConfigFile::parse(Path::new("config.toml"), text.to_owned())
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = parse("default_profile = \"a\"\n[profiles.a\ntenant = 1\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("config.toml:2:"), "{text}");
    }

    #[test]
    fn a_bad_value_breaks_only_its_profile_and_points_at_the_value() {
        let cfg = parse(concat!(
            "[profiles.good]\ntenant = \"contoso.com\"\n",
            "[profiles.bad]\ntenant = \"contoso.com\"\nclient_id = \"my-app\"\n",
        ))
        .unwrap();
        assert!(cfg.profiles[&"good".parse().unwrap()].is_ok());
        let problem = cfg.profiles[&"bad".parse().unwrap()].as_ref().unwrap_err();
        let err = cfg.problem_error(problem).to_string();
        assert!(
            err.starts_with("config.toml:5:13: invalid client id 'my-app'"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_are_reported_not_ignored() {
        let cfg = parse("[profiles.a]\ntennant = \"contoso.com\"\n").unwrap();
        let problem = cfg.profiles[&"a".parse().unwrap()].as_ref().unwrap_err();
        assert_eq!(problem.at, Location { line: 2, column: 1 });
        assert!(problem.message.contains("tennant"), "{problem:?}");
        assert!(parse("profile = 1\n").is_err());
    }

    #[test]
    fn sink_problems_point_at_the_key() {
        let problem = |text: &str| {
            let cfg = parse(text).unwrap();
            cfg.profiles[&"a".parse().unwrap()]
                .as_ref()
                .unwrap_err()
                .clone()
        };
        let p = problem("[profiles.a.import]\nrules = \"r.toml\"\nsink = \"exec\"\n");
        assert_eq!(p.at, Location { line: 3, column: 1 }, "{p:?}");
        assert!(p.message.contains("needs the command"), "{p:?}");
        let p = problem("[profiles.a.import]\nsink = \"exec\"\nexec = [\"x\"]\n  dir = \"/d\"\n");
        assert_eq!(p.at, Location { line: 4, column: 3 }, "{p:?}");
        let p = problem(
            "[profiles.a.import]\nsink = \"http\"\nhttp_url = \"http://example.com/hook\"\n",
        );
        assert_eq!(
            p.at,
            Location {
                line: 3,
                column: 12
            },
            "{p:?}"
        );
        assert!(p.message.contains("use https"), "{p:?}");
        let ok =
            parse("[profiles.a.import]\nsink = \"dir\"\ndir = \"/var/spool/mailconn\"\n").unwrap();
        assert!(ok.profiles[&"a".parse().unwrap()].is_ok());
    }

    #[test]
    fn a_top_level_store_url_is_read_and_a_wrong_type_is_reported() {
        let cfg = parse("store_url = \"postgres://app@db/mail\"\n[profiles.a]\n").unwrap();
        assert_eq!(cfg.store_url.as_deref(), Some("postgres://app@db/mail"));
        assert!(parse("store_url = 5\n").is_err());
    }

    #[test]
    fn default_profile_must_exist() {
        let err = parse("default_profile = \"x\"\n").unwrap_err().to_string();
        assert!(err.contains("1:19") && err.contains("'x'"), "{err}");
    }

    #[test]
    fn edits_keep_comments_and_write_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "# my notes\n[profiles.a] # keep\ntenant = \"contoso.com\"\n",
        )
        .unwrap();
        let mut cfg = ConfigFile::load(&path).unwrap();
        let b: ProfileName = "b".parse().unwrap();
        cfg.put_profile(
            &b,
            &Profile {
                mailbox: Some("x@contoso.com".parse().unwrap()),
                ..Profile::default()
            },
        )
        .unwrap();
        cfg.set_default(&b).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("default_profile = \"b\"\n# my notes\n[profiles.a] # keep\n"),
            "{text}"
        );
        let reread = ConfigFile::load(&path).unwrap();
        assert_eq!(reread.default_profile, Some(b.clone()));
        assert_eq!(reread.profiles.len(), 2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let mut cfg = reread;
        assert!(cfg.remove_profile(&b).unwrap());
        let reread = ConfigFile::load(&path).unwrap();
        assert_eq!(reread.default_profile, None);
        assert_eq!(reread.profiles.len(), 1);
    }
}
