//! PowerShell cmdlets: which ones the shell knows, their parameters, and how the words after
//! the cmdlet bind to them, the way PowerShell binds them.
//!
//! Parameter names ignore case and may be shortened to any unambiguous prefix (`-N` for
//! `-Name`); a value follows the name or is joined with a colon (`-Name:wuauserv`); values
//! without a name fill the positional parameters in order; a comma separates the items of a
//! list (`wuauserv,bits`). Binding failures keep PowerShell's own error ids, so the error
//! block printed for them is PowerShell's.

use std::collections::BTreeMap;

/// The cmdlets the shell knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CmdletKind {
    /// `Get-Service`.
    GetService,
    /// `Start-Service`.
    StartService,
    /// `Stop-Service`.
    StopService,
    /// `Restart-Service`.
    RestartService,
    /// `Set-Service`.
    SetService,
    /// `Get-HotFix`.
    GetHotFix,
    /// `Get-WinEvent`.
    GetWinEvent,
    /// `Get-WindowsUpdateLog`.
    GetWindowsUpdateLog,
    /// `Restart-Computer`.
    RestartComputer,
    /// `Rename-Item`.
    RenameItem,
    /// `Remove-Item`.
    RemoveItem,
    /// `Get-Help`.
    GetHelp,
}

/// One parameter of a cmdlet.
#[derive(Clone, Copy, Debug)]
struct Param {
    name: &'static str,
    /// The .NET type PowerShell names in binding errors; `None` for a switch.
    type_name: Option<&'static str>,
    /// Position for values given without a name.
    position: Option<usize>,
}

const fn value(name: &'static str, type_name: &'static str, position: Option<usize>) -> Param {
    Param {
        name,
        type_name: Some(type_name),
        position,
    }
}

const fn switch(name: &'static str) -> Param {
    Param {
        name,
        type_name: None,
        position: None,
    }
}

const STRINGS: &str = "System.String[]";
const STRING: &str = "System.String";

impl CmdletKind {
    const ALL: [CmdletKind; 12] = [
        CmdletKind::GetService,
        CmdletKind::StartService,
        CmdletKind::StopService,
        CmdletKind::RestartService,
        CmdletKind::SetService,
        CmdletKind::GetHotFix,
        CmdletKind::GetWinEvent,
        CmdletKind::GetWindowsUpdateLog,
        CmdletKind::RestartComputer,
        CmdletKind::RenameItem,
        CmdletKind::RemoveItem,
        CmdletKind::GetHelp,
    ];

    /// The cmdlet's name, as PowerShell spells it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            CmdletKind::GetService => "Get-Service",
            CmdletKind::StartService => "Start-Service",
            CmdletKind::StopService => "Stop-Service",
            CmdletKind::RestartService => "Restart-Service",
            CmdletKind::SetService => "Set-Service",
            CmdletKind::GetHotFix => "Get-HotFix",
            CmdletKind::GetWinEvent => "Get-WinEvent",
            CmdletKind::GetWindowsUpdateLog => "Get-WindowsUpdateLog",
            CmdletKind::RestartComputer => "Restart-Computer",
            CmdletKind::RenameItem => "Rename-Item",
            CmdletKind::RemoveItem => "Remove-Item",
            CmdletKind::GetHelp => "Get-Help",
        }
    }

    /// The second half of a FullyQualifiedErrorId: the implementing class (a function such
    /// as `Get-WindowsUpdateLog` has none, and PowerShell then names the command).
    pub(crate) fn error_source(self) -> String {
        match self {
            CmdletKind::GetWindowsUpdateLog => self.name().to_string(),
            _ => format!(
                "Microsoft.PowerShell.Commands.{}Command",
                self.name().replace('-', "")
            ),
        }
    }

    fn params(self) -> &'static [Param] {
        const GET_SERVICE: &[Param] = &[
            value("Name", STRINGS, Some(0)),
            value("DisplayName", STRINGS, None),
            switch("DependentServices"),
            switch("RequiredServices"),
        ];
        const START_SERVICE: &[Param] = &[
            value("Name", STRINGS, Some(0)),
            value("DisplayName", STRINGS, None),
            switch("PassThru"),
        ];
        const SERVICE_CONTROL: &[Param] = &[
            value("Name", STRINGS, Some(0)),
            value("DisplayName", STRINGS, None),
            switch("Force"),
            switch("PassThru"),
        ];
        const SET_SERVICE: &[Param] = &[
            value("Name", STRING, Some(0)),
            value(
                "StartupType",
                "System.ServiceProcess.ServiceStartMode",
                None,
            ),
            value("Status", STRING, None),
            switch("PassThru"),
        ];
        const GET_HOTFIX: &[Param] = &[value("Id", STRINGS, Some(0))];
        const GET_WINEVENT: &[Param] = &[
            value("LogName", STRINGS, Some(0)),
            value("MaxEvents", "System.Int64", None),
        ];
        const GET_WINDOWS_UPDATE_LOG: &[Param] = &[value("LogPath", STRING, None)];
        const RESTART_COMPUTER: &[Param] = &[switch("Force")];
        const RENAME_ITEM: &[Param] = &[
            value("Path", STRING, Some(0)),
            value("NewName", STRING, Some(1)),
            switch("Force"),
        ];
        const REMOVE_ITEM: &[Param] = &[
            value("Path", STRINGS, Some(0)),
            switch("Recurse"),
            switch("Force"),
        ];
        const GET_HELP: &[Param] = &[value("Name", STRING, Some(0))];
        match self {
            CmdletKind::GetService => GET_SERVICE,
            CmdletKind::StartService => START_SERVICE,
            CmdletKind::StopService | CmdletKind::RestartService => SERVICE_CONTROL,
            CmdletKind::SetService => SET_SERVICE,
            CmdletKind::GetHotFix => GET_HOTFIX,
            CmdletKind::GetWinEvent => GET_WINEVENT,
            CmdletKind::GetWindowsUpdateLog => GET_WINDOWS_UPDATE_LOG,
            CmdletKind::RestartComputer => RESTART_COMPUTER,
            CmdletKind::RenameItem => RENAME_ITEM,
            CmdletKind::RemoveItem => REMOVE_ITEM,
            CmdletKind::GetHelp => GET_HELP,
        }
    }

    /// The cmdlet a (lower-case) program name calls, with PowerShell's aliases.
    pub(crate) fn find(program: &str) -> Option<CmdletKind> {
        let alias = match program {
            "gsv" => Some(CmdletKind::GetService),
            "sasv" => Some(CmdletKind::StartService),
            "spsv" => Some(CmdletKind::StopService),
            "rni" => Some(CmdletKind::RenameItem),
            _ => None,
        };
        alias.or_else(|| {
            Self::ALL
                .into_iter()
                .find(|k| k.name().eq_ignore_ascii_case(program))
        })
    }
}

/// A cmdlet call: which cmdlet, the statement as typed, and its bound parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cmdlet {
    /// The cmdlet.
    pub(crate) kind: CmdletKind,
    /// The statement as typed, for the `+ ...` line of an error block.
    pub(crate) statement: String,
    /// The bound parameters, or why they could not be bound.
    pub(crate) args: Result<Bound, BindError>,
}

/// Parameters bound to their values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Bound {
    values: BTreeMap<&'static str, String>,
    switches: Vec<&'static str>,
}

impl Bound {
    /// The value of a parameter, as typed.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// The items of a list parameter (split at commas, empty items dropped).
    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        self.value(name)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// True when the switch was given.
    pub(crate) fn switch(&self, name: &str) -> bool {
        self.switches.contains(&name)
    }
}

/// Why PowerShell could not bind the arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum BindError {
    /// `-Foo`: no parameter of that name.
    NamedParameterNotFound(String),
    /// `-S` could be several parameters.
    AmbiguousParameter(String, Vec<&'static str>),
    /// A value with no positional parameter left to take it.
    PositionalParameterNotFound(String),
    /// `-Name` with nothing after it: the parameter and its type.
    MissingArgument(&'static str, &'static str),
}

impl BindError {
    /// PowerShell's message.
    pub(crate) fn message(&self) -> String {
        match self {
            BindError::NamedParameterNotFound(name) => {
                format!("A parameter cannot be found that matches parameter name '{name}'.")
            }
            BindError::AmbiguousParameter(name, matches) => {
                let options: Vec<String> = matches.iter().map(|m| format!("-{m}")).collect();
                format!(
                    "Parameter cannot be processed because the parameter name '{name}' is ambiguous. Possible matches include: {}.",
                    options.join(" ")
                )
            }
            BindError::PositionalParameterNotFound(arg) => {
                format!("A positional parameter cannot be found that accepts argument '{arg}'.")
            }
            BindError::MissingArgument(name, type_name) => format!(
                "Missing an argument for parameter '{name}'. Specify a parameter of type '{type_name}' and try again."
            ),
        }
    }

    /// The first half of the FullyQualifiedErrorId.
    pub(crate) fn id(&self) -> &'static str {
        match self {
            BindError::NamedParameterNotFound(_) => "NamedParameterNotFound",
            BindError::AmbiguousParameter(..) => "AmbiguousParameter",
            BindError::PositionalParameterNotFound(_) => "PositionalParameterNotFound",
            BindError::MissingArgument(..) => "MissingArgument",
        }
    }
}

/// The cmdlet call for a (lower-case) program name and its arguments, if it is a cmdlet.
pub(crate) fn parse(program: &str, args: &[String], statement: &str) -> Option<Cmdlet> {
    let kind = CmdletKind::find(program)?;
    Some(Cmdlet {
        kind,
        statement: statement.to_string(),
        args: bind(kind.params(), args),
    })
}

fn bind(params: &'static [Param], args: &[String]) -> Result<Bound, BindError> {
    let mut bound = Bound::default();
    let mut positional = params
        .iter()
        .filter(|p| p.position.is_some())
        .collect::<Vec<_>>();
    positional.sort_by_key(|p| p.position);
    let mut positional = positional.into_iter();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        let named = arg
            .strip_prefix('-')
            .filter(|rest| rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic()));
        let Some(named) = named else {
            let Some(param) = positional.find(|p| !bound.values.contains_key(p.name)) else {
                return Err(BindError::PositionalParameterNotFound(arg.clone()));
            };
            bound.values.insert(param.name, arg.clone());
            continue;
        };
        let (name, inline) = match named.split_once(':') {
            Some((name, value)) => (name, Some(value)),
            None => (named, None),
        };
        let param = find_param(params, name)?;
        match param.type_name {
            None => bound.switches.push(param.name),
            Some(type_name) => {
                let value = match inline {
                    Some(v) if !v.is_empty() => v.to_string(),
                    _ => match args.get(i) {
                        Some(v) if !is_parameter_name(v) => {
                            i += 1;
                            v.clone()
                        }
                        _ => return Err(BindError::MissingArgument(param.name, type_name)),
                    },
                };
                bound.values.insert(param.name, value);
            }
        }
    }
    Ok(bound)
}

fn is_parameter_name(word: &str) -> bool {
    word.strip_prefix('-')
        .is_some_and(|rest| rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
}

fn find_param(params: &'static [Param], name: &str) -> Result<&'static Param, BindError> {
    if let Some(exact) = params.iter().find(|p| p.name.eq_ignore_ascii_case(name)) {
        return Ok(exact);
    }
    let lower = name.to_ascii_lowercase();
    let matches: Vec<&'static Param> = params
        .iter()
        .filter(|p| p.name.to_ascii_lowercase().starts_with(&lower))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(BindError::NamedParameterNotFound(name.to_string())),
        many => Err(BindError::AmbiguousParameter(
            name.to_string(),
            many.iter().map(|p| p.name).collect(),
        )),
    }
}
