//! russh's callbacks for one connection. Logging in: anyone, with any key or none, unless
//! `--authorized-keys` names the keys let in; a user name is accepted whatever it is. Then one
//! session channel, whose screen `session` runs; everything else an SSH server can be asked for
//! is refused with a failure reply, so the client is told at once: commands, subsystems (sftp),
//! X11, agent forwarding, and forwarding in both directions (russh refuses a channel that is
//! not opened here, which covers `-L` and `-W`; `-R` is a global request answered no).

use std::net::SocketAddr;
use std::sync::Arc;

use russh::keys::HashAlg;
use russh::server::{
    Auth, ChannelOpenHandle, Handler, Msg, PublicKeyOffer, Session, VerifiedPublicKey,
};
use russh::{Channel, ChannelId, MethodKind, MethodSet};
use tokio::sync::oneshot;

use super::Shared;
use super::limits::Refusal;
use super::session::{self, Client};

/// One connection, from the handshake to its end.
pub(super) struct Connection {
    shared: Arc<Shared>,
    peer: SocketAddr,
    /// Why this connection is not let in: it is told so, and nothing else.
    refusal: Option<Refusal>,
    /// The fingerprint of the key the client logged in with.
    key: Option<String>,
    /// Told when the session starts; taken then, so that a second session is refused.
    started: Option<oneshot::Sender<()>>,
}

impl Connection {
    pub(super) fn new(
        shared: Arc<Shared>,
        peer: SocketAddr,
        refusal: Option<Refusal>,
        started: oneshot::Sender<()>,
    ) -> Connection {
        Connection {
            shared,
            peer,
            refusal,
            key: None,
            started: Some(started),
        }
    }

    /// A rejection that tells the client which methods to try next: none, when this
    /// connection is over a limit, so the client stops at once.
    fn reject(&self) -> Auth {
        let methods = match self.refusal {
            Some(_) => MethodSet::empty(),
            None => [MethodKind::PublicKey].as_slice().into(),
        };
        Auth::Reject {
            proceed_with_methods: Some(methods),
            partial_success: false,
        }
    }

    fn allows(&self, key: &russh::keys::PublicKey) -> bool {
        self.refusal.is_none()
            && self
                .shared
                .authorized_keys
                .as_ref()
                .is_none_or(|keys| keys.allows(key))
    }
}

impl Handler for Connection {
    type Error = russh::Error;

    /// Why a connection over a limit is refused, shown by the client before it gives up.
    async fn authentication_banner(&mut self) -> Result<Option<String>, Self::Error> {
        Ok(self
            .refusal
            .as_ref()
            .map(|refusal| format!("nhs-values: {refusal}\r\n")))
    }

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        if self.refusal.is_none() && self.shared.authorized_keys.is_none() {
            Ok(Auth::Accept)
        } else {
            Ok(self.reject())
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.allows(offer.public_key) {
            Auth::Accept
        } else {
            self.reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if !self.allows(key.public_key) {
            return Ok(self.reject());
        }
        self.key = Some(key.public_key.fingerprint(HashAlg::Sha256).to_string());
        Ok(Auth::Accept)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One session per connection: a second is refused by dropping its reply.
        let Some(started) = self.started.take() else {
            return Ok(());
        };
        reply.accept().await;
        let _ = started.send(());
        let client = Client {
            peer: self.peer,
            key: self.key.clone(),
        };
        session::spawn(channel, client, Arc::clone(&self.shared));
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        _columns: u32,
        _rows: u32,
        _pixel_width: u32,
        _pixel_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The session reads the terminal's name and size from its channel.
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Only what the screen needs; the session reads the values from its channel.
        if session::ACCEPTED_ENV.contains(&name) {
            session.channel_success(channel)
        } else {
            session.channel_failure(channel)
        }
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }
}
