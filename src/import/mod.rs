//! The import pipeline's pure stages: normalize, preprocess, rules. The orchestration that
//! reads from Graph and writes through the store builds on these.

pub mod normalize;
pub mod preprocess;
pub mod rules;
pub mod sinks;
