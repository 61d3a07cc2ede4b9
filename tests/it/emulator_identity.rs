//! Conformance of the emulator's identity platform (Entra ID v2.0) as a client sees it:
//! discovery, token grants, the error shape and AADSTS codes of graph-facts §1.

use crate::common::emulator::Emulator;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Value, json};

fn json(response: reqwest::blocking::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().expect("JSON body"))
}

/// Asserts the Entra error shape (graph-facts §1.7) and returns (`error`, first code).
fn entra_error(body: &Value) -> (&str, u64) {
    for key in [
        "error_description",
        "timestamp",
        "trace_id",
        "correlation_id",
    ] {
        assert!(body[key].is_string(), "missing {key} in {body}");
    }
    let code = body["error_codes"][0].as_u64().expect("error_codes");
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .starts_with(&format!("AADSTS{code}:"))
    );
    (body["error"].as_str().unwrap(), code)
}

fn claims_unverified(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("JWT payload");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

/// A token request's form fields.
type Form<'a> = Vec<(&'a str, &'a str)>;

fn client_credentials<'a>(client_id: &'a str, secret: &'a str) -> Form<'a> {
    vec![
        ("client_id", client_id),
        ("client_secret", secret),
        ("grant_type", "client_credentials"),
        ("scope", "https://graph.microsoft.com/.default"),
    ]
}

#[test]
fn ready_line_and_discovery_describe_the_tenant() {
    let emu = Emulator::demo();
    assert!(emu.graph().ends_with("/v1.0"));
    assert!(emu.admin().starts_with(emu.base()));
    for key in [
        "client_id",
        "client_secret",
        "certificate_path",
        "private_key_path",
        "public_client_id",
    ] {
        emu.demo_value(key);
    }
    assert_eq!(emu.demo_value("shared_mailbox"), "support@contoso.test");

    let url = format!(
        "{}/contoso.test/v2.0/.well-known/openid-configuration",
        emu.base()
    );
    let (status, config) = json(emu.http.get(url).send().unwrap());
    assert_eq!(status, 200);
    assert_eq!(
        config["issuer"],
        format!("{}/{}/v2.0", emu.base(), emu.tenant_id())
    );
    assert_eq!(
        config["token_endpoint"],
        format!("{}/{}/oauth2/v2.0/token", emu.base(), emu.tenant_id()),
        "a domain resolves to the tenant id"
    );
    let (status, keys) = json(
        emu.http
            .get(config["jwks_uri"].as_str().unwrap())
            .send()
            .unwrap(),
    );
    assert_eq!(status, 200);
    assert_eq!(keys["keys"][0]["kty"], "RSA");

    let url = format!(
        "{}/nowhere.test/v2.0/.well-known/openid-configuration",
        emu.base()
    );
    let (status, body) = json(emu.http.get(url).send().unwrap());
    assert_eq!((status, entra_error(&body).1), (400, 90002));
}

#[test]
fn client_secret_grant_issues_a_signed_app_token() {
    let emu = Emulator::demo();
    let client_id = emu.demo_value("client_id");
    for scope in [
        "https://graph.microsoft.com/.default",
        "00000003-0000-0000-c000-000000000000/.default",
    ] {
        let (status, body) = json(emu.token(&[
            ("client_id", client_id),
            ("client_secret", emu.demo_value("client_secret")),
            ("grant_type", "client_credentials"),
            ("scope", scope),
        ]));
        assert_eq!(status, 200, "{scope}: {body}");
        assert_eq!(body["token_type"], "Bearer");
        assert!(body["expires_in"].as_i64().unwrap() > 3000);
        assert!(body.get("refresh_token").is_none());
    }
    // The emulator's own address names no resource Entra knows: a client that builds the scope
    // from the Graph endpoint's host must fail here as it would against Entra.
    let own = format!("{}/.default", emu.base());
    let (status, body) = json(emu.token(&[
        ("client_id", client_id),
        ("client_secret", emu.demo_value("client_secret")),
        ("grant_type", "client_credentials"),
        ("scope", &own),
    ]));
    assert_eq!(
        (status, entra_error(&body)),
        (400, ("invalid_resource", 500011))
    );

    // The token verifies against the published key and carries app-only claims.
    let token = emu.app_token();
    let url = format!("{}/{}/discovery/v2.0/keys", emu.base(), emu.tenant_id());
    let keys: Value = emu.http.get(url).send().unwrap().json().unwrap();
    let jwk = &keys["keys"][0];
    let key =
        DecodingKey::from_rsa_components(jwk["n"].as_str().unwrap(), jwk["e"].as_str().unwrap())
            .unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&["00000003-0000-0000-c000-000000000000"]);
    let claims = jsonwebtoken::decode::<Value>(&token, &key, &validation)
        .unwrap()
        .claims;
    assert_eq!(claims["tid"], emu.tenant_id());
    assert_eq!(claims["appid"], client_id);
    assert_eq!(claims["appidacr"], "1");
    assert!(
        claims["roles"]
            .as_array()
            .unwrap()
            .contains(&json!("Mail.ReadWrite"))
    );
    assert!(claims.get("scp").is_none());
    for claim in ["oid", "iat", "nbf", "exp"] {
        assert!(claims.get(claim).is_some(), "{claim}");
    }

    // HTTP Basic client authentication works too (RFC 6749 §2.3.1).
    let response = emu
        .http
        .post(emu.token_endpoint())
        .basic_auth(client_id, Some(emu.demo_value("client_secret")))
        .form(&[
            ("grant_type", "client_credentials"),
            ("scope", "https://graph.microsoft.com/.default"),
        ])
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);

    // No consented role: a token all the same, without `roles` (graph-facts §1.2).
    let token = emu.app_token_for(emu.demo_value("unconsented_client_id"));
    assert!(claims_unverified(&token).get("roles").is_none());
}

#[test]
fn token_errors_carry_the_real_codes_and_statuses() {
    let emu = Emulator::demo();
    let client_id = emu.demo_value("client_id");
    let public = emu.demo_value("public_client_id");
    let secret = emu.demo_value("client_secret");
    let cases: Vec<(Form, u16, &str, u64)> = vec![
        (
            client_credentials(client_id, emu.demo_value("expired_client_secret")),
            401,
            "invalid_client",
            7000222,
        ),
        (
            client_credentials(client_id, "secret-id-not-value"),
            401,
            "invalid_client",
            7000215,
        ),
        (
            client_credentials("9d1f6c2e-0000-4c3d-8e5f-1a2b3c4d5e99", secret),
            400,
            "unauthorized_client",
            700016,
        ),
        (
            client_credentials("my-connector", secret),
            400,
            "invalid_request",
            90112,
        ),
        (
            client_credentials(public, "anything"),
            400,
            "invalid_request",
            700025,
        ),
        (
            vec![
                ("client_id", client_id),
                ("grant_type", "client_credentials"),
                ("scope", "https://graph.microsoft.com/.default"),
            ],
            401,
            "invalid_client",
            7000218,
        ),
        (
            vec![
                ("client_id", client_id),
                ("client_secret", secret),
                ("grant_type", "client_credentials"),
                ("scope", "https://graph.microsoft.com/User.Read.All"),
            ],
            400,
            "invalid_scope",
            70011,
        ),
        (
            vec![
                ("client_id", client_id),
                ("client_secret", secret),
                ("grant_type", "client_credentials"),
                // The emulated tenant holds Graph's service principal and no other, so any
                // other resource is one Entra cannot find in it (graph-facts §1.8).
                ("scope", "https://vault.azure.net/.default"),
            ],
            400,
            "invalid_resource",
            500011,
        ),
        (
            vec![
                ("client_id", public),
                ("grant_type", "refresh_token"),
                ("refresh_token", "not-a-token"),
            ],
            400,
            "invalid_grant",
            9002313,
        ),
    ];
    for (form, status, error, code) in cases {
        let (got, body) = json(emu.token(&form));
        assert_eq!(got, status, "{form:?}: {body}");
        assert_eq!(entra_error(&body), (error, code), "{form:?}");
    }
    let from_browser = emu
        .http
        .post(emu.token_endpoint())
        .header("Origin", "http://localhost:3000")
        .form(&client_credentials(client_id, secret))
        .send()
        .unwrap();
    let (status, body) = json(from_browser);
    assert_eq!((status, entra_error(&body).1), (400, 9002326));
    let url = format!("{}/fabrikam.test/oauth2/v2.0/token", emu.base());
    let (status, body) = json(
        emu.http
            .post(url)
            .form(&client_credentials(client_id, secret))
            .send()
            .unwrap(),
    );
    assert_eq!((status, entra_error(&body).1), (400, 90002));
}

/// A client assertion signed with the demo certificate's key (graph-facts §1.3).
fn assertion(emu: &Emulator, alg: Algorithm, claims: Value, key_pem: &[u8]) -> String {
    let cert_pem = std::fs::read_to_string(emu.demo_value("certificate_path")).unwrap();
    let b64: String = cert_pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let mut header = Header::new(alg);
    header.typ = Some("JWT".into());
    match alg {
        // MSAL keeps the `=` padding of the thumbprint; the emulator must accept that.
        Algorithm::PS256 => {
            let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &der);
            header.x5t_s256 =
                Some(base64::engine::general_purpose::URL_SAFE.encode(digest.as_ref()));
        }
        _ => {
            let digest =
                aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, &der);
            header.x5t = Some(URL_SAFE_NO_PAD.encode(digest.as_ref()));
        }
    }
    jsonwebtoken::encode(
        &header,
        &claims,
        &EncodingKey::from_rsa_pem(key_pem).unwrap(),
    )
    .unwrap()
}

fn assertion_claims(emu: &Emulator, aud: &str, exp_offset: i64) -> Value {
    let client_id = emu.demo_value("client_id");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    json!({"aud": aud, "iss": client_id, "sub": client_id, "jti": uuid::Uuid::new_v4().to_string(),
           "nbf": now, "iat": now, "exp": now + exp_offset})
}

fn assertion_grant(emu: &Emulator, jwt: &str) -> (u16, Value) {
    json(emu.token(&[
        ("client_id", emu.demo_value("client_id")),
        (
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ),
        ("client_assertion", jwt),
        ("grant_type", "client_credentials"),
        ("scope", "https://graph.microsoft.com/.default"),
    ]))
}

/// MSAL Python writes NumericDates with a fraction (`exp: 1795354862.39`); JWT allows it
/// (RFC 7519 §2), so Entra and the emulator take it, and still check it.
#[test]
fn assertion_dates_with_fractions_are_accepted_and_checked() {
    let emu = Emulator::demo();
    let key = std::fs::read(emu.demo_value("private_key_path")).unwrap();
    let aud = emu.token_endpoint();
    let with_fractions = |exp_offset: i64| {
        let mut claims = assertion_claims(&emu, &aud, exp_offset);
        for name in ["nbf", "iat", "exp"] {
            claims[name] = json!(claims[name].as_i64().unwrap() as f64 + 0.39);
        }
        assert!(claims.to_string().contains(".39"), "{claims}");
        assertion(&emu, Algorithm::PS256, claims, &key)
    };
    let (status, body) = assertion_grant(&emu, &with_fractions(600));
    assert_eq!(status, 200, "{body}");
    let (status, body) = assertion_grant(&emu, &with_fractions(-3600));
    assert_eq!(
        (status, entra_error(&body)),
        (401, ("invalid_client", 700024))
    );
}

#[test]
fn certificate_assertions_are_verified() {
    let emu = Emulator::demo();
    let key = std::fs::read(emu.demo_value("private_key_path")).unwrap();
    let aud = emu.token_endpoint();
    for alg in [Algorithm::RS256, Algorithm::PS256] {
        let jwt = assertion(&emu, alg, assertion_claims(&emu, &aud, 600), &key);
        let (status, body) = assertion_grant(&emu, &jwt);
        assert_eq!(status, 200, "{alg:?}: {body}");
        assert_eq!(
            claims_unverified(body["access_token"].as_str().unwrap())["appidacr"],
            "2"
        );
    }

    let expired = assertion(
        &emu,
        Algorithm::PS256,
        assertion_claims(&emu, &aud, -3600),
        &key,
    );
    let (status, body) = assertion_grant(&emu, &expired);
    assert_eq!(
        (status, entra_error(&body)),
        (401, ("invalid_client", 700024))
    );

    let other_key =
        rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
            .unwrap();
    let forged = assertion(
        &emu,
        Algorithm::RS256,
        assertion_claims(&emu, &aud, 600),
        other_key.serialize_pem().as_bytes(),
    );
    let (status, body) = assertion_grant(&emu, &forged);
    assert_eq!(
        (status, entra_error(&body)),
        (401, ("invalid_client", 700027))
    );

    let wrong_aud = assertion(
        &emu,
        Algorithm::PS256,
        assertion_claims(
            &emu,
            "https://login.microsoftonline.com/x/oauth2/v2.0/token",
            600,
        ),
        &key,
    );
    let (status, body) = assertion_grant(&emu, &wrong_aud);
    assert_eq!((status, entra_error(&body).1), (401, 50027));
}

/// Requests a device code for the demo public client.
fn device_code(emu: &Emulator, scope: &str) -> Value {
    let url = format!("{}/{}/oauth2/v2.0/devicecode", emu.base(), emu.tenant_id());
    let (status, body) = json(
        emu.http
            .post(url)
            .form(&[
                ("client_id", emu.demo_value("public_client_id")),
                ("scope", scope),
            ])
            .send()
            .unwrap(),
    );
    assert_eq!(status, 200, "{body}");
    body
}

fn poll(emu: &Emulator, device: &Value) -> (u16, Value) {
    json(emu.token(&[
        ("client_id", emu.demo_value("public_client_id")),
        ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
        ("device_code", device["device_code"].as_str().unwrap()),
    ]))
}

fn advance(emu: &Emulator, seconds: i64) {
    assert_eq!(
        emu.admin_post("/clock/advance", json!({"seconds": seconds}))
            .status(),
        200
    );
}

#[test]
fn device_code_flow_pends_then_signs_in() {
    let emu = Emulator::demo();
    let device = device_code(
        &emu,
        "https://graph.microsoft.com/Mail.ReadWrite offline_access openid",
    );
    for key in ["user_code", "verification_uri", "message"] {
        assert!(device[key].is_string(), "{key}");
    }
    assert!(device.get("verification_uri_complete").is_none());
    assert_eq!(device["expires_in"], 900);
    let interval = device["interval"].as_i64().unwrap();

    advance(&emu, interval);
    let (status, body) = poll(&emu, &device);
    assert_eq!(
        (status, entra_error(&body)),
        (400, ("authorization_pending", 70016))
    );

    let user_code = device["user_code"].as_str().unwrap();
    let listed: Value = emu
        .http
        .get(format!("{}/devicecodes", emu.admin()))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(listed["device_codes"][0]["user_code"], user_code);
    let approve = emu.admin_post(
        &format!("/devicecodes/{user_code}/approve"),
        json!({"user": "alex@contoso.test"}),
    );
    assert_eq!(approve.status(), 204);
    advance(&emu, interval);
    let (status, body) = poll(&emu, &device);
    assert_eq!(status, 200, "{body}");
    assert!(body["refresh_token"].is_string());
    assert!(body["id_token"].is_string());
    let claims = claims_unverified(body["access_token"].as_str().unwrap());
    assert_eq!(claims["scp"], "Mail.ReadWrite");
    assert_eq!(claims["upn"], "alex@contoso.test");
    assert!(claims.get("roles").is_none());
    // A device code is good for one sign-in.
    advance(&emu, interval);
    assert_eq!(poll(&emu, &device).0, 400);
}

/// With `--state-dir`, refresh tokens and the advanced clock outlive a restart (killed,
/// not stopped): the client keeps its sign-in, and the token keeps aging where it was.
#[test]
fn refresh_tokens_and_the_clock_survive_a_restart_with_the_state_dir() {
    let state = tempfile::tempdir().unwrap();
    let args = ["--state-dir", state.path().to_str().unwrap()];
    let mut first = Emulator::start(&args);
    let device = device_code(
        &first,
        "https://graph.microsoft.com/Mail.ReadWrite offline_access",
    );
    let interval = device["interval"].as_i64().unwrap();
    let user_code = device["user_code"].as_str().unwrap();
    let approve = first.admin_post(
        &format!("/devicecodes/{user_code}/approve"),
        json!({"user": "alex@contoso.test"}),
    );
    assert_eq!(approve.status(), 204);
    advance(&first, interval);
    let (status, signed_in) = poll(&first, &device);
    assert_eq!(status, 200, "{signed_in}");
    let refresh_token = signed_in["refresh_token"].as_str().unwrap().to_owned();
    advance(&first, 60 * 86400);
    first.stop();

    let second = Emulator::start(&args);
    let refresh = || {
        json(second.token(&[
            ("client_id", second.demo_value("public_client_id")),
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.as_str()),
        ]))
    };
    let (status, body) = refresh();
    assert_eq!(status, 200, "{body}");
    // 60 days before the restart and 31 after: past the 90-day idle lifetime only if the
    // clock kept its offset.
    advance(&second, 31 * 86400);
    let (status, body) = refresh();
    assert_eq!((status, entra_error(&body).1), (400, 700082));
}

#[test]
fn device_code_decline_and_expiry_stop_polling() {
    let emu = Emulator::demo();
    let declined = device_code(&emu, "Mail.ReadWrite");
    let code = declined["user_code"].as_str().unwrap();
    assert_eq!(
        emu.admin_post(&format!("/devicecodes/{code}/decline"), json!({}))
            .status(),
        204
    );
    advance(&emu, 5);
    assert_eq!(poll(&emu, &declined).1["error"], "authorization_declined");

    let expiring = device_code(&emu, "Mail.ReadWrite");
    advance(&emu, 901);
    let (status, body) = poll(&emu, &expiring);
    assert_eq!(
        (status, entra_error(&body)),
        (400, ("expired_token", 70020))
    );

    // Scopes the tenant never consented to: consent is required.
    let url = format!("{}/{}/oauth2/v2.0/devicecode", emu.base(), emu.tenant_id());
    let (status, body) = json(
        emu.http
            .post(url)
            .form(&[
                ("client_id", emu.demo_value("public_client_id")),
                ("scope", "Files.ReadWrite.All"),
            ])
            .send()
            .unwrap(),
    );
    assert_eq!(
        (status, entra_error(&body)),
        (400, ("invalid_grant", 65001))
    );
    assert_eq!(body["suberror"], "consent_required");
}

/// Starts a browser sign-in with auto-approve; returns the redirect target.
fn authorize(emu: &Emulator, redirect_uri: &str, challenge: &str) -> reqwest::blocking::Response {
    let url = format!("{}/{}/oauth2/v2.0/authorize", emu.base(), emu.tenant_id());
    emu.http
        .get(url)
        .query(&[
            ("client_id", emu.demo_value("public_client_id")),
            ("response_type", "code"),
            ("redirect_uri", redirect_uri),
            (
                "scope",
                "https://graph.microsoft.com/Mail.ReadWrite offline_access",
            ),
            ("state", "xyz"),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
        ])
        .send()
        .unwrap()
}

fn redeem(emu: &Emulator, code: &str, redirect_uri: &str, verifier: &str) -> (u16, Value) {
    json(emu.token(&[
        ("client_id", emu.demo_value("public_client_id")),
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("code_verifier", verifier),
    ]))
}

#[test]
fn browser_sign_in_with_pkce_and_refresh_rotation() {
    let emu = Emulator::demo();
    emu.auto_approve("alex@contoso.test");
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-loopback-test";
    let challenge = URL_SAFE_NO_PAD.encode(
        aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, verifier.as_bytes()).as_ref(),
    );

    // Loopback redirect: the port is ignored when matching (graph-facts §1.5).
    let redirect = "http://localhost:53117/";
    let response = authorize(&emu, redirect, &challenge);
    assert_eq!(response.status(), 302);
    let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(location.port(), Some(53117));
    let query: std::collections::HashMap<_, _> = location.query_pairs().into_owned().collect();
    assert_eq!(query["state"], "xyz");
    let code = &query["code"];

    let (status, body) = redeem(
        &emu,
        code,
        redirect,
        "wrong-verifier-wrong-verifier-wrong-verifier",
    );
    assert_eq!(
        (status, entra_error(&body)),
        (400, ("invalid_grant", 501481))
    );
    let (status, first) = redeem(&emu, code, redirect, verifier);
    assert_eq!(status, 200, "{first}");
    let (status, body) = redeem(&emu, code, redirect, verifier);
    assert_eq!((status, entra_error(&body).1), (400, 54005));

    // Rotation: each refresh returns a new token with a fresh lifetime; the old one keeps
    // aging, so a client that does not save the new one fails after the idle lifetime.
    let refresh = |token: &str| {
        json(emu.token(&[
            ("client_id", emu.demo_value("public_client_id")),
            ("grant_type", "refresh_token"),
            ("refresh_token", token),
        ]))
    };
    let rt1 = first["refresh_token"].as_str().unwrap().to_owned();
    advance(&emu, 60 * 86400);
    let (status, second) = refresh(&rt1);
    assert_eq!(status, 200);
    let rt2 = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(rt1, rt2);
    advance(&emu, 40 * 86400);
    let (status, body) = refresh(&rt1);
    assert_eq!((status, entra_error(&body).1), (400, 700082));
    let (status, third) = refresh(&rt2);
    assert_eq!(status, 200);

    let revoked = emu.admin_post("/users/alex@contoso.test/revoke-sessions", json!({}));
    assert_eq!(revoked.status(), 200);
    let (status, body) = refresh(third["refresh_token"].as_str().unwrap());
    assert_eq!(
        (status, entra_error(&body)),
        (400, ("invalid_grant", 50173))
    );
}

#[test]
fn authorize_refuses_unregistered_redirects_without_redirecting() {
    let emu = Emulator::demo();
    let response = authorize(
        &emu,
        "https://evil.example/callback",
        "abcdefghijabcdefghijabcdefghijabcdefghijabc",
    );
    assert_eq!(response.status(), 400);
    assert!(response.headers().get("location").is_none());
    assert!(response.text().unwrap().contains("AADSTS50011"));
    // Without auto-approve a person sees a sign-in page.
    let response = authorize(
        &emu,
        "http://localhost:4000",
        "abcdefghijabcdefghijabcdefghijabcdefghijabc",
    );
    assert_eq!(response.status(), 200);
    assert!(response.text().unwrap().contains("<form"));

    // Silent sign-in without a session goes back with login_required and the state.
    let url = format!("{}/{}/oauth2/v2.0/authorize", emu.base(), emu.tenant_id());
    let response = emu
        .http
        .get(url)
        .query(&[
            ("client_id", emu.demo_value("public_client_id")),
            ("response_type", "code"),
            ("redirect_uri", "http://localhost:4000/cb"),
            ("scope", "Mail.ReadWrite"),
            ("state", "s1"),
            ("prompt", "none"),
        ])
        .send()
        .unwrap();
    assert_eq!(
        response.status(),
        400,
        "http://localhost/cb is not registered"
    );
    let response = emu
        .http
        .get(format!(
            "{}/{}/oauth2/v2.0/authorize",
            emu.base(),
            emu.tenant_id()
        ))
        .query(&[
            ("client_id", emu.demo_value("public_client_id")),
            ("response_type", "code"),
            ("redirect_uri", "http://localhost:4000"),
            ("scope", "Mail.ReadWrite"),
            ("state", "s1"),
            ("prompt", "none"),
        ])
        .send()
        .unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with("http://localhost:4000/?error=login_required"),
        "{location}"
    );
    assert!(location.ends_with("&state=s1"), "{location}");
}

#[test]
fn journal_records_token_requests_with_secrets_redacted() {
    let emu = Emulator::demo();
    let secret = emu.demo_value("client_secret");
    emu.app_token();
    let _ = emu.token(&client_credentials(
        emu.demo_value("client_id"),
        "wrong-secret",
    ));
    let journal = emu.journal();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[1]["status"], 401);
    assert_eq!(journal[0]["method"], "POST");
    let text = serde_json::to_string(&journal).unwrap();
    assert!(!text.contains(secret) && !text.contains("wrong-secret"));
    assert!(text.contains("[redacted]"));
    assert!(text.contains("client_credentials"));
}

#[test]
fn tls_serves_https_with_the_generated_ca() {
    let emu = Emulator::start(&["--tls"]);
    assert!(emu.base().starts_with("https://127.0.0.1:"));
    assert!(emu.ready["ca_file"].is_string());
    let token = emu.app_token();
    let response = emu.get("/users/support@contoso.test/mailFolders/inbox", &token);
    assert_eq!(response.status(), 200);
}

#[test]
fn federated_tokens_from_the_emulator_issuer_are_client_credentials() {
    let emu = Emulator::demo();
    let mint = |body: Value| -> String {
        let response = emu.admin_post("/federation/token", body);
        assert_eq!(response.status(), 200);
        let minted: Value = response.json().unwrap();
        minted["token"].as_str().unwrap().to_owned()
    };
    let subject = emu.demo_value("federated_subject").to_owned();
    let good = mint(json!({"subject": subject}));
    assert_eq!(
        claims_unverified(&good)["iss"],
        emu.ready["federation_issuer"]
    );
    let (status, body) = assertion_grant(&emu, &good);
    assert_eq!(status, 200, "{body}");

    let wrong_subject = mint(json!({"subject": subject.to_uppercase()}));
    let (status, body) = assertion_grant(&emu, &wrong_subject);
    assert_eq!(
        (status, entra_error(&body)),
        (401, ("invalid_client", 700213))
    );
    let wrong_audience = mint(json!({"subject": subject, "audience": "api://other"}));
    assert_eq!(
        entra_error(&assertion_grant(&emu, &wrong_audience).1).1,
        700212
    );
    let stale = mint(json!({"subject": subject, "lifetime_secs": -600}));
    assert_eq!(entra_error(&assertion_grant(&emu, &stale).1).1, 700024);

    // A token from an issuer no credential names.
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("k".into());
    let other_key =
        rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)
            .unwrap();
    let foreign = jsonwebtoken::encode(
        &header,
        &json!({"iss": "https://token.actions.githubusercontent.com", "sub": subject,
                "aud": "api://AzureADTokenExchange", "exp": 4_000_000_000i64}),
        &EncodingKey::from_rsa_pem(other_key.serialize_pem().as_bytes()).unwrap(),
    )
    .unwrap();
    assert_eq!(entra_error(&assertion_grant(&emu, &foreign).1).1, 700211);
}

#[test]
fn polling_before_the_interval_is_told_to_slow_down() {
    // A long interval, so "too soon" does not depend on how fast this machine is.
    let tenant = r#"
tenant_id = "5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
domain = "fabrikam.test"
[settings]
device_code_interval_secs = 60
[[apps]]
client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a"
name = "cli"
public_client = true
delegated_scopes = ["Mail.Read"]
[[users]]
upn = "kim@fabrikam.test"
"#;
    let emu = Emulator::with_tenant(tenant);
    let client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a";
    let url = format!("{}/fabrikam.test/oauth2/v2.0/devicecode", emu.base());
    let (status, device) = json(
        emu.http
            .post(url)
            .form(&[("client_id", client_id), ("scope", "Mail.Read")])
            .send()
            .unwrap(),
    );
    assert_eq!((status, device["interval"].as_i64()), (200, Some(60)));
    let poll = || {
        json(emu.token(&[
            ("client_id", client_id),
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", device["device_code"].as_str().unwrap()),
        ]))
    };
    let (status, body) = poll();
    assert_eq!((status, body["error"].as_str()), (400, Some("slow_down")));
    advance(&emu, 60);
    let (status, body) = poll();
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("authorization_pending"))
    );
}

#[test]
fn people_sign_in_through_the_pages() {
    let emu = Emulator::demo();
    let public = emu.demo_value("public_client_id").to_owned();
    let authorize = format!("{}/{}/oauth2/v2.0/authorize", emu.base(), emu.tenant_id());
    let params = [
        ("client_id", public.as_str()),
        ("response_type", "code"),
        ("redirect_uri", "http://localhost:9999/"),
        ("scope", "Mail.ReadWrite"),
        ("state", "st"),
    ];
    let submit = |user: &str, action: &str| {
        let mut form: Vec<(&str, &str)> = params.to_vec();
        form.extend([("username", user), ("action", action)]);
        emu.http.post(&authorize).form(&form).send().unwrap()
    };
    let unknown = submit("nobody@contoso.test", "approve");
    assert_eq!(unknown.status(), 200);
    assert!(unknown.text().unwrap().contains("AADSTS50034"));
    let shared = submit("support@contoso.test", "approve");
    assert!(shared.text().unwrap().contains("AADSTS50057"));
    let declined = submit("alex@contoso.test", "decline");
    assert_eq!(declined.status(), 302);
    assert!(
        declined.headers()["location"]
            .to_str()
            .unwrap()
            .contains("error=access_denied")
    );
    let approved = submit("alex@contoso.test", "approve");
    let location = approved.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("http://localhost:9999/?code="),
        "{location}"
    );

    // The device code page: a person types the code and picks the account.
    let device = device_code(&emu, "Mail.ReadWrite");
    let page = emu
        .http
        .post(format!("{}/devicelogin", emu.base()))
        .form(&[
            ("user_code", device["user_code"].as_str().unwrap()),
            ("username", "alex@contoso.test"),
            ("action", "approve"),
        ])
        .send()
        .unwrap();
    assert!(page.text().unwrap().contains("You have signed in"));
    advance(&emu, 5);
    assert_eq!(poll(&emu, &device).0, 200);
}
