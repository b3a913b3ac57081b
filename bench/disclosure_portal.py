"""The public disclosure portal with 10,000 publications under load, and Thai search latency.

    .venv/bin/python -m bench.disclosure_portal [--publications 10000] [--seconds 5] [--connections 8]
                                                [--threads 4] [--queries 30] [--python-load] [--smoke]

For each database (a throwaway SQLite file always; a throwaway PostgreSQL database too when
DATABASE_URL is set), with bench.pages' helpers:
1. migrate, load the demo organization and its demo publications (`sujarit.disclosure.demo`), then
   bulk-create --publications more (realistic Thai titles and texts over five fiscal years, all five
   areas, OIT tags) and index them with `build.index_publications`; time the indexing;
2. Thai search: --queries searches of each common word (จัดซื้อจัดจ้าง, ประกาศ, งบประมาณ …) in this
   process (`search.search`) and as whole pages through the server, one at a time: p50/p95;
3. the portal home, an area page, a publication page and a search page, each beside the same HTML
   rendered once and served as a static file by the same server (whitenoise), under load from
   this process's children on loopback: requests/s, p95 and the page/static ratios.

--smoke: the same steps at toy sizes (SQLite only, 50 publications, 2 searches per word, the Python
load generator, a fraction of a second per URL) — proves the benchmark still runs; its figures mean
nothing.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import HOST, serve_beside_static  # noqa: E402
from bench.pages import (  # noqa: E402
    add_smoke_option,
    drop_throwaway_database,
    prepare_database,
    query_count,
    run_each_backend,
    smoke_sizes,
    use_throwaway_database,
)

WORDS = ["จัดซื้อจัดจ้าง", "ประกาศ", "งบประมาณ", "ถนนคอนกรีต", "พนักงานจ้าง", "ประกาศ ผู้ชนะ", "คู่มือ"]
MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]  # fmt: skip
PROJECTS = [
    "ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "ขุดลอกคลองระบายน้ำ", "ซ่อมแซมไฟฟ้าส่องสว่างสาธารณะ",
    "ก่อสร้างรางระบายน้ำคอนกรีต", "ปรับปรุงศาลาประชาคม", "วางท่อเมนประปา", "ก่อสร้างสะพานคอนกรีต",
    "ปรับปรุงถนนลูกรัง", "ติดตั้งกล้องวงจรปิด", "ก่อสร้างลานกีฬาอเนกประสงค์",
]  # fmt: skip
POSITIONS = ["ผู้ช่วยนักวิชาการเงินและบัญชี", "คนงานทั่วไป", "ผู้ดูแลเด็ก", "พนักงานขับรถยนต์", "ผู้ช่วยช่างโยธา"]
NEWS = [
    "การชำระภาษีที่ดินและสิ่งปลูกสร้าง", "การป้องกันโรคไข้เลือดออก", "งานประเพณีลอยกระทง",
    "การลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ", "การรับสมัครนักเรียนศูนย์พัฒนาเด็กเล็ก", "การงดจ่ายน้ำประปาชั่วคราว",
]  # fmt: skip
SERVICES = ["ขออนุญาตก่อสร้างอาคาร", "จดทะเบียนพาณิชย์", "ขอใช้น้ำประปา", "ขอรับเบี้ยยังชีพ", "ร้องเรียนร้องทุกข์"]


def _publication(rng, n, fy):
    """(kind, area, codes, title, body) of one made-up publication."""
    moo = rng.randint(1, 9)
    project = rng.choice(PROJECTS)
    month = MONTHS[n % 12]
    choices = [
        ("document", "budget", ["O16"], f"สรุปผลการจัดซื้อจัดจ้างประจำเดือน{month} {fy} (ชุดที่ {n})",
         "สรุปผลการดำเนินการจัดซื้อจัดจ้าง แบบ สขร.1 ตามมาตรา 9 แห่งพระราชบัญญัติข้อมูลข่าวสารของราชการ"),
        ("announcement", "budget", ["O15"], f"ประกาศรายชื่อผู้ชนะการเสนอราคา{project} หมู่ที่ {moo}",
         f"ผู้ชนะการเสนอราคา{project} หมู่ที่ {moo} เสนอราคา {rng.randint(100, 2000) * 1000:,} บาท"),
        ("announcement", "budget", ["O15"], f"ประกาศประกวดราคาจ้าง{project} หมู่ที่ {moo}",
         f"องค์การบริหารส่วนตำบลมีความประสงค์จะประกวดราคาจ้าง{project} ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์"),
        ("document", "budget", ["O13"], f"รายงานการกำกับติดตามการใช้จ่ายงบประมาณ ไตรมาสที่ {n % 4 + 1}",
         "ผลการเบิกจ่ายงบประมาณรายจ่ายประจำปีจำแนกตามแผนงานและหมวดรายจ่าย"),
        ("announcement", "hr", ["O19"], f"ประกาศรับสมัครบุคคลเพื่อสรรหาเป็นพนักงานจ้าง ตำแหน่ง{rng.choice(POSITIONS)}",
         "ผู้สนใจยื่นใบสมัครได้ที่สำนักปลัด ในวันและเวลาราชการ"),
        ("announcement", "basic", ["O5"], f"ประชาสัมพันธ์{rng.choice(NEWS)}",
         "ขอความร่วมมือประชาชนในพื้นที่ สอบถามรายละเอียดเพิ่มเติมได้ที่ที่ทำการองค์การบริหารส่วนตำบล"),
        ("document", "administration", ["O11"], f"คู่มือการให้บริการ{rng.choice(SERVICES)}",
         "ขั้นตอน ระยะเวลา และเอกสารที่ต้องใช้ในการขอรับบริการ"),
        ("document", "transparency", ["O32"], f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ครั้งที่ {n}",
         "มาตรการที่กำหนดจากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"),
    ]  # fmt: skip
    return rng.choice(choices)


def add_publications(org, count):
    """`count` published publications, bulk-created (the verbs would take an hour); returns seconds."""
    import datetime as dt

    from django.db import transaction

    from sujarit.core import thai
    from sujarit.disclosure.models import Publication, PublicationTag, PublicationVersion

    rng = random.Random(4)
    current = thai.current_fiscal_year()
    started = time.perf_counter()
    for start in range(0, count, 1000):
        with transaction.atomic():
            made = []
            for n in range(start, min(count, start + 1000)):
                fy = current - n % 5
                kind, area, codes, title, body = _publication(rng, n, fy)
                first = thai.fiscal_year_bounds(fy)[0]
                made.append((Publication(org=org, kind=kind, title=title, area=area, fiscal_year=fy,
                                         publish_date=first + dt.timedelta(days=n % 300)), codes, body))  # fmt: skip
            pubs = Publication.objects.bulk_create([p for p, _c, _b in made])
            versions = PublicationVersion.objects.bulk_create(
                [
                    PublicationVersion(publication=p, number=1, state="published", body=body)
                    for p, (_p, _c, body) in zip(pubs, made, strict=True)
                ]
            )
            for p, v in zip(pubs, versions, strict=True):
                p.current_version = v
            Publication.objects.bulk_update(pubs, ["current_version"], batch_size=500)
            PublicationTag.objects.bulk_create(
                [PublicationTag(publication=p, code=c) for p, (_p, codes, _b) in zip(pubs, made, strict=True) for c in codes]
            )  # fmt: skip
    return time.perf_counter() - started


def _quantiles(samples_ms):
    s = sorted(samples_ms)
    return statistics.median(s), s[min(len(s) - 1, int(len(s) * 0.95))]


def search_latency(org, port, queries):
    """Per word: matches, in-process p50/p95 (ms), whole page through the server p50/p95 (ms)."""
    from django.db import connection

    from sujarit.disclosure.queries import search

    rows = []
    path = f"/{org.slug}/disclosure/search/?q="
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    for word in WORDS:  # warm-up: the server's first search loads PyThaiNLP's dictionary
        conn.request("GET", path + quote(word))
        conn.getresponse().read()
    for word in WORDS:
        terms = search.query_terms(word)
        matches = search._matches(org, terms).filter(hits=len(terms)).count()
        in_process, through_server = [], []
        for _ in range(queries):
            t0 = time.perf_counter()
            search.search(org, word)
            in_process.append((time.perf_counter() - t0) * 1000)
        for _ in range(queries):
            t0 = time.perf_counter()
            conn.request("GET", path + quote(word))
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"bench.disclosure_portal: search answered {response.status}")
            through_server.append((time.perf_counter() - t0) * 1000)
        rows.append((word, terms, matches, _quantiles(in_process), _quantiles(through_server)))
    conn.close()
    connection.close()
    return rows


def run_backend(args):
    tmp, pg_name = use_throwaway_database(args.backend)
    try:
        prepare_database(args.backend, tmp)
        from django.db import connections
        from django.urls import reverse

        from sujarit.core import demo as core_demo
        from sujarit.core import thai
        from sujarit.disclosure import demo as disclosure_demo
        from sujarit.disclosure.models import Publication, SearchTerm
        from sujarit.disclosure.searchindex import build

        org, _accounts = core_demo.load_org()
        disclosure_demo.load(org)
        made = add_publications(org, args.publications)
        started = time.perf_counter()
        rows = build.index_publications(Publication.objects.for_org(org), with_pdf=False)
        indexing = time.perf_counter() - started
        if connections["default"].vendor == "postgresql":
            # What autovacuum does soon after a bulk load; without statistics the planner guesses.
            with connections["default"].cursor() as cursor:
                cursor.execute("ANALYZE")
        total = Publication.objects.for_org(org).public().count()
        print(f"   {total} public publications (bulk-created in {made:.0f} s); "
              f"indexed {rows} words in {indexing:.0f} s "
              f"({total / indexing:.0f} publications/s); {SearchTerm.objects.count()} rows")  # fmt: skip

        slug = {"org_slug": org.slug}
        pub = Publication.objects.for_org(org).public().filter(tags__code="O16").order_by("pk").first()
        paths = {
            "portal": reverse("disclosure:portal", kwargs=slug),
            "area": reverse("disclosure:area", kwargs={**slug, "area": "budget"})
            + f"?fy={thai.current_fiscal_year()}",
            "publication": reverse("disclosure:publication", kwargs={**slug, "pk": pub.pk}),
            "search": reverse("disclosure:search", kwargs=slug) + "?q=" + quote("จัดซื้อจัดจ้าง"),
        }
        counts = {k: query_count(p) for k, p in paths.items()}
        with serve_beside_static(args, paths) as served:
            latency = search_latency(org, served.port, args.queries)  # one at a time, before the load
            results = served.load_each(warmup=1.0)
        report(args, served.tool, total, rows, indexing, paths, results, counts, latency)
        return 0
    finally:
        drop_throwaway_database(tmp, pg_name)


def report(args, tool, total, rows, indexing, paths, results, counts, latency):
    print(
        f"\n{args.backend}, {total} public publications ({rows} index rows, indexed in {indexing:.0f} s), "
        f"waitress {args.threads} threads, {os.cpu_count()} cores; load: {tool}, {args.seconds:g} s per URL\n"
    )
    print("| query | words | matches | search() p50 ms | p95 ms | search page p50 ms | p95 ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for word, terms, matches, (p50, p95), (h50, h95) in latency:
        print(f"| {word} | {' '.join(terms)} | {matches} | {p50:.1f} | {p95:.1f} | {h50:.1f} | {h95:.1f} |")
    print(
        "\n| page | Django req/s | static req/s | req/s page/static | p95 ms page | p95 ms static | queries cold/warm |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, path in paths.items():
        page, static = results[(name, "page")], results[(name, "static")]
        ratio = page["rps"] / static["rps"] if static["rps"] else float("nan")
        print(
            f"| {name} `{path}` | {page['rps']:.0f} | {static['rps']:.0f} | {ratio:.2f} | "
            f"{page['p95_ms']:.1f} | {static['p95_ms']:.1f} | {counts[name]} |"
        )
    errors = sum(r["errors"] for r in results.values())
    print(f"\nerrors: {errors}")
    print(json.dumps({"backend": args.backend, "results": {f"{k[0]}-{k[1]}": v for k, v in results.items()}}))


def _parser():
    p = argparse.ArgumentParser(prog="python -m bench.disclosure_portal", description=__doc__.split("\n")[0])
    p.add_argument("--publications", type=int, default=10_000, help="publications added (default 10000)")
    p.add_argument("--seconds", type=float, default=5, help="load per URL (default 5)")
    p.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections")
    p.add_argument("--threads", type=int, default=4, help="waitress threads (default 4)")
    p.add_argument("--queries", type=int, default=30, help="searches of each word (default 30)")
    p.add_argument("--python-load", action="store_true", help="the Python load generator even if wrk exists")
    add_smoke_option(p)
    p.add_argument("--backend", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    return p


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.backend:
        return run_backend(
            smoke_sizes(
                args, publications=50, seconds=0.3, connections=2, threads=2, queries=2, python_load=True
            )
        )
    return run_each_backend("bench.disclosure_portal", args, argv)


if __name__ == "__main__":
    sys.exit(main())
