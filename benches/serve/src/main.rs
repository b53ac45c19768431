//! `nhs-values serve` against what an administrator would run instead, OpenSSH's sshd with
//! `ForceCommand nhs-values` (a process pair and the app per login), side by side in one run:
//! connect to first frame, memory per session at 10, 100 and 1,000 sessions, key-to-frame
//! latency with 100 sessions typing, and CPU with 1,000 idle sessions. benches/README.md has the
//! figures and the command.
//!
//! Everything stays on 127.0.0.1; every wait has a deadline and every loop a count; both
//! servers, and all they start, are stopped at the end, on error and on Ctrl-C.

mod client;
mod figures;
mod procs;
mod servers;

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::Semaphore;

use client::{Client, Session};
use figures::{Figures, Latencies, MemoryStep};
use procs::Memory;
use servers::Server;

struct Options {
    binary: PathBuf,
    counts: Vec<usize>,
    rounds: usize,
    typists: usize,
    typing: Duration,
    idle: Duration,
    serve_args: Vec<String>,
    /// Which of `figures::NAMES` to run: both, unless `--only serve` or `--only sshd`.
    sides: Vec<usize>,
}

const USAGE: &str = "usage: serve-bench [--binary PATH] [--sessions 10,100,1000] [--rounds 20] \
[--typists 100] [--typing-seconds 10] [--idle-seconds 10] [--serve-arg ARG]... [--only serve|sshd]";

fn options() -> Result<Options> {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut options = Options {
        binary: repository.join("target/release/nhs-values"),
        counts: vec![10, 100, 1000],
        rounds: 20,
        typists: 100,
        typing: Duration::from_secs(10),
        idle: Duration::from_secs(10),
        serve_args: Vec::new(),
        sides: vec![0, 1],
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .with_context(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--binary" => options.binary = value()?.into(),
            "--sessions" => {
                options.counts = value()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?;
            }
            "--rounds" => options.rounds = value()?.parse()?,
            "--typists" => options.typists = value()?.parse()?,
            "--typing-seconds" => options.typing = Duration::from_secs(value()?.parse()?),
            "--idle-seconds" => options.idle = Duration::from_secs(value()?.parse()?),
            "--serve-arg" => options.serve_args.push(value()?),
            "--only" => {
                options.sides = match value()?.as_str() {
                    "serve" => vec![0],
                    "sshd" => vec![1],
                    other => bail!("--only takes serve or sshd, not {other}"),
                }
            }
            _ => bail!("unknown argument {arg}\n{USAGE}"),
        }
    }
    options.counts.sort_unstable();
    options.binary = options.binary.canonicalize().with_context(|| {
        format!(
            "no nhs-values at {} (cargo build --release, or --binary PATH)",
            options.binary.display()
        )
    })?;
    Ok(options)
}

fn main() -> ExitCode {
    let result = options().and_then(|options| {
        prepare_process()?;
        let runtime = tokio::runtime::Runtime::new()?;
        runtime.block_on(async {
            let mut terminate = signal(SignalKind::terminate())?;
            tokio::select! {
                result = run(&options) => result,
                _ = tokio::signal::ctrl_c() => bail!("interrupted"),
                _ = terminate.recv() => bail!("terminated"),
            }
        })
    });
    stop_leftovers();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("serve-bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Room for two thousand connections, and every process the servers leave behind handed to
/// this one (a child subreaper), so that `stop_leftovers` finds it.
fn prepare_process() -> Result<()> {
    // SAFETY: plain system calls on this process with valid arguments.
    unsafe {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
        if libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0 {
            bail!(
                "cannot become a child subreaper: {}",
                std::io::Error::last_os_error()
            );
        }
    }
    Ok(())
}

/// Kills whatever the servers' guards missed, and reaps it.
fn stop_leftovers() {
    let me = std::process::id();
    for pid in procs::tree(me).into_iter().filter(|&pid| pid != me) {
        // SAFETY: kill has no memory effects.
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    // SAFETY: waitpid with a null status pointer and WNOHANG only reaps.
    while unsafe { libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) } > 0 || {
        procs::tree(me).len() > 1 && Instant::now() < deadline
    } {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A session's own source address, spread over 127.0.0.10 to 127.0.0.109 so that at 1,000
/// sessions each address has 10, under `serve`'s default of 20 per address.
fn source(index: usize) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 0, 10 + (index % 100) as u8)
}

struct Subject {
    /// Its index in `figures::NAMES` and `Figures::sides`.
    side: usize,
    server: Server,
    /// The screen after connecting, and after `j`.
    first: String,
    next: String,
    baseline: Memory,
}

async fn run(options: &Options) -> Result<()> {
    let dir = TempDir::new()?;
    eprintln!("bench folder: {}", dir.0.display());
    servers::install_sshd()?;
    let key = dir.0.join("client_key");
    servers::run(
        Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", "serve-bench", "-f"])
            .arg(&key),
    )?;
    let public = std::fs::read_to_string(key.with_extension("pub"))?;
    let authorized_keys = dir.0.join("authorized_keys");
    // `restrict,pty` as the issue asks of the sshd set-up; `serve` ignores the options.
    std::fs::write(&authorized_keys, format!("restrict,pty {public}"))?;
    let values = dir.0.join("values.toml");
    let printed = Command::new(&options.binary)
        .args(["print", "--format", "toml"])
        .output()?;
    if !printed.status.success() {
        bail!("nhs-values print --format toml failed");
    }
    std::fs::write(&values, printed.stdout)?;
    let client = Arc::new(Client::new(&key, servers::current_user()?)?);

    let mut figures = Figures::new(&options.binary);
    // Each sshd session's app watches the values file; room for every one of them, and for
    // whatever else on the machine watches files meanwhile.
    let largest = options
        .counts
        .iter()
        .max()
        .copied()
        .unwrap_or(0)
        .max(options.typists);
    let needed = if options.sides.contains(&1) {
        largest as u64 + 1024
    } else {
        0
    };
    let (_inotify, raised_from) = servers::InotifyRoom::new(needed)?;
    if let Some(old) = raised_from {
        figures.notes.push(format!(
            "fs.inotify.max_user_instances was raised from {old} to {} for the run (and put back): \
             each of sshd's sessions runs an app that watches the values file with an inotify \
             instance of its own; at the default of 128, the 129th and later start without live reload and \
             say so on the status line",
            largest + 1024
        ));
    }
    let mut subjects = Vec::new();
    for &side in &options.sides {
        let server = if side == 0 {
            servers::start_serve(
                &options.binary,
                &dir.0,
                &values,
                &authorized_keys,
                &options.serve_args,
            )?
        } else {
            servers::start_sshd(&options.binary, &dir.0, &values, &authorized_keys)?
        };
        subjects.push(prepare(&client, side, server).await?);
    }

    for subject in &subjects {
        let memory = memory_and_idle(options, &client, subject, &mut figures.notes).await?;
        let side = &mut figures.sides[subject.side];
        side.memory = memory;
        side.baseline = subject.baseline;
        side.ran = true;
    }
    first_frames(options, &client, &subjects, &mut figures).await?;
    for subject in &subjects {
        figures.sides[subject.side].typing = typing(options, &client, subject).await?;
    }
    println!(
        "{}",
        figures.table(options.typists, options.typing, options.idle)
    );
    Ok(())
}

/// Learns what the server's screen looks like at first and after `j`, from one session, and
/// measures the server alone after it has gone.
async fn prepare(client: &Client, side: usize, server: Server) -> Result<Subject> {
    let timeout = Duration::from_secs(10);
    let quiet = Duration::from_millis(500);
    let mut session = Session::open(client, server.addr, Ipv4Addr::LOCALHOST)
        .await
        .with_context(|| {
            format!(
                "cannot open a session on {}:\n{}",
                server.name,
                server.log_tail()
            )
        })?;
    let first = session.wait_quiet(quiet, timeout).await?;
    session.send(b"j").await?;
    let next = session.wait_quiet(quiet, timeout).await?;
    session.send(b"k").await?;
    let back = session.wait_quiet(quiet, timeout).await?;
    if first == next || back != first {
        bail!(
            "{}: j and k do not move between two screens:\n{first}\n{next}\n{back}",
            server.name
        );
    }
    session.close().await;
    server.settle(1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let baseline = procs::memory(&server.processes());
    eprintln!(
        "{}: ready, {} KiB PSS with no session",
        server.name, baseline.pss_kib
    );
    Ok(Subject {
        side,
        server,
        first,
        next,
        baseline,
    })
}

/// Opens `count` sessions, 16 at a time, each until its first frame is on screen. Returns those
/// that opened and why the others did not.
async fn open_many(
    client: &Arc<Client>,
    subject: &Subject,
    first_index: usize,
    count: usize,
) -> (Vec<Session>, Vec<String>) {
    let gate = Arc::new(Semaphore::new(16));
    let first = Arc::new(subject.first.clone());
    let tasks: Vec<_> = (first_index..first_index + count)
        .map(|index| {
            let (client, gate, first) = (client.clone(), gate.clone(), first.clone());
            let addr = subject.server.addr;
            tokio::spawn(async move {
                let _permit = gate.acquire().await?;
                let mut session = Session::open(&client, addr, source(index)).await?;
                session.wait_for(&first, Duration::from_secs(30)).await?;
                anyhow::Ok(session)
            })
        })
        .collect();
    let mut sessions = Vec::new();
    let mut errors = Vec::new();
    for task in tasks {
        match task.await {
            Ok(Ok(session)) => sessions.push(session),
            Ok(Err(error)) => errors.push(format!("{error:#}")),
            Err(error) => errors.push(error.to_string()),
        }
    }
    (sessions, errors)
}

async fn close_all(sessions: Vec<Session>) {
    let closing: Vec<_> = sessions
        .into_iter()
        .map(|session| tokio::spawn(session.close()))
        .collect();
    for task in closing {
        let _ = task.await;
    }
}

/// Memory at each count of sessions, adding sessions to those already open; then CPU over the
/// idle period at the largest count, and how many sessions are still open after it.
async fn memory_and_idle(
    options: &Options,
    client: &Arc<Client>,
    subject: &Subject,
    notes: &mut Vec<String>,
) -> Result<figures::MemorySide> {
    let name = subject.server.name;
    let mut sessions: Vec<Session> = Vec::new();
    let mut steps = Vec::new();
    let mut attempted = 0;
    for &target in &options.counts {
        let mut count = target;
        if let Some(last) = steps.last() {
            let MemoryStep { memory, held, .. } = *last;
            let per_session = (memory.pss_kib.saturating_sub(subject.baseline.pss_kib)
                / held.max(1) as u64)
                .max(1);
            // Leave 4 GiB to the rest of the machine.
            let room = procs::meminfo_kib("MemAvailable:").saturating_sub(4 << 20);
            let fits = held + (room / per_session) as usize;
            if fits < count {
                notes.push(format!(
                    "{name}: {count} sessions would need about {} GiB more than this machine has free; measured {fits}",
                    (per_session * (count - held) as u64) >> 20
                ));
                count = fits;
            }
        }
        let (opened, errors) = open_many(
            client,
            subject,
            attempted,
            count.saturating_sub(sessions.len()),
        )
        .await;
        attempted = count;
        sessions.extend(opened);
        if let Some(error) = errors.first() {
            notes.push(format!(
                "{name}: {} of {count} sessions did not open; the first said: {error}",
                errors.len()
            ));
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        let held = sessions.iter().filter(|session| session.is_open()).count();
        let memory = procs::memory(&subject.server.processes());
        eprintln!(
            "{name}: {held} sessions, {} KiB PSS, {} KiB RSS, {} processes",
            memory.pss_kib, memory.rss_kib, memory.processes
        );
        steps.push(MemoryStep {
            target,
            held,
            memory,
        });
    }

    tokio::time::sleep(Duration::from_secs(2)).await;
    let before = procs::ticks(&subject.server.processes());
    tokio::time::sleep(options.idle).await;
    let after = procs::ticks(&subject.server.processes());
    let idle_ticks = procs::ticks_between(&before, &after);
    let held_after_idle = sessions.iter().filter(|session| session.is_open()).count();
    eprintln!("{name}: {idle_ticks} ticks idle, {held_after_idle} sessions still open");
    close_all(sessions).await;
    subject.server.settle(1).await;
    Ok(figures::MemorySide {
        steps,
        idle_ticks,
        held_after_idle,
    })
}

/// Connect to first frame, one session at a time, the two servers taking turns to go first.
async fn first_frames(
    options: &Options,
    client: &Client,
    subjects: &[Subject],
    figures: &mut Figures,
) -> Result<()> {
    for round in 0..options.rounds {
        for turn in 0..subjects.len() {
            let subject = &subjects[(round + turn) % subjects.len()];
            let mut session =
                Session::open(client, subject.server.addr, Ipv4Addr::LOCALHOST).await?;
            let shown = session
                .wait_for(&subject.first, Duration::from_secs(10))
                .await
                .with_context(|| format!("{}: no first frame", subject.server.name))?;
            figures.sides[subject.side]
                .first_frames
                .push(shown - session.started);
            session.close().await;
            subject.server.settle(1).await;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    Ok(())
}

/// `typists` sessions each pressing `j` and `k` in turn, ten keys a second, their presses spread
/// evenly over each tenth of a second; each key is timed until the screen shows its frame.
async fn typing(options: &Options, client: &Arc<Client>, subject: &Subject) -> Result<Latencies> {
    let (sessions, errors) = open_many(client, subject, 0, options.typists).await;
    if let Some(error) = errors.first() {
        bail!(
            "{}: {} typists did not connect: {error}",
            subject.server.name,
            errors.len()
        );
    }
    let period = Duration::from_millis(100);
    let keys = (options.typing.as_millis() / period.as_millis()) as u32;
    let start = tokio::time::Instant::now() + Duration::from_millis(500);
    let screens = Arc::new([subject.next.clone(), subject.first.clone()]);
    let typists = sessions.len() as u32;
    let before = procs::ticks(&subject.server.processes());
    let me = [std::process::id()];
    let client_before = procs::ticks(&me);
    let outputs_before: u64 = sessions.iter().map(Session::outputs).sum();
    let tasks: Vec<_> = sessions
        .into_iter()
        .enumerate()
        .map(|(index, mut session)| {
            let screens = screens.clone();
            let offset = period * index as u32 / typists;
            tokio::spawn(async move {
                let mut times = Vec::new();
                let mut missed = 0;
                for press in 0..keys {
                    tokio::time::sleep_until(start + offset + period * press).await;
                    let (key, screen): (&'static [u8], _) = if press % 2 == 0 {
                        (b"j", &screens[0])
                    } else {
                        (b"k", &screens[1])
                    };
                    let sent = Instant::now();
                    if session.send(key).await.is_err() {
                        missed = keys - press;
                        break;
                    }
                    match session.wait_for(screen, Duration::from_secs(2)).await {
                        Ok(shown) => times.push(shown.saturating_duration_since(sent)),
                        Err(_) => {
                            // The screen is in a state this loop cannot follow.
                            missed = keys - press;
                            break;
                        }
                    }
                }
                (session, times, missed)
            })
        })
        .collect();
    let mut latencies = Latencies::default();
    let mut done = Vec::new();
    for task in tasks {
        let (session, times, missed) = task.await?;
        latencies.outputs += session.outputs();
        latencies.times.extend(times);
        latencies.missed += missed as usize;
        done.push(session);
    }
    latencies.ticks = procs::ticks_between(&before, &procs::ticks(&subject.server.processes()));
    latencies.client_ticks = procs::ticks_between(&client_before, &procs::ticks(&me));
    latencies.outputs -= outputs_before;
    close_all(done).await;
    subject.server.settle(1).await;
    eprintln!(
        "{}: {} keys timed, {} missed",
        subject.server.name,
        latencies.times.len(),
        latencies.missed
    );
    Ok(latencies)
}

/// The bench's folder (keys, configs, logs), removed at the end.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self> {
        let path =
            std::env::temp_dir().join(format!("nhs-values-serve-bench-{}", std::process::id()));
        std::fs::create_dir(&path)?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
