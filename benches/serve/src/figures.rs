//! The measurements of both servers and the table they make, with each target and whether it
//! was met.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::procs::{self, Memory};

pub const NAMES: [&str; 2] = ["nhs-values serve", "sshd + ForceCommand"];

#[derive(Clone, Copy)]
pub struct MemoryStep {
    /// The sessions asked for, and those open when measured.
    pub target: usize,
    pub held: usize,
    pub memory: Memory,
}

#[derive(Default)]
pub struct MemorySide {
    pub steps: Vec<MemoryStep>,
    pub idle_ticks: u64,
    pub held_after_idle: usize,
}

#[derive(Default)]
pub struct Latencies {
    pub times: Vec<Duration>,
    /// Keys never pressed or never answered because a session fell behind or ended.
    pub missed: usize,
    /// The server tree's CPU time while they typed, and the bench's own, in clock ticks.
    pub ticks: u64,
    pub client_ticks: u64,
    /// SSH data messages received while typing.
    pub outputs: u64,
}

#[derive(Default)]
pub struct Side {
    pub baseline: Memory,
    pub memory: MemorySide,
    pub first_frames: Vec<Duration>,
    pub typing: Latencies,
    pub ran: bool,
}

impl Side {
    /// PSS and RSS per session at a step, above the server with no session, in KiB.
    fn per_session(&self, step: &MemoryStep) -> (f64, f64) {
        let held = step.held.max(1) as f64;
        (
            step.memory.pss_kib.saturating_sub(self.baseline.pss_kib) as f64 / held,
            step.memory.rss_kib.saturating_sub(self.baseline.rss_kib) as f64 / held,
        )
    }
}

pub struct Figures {
    pub sides: [Side; 2],
    pub notes: Vec<String>,
    machine: String,
}

impl Figures {
    pub fn new(binary: &Path) -> Self {
        let output = |command: &mut Command| {
            command
                .output()
                .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
                .unwrap_or_default()
        };
        let memory_gib = procs::meminfo_kib("MemTotal:") as f64 / (1u64 << 20) as f64;
        let machine = format!(
            "{} cores, {memory_gib:.1} GiB, Linux {}; {} ({}); OpenSSH {}; load average at the start {}",
            std::thread::available_parallelism().map_or(0, usize::from),
            std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .unwrap_or_default()
                .trim(),
            output(Command::new(binary).arg("--version")),
            binary.display(),
            output(Command::new("dpkg-query").args(["-W", "-f", "${Version}", "openssh-server"])),
            load_average(),
        );
        Self {
            sides: Default::default(),
            notes: Vec::new(),
            machine,
        }
    }

    pub fn table(&self, typists: usize, typing: Duration, idle: Duration) -> String {
        let [serve, sshd] = &self.sides;
        let both = serve.ran && sshd.ran;
        // A side's cell, or "not run".
        let cell = |side: &Side, text: &dyn Fn(&Side) -> String| {
            if side.ran {
                text(side)
            } else {
                "not run".to_owned()
            }
        };
        let mut rows: Vec<[String; 5]> = Vec::new();

        let (serve_first, sshd_first) = (median(&serve.first_frames), median(&sshd.first_frames));
        rows.push([
            "connect to first frame at 80x24: median (min to max)".into(),
            "serve no slower".into(),
            cell(serve, &|side| spread(&side.first_frames)),
            cell(sshd, &|side| spread(&side.first_frames)),
            verdict(
                both,
                serve_first <= sshd_first,
                &format!("{:.2} x sshd", ratio(serve_first, sshd_first)),
            ),
        ]);

        let steps = serve.memory.steps.len().max(sshd.memory.steps.len());
        for index in 0..steps {
            let step = |side: &Side| side.memory.steps.get(index).copied();
            let target = step(serve).or(step(sshd)).map_or(0, |step| step.target);
            let per_session = |side: &Side| match step(side) {
                Some(step) => {
                    let (pss, rss) = side.per_session(&step);
                    format!("{} ({}){}", kib(pss), kib(rss), held_note(&step))
                }
                None => "not measured".into(),
            };
            let (met, detail) = match (step(serve), step(sshd)) {
                (Some(serve_step), Some(sshd_step)) => {
                    let share = sshd.per_session(&sshd_step).0
                        / serve.per_session(&serve_step).0.max(0.001);
                    (
                        share >= 8.0 && serve_step.held == target && sshd_step.held == target,
                        format!("1/{share:.1}"),
                    )
                }
                _ => (false, String::new()),
            };
            rows.push([
                format!(
                    "memory per session at {} sessions: PSS (RSS)",
                    thousands(target)
                ),
                "serve ≤ 1/8 of sshd".into(),
                cell(serve, &per_session),
                cell(sshd, &per_session),
                verdict(both && !detail.is_empty(), met, &detail),
            ]);
        }

        let largest = |side: &Side| side.memory.steps.last().copied();
        let target = largest(serve)
            .or(largest(sshd))
            .map_or(0, |step| step.target);
        rows.push([
            "whole server: with no session / at the largest count: PSS (RSS), processes".into(),
            String::new(),
            cell(serve, &|side| whole(side)),
            cell(sshd, &|side| whole(side)),
            String::new(),
        ]);
        rows.push([
            format!(
                "sessions still open after {} s idle, of {}",
                idle.as_secs(),
                thousands(target)
            ),
            format!("{} held", thousands(target)),
            cell(serve, &|side| thousands(side.memory.held_after_idle)),
            cell(sshd, &|side| thousands(side.memory.held_after_idle)),
            verdict(serve.ran, serve.memory.held_after_idle == target, ""),
        ]);
        rows.push([
            format!(
                "CPU over {} s with the sessions above idle: clock ticks, whole tree",
                idle.as_secs()
            ),
            "0".into(),
            cell(serve, &|side| side.memory.idle_ticks.to_string()),
            cell(sshd, &|side| side.memory.idle_ticks.to_string()),
            verdict(serve.ran, serve.memory.idle_ticks == 0, ""),
        ]);

        let serve_p99 = percentile(&serve.typing.times, 0.99);
        rows.push([
            format!(
                "key to frame, {typists} sessions typing 10 keys/s for {} s: p50 / p99 (max)",
                typing.as_secs()
            ),
            "p99 < 50 ms".into(),
            cell(serve, &|side| latencies(&side.typing)),
            cell(sshd, &|side| latencies(&side.typing)),
            verdict(
                serve.ran,
                serve.typing.missed == 0
                    && !serve.typing.times.is_empty()
                    && serve_p99 < Duration::from_millis(50),
                "",
            ),
        ]);

        let mut table = format!("{}, at the end {}\n\n", self.machine, load_average());
        table.push_str(&format!(
            "| figure | target | {} | {} | |\n|---|---|---|---|---|\n",
            NAMES[0], NAMES[1]
        ));
        for row in rows {
            table.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        for note in &self.notes {
            table.push_str(&format!("\n- {note}"));
        }
        table
    }
}

/// The 1, 5 and 15 minute load averages: other work on the machine shows here.
fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn whole(side: &Side) -> String {
    match side.memory.steps.last() {
        Some(step) => format!("{} / {}", total(&side.baseline), total(&step.memory)),
        None => total(&side.baseline),
    }
}

/// Whether a target was met, when the figures it needs were measured.
fn verdict(measured: bool, met: bool, detail: &str) -> String {
    if !measured {
        return String::new();
    }
    let word = if met { "**met**" } else { "**not met**" };
    if detail.is_empty() {
        word.to_owned()
    } else {
        format!("{word}: {detail}")
    }
}

fn held_note(step: &MemoryStep) -> String {
    if step.held == step.target {
        String::new()
    } else {
        format!(", only {} open", thousands(step.held))
    }
}

fn kib(value: f64) -> String {
    if value >= 1024.0 {
        format!("{:.2} MiB", value / 1024.0)
    } else {
        format!("{value:.0} KiB")
    }
}

fn total(memory: &Memory) -> String {
    format!(
        "{} ({}), {}",
        kib(memory.pss_kib as f64),
        kib(memory.rss_kib as f64),
        thousands(memory.processes)
    )
}

fn thousands(value: usize) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(f64::MIN_POSITIVE)
}

fn spread(times: &[Duration]) -> String {
    match (times.iter().min(), times.iter().max()) {
        (Some(min), Some(max)) => format!("{} ({} to {})", ms(median(times)), ms(*min), ms(*max)),
        _ => "none".into(),
    }
}

fn latencies(latencies: &Latencies) -> String {
    let times = &latencies.times;
    let mut text = format!(
        "{} / {} ({}), {} keys",
        ms(percentile(times, 0.5)),
        ms(percentile(times, 0.99)),
        ms(times.iter().max().copied().unwrap_or_default()),
        thousands(times.len())
    );
    if !times.is_empty() {
        // Clock ticks are hundredths of a second on Linux.
        let keys = times.len() as f64;
        text.push_str(&format!(
            "; CPU a key: server {:.2} ms, client {:.2} ms; {:.1} SSH messages a frame",
            latencies.ticks as f64 * 10.0 / keys,
            latencies.client_ticks as f64 * 10.0 / keys,
            latencies.outputs as f64 / keys,
        ));
    }
    if latencies.missed > 0 {
        text.push_str(&format!(", {} missed", thousands(latencies.missed)));
    }
    text
}

fn median(times: &[Duration]) -> Duration {
    percentile(times, 0.5)
}

/// The nearest-rank percentile: the smallest time at least `share` of the times are at or under.
pub fn percentile(times: &[Duration], share: f64) -> Duration {
    if times.is_empty() {
        return Duration::ZERO;
    }
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    let rank = (share * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
