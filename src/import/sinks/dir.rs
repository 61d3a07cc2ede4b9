//! The `dir` sink: `<dir>/<name>.eml` (the raw MIME) and `<dir>/<name>.json` (the
//! [`Payload`](super::payload::Payload)), where `<name>` is the immutable id made safe for a
//! file name. A repeated delivery of the same message overwrites its two files instead of
//! adding a copy.
//!
//! Each file is written to a hidden temporary file (`.<name>.<ext>.<uuid>.tmp`, mode 0600)
//! and renamed into place, so a reader never sees half a message; the `.json` is renamed
//! after the `.eml`, so a consumer that picks up `*.json` always finds its `.eml` complete.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::payload::Payload;
use super::{Outbound, SinkError};
use crate::private_fs;

/// Longest file-name stem we write; most file systems allow 255 bytes per name, and the
/// temporary name adds a dot, the extension, a UUID and `.tmp`.
const MAX_STEM: usize = 180;

#[derive(Debug, Clone)]
pub struct DirSink {
    dir: PathBuf,
}

impl DirSink {
    /// The directory is created (mode 0700) on the first delivery if it is missing.
    pub fn new(dir: PathBuf) -> DirSink {
        DirSink { dir }
    }

    pub async fn deliver(&self, out: &Outbound<'_>) -> Result<String, SinkError> {
        let stem = file_stem(&out.key.immutable_id);
        let json = Payload::new(out).to_bytes();
        let mime = out.mime.to_vec();
        let dir = self.dir.clone();
        // Plain blocking file I/O with fsyncs: off the async workers.
        tokio::task::spawn_blocking(move || write_pair(&dir, &stem, &mime, &json))
            .await
            .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
    }
}

fn write_pair(dir: &Path, stem: &str, mime: &[u8], json: &[u8]) -> Result<String, SinkError> {
    private_fs::create_dir(dir).map_err(|source| SinkError::Write {
        path: dir.to_owned(),
        source,
    })?;
    let eml = dir.join(format!("{stem}.eml"));
    write_atomic(&eml, mime)?;
    write_atomic(&dir.join(format!("{stem}.json")), json)?;
    // The renames are durable only once the directory itself is synced; the import commits
    // its log row right after this returns.
    sync_dir(dir).map_err(|source| SinkError::Write {
        path: dir.to_owned(),
        source,
    })?;
    Ok(format!("wrote {}", eml.display()))
}

/// A file-name stem for an immutable id: letters, digits and `_` are kept, every other byte
/// (`/`, `+`, `=`, `-`, `.`, ...) becomes `%XX`. The mapping is one-to-one, so two messages
/// never share a file and a repeat always hits its own; a stem never starts with a dot.
/// An id too long for a file name keeps its start and gets `~` + the SHA-256 of the whole id
/// (`~` is always escaped above, so the two forms cannot meet).
pub fn file_stem(id: &str) -> String {
    let mut stem = String::with_capacity(id.len() + 16);
    for &b in id.as_bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' {
            stem.push(b as char);
        } else {
            stem.push_str(&format!("%{b:02X}"));
        }
    }
    if stem.len() <= MAX_STEM {
        return stem;
    }
    let mut cut = 100;
    // Never split a %XX escape.
    while stem.as_bytes()[cut - 1] == b'%' || stem.as_bytes()[cut - 2] == b'%' {
        cut -= 1;
    }
    let digest = Sha256::digest(id.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}~{hex}", &stem[..cut])
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SinkError> {
    private_fs::write(path, bytes).map_err(|source| SinkError::Write {
        path: path.to_owned(),
        source,
    })
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) -> std::io::Result<()> {
    Ok(())
}
