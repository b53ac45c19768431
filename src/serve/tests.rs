//! The server in-process on a loopback port, driven by russh's own client: each test's client
//! reads what it is sent through `vt100`, as a terminal would show it. Every wait is bounded.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::client::{self, Msg};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{Channel, ChannelMsg};
use tokio::sync::{oneshot, watch};
use tokio::task::JoinHandle;
use tokio::time::{Instant, timeout};

use super::*;
use crate::config::Settings;
use crate::values;

/// The longest any one wait in these tests takes before it fails.
const WAIT: Duration = Duration::from_secs(20);

const FIRST_VALUE: &str = "Working together for patients";

fn service() -> Service {
    let settings = Settings::default();
    Service {
        document: values::builtin().expect("the built-in values are valid"),
        keys: settings.keys,
        text_width: settings.text_width,
        theme: ThemeName::Default,
        watch: None,
    }
}

/// A server running on a loopback port until stopped or dropped.
struct TestServer {
    address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    sessions: watch::Receiver<usize>,
    _dir: tempfile::TempDir,
}

struct Setup {
    service: Service,
    authorized_keys: Option<AuthorizedKeys>,
    limits: Limits,
    panic_on: Option<char>,
}

impl Default for Setup {
    fn default() -> Setup {
        Setup {
            service: service(),
            authorized_keys: None,
            limits: Limits::default(),
            panic_on: None,
        }
    }
}

async fn start(setup: Setup) -> TestServer {
    #[cfg(windows)]
    ansi_everywhere();
    let dir = tempfile::tempdir().unwrap();
    let host_key = load_or_create(&dir.path().join("host_key")).unwrap();
    let options = Options {
        listen: "127.0.0.1:0".parse().unwrap(),
        host_key,
        authorized_keys: setup.authorized_keys,
        limits: setup.limits,
    };
    let mut server = Server::bind(setup.service, options).await.unwrap();
    if let Some(key) = setup.panic_on {
        server = server.panic_on(key);
    }
    let address = server.local_addr().unwrap();
    let sessions = server.sessions();
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    TestServer {
        address,
        stop: Some(stop),
        task,
        sessions,
        _dir: dir,
    }
}

impl TestServer {
    /// Stops the server and waits for it to finish.
    async fn stop(mut self) {
        let _ = self.stop.take().expect("stopped once").send(());
        timeout(WAIT, &mut self.task)
            .await
            .expect("the server stops in time")
            .unwrap();
    }

    async fn wait_for_sessions(&mut self, what: &str, count: usize) {
        timeout(WAIT, self.sessions.wait_for(|running| *running == count))
            .await
            .unwrap_or_else(|_| panic!("{what}: {count} sessions expected"))
            .unwrap();
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The client side: accepts any host key, keeps the banner it is shown.
#[derive(Clone, Default)]
struct Recorder {
    banner: Arc<Mutex<String>>,
}

impl client::Handler for Recorder {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }

    async fn auth_banner(
        &mut self,
        banner: &str,
        _: &mut client::Session,
    ) -> Result<(), Self::Error> {
        self.banner.lock().unwrap().push_str(banner);
        Ok(())
    }
}

async fn connect(address: SocketAddr) -> (client::Handle<Recorder>, Recorder) {
    let recorder = Recorder::default();
    let config = Arc::new(client::Config::default());
    let handle = timeout(WAIT, client::connect(config, address, recorder.clone()))
        .await
        .expect("connected in time")
        .expect("connected");
    (handle, recorder)
}

fn client_key() -> PrivateKey {
    let seed = [7u8; 32];
    PrivateKey::new(
        russh::keys::ssh_key::private::KeypairData::Ed25519(
            russh::keys::ssh_key::private::Ed25519Keypair::from_seed(&seed),
        ),
        "test",
    )
    .unwrap()
}

fn other_key() -> PrivateKey {
    PrivateKey::new(
        russh::keys::ssh_key::private::KeypairData::Ed25519(
            russh::keys::ssh_key::private::Ed25519Keypair::from_seed(&[9u8; 32]),
        ),
        "other",
    )
    .unwrap()
}

fn nonzero(value: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(value).expect("a size is never 0")
}

/// A session channel and what the client's terminal shows of it.
struct Term {
    _handle: client::Handle<Recorder>,
    channel: Channel<Msg>,
    parser: vt100::Parser,
    raw: Vec<u8>,
    exit: Option<u32>,
    failures: usize,
    closed: bool,
}

impl Term {
    /// Logs in without a key and asks for a terminal of `size` (none: no terminal) and a shell.
    async fn open(address: SocketAddr, size: Option<(u32, u32)>) -> Term {
        let (mut handle, _) = connect(address).await;
        let auth = handle.authenticate_none("anyone").await.unwrap();
        assert!(auth.success(), "logging in without a key");
        Term::start(handle, size).await
    }

    async fn start(handle: client::Handle<Recorder>, size: Option<(u32, u32)>) -> Term {
        let channel = handle.channel_open_session().await.unwrap();
        let (rows, columns) = match size {
            Some((columns, rows)) => {
                channel
                    .request_pty(true, "xterm-256color", columns, rows, 0, 0, &[])
                    .await
                    .unwrap();
                let (width, height) = clamp_size(columns, rows);
                (height, width)
            }
            None => (24, 80),
        };
        channel.request_shell(true).await.unwrap();
        Term {
            _handle: handle,
            channel,
            parser: vt100::Parser::new(nonzero(rows), nonzero(columns), 0),
            raw: Vec::new(),
            exit: None,
            failures: 0,
            closed: false,
        }
    }

    /// Takes one message from the channel; false when there is none to take in time.
    async fn next(&mut self, wait: Duration) -> bool {
        let Ok(message) = timeout(wait, self.channel.wait()).await else {
            return false;
        };
        match message {
            Some(ChannelMsg::Data { data }) => {
                self.parser.process(&data);
                self.raw.extend_from_slice(&data);
            }
            Some(ChannelMsg::ExitStatus { exit_status }) => self.exit = Some(exit_status),
            Some(ChannelMsg::Failure) => self.failures += 1,
            Some(ChannelMsg::Close) | None => self.closed = true,
            Some(_) => {}
        }
        !self.closed
    }

    /// Reads until `done` holds, failing after the longest wait.
    async fn until(&mut self, what: &str, done: impl Fn(&Term) -> bool) {
        let deadline = Instant::now() + WAIT;
        while !done(self) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || (!self.next(left).await && !done(self)) {
                let raw = String::from_utf8_lossy(&self.raw);
                let tail: String = raw.chars().rev().take(300).collect();
                panic!(
                    "{what} did not happen (exit {:?}, closed {}); the screen shows:\n{}\nthe last bytes were (reversed) {tail:?}",
                    self.exit,
                    self.closed,
                    self.contents()
                );
            }
        }
    }

    fn contents(&self) -> String {
        self.parser.screen().contents()
    }

    async fn first_frame(&mut self) {
        self.until("the first frame", |term| {
            term.contents().contains(FIRST_VALUE)
        })
        .await;
    }

    async fn send(&self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.unwrap();
    }

    /// Reads to the end of the session.
    async fn until_closed(&mut self, what: &str) {
        self.until(what, |term| term.closed).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anyone_logs_in_with_or_without_a_key_and_sees_the_first_frame() {
    let server = start(Setup::default()).await;
    let mut without = Term::open(server.address, Some((80, 24))).await;
    without.first_frame().await;
    assert!(without.raw.windows(8).any(|bytes| bytes == b"\x1b[?1049h"));

    let (mut handle, _) = connect(server.address).await;
    let key = PrivateKeyWithHashAlg::new(Arc::new(client_key()), None);
    let auth = handle.authenticate_publickey("someone", key).await.unwrap();
    assert!(auth.success(), "logging in with a key");
    let mut with = Term::start(handle, Some((80, 24))).await;
    with.first_frame().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_work_whole_several_to_a_packet_and_split_over_packets() {
    // A split escape sequence waits this long for its rest, which is more than a busy test
    // machine may take between two packets.
    let server = start(Setup {
        limits: Limits {
            escape_wait: Duration::from_secs(2),
            ..Limits::default()
        },
        ..Setup::default()
    })
    .await;
    // The third value, chosen by its number: the screen the other ways must reach.
    let mut by_number = Term::open(server.address, Some((80, 24))).await;
    by_number.first_frame().await;
    let start = by_number.contents();
    by_number.send(b"3").await;
    by_number
        .until("the third value selected", |term| term.contents() != start)
        .await;
    let expected = by_number.contents();

    let ways: [&[&[u8]]; 3] = [&[b"jj"], &[b"\x1b[B\x1b[B"], &[b"j", b"\x1b", b"[", b"B"]];
    for packets in ways {
        let mut term = Term::open(server.address, Some((80, 24))).await;
        term.first_frame().await;
        for packet in packets {
            term.send(packet).await;
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        term.until(&format!("{packets:?} reaching the third value"), |term| {
            term.contents() == expected
        })
        .await;
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resize_redraws_at_the_new_size() {
    let server = start(Setup::default()).await;
    let mut term = Term::open(server.address, Some((80, 24))).await;
    term.first_frame().await;
    term.channel.window_change(120, 36, 0, 0).await.unwrap();
    term.parser.screen_mut().set_size(nonzero(36), nonzero(120));
    term.until("a frame 120 columns wide", |term| {
        let screen = term.parser.screen();
        screen
            .rows(0, 120)
            .any(|row| row.trim_end().chars().count() > 100)
            && screen.contents().contains(FIRST_VALUE)
    })
    .await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sizes_are_clamped_to_what_the_server_draws() {
    let server = start(Setup::default()).await;
    // 0x0 is drawn at 80x24: the last row drawn is row 24.
    let mut zero = Term::open(server.address, Some((0, 0))).await;
    zero.first_frame().await;
    zero.until("the footer on row 24", |term| {
        term.parser
            .screen()
            .rows(0, 80)
            .nth(23)
            .is_some_and(|row| row.contains("quit"))
    })
    .await;
    // 65535x65535 is drawn at 500x200.
    let mut huge = Term::open(server.address, Some((65535, 65535))).await;
    huge.first_frame().await;
    huge.until("the footer on row 200", |term| {
        let screen = term.parser.screen();
        screen.size() == (nonzero(MAX_ROWS), nonzero(MAX_COLUMNS))
            && screen
                .rows(0, MAX_COLUMNS)
                .nth(199)
                .is_some_and(|row| row.contains("quit"))
    })
    .await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_terminal_the_client_is_told_in_one_line_and_exits_1() {
    let server = start(Setup::default()).await;
    let mut term = Term::open(server.address, None).await;
    term.until_closed("the session closing").await;
    assert_eq!(
        String::from_utf8_lossy(&term.raw),
        "nhs-values needs an interactive terminal: connect with ssh -t\r\n"
    );
    assert_eq!(term.exit, Some(1));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_subsystems_forwarding_x11_and_the_agent_are_refused() {
    let server = start(Setup::default()).await;

    let (mut handle, _) = connect(server.address).await;
    assert!(handle.authenticate_none("x").await.unwrap().success());
    let mut exec = handle.channel_open_session().await.unwrap();
    exec.exec(true, "ls").await.unwrap();
    assert!(matches!(
        timeout(WAIT, exec.wait()).await.unwrap(),
        Some(ChannelMsg::Failure)
    ));
    // One session per connection: a second is not opened.
    assert!(handle.channel_open_session().await.is_err());

    let (mut handle, _) = connect(server.address).await;
    assert!(handle.authenticate_none("x").await.unwrap().success());
    let mut channel = handle.channel_open_session().await.unwrap();
    channel
        .request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00", 0)
        .await
        .unwrap();
    channel.agent_forward(true).await.unwrap();
    channel.request_subsystem(true, "sftp").await.unwrap();
    let mut failures = 0;
    while failures < 3 {
        match timeout(WAIT, channel.wait()).await.unwrap() {
            Some(ChannelMsg::Failure) => failures += 1,
            Some(ChannelMsg::Success) => panic!("a request was granted"),
            Some(_) => {}
            None => break,
        }
    }
    assert_eq!(
        failures, 3,
        "x11, the agent and the subsystem are each refused"
    );
    assert!(
        handle.tcpip_forward("127.0.0.1", 0).await.is_err(),
        "-R is refused"
    );
    assert!(
        handle
            .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000)
            .await
            .is_err(),
        "-L and -W are refused"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unterminated_escape_and_a_flood_do_not_hold_back_the_keys_after_them() {
    let server = start(Setup::default()).await;
    let mut term = Term::open(server.address, Some((80, 24))).await;
    term.first_frame().await;
    // A paste that never ends, then far more input than is ever kept waiting, then a key.
    let start = term.contents();
    term.send(b"\x1b[200~").await;
    let flood = vec![b'x'; 4 * Limits::default().pending_input];
    for chunk in flood.chunks(32 * 1024) {
        term.send(chunk).await;
    }
    term.send(b"3").await;
    term.until("the key after the flood", |term| term.contents() != start)
        .await;
    // The start of a sequence that never ends, then, after the escape wait, a key.
    term.send(b"\x1b[").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    term.send(b"q").await;
    term.until_closed("q quitting after the flood").await;
    assert_eq!(term.exit, Some(0));
    let restored = String::from_utf8_lossy(&term.raw);
    assert!(restored.ends_with("\x1b[?1049l\x1b[?25h"), "{restored:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped_and_others_go_on() {
    let mut server = start(Setup {
        limits: Limits {
            stalled_output: Duration::from_secs(2),
            ..Limits::default()
        },
        ..Setup::default()
    })
    .await;
    let mut stalled = Term::open(server.address, Some((500, 200))).await;
    stalled.first_frame().await;
    // Ask for full frames until the client, which reads nothing now, can take no more.
    for round in 0..2000u32 {
        let columns = 400 + round % 100;
        let asked = timeout(
            Duration::from_millis(500),
            stalled.channel.window_change(columns, 200, 0, 0),
        );
        if asked.await.is_err() {
            break;
        }
    }
    let mut other = Term::open(server.address, Some((80, 24))).await;
    other.first_frame().await;
    for key in [b"3", b"1"] {
        let before = other.contents();
        other.send(key).await;
        other
            .until("the other session answering", |term| {
                term.contents() != before
            })
            .await;
    }
    server
        .wait_for_sessions("the stalled session dropped, the other going on", 1)
        .await;
    other.send(b"q").await;
    other.until_closed("the other session quitting").await;
    assert_eq!(other.exit, Some(0));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_sessions_at_once() {
    let mut server = start(Setup {
        limits: Limits {
            max_per_address: 50,
            ..Limits::default()
        },
        ..Setup::default()
    })
    .await;
    let address = server.address;
    let mut terms = Vec::new();
    let opening: Vec<_> = (0..50)
        .map(|_| {
            tokio::spawn(async move {
                let mut term = Term::open(address, Some((80, 24))).await;
                term.first_frame().await;
                term
            })
        })
        .collect();
    for task in opening {
        terms.push(task.await.unwrap());
    }
    server.wait_for_sessions("all fifty running", 50).await;
    let closing: Vec<_> = terms
        .into_iter()
        .map(|mut term| {
            tokio::spawn(async move {
                term.send(b"q").await;
                term.until_closed("quitting").await;
                term.exit
            })
        })
        .collect();
    for task in closing {
        assert_eq!(task.await.unwrap(), Some(0));
    }
    server.wait_for_sessions("all fifty ended", 0).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_over_a_limit_is_told_why() {
    let server = start(Setup {
        limits: Limits {
            max_per_address: 1,
            ..Limits::default()
        },
        ..Setup::default()
    })
    .await;
    let mut first = Term::open(server.address, Some((80, 24))).await;
    first.first_frame().await;
    let (mut handle, recorder) = connect(server.address).await;
    let auth = handle.authenticate_none("x").await.unwrap();
    assert!(!auth.success());
    assert_eq!(
        recorder.banner.lock().unwrap().as_str(),
        "nhs-values: too many sessions from your address (1 at once); close one and try again\r\n"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorized_keys_let_one_key_in_and_keep_others_out() {
    let allowed = client_key().public_key().to_openssh().unwrap();
    let server = start(Setup {
        authorized_keys: Some(AuthorizedKeys::parse(&allowed, "authorized_keys").unwrap()),
        ..Setup::default()
    })
    .await;
    let (mut handle, _) = connect(server.address).await;
    assert!(!handle.authenticate_none("x").await.unwrap().success());
    let other = PrivateKeyWithHashAlg::new(Arc::new(other_key()), None);
    assert!(
        !handle
            .authenticate_publickey("x", other)
            .await
            .unwrap()
            .success()
    );
    let key = PrivateKeyWithHashAlg::new(Arc::new(client_key()), None);
    assert!(
        handle
            .authenticate_publickey("x", key)
            .await
            .unwrap()
            .success()
    );
    let mut term = Term::start(handle, Some((80, 24))).await;
    term.first_frame().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_reaches_every_session_and_a_broken_save_shows_the_banner_in_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("values.toml");
    let values = |names: &[&str]| -> String {
        names
            .iter()
            .map(|name| format!("[[values]]\nname = \"{name}\"\ntext = \"About {name}.\"\n"))
            .collect()
    };
    std::fs::write(&path, values(&["Alpha", "Beta"])).unwrap();
    let document = crate::source::load_file(&path).unwrap();
    let service = Service {
        document,
        watch: Some((path.clone(), values_file::stamp(&path))),
        ..service()
    };
    let server = start(Setup {
        service,
        ..Setup::default()
    })
    .await;
    let mut terms = Vec::new();
    for _ in 0..3 {
        let mut term = Term::open(server.address, Some((80, 24))).await;
        term.until("Alpha", |term| term.contents().contains("Alpha"))
            .await;
        terms.push(term);
    }
    std::fs::write(&path, values(&["Alpha", "Gamma"])).unwrap();
    for term in &mut terms {
        term.until("the reload", |term| term.contents().contains("Gamma"))
            .await;
    }
    std::fs::write(&path, values(&["Alpha"]) + "vidoe = 1\n").unwrap();
    for term in &mut terms {
        term.until("the banner", |term| {
            term.contents().contains("unknown key `vidoe`") && term.contents().contains("Gamma")
        })
        .await;
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_ends_only_its_own_session_and_gives_its_terminal_back() {
    let mut server = start(Setup {
        panic_on: Some('!'),
        ..Setup::default()
    })
    .await;
    let mut victim = Term::open(server.address, Some((80, 24))).await;
    victim.first_frame().await;
    let mut other = Term::open(server.address, Some((80, 24))).await;
    other.first_frame().await;
    victim.send(b"!").await;
    victim.until_closed("the panicking session ending").await;
    assert_eq!(victim.exit, Some(1));
    let end = String::from_utf8_lossy(&victim.raw);
    assert!(
        end.ends_with("\x1b[?1049l\x1b[?25hnhs-values: this session stopped on an error\r\n"),
        "{end:?}"
    );
    server
        .wait_for_sessions("the other session going on", 1)
        .await;
    let before = other.contents();
    other.send(b"3").await;
    other
        .until("the other session answering", |term| {
            term.contents() != before
        })
        .await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_gives_every_session_its_terminal_back_and_says_why() {
    let server = start(Setup::default()).await;
    let mut terms = Vec::new();
    for _ in 0..3 {
        let mut term = Term::open(server.address, Some((80, 24))).await;
        term.first_frame().await;
        terms.push(term);
    }
    server.stop().await;
    for term in &mut terms {
        term.until_closed("the session ending").await;
        let end = String::from_utf8_lossy(&term.raw);
        assert!(
            end.ends_with("\x1b[?1049l\x1b[?25hnhs-values: the service is stopping; goodbye\r\n"),
            "{end:?}"
        );
        assert_eq!(term.exit, Some(0));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_is_shown_not_opened_and_copied_through_the_clients_terminal() {
    let server = start(Setup::default()).await;
    let mut term = Term::open(server.address, Some((120, 36))).await;
    term.first_frame().await;
    term.send(b"\r").await;
    let url = "https://www.youtube.com/watch?v=EA5a_1Mw9L4";
    term.until(
        "the QR code overlay with the link, and word of it",
        |term| {
            term.contents().contains(url)
                && term.contents().contains("Esc close")
                && term.contents().contains("on your own device")
        },
    )
    .await;
    let shown = String::from_utf8_lossy(&term.raw).into_owned();
    assert!(
        shown.contains(&format!(";{url}\x1b\\")),
        "the link is an OSC 8 hyperlink"
    );
    term.send(b"y").await;
    term.until("the OSC 52 copy", |term| {
        String::from_utf8_lossy(&term.raw).contains("\x1b]52;c;")
    })
    .await;
    server.stop().await;
}

/// The command line's defaults are the limits' defaults, which README states.
#[test]
fn the_command_lines_defaults_are_the_limits_defaults() {
    use clap::Parser;
    let cli = crate::cli::Cli::parse_from(["nhs-values", "serve"]);
    let Some(crate::cli::Command::Serve(args)) = cli.command else {
        panic!("serve parses");
    };
    let limits = Limits::default();
    assert_eq!(args.max_sessions as usize, limits.max_sessions);
    assert_eq!(args.max_per_address as usize, limits.max_per_address);
    assert_eq!(args.idle_timeout, limits.idle_timeout);
    assert_eq!(args.listen.to_string(), DEFAULT_LISTEN);
    assert!(
        crate::cli::Cli::try_parse_from(["nhs-values", "serve", "--idle-timeout", "0s"]).is_err()
    );
    let cli = crate::cli::Cli::parse_from(["nhs-values", "serve", "--idle-timeout", "1h 30m"]);
    let Some(crate::cli::Command::Serve(args)) = cli.command else {
        panic!("serve parses");
    };
    assert_eq!(args.idle_timeout, Duration::from_secs(90 * 60));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_is_closed_and_told_why() {
    let server = start(Setup {
        limits: Limits {
            idle_timeout: Duration::from_secs(1),
            ..Limits::default()
        },
        ..Setup::default()
    })
    .await;
    let mut term = Term::open(server.address, Some((80, 24))).await;
    term.first_frame().await;
    term.until_closed("the idle session closing").await;
    let end = String::from_utf8_lossy(&term.raw);
    assert!(
        end.ends_with("\x1b[?1049l\x1b[?25hnhs-values: closed after 1s without a key pressed\r\n"),
        "{end:?}"
    );
    assert_eq!(term.exit, Some(1));
    server.stop().await;
}
