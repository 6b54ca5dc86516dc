//! A throwaway PostgreSQL cluster for tests: the machine's binaries (`pg_config --bindir`), `initdb` into a temp
//! directory as an unprivileged user when run as root (`runuser -u nobody`), listening only on a Unix socket in
//! that directory, stopped and removed on drop (also when a test panics).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Cluster {
    bindir: PathBuf,
    data: PathBuf,
    socket: PathBuf,
    _dir: tempfile::TempDir,
    stopped: bool,
}

fn bindir() -> PathBuf {
    let from_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .map(|output| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()));
    let candidates = from_config.into_iter().chain(
        std::fs::read_dir("/usr/lib/postgresql").into_iter().flatten().flatten().map(|entry| entry.path().join("bin")),
    );
    for dir in candidates {
        if dir.join("initdb").exists() && dir.join("pg_ctl").exists() {
            return dir;
        }
    }
    panic!("PostgreSQL's server binaries were not found: run scripts/tools/install-postgres.sh");
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Runs a server binary, as `nobody` when we are root (PostgreSQL refuses to run as root).
fn run(bindir: &Path, program: &str, args: &[&str]) -> Output {
    let binary = bindir.join(program);
    let output = if is_root() {
        Command::new("runuser").args(["-u", "nobody", "--"]).arg(&binary).args(args).output()
    } else {
        Command::new(&binary).args(args).output()
    }
    .unwrap_or_else(|error| panic!("cannot run {program}: {error}"));
    assert!(
        output.status.success(),
        "{program} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

impl Cluster {
    /// Initialises and starts a cluster; the user `mend` is its superuser (trust, socket only).
    pub fn start() -> Cluster {
        let bindir = bindir();
        let dir = tempfile::Builder::new().prefix("mend-pg-").tempdir().unwrap();
        if is_root() {
            let status = Command::new("chown").args(["-R", "nobody"]).arg(dir.path()).status().unwrap();
            assert!(status.success(), "cannot hand the cluster directory to nobody");
        }
        let data = dir.path().join("data");
        let socket = dir.path().to_path_buf();
        let log = dir.path().join("postgres.log");
        run(&bindir, "initdb", &["-D", data.to_str().unwrap(), "-U", "mend", "-A", "trust", "--no-sync", "-E", "UTF8"]);
        let options = format!("-k {} -c listen_addresses='' -c fsync=on -c synchronous_commit=on", socket.display());
        run(
            &bindir,
            "pg_ctl",
            &["-D", data.to_str().unwrap(), "-o", &options, "-l", log.to_str().unwrap(), "-w", "start"],
        );
        Cluster { bindir, data, socket, _dir: dir, stopped: false }
    }

    /// Creates a database and returns its connection string.
    pub fn database(&self, name: &str) -> String {
        let host = self.socket.display().to_string();
        let output =
            Command::new(self.bindir.join("createdb")).args(["-h", &host, "-U", "mend", name]).output().unwrap();
        assert!(output.status.success(), "createdb failed: {}", String::from_utf8_lossy(&output.stderr));
        format!("host={host} user=mend dbname={name}")
    }

    /// Runs SQL through psql and returns its unaligned output.
    pub fn psql(&self, database: &str, sql: &str) -> String {
        let host = self.socket.display().to_string();
        let output = Command::new(self.bindir.join("psql"))
            .args(["-h", &host, "-U", "mend", "-d", database, "-A", "-t", "-c", sql])
            .output()
            .unwrap();
        assert!(output.status.success(), "psql failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn stop(&mut self) {
        if !self.stopped {
            self.stopped = true;
            let binary = self.bindir.join("pg_ctl");
            let data = self.data.to_str().unwrap().to_owned();
            let args = ["-D", data.as_str(), "-m", "immediate", "-w", "stop"];
            let _ = if is_root() {
                Command::new("runuser").args(["-u", "nobody", "--"]).arg(binary).args(args).output()
            } else {
                Command::new(binary).args(args).output()
            };
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}
