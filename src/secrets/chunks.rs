//! Long values in the OS keyring. Windows Credential Manager refuses blobs over 2,560 bytes,
//! and a certificate bundle (key + chain) is larger than that. So a long value is split over
//! several entries on every platform (one format everywhere, tested on Linux): the main entry
//! holds a manifest with the number of pieces and a SHA-256 of the whole value, and the
//! pieces live in `ACCOUNT#1`, `ACCOUNT#2`, ... A short value is stored as it is, so other
//! tools (`secret-tool`, Keychain Access) show it plainly.
//!
//! The digest turns a half-written update (crash between pieces) into a clear "damaged
//! entry" error instead of a wrong secret.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// Bytes of UTF-8 per entry. The Windows store writes UTF-16, at most 2 bytes per UTF-8
/// byte, so 1,200 bytes stay under its 2,560-byte limit with room to spare.
pub const CHUNK_BYTES: usize = 1200;

const MANIFEST_PREFIX: &str = "mailconn-chunks:v1:";

/// How a value is laid out in the keyring.
pub enum Layout<'a> {
    Whole(&'a str),
    /// The manifest for the main entry and the pieces, in order.
    Chunked {
        manifest: String,
        pieces: Vec<&'a str>,
    },
}

pub fn layout(value: &str) -> Layout<'_> {
    // A value that itself starts like a manifest is chunked too, so that reading stays
    // unambiguous.
    if value.len() <= CHUNK_BYTES && !value.starts_with(MANIFEST_PREFIX) {
        return Layout::Whole(value);
    }
    let pieces = split(value);
    Layout::Chunked {
        manifest: format!("{MANIFEST_PREFIX}{}:{}", pieces.len(), digest(value)),
        pieces,
    }
}

/// A parsed manifest: how many pieces to read and what they must add up to.
#[derive(Debug, PartialEq, Eq)]
pub struct Manifest {
    pub count: usize,
    digest: String,
}

/// `None` when the main entry holds the whole value.
pub fn manifest(main: &str) -> Result<Option<Manifest>, String> {
    let Some(rest) = main.strip_prefix(MANIFEST_PREFIX) else {
        return Ok(None);
    };
    let (count, digest) = rest
        .split_once(':')
        .ok_or_else(|| "the chunk manifest has no digest".to_owned())?;
    let count: usize = count
        .parse()
        .map_err(|_| format!("the chunk manifest has a bad count '{count}'"))?;
    Ok(Some(Manifest {
        count,
        digest: digest.to_owned(),
    }))
}

/// The account name of piece `index` (1-based).
pub fn piece_account(account: &str, index: usize) -> String {
    format!("{account}#{index}")
}

/// Puts the pieces back together and checks them against the manifest.
pub fn join(manifest: &Manifest, pieces: &[Zeroizing<String>]) -> Result<String, String> {
    let total = pieces.iter().map(|p| p.len()).sum();
    let mut value = String::with_capacity(total);
    for piece in pieces {
        value.push_str(piece);
    }
    if digest(&value) != manifest.digest {
        let mut value = Zeroizing::new(value);
        value.clear();
        return Err("its pieces do not match the manifest (interrupted update?)".into());
    }
    Ok(value)
}

/// Splits on character boundaries, each piece at most [`CHUNK_BYTES`].
fn split(value: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = value;
    while !rest.is_empty() {
        let mut end = rest.len().min(CHUNK_BYTES);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let (piece, tail) = rest.split_at(end);
        pieces.push(piece);
        rest = tail;
    }
    pieces
}

fn digest(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(value: &str) -> String {
        match layout(value) {
            Layout::Whole(v) => v.to_owned(),
            Layout::Chunked {
                manifest: m,
                pieces,
            } => {
                assert!(pieces.iter().all(|p| p.len() <= CHUNK_BYTES));
                let parsed = manifest(&m).unwrap().unwrap();
                assert_eq!(parsed.count, pieces.len());
                let owned: Vec<_> = pieces
                    .iter()
                    .map(|p| Zeroizing::new(p.to_string()))
                    .collect();
                join(&parsed, &owned).unwrap()
            }
        }
    }

    #[test]
    fn short_values_are_stored_whole_and_long_ones_in_pieces() {
        assert!(matches!(layout("abc"), Layout::Whole("abc")));
        let long = "x".repeat(4096);
        assert!(matches!(layout(&long), Layout::Chunked { ref pieces, .. } if pieces.len() == 4));
        assert_eq!(round_trip(&long), long);
    }

    #[test]
    fn pieces_never_split_a_character() {
        let value = "é".repeat(2000);
        assert_eq!(round_trip(&value), value);
    }

    #[test]
    fn a_value_that_looks_like_a_manifest_is_not_mistaken_for_one() {
        let tricky = format!("{MANIFEST_PREFIX}1:abc");
        assert!(matches!(layout(&tricky), Layout::Chunked { .. }));
        assert_eq!(round_trip(&tricky), tricky);
    }

    #[test]
    fn mismatched_pieces_are_reported() {
        let long = "y".repeat(3000);
        let Layout::Chunked { manifest: m, .. } = layout(&long) else {
            panic!("chunked")
        };
        let parsed = manifest(&m).unwrap().unwrap();
        let wrong = vec![Zeroizing::new("z".repeat(3000))];
        assert!(join(&parsed, &wrong).is_err());
    }
}
