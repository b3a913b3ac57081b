"""`python -m bench` (`make bench`): every benchmark in turn, each in its own process.

`python -m bench --smoke` runs each at toy sizes (what tests/test_bench_smoke.py checks one by one).
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run in this order when present.
BENCHMARKS = [
    "plan_parse_lint",
    "pages",
    "complaints_submit",
    "disclosure_portal",
    "queue_tickets",
    "procurement_flags",
    "coi_matching",
    "many_orgs",
]


def main(argv=None):
    options = sys.argv[1:] if argv is None else argv  # e.g. --smoke, passed to each benchmark
    failed = []
    for name in BENCHMARKS:
        if not (HERE / f"{name}.py").exists():
            print(f"== bench.{name}: not present, skipped", flush=True)
            continue
        print(f"== bench.{name}", flush=True)
        rc = subprocess.call([sys.executable, "-m", f"bench.{name}", *options], cwd=HERE.parent)
        if rc:
            failed.append(name)
            print(f"== bench.{name} failed (exit status {rc})", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
