//! What a server costs, read from /proc: its process tree, the memory of that tree (PSS, which
//! shares each page among the processes mapping it, and RSS), and its CPU time in clock ticks.

use std::collections::HashMap;
use std::fs;

/// A process and all its descendants, the root first.
pub fn tree(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (pid, parent) in parents() {
        children.entry(parent).or_default().push(pid);
    }
    let mut found = vec![root];
    let mut next = 0;
    while next < found.len() {
        if let Some(kids) = children.get(&found[next]) {
            found.extend(kids);
        }
        next += 1;
    }
    found
}

/// Every process's id and its parent's.
fn parents() -> Vec<(u32, u32)> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, stat_fields(pid)?.get(1)?.parse().ok()?)))
        .collect()
}

/// The fields of /proc/PID/stat after the command name, which may hold spaces and parentheses:
/// state, ppid, ... (so field N of proc(5) is at index N - 3).
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    Some(after_name.split_whitespace().map(str::to_owned).collect())
}

/// Reaps this process's children that have exited and that it did not start: the apps of sshd's
/// sessions, handed to it (a child subreaper) when their sshd process ended first. Returns how
/// many such children are still running.
pub fn reap_orphans(started: &[u32]) -> usize {
    let me = std::process::id();
    let mut running = 0;
    for (pid, parent) in parents() {
        if parent != me || started.contains(&pid) {
            continue;
        }
        if stat_fields(pid).is_some_and(|fields| fields[0] == "Z") {
            // SAFETY: waitpid on a child that has exited, with a null status pointer.
            unsafe { libc::waitpid(pid as i32, std::ptr::null_mut(), libc::WNOHANG) };
        } else {
            running += 1;
        }
    }
    running
}

/// Memory in KiB, summed over processes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Memory {
    pub pss_kib: u64,
    pub rss_kib: u64,
    pub processes: usize,
}

pub fn memory(pids: &[u32]) -> Memory {
    let mut total = Memory::default();
    for &pid in pids {
        let Ok(rollup) = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        total.pss_kib += field_kib(&rollup, "Pss:");
        total.rss_kib += field_kib(&rollup, "Rss:");
        total.processes += 1;
    }
    total
}

fn field_kib(rollup: &str, name: &str) -> u64 {
    rollup
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// User plus system CPU time of each process, in clock ticks.
pub fn ticks(pids: &[u32]) -> HashMap<u32, u64> {
    pids.iter()
        .filter_map(|&pid| {
            let fields = stat_fields(pid)?;
            // utime and stime are fields 14 and 15 of proc(5).
            let user: u64 = fields.get(11)?.parse().ok()?;
            let system: u64 = fields.get(12)?.parse().ok()?;
            Some((pid, user + system))
        })
        .collect()
}

/// The ticks spent between two readings by the processes present in both.
pub fn ticks_between(before: &HashMap<u32, u64>, after: &HashMap<u32, u64>) -> u64 {
    after
        .iter()
        .filter_map(|(pid, late)| Some(late.saturating_sub(*before.get(pid)?)))
        .sum()
}

/// A line of /proc/meminfo ("MemAvailable:"), in KiB.
pub fn meminfo_kib(name: &str) -> u64 {
    fs::read_to_string("/proc/meminfo")
        .map(|info| field_kib(&info, name))
        .unwrap_or(0)
}
