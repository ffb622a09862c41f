//! Windows' own error values, carried as data.
//!
//! When the simulated Windows refuses something (starting a disabled service, a scan that
//! cannot reach the server) the result is a [`Win32Error`] or an [`HResult`]: an outcome of the
//! simulation, shown to the learner exactly as Windows would show it. These are not failures
//! of wusim itself, which use [`crate::error::Error`].

use std::fmt;

use crate::codes;

/// A Win32 system error number, such as 1058 (`ERROR_SERVICE_DISABLED`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Win32Error(pub u32);

impl Win32Error {
    /// 5: Access is denied.
    pub const ACCESS_DENIED: Win32Error = Win32Error(5);
    /// 1051: a stop control was sent to a service that other running services depend on.
    pub const DEPENDENT_SERVICES_RUNNING: Win32Error = Win32Error(1051);
    /// 1052: the requested control is not valid for this service.
    pub const INVALID_SERVICE_CONTROL: Win32Error = Win32Error(1052);
    /// 1053: the service did not respond to the start or control request in a timely fashion.
    pub const SERVICE_REQUEST_TIMEOUT: Win32Error = Win32Error(1053);
    /// 1056: an instance of the service is already running.
    pub const SERVICE_ALREADY_RUNNING: Win32Error = Win32Error(1056);
    /// 1058: the service is disabled.
    pub const SERVICE_DISABLED: Win32Error = Win32Error(1058);
    /// 1060: the service does not exist.
    pub const SERVICE_DOES_NOT_EXIST: Win32Error = Win32Error(1060);
    /// 1061: the service cannot accept control messages at this time.
    pub const SERVICE_CANNOT_ACCEPT_CTRL: Win32Error = Win32Error(1061);
    /// 1062: the service has not been started.
    pub const SERVICE_NOT_ACTIVE: Win32Error = Win32Error(1062);
    /// 1067: the process terminated unexpectedly.
    pub const PROCESS_ABORTED: Win32Error = Win32Error(1067);
    /// 1068: the dependency service or group failed to start.
    pub const SERVICE_DEPENDENCY_FAIL: Win32Error = Win32Error(1068);
    /// 1077: no attempts to start the service have been made since the last boot.
    pub const SERVICE_NEVER_STARTED: Win32Error = Win32Error(1077);

    /// The HRESULT that wraps this error (`0x8007xxxx`).
    pub fn hresult(self) -> HResult {
        HResult(codes::hresult_from_win32(self.0))
    }

    /// The system message text, as `sc` and `net` print it.
    pub fn message(self) -> &'static str {
        self.hresult().info().map_or(
            "The system cannot find message text for this error.",
            |info| info.message,
        )
    }
}

impl fmt::Display for Win32Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An HRESULT such as `0x80070422`, as Windows Update reports its failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct HResult(pub u32);

impl HResult {
    /// The operation did not complete because the service or system was shutting down.
    pub const WU_E_SERVICE_STOP: HResult = HResult(0x8024_001E);
    /// The network connection is unavailable.
    pub const WU_E_NO_CONNECTION: HResult = HResult(0x8024_001F);
    /// The proxy or server name could not be resolved.
    pub const WU_E_PT_WINHTTP_NAME_NOT_RESOLVED: HResult = HResult(0x8024_402C);
    /// TLS failed: the server's certificate did not validate (here: the clock is wrong).
    pub const ERROR_WINHTTP_SECURE_FAILURE: HResult = HResult(0x8007_2F8F);
    /// The agent could not read its data store.
    pub const WU_E_PT_INVALID_FORMAT: HResult = HResult(0x8024_0439);
    /// The download manager could not connect to BITS.
    pub const WU_E_DM_FAILTOCONNECTTOBITS: HResult = HResult(0x8024_6008);
    /// Not enough disk space.
    pub const ERROR_DISK_FULL: HResult = HResult(0x8007_0070);
    /// The downloaded data is invalid (failed its hash check).
    pub const ERROR_INVALID_DATA: HResult = HResult(0x8007_000D);
    /// The update must be downloaded again (the download cache is damaged).
    pub const WU_E_UH_NEEDANOTHERDOWNLOAD: HResult = HResult(0x8024_200D);
    /// An install is not allowed while a restart is pending.
    pub const WU_E_INSTALL_NOT_ALLOWED: HResult = HResult(0x8024_0016);
    /// The component store is corrupt.
    pub const ERROR_SXS_COMPONENT_STORE_CORRUPT: HResult = HResult(0x8007_3712);
    /// The update's metadata could not be verified (catalog database or Cryptographic Services).
    pub const WU_E_UH_INVALIDMETADATA: HResult = HResult(0x8024_2006);
    /// A service the operation needs is disabled.
    pub const ERROR_SERVICE_DISABLED: HResult = HResult(0x8007_0422);
    /// A service did not answer its start or control request in time.
    pub const ERROR_SERVICE_REQUEST_TIMEOUT: HResult = HResult(0x8007_041D);
    /// The server could not be reached.
    pub const ERROR_INTERNET_CANNOT_CONNECT: HResult = HResult(0x8007_2EFD);
    /// The server is too busy (HTTP 503).
    pub const WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL: HResult = HResult(0x8024_4022);
    /// The server did not answer in time.
    pub const ERROR_INTERNET_TIMEOUT: HResult = HResult(0x8007_2EE2);
    /// The server does not have the file (HTTP 404).
    pub const WU_E_PT_HTTP_STATUS_NOT_FOUND: HResult = HResult(0x8024_4019);
    /// DISM could not find the source files for a repair.
    pub const CBS_E_SOURCE_MISSING: HResult = HResult(0x800F_081F);
    /// Windows Update access is turned off by policy (`DisableWindowsUpdateAccess`).
    pub const WU_E_WU_DISABLED: HResult = HResult(0x8024_002E);
    /// `UseWUServer` is set but the `WUServer` policy value is missing.
    pub const WU_E_PT_SUS_SERVER_NOT_SET: HResult = HResult(0x8024_4011);
    /// The intranet server's URL has no `http://` or `https://`.
    pub const ERROR_INTERNET_UNRECOGNIZED_SCHEME: HResult = HResult(0x8007_2EE6);

    /// Every code the model produces, named above (each has a catalog entry: tested).
    pub const MODEL: [HResult; 22] = [
        HResult::WU_E_SERVICE_STOP,
        HResult::WU_E_NO_CONNECTION,
        HResult::WU_E_PT_WINHTTP_NAME_NOT_RESOLVED,
        HResult::ERROR_WINHTTP_SECURE_FAILURE,
        HResult::WU_E_PT_INVALID_FORMAT,
        HResult::WU_E_DM_FAILTOCONNECTTOBITS,
        HResult::ERROR_DISK_FULL,
        HResult::ERROR_INVALID_DATA,
        HResult::WU_E_UH_NEEDANOTHERDOWNLOAD,
        HResult::WU_E_INSTALL_NOT_ALLOWED,
        HResult::ERROR_SXS_COMPONENT_STORE_CORRUPT,
        HResult::WU_E_UH_INVALIDMETADATA,
        HResult::ERROR_SERVICE_DISABLED,
        HResult::ERROR_SERVICE_REQUEST_TIMEOUT,
        HResult::ERROR_INTERNET_CANNOT_CONNECT,
        HResult::WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL,
        HResult::ERROR_INTERNET_TIMEOUT,
        HResult::WU_E_PT_HTTP_STATUS_NOT_FOUND,
        HResult::CBS_E_SOURCE_MISSING,
        HResult::WU_E_WU_DISABLED,
        HResult::WU_E_PT_SUS_SERVER_NOT_SET,
        HResult::ERROR_INTERNET_UNRECOGNIZED_SCHEME,
    ];

    /// The catalog entry for this code, if wusim knows it.
    pub fn info(self) -> Option<&'static codes::ErrorInfo> {
        codes::lookup(self.0)
    }
}

impl fmt::Display for HResult {
    /// `0x80070422`, lower-case hex as the Settings page shows it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_the_model_produces_is_in_the_catalog() {
        for code in HResult::MODEL {
            assert!(code.info().is_some(), "{code} has no catalog entry");
        }
        assert_eq!(
            HResult::ERROR_SERVICE_DISABLED,
            Win32Error::SERVICE_DISABLED.hresult()
        );
        assert_eq!(
            HResult::ERROR_SERVICE_REQUEST_TIMEOUT,
            Win32Error::SERVICE_REQUEST_TIMEOUT.hresult()
        );
    }

    #[test]
    fn win32_wraps_into_facility_7() {
        assert_eq!(Win32Error::SERVICE_DISABLED.hresult(), HResult(0x8007_0422));
        assert_eq!(HResult(0x8007_0422).to_string(), "0x80070422");
    }

    #[test]
    fn messages_come_from_the_catalog() {
        assert!(
            Win32Error::SERVICE_DISABLED
                .message()
                .starts_with("The service cannot be started")
        );
    }
}
