//! `mailconn serve`'s own parts: what the worker counts and shows on `/metrics` and
//! `/healthz`, and when each profile's next scheduled import is due. The worker itself (the
//! scheduler, the receiver, the imports) is put together in `commands/serve.rs` from the
//! pieces `webhook serve` and `import --all` already use.

pub mod deal;
pub mod metrics;
pub mod relay;
pub mod schedule;
