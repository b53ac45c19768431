//! What one client may make the server spend: connections (in all, and from one address), time
//! (idle, or not taking what is sent), terminal size and input waiting to be parsed.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The limits a server runs with. `Default` gives the documented defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Connections at once, in all.
    pub max_sessions: usize,
    /// Connections at once from one IP address.
    pub max_per_address: usize,
    /// A session with no input for this long is closed.
    pub idle_timeout: Duration,
    /// A client that has not taken a frame for this long is dropped.
    pub stalled_output: Duration,
    /// The bytes of input kept while they do not yet make an event (a long paste, an escape
    /// sequence that never ends); past this they are dropped.
    pub pending_input: usize,
    /// How long a part of an escape sequence waits for the rest: a lone Esc is the Esc key once
    /// this passes, and anything else unfinished is dropped.
    pub escape_wait: Duration,
    /// How long a connection may take to log in and start its session.
    pub login_window: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_sessions: 1000,
            max_per_address: 20,
            idle_timeout: Duration::from_secs(30 * 60),
            stalled_output: Duration::from_secs(60),
            pending_input: 64 * 1024,
            escape_wait: Duration::from_millis(50),
            login_window: Duration::from_secs(60),
        }
    }
}

/// The largest terminal a session draws for; a larger one is drawn at this size, in its top
/// left corner.
pub const MAX_COLUMNS: u16 = 500;
pub const MAX_ROWS: u16 = 200;

/// The size drawn for a terminal that says it has none, as a terminal without a size is
/// usually taken to be.
pub const DEFAULT_SIZE: (u16, u16) = (80, 24);

/// The size a session draws for, from what a client says: a side of 0 takes the default's,
/// and each side is at most the maximum.
pub fn clamp_size(columns: u32, rows: u32) -> (u16, u16) {
    let side = |value: u32, default: u16, max: u16| match value {
        0 => default,
        value => u16::try_from(value).unwrap_or(max).min(max),
    };
    (
        side(columns, DEFAULT_SIZE.0, MAX_COLUMNS),
        side(rows, DEFAULT_SIZE.1, MAX_ROWS),
    )
}

/// Why a connection was not let in, in words for the person connecting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Full(usize),
    TooManyFromAddress(usize),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Full(max) => write!(
                f,
                "the service is full ({max} sessions at once); try again in a few minutes"
            ),
            Refusal::TooManyFromAddress(max) => write!(
                f,
                "too many sessions from your address ({max} at once); close one and try again"
            ),
        }
    }
}

/// The connections open now, in all and by address.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    counts: Arc<Mutex<Counts>>,
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// A connection counted in the tally until this is dropped.
#[derive(Debug)]
pub struct Ticket {
    counts: Arc<Mutex<Counts>>,
    address: IpAddr,
}

impl Tally {
    /// Counts a connection from `address`, or says which limit it would pass.
    pub fn admit(&self, address: IpAddr, limits: &Limits) -> Result<Ticket, Refusal> {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if counts.total >= limits.max_sessions {
            return Err(Refusal::Full(limits.max_sessions));
        }
        let from_address = counts.by_address.get(&address).copied().unwrap_or(0);
        if from_address >= limits.max_per_address {
            return Err(Refusal::TooManyFromAddress(limits.max_per_address));
        }
        counts.total += 1;
        counts.by_address.insert(address, from_address + 1);
        Ok(Ticket {
            counts: Arc::clone(&self.counts),
            address,
        })
    }
}

impl Tally {
    /// The connections counted now.
    pub fn total(&self) -> usize {
        self.counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .total
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.total -= 1;
        if let Some(count) = counts.by_address.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                counts.by_address.remove(&self.address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_clamped_and_a_missing_side_takes_the_default() {
        assert_eq!(clamp_size(0, 0), (80, 24));
        assert_eq!(clamp_size(0, 30), (80, 30));
        assert_eq!(clamp_size(120, 0), (120, 24));
        assert_eq!(clamp_size(65535, 65535), (500, 200));
        assert_eq!(clamp_size(u32::MAX, u32::MAX), (500, 200));
        assert_eq!(clamp_size(500, 200), (500, 200));
        assert_eq!(clamp_size(501, 201), (500, 200));
        assert_eq!(clamp_size(1, 1), (1, 1));
    }

    #[test]
    fn the_tally_holds_both_limits_and_frees_a_place_when_a_ticket_goes() {
        let limits = Limits {
            max_sessions: 3,
            max_per_address: 2,
            ..Limits::default()
        };
        let tally = Tally::default();
        let one: IpAddr = "192.0.2.1".parse().unwrap();
        let two: IpAddr = "192.0.2.2".parse().unwrap();
        let first = tally.admit(one, &limits).unwrap();
        let _second = tally.admit(one, &limits).unwrap();
        assert_eq!(
            tally.admit(one, &limits).unwrap_err(),
            Refusal::TooManyFromAddress(2)
        );
        let _third = tally.admit(two, &limits).unwrap();
        assert_eq!(tally.admit(two, &limits).unwrap_err(), Refusal::Full(3));
        drop(first);
        let _again = tally.admit(one, &limits).unwrap();
        assert_eq!(tally.admit(two, &limits).unwrap_err(), Refusal::Full(3));
    }

    #[test]
    fn the_defaults_are_the_documented_ones() {
        let limits = Limits::default();
        assert_eq!(limits.max_sessions, 1000);
        assert_eq!(limits.max_per_address, 20);
        assert_eq!(limits.idle_timeout, Duration::from_secs(1800));
        assert_eq!(limits.stalled_output, Duration::from_secs(60));
        assert_eq!(limits.pending_input, 65536);
    }
}
