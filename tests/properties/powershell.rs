//! The PowerShell prompt: a pipeline of services into a cmdlet does what the same cmdlet
//! does to each service in turn.

use proptest::prelude::*;
use wusim::engine::SimDuration;
use wusim::pc::Pc;
use wusim::scm::{ServiceId, StartType};
use wusim::shell::Shell;
use wusim::world::registry::Registry;

fn service() -> impl Strategy<Value = ServiceId> {
    let all: Vec<ServiceId> = ServiceId::all().collect();
    proptest::sample::select(all)
}

fn start_type() -> impl Strategy<Value = StartType> {
    prop_oneof![
        Just(StartType::Automatic),
        Just(StartType::AutomaticDelayed),
        Just(StartType::Manual),
        Just(StartType::Disabled),
    ]
}

/// A cmdlet and its arguments after the service names.
fn action() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Stop-Service -Force".to_string()),
        Just("Start-Service".to_string()),
        Just("Restart-Service -Force".to_string()),
        prop_oneof![Just("Automatic"), Just("Manual"), Just("Disabled")]
            .prop_map(|t| format!("Set-Service -StartupType {t}")),
    ]
}

/// A PC whose services start in random states with random start types.
fn pc(setup: &[(ServiceId, StartType, bool)]) -> Pc {
    let mut pc = Pc::builder().seed(7).build();
    for (id, start_type, running) in setup {
        let _ = pc.set_start_type(*id, *start_type);
        if *running {
            let _ = pc.start_service(*id);
        }
    }
    pc.run_for(SimDuration::from_secs(30));
    pc
}

/// What the two runs must agree on: every service's state and start type, the registry's
/// `Start` values, and the clock.
fn fingerprint(pc: &Pc) -> Vec<String> {
    let mut out: Vec<String> = ServiceId::all()
        .map(|id| {
            let status = pc.scm().status(id);
            let start = pc
                .world()
                .registry
                .dword(Registry::service_key(id), "Start");
            format!(
                "{} {:?} {:?} {start:?}",
                id.name(),
                status.state,
                status.start_type
            )
        })
        .collect();
    out.push(format!("{:?}", pc.now()));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// `Get-Service a, b | <cmdlet>` leaves the PC as `<cmdlet> a; <cmdlet> b` does, for two
    /// different services.
    #[test]
    fn a_pipeline_is_the_cmdlet_run_on_each_service(
        setup in proptest::collection::vec((service(), start_type(), any::<bool>()), 0..6),
        a in service(),
        b in service(),
        action in action(),
    ) {
        prop_assume!(a != b);
        let mut piped = pc(&setup);
        let mut one_by_one = piped.clone();
        let (a, b) = (a.name(), b.name());
        let mut shell = Shell::new_powershell(&piped);
        let out = shell.execute(&mut piped, &format!("Get-Service {a}, {b} | {action}"));
        let mut shell2 = Shell::new_powershell(&one_by_one);
        let (cmdlet, rest) = action.split_once(' ').unwrap_or((action.as_str(), ""));
        let out2 = shell2.execute(&mut one_by_one, &format!("{cmdlet} {a} {rest}; {cmdlet} {b} {rest}"));
        prop_assert_eq!(fingerprint(&piped), fingerprint(&one_by_one), "{}\n---\n{}", out.text, out2.text);
        prop_assert_eq!(out.harms, out2.harms);
    }
}
