//! Validated setting values. Each type parses from a string (flags, env, prompts) and
//! deserializes through the same parser (config file), so every source is checked alike and
//! a bad value in the file is reported at its line and column.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Implements `Display`, `Serialize` and `Deserialize` (through `FromStr`) for a string-backed
/// value type, so the config file and the command line share one validator.
macro_rules! string_value {
    ($ty:ty) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                raw.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// A canonical GUID: 8-4-4-4-12 hex digits (braces and other spellings are refused because
/// Entra refuses them too).
fn is_guid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

/// A DNS name with at least two labels, e.g. `contoso.onmicrosoft.com`.
fn is_domain(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    s.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// Name of a profile in the config file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProfileName(String);

impl ProfileName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ProfileName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(ProfileName(s.to_owned()))
        } else {
            Err(format!(
                "invalid profile name '{s}': use 1-64 letters, digits, '-' or '_'"
            ))
        }
    }
}
string_value!(ProfileName);

/// Directory (tenant) id or one of its domains. `organizations` and `common` are accepted
/// too; whether they fit the sign-in method is checked with the whole profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tenant(String);

impl Tenant {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `organizations`/`common`: a multi-tenant authority, only usable for delegated sign-in.
    pub fn is_multi_tenant(&self) -> bool {
        matches!(self.0.as_str(), "organizations" | "common")
    }
}

impl FromStr for Tenant {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let lower = s.to_ascii_lowercase();
        if is_guid(&lower)
            || is_domain(&lower)
            || matches!(lower.as_str(), "organizations" | "common")
        {
            Ok(Tenant(lower))
        } else {
            Err(format!(
                "invalid tenant '{s}': expected the directory (tenant) id GUID or a domain such as contoso.onmicrosoft.com"
            ))
        }
    }
}
string_value!(Tenant);

/// Application (client) id of an app registration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientId(String);

impl ClientId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ClientId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let lower = s.to_ascii_lowercase();
        if is_guid(&lower) {
            Ok(ClientId(lower))
        } else {
            // Entra answers a non-GUID client id with AADSTS90112; say so before it does.
            Err(format!(
                "invalid client id '{s}': expected the 'Application (client) ID' GUID from the app's Overview page, not its name or object id (Entra would answer AADSTS90112)"
            ))
        }
    }
}
string_value!(ClientId);

/// A mailbox: an SMTP address / UPN or a user object id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mailbox(String);

impl Mailbox {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Mailbox {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let address_ok = s.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !local.contains(char::is_whitespace)
                && !domain.contains('@')
                && is_domain(domain)
        });
        if address_ok || is_guid(s) {
            Ok(Mailbox(s.to_owned()))
        } else {
            Err(format!(
                "invalid mailbox '{s}': expected an address such as support@contoso.com or the user's object id GUID"
            ))
        }
    }
}
string_value!(Mailbox);

/// A folder path such as `Inbox/Support`: display names separated by `/`, with `\/` for a
/// slash inside a name and `\\` for a backslash. The first segment may be a well-known name
/// (`Inbox`, `Archive`, ...), resolved by the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderPath {
    raw: String,
    segments: Vec<String>,
}

impl FolderPath {
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn segments(&self) -> &[String] {
        &self.segments
    }
}

impl Default for FolderPath {
    fn default() -> Self {
        "Inbox".parse().expect("the default folder path is valid")
    }
}

impl FromStr for FolderPath {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = |why: &str| Err(format!("invalid folder path '{s}': {why}"));
        let mut segments = vec![String::new()];
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(e @ ('/' | '\\')) => segments.last_mut().expect("non-empty").push(e),
                    _ => return bad("'\\' must be followed by '/' or '\\'"),
                },
                '/' => segments.push(String::new()),
                c if c.is_control() => return bad("control characters are not allowed"),
                c => segments.last_mut().expect("non-empty").push(c),
            }
        }
        if s.trim().is_empty() {
            return bad("it is empty (use e.g. Inbox or Inbox/Support)");
        }
        if segments.iter().any(|seg| seg.trim().is_empty()) {
            return bad("a folder name is empty (check for a leading, trailing or doubled '/')");
        }
        if segments.iter().any(|seg| seg.trim() != seg) {
            return bad("a folder name starts or ends with a space");
        }
        if segments.iter().any(|seg| seg.chars().count() > 255) {
            return bad("a folder name is longer than 255 characters");
        }
        Ok(FolderPath {
            raw: s.to_owned(),
            segments,
        })
    }
}
string_value!(FolderPath);

/// A service endpoint: https, or plain http only on a loopback host (the local emulator).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint(url::Url);

impl Endpoint {
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    pub fn url(&self) -> &url::Url {
        &self.0
    }
}

pub(crate) fn is_loopback_host(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

impl FromStr for Endpoint {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        // azure-identity's AZURE_AUTHORITY_HOST is often a bare host name.
        let with_scheme = if s.contains("://") {
            s.to_owned()
        } else {
            format!("https://{s}")
        };
        let url =
            url::Url::parse(&with_scheme).map_err(|e| format!("invalid endpoint '{s}': {e}"))?;
        if url.host().is_none() {
            return Err(format!("invalid endpoint '{s}': it has no host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "invalid endpoint '{s}': a query string or fragment is not allowed"
            ));
        }
        match url.scheme() {
            "https" => Ok(Endpoint(url)),
            "http" if is_loopback_host(&url) => Ok(Endpoint(url)),
            "http" => Err(format!(
                "invalid endpoint '{s}': plain http is only allowed for loopback hosts (127.0.0.1, ::1, localhost); use https"
            )),
            other => Err(format!(
                "invalid endpoint '{s}': scheme '{other}' is not supported; use https"
            )),
        }
    }
}
string_value!(Endpoint);

/// The resource a token is asked for: Graph's App ID URI in the profile's cloud
/// (`https://graph.microsoft.com`), or Graph's app id. It names the API in Entra's directory,
/// never a host to connect to, so the Graph endpoint's URL does not decide it: a custom
/// endpoint in front of Graph (the emulator, a reverse proxy) still serves Graph's resource
/// (graph-facts §1.2, §2.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphResource(String);

impl GraphResource {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `{resource}/{permission}`, the form Entra expects in `scope`. An App ID URI that ends in
    /// a slash keeps it (`https://x.example//.default`), as Entra documents for such URIs.
    pub fn scope(&self, permission: &str) -> String {
        format!("{}/{permission}", self.0)
    }
}

impl FromStr for GraphResource {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let invalid = |why: &str| {
            Err(format!(
                "invalid Graph resource '{s}': {why}; expected an App ID URI such as https://graph.microsoft.com or the app id 00000003-0000-0000-c000-000000000000"
            ))
        };
        if is_guid(s) {
            return Ok(GraphResource(s.to_ascii_lowercase()));
        }
        if s.chars().any(char::is_whitespace) {
            return invalid("it contains white space");
        }
        match url::Url::parse(s) {
            Ok(url) if url.query().is_some() || url.fragment().is_some() => {
                invalid("a query string or fragment is not allowed")
            }
            Ok(url) if url.path().ends_with("/.default") => {
                invalid("give the resource alone, without '/.default'")
            }
            Ok(_) => Ok(GraphResource(s.to_owned())),
            Err(_) => invalid("it is neither a URI nor a GUID"),
        }
    }
}
string_value!(GraphResource);

/// Declares a kebab-case enum with `FromStr`, `Display`, serde and a clap value parser, so a
/// typo gets the same list of choices from the file, the environment and the command line.
macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
        pub enum $name { $($(#[$vmeta])* #[value(name = $text)] $variant),* }

        impl $name {
            pub const NAMES: &[&str] = &[$($text),*];
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s.to_ascii_lowercase().as_str() {
                    $($text => Ok($name::$variant),)*
                    _ => Err(format!("invalid value '{}': expected one of {}", s, Self::NAMES.join(", "))),
                }
            }
        }
        string_value!($name);
    };
}

choice_enum! {
    /// How mailconn signs in to Entra ID.
    AuthMethod {
        /// App-only: client credentials with a client secret.
        ClientSecret = "client-secret",
        /// App-only: client credentials with a certificate (signed JWT assertion).
        Certificate = "certificate",
        /// App-only: client credentials with a federated (workload identity) token.
        Federated = "federated",
        /// Delegated: device code flow (for terminals without a browser).
        DeviceCode = "device-code",
        /// Delegated: browser sign-in, authorization code with PKCE.
        Browser = "browser",
    }
}

impl AuthMethod {
    /// App-only methods need a specific tenant and application permissions (`roles`).
    pub fn is_app_only(&self) -> bool {
        matches!(
            self,
            AuthMethod::ClientSecret | AuthMethod::Certificate | AuthMethod::Federated
        )
    }
}

choice_enum! {
    /// Which Microsoft cloud the tenant lives in.
    CloudName {
        /// Worldwide, including Microsoft 365 GCC.
        Global = "global",
        /// US Government L4 (GCC High).
        UsGov = "usgov",
        /// US Government L5 (DoD).
        UsGovDod = "usgov-dod",
        /// China, operated by 21Vianet.
        China = "china",
        /// Explicit authority_host and graph_endpoint (e.g. the local emulator).
        Custom = "custom",
    }
}

choice_enum! {
    /// How a certificate's client assertion is signed (graph-facts §1.3).
    AssertionAlg {
        /// PS256 with the SHA-256 thumbprint (`x5t#S256`): what Microsoft documents today.
        Ps256 = "ps256",
        /// RS256 with the SHA-1 thumbprint (`x5t`): for older setups that expect it.
        Rs256 = "rs256",
    }
}

/// A length of time such as `14d`, `12h`, `90m`, `2w` or `1d12h`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span(std::time::Duration);

impl Span {
    pub fn duration(&self) -> std::time::Duration {
        self.0
    }
}

impl FromStr for Span {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "invalid duration '{s}': use a number and a unit (s, m, h, d, w), e.g. 14d or 1d12h"
            )
        };
        let mut total: u64 = 0;
        let mut digits = String::new();
        for c in s.trim().chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let unit = match c {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                'w' => 604_800,
                _ => return Err(bad()),
            };
            let n: u64 = digits.parse().map_err(|_| bad())?;
            total = n
                .checked_mul(unit)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(bad)?;
            digits.clear();
        }
        if !digits.is_empty() || total == 0 && !s.trim().starts_with('0') {
            return Err(bad());
        }
        Ok(Span(std::time::Duration::from_secs(total)))
    }
}

/// Written back in the largest units that add up exactly (`300s` -> `5m`), so a profile that
/// is saved again reads as the user wrote it.
impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0.as_secs();
        if rest == 0 {
            return f.write_str("0s");
        }
        for (unit, secs) in [
            ('w', 604_800),
            ('d', 86_400),
            ('h', 3600),
            ('m', 60),
            ('s', 1),
        ] {
            if rest >= secs {
                write!(f, "{}{unit}", rest / secs)?;
                rest %= secs;
            }
        }
        Ok(())
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_add_up_their_parts() {
        let secs = |s: &str| s.parse::<Span>().unwrap().duration().as_secs();
        assert_eq!(secs("14d"), 14 * 86_400);
        assert_eq!(secs("1d12h"), 36 * 3600);
        assert_eq!(secs("90m"), 5400);
        for bad in ["", "14", "d", "3x", "1.5d"] {
            assert!(bad.parse::<Span>().is_err(), "{bad:?}");
        }
        for text in ["5m", "1d12h", "1m30s", "2w", "0s"] {
            assert_eq!(text.parse::<Span>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn graph_resource_is_an_app_id_uri_or_the_graph_app_id() {
        let uri: GraphResource = "https://graph.microsoft.us".parse().unwrap();
        assert_eq!(uri.scope(".default"), "https://graph.microsoft.us/.default");
        let id: GraphResource = "00000003-0000-0000-C000-000000000000".parse().unwrap();
        assert_eq!(
            id.scope("Mail.Read"),
            "00000003-0000-0000-c000-000000000000/Mail.Read"
        );
        let slashed: GraphResource = "api://proxy.contoso.com/".parse().unwrap();
        assert_eq!(
            slashed.scope(".default"),
            "api://proxy.contoso.com//.default"
        );
        for bad in [
            "graph.microsoft.com",
            "https://graph.microsoft.com/.default",
            "https://graph.microsoft.com?x=1",
            "https://graph microsoft.com",
            "",
        ] {
            assert!(bad.parse::<GraphResource>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn tenant_accepts_guid_and_domain_only() {
        assert!(
            "72f988bf-86f1-41af-91ab-2d7cd011db47"
                .parse::<Tenant>()
                .is_ok()
        );
        assert!("Contoso.onmicrosoft.com".parse::<Tenant>().is_ok());
        assert!("contoso".parse::<Tenant>().is_err());
        assert!(
            "{72f988bf-86f1-41af-91ab-2d7cd011db47}"
                .parse::<Tenant>()
                .is_err()
        );
        assert!("-bad.com".parse::<Tenant>().is_err());
    }

    #[test]
    fn client_id_must_be_a_guid_and_mentions_aadsts90112() {
        let err = "My Help Desk App".parse::<ClientId>().unwrap_err();
        assert!(err.contains("AADSTS90112"), "{err}");
        assert!(
            "00000000-0000-0000-0000-00000000000G"
                .parse::<ClientId>()
                .is_err()
        );
        assert!(
            "0d2f7a2c-5a4b-4c1e-9d3b-1f2e3d4c5b6a"
                .parse::<ClientId>()
                .is_ok()
        );
    }

    #[test]
    fn mailbox_is_an_address_or_guid() {
        assert!("support@contoso.com".parse::<Mailbox>().is_ok());
        assert!(
            "0d2f7a2c-5a4b-4c1e-9d3b-1f2e3d4c5b6a"
                .parse::<Mailbox>()
                .is_ok()
        );
        assert!("support".parse::<Mailbox>().is_err());
        assert!("support@localhost".parse::<Mailbox>().is_err());
        assert!("a b@contoso.com".parse::<Mailbox>().is_err());
    }

    #[test]
    fn folder_paths_split_on_unescaped_slashes() {
        let p: FolderPath = r"Inbox/Sales\/Marketing/EU".parse().unwrap();
        assert_eq!(p.segments(), ["Inbox", "Sales/Marketing", "EU"]);
        for bad in [
            "",
            "/Inbox",
            "Inbox/",
            "Inbox//Support",
            r"Inbox\x",
            "Inbox/ Support",
        ] {
            assert!(
                bad.parse::<FolderPath>().is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn endpoints_need_https_except_on_loopback() {
        assert!(
            "https://login.microsoftonline.com"
                .parse::<Endpoint>()
                .is_ok()
        );
        assert!("login.microsoftonline.us".parse::<Endpoint>().is_ok());
        assert!("http://127.0.0.1:8080".parse::<Endpoint>().is_ok());
        assert!("http://[::1]:8080".parse::<Endpoint>().is_ok());
        assert!("http://localhost:1/v1.0".parse::<Endpoint>().is_ok());
        assert!("http://graph.example.com".parse::<Endpoint>().is_err());
        assert!("ftp://graph.example.com".parse::<Endpoint>().is_err());
        assert!(
            "https://graph.example.com/?x=1"
                .parse::<Endpoint>()
                .is_err()
        );
    }

    #[test]
    fn choices_are_case_insensitive_and_list_alternatives() {
        assert_eq!(
            "Device-Code".parse::<AuthMethod>().unwrap(),
            AuthMethod::DeviceCode
        );
        let err = "password".parse::<AuthMethod>().unwrap_err();
        assert!(err.contains("client-secret, certificate, federated, device-code, browser"));
    }
}
