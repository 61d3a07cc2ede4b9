//! One mailbox, one identity. `Support@Contoso.com`, `support@contoso.com`, an alias and the
//! object id all name the same mailbox to Graph; the processing log, checkpoints, lock and
//! subscription records must see one mailbox too, or each spelling imports the backlog
//! again. So each run resolves the configured mailbox to its Entra object id (one directory
//! read, cached with the access token) and keys everything by that.

mod resolve;

use serde::{Deserialize, Serialize};

pub use resolve::identify;

/// The permission that lets mailconn resolve a mailbox to its object id (graph-facts §3.1).
pub const DIRECTORY_PERMISSION: &str = "User.ReadBasic.All";

/// A mailbox as mailconn keys and shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The mailbox as configured, as typed.
    pub configured: String,
    /// What the log, checkpoints, lock and subscription records are keyed by, and what
    /// Graph paths name: the object id, or (when the directory may not be read) the
    /// configured address in lower case.
    pub key: String,
    /// The address a person recognises: `mail`, else the UPN, else as configured.
    pub address: String,
    /// Every spelling known to name this mailbox, lower-cased: as configured, the UPN,
    /// `mail` and the SMTP proxy addresses. Rows an older mailconn keyed by any of them
    /// belong to this mailbox.
    pub spellings: Vec<String>,
    /// Whether `key` is the object id.
    pub resolved: bool,
}

impl Identity {
    /// The identity when the directory cannot be asked: a GUID is the object id already;
    /// an address is keyed in lower case, as Exchange compares addresses.
    pub fn unresolved(configured: &str) -> Identity {
        let key = configured.trim().to_lowercase();
        Identity {
            configured: configured.to_owned(),
            resolved: uuid::Uuid::parse_str(&key).is_ok(),
            address: configured.trim().to_owned(),
            spellings: vec![key.clone()],
            key,
        }
    }

    /// Whether rows keyed by `mailbox` belong to this mailbox.
    pub fn answers_to(&self, mailbox: &str) -> bool {
        mailbox == self.key || self.spellings.contains(&mailbox.to_lowercase())
    }

    /// The one-line warning for a mailbox keyed by its address, with the fix.
    pub fn warning(&self) -> Option<String> {
        (!self.resolved).then(|| {
            format!(
                "cannot resolve mailbox {} to its object id (the app lacks {DIRECTORY_PERMISSION}); it is keyed by the address as typed, so another spelling or alias of it counts as another mailbox: grant {DIRECTORY_PERMISSION} (application permission) to fix",
                self.address
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unresolved_address_is_keyed_in_lower_case_and_a_guid_is_the_id() {
        let address = Identity::unresolved("Support@Contoso.com");
        assert_eq!(address.key, "support@contoso.com");
        assert_eq!(address.address, "Support@Contoso.com");
        assert!(!address.resolved);
        assert!(address.answers_to("SUPPORT@contoso.COM"));
        assert!(address.warning().unwrap().contains("User.ReadBasic.All"));
        let id = Identity::unresolved("A1B2C3D4-0001-4000-8000-00000000C0DE");
        assert_eq!(id.key, "a1b2c3d4-0001-4000-8000-00000000c0de");
        assert!(id.resolved);
        assert!(id.warning().is_none());
    }
}
