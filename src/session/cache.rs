//! The token cache entries: a token with its expiry and the sign-in it belongs to, kept as
//! one secret JSON value so the token never leaves the secret store unwrapped.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::auth::token::now;
use std::collections::BTreeMap;

use crate::secrets::Secret;

/// Access tokens are reused until this many seconds before they expire, so a token handed
/// to a run does not expire in the middle of it.
pub const EXPIRY_MARGIN_SECS: u64 = 300;

#[derive(Serialize, Deserialize)]
struct Entry {
    token: String,
    #[serde(default)]
    expires_at: u64,
    /// What the token was issued for ([`super::Session::fingerprint`]); a token for other
    /// settings (another tenant, app, cloud) is never used.
    issued_for: String,
    /// What was learned with this token, by name (e.g. a mailbox's object id, see
    /// `crate::mailbox::identify`): what Graph answered depends on the token's roles, so the
    /// answer lives exactly as long as the token.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    facts: Facts,
}

/// A cache entry, opened.
pub struct Cached {
    pub token: Secret,
    pub expires_at: u64,
    pub facts: Facts,
}

/// Facts kept with a token, by name.
pub type Facts = BTreeMap<String, serde_json::Value>;

pub fn encode(token: &Secret, expires_at: u64, issued_for: &str, facts: &Facts) -> Secret {
    let entry = Entry {
        token: token.expose_secret().clone(),
        expires_at,
        issued_for: issued_for.to_owned(),
        facts: facts.clone(),
    };
    let json = serde_json::to_string(&entry).expect("a cache entry serializes");
    drop(Zeroizing::new(entry.token));
    Secret::new(json)
}

/// The entry, if it belongs to `issued_for`. A damaged entry counts as absent: it is a
/// cache, and the next sign-in overwrites it.
pub fn decode(value: &Secret, issued_for: &str) -> Option<Cached> {
    let entry: Entry = serde_json::from_str(value.expose_secret()).ok()?;
    let cached = Cached {
        token: Secret::new(entry.token),
        expires_at: entry.expires_at,
        facts: entry.facts,
    };
    (entry.issued_for == issued_for).then_some(cached)
}

/// Whether an access token expiring at `expires_at` is still good to hand out.
pub fn fresh(expires_at: u64) -> bool {
    expires_at > now() + EXPIRY_MARGIN_SECS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_only_serve_the_sign_in_they_came_from() {
        let facts = Facts::from([("mailbox:a@b.c".to_owned(), serde_json::json!({"k": 1}))]);
        let stored = encode(&Secret::new("tok".into()), 42, "a", &facts);
        let cached = decode(&stored, "a").unwrap();
        assert_eq!(
            (cached.token.expose_secret().as_str(), cached.expires_at),
            ("tok", 42)
        );
        assert_eq!(cached.facts, facts);
        assert!(decode(&stored, "b").is_none());
        assert!(decode(&Secret::new("garbage".into()), "a").is_none());
    }

    #[test]
    fn tokens_near_expiry_are_not_reused() {
        assert!(fresh(now() + 3600));
        assert!(!fresh(now() + 60));
    }
}
