//! What ends the screen from outside the keyboard: a signal on Unix, a console control event on
//! Windows. Each becomes an exit code for the event loop, which gives the terminal back and
//! exits with it, exactly as for a quit.

use std::io;

/// Watches for the platform's stop events from now until the program exits. `stop` is called
/// with the exit code each event asks for, and says whether the event loop was there to take it.
#[cfg(unix)]
pub fn watch(stop: impl Fn(u8) -> bool + Send + Sync + 'static) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            // The shell's convention for a program ended by a signal: 128 plus its number.
            if !stop(128 + signal as u8) {
                break;
            }
        }
    });
    Ok(())
}

/// Watches for the platform's stop events from now until the program exits. `stop` is called
/// with the exit code each event asks for, and says whether the event loop was there to take it.
#[cfg(windows)]
pub fn watch(stop: impl Fn(u8) -> bool + Send + Sync + 'static) -> io::Result<()> {
    console::watch(Box::new(stop))
}

/// Windows: Ctrl-C and Ctrl-Break (when they reach us as events rather than keys), the console
/// window closing, logoff and shutdown, through `SetConsoleCtrlHandler`.
#[cfg(windows)]
mod console {
    use std::io;
    use std::sync::OnceLock;

    use windows_sys::Win32::System::Console::{
        CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
        SetConsoleCtrlHandler,
    };
    use windows_sys::core::BOOL;

    type Stop = Box<dyn Fn(u8) -> bool + Send + Sync>;

    /// The handler is a plain function, so what it calls lives here.
    static STOP: OnceLock<Stop> = OnceLock::new();

    /// `SIGBREAK` in the Windows C runtime, for the `128 + signal` exit code.
    const SIGBREAK: u8 = 21;
    const SIGHUP: u8 = 1;
    const SIGINT: u8 = 2;

    pub fn watch(stop: Stop) -> io::Result<()> {
        STOP.set(stop)
            .map_err(|_| io::Error::other("console events are already being watched"))?;
        // SAFETY: `handler` has the signature of a PHANDLER_ROUTINE and lives as long as the
        // program; registering it has no other precondition.
        if unsafe { SetConsoleCtrlHandler(Some(handler), 1) } == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Runs on a thread Windows starts for each event. Returning TRUE says the event was
    /// handled; FALSE passes it on to the default handler, which exits at once.
    unsafe extern "system" fn handler(event: u32) -> BOOL {
        let gone = matches!(
            event,
            CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT
        );
        let signal = match event {
            CTRL_C_EVENT => SIGINT,
            CTRL_BREAK_EVENT => SIGBREAK,
            // The terminal went away, as with SIGHUP on Unix.
            _ if gone => SIGHUP,
            _ => return 0,
        };
        if !STOP.get().is_some_and(|stop| stop(128 + signal)) {
            return 0;
        }
        if gone {
            // Windows ends the process as soon as this returns (and in any case a few seconds
            // after the event), so the handler waits here while the event loop gives the
            // terminal back and the program exits, which ends this thread with it.
            loop {
                std::thread::park();
            }
        }
        1
    }
}
