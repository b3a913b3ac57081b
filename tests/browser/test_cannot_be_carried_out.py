"""An officer marks an item "cannot be carried out — no budget"; the dashboard shows it red; the
E-PlanNACC progress export of the round has the reason in its column."""

import csv
import io

import pytest

from sujarit.plans.exports import PROGRESS_HEADER
from sujarit.plans.models import ItemStatus, ProgressReport

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_officer_marks_an_item_cannot_be_carried_out_and_it_is_red_and_exported(
    page, site, seed_plan, unit_officer
):
    org = seed_plan.org
    unit = org.units.get(name="สำนักปลัด")
    item = seed_plan.items.filter(responsible_unit=unit).order_by("number").first()
    assert item is not None, "the seed gives สำนักปลัด no item"

    # From the dashboard, the officer opens the item's 6-month report of the current fiscal year.
    sign_in(page, site, "t_officer", "pw-t_officer", f"/{org.slug}/staff/plan/")
    row = page.locator("#my-unit + .table-wrap tr", has_text=item.name)
    row.locator("td").nth(1).get_by_role("link").click()
    page.wait_for_url(f"**/staff/plan/items/{item.number}/report/*/6/")
    fiscal_year = int(page.url.rstrip("/").split("/")[-2])

    page.fill("#id_ordinance_amount", "20000")
    page.fill("#id_spent", "0")
    page.select_option("#id_in_ordinance", "no")
    page.select_option("#id_status", "cannot_do")
    page.select_option("#id_reason", "no_budget")
    page.fill("#id_percent_done", "0")
    page.fill("#id_remark", "รอจัดสรรงบประมาณปีถัดไป")
    with page.expect_navigation():
        page.locator("button[name=action][value=save]").click()
    report = ProgressReport.objects.get(item=item, fiscal_year=fiscal_year, round=6)
    assert (report.status, report.reason) == (ItemStatus.CANNOT_DO, "no_budget")

    # The dashboard shows the item red in the 6-month round, with its reason.
    page.goto(f"{site}/{org.slug}/staff/plan/?year={fiscal_year}")
    cell = page.locator(f"#result-{item.number} td[data-round='6']")
    assert cell.locator("[data-colour]").get_attribute("data-colour") == "red"
    text = cell.inner_text()
    assert "แดง" in text and "ไม่สามารถดำเนินการได้" in text and "ไม่ได้รับงบประมาณ" in text, text

    # The export centre's E-PlanNACC progress export of that round carries the reason in its column.
    page.goto(f"{site}/{org.slug}/staff/exports/")
    section = page.locator("section.card", has_text="E-PlanNACC").filter(
        has=page.locator("select[name=round]")
    )
    section.locator("select[name=fiscal_year]").select_option(str(fiscal_year))
    section.locator("select[name=round]").select_option("6")
    with page.expect_download() as info:
        section.get_by_role("button", name="CSV").click()
    data = open(info.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0][: len(PROGRESS_HEADER)] == PROGRESS_HEADER
    line = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == str(item.number))
    assert line["เหตุผลที่ไม่สามารถดำเนินการได้"] == "ไม่ได้รับงบประมาณ"
    assert line["สถานะ"] == "ไม่สามารถดำเนินการได้" and line["ผลการดำเนินงาน (สี)"] == "แดง"
    assert line["หมายเหตุ"] == "รอจัดสรรงบประมาณปีถัดไป"
