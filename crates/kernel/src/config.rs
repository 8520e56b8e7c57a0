//! Configuration, read once at start-up from the environment and an optional
//! `.env` file in the working directory.
//!
//! | variable | default | meaning |
//! | --- | --- | --- |
//! | `DATABASE_URL` | prepared by `./run.sh` | PostgreSQL URL used for migrations (owner/admin rights) |
//! | `APP_DATABASE_URL` | `DATABASE_URL` + `SET ROLE conectcrm_app` | URL the server's pool uses; point it at a login of the runtime role in production |
//! | `CONECTCRM_BIND` | `127.0.0.1:3001` | address of API, Socket.IO and web app |
//! | `CONECTCRM_DATA_DIR` | `./data` | JWT secret (development), e-mail outbox, local files |
//! | `JWT_SECRET` | generated into the data dir | HMAC key for access tokens, ≥ 32 bytes; required with `--production` |
//! | `SECRETS_KEY` | generated into the data dir | 32 bytes (64 hex characters) sealing stored credentials (AES-256-GCM); required with `--production`; changing it makes stored gateway keys unreadable |
//! | `REDIS_URL` | unset (in-process) | Redis for Socket.IO fan-out across nodes |
//! | `STORAGE_URL` | `file://<data dir>/files` | `s3://bucket` uses `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ENDPOINT` |
//! | `SMTP_URL` | unset (outbox folder) | e.g. `smtp://user:pass@host:587` or `smtps://…` |
//! | `MAIL_FROM` | `ConectCRM <nao-responda@conectcrm.local>` | sender of every e-mail |
//! | `FRONTEND_URL` | `http://<bind>` | origin allowed by CORS and used in e-mailed links |
//! | `ACCESS_TOKEN_TTL_SECS` | `900` | lifetime of an access token |
//! | `REFRESH_TOKEN_TTL_SECS` | `2592000` | lifetime of a refresh token (30 days) |
//! | `AUTH_RATE_LIMIT_PER_MINUTE` | `20` | requests per minute per IP on `/api/v1/auth/*` |
//! | `EGRESS_ALLOW_HOSTS` | unset (providers' own hosts only) | comma-separated `host`, `host:port` or `*.domain` the server may call besides the providers' documented hosts (a sandbox, an internal proxy); only these may be internal addresses — see `docs/SECURITY.md` |
//! | `TRUSTED_PROXIES` | empty | comma-separated CIDRs (`10.0.0.0/8,127.0.0.1/32`) of the reverse proxies in front of the server; only a request whose TCP peer is inside one has its `X-Forwarded-For` read (the rightmost address that is not a trusted proxy is the client) — for rate limits and the IP recorded on a proposal acceptance |
//! | `CEP_API_URL` | `https://viacep.com.br` | the CEP lookup service (ViaCEP's API); another host must be on `EGRESS_ALLOW_HOSTS` |
//! | `WEBCHAT_DIGEST_AFTER_SECS` | `900` | how long an agent's reply may stay unseen by a web-chat visitor before it is e-mailed to the address they typed |
//! | `LOG_FORMAT` | `text` (`json` with `--production`) | log output |
//! | `RUST_LOG` | `info` | log filter |

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rand::RngCore;

/// A value that must never reach a log line.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: Secret,
    pub app_database_url: Option<Secret>,
    /// Where read models (the dashboard) read: a streaming replica, or by
    /// default the primary.
    pub database_read_url: Option<Secret>,
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    pub jwt_secret: Secret,
    pub secrets_key: SecretsKey,
    pub redis_url: Option<Secret>,
    pub storage_url: Option<String>,
    pub smtp_url: Option<Secret>,
    pub mail_from: String,
    pub frontend_url: String,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub auth_rate_limit_per_minute: u32,
    /// Hosts outbound calls may reach besides the providers' own.
    pub egress_allow_hosts: egress::HostList,
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// ViaCEP's API, or a stand-in speaking its format.
    pub cep_api_url: String,
    /// How long a web-chat reply may stay unseen before it is e-mailed.
    pub webchat_digest_after: Duration,
    pub json_logs: bool,
    pub production: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {variable}: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

fn err(variable: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError { variable, message: message.into() }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|e| err(name, format!("invalid value {v:?}: {e}"))),
    }
}

impl Config {
    /// Reads `.env` (if present) and the environment.
    pub fn from_env(production: bool) -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        let database_url = var("DATABASE_URL")
            .map(Secret::new)
            .ok_or_else(|| err("DATABASE_URL", "is required (./run.sh prepares one for you)"))?;
        let bind: SocketAddr = parsed("CONECTCRM_BIND", SocketAddr::from(([127, 0, 0, 1], 3001)))?;
        let data_dir = PathBuf::from(var("CONECTCRM_DATA_DIR").unwrap_or_else(|| "data".into()));
        std::fs::create_dir_all(&data_dir)
            .map_err(|e| err("CONECTCRM_DATA_DIR", format!("cannot create {}: {e}", data_dir.display())))?;
        let jwt_secret = match var("JWT_SECRET") {
            Some(s) if s.len() >= 32 => Secret::new(s),
            Some(_) => return Err(err("JWT_SECRET", "must be at least 32 characters")),
            None if production => return Err(err("JWT_SECRET", "is required with --production")),
            None => Secret::new(dev_secret(&data_dir, "jwt_secret", "JWT_SECRET")?),
        };
        let secrets_key = match var("SECRETS_KEY") {
            Some(s) => {
                SecretsKey::from_hex(&s).ok_or_else(|| err("SECRETS_KEY", "must be 64 hex characters"))?
            }
            None if production => return Err(err("SECRETS_KEY", "is required with --production")),
            None => SecretsKey::from_hex(&dev_secret(&data_dir, "secrets_key", "SECRETS_KEY")?)
                .ok_or_else(|| err("SECRETS_KEY", "the generated key in the data dir is damaged"))?,
        };
        let frontend_url =
            var("FRONTEND_URL").unwrap_or_else(|| format!("http://{bind}")).trim_end_matches('/').to_string();
        if !(frontend_url.starts_with("http://") || frontend_url.starts_with("https://")) {
            return Err(err("FRONTEND_URL", "must start with http:// or https://"));
        }
        let storage_url = var("STORAGE_URL");
        if let Some(url) = &storage_url
            && !(url.starts_with("s3://") || url.starts_with("file://"))
        {
            return Err(err("STORAGE_URL", "must be s3://bucket or file:///path"));
        }
        let smtp_url = var("SMTP_URL").map(Secret::new);
        let json_logs = match var("LOG_FORMAT").as_deref() {
            None => production,
            Some("json") => true,
            Some("text") => false,
            Some(other) => return Err(err("LOG_FORMAT", format!("{other:?} is not json or text"))),
        };
        let rate: u32 = parsed("AUTH_RATE_LIMIT_PER_MINUTE", 20)?;
        if rate == 0 {
            return Err(err("AUTH_RATE_LIMIT_PER_MINUTE", "must be at least 1"));
        }
        let egress_allow_hosts = egress::HostList::parse_csv(&var("EGRESS_ALLOW_HOSTS").unwrap_or_default())
            .map_err(|e| err("EGRESS_ALLOW_HOSTS", e.to_string()))?;
        let trusted_proxies = parse_proxies(var("TRUSTED_PROXIES").as_deref().unwrap_or(""))
            .map_err(|bad| err("TRUSTED_PROXIES", format!("{bad:?} is not an address or CIDR")))?;
        Ok(Self {
            database_url,
            app_database_url: var("APP_DATABASE_URL").map(Secret::new),
            database_read_url: var("DATABASE_READ_URL").map(Secret::new),
            bind,
            data_dir,
            jwt_secret,
            secrets_key,
            redis_url: var("REDIS_URL").map(Secret::new),
            storage_url,
            smtp_url,
            mail_from: var("MAIL_FROM").unwrap_or_else(|| "ConectCRM <nao-responda@conectcrm.local>".into()),
            frontend_url,
            access_token_ttl: Duration::from_secs(parsed("ACCESS_TOKEN_TTL_SECS", 900)?),
            refresh_token_ttl: Duration::from_secs(parsed("REFRESH_TOKEN_TTL_SECS", 30 * 24 * 3600)?),
            auth_rate_limit_per_minute: rate,
            egress_allow_hosts,
            trusted_proxies,
            cep_api_url: var("CEP_API_URL").unwrap_or_else(|| "https://viacep.com.br".into()),
            webchat_digest_after: Duration::from_secs(parsed("WEBCHAT_DIGEST_AFTER_SECS", 900)?),
            json_logs,
            production,
        })
    }

    /// A configuration for tests: a given database, a temporary data dir.
    pub fn for_tests(database_url: &str, data_dir: &Path) -> Self {
        Self {
            database_url: Secret::new(database_url),
            app_database_url: None,
            database_read_url: None,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.to_path_buf(),
            jwt_secret: Secret::new("test-secret-test-secret-test-secret-0123456789"),
            secrets_key: SecretsKey([7; 32]),
            redis_url: None,
            storage_url: None,
            smtp_url: None,
            mail_from: "ConectCRM <nao-responda@conectcrm.local>".into(),
            frontend_url: "http://127.0.0.1:3001".into(),
            access_token_ttl: Duration::from_secs(900),
            refresh_token_ttl: Duration::from_secs(3600),
            auth_rate_limit_per_minute: 1000,
            egress_allow_hosts: egress::HostList::default(),
            trusted_proxies: vec![],
            cep_api_url: "https://viacep.com.br".into(),
            webchat_digest_after: Duration::from_secs(900),
            json_logs: false,
            production: false,
        }
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }
}

/// `10.0.0.0/8, 192.168.1.7` → networks (a bare address is a /32 or /128).
fn parse_proxies(list: &str) -> Result<Vec<ipnet::IpNet>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| s.to_string())
        })
        .collect()
}

/// The 32-byte key that seals stored credentials; never printed.
#[derive(Clone)]
pub struct SecretsKey(pub [u8; 32]);

impl SecretsKey {
    fn from_hex(s: &str) -> Option<Self> {
        hex::decode(s.trim()).ok()?.try_into().ok().map(SecretsKey)
    }
}

impl std::ops::Deref for SecretsKey {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for SecretsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretsKey(***)")
    }
}

/// Development convenience: a random key kept in the data dir, so tokens
/// and sealed credentials survive restarts without anyone choosing a secret.
fn dev_secret(data_dir: &Path, file: &str, variable: &'static str) -> Result<String, ConfigError> {
    let path = data_dir.join(file);
    if let Ok(existing) = std::fs::read_to_string(&path)
        && existing.trim().len() >= 32
    {
        return Ok(existing.trim().to_string());
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    std::fs::write(&path, &secret)
        .map_err(|e| err(variable, format!("cannot write {}: {e}", path.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(secret)
}
