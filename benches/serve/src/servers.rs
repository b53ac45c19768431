//! The two servers under test, each a child process on a loopback port that is stopped, with
//! everything it started, when its `Server` is dropped: on success, on error and on Ctrl-C.

use std::fs;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::procs;

const SSHD: &str = "/usr/sbin/sshd";

/// The servers this process started, which `procs::reap_orphans` leaves to their `Server`.
static STARTED: Mutex<Vec<u32>> = Mutex::new(Vec::new());

pub struct Server {
    pub name: &'static str,
    pub addr: SocketAddr,
    child: Child,
    log: PathBuf,
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server and every process it started (for sshd: each connection's sshd processes
    /// and the nhs-values they run).
    pub fn processes(&self) -> Vec<u32> {
        procs::tree(self.pid())
    }

    /// The last lines of what the server wrote to stderr, for an error message.
    pub fn log_tail(&self) -> String {
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(10)..].join("\n")
    }

    /// Waits, a bounded time, until the server takes connections.
    fn wait_until_listening(mut self) -> Result<Self> {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                bail!("{} exited ({status}):\n{}", self.name, self.log_tail());
            }
            if TcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok() {
                return Ok(self);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!(
            "{} did not listen on {} within 20 s:\n{}",
            self.name,
            self.addr,
            self.log_tail()
        )
    }

    /// Waits, a bounded time, until the server's tree is down to `processes` processes (sshd
    /// ends a connection's processes a moment after the client has gone) and the apps that
    /// sshd's sessions left to this process have ended too, so that the next measurement does
    /// not share the machine with their exits.
    pub async fn settle(&self, processes: usize) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let orphans = procs::reap_orphans(&STARTED.lock().expect("no panic holds the lock"));
            if (self.processes().len() <= processes && orphans == 0) || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Collected before the first signal: once a parent is gone its children are no longer
        // found under it.
        let tree = self.processes();
        signal(&tree, libc::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && tree.iter().any(|&pid| alive(pid)) {
            let _ = self.child.try_wait();
            std::thread::sleep(Duration::from_millis(50));
        }
        signal(&tree, libc::SIGKILL);
        let _ = self.child.wait();
    }
}

fn signal(pids: &[u32], signal: i32) {
    for &pid in pids {
        // SAFETY: kill has no memory effects; a pid that has gone is an ignored error.
        unsafe { libc::kill(pid as i32, signal) };
    }
}

fn alive(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

/// A port on 127.0.0.1 that nothing listens on now.
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

fn spawn(
    name: &'static str,
    command: &mut Command,
    log: PathBuf,
    addr: SocketAddr,
) -> Result<Server> {
    let stderr = fs::File::create(&log)?;
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .with_context(|| format!("cannot start {name}"))?;
    STARTED
        .lock()
        .expect("no panic holds the lock")
        .push(child.id());
    Server {
        name,
        addr,
        child,
        log,
    }
    .wait_until_listening()
}

/// `nhs-values serve` on a free loopback port, with `authorized_keys` and the values file.
pub fn start_serve(
    binary: &Path,
    dir: &Path,
    values: &Path,
    authorized_keys: &Path,
    extra: &[String],
) -> Result<Server> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, free_port()?));
    let mut command = Command::new(binary);
    command
        .env_remove("NHS_VALUES_FILE")
        .env_remove("NHS_VALUES_CONFIG")
        .arg("--file")
        .arg(values)
        .arg("serve")
        .arg("--listen")
        .arg(addr.to_string())
        .arg("--host-key")
        .arg(dir.join("serve_host_key"))
        .arg("--authorized-keys")
        .arg(authorized_keys)
        .args(extra);
    spawn(
        "nhs-values serve",
        &mut command,
        dir.join("serve.log"),
        addr,
    )
}

/// A private sshd on a free loopback port: its own config, host key and pid file in `dir`,
/// only the bench's key let in, and every login running `binary --file values`.
pub fn start_sshd(
    binary: &Path,
    dir: &Path,
    values: &Path,
    authorized_keys: &Path,
) -> Result<Server> {
    install_sshd()?;
    // sshd insists on its privilege separation folder, which the package's service makes.
    fs::create_dir_all("/run/sshd")?;
    fs::set_permissions("/run/sshd", fs::Permissions::from_mode(0o755))?;
    let host_key = dir.join("ssh_host_ed25519_key");
    run(Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&host_key))?;
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, free_port()?));
    let user = current_user()?;
    let config = dir.join("sshd_config");
    fs::write(
        &config,
        format!(
            "# What an administrator would write for a ForceCommand service, on a private port.\n\
             ListenAddress {addr}\n\
             HostKey {host_key}\n\
             PidFile {pid}\n\
             AuthorizedKeysFile {authorized_keys}\n\
             # The bench's temporary folder is not root's 0755 path that StrictModes wants.\n\
             StrictModes no\n\
             # PAM's session modules would add work to every login; without them sshd does less.\n\
             UsePAM no\n\
             AuthenticationMethods publickey\n\
             PasswordAuthentication no\n\
             KbdInteractiveAuthentication no\n\
             PermitRootLogin prohibit-password\n\
             AllowUsers {user}\n\
             DisableForwarding yes\n\
             PermitTunnel no\n\
             PermitUserRC no\n\
             PermitUserEnvironment no\n\
             PrintMotd no\n\
             PrintLastLog no\n\
             UseDNS no\n\
             # The bench opens up to 16 connections at once; the default 10:30:100 drops some.\n\
             MaxStartups 200\n\
             MaxSessions 1\n\
             LogLevel ERROR\n\
             ForceCommand {binary} --file {values}\n",
            host_key = host_key.display(),
            pid = dir.join("sshd.pid").display(),
            authorized_keys = authorized_keys.display(),
            binary = binary.display(),
            values = values.display(),
        ),
    )?;
    run(Command::new(SSHD).arg("-t").arg("-f").arg(&config))
        .context("sshd refuses the bench's config")?;
    let mut command = Command::new(SSHD);
    command.args(["-D", "-e", "-f"]).arg(&config);
    spawn("sshd", &mut command, dir.join("sshd.log"), addr)
}

/// The openssh-server package, installed with apt-get when sshd is missing. Its service is kept
/// from starting (a policy-rc.d that says no, as container images have), so that nothing is left
/// listening on port 22.
pub fn install_sshd() -> Result<()> {
    if Path::new(SSHD).exists() {
        return Ok(());
    }
    eprintln!("sshd is missing: installing openssh-server with apt-get");
    let policy = Path::new("/usr/sbin/policy-rc.d");
    let _policy = if policy.exists() {
        None
    } else {
        let mut file = fs::File::create(policy)?;
        file.write_all(
            b"#!/bin/sh\n# left by benches/serve while it installs openssh-server\nexit 101\n",
        )?;
        fs::set_permissions(policy, fs::Permissions::from_mode(0o755))?;
        Some(RemoveOnDrop(policy.to_owned()))
    };
    let install = || {
        run(Command::new("apt-get")
            .args([
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "openssh-server",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"))
    };
    if install().is_err() {
        run(Command::new("apt-get").args(["update", "-q"]))?;
        install()?;
    }
    if !Path::new(SSHD).exists() {
        bail!("openssh-server is installed but {SSHD} is not there");
    }
    Ok(())
}

/// Room for `needed` inotify instances per user while it is held, the old limit put back
/// after. Each of sshd's sessions runs its own app, which watches the values file with an
/// inotify instance of its own; past Linux's default of 128 per user, an app starts without
/// live reload and says so on its status line (so its screen is not the one expected).
pub struct InotifyRoom {
    old: Option<u64>,
}

const INOTIFY_INSTANCES: &str = "/proc/sys/fs/inotify/max_user_instances";

impl InotifyRoom {
    pub fn new(needed: u64) -> Result<(Self, Option<u64>)> {
        let old: u64 = fs::read_to_string(INOTIFY_INSTANCES)?.trim().parse()?;
        if old >= needed {
            return Ok((Self { old: None }, None));
        }
        fs::write(INOTIFY_INSTANCES, needed.to_string())
            .with_context(|| format!("cannot raise {INOTIFY_INSTANCES} from {old} to {needed}"))?;
        Ok((Self { old: Some(old) }, Some(old)))
    }
}

impl Drop for InotifyRoom {
    fn drop(&mut self) {
        if let Some(old) = self.old {
            let _ = fs::write(INOTIFY_INSTANCES, old.to_string());
        }
    }
}

struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

pub fn run(command: &mut Command) -> Result<()> {
    let output = command
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !output.status.success() {
        bail!(
            "{command:?} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

pub fn current_user() -> Result<String> {
    let output = Command::new("id").arg("-un").output()?;
    Ok(String::from_utf8(output.stdout)?.trim().to_owned())
}
