//! "Did you mean ...?": the one place wusim measures how far a typed word is from a known
//! one (a scenario key, a service name, a scenario id) and picks the nearest.

/// Levenshtein distance between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = current;
        }
    }
    row[b.len()]
}

/// The known word closest to `word` ignoring case, if it is at most `max` edits away (a tie
/// goes to the word that sorts first, so the answer never depends on the order of `known`).
pub fn closest<'a>(word: &str, known: &[&'a str], max: usize) -> Option<&'a str> {
    let word = word.to_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&word, &k.to_lowercase()), *k))
        .filter(|&(d, _)| d <= max)
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_nearest_words() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("wuaserv", "wuauserv"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(closest("Sart", &["start", "stop"], 3), Some("start"));
        assert_eq!(closest("zzzzzz", &["start", "stop"], 3), None);
    }
}
