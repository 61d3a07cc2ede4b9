//! The local Microsoft 365 emulator (`mailconn emulator serve`): Entra ID v2.0 endpoints and
//! Graph v1.0 mail for one tenant or several, plus an admin API for tests. It keeps its own wire types
//! and depends on nothing of mailconn's sign-in or Graph client, so a misunderstanding of the
//! real service is not mirrored on both sides. `docs/emulator.md` documents the interface.

mod admin;
mod clock;
mod crypto;
mod demo;
mod directory;
mod error;
mod faults;
mod graph;
mod identity;
mod journal;
mod mailstore;
mod mime;
mod notify;
mod observe;
mod persist;
mod seed;
mod server;
mod state;
mod subscriptions;
mod tenant;
mod throttle;
mod tls;

pub use error::{ConfigError, Error};
pub use server::{DemoReady, Ready, ReadyTenant, Running, ServeOptions, serve, start};
pub use state::Latency;
