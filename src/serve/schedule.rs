//! When a profile's next scheduled import is due: its poll interval, moved by up to a tenth
//! either way, so mailboxes that started together do not all ask Graph in the same second
//! for the rest of the worker's life.

use std::time::Duration;

/// `interval` ± 10 %, from `random` (any value; uniform in, uniform out).
pub fn jittered(interval: Duration, random: u64) -> Duration {
    let spread = interval / 5; // the whole width of the window: -10 % .. +10 %
    let nanos = spread.as_nanos() as u64;
    let offset = if nanos == 0 { 0 } else { random % nanos };
    interval - spread / 2 + Duration::from_nanos(offset)
}

/// A random value for [`jittered`] from the system's generator.
pub fn random() -> u64 {
    let mut bytes = [0u8; 8];
    // The jitter only spreads load; a failing generator just means no spread.
    let _ = aws_lc_rs::rand::fill(&mut bytes);
    u64::from_le_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_stays_within_a_tenth_of_the_interval() {
        let interval = Duration::from_secs(300);
        for random in [0, 1, u64::MAX, 12_345_678_901, 59_999_999_999] {
            let delay = jittered(interval, random);
            assert!(delay >= Duration::from_secs(270), "{delay:?}");
            assert!(delay < Duration::from_secs(330), "{delay:?}");
        }
        assert_eq!(jittered(interval, 0), Duration::from_secs(270));
        assert_ne!(jittered(interval, 1 << 40), jittered(interval, 1 << 41));
    }

    #[test]
    fn a_zero_interval_stays_zero() {
        assert_eq!(jittered(Duration::ZERO, 42), Duration::ZERO);
    }
}
