//! The tokio runtime the bindings own: multi-threaded, created on first use and kept for the process's life.
//! Async exports hand their work to it (SQLite and file work on its blocking pool), so they never depend on
//! the caller's executor and never need a reactor on the calling thread. Sync runs here too: its futures do
//! SQLite work inline, so they are driven on a blocking thread ([`wait`] inside [`blocking`]).

use std::any::Any;
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
///
/// The work goes to the pool as one boxed closure type and its result comes back boxed through one channel
/// type, so tokio's task and channel machinery is built once for every export rather than once per closure and
/// result (a few KB each in the phone library).
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, MendError> + Send + 'static,
) -> Result<T, MendError> {
    let (tell, told) = tokio::sync::oneshot::channel::<std::thread::Result<Box<dyn Any + Send>>>();
    let job: Box<dyn FnOnce() + Send> = Box::new(move || {
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        let _ = tell.send(done.map(|result| Box::new(result) as Box<dyn Any + Send>));
    });
    drop(runtime().spawn_blocking(job));
    match told.await {
        Ok(Ok(result)) => match result.downcast::<Result<T, MendError>>() {
            Ok(result) => *result,
            Err(_) => unreachable_state(),
        },
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        // The runtime dropped the work unrun (it is shutting down).
        Err(_) => Err(MendError::Interrupted),
    }
}

/// Drives `future` to its end on the current thread: only inside [`blocking`] (a blocking thread of the
/// runtime), for the core's futures that do SQLite work between their awaits (sync). The runtime is handed one
/// boxed future type, so its driving loop is built once rather than once per future.
pub(crate) fn wait<F: std::future::Future>(future: F) -> F::Output {
    let mut output = None;
    let driven: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + '_>> =
        Box::pin(async { output = Some(future.await) });
    tokio::runtime::Handle::current().block_on(driven);
    output.unwrap_or_else(|| unreachable_state())
}

/// One panic for what cannot happen (a result of another type; a future `block_on` left unfinished), shared by
/// every instance of the generic functions above rather than one message and location each.
#[cold]
fn unreachable_state() -> ! {
    unreachable!("the bindings' runtime lost track of a result")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocking_work_gives_its_result_or_its_error_and_a_panic_is_raised_again() {
        assert_eq!(runtime().block_on(blocking(|| Ok(7))), Ok(7));
        assert_eq!(runtime().block_on(blocking(|| Err::<(), _>(MendError::Closed))), Err(MendError::Closed));
        let raised = std::panic::catch_unwind(|| {
            runtime().block_on(blocking(|| -> Result<(), MendError> { panic!("a bug in the work") }))
        });
        let payload = raised.expect_err("the panic reaches the caller");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"a bug in the work"));
    }
}
