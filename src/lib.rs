//! # wusim — learn to fix Windows Update by fixing it
//!
//! wusim is a deterministic, in-memory model of the Windows Update stack on one PC: the
//! Service Control Manager and its services (Windows Update, the Update Orchestrator, BITS,
//! Cryptographic Services, the Windows Modules Installer, the Medic service, Delivery
//! Optimization...), the device they run on, and the event logs they write. Nothing in this
//! library touches the computer it runs on: no files, no processes, no clock. Input arrives as
//! values (a seed, a builder, a command), output leaves as values (event records, states,
//! Windows error codes), and the same seed and input always give the same output.
//!
//! The mental model:
//! - [`pc::Pc`] is one simulated PC. Build it with [`pc::Pc::builder`], act on it (start a
//!   service, inject a fault, reboot), and let simulated time pass with [`pc::Pc::run_for`].
//! - [`engine`] is the discrete-event core every PC runs on: integer milliseconds, an event
//!   queue ordered by `(time, sequence)`, one seeded RNG.
//! - [`scm`] holds the Service Control Manager's rules, with Windows' own error numbers.
//! - [`eventlog`] is what the PC reports; [`codes`] explains every error code wusim knows.
//! - [`session`] is a learner's attempt at a [`scenario`]; [`assess`] judges each move (what
//!   it showed, what it changed, harm or collateral) and scores the ticket; [`record`] keeps
//!   an attempt as a file that replays; [`harness`] holds a remediation script to the same
//!   judgement on every ticket; [`gui`] is the browser's desktop as data, where each click
//!   is a line of the session.
//!
//! ## Quick start
//!
//! ```
//! use wusim::pc::Pc;
//! use wusim::scm::{ServiceId, ServiceState, StartType};
//! use wusim::engine::SimDuration;
//! use wusim::win32::Win32Error;
//!
//! // A PC whose Windows Update service has been disabled.
//! let mut pc = Pc::builder().seed(42).start_type(ServiceId::WUAUSERV, StartType::Disabled).build();
//! assert_eq!(pc.start_service(ServiceId::WUAUSERV), Err(Win32Error::SERVICE_DISABLED));
//!
//! // The remedy: set the start type back to Manual, then start the service.
//! pc.set_start_type(ServiceId::WUAUSERV, StartType::Manual).unwrap();
//! pc.start_service(ServiceId::WUAUSERV).unwrap();
//! pc.run_for(SimDuration::from_secs(5));
//! assert_eq!(pc.scm().state(ServiceId::WUAUSERV), ServiceState::Running);
//!
//! // The System log tells the story, with simulated timestamps.
//! let ids: Vec<u16> = pc.log().records().iter().map(|r| r.entry.id()).collect();
//! assert_eq!(ids, [7040, 7036]);
//! ```

pub mod agent;
pub mod assess;
pub mod codes;
pub mod device;
pub mod engine;
pub mod eventlog;
pub mod fault;
pub mod fleet;
#[doc(hidden)]
pub mod fuzzing;
pub mod gui;
pub mod harness;
pub mod orchestrator;
pub mod pc;
pub mod record;
pub mod remedy;
pub mod scenario;
pub mod scm;
pub mod session;
pub mod settings;
pub mod shell;
pub mod suggest;
pub mod update;
pub mod validate;
pub mod win32;
pub mod world;
