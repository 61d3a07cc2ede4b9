//! The import pipeline: the pure stages (normalize, preprocess, rules, tied together in
//! [`process`]), the run that reads from Graph and writes through the store ([`run`]),
//! and the sinks that hand messages to other systems ([`sinks`]).

pub mod events;
pub mod normalize;
pub mod preprocess;
pub mod process;
pub mod rules;
pub mod run;
pub mod sinks;
pub mod tokens;
