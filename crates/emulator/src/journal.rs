//! The request journal: what clients sent, with secrets redacted, so tests can assert on
//! the client's behaviour (paging, retries, concurrency, Retry-After honoured).

use serde::Serialize;

/// Headers whose values are credentials.
const SECRET_HEADERS: &[&str] = &["authorization", "proxy-authorization", "cookie"];
/// Query and form fields whose values are credentials or one-time grants.
const SECRET_FIELDS: &[&str] = &[
    "client_secret",
    "client_assertion",
    "refresh_token",
    "code",
    "code_verifier",
    "device_code",
    "access_token",
    "id_token",
    "password",
];
pub(crate) const REDACTED: &str = "[redacted]";

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entry {
    pub seq: u64,
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// Form fields of `application/x-www-form-urlencoded` bodies (token requests).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub form: Vec<(String, String)>,
    pub status: u16,
    pub started: String,
    pub duration_ms: u64,
    /// Requests in flight when this one arrived, itself included.
    pub concurrency_at_arrival: usize,
    /// The mailbox a Graph mail request used (after throttling admitted it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mailbox: Option<String>,
    /// Requests of the same app in flight on that mailbox at admission, itself included:
    /// what Outlook's limit of 4 counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mailbox_concurrency_at_arrival: Option<usize>,
    /// The fault that answered instead of the emulator, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<u64>,
}

/// Old entries are dropped beyond `capacity` (the tenant's `journal_capacity`), so a
/// long-running emulator stays small.
#[derive(Debug)]
pub(crate) struct Journal {
    entries: std::collections::VecDeque<Entry>,
    next_seq: u64,
    capacity: usize,
}

impl Journal {
    /// A journal that keeps the last `capacity` requests (at least one).
    pub(crate) fn new(capacity: usize) -> Journal {
        Journal {
            entries: Default::default(),
            next_seq: 0,
            capacity: capacity.max(1),
        }
    }

    pub(crate) fn record(&mut self, mut entry: Entry) {
        self.next_seq += 1;
        entry.seq = self.next_seq;
        if self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub(crate) fn since(&self, seq: u64) -> Vec<Entry> {
        self.entries
            .iter()
            .filter(|e| e.seq > seq)
            .cloned()
            .collect()
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

pub(crate) fn redact_header(name: &str, value: &str) -> String {
    if SECRET_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        // Keep the scheme: "was it Bearer or Basic" is a fair question for a test.
        match value.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} {REDACTED}"),
            None => REDACTED.to_owned(),
        }
    } else {
        value.to_owned()
    }
}

pub(crate) fn redact_fields(raw: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| {
            let value = if SECRET_FIELDS.contains(&k.as_ref()) {
                REDACTED.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> Entry {
        Entry {
            seq: 0,
            method: "GET".into(),
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            form: Vec::new(),
            status: 200,
            started: String::new(),
            duration_ms: 0,
            concurrency_at_arrival: 1,
            mailbox: None,
            mailbox_concurrency_at_arrival: None,
            fault: None,
        }
    }

    #[test]
    fn the_journal_keeps_the_newest_entries_up_to_its_capacity() {
        let mut journal = Journal::new(2);
        for path in ["/a", "/b", "/c"] {
            journal.record(entry(path));
        }
        let kept: Vec<(u64, String)> = journal
            .since(0)
            .into_iter()
            .map(|e| (e.seq, e.path))
            .collect();
        assert_eq!(kept, [(2, "/b".to_owned()), (3, "/c".to_owned())]);
    }

    #[test]
    fn credentials_never_survive_redaction() {
        let fields = redact_fields("grant_type=refresh_token&refresh_token=rt-123&client_id=abc");
        assert_eq!(
            fields,
            vec![
                ("grant_type".into(), "refresh_token".into()),
                ("refresh_token".into(), REDACTED.into()),
                ("client_id".into(), "abc".into()),
            ]
        );
        assert_eq!(
            redact_header("Authorization", "Bearer eyJ0"),
            "Bearer [redacted]"
        );
        assert_eq!(
            redact_header("accept", "application/json"),
            "application/json"
        );
    }
}
