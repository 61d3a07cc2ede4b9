//! When to try a Graph request again, and how long to wait first (graph-facts §6): a
//! `Retry-After` (seconds, possibly fractional such as `2.128`) is honoured; without one the
//! wait doubles. Throttling (429) and 503 are retried for every method, because Graph did not
//! run the request; 500/502/504 and broken connections only for idempotent methods, because
//! the request may have run.

use std::time::Duration;

use reqwest::Method;

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first back-off without `Retry-After`; doubled each time.
    pub base_delay: Duration,
    /// The longest wait; a longer `Retry-After` ends the retries (a run should stop rather
    /// than hang).
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(60),
        }
    }
}

/// How an attempt ended, as far as retrying cares.
pub enum Outcome<'a> {
    Status {
        status: u16,
        retry_after: Option<&'a str>,
    },
    ConnectionError,
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0-based), or `None` to give up.
    pub fn wait(&self, method: &Method, outcome: Outcome<'_>, retry: u32) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        let idempotent = matches!(
            *method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        );
        let retry_after = match outcome {
            Outcome::Status {
                status: 429 | 503,
                retry_after,
            } => retry_after,
            Outcome::Status {
                status: 500 | 502 | 504,
                retry_after,
            } if idempotent => retry_after,
            Outcome::ConnectionError if idempotent => None,
            _ => return None,
        };
        match retry_after.and_then(parse_retry_after) {
            // Graph asks for a longer pause than a run should sit through (Exchange's
            // budget of requests per 10 minutes is spent): give up now, so the caller can
            // stop and leave the rest to the next run, instead of retrying too early.
            Some(asked) if asked > self.max_delay => None,
            Some(asked) => Some(asked),
            None => Some(
                self.base_delay
                    .saturating_mul(2u32.saturating_pow(retry))
                    .min(self.max_delay),
            ),
        }
    }
}

/// `Retry-After` as seconds (Graph sends numbers, sometimes fractional). An HTTP date or
/// garbage gives `None`, and the caller backs off on its own.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let seconds: f64 = value.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, retry_after: Option<&str>) -> Outcome<'_> {
        Outcome::Status {
            status,
            retry_after,
        }
    }

    #[test]
    fn retry_after_is_honoured_even_when_fractional() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.wait(&Method::GET, status(429, Some("2.128")), 0),
            Some(Duration::from_millis(2128))
        );
        assert_eq!(
            p.wait(&Method::POST, status(503, Some("1")), 0),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn a_retry_after_longer_than_the_longest_wait_is_not_waited_for() {
        let p = RetryPolicy::default();
        assert_eq!(p.wait(&Method::GET, status(429, Some("300")), 0), None);
        assert_eq!(
            p.wait(&Method::GET, status(429, Some("60")), 0),
            Some(Duration::from_secs(60))
        );
    }

    #[test]
    fn without_retry_after_the_wait_doubles_until_the_retries_run_out() {
        let p = RetryPolicy::default();
        let waits: Vec<_> = (0..5)
            .map(|n| p.wait(&Method::GET, status(429, None), n))
            .collect();
        assert_eq!(
            waits,
            [
                Some(Duration::from_millis(500)),
                Some(Duration::from_secs(1)),
                Some(Duration::from_secs(2)),
                Some(Duration::from_secs(4)),
                None
            ]
        );
    }

    #[test]
    fn a_request_that_may_have_run_is_retried_only_when_idempotent() {
        let p = RetryPolicy::default();
        assert!(p.wait(&Method::GET, status(504, None), 0).is_some());
        assert!(p.wait(&Method::POST, status(504, None), 0).is_none());
        assert!(p.wait(&Method::POST, Outcome::ConnectionError, 0).is_none());
        assert!(
            p.wait(&Method::DELETE, Outcome::ConnectionError, 0)
                .is_some()
        );
        assert!(p.wait(&Method::GET, status(404, None), 0).is_none());
    }
}
