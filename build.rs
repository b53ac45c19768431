//! With the `package-assets` feature (`cargo deb` turns it on), writes the manual page and the
//! bash, zsh and fish completions into `package-assets/` beside the built binary, where the
//! Debian package's assets name them. They come from the program's own clap definition and the
//! same code as `nhs-values man` and `nhs-values completions`, so they cannot drift from the
//! command line. Without the feature this does nothing.

fn main() -> std::io::Result<()> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/cli.rs");
    println!("cargo::rerun-if-changed=src/manual.rs");
    #[cfg(feature = "package-assets")]
    assets::write()?;
    Ok(())
}

#[cfg(feature = "package-assets")]
mod assets {
    use std::env;
    use std::fs;
    use std::io::{self, Write};
    use std::path::PathBuf;

    use flate2::{Compression, GzBuilder};

    use crate::cli::Shell;
    use crate::manual;

    pub fn write() -> io::Result<()> {
        let folder = profile_folder()?.join("package-assets");
        fs::create_dir_all(&folder)?;
        let page = manual::man_page()?;
        // No name or time in the gzip header, so the same page gives the same bytes.
        let mut gzip = GzBuilder::new().write(Vec::new(), Compression::best());
        gzip.write_all(page.as_bytes())?;
        fs::write(folder.join("nhs-values.1.gz"), gzip.finish()?)?;
        for (shell, file) in [
            (Shell::Bash, "nhs-values.bash"),
            (Shell::Zsh, "_nhs-values"),
            (Shell::Fish, "nhs-values.fish"),
        ] {
            fs::write(folder.join(file), manual::completions(shell))?;
        }
        Ok(())
    }

    /// The folder the binary is built in (`target/release` and the like), which cargo-deb
    /// knows as `target/release/`. A build script is told only its own `OUT_DIR`, which is
    /// `<profile folder>/build/nhs-values-<hash>/out`.
    fn profile_folder() -> io::Result<PathBuf> {
        let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
        let mut up = out_dir.ancestors();
        match (up.nth(2), up.next()) {
            (Some(build), Some(profile)) if build.file_name() == Some("build".as_ref()) => {
                Ok(profile.to_owned())
            }
            _ => Err(io::Error::other(format!(
                "OUT_DIR {} is not <profile folder>/build/<package>/out, so the manual page \
                 and completions have no place beside the binary",
                out_dir.display()
            ))),
        }
    }
}

// The build script only describes the command line; the program is what reads it.
#[cfg(feature = "package-assets")]
#[allow(dead_code)]
#[path = "src/cli.rs"]
mod cli;

#[cfg(feature = "package-assets")]
#[path = "src/manual.rs"]
mod manual;
