//! The one loader for every file wusim reads from the host: scenario files, the progress
//! file, and the scripts given with `--file` and `--script`. Each is read the same way:
//!
//! - only a regular file (a folder, a FIFO or a device is refused before it is opened, so
//!   nothing blocks or reads without end; a symbolic link is followed, and a loop of them is
//!   named as such);
//! - at most a size cap (1 MiB for scenarios and scripts), with a clear error above it;
//! - as text: a scenario as UTF-8, an invalid byte named by its line and column; a script the
//!   way editors save it (UTF-8 with or without a byte-order mark, UTF-16LE, CRLF or LF).
//!
//! The library receives only text.

use std::io::Read;
use std::path::Path;

use super::CliError;

/// The largest file wusim reads as a scenario or copies onto the simulated PC.
pub(crate) const MAX_BYTES: u64 = 1024 * 1024;

/// The bytes of a regular file of at most `cap` bytes; `what` names it in errors ("the
/// scenario", "the script").
pub(crate) fn read_bounded(path: &Path, what: &str, cap: u64) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if e.kind() == std::io::ErrorKind::NotFound && is_link {
            format!("cannot read {what} {shown}: it is a symbolic link to nothing")
        } else if e.kind() == std::io::ErrorKind::NotFound {
            format!("cannot read {what} {shown}: it does not exist")
        } else if is_link {
            format!("cannot read {what} {shown}: a loop of symbolic links ({e})")
        } else {
            format!("cannot read {what} {shown}: {e}")
        }
    })?;
    if meta.is_dir() {
        return Err(format!("{shown} is a folder, not {what} file"));
    }
    if !meta.is_file() {
        return Err(format!(
            "{shown} is not a regular file (a pipe or a device): wusim reads {what} only from a file"
        ));
    }
    if meta.len() > cap {
        return Err(format!(
            "{shown} is {} bytes; {what} may have at most {cap}",
            meta.len()
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(cap + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {what} {shown}: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!("{shown} is larger than {cap} bytes"));
    }
    Ok(bytes)
}

/// A UTF-8 text file (a scenario), read as [`read_bounded`] does; a byte that is not UTF-8
/// is named by its line and column.
pub(crate) fn read_utf8(path: &Path, what: &str) -> Result<String, String> {
    let bytes = read_bounded(path, what, MAX_BYTES)?;
    let bytes = bytes
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .map_or(bytes.clone(), <[u8]>::to_vec);
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        format!(
            "{}:{line}:{column}: {what} is not UTF-8 text: save it as UTF-8",
            path.display()
        )
    })
}

/// A script file given on the command line: its name (which must be a Windows file name, to
/// go on the simulated Desktop) and its text.
pub(crate) fn read_text_file(path: &str) -> Result<(String, String), CliError> {
    read_script_file(path).map(|(name, text, _)| (name, text))
}

/// [`read_text_file`], and whether the file was saved as UTF-16 (which cmd cannot run).
pub(crate) fn read_script_file(path: &str) -> Result<(String, String, bool), CliError> {
    let p = Path::new(path);
    let name = p
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| CliError::Input(format!("{path} has no file name wusim can use")))?
        .to_string();
    if !wusim::world::files::is_valid_name(&name) {
        return Err(CliError::Input(format!(
            "{name} is not a Windows file name: it cannot go on the simulated Desktop"
        )));
    }
    let bytes = read_bounded(p, "the script", MAX_BYTES).map_err(CliError::Input)?;
    let text = decode(&bytes)
        .ok_or_else(|| CliError::Input(format!("{path} is not a text file (UTF-8 or UTF-16)")))?;
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || looks_utf16le(&bytes);
    Ok((name, text, utf16))
}

/// The text of a file: UTF-8 (a byte-order mark is dropped) or UTF-16LE/BE (with a mark, or
/// LE text whose every other byte is zero); `None` for anything else, or text with NULs.
pub(crate) fn decode(bytes: &[u8]) -> Option<String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8(rest.to_vec()).ok()?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else if looks_utf16le(bytes) {
        utf16(bytes, u16::from_le_bytes)?
    } else {
        String::from_utf8(bytes.to_vec()).ok()?
    };
    (!text.contains('\0')).then_some(text)
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
    String::from_utf16(&units).ok()
}

/// UTF-16LE without a mark: ASCII text with a zero after every byte.
fn looks_utf16le(bytes: &[u8]) -> bool {
    bytes.len() >= 4
        && bytes.len().is_multiple_of(2)
        && bytes.chunks_exact(2).all(|c| c[1] == 0 && c[0] != 0)
}

/// The files of a folder whose extension is `ext`, sorted; or the path itself when it is no
/// folder (the loader then checks it).
pub(crate) fn in_folder(path: &Path, ext: &str) -> Result<Vec<std::path::PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    Ok(files)
}

/// Writes `bytes` to `path` so that a crash leaves the old file or the new one, never half
/// of one: a temporary file in the same folder, flushed to disk, then renamed over `path`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    let fail = |e: std::io::Error| format!("could not write {}: {e}", path.display());
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut file = std::fs::File::create(&tmp).map_err(fail)?;
        file.write_all(bytes).map_err(fail)?;
        file.sync_all().map_err(fail)?;
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

#[cfg(test)]
mod tests {
    use super::{decode, read_bounded, read_utf8};
    use std::path::Path;

    #[test]
    fn text_as_editors_save_it() {
        assert_eq!(decode(b"@echo off\r\n").as_deref(), Some("@echo off\r\n"));
        assert_eq!(decode(b"\xEF\xBB\xBFrem x\n").as_deref(), Some("rem x\n"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("ver\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).as_deref(), Some("ver\r\n"));
        let bare: Vec<u8> = "ver\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&bare).as_deref(), Some("ver\r\n"));
        assert_eq!(decode(b"\x00\x01\x02\xff"), None);
        assert_eq!(decode(b"MZ\x90\x00\x03\x00\x00\x00"), None);
    }

    #[test]
    fn only_bounded_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            read_bounded(dir.path(), "the scenario", 10)
                .unwrap_err()
                .contains("is a folder")
        );
        let big = dir.path().join("big.toml");
        std::fs::write(&big, [b'a'; 11]).unwrap();
        assert!(
            read_bounded(&big, "the scenario", 10)
                .unwrap_err()
                .contains("at most 10")
        );
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, b"id = \"x\"\ntitle = \"\xff\"\n").unwrap();
        let error = read_utf8(&bad, "the scenario").unwrap_err();
        assert!(error.contains("bad.toml:2:10:"), "{error}");
        #[cfg(unix)]
        {
            let looped = dir.path().join("loop.toml");
            std::os::unix::fs::symlink(&looped, &looped).unwrap();
            let error = read_bounded(&looped, "the scenario", 10).unwrap_err();
            assert!(error.contains("loop of symbolic links"), "{error}");
            assert!(
                read_bounded(Path::new("/dev/zero"), "the scenario", 10)
                    .unwrap_err()
                    .contains("not a regular file")
            );
        }
    }
}
