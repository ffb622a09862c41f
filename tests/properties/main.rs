//! Property tests: the promises the model keeps for any sequence of inputs.
//!
//! Each module states its properties in plain words above each test. Cases run against the
//! library directly (no binary), optimised (the test profile has opt-level 1), so thousands of
//! simulated PCs cost about a second.

#[path = "../common/mod.rs"]
mod common;
mod fleet;
mod harness;
mod pipeline;
mod policies;
mod powershell;
mod scm;
mod shell;
