#!/usr/bin/env bash
# fleet-ref side by side: the SimPy model (perf/fleet_simpy.py) and the same model on wusim's
# engine (benches/fleet_ref.rs), at each fleet size in $SIZES (default 10000), 30 simulated
# days. Prints the median run times, the model events of each and the ratio SimPy / wusim.
#
#   perf/compare.sh                       # 10 000 devices
#   SIZES="10000 100000" perf/compare.sh  # several sizes
#
# Creates perf/.venv (SimPy 4.1.2) on first use. Cargo builds into $CARGO_TARGET_DIR if set.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZES="${SIZES:-10000}"
DAYS=30
VENV=perf/.venv

if [[ ! -x "$VENV/bin/python" ]]; then
    echo "Creating $VENV with SimPy 4.1.2 ..." >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install simpy==4.1.2
fi

# Build the benchmark first, so that compiling is not mixed with the runs.
cargo bench --bench fleet_ref --no-run >&2

results=$(mktemp)
trap 'rm -f "$results"' EXIT

for n in $SIZES; do
    echo "== $n devices, $DAYS days: SimPy (3 reps) ..." >&2
    "$VENV/bin/python" perf/fleet_simpy.py --devices "$n" --days "$DAYS" --reps 3 | tee -a "$results" >&2
    echo "== $n devices, $DAYS days: wusim engine (5 reps) ..." >&2
    cargo bench --bench fleet_ref -- --devices "$n" --days "$DAYS" --reps 5 | tee -a "$results" >&2
done

"$VENV/bin/python" - "$results" "$DAYS" <<'EOF'
import json, sys

simpy_runs, simpy, wusim = {}, {}, {}
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith('{'):
        continue
    d = json.loads(line)
    if 'impl' not in d:            # a per-repetition line of the Python
        simpy_runs.setdefault(d['model_events'], d)
    elif d['impl'].startswith('simpy'):
        simpy[d['devices']] = d
    elif d['impl'] == 'wusim-engine':
        wusim[d['devices']] = d

def m(x):
    return f"{x / 1e6:.2f} M" if x else "?"

rows = [(n, simpy[n], wusim[n]) for n in sorted(wusim) if n in simpy]
print()
print(f"fleet-ref, {sys.argv[2]} simulated days: median run time (wall clock) and model events (timers fired)")
head = (f"{'devices':>8} | {'SimPy s':>8} | {'wusim s':>8} | {'SimPy events':>12} | {'wusim events':>12}"
        f" | {'SimPy ev/s':>10} | {'wusim ev/s':>10} | {'ratio':>7}")
print(head)
print('-' * len(head))
for n, s, w in rows:
    ratio = s['median_run_s'] / w['median_run_s']
    print(f"{n:>8} | {s['median_run_s']:>8.3f} | {w['median_run_s']:>8.4f} | {s['model_events']:>12} | "
          f"{w['model_events']:>12} | {m(s['median_ev_per_s']):>10} | {m(w['median_ev_per_s']):>10} | {ratio:>6.1f}x")
print()
for n, s, w in rows:
    if s.get('median_cpu_s') and w.get('median_cpu_s'):
        print(f"{n} devices, CPU time of the run: SimPy {s['median_cpu_s']:.3f} s, wusim {w['median_cpu_s']:.4f} s "
              f"({m(s['median_ev_per_cpu_s'])} vs {m(w['median_ev_per_cpu_s'])} events/CPU-s): ratio "
              f"{s['median_cpu_s'] / w['median_cpu_s']:.1f}x")
    r = simpy_runs.get(s['model_events'], {})
    print(f"{n} devices: faults SimPy {r.get('faults', '?')} / wusim {w['faults']}, "
          f"installs SimPy {r.get('installs', '?')} / wusim {w['installs']}")
print()
print("ratio = SimPy time / wusim time; target >= 50x at 10000 devices. The RNG streams differ, so the")
print("counts are statistically similar, not identical. On a busy machine trust the CPU-time ratio more.")
EOF
