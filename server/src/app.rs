//! The running server: shared state (storage, the token key, limits, metrics, the rate limiter), the router with
//! its middleware (per-address limit, timeout, metrics, a log line per request without payload or address), the
//! background sweep of tombstones and expired mailboxes, and graceful shutdown.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use mend_protocol::ErrorCode;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::{Backend, Config};
use crate::error::{ApiError, ApiResult};
use crate::limiter::Limiter;
use crate::metrics::Metrics;
use crate::storage::Storage;
use crate::storage::sqlite::SqliteStore;

/// Unix seconds now.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs() as i64)
}

/// What every handler shares.
pub struct App {
    pub store: Arc<dyn Storage>,
    pub token_key: [u8; 32],
    pub config: Config,
    pub metrics: Metrics,
    pub limiter: Limiter,
}

/// The router's state.
pub type AppState = Arc<App>;

/// The client's address, for the per-address limits only (never logged or stored).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

impl App {
    /// Runs a storage call on the blocking pool.
    pub async fn db<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn Storage) -> crate::storage::StoreResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || call(store.as_ref()))
            .await
            .map_err(|_| ApiError::new(ErrorCode::Internal, "the server could not finish that; nothing changed"))?
            .map_err(ApiError::from)
    }
}

/// Opens the configured storage.
pub fn open_store(config: &Config) -> Result<Arc<dyn Storage>, String> {
    match &config.backend {
        Backend::Sqlite(path) => {
            if let Some(dir) = path.parent() {
                crate::files::private_dir(dir).map_err(|error| format!("cannot create the data directory: {error}"))?;
            }
            let store = SqliteStore::open(path).map_err(|error| format!("cannot open the database: {error}"))?;
            crate::files::private_file(path).map_err(|error| format!("cannot make the database private: {error}"))?;
            Ok(Arc::new(store))
        }
        Backend::Postgres(url) => crate::storage::open_postgres(url),
    }
}

fn code_name(code: &ErrorCode) -> &'static str {
    match code {
        ErrorCode::BadRequest => "bad_request",
        ErrorCode::Unauthorized => "unauthorized",
        ErrorCode::TokenExpired => "token_expired",
        ErrorCode::DeviceRevoked { .. } => "device_revoked",
        ErrorCode::BadSignature => "bad_signature",
        ErrorCode::NotFound => "not_found",
        ErrorCode::AlreadyExists => "already_exists",
        ErrorCode::CursorBeyondHorizon { .. } => "cursor_beyond_horizon",
        ErrorCode::EpochMismatch { .. } => "epoch_mismatch",
        ErrorCode::StaleEpoch { .. } => "stale_epoch",
        ErrorCode::SequenceTooLow { .. } => "sequence_too_low",
        ErrorCode::Expired => "expired",
        ErrorCode::TooLarge { .. } => "too_large",
        ErrorCode::QuotaExceeded { .. } => "quota_exceeded",
        ErrorCode::RateLimited { .. } => "rate_limited",
        ErrorCode::RegistrationClosed => "registration_closed",
        ErrorCode::ServerFull => "server_full",
        ErrorCode::Timeout => "timeout",
        ErrorCode::Internal => "internal",
    }
}

fn content_length(headers: &axum::http::HeaderMap) -> u64 {
    headers.get(CONTENT_LENGTH).and_then(|value| value.to_str().ok()).and_then(|value| value.parse().ok()).unwrap_or(0)
}

/// Per request: the per-address limit, the timeout, metrics and one log line (route template, status, sizes,
/// time; no path ids, no payload, no address).
async fn observe(State(app): State<AppState>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", |path| path.as_str()).to_owned();
    let bytes_in = content_length(request.headers());
    let address = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    let operator = matches!(route.as_str(), "/health" | "/ready" | "/metrics" | "/openapi.json");
    let limited = address.filter(|_| !operator).map(|ip| app.limiter.address(ip, app.config.limits.address_per_minute));
    let response = match limited {
        Some(Err(refusal)) => refusal.into_response(),
        _ => {
            if let Some(ip) = address {
                request.extensions_mut().insert(ClientAddr(ip));
            }
            match tokio::time::timeout(app.config.limits.request_timeout, next.run(request)).await {
                Ok(response) => response,
                Err(_) => ApiError::new(ErrorCode::Timeout, "the request took too long").into_response(),
            }
        }
    };
    let status = response.status().as_u16();
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    let bytes_out = axum::body::HttpBody::size_hint(response.body()).exact().unwrap_or(0);
    app.metrics.request(&method, &route, status, millis);
    app.metrics.bytes_in.fetch_add(bytes_in, Ordering::Relaxed);
    app.metrics.bytes_out.fetch_add(bytes_out, Ordering::Relaxed);
    let code = response.extensions().get::<ErrorCode>().map(code_name);
    if let Some(code) = code {
        app.metrics.refusal(code);
    }
    tracing::info!(method, route, status, code, bytes_in, bytes_out, millis, "request");
    response
}

/// The router over a shared state.
pub fn router(app: AppState) -> Router {
    crate::routes::routes().layer(middleware::from_fn_with_state(Arc::clone(&app), observe)).with_state(app)
}

/// Builds the shared state: opens storage and loads (or makes) the token key, off the async threads.
pub async fn build(config: Config) -> Result<AppState, String> {
    tokio::task::spawn_blocking(move || {
        let store = open_store(&config)?;
        let token_key = store
            .server_key(crate::crypto::random())
            .map_err(|error| format!("cannot read the server key: {error}"))?;
        Ok(Arc::new(App { store, token_key, config, metrics: Metrics::default(), limiter: Limiter::default() }))
    })
    .await
    .map_err(|error| error.to_string())?
}

/// Purges tombstones past the horizon and expired mailboxes, now and then at `every`.
fn spawn_sweeper(app: AppState) -> JoinHandle<()> {
    let horizon = app.config.tombstone_horizon.as_secs() as i64;
    let every = Duration::from_secs((horizon as u64 / 4).clamp(1, 600));
    tokio::spawn(async move {
        loop {
            let link_ttl = mend_protocol::mailboxes::LINK_MAILBOX_TTL_SECS;
            let swept = app
                .db(move |store| {
                    let purged = store.purge_tombstones(now() - horizon)?;
                    store.sweep(now(), link_ttl)?;
                    Ok(purged)
                })
                .await;
            match swept {
                Ok(purged) => {
                    app.metrics.tombstones_purged.fetch_add(purged, Ordering::Relaxed);
                }
                Err(_) => tracing::warn!("the periodic sweep failed; it will run again"),
            }
            tokio::time::sleep(every).await;
        }
    })
}

/// A server running in this process (tests start it on an ephemeral loopback port).
pub struct Running {
    pub addr: SocketAddr,
    pub app: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting, finishes requests in flight, and waits.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.await.map_err(std::io::Error::other)?
    }
}

/// Binds `config.listen` and serves until [`Running::shutdown`].
pub async fn start(config: Config) -> Result<Running, String> {
    let listener = TcpListener::bind(config.listen).await.map_err(|error| format!("cannot listen: {error}"))?;
    let addr = listener.local_addr().map_err(|error| error.to_string())?;
    let app = build(config).await?;
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, Arc::clone(&app), async {
        let _ = stopped.await;
    }));
    Ok(Running { addr, app, stop: Some(stop), task })
}

/// Serves on `listener` until `shutdown` resolves, then finishes requests in flight (HTTPS when the config has
/// TLS files).
pub async fn serve(
    listener: TcpListener,
    app: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let tls = match &app.config.tls {
        Some((cert, key)) => Some(crate::tls::server_config(cert, key).map_err(std::io::Error::other)?),
        None => None,
    };
    let sweeper = spawn_sweeper(Arc::clone(&app));
    let grace = app.config.limits.request_timeout;
    let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
    let result = match tls {
        None => axum::serve(listener, service).with_graceful_shutdown(shutdown).await,
        Some(tls) => {
            let handle = axum_server::Handle::new();
            let stopper = handle.clone();
            tokio::spawn(async move {
                shutdown.await;
                stopper.graceful_shutdown(Some(grace));
            });
            axum_server::from_tcp_rustls(listener.into_std()?, axum_server::tls_rustls::RustlsConfig::from_config(tls))
                .handle(handle)
                .serve(service)
                .await
        }
    };
    sweeper.abort();
    result
}
