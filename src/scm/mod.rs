//! The Service Control Manager (SCM): the part of Windows that starts, stops and configures
//! services, modelled faithfully enough to practise on.
//!
//! A service is **Stopped**, **Start Pending**, **Running** or **Stop Pending**. Starting a
//! service first starts the services it depends on, in dependency order; each pending state
//! lasts a short, random stretch of simulated time (under two seconds) before the service is
//! Running or Stopped, and the SCM writes event 7036 when it is. The SCM refuses what Windows
//! refuses, with Windows' own error numbers: a Disabled service (1058), a dependency that
//! cannot start (1068), a service already running (1056) or not started (1062), a stop while
//! dependents run (1051), a control while a transition is under way (1061). A hung service
//! never finishes its transition: the SCM gives up on a start after 30 seconds (7009, 7000
//! with 1053), and the next start hangs again; a stop hangs in Stop Pending (7011). Only a
//! restart of the PC clears the hang.
//!
//! Where the model is simpler than Windows (the book lists these): every service runs in a
//! process of its own, so a crash takes down only that service and, since their dependency is
//! gone, the services that depend on it; none of the modelled services can be paused, so
//! Paused is not modelled; recovery actions are "take no action" unless a scenario sets them;
//! trigger-start services start only when the model asks for them (Windows Update when a scan
//! needs it).

mod builtin;
mod control;
mod graph;
mod service;

pub use builtin::SERVICE_COUNT;
pub use control::{Scm, ScmEvent, ServiceStatus};
pub use graph::{DependencyGraph, GraphError, dependency_graph};
pub use service::{
    DELAYED_START, Recovery, RecoveryAction, SCM_TIMEOUT, ServiceId, ServiceKind, ServiceSet,
    ServiceSpec, ServiceState, ShutdownControl, StartType,
};

#[cfg(test)]
mod tests;
