//! `nhs-values serve` end to end: the binary, its start-up checks and its log, and a session
//! through the real OpenSSH client in a pseudo-terminal (skipped, saying why, where `ssh` is not
//! installed). The in-process tests of the server are in `src/serve/tests.rs`.

mod common;

use common::Sandbox;

#[test]
fn a_bad_authorized_keys_line_is_reported_with_its_number_before_anything_listens() {
    let sandbox = Sandbox::new();
    let keys = sandbox.file("keys", "# staff\nssh-ed25519 AAAAnot-a-key\n");
    let key = sandbox.path().join("host_key");
    let output = sandbox.run(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--host-key",
        key.to_str().unwrap(),
        "--authorized-keys",
        keys.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains("keys:2: the ssh-ed25519 key cannot be read"),
        "{stderr}"
    );
    assert!(!stderr.contains("listening"), "{stderr}");
}

#[test]
fn limits_must_be_numbers_and_durations_of_more_than_nothing() {
    let sandbox = Sandbox::new();
    for args in [
        ["--max-sessions", "0"],
        ["--max-per-address", "many"],
        ["--idle-timeout", "0s"],
        ["--idle-timeout", "soon"],
    ] {
        let output = sandbox.run(&["serve", args[0], args[1]]);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(args[0]), "{args:?}: {stderr}");
    }
}

/// The real OpenSSH client, in a pseudo-terminal: Unix only, where the raw bytes in the
/// terminal are the program's (see `common::pty`).
#[cfg(unix)]
mod openssh {
    use std::io::{BufRead, BufReader};
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc::{self, Receiver};
    use std::thread;
    use std::time::{Duration, Instant};

    use super::common::Sandbox;
    use super::common::pty::{self, Tui};

    const WAIT: Duration = Duration::from_secs(20);

    /// The server, started as an administrator would, with its log read line by line.
    struct Served {
        child: Child,
        log: Receiver<String>,
        lines: Vec<String>,
        port: u16,
    }

    impl Served {
        fn start(sandbox: &Sandbox) -> Served {
            Served::start_with_files(sandbox, None)
        }

        /// The server, allowed at most `files` open files when given.
        fn start_with_files(sandbox: &Sandbox, files: Option<u32>) -> Served {
            let key = sandbox.path().join("state").join("host_key");
            let direct = sandbox.command();
            let mut command = match files {
                None => direct,
                Some(files) => {
                    let mut limited = Command::new("sh");
                    limited
                        .arg("-c")
                        .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
                        .arg(direct.get_program())
                        .current_dir(sandbox.path());
                    for (name, value) in direct.get_envs() {
                        match value {
                            Some(value) => limited.env(name, value),
                            None => limited.env_remove(name),
                        };
                    }
                    limited
                }
            };
            let mut child = command
                .args(["serve", "--listen", "127.0.0.1:0", "--host-key"])
                .arg(key)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start the server");
            let stderr = child.stderr.take().expect("the server's log");
            let (sender, log) = mpsc::channel();
            thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
            let mut served = Served {
                child,
                log,
                lines: Vec::new(),
                port: 0,
            };
            let listening = served.wait_for_line("the address").to_owned();
            let address = listening
                .rsplit("listening on ")
                .next()
                .expect("the line names the address");
            served.port = address.rsplit(':').next().unwrap().parse().unwrap();
            served
        }

        /// Reads the log until a line holds `text`.
        fn wait_for_line(&mut self, text: &str) -> &str {
            let deadline = Instant::now() + WAIT;
            let wanted = if text == "the address" {
                "listening on "
            } else {
                text
            };
            while !self.lines.iter().any(|line| line.contains(wanted)) {
                let left = deadline.saturating_duration_since(Instant::now());
                match self.log.recv_timeout(left) {
                    Ok(line) => self.lines.push(line),
                    Err(_) => panic!("the log never said {text:?}:\n{}", self.lines.join("\n")),
                }
            }
            self.lines
                .iter()
                .find(|line| line.contains(wanted))
                .expect("found above")
        }

        fn wait_exit(&mut self) -> Option<i32> {
            let deadline = Instant::now() + WAIT;
            loop {
                if let Some(status) = self.child.try_wait().unwrap() {
                    return status.code();
                }
                assert!(Instant::now() < deadline, "the server did not stop");
                thread::sleep(Duration::from_millis(20));
            }
        }
    }

    impl Drop for Served {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    fn ssh_installed() -> bool {
        match Command::new("ssh").arg("-V").output() {
            Ok(_) => true,
            Err(error) => {
                eprintln!("skipped: the OpenSSH client (ssh) cannot run here: {error}");
                false
            }
        }
    }

    fn ssh(port: u16) -> Command {
        let mut command = Command::new("ssh");
        command.args([
            "-p",
            &port.to_string(),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
            "-F",
            "/dev/null",
        ]);
        command
    }

    /// OpenSSH's own client, in a terminal: the first frame, a key, a link shown rather than
    /// opened, a command refused; then SIGTERM gives the terminal back with a line saying why,
    /// and the server exits 0 having logged the session's start and end.
    #[test]
    fn openssh_gets_the_screen_and_sigterm_gives_its_terminal_back() {
        if !ssh_installed() {
            return;
        }
        let sandbox = Sandbox::new();
        let mut served = Served::start(&sandbox);
        assert!(
            served
                .wait_for_line("host key: 256 SHA256:")
                .ends_with(" (ED25519)")
        );
        served.wait_for_line("who may log in: anyone");

        let mut command = ssh(served.port);
        command.args(["-tt", "127.0.0.1"]);
        let mut client = Tui::spawn(command);
        client.wait_for("Working together for patients");
        client.send("j");
        client.wait_for("Value 2 of 6");
        client.send("\r");
        client.wait_for("https://www.youtube.com/watch?v=ri-ty0j2ojs");
        assert!(
            sandbox.recorded().is_none(),
            "nothing is opened on the server"
        );
        served.wait_for_line("session started peer=127.0.0.1:");

        let refused = ssh(served.port)
            .args(["127.0.0.1", "ls"])
            .stdin(Stdio::null())
            .output()
            .expect("run ssh");
        assert_eq!(refused.status.code(), Some(255));
        let told = String::from_utf8_lossy(&refused.stderr);
        assert!(told.contains("exec request failed"), "{told}");

        let pid = libc::pid_t::try_from(served.child.id()).unwrap();
        // SAFETY: kill has no memory-safety preconditions; the server is not yet reaped.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
        let exit = client.wait_exit();
        assert_eq!(exit.code(), Some(0));
        let raw = client.raw();
        let left = pty::last(&raw, pty::LEAVE_ALTERNATE_SCREEN).expect("the alternate screen left");
        let shown = pty::last(&raw, pty::SHOW_CURSOR).expect("the cursor shown");
        let said = pty::last(&raw, "the service is stopping").expect("the reason given");
        assert!(left < said && shown < said, "{}", pty::printable(&raw));
        assert_eq!(served.wait_exit(), Some(0));
        served.wait_for_line("reason=\"the service is stopping\"");
    }

    /// Out of file descriptors, accepting fails; the server says so and goes on, and once
    /// descriptors are free again it answers the next connection.
    #[test]
    fn an_accept_error_does_not_stop_the_server() {
        use std::io::Read;
        use std::net::TcpStream;

        let sandbox = Sandbox::new();
        let mut served = Served::start_with_files(&sandbox, Some(64));
        let address = format!("127.0.0.1:{}", served.port);
        let held: Vec<TcpStream> = (0..100)
            .map_while(|_| TcpStream::connect(&address).ok())
            .collect();
        served.wait_for_line("cannot accept a connection");
        drop(held);
        let deadline = Instant::now() + WAIT;
        let greeting = loop {
            assert!(Instant::now() < deadline, "the server stopped answering");
            let Ok(mut stream) = TcpStream::connect(&address) else {
                thread::sleep(Duration::from_millis(100));
                continue;
            };
            stream
                .set_read_timeout(Some(Duration::from_secs(2)))
                .unwrap();
            let mut greeting = [0u8; 18];
            if stream.read_exact(&mut greeting).is_ok() {
                break greeting;
            }
        };
        assert_eq!(&greeting, b"SSH-2.0-nhs-values");
        assert_eq!(
            served.child.try_wait().unwrap(),
            None,
            "the server is running"
        );
    }
}
