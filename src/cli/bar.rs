//! A progress bar on stderr for long runs (`wusim test`, `wusim fleet`): drawn only on a
//! terminal, at most once per percent, and cleared before the result is printed.

use std::sync::atomic::{AtomicU64, Ordering};

/// A progress bar on stderr, drawn only on a terminal, at most once per percent.
pub(super) struct Bar {
    on: bool,
    unit: &'static str,
    shown: AtomicU64,
}

impl Bar {
    pub(super) fn new(on: bool, unit: &'static str) -> Bar {
        Bar {
            on,
            unit,
            shown: AtomicU64::new(0),
        }
    }

    pub(super) fn show(&self, done: u64, total: u64) {
        if !self.on || total < 50 {
            return;
        }
        let percent = done * 100 / total;
        if self.shown.fetch_max(percent + 1, Ordering::Relaxed) > percent {
            return;
        }
        let filled = (percent / 4) as usize;
        eprint!(
            "\r[{}{}] {done}/{total} {}",
            "#".repeat(filled),
            ".".repeat(25 - filled),
            self.unit
        );
    }

    pub(super) fn clear(&self) {
        if self.on {
            eprint!("\r{}\r", " ".repeat(60));
        }
    }
}
