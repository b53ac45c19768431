//! One SSH session as a member of staff would open it: a pseudo-terminal of 80x24 and a shell,
//! with what arrives fed to a `vt100` terminal so that the bench can tell when a frame is all
//! there. The same client, key and algorithms for both servers.

use std::net::{Ipv4Addr, SocketAddr};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use russh::client::{self, Handle, Msg};
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, ChannelWriteHalf, Disconnect, kex};
use tokio::net::TcpSocket;
use tokio::sync::watch;

const COLUMNS: NonZeroU16 = NonZeroU16::new(80).unwrap();
const ROWS: NonZeroU16 = NonZeroU16::new(24).unwrap();

/// The longest a connection may take from TCP connect to the shell's request sent.
const OPENING: Duration = Duration::from_secs(30);

pub struct Client {
    key: Arc<PrivateKey>,
    user: String,
    config: Arc<client::Config>,
}

impl Client {
    pub fn new(key_file: &Path, user: String) -> Result<Self> {
        let key =
            russh::keys::load_secret_key(key_file, None).context("cannot read the bench's key")?;
        let mut config = client::Config {
            nodelay: true,
            ..Default::default()
        };
        // The key exchange both servers offer, so that neither pays for a costlier one.
        config.preferred.kex = std::borrow::Cow::Borrowed(&[
            kex::CURVE25519,
            kex::EXTENSION_SUPPORT_AS_CLIENT,
            kex::EXTENSION_OPENSSH_STRICT_KEX_AS_CLIENT,
        ]);
        Ok(Self {
            key: Arc::new(key),
            user,
            config: Arc::new(config),
        })
    }
}

/// Trusts any host key: both servers are the bench's own, on loopback.
struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// What the session's terminal shows, and when its last output arrived: one lock for both, so
/// that a time read with the screen is the time of the last output in it.
struct Terminal {
    parser: vt100::Parser,
    last_output: Instant,
    /// Pieces of output (SSH data messages) so far.
    outputs: u64,
    closed: bool,
}

pub struct Session {
    handle: Handle<Trusting>,
    writer: ChannelWriteHalf<Msg>,
    terminal: Arc<Mutex<Terminal>>,
    /// Changes after each piece of output, and when the channel ends.
    changes: watch::Receiver<()>,
    reader: tokio::task::JoinHandle<()>,
    /// When the client began to connect.
    pub started: Instant,
}

impl Session {
    /// Connects from `source` (any 127.x.y.z, so that a server's per-address limit sees many
    /// addresses), logs in with the bench's key, and asks for a pseudo-terminal and a shell.
    pub async fn open(client: &Client, server: SocketAddr, source: Ipv4Addr) -> Result<Self> {
        tokio::time::timeout(OPENING, Self::open_now(client, server, source))
            .await
            .map_err(|_| anyhow::anyhow!("no session within {OPENING:?}"))?
    }

    async fn open_now(client: &Client, server: SocketAddr, source: Ipv4Addr) -> Result<Self> {
        let started = Instant::now();
        let socket = TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from((source, 0)))?;
        let stream = socket.connect(server).await?;
        stream.set_nodelay(true)?;
        let mut handle = client::connect_stream(client.config.clone(), stream, Trusting).await?;
        let auth = handle
            .authenticate_publickey(
                client.user.clone(),
                PrivateKeyWithHashAlg::new(client.key.clone(), None),
            )
            .await?;
        if !auth.success() {
            bail!("the server refused the bench's key");
        }
        let (mut read, writer) = handle.channel_open_session().await?.split();
        writer
            .request_pty(
                true,
                "xterm-256color",
                COLUMNS.get().into(),
                ROWS.get().into(),
                0,
                0,
                &[],
            )
            .await?;
        writer.request_shell(true).await?;

        let terminal = Arc::new(Mutex::new(Terminal {
            parser: vt100::Parser::new(ROWS, COLUMNS, 0),
            last_output: started,
            outputs: 0,
            closed: false,
        }));
        let (tell, changes) = watch::channel(());
        let shared = terminal.clone();
        let reader = tokio::spawn(async move {
            while let Some(message) = read.wait().await {
                match message {
                    ChannelMsg::Data { data } => {
                        let arrived = Instant::now();
                        let mut terminal = shared.lock().expect("no panic holds the lock");
                        terminal.parser.process(&data);
                        terminal.last_output = arrived;
                        terminal.outputs += 1;
                        drop(terminal);
                        tell.send_replace(());
                    }
                    ChannelMsg::Eof | ChannelMsg::Close => break,
                    _ => {}
                }
            }
            shared.lock().expect("no panic holds the lock").closed = true;
            tell.send_replace(());
        });
        Ok(Self {
            handle,
            writer,
            terminal,
            changes,
            reader,
            started,
        })
    }

    /// The text on the screen now, when the last output in it arrived, and whether the
    /// channel has ended.
    fn look(&self) -> (String, Instant, bool) {
        let terminal = self.terminal.lock().expect("no panic holds the lock");
        (
            terminal.parser.screen().contents(),
            terminal.last_output,
            terminal.closed,
        )
    }

    pub fn outputs(&self) -> u64 {
        self.terminal
            .lock()
            .expect("no panic holds the lock")
            .outputs
    }

    pub fn is_open(&self) -> bool {
        !self.look().2
    }

    /// When the screen came to show `expected`, waiting at most `timeout`. The time is that of
    /// the output after which the screen was found so, which is never earlier than the truth.
    pub async fn wait_for(&mut self, expected: &str, timeout: Duration) -> Result<Instant> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            self.changes.mark_unchanged();
            let (contents, last_output, closed) = self.look();
            if contents == expected {
                return Ok(last_output);
            }
            if closed {
                bail!("the session ended before the screen was as expected:\n{contents}");
            }
            if tokio::time::timeout_at(deadline, self.changes.changed())
                .await
                .is_err()
            {
                bail!("the screen was not as expected within {timeout:?}:\n{contents}");
            }
        }
    }

    /// The screen once output has stopped for `quiet`, waiting at most `timeout`.
    pub async fn wait_quiet(&mut self, quiet: Duration, timeout: Duration) -> Result<String> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            self.changes.mark_unchanged();
            let changed = tokio::time::timeout(quiet, self.changes.changed()).await;
            let (contents, _, closed) = self.look();
            if closed {
                bail!("the session ended:\n{contents}");
            }
            if changed.is_err() && !contents.trim().is_empty() {
                return Ok(contents);
            }
            if tokio::time::Instant::now() > deadline {
                bail!("the screen did not settle within {timeout:?}:\n{contents}");
            }
        }
    }

    pub async fn send(&self, keys: &'static [u8]) -> Result<()> {
        self.writer.data_bytes(keys).await?;
        Ok(())
    }

    pub async fn close(self) {
        let _ = self
            .handle
            .disconnect(Disconnect::ByApplication, "", "en")
            .await;
        self.reader.abort();
    }
}
