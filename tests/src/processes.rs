//! The binaries under test as processes, and a server inside the test process.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The path of one of this tree's binaries: `$env` if set, else next to the running test (target/debug).
pub fn binary(env: &str, name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(env) {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("the test knows its own path");
    let dir = exe.parent().and_then(Path::parent).expect("tests run from target/<profile>/deps");
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is not built: run `cargo build -p mend-cli -p mend-server` (or set {env})",
        path.display()
    );
    path
}

/// A `mend-server` child process on an ephemeral loopback port, killed when dropped.
pub struct ServerProcess {
    child: Child,
    pub base: String,
    pub data: PathBuf,
    pub log: PathBuf,
}

impl ServerProcess {
    /// Starts `mend-server` on `data` with `extra` arguments; its log goes to `data/../server.log`.
    pub fn start(data: &Path, extra: &[&str]) -> ServerProcess {
        let log = data.with_extension("log");
        let log_file = std::fs::OpenOptions::new().create(true).append(true).open(&log).unwrap();
        let mut child = Command::new(binary("MEND_SERVER_BIN", "mend-server"))
            .args(["--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log_file))
            .spawn()
            .expect("mend-server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let base = line.trim().rsplit(' ').next().unwrap_or_default().to_owned();
        assert!(base.starts_with("http"), "mend-server's first line: {line:?}");
        ServerProcess { child, base, data: data.to_owned(), log }
    }
}

impl ServerProcess {
    /// Kills the server at once (SIGKILL, no shutdown); [`ServerProcess::restart`] starts it again.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the server again (after [`ServerProcess::kill`]) on the same address and data, with `extra`
    /// arguments.
    pub fn restart(&mut self, extra: &[&str]) {
        let address = self.base.trim_start_matches("http://").to_owned();
        let log_file = std::fs::OpenOptions::new().create(true).append(true).open(&self.log).unwrap();
        let mut child = Command::new(binary("MEND_SERVER_BIN", "mend-server"))
            .args(["--listen", &address, "--data-dir"])
            .arg(&self.data)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log_file))
            .spawn()
            .expect("mend-server starts again");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert!(line.contains(&address), "mend-server's first line after a restart: {line:?}");
        self.child = child;
    }

    /// The server's process id (to read its CPU time).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's CPU time so far (user + system), from /proc; zero where there is no /proc.
    pub fn cpu(&self) -> std::time::Duration {
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())) else {
            return std::time::Duration::ZERO;
        };
        // After the command name (which may hold spaces, inside parentheses) come field 3 (state) onwards:
        // utime is field 14 and stime field 15, in clock ticks (100 a second on Linux).
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after.split_whitespace().collect();
        let tick = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
        std::time::Duration::from_millis((tick(11) + tick(12)) * 10)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `mend --data-dir DIR ARGS…` and gives its output.
pub fn mend(dir: &Path, args: &[&str]) -> Output {
    mend_with_input(dir, args, "", &[])
}

/// Runs `mend` with `input` on standard input and extra environment.
pub fn mend_with_input(dir: &Path, args: &[&str], input: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(binary("MEND_BIN", "mend"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mend starts");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A `mend-server` running inside the test process on its own runtime (for tests that drive the core's
/// engine directly); stopped when dropped.
pub struct InProcess {
    pub base: String,
    runtime: Option<tokio::runtime::Runtime>,
    running: Option<mend_server::app::Running>,
}

impl InProcess {
    /// A server on an SQLite file in `dir`, with `tombstone_horizon` and rate limits out of the way.
    pub fn start(dir: &Path, tombstone_horizon: std::time::Duration) -> InProcess {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let mut config =
            mend_server::config::Config::sqlite(dir.join("server.sqlite3"), "127.0.0.1:0".parse().unwrap());
        config.tombstone_horizon = tombstone_horizon;
        config.limits.account_per_minute = 1_000_000;
        config.limits.address_per_minute = 1_000_000;
        config.limits.accounts_per_address_per_day = 1_000_000;
        let running = runtime.block_on(mend_server::app::start(config)).expect("the server starts");
        InProcess { base: format!("http://{}", running.addr), runtime: Some(runtime), running: Some(running) }
    }

    /// The server's state (to purge tombstones now, say).
    pub fn app(&self) -> &mend_server::app::AppState {
        &self.running.as_ref().unwrap().app
    }

    /// Runs `work` on the server's runtime.
    pub fn block_on<F: std::future::Future>(&self, work: F) -> F::Output {
        self.runtime.as_ref().unwrap().block_on(work)
    }
}

impl Drop for InProcess {
    fn drop(&mut self) {
        if let (Some(runtime), Some(running)) = (self.runtime.take(), self.running.take()) {
            let _ = runtime.block_on(running.shutdown());
        }
    }
}
