//! Scripted faults: the admin API arms a rule for a route, and the next matching requests
//! get a throttle, a server error, a reset connection, a delay, a malformed body or an
//! expired-token answer instead of (or before) the emulator's own.

use std::time::Duration;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rule {
    /// `GET`, `POST`, … or absent for any method.
    #[serde(default)]
    pub method: Option<String>,
    /// Request path; `*` matches any run of characters (`/v1.0/users/*/messages*`).
    pub path: String,
    /// Let this many matching requests through before the fault starts.
    #[serde(default)]
    pub skip: u32,
    /// How many requests get the fault; 0 means every one from then on.
    #[serde(default = "one")]
    pub times: u32,
    pub fault: Fault,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Fault {
    /// An error status in the service's envelope; `retry_after` (seconds) as a header.
    Status {
        status: u16,
        #[serde(default)]
        retry_after: Option<String>,
    },
    /// The connection is dropped before a complete response is written.
    Reset,
    /// The request waits this long, then is served normally.
    Delay { ms: u64 },
    /// `200 OK` with a JSON body cut off mid-way.
    Malformed,
    /// `401 InvalidAuthenticationToken` as if the access token had expired.
    ExpiredToken,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Armed {
    pub id: u64,
    #[serde(flatten)]
    pub rule: Rule,
    pub matched: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: Vec<Armed>,
    next_id: u64,
}

impl Faults {
    pub(crate) fn arm(&mut self, rule: Rule) -> u64 {
        self.next_id += 1;
        self.rules.push(Armed {
            id: self.next_id,
            rule,
            matched: 0,
        });
        self.next_id
    }

    pub(crate) fn list(&self) -> Vec<Armed> {
        self.rules.clone()
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// The fault for this request, if a rule fires; spent rules are removed.
    pub(crate) fn take(&mut self, method: &str, path: &str) -> Option<(u64, Fault)> {
        let index = self.rules.iter().position(|armed| {
            armed
                .rule
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && glob_matches(&armed.rule.path, path)
        })?;
        let armed = &mut self.rules[index];
        armed.matched += 1;
        if armed.matched <= armed.rule.skip {
            return None;
        }
        let fired = (armed.id, armed.rule.fault.clone());
        let used = armed.matched - armed.rule.skip;
        if armed.rule.times != 0 && used >= armed.rule.times {
            self.rules.remove(index);
        }
        Some(fired)
    }
}

impl Fault {
    pub(crate) fn delay(&self) -> Option<Duration> {
        match self {
            Fault::Delay { ms } => Some(Duration::from_millis(*ms)),
            _ => None,
        }
    }
}

/// `*` matches any run of characters (including `/`); everything else literally.
fn glob_matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_paths() {
        assert!(glob_matches(
            "/v1.0/users/*/messages*",
            "/v1.0/users/a@b.c/messages/x/move"
        ));
        assert!(glob_matches("/v1.0/me", "/v1.0/me"));
        assert!(!glob_matches("/v1.0/me", "/v1.0/me/messages"));
        assert!(glob_matches("*token", "/t/oauth2/v2.0/token"));
        assert!(!glob_matches("/admin*", "/v1.0/admin"));
    }

    #[test]
    fn skip_and_times_bound_a_rule() {
        let mut faults = Faults::default();
        faults.arm(Rule {
            method: Some("GET".into()),
            path: "/x".into(),
            skip: 1,
            times: 2,
            fault: Fault::Reset,
        });
        assert!(faults.take("GET", "/x").is_none());
        assert!(faults.take("POST", "/x").is_none());
        assert!(faults.take("GET", "/x").is_some());
        assert!(faults.take("get", "/x").is_some());
        assert!(faults.take("GET", "/x").is_none());
        assert!(faults.list().is_empty());
    }
}
