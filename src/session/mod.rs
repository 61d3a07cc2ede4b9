//! A profile's sign-in from end to end: the flow its settings call for, the credential from
//! the secret stores, the token cache, and refresh with rotation. Commands ask a [`Session`]
//! for an access token; they never handle a credential themselves.

mod cache;

use std::path::PathBuf;

use crate::auth::authority::{app_only_scope, delegated_scopes};
use crate::auth::{
    AppCredential, AuthError, Authority, CertificateCredential, Claims, DeviceCodePrompt, SignIn,
    SigningMode, TokenSet,
};
use crate::error::{Diagnose, ErrorKind};
use crate::graph::Graph;
use crate::secrets::credentials::{CredentialKind, Credentials};
use crate::secrets::metadata;
use crate::secrets::{EnvStore, Secret, SecretError, SecretKind, StoreKind, certificate};
use crate::settings::env;
use crate::settings::resolve::Resolved;
use crate::settings::values::{AssertionAlg, AuthMethod};

pub use cache::EXPIRY_MARGIN_SECS;

/// An access token ready for Graph, and where it came from.
#[derive(Debug)]
pub struct AccessToken {
    pub token: Secret,
    /// Unix seconds.
    pub expires_at: u64,
    pub origin: TokenOrigin,
}

impl AccessToken {
    pub fn claims(&self) -> Option<Claims> {
        Claims::peek(self.token.expose_secret())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenOrigin {
    /// Reused from the token cache: no request to Entra.
    Cache,
    /// Requested with the app's credential (app-only).
    Requested,
    /// Redeemed from the stored refresh token (delegated).
    Refreshed,
    /// From an interactive sign-in just now.
    SignedIn,
}

/// How to sign in a user interactively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelegatedFlow {
    DeviceCode,
    Browser,
}

/// What the caller shows the user during an interactive sign-in (on stderr).
pub trait SignInUi {
    fn device_code(&self, prompt: &DeviceCodePrompt);
    fn browser(&self, url: &str);
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("no {credential} is available for {whom}")]
    NoCredential {
        credential: CredentialKind,
        whom: String,
    },
    #[error("{whom} is not signed in")]
    NotSignedIn { whom: String },
    #[error("the stored sign-in of {whom} was made with other settings (tenant, app or cloud)")]
    SignedInElsewhere { whom: String },
    #[error("the stored sign-in of {whom} is no longer accepted")]
    SignInExpired {
        whom: String,
        #[source]
        source: AuthError,
    },
    #[error("profile settings: {0}")]
    Settings(#[from] crate::settings::ConfigError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Secrets(#[from] SecretError),
}

impl Diagnose for SessionError {
    fn kind(&self) -> ErrorKind {
        match self {
            SessionError::Settings(e) => e.kind(),
            SessionError::Auth(e) => e.kind(),
            SessionError::Secrets(e) => e.kind(),
            _ => ErrorKind::Auth,
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            SessionError::NoCredential { credential, .. } => Some(format!(
                "store it with `mailconn credentials set {credential}`, or set {}",
                credential.env_var().name
            )),
            SessionError::NotSignedIn { .. } | SessionError::SignedInElsewhere { .. } => {
                Some("sign in with `mailconn login`".into())
            }
            SessionError::SignInExpired { source, .. } => source.hint(),
            SessionError::Settings(e) => e.hint(),
            SessionError::Auth(e) => e.hint(),
            SessionError::Secrets(e) => e.hint(),
        }
    }
}

/// The sign-in of one profile (or of the environment alone, when no profile is selected).
pub struct Session<'w> {
    settings: Resolved,
    /// `None` without a profile: then only the environment provides credentials, and
    /// nothing is cached.
    credentials: Option<Credentials<'w>>,
    signin: SignIn,
    signing_mode: SigningMode,
    /// The process's one HTTP client (connection pools are per client), for sign-in, Graph
    /// and whatever else the command calls.
    http: reqwest::Client,
}

impl<'w> Session<'w> {
    pub fn new(
        settings: Resolved,
        credentials: Option<Credentials<'w>>,
        http: reqwest::Client,
    ) -> Result<Session<'w>, SessionError> {
        let signing_mode = match settings.assertion.value {
            AssertionAlg::Ps256 => SigningMode::Ps256,
            AssertionAlg::Rs256 => SigningMode::Rs256,
        };
        let authority = Authority::new(&settings.authority_host.value, settings.tenant()?);
        let signin = SignIn::new(http.clone(), authority, settings.client_id()?.as_str());
        Ok(Session {
            settings,
            credentials,
            signin,
            signing_mode,
            http,
        })
    }

    /// The HTTP client this session signs in with (cheap to clone: it is shared).
    pub fn http(&self) -> reqwest::Client {
        self.http.clone()
    }

    /// Graph on the profile's endpoint with a token from [`Session::access_token`].
    pub async fn graph(&self) -> Result<Graph, SessionError> {
        Ok(self.graph_with(self.access_token().await?.token))
    }

    /// Graph on the profile's endpoint with `token`.
    pub fn graph_with(&self, token: Secret) -> Graph {
        Graph::new(
            self.http(),
            &self.settings.graph_endpoint.value.to_string(),
            token,
        )
    }

    pub fn settings(&self) -> &Resolved {
        &self.settings
    }

    /// The profile's credentials; `None` when the settings come from the environment alone.
    pub fn credentials(&self) -> Option<&Credentials<'w>> {
        self.credentials.as_ref()
    }

    /// A token for Graph: cached if still fresh, else requested (app-only) or refreshed
    /// (delegated). A rotated refresh token is saved before the token is handed out.
    pub async fn access_token(&self) -> Result<AccessToken, SessionError> {
        match self.cached_access_token()? {
            Some(cached) => Ok(cached),
            None => self.new_access_token().await,
        }
    }

    /// A token from Entra, not from the cache (which it then refills): proves that the
    /// credential or the stored sign-in still works.
    pub async fn new_access_token(&self) -> Result<AccessToken, SessionError> {
        let credential = match self.auth() {
            AuthMethod::ClientSecret => CredentialKind::ClientSecret,
            AuthMethod::Certificate => CredentialKind::Certificate,
            AuthMethod::Federated => CredentialKind::FederatedTokenFile,
            AuthMethod::DeviceCode | AuthMethod::Browser => {
                return self.refreshed_access_token().await;
            }
        };
        let (credential, cache_in) = self.app_credential(credential)?;
        let tokens = self.signin.app_only(&credential, &self.scope()).await?;
        if let Some(store) = cache_in {
            self.cache_access_token(&tokens, store)?;
        }
        Ok(handed_out(tokens, TokenOrigin::Requested))
    }

    /// Delegated: redeems the stored refresh token and stores the one that replaces it.
    async fn refreshed_access_token(&self) -> Result<AccessToken, SessionError> {
        let (refresh_token, store) = self.refresh_token()?;
        let tokens = match self
            .signin
            .refresh(&refresh_token, &self.delegated_scopes())
            .await
        {
            Ok(tokens) => tokens,
            Err(AuthError::Entra(e))
                if matches!(e.error.as_str(), "invalid_grant" | "interaction_required") =>
            {
                return Err(SessionError::SignInExpired {
                    whom: self.whom(),
                    source: AuthError::Entra(e),
                });
            }
            Err(e) => return Err(e.into()),
        };
        self.save_delegated(&tokens, store, |record| {
            record.refreshed_at = Some(metadata::now())
        })?;
        Ok(handed_out(tokens, TokenOrigin::Refreshed))
    }

    /// Signs a user in interactively and stores the refresh token in `store`.
    pub async fn login(
        &self,
        flow: DelegatedFlow,
        ui: &dyn SignInUi,
        store: StoreKind,
    ) -> Result<AccessToken, SessionError> {
        let scopes = self.delegated_scopes();
        let tokens = match flow {
            DelegatedFlow::DeviceCode => {
                self.signin
                    .device_code(&scopes, |p| ui.device_code(p))
                    .await?
            }
            DelegatedFlow::Browser => self.signin.browser(&scopes, |url| ui.browser(url)).await?,
        };
        let account = Claims::peek(tokens.access_token.expose_secret()).and_then(|c| c.upn);
        self.save_delegated(&tokens, store, |record| {
            record.account = account;
            record.signed_in_at = Some(metadata::now());
            record.refreshed_at = None;
        })?;
        Ok(handed_out(tokens, TokenOrigin::SignedIn))
    }

    /// Forgets the stored tokens. Returns where they were.
    pub fn logout(&self) -> Result<Option<String>, SessionError> {
        match &self.credentials {
            Some(credentials) => Ok(credentials.remove_tokens()?),
            None => Ok(None),
        }
    }

    fn auth(&self) -> AuthMethod {
        self.settings.auth.value
    }

    fn scope(&self) -> String {
        app_only_scope(&self.settings.graph_resource.value)
    }

    fn delegated_scopes(&self) -> Vec<String> {
        delegated_scopes(&self.settings.graph_resource.value)
    }

    /// Who is signing in, for messages.
    fn whom(&self) -> String {
        match &self.settings.profile {
            Some(name) => format!("profile '{name}'"),
            None => "the environment's app".to_owned(),
        }
    }

    /// What a cached token must have been issued for.
    /// Sessions with the same key would get the same app-only token (same authority,
    /// tenant, app, method and Graph), so several mailboxes can share one; `None` for
    /// delegated sign-in, whose token is a user's.
    pub fn app_token_key(&self) -> Option<String> {
        self.auth().is_app_only().then(|| self.fingerprint())
    }

    fn fingerprint(&self) -> String {
        let s = &self.settings;
        let tenant = s.tenant.as_ref().map_or("", |t| t.value.as_str());
        let client = s.client_id.as_ref().map_or("", |c| c.value.as_str());
        format!(
            "{} {} {} {} {} {}",
            s.authority_host.value,
            tenant,
            client,
            s.auth.value.as_str(),
            s.graph_endpoint.value,
            s.graph_resource.value
        )
    }

    fn cached_access_token(&self) -> Result<Option<AccessToken>, SessionError> {
        Ok(self.cached_entry()?.map(|(cached, _)| AccessToken {
            token: cached.token,
            expires_at: cached.expires_at,
            origin: TokenOrigin::Cache,
        }))
    }

    /// The fresh cached access-token entry and its store, if there is one.
    fn cached_entry(&self) -> Result<Option<(cache::Cached, StoreKind)>, SessionError> {
        let Some(credentials) = &self.credentials else {
            return Ok(None);
        };
        let (Some(record), Some(value)) = (
            credentials.tokens_record()?,
            credentials.token(SecretKind::AccessToken)?,
        ) else {
            return Ok(None);
        };
        Ok(cache::decode(&value, &self.fingerprint())
            .filter(|cached| cache::fresh(cached.expires_at))
            .map(|cached| (cached, record.store)))
    }

    /// A fact learned with the cached access token (see [`Session::cache_fact`]), if the
    /// token is still the one it was learned with.
    pub fn cached_fact(&self, name: &str) -> Result<Option<serde_json::Value>, SessionError> {
        Ok(self
            .cached_entry()?
            .and_then(|(mut cached, _)| cached.facts.remove(name)))
    }

    /// Keeps a fact with the cached access token, to live and die with it: what Graph
    /// answered depends on the token's roles. Nothing to do without a cached token (the
    /// environment's credentials are not cached, so such runs ask each time).
    pub fn cache_fact(&self, name: &str, value: serde_json::Value) -> Result<(), SessionError> {
        let (Some(credentials), Some((mut cached, store))) =
            (&self.credentials, self.cached_entry()?)
        else {
            return Ok(());
        };
        cached.facts.insert(name.to_owned(), value);
        let value = cache::encode(
            &cached.token,
            cached.expires_at,
            &self.fingerprint(),
            &cached.facts,
        );
        credentials.set_token(SecretKind::AccessToken, &value, store, |_| {})?;
        Ok(())
    }

    fn cache_access_token(&self, tokens: &TokenSet, store: StoreKind) -> Result<(), SessionError> {
        if let Some(credentials) = &self.credentials {
            let value = cache::encode(
                &tokens.access_token,
                tokens.expires_at,
                &self.fingerprint(),
                &cache::Facts::new(),
            );
            credentials.set_token(SecretKind::AccessToken, &value, store, |_| {})?;
        }
        Ok(())
    }

    /// Stores the refresh token (always the newest: Entra rotates it) and the access token.
    fn save_delegated(
        &self,
        tokens: &TokenSet,
        store: StoreKind,
        change: impl FnOnce(&mut metadata::TokensRecord),
    ) -> Result<(), SessionError> {
        let Some(credentials) = &self.credentials else {
            return Ok(());
        };
        if let Some(refresh_token) = &tokens.refresh_token {
            let value = cache::encode(refresh_token, 0, &self.fingerprint(), &cache::Facts::new());
            credentials.set_token(SecretKind::RefreshToken, &value, store, change)?;
        }
        self.cache_access_token(tokens, store)
    }

    /// The stored refresh token and its store.
    fn refresh_token(&self) -> Result<(Secret, StoreKind), SessionError> {
        let not_signed_in = || SessionError::NotSignedIn { whom: self.whom() };
        let credentials = self.credentials.as_ref().ok_or_else(not_signed_in)?;
        let record = credentials.tokens_record()?.ok_or_else(not_signed_in)?;
        let value = credentials
            .token(SecretKind::RefreshToken)?
            .ok_or_else(not_signed_in)?;
        let cached = cache::decode(&value, &self.fingerprint())
            .ok_or_else(|| SessionError::SignedInElsewhere { whom: self.whom() })?;
        Ok((cached.token, record.store))
    }

    /// The app's credential for the configured method, and the store to cache tokens in
    /// (none for credentials from the environment: CI runs have no keyring to cache in).
    fn app_credential(
        &self,
        kind: CredentialKind,
    ) -> Result<(AppCredential, Option<StoreKind>), SessionError> {
        let missing = || SessionError::NoCredential {
            credential: kind,
            whom: self.whom(),
        };
        let secret = |kind: SecretKind| -> Result<Option<(Secret, StoreKind)>, SessionError> {
            match &self.credentials {
                Some(credentials) => Ok(credentials.secret(kind)?),
                None => Ok(EnvStore::read(kind)?.map(|s| (s, StoreKind::Env))),
            }
        };
        let cache_in = |store: StoreKind| (store != StoreKind::Env).then_some(store);
        match kind {
            CredentialKind::ClientSecret => {
                let (value, store) = secret(SecretKind::ClientSecret)?.ok_or_else(missing)?;
                Ok((AppCredential::Secret(value), cache_in(store)))
            }
            CredentialKind::Certificate => {
                let (bundle, store) = secret(SecretKind::CertificateKey)?.ok_or_else(missing)?;
                let (private_key_pem, certificate_der) =
                    certificate::key_and_leaf(&bundle).map_err(SecretError::from)?;
                let credential = CertificateCredential {
                    certificate_der,
                    private_key_pem,
                    mode: self.signing_mode,
                };
                Ok((AppCredential::Certificate(credential), cache_in(store)))
            }
            CredentialKind::FederatedTokenFile => {
                let path = match &self.credentials {
                    Some(credentials) => credentials.federated_token_file()?,
                    None => env::AZURE_FEDERATED_TOKEN_FILE.get().map(PathBuf::from),
                };
                // Federated tokens are short-lived and rotated by their issuer: not cached.
                Ok((
                    AppCredential::Federated {
                        token_file: path.ok_or_else(missing)?,
                    },
                    None,
                ))
            }
        }
    }
}

fn handed_out(tokens: TokenSet, origin: TokenOrigin) -> AccessToken {
    AccessToken {
        token: tokens.access_token,
        expires_at: tokens.expires_at,
        origin,
    }
}
