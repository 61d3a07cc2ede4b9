//! Entra ID error codes (AADSTS…) and the one-line fix a sysadmin can act on. Sources:
//! graph-facts §1.3–§1.8 and the error map of anchors.md. Codes not listed here still show
//! their code and Microsoft's lookup page.

/// The fix for an AADSTS code, if we know one.
pub fn fix(code: u32) -> Option<&'static str> {
    FIXES.iter().find(|(c, _)| *c == code).map(|(_, fix)| *fix)
}

/// The fix when the client proved itself with a federated token (workload identity): the
/// same codes as for a certificate's assertion, but the cause is the token file or the
/// federated credential's issuer and subject (graph-facts §1.3, §1.8).
pub fn federated_fix(code: u32, token_file: &str) -> Option<String> {
    Some(match code {
        700027 => format!(
            "the federated token's signature was not accepted: check that {token_file} holds a current token from the issuer named in the app's federated credential"
        ),
        700024 => format!(
            "the federated token in {token_file} has expired or is not yet valid: its issuer (the workload identity platform) must keep the file fresh; mailconn re-reads it on every sign-in"
        ),
        50027 => format!(
            "the federated token file {token_file} does not hold a valid JWT: it must contain the raw token its issuer wrote, nothing else"
        ),
        700021 => format!(
            "the token in {token_file} was exchanged for another app: check the client id, and that the federated credential (issuer, subject, audience) is on this app registration"
        ),
        _ => return None,
    })
}

/// Codes that say the requested scope names no usable resource: their hint shows the scope.
pub fn is_about_the_scope(code: u32) -> bool {
    matches!(code, 500011 | 70011)
}

/// Microsoft's page for a code (shown when we have no better advice).
pub fn lookup_url(code: u32) -> String {
    format!("https://login.microsoftonline.com/error?code={code}")
}

const FIXES: &[(u32, &str)] = &[
    // Client credentials: secrets and certificates.
    (
        7000215,
        "the client secret is wrong: store the secret's Value (shown once when it was created), not its Secret ID, with `mailconn credentials set`",
    ),
    (
        7000222,
        "the client secret has expired: create a new one under the app's 'Certificates & secrets' and store it with `mailconn credentials set`",
    ),
    (
        7000218,
        "the app needs a credential: store a client secret or certificate with `mailconn credentials set`, or allow public client flows for delegated sign-in",
    ),
    (
        7000216,
        "the app needs a credential: store a client secret or certificate with `mailconn credentials set`",
    ),
    (
        700025,
        "this app is a public client, so it must not send a secret or certificate: use `--auth device-code` or `browser`, or turn off 'Allow public client flows' for app-only sign-in",
    ),
    (
        700027,
        "the certificate does not match the one uploaded to the app: upload the certificate whose thumbprint `mailconn credentials show` prints",
    ),
    (
        700024,
        "the client assertion is outside its valid time: check this machine's clock (e.g. `timedatectl`)",
    ),
    (
        700030,
        "the certificate's subject name is not authorized for this app: upload the certificate itself to the app registration",
    ),
    (
        50048,
        "the assertion's subject does not match its issuer: the client id and certificate belong to different apps",
    ),
    (
        700023,
        "the federated token was rejected: check the federated credential's issuer, subject and audience in the app registration",
    ),
    (
        9002326,
        "the request carried an Origin header, which marks a browser app: run mailconn directly, not through a browser-facing proxy",
    ),
    (
        50027,
        "the client assertion is malformed or for another audience: check that the federated token file holds a current token, or store the certificate again",
    ),
    (
        700021,
        "the client assertion names another app: the certificate or token belongs to a different client id",
    ),
    (
        700212,
        "no federated credential matches the token's audience: use api://AzureADTokenExchange or the audience set on the app's federated credential",
    ),
    (
        700211,
        "no federated credential matches the token's issuer: add a federated credential for it to the app registration",
    ),
    (
        700213,
        "no federated credential matches the token's subject: check the subject of the app's federated credential",
    ),
    // App, tenant and cloud.
    (
        700016,
        "the app was not found in this tenant: check the client id and tenant, and that the app is registered (or consented) in this tenant and cloud",
    ),
    (
        90002,
        "the tenant was not found: check the tenant id or domain, and the cloud (`--cloud`)",
    ),
    (
        90038,
        "the tenant lives in another national cloud: set the profile's cloud (`--cloud usgov`, `china`, …)",
    ),
    (
        90112,
        "the client id is not a GUID: use the app's 'Application (client) ID'",
    ),
    (
        900023,
        "the tenant is not a valid tenant id or domain: use the Directory (tenant) ID GUID",
    ),
    (
        50194,
        "a single-tenant app cannot use 'common' or 'organizations': set the profile's tenant to the tenant id",
    ),
    (
        7000012,
        "the grant was issued for another tenant: sign in again with the profile's tenant",
    ),
    (
        7000112,
        "the application is disabled: an admin must enable it under Enterprise applications",
    ),
    (
        70001,
        "the application is disabled in this tenant: an admin must enable it under Enterprise applications",
    ),
    (
        500011,
        "the tenant has no resource with the App ID URI the scope names: the scope must be Microsoft Graph's App ID URI for the tenant's cloud (https://graph.microsoft.com worldwide) followed by /.default or the permission, never the Graph endpoint's host; check the profile's cloud",
    ),
    // Consent, scopes and permissions.
    (
        65001,
        "admin consent is missing: grant admin consent for the app's Microsoft Graph permissions (app registration > API permissions)",
    ),
    (
        65004,
        "consent was declined: sign in again and accept the requested permissions, or ask an admin to grant consent",
    ),
    (
        70011,
        "the requested scope is invalid: app-only sign-in needs Graph's App ID URI followed by '/.default' (https://graph.microsoft.com/.default worldwide); check the profile's cloud",
    ),
    (
        650057,
        "the app does not request Microsoft Graph permissions: add Mail.ReadWrite (and Mail.Send) under API permissions and grant consent",
    ),
    (
        650056,
        "the app's permissions are misconfigured: add the Microsoft Graph mail permissions and grant admin consent",
    ),
    // Delegated sign-in.
    (
        50011,
        "the redirect URI is not registered: add http://localhost under 'Mobile and desktop applications' in the app's Authentication page",
    ),
    (
        501481,
        "the PKCE verifier did not match: start the sign-in again (`mailconn login --browser`)",
    ),
    (
        54005,
        "the authorization code was already used: start the sign-in again",
    ),
    (
        700005,
        "the authorization code belongs to another tenant: sign in again with the profile's tenant",
    ),
    (
        70016,
        "sign-in is still pending: complete it in the browser",
    ),
    (
        70018,
        "the device code is not valid: start again with `mailconn login --device-code`",
    ),
    (
        70019,
        "the device code expired: start again with `mailconn login --device-code` and finish within the time shown",
    ),
    (
        70020,
        "the device code expired: start again with `mailconn login --device-code` and finish within the time shown",
    ),
    (
        50076,
        "multi-factor authentication is required: sign in interactively (`mailconn login`)",
    ),
    (
        50079,
        "the user must register for multi-factor authentication first",
    ),
    (50126, "wrong user name or password"),
    (50034, "the user account does not exist in this tenant"),
    (50057, "the user account is disabled"),
    (
        50053,
        "the account is locked after too many attempts: wait, or ask an admin to unlock it",
    ),
    (
        50055,
        "the user's password has expired: change it, then sign in again",
    ),
    (
        53003,
        "blocked by Conditional Access: an admin can see why in the Entra sign-in logs (search for the correlation id)",
    ),
    (
        530032,
        "blocked by a security policy: an admin can see why in the Entra sign-in logs",
    ),
    (
        530035,
        "blocked by security defaults: an admin can see why in the Entra sign-in logs",
    ),
    // Refresh tokens.
    (
        700082,
        "the refresh token expired after 90 days without use: sign in again with `mailconn login`, and run mailconn at least monthly to keep it alive",
    ),
    (
        50173,
        "the sign-in was revoked (password change or admin action): sign in again with `mailconn login`",
    ),
    (
        70043,
        "Conditional Access requires a fresh sign-in (sign-in frequency): sign in again with `mailconn login`",
    ),
    (
        70008,
        "the refresh token or code has expired or was revoked: sign in again with `mailconn login`",
    ),
    (
        700084,
        "the refresh token of a single-page-app registration expired: register http://localhost as a 'Mobile and desktop' redirect URI instead",
    ),
    (
        9002313,
        "the request or grant is malformed (a truncated or wrong refresh token or code): sign in again with `mailconn login`",
    ),
    (
        70000,
        "the grant is invalid or malformed: sign in again with `mailconn login`",
    ),
    (
        900144,
        "a required parameter is missing from the request: this is a bug in mailconn, please report it",
    ),
    (
        90014,
        "a required field is missing from the request: this is a bug in mailconn, please report it",
    ),
    (
        50196,
        "too many identical sign-in requests: wait a minute; mailconn caches tokens, so check for a loop calling it",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<u32> = FIXES.iter().map(|(c, _)| *c).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), FIXES.len());
    }

    #[test]
    fn the_classic_mistakes_have_fixes() {
        assert!(fix(7000215).unwrap().contains("not its Secret ID"));
        assert!(fix(65001).unwrap().contains("admin consent"));
        assert!(fix(1).is_none());
    }

    #[test]
    fn federated_failures_name_the_token_file_not_a_certificate() {
        let fix = federated_fix(700027, "/var/run/token").unwrap();
        assert!(fix.contains("/var/run/token") && !fix.contains("certificate"));
        assert!(federated_fix(7000215, "/f").is_none());
    }
}
