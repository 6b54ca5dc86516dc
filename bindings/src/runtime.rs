//! The tokio runtime the bindings own: multi-threaded, created on first use and kept for the process's life.
//! Async exports hand their work to it (SQLite and file work on its blocking pool), so they never depend on
//! the caller's executor and never need a reactor on the calling thread. Sync runs here too: its futures do
//! SQLite work inline, so they are driven on a blocking thread ([`wait`] inside [`blocking`]).

use std::sync::OnceLock;

use tokio::runtime::{Builder, Runtime};

use crate::error::MendError;

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The runtime, started on first use.
pub(crate) fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(|| {
        Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(8)
            .thread_name("mend-worker")
            .build()
            .expect("the bindings' tokio runtime starts")
    })
}

/// Runs blocking work (SQLite, files) on the runtime's blocking pool and waits for it without blocking the
/// caller's executor. A panic in `work` is re-raised here, so uniffi reports it as it reports any panic.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, MendError> + Send + 'static,
) -> Result<T, MendError> {
    match runtime().spawn_blocking(work).await {
        Ok(result) => result,
        Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
        Err(_) => Err(MendError::Interrupted),
    }
}

/// Drives `future` to its end on the current thread: only inside [`blocking`] (a blocking thread of the
/// runtime), for the core's futures that do SQLite work between their awaits (sync).
pub(crate) fn wait<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Handle::current().block_on(future)
}
