"""E-PlanNACC's progress fields: cannot be carried out (with reason), done items locked, result colours,
and the progress export in E-PlanNACC's field order."""

import csv
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation
from openpyxl import load_workbook

from sujarit.core import thai
from sujarit.core.models import AuditEvent
from sujarit.plans import exports, monitoring_report
from sujarit.plans.models import ItemStatus, ProgressReport, ReportState
from sujarit.plans.services import progress, results
from sujarit.plans.services.summary import figures

from .factories import build_plan

CUR = thai.current_fiscal_year()
YEAR = CUR - 1  # both rounds have started


@pytest.fixture
def plan(org):
    return build_plan(org, first_year=CUR - 3, last_year=CUR + 1)


@pytest.fixture
def item(plan):
    return plan.items.get(number=1)


def save(item, by, fiscal_year=YEAR, round_months=6, **over):
    kwargs = {"status": "in_progress", "percent_done": 50, "spent": Decimal("1000")}
    kwargs.update(over)
    return progress.save_report(item, fiscal_year, round_months, by=by, **kwargs)


# --- the colours -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "round_months,percent,status,colour",
    [
        (6, 50, "in_progress", "green"),
        (6, 49, "in_progress", "orange"),
        (6, 20, "in_progress", "orange"),
        (6, 19, "in_progress", "red"),
        (12, 80, "in_progress", "green"),
        (12, 79, "in_progress", "orange"),
        (12, 50, "in_progress", "orange"),
        (12, 49, "in_progress", "red"),
        (12, 10, "done", "green"),
        (6, 90, "cannot_do", "red"),
        (6, 0, "not_started", "red"),
    ],
)
def test_colours_follow_eplan_thresholds(round_months, percent, status, colour):
    assert results.colour_of(round_months, percent, status).key == colour


def test_no_report_has_no_colour_and_thresholds_are_settings():
    assert results.colour_of(6, None, "") is None
    with override_settings(SUJARIT_PLAN_RESULT_THRESHOLDS={6: (60, 30), 12: (90, 60)}):
        assert results.colour_of(6, 55, "in_progress").key == "orange"
        assert results.colour_of(12, 59, "in_progress").key == "red"


# --- cannot be carried out -----------------------------------------------------------------------


def test_cannot_be_carried_out_needs_a_reason_and_nothing_is_saved_without(item, unit_officer):
    with translation.override("th"), pytest.raises(ValidationError) as exc:
        save(item, unit_officer, status="cannot_do", percent_done=0)
    assert "เหตุผล" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        save(item, unit_officer, status="cannot_do", percent_done=0, reason="other")  # other needs text
    assert not ProgressReport.objects.exists()

    report = save(
        item, unit_officer, status="cannot_do", percent_done=0, reason="no_budget",
        ordinance_amount="20000", in_ordinance=True, remark="รอปีงบประมาณหน้า",
    )  # fmt: skip
    assert (report.reason, report.ordinance_amount, report.in_ordinance) == ("no_budget", 20000, True)
    event = AuditEvent.objects.filter(action="plans.report_created").get()
    assert event.data["reason"] == "no_budget"


def test_a_reason_belongs_only_to_an_item_that_cannot_be_carried_out(item, unit_officer):
    report = save(item, unit_officer, status="in_progress", reason="no_budget", reason_text="x")
    assert report.reason == "" and report.reason_text == ""


# --- done is locked -------------------------------------------------------------------------------


def test_an_item_approved_done_is_locked_for_the_rest_of_the_cycle(item, unit_officer, coordinator):
    report = save(item, unit_officer, fiscal_year=YEAR - 1, round_months=6, status="done", percent_done=100)
    report = progress.submit_report(report, by=unit_officer)
    progress.approve_report(report, by=coordinator)
    before = ProgressReport.objects.count()
    with translation.override("th"), pytest.raises(progress.IllegalTransition) as exc:
        save(item, unit_officer, fiscal_year=YEAR, round_months=12, status="in_progress")
    assert "แล้วเสร็จ" in exc.value.messages[0] and str(YEAR - 1) in exc.value.messages[0]
    assert ProgressReport.objects.count() == before
    with pytest.raises(progress.IllegalTransition):  # the coordinator too
        save(item, coordinator, fiscal_year=YEAR - 1, round_months=12, status="in_progress")
    # ... and the later rounds count it as done, green
    later = monitoring_report.build(item.org, YEAR, 12, official=True)
    row = next(r for r in later.rows if r.item.pk == item.pk)
    assert row.carried and row.status == ItemStatus.DONE and row.colour.key == "green"
    fig = figures(item.org, item.plan, YEAR, approved_only=True)
    assert fig.items_done == 1 and fig.slots[(item.pk, 12)].colour.key == "green"
    assert sum(d.percent_sum for d in fig.dimensions) == 100
    assert not any(s.item.pk == item.pk for s in fig.overdue)  # a locked item owes no report


def test_a_done_draft_does_not_lock_anything(item, unit_officer):
    save(item, unit_officer, fiscal_year=YEAR - 1, status="done", percent_done=100)
    assert save(item, unit_officer, fiscal_year=YEAR, status="in_progress").pk


# --- the export ----------------------------------------------------------------------------------


def test_eplan_progress_export_puts_each_field_in_its_column(client, org, item, unit_officer, coordinator):
    save(
        item, unit_officer, status="cannot_do", percent_done=0, reason="no_budget",
        ordinance_amount="20000", spent="0", in_ordinance=False, remark="ไม่ได้รับจัดสรร",
    )  # fmt: skip
    other = item.plan.items.get(number=2)
    r = save(other, unit_officer, status="in_progress", percent_done=30, spent="5000")
    progress.approve_report(progress.submit_report(r, by=unit_officer), by=coordinator)

    client.force_login(coordinator)
    url = f"/{org.slug}/staff/exports/plans.eplan_progress/csv/"
    resp = client.get(url, {"fiscal_year": YEAR, "round": 6})
    assert resp.status_code == 200
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:13] == exports.PROGRESS_HEADER[:13]
    by_number = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    first = by_number["1"]
    assert first["งบประมาณตามข้อบัญญัติ/เทศบัญญัติ (บาท)"] in ("20000", "20000.00")
    assert first["บรรจุไว้ในข้อบัญญัติ/เทศบัญญัติ/แผนการดำเนินงาน"] == "ไม่บรรจุ"
    assert (first["สถานะ (รหัส)"], first["สถานะ"]) == ("4", "ไม่สามารถดำเนินการได้")
    assert first["เหตุผลที่ไม่สามารถดำเนินการได้"] == "ไม่ได้รับงบประมาณ"
    assert first["หมายเหตุ"] == "ไม่ได้รับจัดสรร"
    assert first["ผลการดำเนินงาน (สี)"] == "แดง"
    assert by_number["2"]["สถานะ (รหัส)"] == "2" and by_number["2"]["ผลการดำเนินงาน (สี)"] == "orange".replace(
        "orange", "ส้ม"
    )

    resp = client.get(url.replace("/csv", "/xlsx"), {"fiscal_year": YEAR, "round": 6})
    ws = load_workbook(io.BytesIO(resp.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    head = next(i for i, row in enumerate(values) if row[0] == "ลำดับ")
    colour_col = exports.PROGRESS_HEADER.index("ผลการดำเนินงาน (สี)")
    first_row = next(i for i, row in enumerate(values) if row[0] == 1 and i > head)
    cell = ws.cell(first_row + 1, colour_col + 1)
    assert cell.value == "แดง" and cell.fill.start_color.rgb.endswith(results.RED.hex)


def test_monitoring_report_shows_status_reason_and_colour(client, org, item, unit_officer, coordinator):
    r = save(item, unit_officer, status="cannot_do", percent_done=0, reason="no_budget")
    progress.approve_report(progress.submit_report(r, by=unit_officer), by=coordinator)
    assert ProgressReport.objects.get().state == ReportState.APPROVED
    resp = client.get(f"/{org.slug}/plan/reports/{YEAR}/6/")
    html = resp.content.decode()
    assert "ไม่สามารถดำเนินการได้" in html and "ไม่ได้รับงบประมาณ" in html
    assert 'data-colour="red"' in html and "แดง" in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_report_shows_status_reason_and_colour(client, org, item, unit_officer, coordinator, tmp_path):
    r = save(item, unit_officer, status="cannot_do", percent_done=0, reason="no_budget", remark="รอปีหน้า")
    progress.approve_report(progress.submit_report(r, by=unit_officer), by=coordinator)
    resp = client.get(f"/{org.slug}/plan/reports/{YEAR}/6.pdf")
    assert resp.status_code == 200
    path = tmp_path / "report.pdf"
    path.write_bytes(resp.content)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True).stdout.decode()
    squashed = "".join(text.split())
    assert "ไม่สามารถดำเนินการได้" in squashed and "ไม่ได้รับงบประมาณ" in squashed
    assert "แดง" in squashed and "รอปีหน้า" in squashed
    assert "เขียว≥50%" in squashed  # the colour key of the 6-month round


def test_api_gives_the_eplan_fields_of_an_approved_report(client, org, item, unit_officer, coordinator):
    r = save(
        item, unit_officer, status="cannot_do", percent_done=0, reason="no_budget", ordinance_amount="20000"
    )
    progress.approve_report(progress.submit_report(r, by=unit_officer), by=coordinator)
    data = client.get(f"/api/v1/orgs/{org.slug}/plan/items/{item.number}").json()
    got = data["progress"][0]
    assert (got["status"], got["reason"], got["ordinance_amount"]) == ("cannot_do", "no_budget", "20000")
