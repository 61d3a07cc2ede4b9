//! The black-box test suite, one binary: every module runs the real `mailconn` binary (or a
//! part of the library) against the embedded emulator, a sandboxed HOME and a real Secret
//! Service. One target links once, so a change to `src/` relinks one test binary, not one
//! per file.
//!
//! All tests share this process (and the keyring `.ci/with-keyring` starts), so anything
//! that must be unique across tests, such as a profile name kept in the keyring, comes from
//! `common::unique_name`, never from the process id alone.

mod common;

mod credentials;
mod demo;
mod emulator_drafts;
mod emulator_graph;
mod emulator_headers;
mod emulator_identity;
mod emulator_robustness;
mod emulator_seed;
mod emulator_serve;
mod emulator_state;
mod emulator_subscriptions;
mod emulator_tolerance;
mod generated;
mod human_output;
mod import;
mod import_all;
mod import_budget;
mod import_paging;
mod import_reliability;
mod import_sinks;
mod layout;
mod log_tickets_rules;
mod mailbox_identity;
mod mime_corpus;
mod profiles;
mod readme;
mod send_test_message;
mod signin;
mod strict_entra;
mod subscriptions;
mod test_connection;
