//! Closing a ticket with its cause: `diagnose` lists the scenario's candidate causes (the
//! right ones among plausible distractors, in an order drawn from the seed, so a number
//! learnt by heart is worth nothing) and takes the learner's picks by number or id. Free
//! text is never matched.

use crate::engine::SimRng;
use crate::scenario::{Cause, Scenario};

/// The causes in the order the list shows them for `seed`.
pub fn ordered(scenario: &Scenario, seed: u64) -> Vec<&Cause> {
    let mut causes: Vec<&Cause> = scenario.causes.iter().collect();
    causes.sort_by_key(|c| {
        let id_hash = crate::scenario::version_of(&c.id);
        let id_bits = u64::from_str_radix(&id_hash, 16).unwrap_or(0);
        (
            SimRng::seed_from_u64(seed ^ id_bits).next_u64(),
            c.id.clone(),
        )
    });
    causes
}

/// The list as `diagnose` prints it.
pub fn list(scenario: &Scenario, seed: u64) -> String {
    let mut text = String::from("What is behind this ticket? The possible causes:\n");
    for (i, cause) in ordered(scenario, seed).iter().enumerate() {
        text.push_str(&format!("  {:>2}. {}\n", i + 1, cause.text));
    }
    text.push_str(
        "Close the ticket with your pick: `diagnose <number>`, or several numbers if more \
         than one thing is wrong (`diagnose 1 3`). A wrong pick costs points.\n",
    );
    text
}

/// What the learner picked.
#[derive(Debug, PartialEq, Eq)]
pub enum Picks {
    /// The ids of the causes picked.
    Causes(Vec<String>),
    /// A word that names no cause, with the answer to show.
    Invalid(String),
}

/// Reads `text` (numbers or ids, separated by spaces or commas) against the list for `seed`.
pub fn read(scenario: &Scenario, seed: u64, text: &str) -> Picks {
    let causes = ordered(scenario, seed);
    let mut picked = Vec::new();
    for word in text.split([' ', ',', '\t']).filter(|w| !w.is_empty()) {
        let cause = match word.parse::<usize>() {
            Ok(n) => n.checked_sub(1).and_then(|i| causes.get(i)),
            Err(_) => causes.iter().find(|c| c.id.eq_ignore_ascii_case(word)),
        };
        match cause {
            Some(cause) if !picked.contains(&cause.id) => picked.push(cause.id.clone()),
            Some(_) => {}
            None if word.parse::<usize>().is_ok() => {
                return Picks::Invalid(format!(
                    "There is no cause {word}: pick a number from 1 to {} (`diagnose` shows the list).\n",
                    causes.len()
                ));
            }
            None => {
                return Picks::Invalid(
                    "Pick causes by their number in the list (`diagnose` shows it), such as `diagnose 2`: what you write in words is not graded.\n"
                        .to_string(),
                );
            }
        }
    }
    Picks::Causes(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        crate::scenario::builtin::find("cryptsvc-disabled")
            .unwrap()
            .unwrap()
    }

    #[test]
    fn the_order_depends_on_the_seed_but_not_on_the_call() {
        let s = scenario();
        let ids = |seed| {
            ordered(&s, seed)
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(1), ids(1));
        assert!(
            (2..20).any(|seed| ids(seed) != ids(1)),
            "the seed reorders the list"
        );
    }

    #[test]
    fn picks_are_numbers_or_ids_never_free_text() {
        let s = scenario();
        let first = ordered(&s, 7)[0].id.clone();
        assert_eq!(read(&s, 7, "1"), Picks::Causes(vec![first.clone()]));
        assert_eq!(read(&s, 7, &first), Picks::Causes(vec![first]));
        assert!(matches!(read(&s, 7, "99"), Picks::Invalid(t) if t.contains("no cause 99")));
        assert!(matches!(
            read(&s, 7, "the proxy is broken"),
            Picks::Invalid(_)
        ));
    }
}
