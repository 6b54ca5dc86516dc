//! The `mend-server` command: with no arguments, serves on 127.0.0.1:8787 with an SQLite file in the platform data
//! directory. `mend-server issue-token` prints a registration token for `--registration token`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use mend_server::config::{Backend, Config, Limits, Registration, parse_duration};

#[derive(Parser)]
#[command(name = "mend-server", version, about = "Mend's blind sync and groups server")]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787", env = "MEND_LISTEN")]
    listen: SocketAddr,
    /// Directory for the SQLite database (default: the platform data directory).
    #[arg(long, env = "MEND_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Use PostgreSQL instead of SQLite (postgres://… or key=value form).
    #[arg(long, env = "MEND_DATABASE")]
    database: Option<String>,
    /// How long tombstones are kept (e.g. 180d, 12h, 30s).
    #[arg(long, default_value = "180d", value_parser = parse_duration)]
    tombstone_horizon: Duration,
    /// Who may create accounts.
    #[arg(long, value_enum, default_value = "open")]
    registration: Registration,
    /// PEM certificate chain to serve HTTPS with (rustls); needs --tls-key.
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Requests a minute per account (per process).
    #[arg(long)]
    account_rpm: Option<u32>,
    /// Requests a minute per client address (per process).
    #[arg(long)]
    address_rpm: Option<u32>,
    /// Accounts a client address may create a day (per process).
    #[arg(long)]
    accounts_per_address_per_day: Option<u32>,
    /// Bytes of records one account may hold.
    #[arg(long)]
    account_quota: Option<u64>,
    /// Bytes of records and group writes the server may hold in all.
    #[arg(long)]
    storage_cap: Option<u64>,
    /// Longest a request may take (e.g. 30s).
    #[arg(long, value_parser = parse_duration)]
    request_timeout: Option<Duration>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Prints a new single-use registration token (for `--registration token`).
    IssueToken,
}

fn config(args: &Args) -> Result<Config, String> {
    let backend = match (&args.database, &args.data_dir) {
        (Some(url), _) => Backend::Postgres(url.clone()),
        (None, Some(dir)) => Backend::Sqlite(dir.join("mend-server.sqlite3")),
        (None, None) => {
            let dirs = directories::ProjectDirs::from("org", "Mend", "mend-server")
                .ok_or("no home directory: pass --data-dir")?;
            Backend::Sqlite(dirs.data_dir().join("mend-server.sqlite3"))
        }
    };
    let defaults = Limits::default();
    let limits = Limits {
        account_per_minute: args.account_rpm.unwrap_or(defaults.account_per_minute),
        address_per_minute: args.address_rpm.unwrap_or(defaults.address_per_minute),
        accounts_per_address_per_day: args
            .accounts_per_address_per_day
            .unwrap_or(defaults.accounts_per_address_per_day),
        account_quota: args.account_quota.unwrap_or(defaults.account_quota),
        storage_cap: args.storage_cap.unwrap_or(defaults.storage_cap),
        request_timeout: args.request_timeout.unwrap_or(defaults.request_timeout),
        ..defaults
    };
    Ok(Config {
        listen: args.listen,
        backend,
        registration: args.registration,
        tombstone_horizon: args.tombstone_horizon,
        limits,
        tls: args.tls_cert.clone().zip(args.tls_key.clone()),
    })
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(_) => {
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    tracing::info!("shutting down: finishing requests in flight");
}

async fn run(args: Args) -> Result<(), String> {
    let config = config(&args)?;
    if let Some(Command::IssueToken) = args.command {
        let token = mend_protocol::hex::encode(&mend_server::crypto::random::<16>());
        let hash = mend_server::crypto::sha256(token.as_bytes());
        tokio::task::spawn_blocking(move || {
            let store = mend_server::app::open_store(&config)?;
            store.add_registration_token(&hash, mend_server::app::now()).map_err(|error| error.to_string())
        })
        .await
        .map_err(|error| error.to_string())??;
        println!("{token}");
        return Ok(());
    }
    let listener =
        tokio::net::TcpListener::bind(config.listen).await.map_err(|error| format!("cannot listen: {error}"))?;
    let addr = listener.local_addr().map_err(|error| error.to_string())?;
    let app = mend_server::app::build(config).await?;
    let scheme = if app.config.tls.is_some() { "https" } else { "http" };
    println!("mend-server listening on {scheme}://{addr}");
    mend_server::app::serve(listener, app, shutdown_signal()).await.map_err(|error| error.to_string())
}

fn main() -> ExitCode {
    // Every file the server makes (the database, its WAL and shared-memory files) is private to its user.
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file-creation mask; it cannot fail and touches no memory.
    unsafe {
        libc::umask(0o077);
    }
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("MEND_LOG").unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("mend-server: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("mend-server: {error}");
            ExitCode::FAILURE
        }
    }
}
