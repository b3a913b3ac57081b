"""The 6- and 12-month monitoring reports (page, PDF, Excel) and the E-PlanNACC export."""

import csv
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from sujarit.core import thai
from sujarit.core.models import Role
from sujarit.core.registry import registry
from sujarit.core.tests.personas import make_staff
from sujarit.plans import exports
from sujarit.plans import monitoring_report as reports
from sujarit.plans.models import ItemBudget, ItemStatus, ItemType, KPIResult, ProgressReport, ReportState
from sujarit.plans.services import kpis as kpi_service

from .factories import KPIResultFactory, ProgressReportFactory, build_plan

ORG = "องค์การบริหารส่วนตำบลแหลมสอม"
YEAR = 2569
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdftotext(data, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True).stdout.decode()


@pytest.fixture
def plan(org):
    """2 dimensions × 2 items, 20,000 baht a year each, one KPI (≥ 3 channels) each."""
    return build_plan(org)


@pytest.fixture
def rounds(plan):
    """Item 1 approved (done, 15,000 spent, KPI 5 = met); item 2 only submitted (50 %, 5,000 spent)."""
    items = list(plan.items.order_by("number"))
    approved = ProgressReportFactory(
        item=items[0], fiscal_year=YEAR, round=6, state=ReportState.APPROVED, status=ItemStatus.DONE,
        percent_done=100, spent=Decimal("15000"), work_done="จัดอบรมคุณธรรมแล้ว", problems="ฝนตกหนักช่วงอบรม",
    )  # fmt: skip
    KPIResultFactory(report=approved, kpi=items[0].kpis.get(), value=Decimal("5"))
    submitted = ProgressReportFactory(
        item=items[1], fiscal_year=YEAR, round=6, state=ReportState.SUBMITTED, status=ItemStatus.IN_PROGRESS,
        percent_done=50, spent=Decimal("5000"), work_done="ร่างรายงานยังไม่อนุมัติ", problems="ขาดบุคลากร",
    )  # fmt: skip
    KPIResultFactory(report=submitted, kpi=items[1].kpis.get(), value=Decimal("1"))
    return approved, submitted


def url(org, suffix="/", year=YEAR, rnd=6, staff=False):
    base = f"/{org.slug}/staff/plan/monitoring" if staff else f"/{org.slug}/plan/reports"
    return f"{base}/{year}/{rnd}{suffix}"


# --- assembling the report ---------------------------------------------------------------------


def test_official_report_counts_approved_reports_only(org, plan, rounds):
    report = reports.build(org, YEAR, 6, official=True)
    assert report.totals.items == 4
    assert report.totals.reported == 1 and report.totals.done == 1
    assert report.totals.planned == Decimal("80000")
    assert report.totals.spent == Decimal("15000")
    assert report.totals.average_percent == Decimal("25")  # 100 + 0 + 0 + 0 over 4 items
    assert report.spent_in_words == "หนึ่งหมื่นห้าพันบาทถ้วน"
    first, second = report.dimensions[0].rows
    assert first.kpis[0].value == Decimal("5") and first.kpis[0].status == "met"
    assert second.report is None and second.kpis[0].value is None  # submitted, not approved: not shown
    assert [b.totals.spent for b in report.dimensions] == [Decimal("15000"), Decimal("0")]


def test_staff_report_counts_every_report_and_shows_its_state(org, plan, rounds):
    report = reports.build(org, YEAR, 6, official=False)
    assert report.totals.reported == 2
    assert report.totals.spent == Decimal("20000")
    second = report.dimensions[0].rows[1]
    assert second.state == ReportState.SUBMITTED and second.kpis[0].status == "not_met"
    assert dict(report.state_counts) == {ReportState.APPROVED: 1, ReportState.SUBMITTED: 1, "": 2}


def test_twelve_month_round_is_separate_from_the_six_month_one(org, plan, rounds):
    report = reports.build(org, YEAR, 12)
    assert report.totals.reported == 0 and report.totals.spent == 0
    # ... except that an item approved as done stays done (E-PlanNACC locks it for the rest of the cycle)
    first = report.dimensions[0].rows[0]
    assert first.carried and first.status == ItemStatus.DONE and first.colour.key == "green"
    assert report.totals.done == 1 and report.dimensions[0].rows[1].colour is None
    assert report.period.end.isoformat() == "2026-09-30"


@pytest.mark.parametrize("year,rnd", [(2500, 6), (YEAR, 7), (YEAR, 0), (2600, 12), (99999999999999999, 6)])
def test_unknown_year_or_round_is_not_a_report(org, plan, year, rnd):
    with pytest.raises(reports.ReportNotFound):
        reports.build(org, year, rnd)


def test_target_and_value_texts():
    from sujarit.plans.models import KPI

    kpi = KPI(target_op=">=", target_value=Decimal("80.00"), target_unit="percent")
    assert reports.target_text(kpi) == "≥ 80 %"
    assert kpi_service.value_text(kpi, Decimal("87.50")) == "87.5 %"
    assert reports.target_text(KPI(target_op="", target_value=None)) == ""


# --- the pages ----------------------------------------------------------------------------------


def test_public_report_page_shows_approved_progress_only(client, org, plan, rounds):
    resp = client.get(url(org))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert ORG in html
    assert "ฝนตกหนักช่วงอบรม" in html and "จัดอบรมคุณธรรมแล้ว" in html
    assert "ขาดบุคลากร" not in html and "ร่างรายงานยังไม่อนุมัติ" not in html
    assert "15,000" in html and "80,000" in html
    assert "หนึ่งหมื่นห้าพันบาทถ้วน" in html


def test_public_report_page_runs_a_fixed_number_of_queries(
    client, org, plan, rounds, django_assert_max_num_queries
):
    client.get(url(org))  # warm caches (site, translations)
    with django_assert_max_num_queries(12):
        assert client.get(url(org)).status_code == 200
    build_plan(org, first_year=2571, last_year=2575, dimensions=4, items_per_dimension=10)
    with django_assert_max_num_queries(12):
        assert client.get(url(org, year=2572)).status_code == 200


def test_staff_report_page_shows_the_state_of_each_report(client, org, plan, rounds, coordinator):
    client.force_login(coordinator)
    resp = client.get(url(org, staff=True))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "ขาดบุคลากร" in html
    assert f"/{org.slug}/staff/plan/reports/{rounds[1].pk}/" in html  # link to the submitted report


@pytest.mark.parametrize(
    "path",
    [
        "/plan/reports/2500/6/",
        "/plan/reports/2569/7/",
        "/plan/reports/2569/7.pdf",
        "/plan/reports/2500/12.xlsx",
    ],
)
def test_bad_year_or_round_gives_the_thai_404_page(client, org, plan, path):
    resp = client.get(f"/{org.slug}{path}")
    assert resp.status_code == 404
    # the project's own 404 page (Thai once the catalogue is compiled), never a traceback
    assert "404.html" in [t.name for t in resp.templates]
    assert '<html lang="th">' in resp.content.decode() and "Traceback" not in resp.content.decode()


def test_an_organization_without_a_plan_has_no_report(client, other_org):
    assert client.get(url(other_org)).status_code == 404


def test_report_index_links_to_rounds_that_have_begun(client, org, plan):
    today = timezone.localdate()
    current = thai.current_fiscal_year()
    resp = client.get(f"/{org.slug}/plan/reports/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert url(org, year=2566) in html and url(org, year=2566, rnd=12) in html
    assert url(org, year=current + 1) not in html  # a fiscal year that has not begun
    # the 12-month round is listed once the 6-month round is over
    assert (url(org, year=current, rnd=12) in html) == (today > thai.round_end(current, 6))


def test_staff_views_refuse_anonymous_and_other_organizations(client, org, plan, other_org_officer):
    for path in (
        url(org, staff=True),
        url(org, ".pdf", staff=True),
        f"/{org.slug}/staff/exports/plans.eplan/csv/",
    ):
        assert client.get(path).status_code == 302
    client.force_login(other_org_officer)
    for path in (url(org, staff=True), f"/{org.slug}/staff/exports/plans.eplan/xlsx/"):
        assert client.get(path).status_code == 403


def test_other_organizations_rows_never_enter_the_report(org, other_org, plan, rounds):
    other_plan = build_plan(other_org, dimensions=1, items_per_dimension=1, budget="99999")
    item = other_plan.items.get()
    ProgressReportFactory(
        item=item, fiscal_year=YEAR, round=6, state=ReportState.APPROVED, spent=Decimal("777")
    )
    report = reports.build(org, YEAR, 6)
    assert report.totals.items == 4 and report.totals.spent == Decimal("15000")
    assert report.totals.planned == Decimal("80000")


# --- PDF and Excel ------------------------------------------------------------------------------


@needs_pdftotext
def test_pdf_report_text_survives_with_org_name_and_amount_in_words(client, org, plan, rounds, tmp_path):
    resp = client.get(url(org, ".pdf"))
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''" in resp["Content-Disposition"]
    text = pdftotext(resp.content, tmp_path)
    assert ORG in text  # SARA AM intact
    squashed = "".join(text.split())  # lines wrap between Thai words
    assert "หนึ่งหมื่นห้าพันบาทถ้วน" in squashed  # spent, in words
    assert "แปดหมื่นบาทถ้วน" in squashed  # planned, in words
    assert "15,000" in text and "80,000" in text
    assert "จัดอบรมคุณธรรมแล้ว" in squashed  # what was done: in the document, not only on the page
    assert "ฝนตกหนักช่วงอบรม" in squashed
    assert "ขาดบุคลากร" not in squashed  # not approved: not in the official report
    assert "2569" in text


@needs_pdftotext
def test_staff_pdf_is_marked_as_a_working_copy(client, org, plan, rounds, coordinator, tmp_path):
    client.force_login(coordinator)
    resp = client.get(url(org, ".pdf", staff=True))
    assert resp.status_code == 200
    text = pdftotext(resp.content, tmp_path)
    assert "ขาดบุคลากร" in "".join(text.split()) and ORG in text


def test_excel_report_has_items_kpis_and_numbers(client, org, plan, rounds):
    resp = client.get(url(org, ".xlsx"))
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [v for row in values for v in row if v is not None]
    assert any(ORG in str(v) for v in flat)
    index, item_row = next((i, r) for i, r in enumerate(values) if r[1] == "โครงการที่ 1")
    assert item_row[4] == 100 and item_row[6] == 20000 and item_row[7] == 15000
    assert item_row[8] == "มีการเผยแพร่ อย่างน้อย 3 ช่องทาง" and item_row[10] == 5
    assert values[-1][6] == 80000 and values[-1][7] == 15000  # grand total row
    # E-PlanNACC's colour: done is green, written and filled
    result = ws.cell(index + 1, 6)
    assert result.value == "เขียว" and result.fill.start_color.rgb.endswith("116B2F")


# --- E-PlanNACC ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "คณะผู้บริหาร สมาชิกสภา พนักงานองค์การบริหารส่วนตำบล ลูกจ้างประจำ และพนักงานจ้างทั่วไป จำนวน 53 คน",
            ["ข้าราชการการเมืองฝ่ายบริหาร", "ข้าราชการการเมืองฝ่ายสภาท้องถิ่น", "ข้าราชการส่วนท้องถิ่น/ลูกจ้าง/พนักงานจ้าง"],
        ),
        ("ประชาชนในเขตพื้นที่องค์กรบริหารส่วนตำบลแหลมสอม", ["ประชาชน/ภาคประชาสังคม"]),
        (
            "ภาครัฐ ภาคเอกชน ภาครัฐวิสาหกิจ สถานศึกษา และภาคประชาชน ในเขตองค์การบริหารส่วนตำบลแหลมสอม",
            ["ประชาชน/ภาคประชาสังคม", "สถานศึกษา", "หน่วยงานภาครัฐ", "รัฐวิสาหกิจ", "ภาคธุรกิจเอกชน"],
        ),
        ("เจ้าหน้าที่ผู้ปฏิบัติงานด้านพัสดุ", ["ข้าราชการส่วนท้องถิ่น/ลูกจ้าง/พนักงานจ้าง"]),
        ("เด็กและเยาวชนในตำบล", ["เด็กและเยาวชน"]),
        ("สมาชิกสภาองค์การบริหารส่วนตำบลแหลมสอม", ["ข้าราชการการเมืองฝ่ายสภาท้องถิ่น"]),
        ("", []),
    ],
)
def test_target_group_text_ticks_e_plan_nacc_boxes(text, expected):
    assert exports.target_groups(text) == expected


@pytest.mark.parametrize(
    "duration,expected",
    [
        ("ปีงบประมาณ พ.ศ. 2566 – 2570", [1, 2, 3, 4]),
        ("เดือนตุลาคม – ธันวาคม ของทุกปี", [1]),
        ("มกราคม ถึง มิถุนายน", [2, 3]),
        ("ส.ค. 2567", [4]),
        ("พฤศจิกายน - กุมภาพันธ์", [1, 2]),
    ],
)
def test_quarters_from_duration(duration, expected):
    assert exports.quarters(duration) == expected


def test_eplan_csv_has_e_plan_nacc_fields(client, org, plan, coordinator):
    item = plan.items.order_by("number").first()
    item.target_group = "ประชาชนในเขตพื้นที่"
    item.objectives = ["เพื่อส่งเสริมความโปร่งใส", "เพื่อป้องกันการทุจริต"]
    item.item_type = ItemType.MEASURE
    item.uses_budget = False
    item.save()
    client.force_login(coordinator)
    resp = client.get(f"/{org.slug}/staff/exports/plans.eplan/csv/")
    assert resp.status_code == 200
    assert resp.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    first = rows[0]
    assert first["ชื่อโครงการ/กิจกรรม/มาตรการ"] == item.name
    assert first["ประเภท"] == "มาตรการ"
    assert first["แผนปฏิบัติการ (รอบ)"] == "2566–2570"
    assert first["มิติ"] == "1"
    assert first["ไตรมาส 1"] == "✓" and first["ไตรมาส 4"] == "✓"
    assert first["งบประมาณ 2567 (บาท)"] == "ไม่ใช้งบประมาณ"
    assert first["กลุ่มเป้าหมาย: ประชาชน/ภาคประชาสังคม"] == "✓"
    assert first["กลุ่มเป้าหมาย: สถานศึกษา"] == ""
    assert "เพื่อป้องกันการทุจริต" in first["วัตถุประสงค์"]
    assert rows[1]["งบประมาณ 2567 (บาท)"] == "20000"


def test_eplan_xlsx_keeps_budgets_as_numbers(client, org, plan, coordinator):
    client.force_login(coordinator)
    resp = client.get(f"/{org.slug}/staff/exports/plans.eplan/xlsx/")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header_index = next(i for i, r in enumerate(rows) if r[0] == "ลำดับ")
    header = rows[header_index]
    budget_col = header.index("งบประมาณ 2569 (บาท)")
    assert rows[header_index + 1][budget_col] == 20000
    assert ws.cell(row=header_index + 2, column=budget_col + 1).number_format == "#,##0"


def test_eplan_export_without_a_plan_is_a_404(client, org):
    client.force_login(make_staff(org, "t_coord2", Role.PLAN_COORDINATOR))
    assert client.get(f"/{org.slug}/staff/exports/plans.eplan/csv/").status_code == 404


def test_exports_are_in_the_registry(org, plan, rounds):
    eplan = registry.exports["plans.eplan"]
    name, content_type, data = eplan.func(org, "csv")
    assert name.endswith(".csv") and data.startswith(b"\xef\xbb\xbf")
    monitoring = registry.exports["plans.monitoring"]
    name, content_type, data = monitoring.func(org, "xlsx", fiscal_year=YEAR, round=6)
    assert name.endswith(".xlsx") and content_type.startswith("application/vnd.openxmlformats")


# --- the imported seed --------------------------------------------------------------------------


def test_report_of_the_imported_seed(seed_plan):
    org = seed_plan.org
    report = reports.build(org, 2567, 6)
    assert report.totals.items == 27
    assert len(report.dimensions) == 4
    planned = sum(
        (b.amount or 0)
        for b in ItemBudget.objects.for_org(org).filter(item__plan=seed_plan, fiscal_year=2567)
    )
    assert report.totals.planned == planned
    assert report.totals.kpis == sum(len(r.kpis) for r in report.rows) > 0
    assert report.totals.reported == 0


@needs_pdftotext
def test_pdf_of_the_imported_seed_with_an_approved_report(client, seed_plan, tmp_path):
    org = seed_plan.org
    item = seed_plan.items.order_by("number").first()
    report = ProgressReport.objects.create(
        org=org, item=item, fiscal_year=2567, round=12, state=ReportState.APPROVED, status=ItemStatus.DONE,
        percent_done=100, spent=Decimal("7200"), work_done="ดำเนินการครบถ้วน",
    )  # fmt: skip
    kpi = item.kpis.order_by("kind", "order").first()
    if kpi is not None:
        KPIResult.objects.create(org=org, report=report, kpi=kpi, value=Decimal("90"))
    resp = client.get(f"/{org.slug}/plan/reports/2567/12.pdf")
    assert resp.status_code == 200
    text = pdftotext(resp.content, tmp_path)
    assert ORG in text
    assert "เจ็ดพันสองร้อยบาทถ้วน" in "".join(text.split())
    assert item.name.split()[0][:20] in text.replace("\n", "")


def test_eplan_export_of_the_imported_seed(seed_plan):
    header, rows = exports.eplan_rows(seed_plan.org, seed_plan)
    assert len(rows) == 27
    assert {r[4] for r in rows} <= {"โครงการ", "มาตรการ", "กิจกรรม", "แนวปฏิบัติงาน"}
    ticks = header.index("กลุ่มเป้าหมาย: ข้าราชการการเมืองฝ่ายสภาท้องถิ่น")
    assert sum(1 for r in rows if r[ticks] == "✓") >= 3  # several items aim at the council
    no_budget = [r for r in rows if r[header.index("งบประมาณ 2567 (บาท)")] == "ไม่ใช้งบประมาณ"]
    assert 10 <= len(no_budget) < 27


def test_a_kpi_without_numeric_target_shows_its_reported_value(org, plan, rounds):
    from django.utils import translation

    kpi = rounds[0].item.kpis.get()
    kpi.target_op, kpi.target_value = "", None
    kpi.save()
    row = reports.build(org, YEAR, 6).dimensions[0].rows[0]
    with translation.override("en"):
        assert row.kpis[0].value == Decimal("5") and row.kpis[0].target == ""
        assert row.kpis[0].status_label == "Reported (no numeric target)"


def test_staff_report_page_runs_a_fixed_number_of_queries(
    client, org, plan, rounds, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    client.get(url(org, staff=True))
    build_plan(org, first_year=2571, last_year=2575, dimensions=4, items_per_dimension=10)
    with django_assert_max_num_queries(20):
        assert client.get(url(org, year=2572, staff=True)).status_code == 200


# --- cached documents ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_a_second_download_is_not_rebuilt_and_new_data_gives_a_new_file(
    client, org, plan, rounds, django_assert_max_num_queries, suffix
):
    first = client.get(url(org, suffix))
    assert first.status_code == 200
    with django_assert_max_num_queries(4):  # organization, plan, the data's version — no report built
        again = client.get(url(org, suffix))
    assert again.content == first.content
    # an approval changes what the official report shows: the next download is a new file with it
    _approved, submitted = rounds
    submitted.state = ReportState.APPROVED
    submitted.save(update_fields=["state", "updated_at"])
    fresh = client.get(url(org, suffix))
    assert fresh.content != first.content
    if suffix == ".xlsx":
        flat = [c.value for row in load_workbook(io.BytesIO(fresh.content)).active.iter_rows() for c in row]
        assert "ขาดบุคลากร" in flat


def test_the_staff_copy_follows_every_report_and_the_official_one_only_approvals(org, plan, rounds):
    official = exports.monitoring_document(org, YEAR, 6, "xlsx")[2]
    staff = exports.monitoring_document(org, YEAR, 6, "xlsx", official=False)[2]
    _approved, submitted = rounds
    submitted.problems = "ขาดบุคลากรและงบประมาณ"
    submitted.save(update_fields=["problems", "updated_at"])
    assert exports.monitoring_document(org, YEAR, 6, "xlsx")[2] == official  # not approved: not shown
    assert exports.monitoring_document(org, YEAR, 6, "xlsx", official=False)[2] != staff


def test_a_new_signer_in_the_profile_gives_a_new_pdf(org, plan, rounds, admin_user):
    from sujarit.core import services

    before = exports.monitoring_document(org, YEAR, 6, "pdf")[2]
    services.update_organization(org, by=admin_user, head_name="นายสมศักดิ์ ใจซื่อ")
    assert exports.monitoring_document(org, YEAR, 6, "pdf")[2] != before
