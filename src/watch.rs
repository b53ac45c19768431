//! Live reload: watches the values file being shown and hands its new contents, read and
//! validated on a thread of its own, to the event loop. The file's directory is watched rather
//! than the file, because editors that save by writing a new file and renaming it over the old
//! one (vim, VS Code, `sed -i`, `mv`) replace the very file a watch on it would follow.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::action::Action;
use crate::{source, values};

/// A save is a burst of events (truncate, write, close, rename, chmod); the file is read once
/// this long passes without another, so a half-written file is not shown as broken.
const QUIET: Duration = Duration::from_millis(100);

/// The longest a burst is waited out, so that a file written to nonstop still shows changes.
const LONGEST_WAIT: Duration = Duration::from_millis(500);

/// What a file was when it was read: its size and modification time, if it could be seen.
pub type Stamp = Option<(u64, SystemTime)>;

/// The file's stamp now. Taken before a read, a later change to the file changes it.
pub fn stamp(path: &Path) -> Stamp {
    let metadata = fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

/// Starts watching `path`, which was `loaded` as it stood at that stamp; each change is read and
/// validated, and sent with `send` until it returns false. The path is read as given, so
/// messages name it as the user did.
pub fn spawn(
    path: PathBuf,
    loaded: Stamp,
    send: impl Fn(Action) -> bool + Send + 'static,
) -> Result<(), String> {
    let targets = targets(&path)?;
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|error| format!("cannot start watching files: {error}"))?;
    let mut watched: Vec<&Path> = Vec::new();
    for target in &targets {
        let directory = target.parent().unwrap_or(Path::new("/"));
        if watched.contains(&directory) {
            continue;
        }
        watcher
            .watch(directory, RecursiveMode::NonRecursive)
            .map_err(|error| format!("cannot watch {}: {error}", values::show_path(directory)))?;
        watched.push(directory);
    }
    thread::spawn(move || {
        // Dropping the watcher would end the watch.
        let _watcher: RecommendedWatcher = watcher;
        // A save between the first read and the watch starting sent no event.
        if stamp(&path) != loaded && !send(read(&path)) {
            return;
        }
        run(&events, &targets, &path, send);
    });
    Ok(())
}

/// The paths whose changes count: the file as named and, when that is a symbolic link, the file
/// it points to, since either may be the one edited.
fn targets(path: &Path) -> Result<Vec<PathBuf>, String> {
    let absolute = std::path::absolute(path)
        .map_err(|error| format!("cannot find {}: {error}", values::show_path(path)))?;
    let mut targets = vec![absolute];
    if let Ok(real) = fs::canonicalize(path)
        && real != targets[0]
    {
        targets.push(real);
    }
    Ok(targets)
}

fn run(
    events: &Receiver<notify::Result<Event>>,
    targets: &[PathBuf],
    path: &Path,
    send: impl Fn(Action) -> bool,
) {
    // Blocks until the file changes: no tick, so an idle watch costs no CPU.
    while let Ok(event) = events.recv() {
        if !concerns(&event, targets) {
            continue;
        }
        let deadline = Instant::now() + LONGEST_WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match events.recv_timeout(QUIET.min(left)) {
                Ok(_) if !left.is_zero() => {}
                Err(RecvTimeoutError::Disconnected) => return,
                _ => break,
            }
        }
        if !send(read(path)) {
            return;
        }
    }
}

fn read(path: &Path) -> Action {
    Action::Reloaded(source::load_file(path).map_err(|error| error.summary()))
}

/// Whether an event may mean the file changed. Opening and reading it (this program's own
/// reads among them) do not; a watch error, or an event with no path (the kernel's queue
/// overflowed), may hide a change, so they count.
fn concerns(event: &notify::Result<Event>, targets: &[PathBuf]) -> bool {
    let Ok(event) = event else {
        return true;
    };
    let only_read = matches!(
        event.kind,
        EventKind::Access(kind) if kind != AccessKind::Close(AccessMode::Write)
    );
    !only_read && (event.paths.is_empty() || event.paths.iter().any(|path| targets.contains(path)))
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, ModifyKind, RenameMode};

    use super::*;

    fn event(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn changes_to_the_file_count_and_reads_and_other_files_do_not() {
        let targets = [PathBuf::from("/d/values.toml")];
        for kind in [
            EventKind::Modify(ModifyKind::Any),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Create(CreateKind::File),
            EventKind::Remove(notify::event::RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
        ] {
            assert!(
                concerns(&event(kind, "/d/values.toml"), &targets),
                "{kind:?}"
            );
            assert!(
                !concerns(&event(kind, "/d/other.toml"), &targets),
                "{kind:?}"
            );
        }
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(!concerns(&event(open, "/d/values.toml"), &targets));
        let overflow = Ok(Event::new(EventKind::Other));
        assert!(concerns(&overflow, &targets));
    }

    fn values(names: &[&str]) -> String {
        names
            .iter()
            .map(|name| format!("[[values]]\nname = \"{name}\"\ntext = \"About {name}.\"\n"))
            .collect()
    }

    /// Takes reloads until one satisfies `wanted`, failing after ten seconds.
    fn wait_for(
        reloads: &Receiver<Action>,
        what: &str,
        wanted: impl Fn(&Result<crate::values::Document, String>) -> bool,
    ) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match reloads.recv_timeout(left) {
                Ok(Action::Reloaded(result)) if wanted(&result) => return,
                Ok(_) => {}
                Err(_) => panic!("no reload showed {what}"),
            }
        }
    }

    fn names_are(names: &[&str]) -> impl Fn(&Result<crate::values::Document, String>) -> bool {
        let names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        move |result| {
            result.as_ref().is_ok_and(|document| {
                document
                    .values
                    .iter()
                    .map(|value| &value.name)
                    .eq(names.iter())
            })
        }
    }

    #[test]
    fn every_way_of_saving_is_seen_and_validated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("values.toml");
        fs::write(&path, values(&["A"])).unwrap();
        let (sender, reloads) = mpsc::channel();
        let loaded = stamp(&path);
        spawn(path.clone(), loaded, move |action| {
            sender.send(action).is_ok()
        })
        .unwrap();

        fs::write(&path, values(&["A", "B"])).unwrap();
        wait_for(&reloads, "a write in place", names_are(&["A", "B"]));

        let new = dir.path().join("values.toml.tmp");
        fs::write(&new, values(&["C"])).unwrap();
        fs::rename(&new, &path).unwrap();
        wait_for(&reloads, "a rename over the file", names_are(&["C"]));

        fs::write(&path, values(&["C"]) + "vidoe = 1\n").unwrap();
        wait_for(&reloads, "the error", |result| {
            result.as_ref().is_err_and(|error| {
                error.ends_with("values.toml:4:1: unknown key `vidoe` in value 1")
            })
        });

        fs::remove_file(&path).unwrap();
        wait_for(&reloads, "the file gone", |result| {
            result
                .as_ref()
                .is_err_and(|error| error.ends_with("no such file"))
        });

        fs::write(&path, values(&["D"])).unwrap();
        wait_for(&reloads, "the file back", names_are(&["D"]));
    }

    #[test]
    fn a_save_before_the_watch_started_is_read_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("values.toml");
        fs::write(&path, values(&["A"])).unwrap();
        let loaded = stamp(&path);
        fs::write(&path, values(&["A", "Saved meanwhile"])).unwrap();
        let (sender, reloads) = mpsc::channel();
        spawn(path.clone(), loaded, move |action| {
            sender.send(action).is_ok()
        })
        .unwrap();
        wait_for(&reloads, "the save", names_are(&["A", "Saved meanwhile"]));
    }

    #[test]
    fn an_unchanged_file_is_not_read_again_when_the_watch_starts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("values.toml");
        fs::write(&path, values(&["A"])).unwrap();
        let (sender, reloads) = mpsc::channel();
        spawn(path.clone(), stamp(&path), move |action| {
            sender.send(action).is_ok()
        })
        .unwrap();
        assert!(
            reloads.recv_timeout(Duration::from_millis(300)).is_err(),
            "the file was read again though nothing changed"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_watched_as_itself_and_as_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        fs::write(&real, "").unwrap();
        let link = dir.path().join("values.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let found = targets(&link).unwrap();
        assert_eq!(found[0], link);
        assert_eq!(found[1], fs::canonicalize(&real).unwrap());
    }
}
