//! `mend-load`: drives a `mend-server` with an open-loop load and reports what it sustained. It starts the server
//! itself (pinned to CPU 0, the generator to CPU 1), makes 100 accounts with 2 devices each spread over source
//! addresses 127.0.0.2-127.0.0.201, warms up, then offers a fixed rate of requests: each device cycle is a poll, and
//! one cycle in ten uploads 1-5 records of 300 bytes that the account's other device downloads on its next poll.
//! Latency is timed from each request's scheduled send. `--sweep` steps the offered rate 500 → 5,000 and reports
//! the knee (the highest rate with p99 ≤ the target). A bench, not a timed test; docs/performance.md has figures.

mod fleet;
mod pin;
mod report;
mod run;
mod server;

use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

#[derive(Parser)]
#[command(name = "mend-load", about = "Open-loop load for mend-server")]
pub struct Args {
    /// The mend-server binary to start (build it with --release).
    #[arg(long, default_value = "target/release/mend-server")]
    server_bin: PathBuf,
    /// Run the server on this PostgreSQL database instead of a fresh SQLite file.
    #[arg(long)]
    database: Option<String>,
    /// Offered requests a second.
    #[arg(long, default_value_t = 2000)]
    rate: u32,
    /// Seconds of warm-up before measuring.
    #[arg(long, default_value_t = 10)]
    warmup: u64,
    /// Seconds measured.
    #[arg(long, default_value_t = 60)]
    duration: u64,
    /// Accounts (each with two devices).
    #[arg(long, default_value_t = 100)]
    accounts: usize,
    /// Step the rate 500 → 5,000 by 500 (each step warm-up + duration) and report the knee.
    #[arg(long)]
    sweep: bool,
    /// The p99 target for the knee, in milliseconds.
    #[arg(long, default_value_t = 50.0)]
    p99_target_ms: f64,
    /// Leave the server's rate limits at their defaults (they refuse this load; the report shows it).
    #[arg(long)]
    default_limits: bool,
}

fn main() {
    let args = Args::parse();
    pin::to_cpu(1);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    if let Err(error) = runtime.block_on(bench(args)) {
        eprintln!("mend-load: {error}");
        std::process::exit(1);
    }
}

async fn bench(args: Args) -> Result<(), String> {
    let server = server::Server::start(&args)?;
    println!("{}", server.limits_line);
    let fleet = fleet::Fleet::create(&server.base, args.accounts).await?;
    let rates: Vec<u32> = if args.sweep { (1..=10).map(|step| step * 500).collect() } else { vec![args.rate] };
    let mut knee = None;
    for rate in rates {
        run::drive(&fleet, rate, Duration::from_secs(args.warmup), None).await;
        let before = server.cpu_micros();
        let outcome = run::drive(&fleet, rate, Duration::from_secs(args.duration), Some(())).await;
        let cpu = server.cpu_micros().saturating_sub(before);
        let line = report::line(rate, &outcome, cpu);
        println!("{line}");
        if outcome.errors == 0 && report::percentile(&outcome.latencies, 0.99) <= args.p99_target_ms {
            knee = Some(rate);
        }
    }
    if args.sweep {
        match knee {
            Some(rate) => println!("knee: {rate} requests/s (p99 <= {} ms, no errors)", args.p99_target_ms),
            None => println!("knee: below 500 requests/s"),
        }
    }
    Ok(())
}
