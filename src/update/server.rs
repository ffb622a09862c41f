//! The update server, as the Windows Update agent sees it.
//!
//! The agent talks to an [`UpdateServer`]: it asks for the catalog at scan time and for an
//! update's payload at download time. [`InMemoryServer`] serves a [`Catalog`] and behaves as a
//! [`ServerBehavior`] says — which is how scenarios make the server unreachable, slow,
//! throttling or corrupt. Tests replace it with a `mockall` mock (`MockUpdateServer`, built
//! for the crate's unit tests).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, UpdateId};
use crate::win32::HResult;

/// How the update server is behaving.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServerBehavior {
    /// Answers normally.
    #[default]
    Reachable,
    /// Refuses connections: 0x80072EFD (ERROR_INTERNET_CANNOT_CONNECT).
    Unreachable,
    /// Answers, but transfers at a tenth of the usual speed.
    Slow,
    /// Overloaded, answers HTTP 503: 0x80244022 (WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL).
    Throttling,
    /// Accepts connections but never answers in time: 0x80072EE2 (ERROR_INTERNET_TIMEOUT).
    TimingOut,
    /// Serves payloads that fail their hash check: 0x8007000D (ERROR_INVALID_DATA).
    CorruptPayload,
}

impl ServerBehavior {
    /// The error every request gets, for behaviours that refuse requests.
    pub fn refusal(self) -> Option<HResult> {
        match self {
            ServerBehavior::Unreachable => Some(HResult::ERROR_INTERNET_CANNOT_CONNECT),
            ServerBehavior::Throttling => Some(HResult::WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL),
            ServerBehavior::TimingOut => Some(HResult::ERROR_INTERNET_TIMEOUT),
            ServerBehavior::Reachable | ServerBehavior::Slow | ServerBehavior::CorruptPayload => {
                None
            }
        }
    }
}

/// What a download request gets back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transfer {
    /// Size of the payload in MB.
    pub size_mb: u32,
    /// Transfer speed as a percentage of the device's bandwidth.
    pub speed_percent: u32,
    /// The payload is damaged and will fail its hash check.
    pub corrupt: bool,
}

/// The server side of Windows Update.
#[cfg_attr(test, mockall::automock)]
pub trait UpdateServer {
    /// The catalog, for a scan.
    fn sync(&self) -> Result<Arc<Catalog>, HResult>;
    /// The payload of an update, for a download.
    fn download(&self, id: UpdateId) -> Result<Transfer, HResult>;
}

/// A server that serves a catalog from memory. Cloning it shares the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InMemoryServer {
    catalog: Arc<Catalog>,
    /// Its current behaviour.
    pub behavior: ServerBehavior,
}

impl InMemoryServer {
    /// A server for `catalog`, answering normally.
    pub fn new(catalog: Catalog) -> Self {
        Self::shared(Arc::new(catalog))
    }

    /// A server for a catalog shared with other servers (a fleet of PCs, or clones).
    pub fn shared(catalog: Arc<Catalog>) -> Self {
        InMemoryServer {
            catalog,
            behavior: ServerBehavior::Reachable,
        }
    }

    /// The catalog it serves, whatever its behaviour.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }
}

impl Default for InMemoryServer {
    /// A server for the default catalog, built once and shared.
    fn default() -> Self {
        static DEFAULT: std::sync::OnceLock<Arc<Catalog>> = std::sync::OnceLock::new();
        Self::shared(Arc::clone(
            DEFAULT.get_or_init(|| Arc::new(super::default_catalog::default_catalog())),
        ))
    }
}

impl UpdateServer for InMemoryServer {
    fn sync(&self) -> Result<Arc<Catalog>, HResult> {
        match self.behavior.refusal() {
            Some(error) => Err(error),
            None => Ok(Arc::clone(&self.catalog)),
        }
    }

    fn download(&self, id: UpdateId) -> Result<Transfer, HResult> {
        if let Some(error) = self.behavior.refusal() {
            return Err(error);
        }
        let update = self
            .catalog
            .get(id)
            .ok_or(HResult::WU_E_PT_HTTP_STATUS_NOT_FOUND)?;
        Ok(Transfer {
            size_mb: update.size_mb,
            speed_percent: if self.behavior == ServerBehavior::Slow {
                10
            } else {
                100
            },
            corrupt: self.behavior == ServerBehavior::CorruptPayload,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaviours_map_to_their_errors() {
        let mut server = InMemoryServer::default();
        assert!(server.sync().is_ok());
        for (behavior, code) in [
            (ServerBehavior::Unreachable, 0x8007_2EFD),
            (ServerBehavior::Throttling, 0x8024_4022),
            (ServerBehavior::TimingOut, 0x8007_2EE2),
        ] {
            server.behavior = behavior;
            assert_eq!(server.sync(), Err(HResult(code)));
            assert_eq!(server.download(UpdateId(5_060_999)), Err(HResult(code)));
            assert!(
                HResult(code).info().is_some(),
                "the catalog explains {code:#x}"
            );
        }
        server.behavior = ServerBehavior::Slow;
        assert_eq!(
            server.download(UpdateId(5_060_999)).unwrap().speed_percent,
            10
        );
        server.behavior = ServerBehavior::CorruptPayload;
        assert!(server.download(UpdateId(5_060_999)).unwrap().corrupt);
        server.behavior = ServerBehavior::Reachable;
        assert_eq!(server.download(UpdateId(1)), Err(HResult(0x8024_4019)));
    }
}
