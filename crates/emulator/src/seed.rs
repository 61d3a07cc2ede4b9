//! `--seed DIR`: mail delivered at start from `DIR/<mailbox>/<folder path>/*.eml`, as the
//! admin API delivers it, so a demo or a test starts with a known mailbox.
//!
//! The layout is strict where a mistake would silently seed the wrong thing (an unknown
//! mailbox, an unreadable or unparseable `.eml`) and lenient where nothing is lost (other
//! files and hidden entries are skipped), so a seed directory can carry a README.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::directory::Directory;
use super::mailstore::MailStore;
use super::mime;

/// Why a seed directory cannot be used; the message names the offending path.
#[derive(Debug)]
pub(crate) struct SeedError(pub String);

impl std::fmt::Display for SeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One `.eml` file and the folder path it goes to (`Inbox/Support`).
struct SeedFile {
    path: PathBuf,
    folder: String,
}

/// Delivers every seed message; returns how many. Nothing is delivered unless the whole
/// directory is usable, so a failed start never leaves a half-seeded state behind.
pub(crate) fn deliver_all(
    dir: &Path,
    directory: &Directory,
    mail: &mut MailStore,
    now: DateTime<Utc>,
) -> Result<usize, SeedError> {
    let mut plan = Vec::new();
    for entry in sorted_entries(dir)? {
        let name = file_name(&entry)?;
        if name.starts_with('.') {
            continue;
        }
        if !entry.is_dir() {
            if is_eml(&name) {
                return Err(SeedError(format!(
                    "{}: a seed message must be inside a mailbox directory \
                     (DIR/<mailbox>/<folder>/{name})",
                    entry.display()
                )));
            }
            continue;
        }
        // UPNs and ids are unique across tenants, so the name finds the tenant too.
        let (tenant, user) = directory.user(&name).ok_or_else(|| {
            SeedError(format!(
                "{}: '{name}' is not a user of any tenant (name the mailbox by address or id)",
                entry.display()
            ))
        })?;
        if mail.mailbox(user.id).is_none() {
            return Err(SeedError(format!(
                "{}: {name} has no mailbox (unlicensed user)",
                entry.display()
            )));
        }
        let mut files = Vec::new();
        collect(&entry, "", &mut files)?;
        plan.push((user.id, tenant.domain.as_str(), files));
    }

    let mut parsed_plan = Vec::new();
    for (owner, domain, files) in plan {
        for file in files {
            let raw = std::fs::read(&file.path)
                .map_err(|err| SeedError(format!("{}: cannot read: {err}", file.path.display())))?;
            let message = mime::parse_for_delivery(raw, domain).ok_or_else(|| {
                SeedError(format!(
                    "{}: not an RFC 822 message (no header section)",
                    file.path.display()
                ))
            })?;
            parsed_plan.push((owner, file, message));
        }
    }

    let count = parsed_plan.len();
    for (owner, file, (parsed, raw)) in parsed_plan {
        let mailbox = mail.mailbox_mut(owner).expect("checked above");
        let folder_id = mailbox.ensure_path(&file.folder).ok_or_else(|| {
            SeedError(format!(
                "{}: cannot create folder '{}'",
                file.path.display(),
                file.folder
            ))
        })?;
        mailbox.deliver(&folder_id, parsed, raw, now, false);
    }
    Ok(count)
}

/// The `.eml` files under a mailbox directory, depth first in name order; a file directly
/// in the mailbox directory goes to `Inbox` (the admin API's default folder).
fn collect(dir: &Path, folder: &str, out: &mut Vec<SeedFile>) -> Result<(), SeedError> {
    for entry in sorted_entries(dir)? {
        let name = file_name(&entry)?;
        if name.starts_with('.') {
            continue;
        }
        if entry.is_dir() {
            let sub = if folder.is_empty() {
                name
            } else {
                format!("{folder}/{name}")
            };
            collect(&entry, &sub, out)?;
        } else if is_eml(&name) {
            out.push(SeedFile {
                path: entry,
                folder: if folder.is_empty() {
                    "Inbox".to_owned()
                } else {
                    folder.to_owned()
                },
            });
        }
    }
    Ok(())
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, SeedError> {
    let read = std::fs::read_dir(dir)
        .map_err(|err| SeedError(format!("{}: cannot read directory: {err}", dir.display())))?;
    let mut entries = read
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| SeedError(format!("{}: cannot read directory: {err}", dir.display())))?;
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> Result<String, SeedError> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| SeedError(format!("{}: the name is not UTF-8", path.display())))
}

fn is_eml(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("eml"))
}
