//! How much memory a simulated PC takes: `cargo bench --bench footprint` prints the bytes a
//! default PC holds — its own size plus what it holds on the heap ([`Pc::footprint`]) — when
//! built, after a day of normal work (a scan, a download, an install, a restart), and after a
//! component reset (which leaves its file system changed) and a day.
//!
//! Fleet runs will hold hundreds of thousands of PCs, so this is a figure to watch (the
//! target for fleets is about 1 KB a PC). Shared data (the default catalog, the default
//! file-system tree) is counted once, outside the PCs. The figures come from capacities, not
//! from timing, so they are the same on every run.

use wusim::engine::SimDuration;
use wusim::pc::Pc;
use wusim::scm::ServiceId;
use wusim::world::{default_fs, files};

fn report(label: &str, pc: &Pc) {
    let (inline, heap) = pc.footprint();
    println!(
        "{label:<40} {inline:>5} B inline + {heap:>6} B heap = {:>6} B  ({} file-system changes, {} log records, {} events pending)",
        inline + heap,
        pc.world().fs.changed_entries(),
        pc.log().len(),
        pc.pending_events(),
    );
}

fn main() {
    report("default PC, built", &Pc::default());

    let mut pc = Pc::builder().seed(1).build();
    pc.check_for_updates();
    pc.run_for(SimDuration::from_hours(24));
    report("after a day (scan, install, restart)", &pc);

    let mut pc = Pc::builder().seed(1).build();
    for s in [ServiceId::WUAUSERV, ServiceId::BITS] {
        let _ = pc.stop_service(s, true);
    }
    pc.run_for(SimDuration::from_secs(10));
    let _ = pc.act(|w| {
        files::rename(
            w,
            default_fs::SOFTWARE_DISTRIBUTION,
            "SoftwareDistribution.old",
        )
    });
    pc.check_for_updates();
    pc.run_for(SimDuration::from_hours(24));
    report("after a component reset and a day", &pc);
}
