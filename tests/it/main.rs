//! The black-box test suite, one binary: every module runs the real `mailconn` binary (or a
//! part of the library) against the embedded emulator, a sandboxed HOME and a real Secret
//! Service. One target links once, so a change to `src/` relinks one test binary, not one
//! per file.
//!
//! All tests share this process (and the keyring `.ci/with-keyring` starts), so anything
//! that must be unique across tests, such as a profile name kept in the keyring, comes from
//! `common::unique_name`, never from the process id alone.
//!
//! Modules that run `mailconn emulator serve` or `mailconn demo` need the `emulator` feature;
//! the rest also run with `--no-default-features`. `generated` does too: the committed
//! completions and man pages describe the default build's command line.

mod common;

mod credentials;
#[cfg(feature = "emulator")]
mod demo;
#[cfg(feature = "emulator")]
mod emulator_drafts;
#[cfg(feature = "emulator")]
mod emulator_fleet;
#[cfg(feature = "emulator")]
mod emulator_graph;
#[cfg(feature = "emulator")]
mod emulator_headers;
#[cfg(feature = "emulator")]
mod emulator_identity;
#[cfg(feature = "emulator")]
mod emulator_robustness;
#[cfg(feature = "emulator")]
mod emulator_seed;
#[cfg(feature = "emulator")]
mod emulator_serve;
#[cfg(feature = "emulator")]
mod emulator_state;
#[cfg(feature = "emulator")]
mod emulator_subscriptions;
#[cfg(feature = "emulator")]
mod emulator_tolerance;
#[cfg(feature = "emulator")]
mod generated;
#[cfg(feature = "emulator")]
mod human_output;
#[cfg(feature = "emulator")]
mod import;
#[cfg(feature = "emulator")]
mod import_all;
#[cfg(feature = "emulator")]
mod import_budget;
#[cfg(feature = "emulator")]
mod import_paging;
#[cfg(feature = "emulator")]
mod import_reliability;
mod import_sinks;
mod layout;
mod log_tickets_rules;
#[cfg(feature = "emulator")]
mod mailbox_identity;
mod mime_corpus;
mod profiles;
mod readme;
#[cfg(feature = "emulator")]
mod send_test_message;
#[cfg(feature = "emulator")]
mod serve;
#[cfg(all(unix, feature = "emulator"))]
mod serve_fleet;
#[cfg(all(unix, feature = "emulator"))]
mod shared_store;
#[cfg(feature = "emulator")]
mod signin;
#[cfg(all(unix, feature = "emulator"))]
mod status;
#[cfg(feature = "emulator")]
mod strict_entra;
#[cfg(feature = "emulator")]
mod subscriptions;
#[cfg(feature = "emulator")]
mod test_connection;
