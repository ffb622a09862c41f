//! Files from the host for the simulated PC: the scripts given with `--file` and
//! `--script`, read the way editors save them (UTF-8 with or without a byte-order mark,
//! UTF-16LE, CRLF or LF), capped in size, and refused when they are not text. This is the
//! only place that reads them; the library receives their text.

use std::io::Read;
use std::path::Path;

use super::CliError;

/// The largest file wusim copies onto the simulated PC.
pub(crate) const MAX_BYTES: u64 = 1024 * 1024;

/// A host file for the simulated Desktop: its name and its text.
pub(crate) fn read_text_file(path: &str) -> Result<(String, String), CliError> {
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
    let meta =
        std::fs::metadata(p).map_err(|e| CliError::Input(format!("cannot read {path}: {e}")))?;
    if !meta.is_file() {
        return Err(CliError::Input(format!("{path} is not a regular file")));
    }
    if meta.len() > MAX_BYTES {
        return Err(CliError::Input(format!(
            "{path} is {} bytes; scripts for the simulated PC may have at most {MAX_BYTES}",
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(p)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| CliError::Input(format!("cannot read {path}: {e}")))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(CliError::Input(format!(
            "{path} is larger than {MAX_BYTES} bytes"
        )));
    }
    let text = decode(&bytes)
        .ok_or_else(|| CliError::Input(format!("{path} is not a text file (UTF-8 or UTF-16)")))?;
    Ok((name, text))
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

#[cfg(test)]
mod tests {
    use super::decode;

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
}
