//! Starts the `mend-server` under test as a child process pinned to CPU 0, on a fresh SQLite file (or the given
//! PostgreSQL), with rate limits raised for the bench unless `--default-limits`, and reads its CPU time from /proc.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::Args;

pub struct Server {
    child: Child,
    pub base: String,
    pub limits_line: String,
    _dir: tempfile::TempDir,
}

impl Server {
    pub fn start(args: &Args) -> Result<Server, String> {
        let dir = tempfile::tempdir().map_err(|error| error.to_string())?;
        let mut command = Command::new(&args.server_bin);
        command.args(["--listen", "127.0.0.1:0"]).env("MEND_LOG", "warn");
        match &args.database {
            Some(url) => command.args(["--database", url]),
            None => command.arg("--data-dir").arg(dir.path()),
        };
        let limits_line = if args.default_limits {
            "limits: the server's defaults (600 a minute per account, 1200 per address)".to_string()
        } else {
            // Per device (one address each) and per account, with room to spare at the highest rate swept.
            let per_minute = 5000 * 60 / 100;
            command.args(["--account-rpm", &per_minute.to_string(), "--address-rpm", &per_minute.to_string()]);
            command.args(["--accounts-per-address-per-day", "1000"]);
            format!("limits: --account-rpm {per_minute} --address-rpm {per_minute} --accounts-per-address-per-day 1000")
        };
        // SAFETY: between fork and exec the closure only calls sched_setaffinity (async-signal-safe).
        unsafe {
            use std::os::unix::process::CommandExt;
            command.pre_exec(|| {
                crate::pin::to_cpu(0);
                Ok(())
            });
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", args.server_bin.display()))?;
        let mut line = String::new();
        let stdout = child.stdout.take().ok_or("no stdout")?;
        BufReader::new(stdout).read_line(&mut line).map_err(|error| error.to_string())?;
        let base = line.trim().rsplit(' ').next().unwrap_or_default().to_owned();
        if !base.starts_with("http://") {
            return Err(format!("the server did not start: {line:?}"));
        }
        Ok(Server { child, base, limits_line, _dir: dir })
    }

    /// The server's user + system CPU time so far, in microseconds.
    pub fn cpu_micros(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        let ticks: u64 = [11, 12].iter().filter_map(|&i| fields.get(i)?.parse::<u64>().ok()).sum();
        // SAFETY: sysconf has no preconditions.
        let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
        ticks * 1_000_000 / per_second
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
