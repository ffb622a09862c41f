//! Fleet mode: thousands to a million PCs on the same model as single-PC mode, in update
//! rings, sharing one update server and their Delivery Optimization peers — for planning
//! rings the way an endpoint administrator does.
//!
//! - [`spec`] reads and checks a fleet file (the fleet's mix, rings, server, releases and
//!   the admin's timed actions);
//! - [`population`] draws each PC and builds it, with its ring's policies in its registry;
//! - [`run`] advances every PC an hour at a time, coupled through the server and the
//!   peers, on several threads with the same result as one; [`run::replay`] rebuilds one PC
//!   as it was at any hour;
//! - [`tally`] holds what a run counted, additive across shards; [`report`] derives the
//!   figures a planner reads (shares per ring and day, time to 95 %, server load);
//! - [`exercise`] grades a learner's fleet file against an exercise's goals.
//!
//! Like the harness, fleet mode sits on top of the model: it never changes how a PC
//! behaves, only which PCs exist, what their server answers and what the admin does.

pub mod exercise;
pub mod population;
pub mod report;
pub mod run;
pub mod spec;
pub mod tally;

/// The example fleet file `wusim fleet --example` prints and the book walks through.
pub const EXAMPLE: &str = include_str!("example.toml");
