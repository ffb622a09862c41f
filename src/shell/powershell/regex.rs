//! The regular expressions of `-match`, `-replace` and `Select-String`, ignoring case as
//! PowerShell does: literals, `.`, classes (`[a-z]`, `[^0-9]`, `\d`, `\w`, `\s`), anchors
//! (`^`, `$`), groups and alternatives (`(a|b)`), and the quantifiers `*`, `+`, `?`,
//! `{n,m}`. A small backtracking matcher with a work budget, so no pattern can hang.
//! An invalid pattern matches nothing (a simplification: PowerShell reports an error).

/// One piece of a pattern.
#[derive(Clone, Debug)]
enum Node {
    /// One character from a set.
    Char(Set),
    /// `^`.
    Start,
    /// `$`.
    End,
    /// `(a|b)`.
    Group(Vec<Vec<Node>>),
    /// A node repeated between `min` and `max` times.
    Repeat(Box<Node>, usize, usize),
}

#[derive(Clone, Debug)]
enum Set {
    Any,
    Literal(char),
    Class(Vec<(char, char)>, bool),
    Digit(bool),
    Word(bool),
    Space(bool),
}

impl Set {
    fn matches(&self, c: char) -> bool {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match self {
            Set::Any => c != '\n',
            Set::Literal(l) => l.to_lowercase().next().unwrap_or(*l) == lower,
            Set::Class(ranges, negated) => {
                let hit = ranges.iter().any(|(a, b)| {
                    (*a..=*b).contains(&c)
                        || (a.to_lowercase().next().unwrap_or(*a)
                            ..=b.to_lowercase().next().unwrap_or(*b))
                            .contains(&lower)
                        || (a.to_uppercase().next().unwrap_or(*a)
                            ..=b.to_uppercase().next().unwrap_or(*b))
                            .contains(&c.to_uppercase().next().unwrap_or(c))
                });
                hit != *negated
            }
            Set::Digit(neg) => c.is_ascii_digit() != *neg,
            Set::Word(neg) => (c.is_alphanumeric() || c == '_') != *neg,
            Set::Space(neg) => c.is_whitespace() != *neg,
        }
    }
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn alternatives(&mut self) -> Option<Vec<Vec<Node>>> {
        self.depth += 1;
        if self.depth > 32 {
            return None;
        }
        let mut alts = vec![Vec::new()];
        while let Some(&c) = self.chars.get(self.pos) {
            match c {
                '|' => {
                    self.pos += 1;
                    alts.push(Vec::new());
                }
                ')' => break,
                _ => {
                    let node = self.atom()?;
                    let node = self.quantified(node)?;
                    alts.last_mut()?.push(node);
                }
            }
        }
        self.depth -= 1;
        Some(alts)
    }

    fn atom(&mut self) -> Option<Node> {
        let c = *self.chars.get(self.pos)?;
        self.pos += 1;
        Some(match c {
            '.' => Node::Char(Set::Any),
            '^' => Node::Start,
            '$' => Node::End,
            '(' => {
                if self.chars.get(self.pos) == Some(&'?')
                    && self.chars.get(self.pos + 1) == Some(&':')
                {
                    self.pos += 2;
                }
                let alts = self.alternatives()?;
                if self.chars.get(self.pos) != Some(&')') {
                    return None;
                }
                self.pos += 1;
                Node::Group(alts)
            }
            '[' => self.class()?,
            '\\' => Node::Char(self.escape()?),
            '*' | '+' | '?' => return None,
            c => Node::Char(Set::Literal(c)),
        })
    }

    fn escape(&mut self) -> Option<Set> {
        let c = *self.chars.get(self.pos)?;
        self.pos += 1;
        Some(match c {
            'd' => Set::Digit(false),
            'D' => Set::Digit(true),
            'w' => Set::Word(false),
            'W' => Set::Word(true),
            's' => Set::Space(false),
            'S' => Set::Space(true),
            'n' => Set::Literal('\n'),
            't' => Set::Literal('\t'),
            c => Set::Literal(c),
        })
    }

    fn class(&mut self) -> Option<Node> {
        let negated = self.chars.get(self.pos) == Some(&'^');
        if negated {
            self.pos += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = *self.chars.get(self.pos)?;
            self.pos += 1;
            match c {
                ']' if !first => break,
                '\\' => {
                    let e = *self.chars.get(self.pos)?;
                    self.pos += 1;
                    match e {
                        'd' => ranges.push(('0', '9')),
                        'w' => ranges.extend([('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]),
                        's' => {
                            ranges.extend([(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')])
                        }
                        e => ranges.push((e, e)),
                    }
                }
                c => {
                    if self.chars.get(self.pos) == Some(&'-')
                        && let Some(&end) = self.chars.get(self.pos + 1)
                        && end != ']'
                    {
                        self.pos += 2;
                        ranges.push((c, end));
                    } else {
                        ranges.push((c, c));
                    }
                }
            }
            first = false;
        }
        Some(Node::Char(Set::Class(ranges, negated)))
    }

    fn quantified(&mut self, node: Node) -> Option<Node> {
        let (min, max) = match self.chars.get(self.pos) {
            Some('*') => (0, usize::MAX),
            Some('+') => (1, usize::MAX),
            Some('?') => (0, 1),
            Some('{') => {
                let close = self.chars[self.pos..].iter().position(|c| *c == '}')? + self.pos;
                let inner: String = self.chars[self.pos + 1..close].iter().collect();
                let (a, b) = match inner.split_once(',') {
                    Some((a, "")) => (a.trim().parse().ok()?, usize::MAX),
                    Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
                    None => {
                        let n = inner.trim().parse().ok()?;
                        (n, n)
                    }
                };
                self.pos = close;
                (a, b)
            }
            _ => return Some(node),
        };
        self.pos += 1;
        // A lazy `?` after a quantifier is accepted and ignored.
        if self.chars.get(self.pos) == Some(&'?') {
            self.pos += 1;
        }
        Some(Node::Repeat(Box::new(node), min, max))
    }
}

fn compile(pattern: &str) -> Option<Vec<Vec<Node>>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut p = Parser {
        chars: &chars,
        pos: 0,
        depth: 0,
    };
    let alts = p.alternatives()?;
    (p.pos == chars.len()).then_some(alts)
}

/// Tries `nodes` at `pos`, then `k`; the work budget stops runaway backtracking.
fn match_seq(
    nodes: &[Node],
    text: &[char],
    pos: usize,
    budget: &mut u32,
    k: &mut dyn FnMut(usize, &mut u32) -> Option<usize>,
) -> Option<usize> {
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    let Some((first, rest)) = nodes.split_first() else {
        return k(pos, budget);
    };
    match first {
        Node::Char(set) => {
            if text.get(pos).is_some_and(|c| set.matches(*c)) {
                match_seq(rest, text, pos + 1, budget, k)
            } else {
                None
            }
        }
        Node::Start => (pos == 0)
            .then(|| match_seq(rest, text, pos, budget, k))
            .flatten(),
        Node::End => (pos == text.len())
            .then(|| match_seq(rest, text, pos, budget, k))
            .flatten(),
        Node::Group(alts) => {
            for alt in alts {
                let r = match_seq(alt, text, pos, budget, &mut |p, b| {
                    match_seq(rest, text, p, b, k)
                });
                if r.is_some() {
                    return r;
                }
            }
            None
        }
        Node::Repeat(node, min, max) => repeat(node, *min, *max, 0, rest, text, pos, budget, k),
    }
}

#[allow(clippy::too_many_arguments)]
fn repeat(
    node: &Node,
    min: usize,
    max: usize,
    count: usize,
    rest: &[Node],
    text: &[char],
    pos: usize,
    budget: &mut u32,
    k: &mut dyn FnMut(usize, &mut u32) -> Option<usize>,
) -> Option<usize> {
    if count < max {
        let one = std::slice::from_ref(node);
        let r = match_seq(one, text, pos, budget, &mut |p, b| {
            if p == pos {
                return None;
            }
            repeat(node, min, max, count + 1, rest, text, p, b, k)
        });
        if r.is_some() {
            return r;
        }
    }
    if count >= min {
        return match_seq(rest, text, pos, budget, k);
    }
    None
}

/// The first match: its start and end (in characters).
fn find(pattern: &str, text: &str) -> Option<(usize, usize)> {
    let alts = compile(pattern)?;
    let chars: Vec<char> = text.chars().collect();
    let mut budget = 200_000u32;
    for start in 0..=chars.len() {
        let nodes = vec![Node::Group(alts.clone())];
        if let Some(end) = match_seq(&nodes, &chars, start, &mut budget, &mut |p, _| Some(p)) {
            return Some((start, end));
        }
        if budget == 0 {
            return None;
        }
    }
    None
}

/// `text -match pattern`.
pub(crate) fn is_match(pattern: &str, text: &str) -> bool {
    find(pattern, text).is_some()
}

/// `text -replace pattern, with`: every match replaced (`$1` references are not
/// expanded, a simplification).
pub(crate) fn replace(text: &str, pattern: &str, with: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    let mut guard = 0;
    while pos <= chars.len() && guard < 10_000 {
        guard += 1;
        let rest: String = chars[pos..].iter().collect();
        match find(pattern, &rest) {
            Some((s, e)) => {
                out.extend(&chars[pos..pos + s]);
                out.push_str(with);
                if e == s {
                    if let Some(c) = chars.get(pos + s) {
                        out.push(*c);
                    }
                    pos += s + 1;
                } else {
                    pos += e;
                }
            }
            None => {
                out.extend(&chars[pos..]);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_ignoring_case() {
        assert!(is_match("run", "Running"));
        assert!(is_match("^wu", "wuauserv"));
        assert!(!is_match("^au", "wuauserv"));
        assert!(is_match("serv$", "wuauserv"));
        assert!(is_match("(bits|wuauserv)", "BITS"));
        assert!(is_match("\\d+\\.\\d+", "version 10.0"));
        assert!(is_match("[a-c]x", "Bx"));
        assert!(!is_match("[^a-c]x", "bx"));
        assert!(is_match("a.*b", "a123b"));
        assert!(is_match("^a{2,3}$", "aaa"));
        assert!(!is_match("(", "x"));
        assert!(!is_match("(a*)*b", &"a".repeat(40)));
        assert_eq!(replace("a-b-c", "-", "+"), "a+b+c");
        assert_eq!(replace("SoftwareDistribution", "dist.*", "X"), "SoftwareX");
    }
}
