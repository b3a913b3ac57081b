"""A unit officer reports an item's progress with an evidence file; the coordinator approves it;
the public item page then shows the approved progress."""

import struct
import zlib

import pytest
from django.utils import translation

from sujarit.plans.models import ProgressReport, ReportState

from .conftest import sign_in

pytestmark = pytest.mark.browser


def tiny_png():
    """A valid 1×1 PNG (the upload check reads the file's content, not its name)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\xcc\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_officer_reports_with_evidence_and_coordinator_approves(
    new_page, page, site, seed_plan, unit_officer, coordinator
):
    org = seed_plan.org
    unit = org.units.get(name="สำนักปลัด")
    item = seed_plan.items.filter(responsible_unit=unit).prefetch_related("kpis").order_by("number").first()
    assert item is not None, "the seed gives สำนักปลัด no item"
    kpis = [k for k in item.kpis.all() if not k.measure_key]

    # The officer signs in through the form, finds the item on the dashboard, opens its 6-month report.
    sign_in(page, site, "t_officer", "pw-t_officer", f"/{org.slug}/staff/plan/")
    row = page.locator("#my-unit + .table-wrap tr", has_text=item.name)
    row.locator("td").nth(1).get_by_role("link").click()
    page.wait_for_url(f"**/staff/plan/items/{item.number}/report/*/6/")
    fiscal_year = int(page.url.rstrip("/").split("/")[-2])

    page.select_option("#id_status", "in_progress")
    page.fill("#id_percent_done", "60")
    page.fill("#id_spent", "12500.50")
    page.fill("#id_work_done", "จัดอบรมพนักงานส่วนตำบล 2 รุ่น ผู้เข้าร่วม 45 คน")
    for kpi in kpis:
        page.fill(f"#id_kpi_{kpi.pk}", "45")
    page.set_input_files(
        "#id_evidence", files=[{"name": "ภาพกิจกรรม.png", "mimeType": "image/png", "buffer": tiny_png()}]
    )
    with page.expect_navigation():
        page.locator("button[name=action][value=submit]").click()
    with translation.override("th"):
        submitted = str(ReportState.SUBMITTED.label)
    assert page.locator("#report-state").inner_text().strip() == submitted
    assert page.locator("button[name=action]").count() == 0, "a submitted report is still editable"
    assert "ภาพกิจกรรม.png" in page.locator("main").inner_text(), page.locator("main").inner_text()
    report = ProgressReport.objects.get(item=item, fiscal_year=fiscal_year, round=6)
    assert report.state == ReportState.SUBMITTED
    assert report.percent_done == 60 and str(report.spent) == "12500.50"
    assert report.evidence.count() == 1
    assert report.kpi_results.filter(value=45).count() == len(kpis)

    # The coordinator, in a browser of their own, opens the review page from the dashboard and approves.
    cpage = new_page()
    sign_in(cpage, site, "t_coord", "pw-t_coord", f"/{org.slug}/staff/plan/")
    cpage.locator("#waiting + ul a", has_text=item.name).click()
    cpage.wait_for_url(f"**/staff/plan/reports/{report.pk}/review/")
    assert "ภาพกิจกรรม.png" in cpage.locator("main").inner_text()
    cpage.check("input[name=decision][value=approve]")
    cpage.fill("#id_comment", "ครบถ้วน อนุมัติ")
    cpage.locator("form[action$='/review/'] button[type=submit]").click()
    cpage.wait_for_url(f"**/staff/plan/reports/{report.pk}/")
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED

    # Anyone now sees the approved progress, its KPI values and the evidence on the public item page.
    page.context.clear_cookies()
    page.goto(f"{site}/{org.slug}/plan/items/{item.number}/")
    card = page.locator("main section.card").first
    text = card.inner_text()
    assert str(fiscal_year) in text and "60%" in text.replace(" %", "%")
    assert "12,500.50" in text
    assert "จัดอบรมพนักงานส่วนตำบล 2 รุ่น" in text
    evidence = card.get_by_role("link", name="ภาพกิจกรรม.png")
    response = page.request.get(site + evidence.get_attribute("href"))
    assert response.ok and response.body().startswith(b"\x89PNG")
