//! The update server's side of Windows Update: what updates exist, how they relate, and which
//! of them a given PC should be offered.
//!
//! - [`catalog`]: [`Update`], its [`Classification`], and the [`Catalog`] with its
//!   supersedence and prerequisite graphs (`petgraph`; a cycle is rejected by name).
//! - [`default_catalog`]: real updates for June 2025 (KB numbers, titles, builds and dates
//!   from Microsoft's update history), the catalog every PC gets unless a scenario says
//!   otherwise.
//! - [`applicability`]: why an update is, or is not, offered to a device — every refusal has
//!   a reason a learner can read.
//! - [`server`]: the [`UpdateServer`] trait the agent talks to, and [`InMemoryServer`], whose
//!   behaviour (reachable, unreachable, slow, throttling, timing out, serving a corrupt
//!   payload) is part of the model.

pub mod applicability;
pub mod catalog;
pub mod default_catalog;
pub mod server;

pub use applicability::{Applicability, NotApplicable, evaluate};
pub use catalog::{Catalog, CatalogError, Classification, FeatureUpdate, Update, UpdateId};
pub use server::{InMemoryServer, ServerBehavior, UpdateServer};
