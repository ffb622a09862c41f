//! The cmdlets of the PowerShell prompt, one file per family, each declaring its cmdlets
//! ([`Spec`]: name, parameters, how it runs) beside its code:
//! [`objects`] (the pipeline's own: `Where-Object`, `Select-Object`, `Format-Table`,
//! `Write-Host`...), [`services`], [`files`] (the file system and the registry provider),
//! [`registry`] (item properties), [`system`] (time, disks, network, CIM, processes) and
//! [`legacy`] (cmdlets answered by the older text-producing code: the service controls,
//! `Rename-Item`, the logs).
//!
//! [`UNSIMULATED`] lists real cmdlets wusim does not model: they get the "not simulated"
//! note instead of PowerShell's "not recognized".

pub(crate) mod files;
pub(crate) mod legacy;
pub(crate) mod objects;
pub(crate) mod registry;
pub(crate) mod services;
pub(crate) mod system;

use super::eval::{Interp, R};
use super::invoke::Call;
use super::value::Value;

/// How a cmdlet runs.
/// `What if:`/`VERBOSE:` for an operation on an item or a registry value; false when
/// `-WhatIf` stops it.
pub(crate) fn announce(
    interp: &mut Interp<'_, '_>,
    call: &Call,
    operation: &str,
    target: &str,
) -> bool {
    if call.what_if {
        interp.out.push_str(&format!(
            "What if: Performing the operation \"{operation}\" on target \"{target}\".\n"
        ));
        return false;
    }
    if call.verbose {
        interp.out.push_str(&format!(
            "VERBOSE: Performing the operation \"{operation}\" on target \"{target}\".\n"
        ));
    }
    true
}

pub(crate) type RunCmdlet = fn(&mut Interp<'_, '_>, &Call) -> R<Vec<Value>>;

/// A cmdlet.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec {
    /// Its name, as PowerShell spells it.
    pub(crate) name: &'static str,
    /// Its parameters (the common ones are understood by all).
    pub(crate) params: &'static [Param],
    /// How it runs.
    pub(crate) run: RunCmdlet,
    /// True when it can change the PC.
    pub(crate) changes_state: bool,
}

impl Spec {
    /// The implementing class, for FullyQualifiedErrorIds.
    pub(crate) fn error_source(&self) -> String {
        format!(
            "Microsoft.PowerShell.Commands.{}Command",
            self.name.replace('-', "")
        )
    }
}

/// A parameter.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Param {
    /// Its name.
    pub(crate) name: &'static str,
    /// Its aliases (`-Recurse` has none, `-Path` has `PSPath`...).
    pub(crate) aliases: &'static [&'static str],
    /// What it takes.
    pub(crate) kind: Kind,
    /// Its position for values given without a name.
    pub(crate) position: Option<u8>,
}

/// What a parameter takes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    /// Nothing: a switch.
    Switch,
    /// One value, of the .NET type named in binding errors.
    Value(&'static str),
    /// Every positional value left (`Write-Host a b c`).
    Rest(&'static str),
}

/// A value parameter.
pub(crate) const fn v(name: &'static str, position: Option<u8>) -> Param {
    Param {
        name,
        aliases: &[],
        kind: Kind::Value("System.String"),
        position,
    }
}

/// A value parameter with a type name for binding errors.
pub(crate) const fn typed(
    name: &'static str,
    type_name: &'static str,
    position: Option<u8>,
) -> Param {
    Param {
        name,
        aliases: &[],
        kind: Kind::Value(type_name),
        position,
    }
}

/// A value parameter with aliases.
pub(crate) const fn aka(
    name: &'static str,
    aliases: &'static [&'static str],
    position: Option<u8>,
) -> Param {
    Param {
        name,
        aliases,
        kind: Kind::Value("System.String"),
        position,
    }
}

/// A switch.
pub(crate) const fn s(name: &'static str) -> Param {
    Param {
        name,
        aliases: &[],
        kind: Kind::Switch,
        position: None,
    }
}

/// The parameter taking every positional value left.
pub(crate) const fn rest(name: &'static str, position: u8) -> Param {
    Param {
        name,
        aliases: &[],
        kind: Kind::Rest("System.Object"),
        position: Some(position),
    }
}

/// A cmdlet entry.
pub(crate) const fn spec(
    name: &'static str,
    params: &'static [Param],
    run: RunCmdlet,
    changes_state: bool,
) -> Spec {
    Spec {
        name,
        params,
        run,
        changes_state,
    }
}

const FAMILIES: &[&[Spec]] = &[
    objects::SPECS,
    services::SPECS,
    files::SPECS,
    registry::SPECS,
    system::SPECS,
    legacy::SPECS,
];

/// The cmdlet with this (lower-case) name.
pub(crate) fn find(lower: &str) -> Option<&'static Spec> {
    FAMILIES
        .iter()
        .flat_map(|f| f.iter())
        .find(|s| s.name.eq_ignore_ascii_case(lower))
}

/// Every cmdlet wusim runs.
pub(crate) fn all() -> impl Iterator<Item = &'static Spec> {
    FAMILIES.iter().flat_map(|f| f.iter())
}

/// Real Windows PowerShell 5.1 cmdlets that wusim knows of but does not model.
pub(crate) const UNSIMULATED: &[&str] = &[
    "Add-AppxPackage",
    "Add-Computer",
    "Add-Type",
    "Add-WindowsCapability",
    "Clear-DnsClientCache",
    "Clear-EventLog",
    "Clear-RecycleBin",
    "Compare-Object",
    "ConvertFrom-Json",
    "ConvertTo-Csv",
    "ConvertTo-Html",
    "ConvertTo-Json",
    "Disable-ScheduledTask",
    "Enable-PSRemoting",
    "Enable-ScheduledTask",
    "Enter-PSSession",
    "Export-Csv",
    "Get-Acl",
    "Get-AppxPackage",
    "Get-BitsTransfer",
    "Get-Credential",
    "Get-Disk",
    "Get-DnsClientServerAddress",
    "Get-EventLog",
    "Get-History",
    "Get-LocalUser",
    "Get-NetIPAddress",
    "Get-NetIPConfiguration",
    "Get-Package",
    "Get-Partition",
    "Get-PhysicalDisk",
    "Get-Process",
    "Get-ScheduledTask",
    "Get-WindowsPackage",
    "Get-WindowsCapability",
    "Get-WUHistory",
    "Get-WindowsUpdate",
    "Import-Csv",
    "Import-Module",
    "Install-Module",
    "Install-Package",
    "Install-WindowsUpdate",
    "Invoke-Command",
    "Invoke-Expression",
    "Invoke-RestMethod",
    "Invoke-WebRequest",
    "New-Object",
    "New-PSDrive",
    "New-ScheduledTask",
    "Optimize-Volume",
    "Read-Host",
    "Register-ScheduledTask",
    "Remove-AppxPackage",
    "Repair-Volume",
    "Repair-WindowsImage",
    "Reset-ComputerMachinePassword",
    "Resolve-DnsName",
    "Restart-NetAdapter",
    "Set-Acl",
    "Set-DnsClientServerAddress",
    "Set-MpPreference",
    "Set-NetAdapter",
    "Stop-Computer",
    "Stop-Process",
    "Test-ComputerSecureChannel",
    "Unblock-File",
    "Update-Help",
    "Wait-Process",
];

/// True for a real cmdlet wusim does not model.
pub(crate) fn is_unsimulated(lower: &str) -> bool {
    UNSIMULATED.iter().any(|n| n.eq_ignore_ascii_case(lower))
}

/// A cmdlet's proper spelling, from its lower-case name.
pub(crate) fn proper_name(lower: &str) -> Option<&'static str> {
    UNSIMULATED
        .iter()
        .copied()
        .chain(all().map(|s| s.name))
        .find(|n| n.eq_ignore_ascii_case(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cmdlet_is_declared_once_and_none_is_both_run_and_unsimulated() {
        let mut names: Vec<String> = all().map(|s| s.name.to_ascii_lowercase()).collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "a cmdlet is declared twice");
        for n in UNSIMULATED {
            assert!(find(&n.to_ascii_lowercase()).is_none(), "{n} is both");
        }
        for s in all() {
            let mut positions: Vec<u8> = s.params.iter().filter_map(|p| p.position).collect();
            let count = positions.len();
            positions.dedup();
            assert_eq!(
                positions.len(),
                count,
                "{}: two parameters share a position",
                s.name
            );
        }
    }
}
