//! The services of a default Windows 10/11 PC that matter to Windows Update, as data.
//!
//! Names, display names, start types, dependencies, accounts and binary paths follow the
//! reference (`windows-update-facts.md` §1, `windows-command-output.md` §1 and §10): client
//! defaults as observed with `sc qc` on Windows 10/11 where Microsoft documents none. Where the
//! reference is silent the row says so in a comment and the book lists it as a simplification:
//! the dependencies among the three core RPC services, the binary paths of services outside the
//! update pipeline, and AppIDSvc's start type.

use super::service::{ServiceId, ServiceKind, ServiceSpec, ShutdownControl, StartType};

impl ServiceId {
    /// Remote Procedure Call (RPC).
    pub const RPCSS: ServiceId = ServiceId(0);
    /// DCOM Server Process Launcher.
    pub const DCOM_LAUNCH: ServiceId = ServiceId(1);
    /// RPC Endpoint Mapper.
    pub const RPC_EPT_MAPPER: ServiceId = ServiceId(2);
    /// Windows Update.
    pub const WUAUSERV: ServiceId = ServiceId(3);
    /// Update Orchestrator Service.
    pub const USOSVC: ServiceId = ServiceId(4);
    /// Background Intelligent Transfer Service.
    pub const BITS: ServiceId = ServiceId(5);
    /// Cryptographic Services.
    pub const CRYPTSVC: ServiceId = ServiceId(6);
    /// Windows Modules Installer.
    pub const TRUSTED_INSTALLER: ServiceId = ServiceId(7);
    /// Windows Update Medic Service.
    pub const WAAS_MEDIC: ServiceId = ServiceId(8);
    /// Delivery Optimization.
    pub const DOSVC: ServiceId = ServiceId(9);
    /// Windows Installer.
    pub const MSISERVER: ServiceId = ServiceId(10);
    /// Windows Time.
    pub const W32TIME: ServiceId = ServiceId(11);
    /// Application Identity.
    pub const APPIDSVC: ServiceId = ServiceId(12);
}

/// Number of services in the table.
pub const SERVICE_COUNT: usize = 13;

const NETSVCS: &str = r"C:\WINDOWS\system32\svchost.exe -k netsvcs -p";

/// The table, indexed by [`ServiceId`].
pub(crate) static SERVICES: [ServiceSpec; SERVICE_COUNT] = [
    ServiceSpec {
        name: "RpcSs",
        display_name: "Remote Procedure Call (RPC)",
        description: "The RPCSS service is the Service Control Manager for COM and DCOM servers. It performs object activations requests, object exporter resolutions and distributed garbage collection for COM and DCOM servers. If this service is stopped or disabled, programs using COM or DCOM will not function properly.",
        default_start: StartType::Automatic,
        kind: ServiceKind::ShareProcess,
        // Binary path not in the reference: the usual svchost group.
        binary_path: r"C:\WINDOWS\system32\svchost.exe -k rpcss -p",
        load_order_group: "COM Infrastructure",
        account: r"NT AUTHORITY\NetworkService",
        // The reference gives no dependencies for RpcSs.
        depends_on: &[],
        stoppable: false,
        shutdown: ShutdownControl::Ignores,
        protected: false,
        stops_when_idle: false,
    },
    ServiceSpec {
        name: "DcomLaunch",
        display_name: "DCOM Server Process Launcher",
        description: "The DCOMLAUNCH service launches COM and DCOM servers in response to object activation requests. If this service is stopped or disabled, programs using COM or DCOM will not function properly.",
        default_start: StartType::Automatic,
        kind: ServiceKind::ShareProcess,
        binary_path: r"C:\WINDOWS\system32\svchost.exe -k DcomLaunch -p",
        load_order_group: "COM Infrastructure",
        account: "LocalSystem",
        depends_on: &[],
        stoppable: false,
        shutdown: ShutdownControl::Ignores,
        protected: false,
        stops_when_idle: false,
    },
    ServiceSpec {
        name: "RpcEptMapper",
        display_name: "RPC Endpoint Mapper",
        description: "Resolves RPC interfaces identifiers to transport endpoints. If this service is stopped or disabled, programs using Remote Procedure Call (RPC) services will not function properly.",
        default_start: StartType::Automatic,
        kind: ServiceKind::ShareProcess,
        binary_path: r"C:\WINDOWS\system32\svchost.exe -k RPCSS -p",
        load_order_group: "COM Infrastructure",
        account: r"NT AUTHORITY\NetworkService",
        depends_on: &[],
        stoppable: false,
        shutdown: ShutdownControl::Ignores,
        protected: false,
        stops_when_idle: false,
    },
    ServiceSpec {
        name: "wuauserv",
        display_name: "Windows Update",
        description: "Enables the detection, download, and installation of updates for Windows and other programs. If this service is disabled, users of this computer will not be able to use Windows Update or its automatic updating feature, and programs will not be able to use the Windows Update Agent (WUA) API.",
        default_start: StartType::Manual,
        kind: ServiceKind::ShareProcess,
        binary_path: NETSVCS,
        load_order_group: "",
        account: "LocalSystem",
        depends_on: &["rpcss"],
        stoppable: true,
        shutdown: ShutdownControl::Preshutdown,
        protected: false,
        stops_when_idle: true,
    },
    ServiceSpec {
        name: "UsoSvc",
        display_name: "Update Orchestrator Service",
        description: "Manages Windows Updates. If stopped, your devices will not be able to download and install the latest updates.",
        default_start: StartType::AutomaticDelayed,
        kind: ServiceKind::ShareProcess,
        binary_path: r"C:\Windows\system32\svchost.exe -k netsvcs -p",
        load_order_group: "",
        account: "LocalSystem",
        depends_on: &["rpcss"],
        stoppable: true,
        shutdown: ShutdownControl::Shutdown,
        protected: false,
        stops_when_idle: false,
    },
    ServiceSpec {
        name: "BITS",
        display_name: "Background Intelligent Transfer Service",
        description: "Transfers files in the background using idle network bandwidth. If the service is disabled, then any applications that depend on BITS, such as Windows Update or MSN Explorer, will be unable to automatically download programs and other information.",
        default_start: StartType::Manual,
        kind: ServiceKind::ShareProcess,
        binary_path: r"C:\Windows\System32\svchost.exe -k netsvcs -p",
        load_order_group: "",
        account: "LocalSystem",
        depends_on: &["RpcSs"],
        stoppable: true,
        shutdown: ShutdownControl::Preshutdown,
        protected: false,
        stops_when_idle: true,
    },
    ServiceSpec {
        name: "CryptSvc",
        display_name: "Cryptographic Services",
        description: "Provides three management services: Catalog Database Service, which confirms the signatures of Windows files and allows new programs to be installed; Protected Root Service, which adds and removes Trusted Root Certification Authority certificates from this computer; and Automatic Root Certificate Update Service, which retrieves root certificates from Windows Update and enable scenarios such as SSL. If this service is stopped, these management services will not function properly. If this service is disabled, any services that explicitly depend on it will fail to start.",
        default_start: StartType::Automatic,
        kind: ServiceKind::ShareProcess,
        binary_path: r"C:\Windows\system32\svchost.exe -k NetworkService -p",
        load_order_group: "",
        account: r"NT Authority\NetworkService",
        depends_on: &["RpcSs"],
        stoppable: true,
        shutdown: ShutdownControl::Shutdown,
        protected: false,
        stops_when_idle: false,
    },
    ServiceSpec {
        name: "TrustedInstaller",
        display_name: "Windows Modules Installer",
        description: "Enables installation, modification, and removal of Windows updates and optional components. If this service is disabled, install or uninstall of Windows updates might fail for this computer.",
        default_start: StartType::Manual,
        kind: ServiceKind::OwnProcess,
        binary_path: r"C:\Windows\servicing\TrustedInstaller.exe",
        load_order_group: "ProfSvc_Group",
        account: "localSystem",
        depends_on: &[],
        stoppable: true,
        shutdown: ShutdownControl::Preshutdown,
        protected: false,
        stops_when_idle: true,
    },
    ServiceSpec {
        name: "WaaSMedicSvc",
        display_name: "Windows Update Medic Service",
        description: "Enables remediation and protection of Windows Update components.",
        default_start: StartType::Manual,
        kind: ServiceKind::ShareProcess,
        binary_path: r"C:\Windows\system32\svchost.exe -k wusvcs -p",
        load_order_group: "",
        account: "LocalSystem",
        depends_on: &["rpcss"],
        stoppable: true,
        shutdown: ShutdownControl::Shutdown,
        protected: true,
        stops_when_idle: true,
    },
    ServiceSpec {
        name: "DoSvc",
        display_name: "Delivery Optimization",
        description: "Performs content delivery optimization tasks",
        default_start: StartType::AutomaticDelayed,
        kind: ServiceKind::ShareProcess,
        binary_path: r"C:\WINDOWS\System32\svchost.exe -k NetworkService -p",
        load_order_group: "",
        account: r"NT Authority\NetworkService",
        depends_on: &["rpcss"],
        stoppable: true,
        shutdown: ShutdownControl::Preshutdown,
        protected: false,
        stops_when_idle: false,
    },
    ServiceSpec {
        name: "msiserver",
        display_name: "Windows Installer",
        description: "Adds, modifies, and removes applications provided as a Windows Installer (*.msi, *.msp) package. If this service is disabled, any services that explicitly depend on it will fail to start.",
        default_start: StartType::Manual,
        kind: ServiceKind::OwnProcess,
        binary_path: r"C:\WINDOWS\system32\msiexec.exe /V",
        load_order_group: "",
        account: "LocalSystem",
        // The reference lists no dependencies for msiserver.
        depends_on: &[],
        stoppable: true,
        shutdown: ShutdownControl::Shutdown,
        protected: false,
        stops_when_idle: false,
    },
    ServiceSpec {
        name: "W32Time",
        display_name: "Windows Time",
        description: "Maintains date and time synchronization on all clients and servers in the network. If this service is stopped, date and time synchronization will be unavailable. If this service is disabled, any services that explicitly depend on it will fail to start.",
        // The reference: client default unconfirmed, "often Manual (Trigger Start)".
        default_start: StartType::ManualTrigger,
        kind: ServiceKind::ShareProcess,
        binary_path: r"C:\WINDOWS\system32\svchost.exe -k LocalService",
        load_order_group: "",
        account: r"NT AUTHORITY\LocalService",
        depends_on: &[],
        stoppable: true,
        shutdown: ShutdownControl::Shutdown,
        protected: false,
        stops_when_idle: false,
    },
    ServiceSpec {
        name: "AppIDSvc",
        display_name: "Application Identity",
        description: "Determines and verifies the identity of an application. Disabling this service will prevent AppLocker from being enforced.",
        // The reference does not give its start type; it says AppIDSvc depends on CryptSvc.
        default_start: StartType::ManualTrigger,
        kind: ServiceKind::ShareProcess,
        binary_path: r"C:\WINDOWS\system32\svchost.exe -k LocalServiceNetworkRestricted -p",
        load_order_group: "",
        account: r"NT Authority\LocalService",
        depends_on: &["CryptSvc"],
        stoppable: true,
        shutdown: ShutdownControl::Shutdown,
        protected: false,
        stops_when_idle: false,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_name_the_right_rows() {
        let expected = [
            (ServiceId::RPCSS, "RpcSs"),
            (ServiceId::DCOM_LAUNCH, "DcomLaunch"),
            (ServiceId::RPC_EPT_MAPPER, "RpcEptMapper"),
            (ServiceId::WUAUSERV, "wuauserv"),
            (ServiceId::USOSVC, "UsoSvc"),
            (ServiceId::BITS, "BITS"),
            (ServiceId::CRYPTSVC, "CryptSvc"),
            (ServiceId::TRUSTED_INSTALLER, "TrustedInstaller"),
            (ServiceId::WAAS_MEDIC, "WaaSMedicSvc"),
            (ServiceId::DOSVC, "DoSvc"),
            (ServiceId::MSISERVER, "msiserver"),
            (ServiceId::W32TIME, "W32Time"),
            (ServiceId::APPIDSVC, "AppIDSvc"),
        ];
        assert_eq!(expected.len(), SERVICE_COUNT);
        for (id, name) in expected {
            assert_eq!(id.name(), name);
        }
    }

    #[test]
    fn names_are_unique_ignoring_case() {
        for a in ServiceId::all() {
            for b in ServiceId::all().filter(|&b| b != a) {
                assert!(!a.name().eq_ignore_ascii_case(b.name()));
                assert!(!a.display_name().eq_ignore_ascii_case(b.display_name()));
            }
        }
    }

    #[test]
    fn find_by_service_or_display_name_any_case() {
        assert_eq!(ServiceId::find("WUAUSERV"), Some(ServiceId::WUAUSERV));
        assert_eq!(ServiceId::find("windows update"), Some(ServiceId::WUAUSERV));
        assert_eq!(ServiceId::find(" bits "), Some(ServiceId::BITS));
        assert_eq!(ServiceId::find("wuaserv"), None);
    }

    #[test]
    fn update_services_match_the_reference_defaults() {
        use StartType::*;
        let defaults = [
            (ServiceId::WUAUSERV, Manual),
            (ServiceId::USOSVC, AutomaticDelayed),
            (ServiceId::BITS, Manual),
            (ServiceId::CRYPTSVC, Automatic),
            (ServiceId::TRUSTED_INSTALLER, Manual),
            (ServiceId::WAAS_MEDIC, Manual),
            (ServiceId::DOSVC, AutomaticDelayed),
            (ServiceId::MSISERVER, Manual),
        ];
        for (id, start) in defaults {
            assert_eq!(id.spec().default_start, start, "{id}");
        }
    }
}
