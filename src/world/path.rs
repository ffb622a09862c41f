//! Windows paths: how a path typed at the prompt becomes one full, normalised path of the
//! simulated PC — the one home for path rules, used by every command that names a file.
//!
//! A full path here looks like `C:\Windows\SoftwareDistribution`: the drive letter in upper
//! case, backslashes, no `.` or `..`, no trailing backslash except on the root `C:\`. Windows
//! ignores case in paths, so [`eq`] and [`cmp`] compare without it; the file system keeps the
//! case each entry was created with. Quotes are removed and `/` is read as `\`, as cmd does.
//! Two compatibility junctions that old scripts rely on are followed:
//! `C:\ProgramData\Application Data` (to `C:\ProgramData`) and `C:\Documents and Settings` (to
//! `C:\Users`).
//!
//! Simplifications: the PC has one drive, `C:`; other drive letters and network (UNC) paths
//! are refused; there are no short (8.3) names; trailing dots and spaces are kept.

use std::cmp::Ordering;

/// Why a typed path names nothing on the simulated PC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathError {
    /// A drive other than `C:` (the PC has one drive).
    NoSuchDrive(char),
    /// A network path (`\\server\share`), which the simulation does not model.
    Network,
    /// An empty path.
    Empty,
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathError::NoSuchDrive(_) => f.write_str("The system cannot find the drive specified."),
            PathError::Network => f.write_str("The network path was not found."),
            PathError::Empty => f.write_str("The system cannot find the path specified."),
        }
    }
}

/// The root of the only drive.
pub const ROOT: &str = "C:\\";

/// Junctions Windows keeps for old programs: (link, target), both full paths.
const JUNCTIONS: [(&str, &str); 2] = [
    ("C:\\ProgramData\\Application Data", "C:\\ProgramData"),
    ("C:\\Documents and Settings", "C:\\Users"),
];

/// The junctions in the folder `dir`: (name, target). They are hidden system entries, so
/// `dir` lists them only with `/a`.
pub fn junctions_in(dir: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    JUNCTIONS
        .iter()
        .filter(move |(link, _)| parent(link).is_some_and(|p| eq(p, dir)))
        .map(|&(link, target)| (file_name(link), target))
}

/// The full path that `typed` names, relative to the current directory `cwd` (itself full).
pub fn resolve(cwd: &str, typed: &str) -> Result<String, PathError> {
    let cleaned: String = typed
        .chars()
        .filter(|&c| c != '"')
        .map(|c| if c == '/' { '\\' } else { c })
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return Err(PathError::Empty);
    }
    if cleaned.starts_with("\\\\") {
        return Err(PathError::Network);
    }
    let mut parts: Vec<&str> = Vec::new();
    let rest = match drive_of(cleaned) {
        Some(drive) if drive != 'C' => return Err(PathError::NoSuchDrive(drive)),
        Some(_) => {
            let after = &cleaned[2..];
            if !after.starts_with('\\') {
                parts.extend(components(cwd));
            }
            after
        }
        None if cleaned.starts_with('\\') => cleaned,
        None => {
            parts.extend(components(cwd));
            cleaned
        }
    };
    for part in rest.split('\\') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    Ok(follow_junctions(join(&parts)))
}

/// The drive letter a path starts with (`c:\x` → `C`), upper case.
fn drive_of(path: &str) -> Option<char> {
    let mut chars = path.chars();
    let letter = chars.next()?;
    (letter.is_ascii_alphabetic() && chars.next() == Some(':')).then(|| letter.to_ascii_uppercase())
}

/// The names of a full path below its root: `C:\Windows\Temp` → `["Windows", "Temp"]`.
pub fn components(full: &str) -> impl Iterator<Item = &str> {
    full.get(3..)
        .unwrap_or_default()
        .split('\\')
        .filter(|p| !p.is_empty())
}

fn join(parts: &[&str]) -> String {
    let mut out = String::from(ROOT);
    out.push_str(&parts.join("\\"));
    out
}

fn follow_junctions(path: String) -> String {
    for (link, target) in JUNCTIONS {
        if let Some(rest) = strip_prefix(&path, link)
            && (rest.is_empty() || rest.starts_with('\\'))
        {
            return format!("{target}{rest}");
        }
    }
    path
}

/// `path` without `prefix` (ignoring case), if it starts with it.
pub fn strip_prefix<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    let head = path.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &path[prefix.len()..])
}

/// The folder a full path is in (`None` for the root).
pub fn parent(full: &str) -> Option<&str> {
    if full.len() <= ROOT.len() {
        return None;
    }
    let i = full.rfind('\\')?;
    Some(if i < ROOT.len() { ROOT } else { &full[..i] })
}

/// The last name of a full path (`""` for the root).
pub fn file_name(full: &str) -> &str {
    if full.len() <= ROOT.len() {
        return "";
    }
    full.rsplit('\\').next().unwrap_or(full)
}

/// `dir` + `\` + `name`, without doubling the root's backslash.
pub fn child(dir: &str, name: &str) -> String {
    if dir.ends_with('\\') {
        format!("{dir}{name}")
    } else {
        format!("{dir}\\{name}")
    }
}

/// True when `path` is `ancestor` or inside it.
pub fn is_within(path: &str, ancestor: &str) -> bool {
    match strip_prefix(path, ancestor) {
        Some(rest) => rest.is_empty() || rest.starts_with('\\') || ancestor.ends_with('\\'),
        None => false,
    }
}

/// Two paths are the same path (Windows ignores case).
pub fn eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The order of paths in the file system: byte order, ignoring ASCII case. Every path inside
/// a folder sorts right after the folder, in one contiguous run.
pub fn cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // Paths compared here mostly share a long prefix written the same way: skip it eight
    // bytes at a time (lookups are on the simulation's hot path).
    let n = a.len().min(b.len());
    let mut same = 0;
    while same + 8 <= n {
        let chunk = |s: &[u8]| u64::from_ne_bytes(s[same..same + 8].try_into().unwrap_or([0; 8]));
        if chunk(a) != chunk(b) {
            break;
        }
        same += 8;
    }
    let (a, b) = (&a[same..], &b[same..]);
    for (&x, &y) in a.iter().zip(b) {
        if x != y {
            let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
            if x != y {
                return x.cmp(&y);
            }
        }
    }
    a.len().cmp(&b.len())
}

/// cmd's wildcard match of a file name: `*` any run of characters, `?` one, ignoring case;
/// `*.*` matches every name (with or without a dot).
pub fn matches(pattern: &str, name: &str) -> bool {
    if pattern == "*.*" {
        return true;
    }
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = name.to_lowercase().chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi.min(p.len())..].iter().all(|&c| c == '*' || c == '.')
}

/// True when a name has a wildcard (`*` or `?`).
pub fn has_wildcard(name: &str) -> bool {
    name.contains(['*', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    const CWD: &str = "C:\\WINDOWS\\system32";

    #[test]
    fn typed_paths_resolve_like_cmd() {
        let rows = [
            ("drivers", "C:\\WINDOWS\\system32\\drivers"),
            ("catroot2", "C:\\WINDOWS\\system32\\catroot2"),
            (
                "..\\SoftwareDistribution",
                "C:\\WINDOWS\\SoftwareDistribution",
            ),
            ("c:\\windows\\temp\\", "C:\\windows\\temp"),
            ("\"C:/Program Files\"", "C:\\Program Files"),
            ("\\Users", "C:\\Users"),
            ("c:", "C:\\WINDOWS\\system32"),
            ("C:\\", "C:\\"),
            ("C:\\..\\..", "C:\\"),
            (".\\x\\.\\y", "C:\\WINDOWS\\system32\\x\\y"),
            (
                "C:\\ProgramData\\Application Data\\Microsoft\\Network\\Downloader",
                "C:\\ProgramData\\Microsoft\\Network\\Downloader",
            ),
            ("C:\\Documents and Settings\\Admin", "C:\\Users\\Admin"),
        ];
        for (typed, full) in rows {
            assert_eq!(resolve(CWD, typed).as_deref(), Ok(full), "{typed}");
        }
    }

    #[test]
    fn other_drives_and_network_paths_are_refused() {
        assert_eq!(resolve(CWD, "D:\\x"), Err(PathError::NoSuchDrive('D')));
        assert_eq!(resolve(CWD, "\\\\server\\share"), Err(PathError::Network));
        assert_eq!(resolve(CWD, "  "), Err(PathError::Empty));
    }

    #[test]
    fn names_and_parents() {
        assert_eq!(parent("C:\\Windows\\Temp"), Some("C:\\Windows"));
        assert_eq!(parent("C:\\Windows"), Some("C:\\"));
        assert_eq!(parent("C:\\"), None);
        assert_eq!(file_name("C:\\Windows\\Temp"), "Temp");
        assert_eq!(file_name("C:\\"), "");
        assert_eq!(child("C:\\", "Windows"), "C:\\Windows");
        assert_eq!(child("C:\\Windows", "Temp"), "C:\\Windows\\Temp");
        assert!(is_within("C:\\Windows\\Temp\\x", "c:\\windows"));
        assert!(is_within("C:\\Windows", "C:\\Windows"));
        assert!(!is_within("C:\\Windows.old", "C:\\Windows"));
        assert!(is_within("C:\\Windows", "C:\\"));
    }

    #[test]
    fn folders_sort_before_their_contents_in_one_run() {
        let mut paths = vec![
            "C:\\Windows\\Temp",
            "C:\\Windows.old",
            "C:\\windows",
            "C:\\Windows\\a",
            "C:\\Windowsz",
        ];
        paths.sort_by(|a, b| cmp(a, b));
        assert_eq!(
            paths,
            [
                "C:\\windows",
                "C:\\Windows.old",
                "C:\\Windows\\a",
                "C:\\Windows\\Temp",
                "C:\\Windowsz"
            ]
        );
    }

    #[test]
    fn wildcards_match_file_names() {
        assert!(matches("qmgr*.dat", "qmgr0.dat"));
        assert!(matches("*.*", "DataStore"));
        assert!(matches("*", "x.txt"));
        assert!(matches("*.log", "ReportingEvents.LOG"));
        assert!(matches("edb?.log", "edb1.log"));
        assert!(!matches("*.dat", "qmgr.db"));
        assert!(matches("x.*", "x"));
    }

    proptest::proptest! {
        #[test]
        fn paths_order_as_their_lower_case_bytes(
            prefix in "[A-Za-z\\\\]{0,20}",
            a in "[A-Za-z0-9\\\\. ]{0,20}",
            b in "[A-Za-z0-9\\\\. ]{0,20}",
        ) {
            let (a, b) = (format!("{prefix}{a}"), format!("{}{b}", prefix.to_ascii_uppercase()));
            let expected = a.to_ascii_lowercase().cmp(&b.to_ascii_lowercase());
            proptest::prop_assert_eq!(cmp(&a, &b), expected);
            proptest::prop_assert_eq!(cmp(&a, &a), Ordering::Equal);
            let same_case = format!("{prefix}{}", &b[prefix.len()..]);
            let expected = a.to_ascii_lowercase().cmp(&same_case.to_ascii_lowercase());
            proptest::prop_assert_eq!(cmp(&a, &same_case), expected);
        }
    }
}
