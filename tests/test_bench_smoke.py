"""Every benchmark still starts: `python -m bench.<name> --smoke` runs it at toy sizes (SQLite only, no
wrk, a fraction of a second of load) and must exit 0 having printed its ratio lines. The full runs stay
manual (`make bench`); this only makes a benchmark that no longer runs fail the suite."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each benchmark prints when it got through: its ratio line(s).
RATIO_LINES = {
    "plan_parse_lint": ["ratio (parse + lint / read + segment): "],
    "pages": [
        "| page | requests/s page/static | p95 page/static |",
        "query counts with 1 and with 2 organizations: equal",
    ],
    "complaints_submit": ["reports/s ÷ trivial POSTs/s = ", "— ALL FOUND"],
    "disclosure_portal": ["| page | Django req/s | static req/s | req/s page/static |", "errors: 0"],
    "queue_tickets": ["tickets/s ÷ trivial POSTs/s = ", "each exactly once"],
    "procurement_flags": ["ratio (sujarit / pandas): time ", "flags identical: yes"],
    "coi_matching": ["ratio (pandas / sujarit): time ", "same matches and scores: yes"],
    "many_orgs": [
        "| page | requests/s page/static | p95 ms page |",
        "an organization's query counts with 1 and with 20 organizations: equal",
    ],
}


def test_every_benchmark_has_a_smoke_run():
    from bench.__main__ import BENCHMARKS

    modules = {p.stem for p in (ROOT / "bench").glob("*.py")} - {
        "__init__",
        "__main__",
        "clone_orgs",  # the generator of many organizations with all their records (bench.many_orgs)
        "load",  # the load generators and the server, shared by the benchmarks
        "screenshots",
    }
    assert modules == set(BENCHMARKS) == set(RATIO_LINES)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(RATIO_LINES))
def test_benchmark_runs_in_smoke_mode(name, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["TMPDIR"] = str(tmp_path)  # the throwaway databases land here
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-4000:]
    for line in RATIO_LINES[name]:
        assert line in done.stdout, out[-4000:]
