//! Secrets: values that must never reach argv, logs, error text or `--json`.

mod secret;

pub use secret::Secret;
