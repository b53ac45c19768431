//! The server's identity: an Ed25519 key in OpenSSH's format, made on first start and read
//! after. On Unix the file is made readable by its owner only (0600), in a folder only its owner
//! may enter (0700) when the folder is made too; a key file that others can read is refused, as
//! sshd refuses one. (Windows guards files with access lists, which a new file in the user's
//! own data folder inherits; there the file's mode is not checked.)

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{Algorithm, HashAlg, PrivateKey};

use crate::values;

/// The comment written into a new key, which `ssh-keygen -lf` shows.
const COMMENT: &str = "nhs-values host key";

/// The key file's name in the data folder.
const FILE_NAME: &str = "ssh_host_ed25519_key";

/// The default key file: `nhs-values/ssh_host_ed25519_key` in the platform's data folder
/// (`$XDG_DATA_HOME`, `~/.local/share` on Linux and macOS, `%APPDATA%` on Windows), or none
/// when there is no home folder.
pub fn default_path() -> Option<PathBuf> {
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.data_dir().join("nhs-values").join(FILE_NAME))
}

/// The host key, and whether it was made just now.
pub struct HostKey {
    pub key: PrivateKey,
    pub path: PathBuf,
    pub created: bool,
}

impl HostKey {
    /// The key's fingerprint as `ssh-keygen -lf` prints it: bits, SHA-256 fingerprint,
    /// comment and type, which is what an administrator publishes for users to compare.
    pub fn fingerprint_line(&self) -> String {
        format!(
            "256 {} {} (ED25519)",
            self.key.public_key().fingerprint(HashAlg::Sha256),
            self.key.comment()
        )
    }
}

/// Reads the key at `path`, or makes one there when there is no file.
pub fn load_or_create(path: &Path) -> Result<HostKey, String> {
    let name = values::show_path(path);
    match fs::symlink_metadata(path) {
        Ok(metadata) => {
            check_private(&name, &metadata)?;
            let text = fs::read_to_string(path)
                .map_err(|error| format!("cannot read the host key {name}: {error}"))?;
            let key = PrivateKey::from_openssh(&text)
                .map_err(|error| format!("{name} is not an OpenSSH private key: {error}"))?;
            if key.algorithm() != Algorithm::Ed25519 {
                return Err(format!(
                    "{name} is an {} key; the host key must be an Ed25519 key",
                    key.algorithm()
                ));
            }
            if key.is_encrypted() {
                return Err(format!(
                    "{name} is protected by a passphrase, which a service cannot type"
                ));
            }
            Ok(HostKey {
                key,
                path: path.to_owned(),
                created: false,
            })
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => create(path, &name),
        Err(error) => Err(format!("cannot read the host key {name}: {error}")),
    }
}

fn create(path: &Path, name: &str) -> Result<HostKey, String> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|error| format!("cannot make a host key: no randomness ({error})"))?;
    let keypair = KeypairData::Ed25519(Ed25519Keypair::from_seed(&seed));
    let key = PrivateKey::new(keypair, COMMENT)
        .map_err(|error| format!("cannot make a host key: {error}"))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|error| format!("cannot make a host key: {error}"))?;
    if let Some(folder) = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        private_folder(folder).map_err(|error| {
            format!(
                "cannot make the folder {} for the host key: {error}",
                values::show_path(folder)
            )
        })?;
    }
    write_private(path, text.as_bytes())
        .map_err(|error| format!("cannot write the host key {name}: {error}"))?;
    Ok(HostKey {
        key,
        path: path.to_owned(),
        created: true,
    })
}

#[cfg(unix)]
fn private_folder(folder: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
}

#[cfg(not(unix))]
fn private_folder(folder: &Path) -> io::Result<()> {
    fs::create_dir_all(folder)
}

/// Writes a new file, never one already there (nor through a link planted in its place).
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(unix)]
fn check_private(name: &str, metadata: &fs::Metadata) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    if !metadata.is_file() {
        return Err(format!("the host key {name} is not a file"));
    }
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(format!(
            "the host key {name} can be read by others (mode {mode:04o}), so it is refused, \
             as sshd refuses it: chmod 600 {name}"
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(name: &str, metadata: &fs::Metadata) -> Result<(), String> {
    if metadata.is_file() {
        Ok(())
    } else {
        Err(format!("the host key {name} is not a file"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_and_read_after() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("key");
        let made = load_or_create(&path).unwrap();
        assert!(made.created);
        let read = load_or_create(&path).unwrap();
        assert!(!read.created);
        assert_eq!(read.key.public_key(), made.key.public_key());
        assert_eq!(read.fingerprint_line(), made.fingerprint_line());
        assert!(
            read.fingerprint_line().starts_with("256 SHA256:")
                && read
                    .fingerprint_line()
                    .ends_with(" nhs-values host key (ED25519)"),
            "{}",
            read.fingerprint_line()
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_key_is_private_and_one_readable_by_others_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("state");
        let path = folder.join("key");
        load_or_create(&path).unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&folder), 0o700);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let error = load_or_create(&path)
            .err()
            .expect("a readable key is refused");
        assert!(
            error.contains("can be read by others (mode 0644)"),
            "{error}"
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        assert!(load_or_create(&path).is_ok());
    }

    #[test]
    fn other_keys_and_other_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        write_private(&path, b"not a key\n").unwrap();
        let error = load_or_create(&path).err().expect("not a key");
        assert!(error.contains("is not an OpenSSH private key"), "{error}");
    }

    /// The line printed at start is exactly what `ssh-keygen -lf` prints for the file, so an
    /// administrator can check one against the other. Skipped where OpenSSH is not installed.
    #[test]
    fn the_fingerprint_is_the_one_ssh_keygen_prints() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        let key = load_or_create(&path).unwrap();
        let output = match std::process::Command::new("ssh-keygen")
            .arg("-lf")
            .arg(&path)
            .output()
        {
            Ok(output) => output,
            Err(error) => {
                eprintln!("skipped: ssh-keygen cannot run here ({error})");
                return;
            }
        };
        assert!(output.status.success(), "{output:?}");
        let printed = String::from_utf8(output.stdout).unwrap();
        assert_eq!(printed.trim_end(), key.fingerprint_line());
    }
}
