//! `nhs-values serve`: the app as an SSH service, the second edge of the loop in `engine`.
//! Each connection gets its own `App` at its own terminal's size, drawn into the connection's
//! channel; one watcher of the values file feeds every session. Tokio, which `russh` runs on,
//! stays inside this module: the local screen never starts a runtime.
//!
//! - `host_key`: the server's Ed25519 key, made on first start;
//! - `authorized`: `--authorized-keys`, the keys let in when it is given;
//! - `limits`: what one client may make the server spend, and the tally of connections;
//! - `handler`: russh's callbacks for one connection: who may log in, what is refused;
//! - `session`: one session's loop, from the client's bytes (`input`) to frames back.

mod authorized;
mod handler;
mod host_key;
mod input;
mod limits;
mod session;
#[cfg(test)]
mod tests;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use russh::MethodKind;
use russh::server::Config;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot, watch};

pub use authorized::AuthorizedKeys;
pub use host_key::{HostKey, default_path as default_host_key_path, load_or_create};
pub use limits::{DEFAULT_SIZE, Limits, MAX_COLUMNS, MAX_ROWS, clamp_size};

use crate::action::Action;
use crate::cli::ThemeName;
use crate::keys::KeyTable;
use crate::values::Document;
use crate::watch as values_file;
use handler::Connection;
use limits::Tally;

/// The address served when `--listen` is not given: this machine only, until an administrator
/// opens it up deliberately.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";

/// How many connections over a limit may be in the middle of being told so at once; past
/// this, a connection over a limit is closed without a word.
const REFUSING_AT_ONCE: usize = 64;

/// How long a connection over a limit has to hear why before it is closed.
const REFUSAL_WINDOW: Duration = Duration::from_secs(10);

/// How long sessions have, once the server is stopping, to give their terminals back.
const STOPPING_WINDOW: Duration = Duration::from_secs(5);

/// What every session shows: the values, the keys and the look.
#[derive(Debug, Clone)]
pub struct Service {
    pub document: Document,
    pub keys: KeyTable,
    pub text_width: usize,
    pub theme: ThemeName,
    /// The values file to watch, with its stamp when read; none for the built-in copy.
    pub watch: Option<(PathBuf, values_file::Stamp)>,
}

/// How the server runs.
pub struct Options {
    pub listen: SocketAddr,
    pub host_key: HostKey,
    /// None lets anyone in, with any key or none.
    pub authorized_keys: Option<AuthorizedKeys>,
    pub limits: Limits,
}

/// The values every session shows now: the last good document, and the problem with the file
/// as last saved, if it is broken.
#[derive(Debug)]
struct Values {
    document: Document,
    problem: Option<String>,
}

/// What every connection's handler and session share.
struct Shared {
    service: Service,
    values: watch::Receiver<Arc<Values>>,
    limits: Limits,
    authorized_keys: Option<AuthorizedKeys>,
    stop: watch::Receiver<bool>,
    /// The sessions running now, which stopping waits for.
    running: watch::Sender<usize>,
    /// Tests only: a session panics on this key, to show that only it ends.
    #[cfg(test)]
    panic_on: Option<char>,
}

/// A server bound to its address, not yet accepting.
pub struct Server {
    listener: TcpListener,
    config: Arc<Config>,
    shared: Arc<Shared>,
    values: watch::Sender<Arc<Values>>,
    stop: watch::Sender<bool>,
    running: watch::Receiver<usize>,
}

/// Runs the server until SIGTERM or Ctrl-C, logging to stderr; this is the whole of `serve`.
pub fn run(service: Service, options: Options, values_line: String) -> Result<ExitCode> {
    #[cfg(windows)]
    ansi_everywhere();
    // A panic ends only the session it happens in (`session`); it goes in the log, as one line
    // an administrator can find, rather than as a message of its own.
    std::panic::set_hook(Box::new(|info| tracing::error!("panic: {info}")));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async {
        let listen = options.listen;
        let fingerprint = options.host_key.fingerprint_line();
        let created = options.host_key.created;
        let host_key_path = options.host_key.path.clone();
        let who = match &options.authorized_keys {
            None => "anyone, with any key or none (no --authorized-keys)".to_owned(),
            Some(keys) => crate::text::plural(keys.len(), "key", "keys") + " in --authorized-keys",
        };
        let server = Server::bind(service, options)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        tracing::info!("listening on {}", server.local_addr()?);
        tracing::info!("host key: {fingerprint}");
        tracing::info!(
            "host key file: {}{}",
            crate::values::show_path(&host_key_path),
            if created { " (made now)" } else { "" }
        );
        tracing::info!("{values_line}");
        tracing::info!("who may log in: {who}");
        server.run(stop_signal()).await;
        Ok(ExitCode::SUCCESS)
    })
}

impl Server {
    /// Binds `options.listen` and starts watching the values file.
    pub async fn bind(service: Service, options: Options) -> io::Result<Server> {
        let listener = TcpListener::bind(options.listen).await?;
        let (stop, stop_receiver) = watch::channel(false);
        let (values, values_receiver) = watch::channel(Arc::new(Values {
            document: service.document.clone(),
            problem: None,
        }));
        let (running, running_receiver) = watch::channel(0);
        let methods = if options.authorized_keys.is_some() {
            vec![MethodKind::PublicKey]
        } else {
            vec![MethodKind::None, MethodKind::PublicKey]
        };
        let config = Config {
            server_id: russh::SshId::Standard(
                concat!("SSH-2.0-nhs-values_", env!("CARGO_PKG_VERSION")).into(),
            ),
            methods: methods.as_slice().into(),
            auth_rejection_time: Duration::from_secs(1),
            auth_rejection_time_initial: Some(Duration::ZERO),
            keys: vec![options.host_key.key],
            // A connection whose writes have been blocked this long (a client that reads
            // nothing), or that answers nothing, not even the keepalives, is dropped.
            inactivity_timeout: Some(options.limits.stalled_output),
            keepalive_interval: Some(options.limits.stalled_output / 3),
            keepalive_max: 3,
            nodelay: true,
            ..Config::default()
        };
        let shared = Arc::new(Shared {
            service,
            values: values_receiver,
            limits: options.limits,
            authorized_keys: options.authorized_keys,
            stop: stop_receiver,
            running,
            #[cfg(test)]
            panic_on: None,
        });
        Ok(Server {
            listener,
            config: Arc::new(config),
            shared,
            values,
            stop,
            running: running_receiver,
        })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Tests only: the number of sessions running, as it changes.
    #[cfg(test)]
    fn sessions(&self) -> watch::Receiver<usize> {
        self.running.clone()
    }

    /// Tests only: sessions panic on `key`.
    #[cfg(test)]
    fn panic_on(mut self, key: char) -> Server {
        Arc::get_mut(&mut self.shared)
            .expect("nothing shares the server before it runs")
            .panic_on = Some(key);
        self
    }

    /// Accepts connections until `stop` completes, then gives every session's terminal back
    /// and returns once they have ended (or the stopping window has passed).
    pub async fn run(self, stop: impl Future<Output = ()>) {
        let Server {
            listener,
            config,
            shared,
            values,
            stop: stopping,
            mut running,
        } = self;
        if let Some((path, stamp)) = shared.service.watch.clone() {
            watch_values(path, stamp, values, shared.stop.clone());
        }
        let tally = Tally::default();
        let refusing = Arc::new(Semaphore::new(REFUSING_AT_ONCE));
        tokio::pin!(stop);
        loop {
            tokio::select! {
                () = &mut stop => break,
                accepted = listener.accept() => match accepted {
                    Ok((socket, peer)) => admit(socket, peer, &tally, &refusing, &config, &shared),
                    // Out of file descriptors, say: the server goes on, after a pause that
                    // keeps it from spinning while nothing can be accepted.
                    Err(error) => {
                        tracing::warn!("cannot accept a connection: {error}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                },
            }
        }
        drop(listener);
        let sessions = *running.borrow();
        tracing::info!(
            "stopping: giving {} back",
            crate::text::plural(sessions, "session its terminal", "sessions their terminals")
        );
        let _ = stopping.send(true);
        // Each session gives its terminal back, then its connection sends what is queued and
        // closes when the client does; the process must not end before that.
        let ended = tokio::time::timeout(STOPPING_WINDOW, async {
            let _ = running.wait_for(|count| *count == 0).await;
            while tally.total() > 0 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
        if ended.await.is_err() {
            tracing::warn!("stopped with sessions that did not end in time");
        }
    }
}

/// Starts a task for a connection just accepted: its session, or, over a limit, being told
/// why (while few enough others are being told; past that it is closed at once).
fn admit(
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
    tally: &Tally,
    refusing: &Arc<Semaphore>,
    config: &Arc<Config>,
    shared: &Arc<Shared>,
) {
    let (config, shared) = (Arc::clone(config), Arc::clone(shared));
    match tally.admit(peer.ip(), &shared.limits) {
        Ok(ticket) => {
            tokio::spawn(async move {
                let login_window = shared.limits.login_window;
                connect(socket, peer, config, shared, None, login_window).await;
                drop(ticket);
            });
        }
        Err(refusal) => {
            let Ok(permit) = Arc::clone(refusing).try_acquire_owned() else {
                tracing::warn!(
                    %peer,
                    "connection closed at once: {refusal}, and too many are being told so already"
                );
                return;
            };
            tracing::warn!(%peer, "connection refused: {refusal}");
            tokio::spawn(async move {
                connect(socket, peer, config, shared, Some(refusal), REFUSAL_WINDOW).await;
                drop(permit);
            });
        }
    }
}

/// One connection from its first byte to its end: the SSH handshake, logging in, and the
/// session, which must have started within `login_window`.
async fn connect(
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
    config: Arc<Config>,
    shared: Arc<Shared>,
    refusal: Option<limits::Refusal>,
    login_window: Duration,
) {
    let (started, started_receiver) = oneshot::channel();
    let handler = Connection::new(shared, peer, refusal, started);
    let session = tokio::time::timeout(
        login_window,
        russh::server::run_stream(config, socket, handler),
    );
    let session = match session.await {
        Ok(Ok(session)) => session,
        Ok(Err(error)) => {
            tracing::debug!(%peer, "connection ended before logging in: {error}");
            return;
        }
        Err(_) => return,
    };
    let handle = session.handle();
    tokio::pin!(session);
    tokio::select! {
        _ = &mut session => return,
        started = tokio::time::timeout(login_window, started_receiver) => {
            if !matches!(started, Ok(Ok(()))) {
                let _ = handle
                    .disconnect(
                        russh::Disconnect::ByApplication,
                        "no session was started in time".to_owned(),
                        String::new(),
                    )
                    .await;
                return;
            }
        }
    }
    let _ = session.await;
}

/// One watcher of the values file for every session: each change is put in the values
/// channel, which every session reads.
fn watch_values(
    path: PathBuf,
    stamp: values_file::Stamp,
    values: watch::Sender<Arc<Values>>,
    stop: watch::Receiver<bool>,
) {
    let send = move |action| {
        match action {
            Action::Reloaded(Ok(document)) => {
                values.send_replace(Arc::new(Values {
                    document,
                    problem: None,
                }));
            }
            Action::Reloaded(Err(problem)) => {
                tracing::warn!(
                    "the values file is broken; sessions show the last good values: {problem}"
                );
                let document = values.borrow().document.clone();
                values.send_replace(Arc::new(Values {
                    document,
                    problem: Some(problem),
                }));
            }
            _ => {}
        }
        !*stop.borrow()
    };
    if let Err(reason) = values_file::spawn(path, stamp, send) {
        tracing::warn!("changes to the values file will not show: {reason}");
    }
}

/// On Windows, crossterm performs some commands (cursor moves, colours, clearing) through the
/// console API of this process instead of writing them as ANSI, when it finds this process's
/// console cannot take ANSI, which it decides once, from the console and `TERM`. A session's
/// commands go to an SSH client, never to this console, so they must always be written: `TERM`
/// says so before anything is drawn. Called while the process has one thread.
#[cfg(windows)]
fn ansi_everywhere() {
    let term = std::env::var_os("TERM");
    if term.is_none_or(|term| term.is_empty() || term == "dumb") {
        // SAFETY: Windows' environment functions are thread-safe; this runs before the runtime
        // starts any thread in any case.
        unsafe { std::env::set_var("TERM", "xterm-256color") };
    }
}

/// SIGTERM or Ctrl-C (SIGINT; on Windows, the console's Ctrl-C).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = terminate.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(error) => {
                tracing::warn!("cannot watch for SIGTERM: {error}");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
