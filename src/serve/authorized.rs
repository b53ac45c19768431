//! `--authorized-keys`: the keys that may log in, from a file in OpenSSH's `authorized_keys`
//! format. Each line is a key (`type base64 [comment]`), optionally after options
//! (`from="…",no-pty …`), which are ignored: this server runs one screen and nothing else, so
//! what they restrict is refused to everyone anyway. Blank lines and `#` comments are skipped;
//! any other line that is not a key is an error naming its line.

use std::path::Path;

use russh::keys::ssh_key::{Algorithm, PublicKey};

use crate::values;

/// The keys let in.
#[derive(Debug, Clone, Default)]
pub struct AuthorizedKeys {
    keys: Vec<PublicKey>,
}

impl AuthorizedKeys {
    /// Reads the file at `path`; the first bad line is reported as `file:line: message`.
    pub fn read(path: &Path) -> Result<AuthorizedKeys, String> {
        let name = values::show_path(path);
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read {name}: {error}"))?;
        AuthorizedKeys::parse(&text, &name)
    }

    /// Parses the text of an `authorized_keys` file named `name`.
    pub fn parse(text: &str, name: &str) -> Result<AuthorizedKeys, String> {
        let mut keys = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let key =
                parse_line(line).map_err(|message| format!("{name}:{}: {message}", index + 1,))?;
            keys.push(key);
        }
        Ok(AuthorizedKeys { keys })
    }

    /// Whether `key` is one of the keys let in (compared by the key itself, not its comment).
    pub fn allows(&self, key: &PublicKey) -> bool {
        self.keys
            .iter()
            .any(|allowed| allowed.key_data() == key.key_data())
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

fn parse_line(line: &str) -> Result<PublicKey, String> {
    let (first, rest) = split_field(line);
    let (kind, rest) = if is_key_type(first) {
        (first, rest)
    } else {
        // The options come first; they may hold quoted spaces.
        let (kind, rest) = split_field(rest);
        if !is_key_type(kind) {
            return Err(match kind {
                "" => format!("`{first}` is not a key type"),
                kind => format!("`{kind}` is not a key type"),
            });
        }
        (kind, rest)
    };
    let (data, _comment) = split_field(rest);
    if data.is_empty() {
        return Err(format!("the {kind} key has no key data after its type"));
    }
    PublicKey::from_openssh(&format!("{kind} {data}"))
        .map_err(|error| format!("the {kind} key cannot be read: {error}"))
}

/// The first field of `text` and what follows it, trimmed. A double quote starts a part in
/// which spaces do not end the field (as in `command="a b"`), and a backslash escapes a quote.
fn split_field(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    let mut quoted = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ' ' | '\t' if !quoted => return (&text[..at], text[at..].trim_start()),
            _ => {}
        }
    }
    (text, "")
}

fn is_key_type(field: &str) -> bool {
    !field.is_empty() && field.parse::<Algorithm>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED25519: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsH7clhtpGBe8e7JvkwTlkf2ORSUeMXA8XC5x7JEGJs";
    const OTHER: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPx21E3zmzPNywGbJL29Fli7YGYXYiJd7Jlg9syDm4s7";

    fn key(line: &str) -> PublicKey {
        PublicKey::from_openssh(line).unwrap()
    }

    #[test]
    fn keys_are_read_with_or_without_options_and_comments() {
        let text = format!(
            "# staff\n\n{ED25519} alice@example\n\
             from=\"10.0.0.0/8\",command=\"echo hi there\",no-pty {OTHER} bob laptop\n"
        );
        let keys = AuthorizedKeys::parse(&text, "authorized_keys").unwrap();
        assert_eq!(keys.len(), 2);
        assert!(keys.allows(&key(ED25519)));
        assert!(keys.allows(&key(&format!("{OTHER} another comment"))));
    }

    #[test]
    fn only_the_listed_keys_are_allowed() {
        let keys = AuthorizedKeys::parse(ED25519, "authorized_keys").unwrap();
        assert!(keys.allows(&key(ED25519)));
        assert!(!keys.allows(&key(OTHER)));
    }

    #[test]
    fn a_bad_line_is_reported_with_its_number() {
        let text = format!("{ED25519}\n# fine\nssh-ed25519 AAAAnotbase64!!\n");
        let error = AuthorizedKeys::parse(&text, "keys").unwrap_err();
        assert!(
            error.starts_with("keys:3: the ssh-ed25519 key cannot be read"),
            "{error}"
        );
        let error = AuthorizedKeys::parse("\nhello world\n", "keys").unwrap_err();
        assert_eq!(error, "keys:2: `world` is not a key type");
        let error = AuthorizedKeys::parse("ssh-ed25519\n", "keys").unwrap_err();
        assert_eq!(
            error,
            "keys:1: the ssh-ed25519 key has no key data after its type"
        );
    }
}
