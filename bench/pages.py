"""Every public page under load, side by side with the same HTML as a static file.

    .venv/bin/python -m bench.pages [--seconds 10] [--connections 8] [--threads 4] [--orgs 100]
                                    [--python-load] [--smoke]

For each database (a throwaway SQLite file always; a throwaway PostgreSQL database too when
DATABASE_URL is set — created on that server and dropped at the end):
1. migrate, load the demo organization, import its seed plan and give it its public site (news,
   executives, pages); find every public page by walking the public URLconf of every registered
   module (patterns that need a record get one of the demo's: a plan item, a news item, a page);
   count each page's queries; add organizations (each with the seed plan imported) up to --orgs and
   count again — the counts must be equal (exit status 1 otherwise);
2. save each page's HTML under STATIC_ROOT, so the same server sends the same bytes through whitenoise;
3. serve the app with waitress (--threads threads) in a second process and load it from this one's
   children on loopback — wrk when installed, else a pool of Python processes each holding one
   keep-alive connection — for --seconds per URL; print requests/s, p95 latency and page/static ratios.

--smoke: the same steps at toy sizes (SQLite only, 2 organizations, the Python load generator, a
fraction of a second per URL) — proves the benchmark still runs; its figures mean nothing.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/pages.py`
    sys.path.insert(0, str(ROOT))

from bench.load import HOST, serve_beside_static  # noqa: E402  (the path above first)

# --- the parent: one child per database -----------------------------------------------------------


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.backend:
        return run_backend(smoke_sizes(args, seconds=0.3, connections=2, threads=2, orgs=2, python_load=True))
    return run_each_backend("bench.pages", args, argv)


def run_each_backend(module, args, argv):
    """`python -m <module> --backend X` for SQLite, and for PostgreSQL when DATABASE_URL is set (not
    with --smoke); the exit statuses or'ed."""
    backends = ["sqlite"] + (["postgresql"] if os.environ.get("DATABASE_URL") and not args.smoke else [])
    rc = 0
    for backend in backends:
        cmd = [sys.executable, "-m", module, "--backend", backend, *(sys.argv[1:] if argv is None else argv)]
        rc |= subprocess.call(cmd, cwd=ROOT)
    return rc


def smoke_sizes(args, **sizes):
    """With --smoke, `sizes` replace the options: a run of seconds that proves the benchmark still works."""
    if args.smoke:
        for name, value in sizes.items():
            setattr(args, name, value)
    return args


def add_smoke_option(parser):
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="toy sizes, SQLite only, no wrk: proves the benchmark runs (the figures mean nothing)",
    )


def _parser():
    p = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=10, help="load per URL (default 10)")
    p.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections")
    p.add_argument("--threads", type=int, default=4, help="waitress threads (default 4)")
    p.add_argument("--orgs", type=int, default=100, help="organizations loaded (default 100)")
    p.add_argument(
        "--python-load", action="store_true", help="use the Python load generator even if wrk exists"
    )
    p.add_argument(
        "--pages", default="", help="only the pages whose name contains one of these comma-separated words"
    )
    add_smoke_option(p)
    p.add_argument("--backend", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    return p


# --- one database: set up, count queries, load each page beside its static copy -------------------


def use_throwaway_database(backend):
    """Point this process (and the server it starts) at a new, empty database; returns (tmp, pg_name)."""
    tmp = Path(tempfile.mkdtemp(prefix="sujarit-bench-"))
    env = {
        "DJANGO_SETTINGS_MODULE": "sujarit.settings",
        "SUJARIT_VAR_DIR": str(tmp),
        "SQLITE_PATH": str(tmp / "bench.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        "DEBUG": "false",
        # A throwaway key for a throwaway database (settings.py refuses the development key).
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost,testserver",
        "LOG_LEVEL": "ERROR",
    }
    pg_name = None
    if backend == "postgresql":
        env["DATABASE_URL"], pg_name = _create_postgres_db(os.environ["DATABASE_URL"])
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    return tmp, pg_name


def drop_throwaway_database(tmp, pg_name):
    if pg_name:
        _drop_postgres_db(os.environ["DATABASE_URL"], pg_name)
    shutil.rmtree(tmp, ignore_errors=True)


def prepare_database(backend, tmp, *, messages=True):
    """Set Django up on the throwaway database, say so, migrate it, and compile the Thai catalogue
    (as `make` does) unless messages=False."""
    import django

    django.setup()
    from django.core.management import call_command

    print(f"\n## {backend}: preparing the database in {tmp} …", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    if messages:
        call_command("compilemessages-py", verbosity=0)


def run_backend(args):
    tmp, pg_name = use_throwaway_database(args.backend)
    try:
        prepare_database(args.backend, tmp)
        org, plan, item = load_demo()
        paths = {"plan": plan_path(org), "item": item_path(org, item), **public_pages(org, item)}
        if args.pages:
            words = [w for w in args.pages.split(",") if w]
            paths = {k: v for k, v in paths.items() if any(w in k for w in words)}
        print(f"   {len(paths)} public pages")
        counts_1 = {k: query_count(p) for k, p in paths.items()}
        started = time.perf_counter()
        add_organizations(args.orgs - 1)
        print(
            f"   {args.orgs - 1} more organizations with the seed plan: {time.perf_counter() - started:.0f} s"
        )
        counts_n = {k: query_count(p) for k, p in paths.items()}

        with serve_beside_static(args, paths) as served:
            results = served.load_each(warmup=2.0)
        report(args, served.tool, paths, served.static_paths, results, counts_1, counts_n)
        return 0 if counts_1 == counts_n else 1
    finally:
        drop_throwaway_database(tmp, pg_name)


def load_demo():
    """The demo organization with its seed plan imported, as `sujarit demo load` does."""
    from sujarit.core import demo as core_demo
    from sujarit.plans import demo as plans_demo
    from sujarit.website import demo as website_demo

    org, _accounts = core_demo.load_org()
    plan = plans_demo.load(org).plan
    website_demo.load(org)
    # An item with KPIs and a budget: the page shows the most the template has to render.
    item = plan.items.filter(kpis__isnull=False, uses_budget=True).order_by("number").first()
    item = item or plan.items.order_by("number").first()
    print(
        f"   demo organization {org.slug}: plan {plan.first_year}-{plan.last_year}, {plan.items.count()} items"
    )
    return org, plan, item


def public_pages(org, item):
    """{name: path} of every other public HTML page of org (the public URLconf walked, as the axe test
    in tests/browser does); downloads, redirects and the plan and item pages are left out."""
    from importlib import import_module

    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from sujarit.core.registry import registry
    from sujarit.website.models import Post

    post = Post.objects.for_org(org).first()
    examples = {
        "website:post": [{"pk": post.pk}] if post else [],
        "website:about": [{"kind": "history"}],
    }
    skip = {plan_path(org), item_path(org, item)}
    client = Client()
    found = {}
    for config in registry.modules.values():
        mod = import_module(f"{config.name}.urls")
        for pattern in getattr(mod, "public_urlpatterns", []):
            name = f"{config.label}:{pattern.name}"
            for kwargs in [{}, *examples.get(name, [])]:
                try:
                    path = reverse(name, kwargs={"org_slug": org.slug, **kwargs})
                except NoReverseMatch:
                    continue
                if path in skip or path in found.values():
                    continue
                response = client.get(path)
                if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                    found[path.removeprefix(f"/{org.slug}/").strip("/") or "home"] = path
    return found


def add_organizations(n):
    """n more organizations, each with the seed plan imported through the import service."""
    from django.db import transaction

    from sujarit.core import services
    from sujarit.plans import demo as plans_demo
    from sujarit.plans.services.importing import import_plan

    for i in range(n):
        with transaction.atomic():
            org = services.create_organization(
                slug=f"bench-{i + 2:03d}",
                name=f"องค์การบริหารส่วนตำบลทดสอบที่ {i + 2}",
                province="ตรัง",
                district="ปะเหลียน",
            )
            import_plan(org, plans_demo.seed_parsed(), by=None, source_name=plans_demo.SEED.name)


def plan_path(org):
    from django.urls import reverse

    return reverse("plans:plan", kwargs={"org_slug": org.slug})


def item_path(org, item):
    """The public page of `item`: the URL name the plan page uses, else its first link to the item."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    for name in ("plans:item", "plans:item_detail"):
        for kwargs in ({"number": item.number}, {"item_number": item.number}, {"pk": item.pk}):
            try:
                return reverse(name, kwargs={"org_slug": org.slug, **kwargs})
            except NoReverseMatch:
                continue
    html = Client().get(plan_path(org)).content.decode()
    links = re.findall(rf'href="(/{org.slug}/plan/[^"#?]+)"', html)
    if not links:
        raise SystemExit("bench.pages: found no item page linked from the plan page")
    return links[0]


def query_count(path):
    """Queries of an anonymous visitor's GET of `path`: "cold/warm" (page cache empty, then filled)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = Client().get(path)
        if response.status_code != 200:
            raise SystemExit(f"bench.pages: GET {path} answered {response.status_code}")
        counts.append(len(ctx.captured_queries))
    return "/".join(map(str, counts))


def report(args, tool, paths, static_paths, results, counts_1, counts_n):
    print(
        f"\n{args.backend}, {args.orgs} organizations, waitress with {args.threads} threads, "
        f"{os.cpu_count()} CPU cores; load: {tool}, {args.seconds:g} s per URL on loopback\n"
    )
    print(
        "| page | requests/s page/static | p95 page/static | req/s page | p95 ms page | req/s static "
        f"| p95 ms static | errors | queries cold/warm, 1 org | queries cold/warm, {args.orgs} orgs |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    met = 0
    for name in paths:
        page, static = results[(name, "page")], results[(name, "static")]
        rps_ratio = page["rps"] / static["rps"] if static["rps"] else float("nan")
        p95_ratio = page["p95_ms"] / static["p95_ms"] if static["p95_ms"] else float("nan")
        met += rps_ratio >= 0.5 and page["p95_ms"] < 50
        print(
            f"| {name} `{paths[name]}` | {rps_ratio:.2f} | {p95_ratio:.1f}× | {page['rps']:.0f} | "
            f"{page['p95_ms']:.1f} | {static['rps']:.0f} | {static['p95_ms']:.1f} | "
            f"{page['errors'] + static['errors']} | {counts_1[name]} | {counts_n[name]} |"
        )
    print(f"\npages at ≥ 0.5× a static file with p95 < 50 ms: {met} of {len(paths)}")
    if counts_1 == counts_n:
        print(f"query counts with 1 and with {args.orgs} organizations: equal")
    else:
        grew = {k: (counts_1[k], counts_n[k]) for k in counts_1 if counts_1[k] != counts_n[k]}
        print(f"QUERY COUNTS GREW with {args.orgs} organizations: {grew}")
    print(json.dumps({"backend": args.backend, "results": {f"{k[0]}-{k[1]}": v for k, v in results.items()}}))


def _create_postgres_db(url):
    """A new, empty database beside the one DATABASE_URL names; returns (its URL, its name)."""
    import psycopg

    name = f"sujarit_bench_{os.getpid()}"
    with psycopg.connect(_with_db(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return _with_db(url, name), name


def _drop_postgres_db(url, name):
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(_with_db(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _with_db(url, name):
    u = urlparse(url)
    return urlunparse(u._replace(path=f"/{name}"))


if __name__ == "__main__":
    sys.exit(main())
