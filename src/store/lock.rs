//! The per-mailbox+folder run lock: an OS advisory lock on a file, so it is released by the
//! kernel when the process exits in any way, kill -9 included. No stale lock to clean up.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::StoreError;
use crate::private_fs;

/// Held for the whole run; dropping it (or dying) releases the lock.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

/// What to do when another run holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenLocked {
    Fail,
    Wait,
}

impl FolderLock {
    /// Locks `mailbox` + `folder` under `dir` (created 0700). With [`WhenLocked::Fail`] a
    /// held lock is [`StoreError::Locked`] at once (exit 7), naming the holder.
    pub fn acquire(
        dir: &Path,
        mailbox: &str,
        folder: &str,
        when_locked: WhenLocked,
    ) -> Result<FolderLock, StoreError> {
        let path = dir.join(lock_file_name(mailbox, folder));
        let io_err = |source| StoreError::LockFile {
            path: path.clone(),
            source,
        };
        private_fs::create_dir(dir).map_err(io_err)?;
        let mut file = private_fs::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => match when_locked {
                WhenLocked::Fail => {
                    return Err(StoreError::Locked {
                        what: format!("{mailbox} folder {folder}"),
                        holder: read_holder(&mut file),
                    });
                }
                WhenLocked::Wait => file.lock().map_err(io_err)?,
            },
            Err(TryLockError::Error(e)) => return Err(io_err(e)),
        }
        // Who holds it, for the next run's error message. Written only while locked.
        let holder = format!(
            "pid {} since {}",
            std::process::id(),
            chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ")
        );
        file.set_len(0)
            .and_then(|_| file.rewind())
            .and_then(|_| file.write_all(holder.as_bytes()))
            .map_err(io_err)?;
        Ok(FolderLock { _file: file })
    }
}

fn read_holder(file: &mut File) -> Option<String> {
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A file name per mailbox + folder: hashed, because both may hold characters a file name
/// cannot, and case-folded, because Exchange treats both case-insensitively.
fn lock_file_name(mailbox: &str, folder: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(mailbox.to_lowercase().as_bytes());
    hash.update([0]);
    hash.update(folder.to_lowercase().as_bytes());
    let digest = hash.finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.lock")
}

/// The default lock directory: `$XDG_STATE_HOME/mailconn/locks` — independent of the store
/// file, because what the lock protects is the mailbox folder.
pub fn default_dir() -> Result<PathBuf, StoreError> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|e| StoreError::LockFile {
        path: PathBuf::from("locks"),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(base
        .state_dir()
        .unwrap_or_else(|| base.data_dir())
        .join("mailconn")
        .join("locks"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Diagnose, ErrorKind};

    /// A process spawned by one test holds copies of every open descriptor between fork and
    /// exec, locks included; the lock tests take turns so a spawn cannot hold another's lock.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

    fn serial() -> std::sync::MutexGuard<'static, ()> {
        ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
    }

    #[test]
    fn a_second_run_on_the_same_folder_is_refused_with_exit_7() {
        let _serial = serial();
        let dir = tempfile::tempdir().unwrap();
        let held = FolderLock::acquire(
            dir.path(),
            "Support@Contoso.com",
            "Inbox/Support",
            WhenLocked::Fail,
        )
        .unwrap();
        let err = FolderLock::acquire(
            dir.path(),
            "support@contoso.com",
            "inbox/support",
            WhenLocked::Fail,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Locked);
        assert!(
            err.to_string()
                .contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        // Another folder of the same mailbox is independent.
        FolderLock::acquire(
            dir.path(),
            "support@contoso.com",
            "Inbox/Billing",
            WhenLocked::Fail,
        )
        .unwrap();
        drop(held);
        FolderLock::acquire(
            dir.path(),
            "support@contoso.com",
            "Inbox/Support",
            WhenLocked::Fail,
        )
        .unwrap();
    }

    /// Whether some process or thread is blocked waiting for a lock on the file with this
    /// inode: Linux lists waiters in /proc/locks as `N: -> FLOCK ... MAJ:MIN:INODE ...`.
    #[cfg(target_os = "linux")]
    fn someone_waits_for(inode: u64) -> bool {
        let locks = std::fs::read_to_string("/proc/locks").unwrap();
        locks.lines().any(|line| {
            line.contains("->")
                && line
                    .split_whitespace()
                    .any(|field| field.rsplit(':').next() == Some(&inode.to_string()))
        })
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn wait_blocks_while_the_lock_is_held_and_takes_it_once_the_holder_is_done() {
        use std::os::unix::fs::MetadataExt;
        let _serial = serial();
        let dir = tempfile::tempdir().unwrap();
        let held = FolderLock::acquire(dir.path(), "a@b.c", "Inbox", WhenLocked::Fail).unwrap();
        let path = dir.path().join(lock_file_name("a@b.c", "Inbox"));
        let inode = std::fs::metadata(path).unwrap().ino();
        std::thread::scope(|s| {
            let waiter =
                s.spawn(|| FolderLock::acquire(dir.path(), "a@b.c", "Inbox", WhenLocked::Wait));
            // The kernel's own record that the waiter is blocked on this lock: the event the
            // rest depends on, not a guessed delay.
            while !someone_waits_for(inode) {
                assert!(!waiter.is_finished(), "the waiter did not wait");
                std::thread::yield_now();
            }
            assert!(!waiter.is_finished());
            drop(held);
            waiter.join().unwrap().unwrap();
        });
    }

    #[test]
    fn a_killed_holder_leaves_no_stale_lock() {
        let _serial = serial();
        let dir = tempfile::tempdir().unwrap();
        drop(FolderLock::acquire(dir.path(), "a@b.c", "Inbox", WhenLocked::Fail).unwrap());
        let path = dir.path().join(lock_file_name("a@b.c", "Inbox"));
        // util-linux flock(1) takes the same kind of lock (flock(2)) as std's File::lock;
        // --no-fork so the process we kill is the one holding it.
        let Ok(mut child) = std::process::Command::new("flock")
            .arg("--no-fork")
            .arg(&path)
            .args(["sleep", "600"])
            .spawn()
        else {
            panic!("this test needs flock(1) from util-linux");
        };
        // Until the child holds the lock, acquiring succeeds; poll (no sleep) until it doesn't.
        let mut locked = false;
        for _ in 0..1_000_000 {
            match FolderLock::acquire(dir.path(), "a@b.c", "Inbox", WhenLocked::Fail) {
                Err(StoreError::Locked { .. }) => {
                    locked = true;
                    break;
                }
                Ok(lock) => drop(lock),
                Err(e) => panic!("{e}"),
            }
            std::thread::yield_now();
        }
        assert!(locked, "the child never took the lock");
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        FolderLock::acquire(dir.path(), "a@b.c", "Inbox", WhenLocked::Fail).unwrap();
    }
}
