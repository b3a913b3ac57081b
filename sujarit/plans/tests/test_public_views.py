"""The public plan pages: what a citizen reads, without signing in."""

import copy
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sujarit.core import services as core_services
from sujarit.core.models import Organization
from sujarit.plans.models import KPIResult, ProgressReport, ReportState
from sujarit.plans.services.importing import import_plan

from .conftest import mini_plan_dict


@pytest.fixture
def mini_plan(org, mini_parsed):
    return import_plan(org, mini_parsed, by=None).plan


def approve(item, year=2567, rnd=6, percent=50, value=None):
    report = ProgressReport.objects.create(
        org=item.org, item=item, fiscal_year=year, round=rnd, state=ReportState.APPROVED,
        status="in_progress", percent_done=percent, work_done="จัดอบรมแล้ว 1 ครั้ง",
    )  # fmt: skip
    if value is not None:
        kpi = item.kpis.order_by("kind", "order").first()
        KPIResult.objects.create(org=item.org, report=report, kpi=kpi, value=value)
    return report


def test_plan_page_lists_items_by_dimension_and_mission(client, org, mini_plan):
    resp = client.get(f"/{org.slug}/plan/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "มิติ" in html or "Dimension 1" in html
    assert "การสร้างวัฒนธรรมสุจริต" in html
    assert "1.1 การเสริมสร้างจิตสำนึกและค่านิยม" in html
    assert "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต" in html
    assert f'href="/{org.slug}/plan/items/1/"' in html
    assert "2566" in html and "2570" in html  # fiscal years in Buddhist Era
    assert "2023" not in html and "2027" not in html
    assert "20,000" in html  # budget per year
    assert "สำนักปลัด" in html and "กองคลัง" in html
    assert 'class="table-wrap"' in html  # tables scroll on a phone


def test_plan_page_shows_latest_approved_progress_only(client, org, mini_plan):
    item = mini_plan.items.get(number=1)
    approve(item, 2566, 12, percent=100)
    approve(item, 2567, 6, percent=40)
    ProgressReport.objects.create(
        org=org, item=item, fiscal_year=2567, round=12, state=ReportState.SUBMITTED, percent_done=77
    )
    html = client.get(f"/{org.slug}/plan/").content.decode()
    assert "40%" in html
    assert "77%" not in html  # not approved, not public


def test_item_page_shows_all_sections_and_approved_values(client, org, mini_plan):
    item = mini_plan.items.get(number=1)
    approve(item, 2567, 6, percent=50, value=35)
    draft = ProgressReport.objects.create(
        org=org, item=item, fiscal_year=2567, round=12, state=ReportState.DRAFT, work_done="ร่างที่ยังไม่เผยแพร่"
    )
    KPIResult.objects.create(org=org, report=draft, kpi=item.kpis.get(kind="output"), value=99)
    resp = client.get(f"/{org.slug}/plan/items/1/")
    assert resp.status_code == 200
    html = resp.content.decode()
    for text in (
        "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต",
        "หลักการและเหตุผลของ",
        "เพื่อส่งเสริมความโปร่งใส",
        "พนักงานส่วนตำบล",
        "ประชุมชี้แจง",
        "ปีงบประมาณ พ.ศ. 2566 – 2570",
        "สำนักปลัด",
        "ผู้เข้าร่วมโครงการ ไม่น้อยกว่า 30 คน",
        "จัดอบรมแล้ว 1 ครั้ง",
    ):
        assert text in html, text
    assert "&gt;= 30" in html  # the target
    assert "35" in html  # the latest approved value
    assert "ร่างที่ยังไม่เผยแพร่" not in html
    assert not re.search(r"(?<!\w)99(?!\w)", html)  # the draft's value (not digits inside a token)


def test_unknown_item_number_is_404(client, org, mini_plan):
    assert client.get(f"/{org.slug}/plan/items/99/").status_code == 404


def test_unknown_org_is_404(client, db):
    assert client.get("/no-such-org/plan/").status_code == 404


def test_no_plan_yet_gets_a_friendly_page(client, org):
    resp = client.get(f"/{org.slug}/plan/")
    assert resp.status_code == 200
    assert org.name in resp.content.decode()
    assert client.get(f"/{org.slug}/plan/goals/").status_code == 200
    assert client.get(f"/{org.slug}/plan/items/1/").status_code == 404


def test_goals_page_has_goals_and_risks(client, org, mini_plan):
    html = client.get(f"/{org.slug}/plan/goals/").content.decode()
    assert "จำนวนคดีทุจริตลดลง" in html and "ร้อยละ 5" in html
    assert "การบริหารงานบุคคล" in html and "ปานกลาง" in html
    assert "มาตรการส่งเสริมความโปร่งใสในการบริหารงานบุคคล" in html


def test_pages_are_printable(client, org, mini_plan):
    html = client.get(f"/{org.slug}/plan/").content.decode()
    assert "sujarit.css" in html  # the stylesheet carries the @media print rules
    assert 'class="noprint"' in html  # on-screen navigation is left off paper


def test_another_orgs_plan_is_not_shown(client, org, other_org, mini_plan):
    assert "โครงการเสริมสร้างองค์ความรู้" not in client.get(f"/{other_org.slug}/plan/").content.decode()
    assert client.get(f"/{other_org.slug}/plan/items/1/").status_code == 404


# --- query counts ---------------------------------------------------------------------------------


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _fill(org, n_reports):
    plan = org.plans.get()
    for item in plan.items.filter(reports__isnull=True)[:n_reports]:
        approve(item, 2566, 6, value=10)
        approve(item, 2566, 12, value=20)


PAGES = ["/{slug}/plan/", "/{slug}/plan/items/1/", "/{slug}/plan/goals/"]


def test_query_counts_do_not_grow_with_100_organizations(
    client, org, mini_plan, django_assert_max_num_queries
):
    _fill(org, 1)
    one = {url: _count(client, url.format(slug=org.slug)) for url in PAGES}
    for n in range(99):
        other = core_services.create_organization(slug=f"org-{n}", name=f"อบต.ทดสอบ {n}")
        import_plan(other, copy.deepcopy(mini_plan_dict()), by=None)
        _fill(other, 3)
    _fill(org, 3)
    assert Organization.objects.count() == 100
    for page in PAGES:
        url = page.format(slug=org.slug)
        assert _count(client, url) == one[page], url
        with django_assert_max_num_queries(12):
            client.get(url)


def test_seed_plan_page(client, seed_plan, org, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        resp = client.get(f"/{org.slug}/plan/")
    html = resp.content.decode()
    assert html.count(f'href="/{org.slug}/plan/items/') == 27
    assert "การบริหารราชการด้วยความโปร่งใส" in html
    for number in (1, 14, 27):
        item = seed_plan.items.get(number=number)
        assert item.name in html
        # Item 1's KPI is bound to a survey measure, read once per fiscal year of the plan; one more
        # query reads the organization's audit version the cache key carries.
        with django_assert_max_num_queries(15):
            page = client.get(f"/{org.slug}/plan/items/{number}/")
        assert page.status_code == 200 and item.name in page.content.decode()


def test_cached_pages_show_a_new_approval_at_once(client, org, mini_plan, django_assert_max_num_queries):
    item = mini_plan.items.get(number=1)
    url = f"/{org.slug}/plan/items/1/"
    first = client.get(url).content.decode()
    assert "จัดอบรมแล้ว 1 ครั้ง" not in first
    with django_assert_max_num_queries(4):  # served from the cache: org, plan, version
        cached = client.get(url).content.decode()
    assert cached.split('<main id="main">')[1] == first.split('<main id="main">')[1]
    approve(item, 2567, 6, percent=45)
    again = client.get(url).content.decode()
    assert "จัดอบรมแล้ว 1 ครั้ง" in again and "45%" in again


def test_cached_page_follows_the_language(client, org, mini_plan):
    url = f"/{org.slug}/plan/"
    assert "มิติที่" in client.get(url).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert "Dimension" in client.get(url).content.decode()
