"""Many organizations on one deployment: the oversight pages over 7,850 organizations beside their
static copies, the cost of one organization's snapshot, and an organization's own pages unchanged.

    .venv/bin/python -m bench.many_orgs [--orgs 7850] [--seconds 10] [--connections 4] [--threads 4]
                                        [--python-load] [--smoke]

For each database (a throwaway SQLite file; a throwaway PostgreSQL database too when DATABASE_URL is
set, created beside the one it names and dropped at the end):
1. migrate and load the demo organization with every module's demo data (`sujarit demo load`); time
   the recomputation of its oversight snapshot (every module's figures: its plan's figures and lint,
   the OIT board, the complaint statistics) — what a change costs the next reader, and ×N what the
   nightly `sujarit oversight refresh` costs;
2. count the queries of its public home and plan pages and load them (beside static copies) while it
   is alone; add --orgs - 1 copies of it with all their records — five fiscal years of plans, progress
   reports, complaints, publications, procurement, registers, queue tickets, about 5,000 rows each
   (bench/clone_orgs.py, in SQL) — spread over the 77 provinces and their districts, their oversight
   snapshots given varied figures; count again, and count a copy's pages — all equal, or exit status 1;
3. save each page's HTML as a static file and load, through waitress in a second process, the
   national page (the whole country, a region, a province), its JSON, and the demo's home and plan
   pages, each beside its static copy: requests/s and p95; the aim is p95 < 1 s for the national pages,
   and the organization's pages as fast as when it was alone (the "(alone)" rows).

--smoke: 20 organizations, only the plan's demo data, SQLite only, a fraction of a second per URL.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/many_orgs.py`
    sys.path.insert(0, str(ROOT))

from bench.load import serve_beside_static  # noqa: E402  (the path above first)
from bench.pages import (  # noqa: E402
    add_smoke_option,
    drop_throwaway_database,
    prepare_database,
    query_count,
    run_each_backend,
    smoke_sizes,
    use_throwaway_database,
)


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.backend:
        smoke_sizes(args, seconds=0.3, connections=2, threads=2, orgs=20, python_load=True)
        return run_backend(args)
    return run_each_backend("bench.many_orgs", args, argv)


def _parser():
    p = argparse.ArgumentParser(prog="python -m bench.many_orgs", description=__doc__.split("\n")[0])
    p.add_argument("--orgs", type=int, default=7850, help="organizations in all (default 7850)")
    p.add_argument("--seconds", type=float, default=10, help="load per URL (default 10)")
    p.add_argument("--connections", type=int, default=4, help="concurrent keep-alive connections")
    p.add_argument("--threads", type=int, default=4, help="waitress threads (default 4)")
    p.add_argument("--python-load", action="store_true", help="the Python load generator even if wrk exists")
    add_smoke_option(p)
    p.add_argument("--backend", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    return p


def run_backend(args):
    tmp, pg_name = use_throwaway_database(args.backend)
    try:
        prepare_database(args.backend, tmp)
        from sujarit.core.models import Organization

        org = load_demo(args.smoke)
        fy, snapshot_ms = time_snapshot(org)
        print(f"   one organization's snapshot recomputed: {snapshot_ms:.0f} ms (mean of 3)")

        own = {"home": f"/{org.slug}/", "plan": f"/{org.slug}/plan/"}
        counts_1 = {k: query_count(p) for k, p in own.items()}
        with serve_beside_static(args, own) as served:  # the organization's pages while it is alone
            alone = served.load_each(warmup=2.0)
        started = time.perf_counter()
        counts = add_organizations(args.orgs - 1, fy)
        print(f"   {args.orgs - 1} copies of it with all their records, {sum(counts.values()):,} rows: "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        counts_n = {k: query_count(p) for k, p in own.items()}
        copy = Organization.objects.order_by("-pk").first()
        counts_copy = {k: query_count(p.replace(f"/{org.slug}/", f"/{copy.slug}/")) for k, p in own.items()}
        print(f"   queries of a copy's pages ({copy.slug}): {counts_copy}")
        national = {
            "national-country": "/national/",
            "national-region-9": "/national/?region=9",
            "national-province": "/national/?province=%E0%B8%95%E0%B8%A3%E0%B8%B1%E0%B8%87",
            "national-country-json": "/national/?format=json",
        }
        paths = {**national, **own}

        with serve_beside_static(args, paths) as served:
            results = served.load_each(warmup=2.0)
        results.update({(f"{name} (alone)", kind): v for (name, kind), v in alone.items()})
        paths.update({f"{name} (alone)": p for name, p in own.items()})
        report(args, served.tool, paths, results, counts_1, counts_n, snapshot_ms)
        return 0 if counts_1 == counts_n == counts_copy else 1
    finally:
        drop_throwaway_database(tmp, pg_name)


def load_demo(smoke):
    from sujarit.core import demo as core_demo
    from sujarit.core.registry import registry

    org, _accounts = core_demo.load_org()
    for loader in registry.demo_loaders:
        if smoke and loader.module not in ("plans", "website"):
            continue
        loader.func(org)
    return org


def time_snapshot(org):
    from sujarit.core import thai
    from sujarit.oversight import services

    fy = thai.current_fiscal_year()
    services.refresh(org, fy)  # caches filled (the plan's lint is kept per import)
    started = time.perf_counter()
    for _ in range(3):
        services.refresh(org, fy)
    return fy, (time.perf_counter() - started) * 1000 / 3


def add_organizations(n, fy):
    """n copies of the demo organization with all its records (bench/clone_orgs.py), spread over the
    provinces (about 100 each, in districts of about 10); their snapshots of the fiscal year get varied
    figures, so the national pages' sums and charts have something to add up."""
    from bench.clone_orgs import STRIDE, clone
    from sujarit.core import thai
    from sujarit.oversight.models import Snapshot

    provinces = thai.provinces()

    def places(k):
        province = provinces[k % len(provinces)]
        return province, f"ทดสอบ {(k // len(provinces)) % 10 + 1}", thai.province_region(province)

    counts = clone(n, places=places, log=lambda line: None)
    rng = random.Random(2570)
    snaps = list(Snapshot.objects.filter(fiscal_year=fy, org_id__gte=STRIDE).order_by("org_id"))
    for snap in snaps:
        snap.values = _varied_figures(rng)
    Snapshot.objects.bulk_update(snaps, ["values"], batch_size=1000)
    return counts


def _varied_figures(rng):
    has_plan = rng.random() < 0.93
    reported = round(rng.uniform(0, 100), 1) if has_plan else None
    return {
        "plans.has_plan": int(has_plan),
        "plans.reported_6": reported,
        "plans.done_6": round(reported * rng.uniform(0.3, 1), 1) if has_plan else None,
        "plans.reported_12": None,
        "plans.done_12": None,
        "plans.kpis_met": round(rng.uniform(20, 100), 1) if has_plan else None,
        "plans.lint_errors": rng.choice([0, 0, 0, 1, 2, 7]) if has_plan else None,
        "disclosure.oit_estimate": round(rng.uniform(30, 100), 2),
        "disclosure.ita": round(rng.uniform(50, 100), 2) if rng.random() < 0.5 else None,
        "complaints.general": rng.randint(0, 60),
        "complaints.integrity": rng.choice([0, 0, 0, 1, 2]),
        "complaints.overdue": rng.choice([0, 0, 0, 0, 1, 3]),
        "complaints.in_time": round(rng.uniform(50, 100), 1),
        "complaints.days_to_close": round(rng.uniform(3, 40), 1),
    }


def report(args, tool, paths, results, counts_1, counts_n, snapshot_ms):
    print(
        f"\n{args.backend}, {args.orgs} organizations, waitress with {args.threads} threads, "
        f"{os.cpu_count()} CPU cores; load: {tool}, {args.seconds:g} s per URL\n"
    )
    print(
        "| page | requests/s page/static | p95 ms page | p95 ms static | req/s page | req/s static | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in paths:
        page, static = results[(name, "page")], results[(name, "static")]
        ratio = page["rps"] / static["rps"] if static["rps"] else float("nan")
        print(
            f"| {name} | {ratio:.3f} | {page['p95_ms']:.0f} | {static['p95_ms']:.1f} | {page['rps']:.1f} | "
            f"{static['rps']:.0f} | {page['errors'] + static['errors']} |"
        )
    slow = [n for n in paths if n.startswith("national") and not results[(n, "page")]["p95_ms"] < 1000]
    print(f"\nnational pages with p95 < 1 s: {sum(n.startswith('national') for n in paths) - len(slow)} of "
          f"{sum(n.startswith('national') for n in paths)}")  # fmt: skip
    print(
        f"one snapshot: {snapshot_ms:.0f} ms; a nightly refresh of {args.orgs} organizations: about "
        f"{snapshot_ms * args.orgs / 60000:.0f} min on one process"
    )
    if counts_1 == counts_n:
        print(f"an organization's query counts with 1 and with {args.orgs} organizations: equal {counts_1}")
    else:
        print(f"QUERY COUNTS GREW with {args.orgs} organizations: {counts_1} → {counts_n}")


if __name__ == "__main__":
    sys.exit(main())
