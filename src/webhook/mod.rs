//! Graph change notifications: the subscriptions a profile keeps on its mailbox folders
//! (remote at Graph, recorded locally, `clientState` in the secret store), and the receiver
//! that answers Graph's calls and turns them into imports (graph-facts §8).

pub mod control;
pub mod import_run;
pub mod manage;
pub mod payload;
pub mod probe;
pub mod receiver;
pub mod records;
pub mod scheduler;
mod tls;
