"""The annual procurement analysis (plan item 13): figures from known records, the officer's text,
publication with its channels, the PDF and Excel files, O17 evidence and the channels KPI."""

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sujarit.core import services as core_services
from sujarit.core.models import AuditEvent
from sujarit.core.periods import Period
from sujarit.core.registry import registry
from sujarit.procurement import analysis, exports, oit
from sujarit.procurement.models import AnnualAnalysis, Method
from sujarit.procurement.services.analysis import publish_analysis, record_channel, save_analysis

from .helpers import project, vendor

FY = 2568


@pytest.fixture
def year(org):
    """Three purchases with known figures: two by e-bidding for the engineering division, one direct."""
    works = core_services.ensure_unit(org, "กองช่าง")
    a, b = vendor(org, name="หจก. ก่อสร้างดี"), vendor(org, name="ร้านวัสดุภัณฑ์")
    p1 = project(org, method=Method.E_BIDDING, day=dt.date(2024, 11, 5), budget=1_000_000, ref=950_000,
                 agreed=900_000, winner=a, bidders=[(a, 900_000), (b, 920_000), (vendor(org), 940_000)])  # fmt: skip
    p2 = project(org, method=Method.E_BIDDING, day=dt.date(2025, 3, 5), budget=500_000, ref=500_000,
                 agreed=500_000, winner=a, bidders=[(a, 500_000)])  # fmt: skip
    project(org, day=dt.date(2025, 6, 1), budget=20_000, agreed=19_000, winner=b, bidders=[(b, 19_000)])
    for p in (p1, p2):
        p.unit = works
        p.save(update_fields=["unit"])
    return org


def test_the_figures_add_up_by_method_unit_and_vendor(year):
    a = analysis.build(year, FY)
    assert (a.total.count, a.total.budget, a.total.agreed) == (3, Decimal(1_520_000), Decimal(1_419_000))
    # savings only where both prices exist: (950,000 − 900,000) + (500,000 − 500,000)
    assert a.total.savings == Decimal(50_000) and a.total.savings_percent == Decimal("3.45")
    methods = {r.label: (r.count, r.agreed) for r in a.by_method}
    assert methods == {
        "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)": (2, Decimal(1_400_000)),
        "เฉพาะเจาะจง": (1, Decimal(19_000)),
    }
    units = {r.label: r.count for r in a.by_unit}
    assert units == {"กองช่าง": 2, analysis.NO_UNIT: 1}
    assert [(r.label, r.count) for r in a.by_vendor] == [("หจก. ก่อสร้างดี", 2), ("ร้านวัสดุภัณฑ์", 1)]
    # p2: single bidder at the reference price
    codes = {line.code: line.count for line in a.flag_lines}
    assert codes["single_bidder"] == 1 and codes["near_reference"] == 1 and a.flags_reviewed == 0


def test_publishing_needs_the_officers_text_and_counts_channels(year, finance_officer):
    with pytest.raises(ValidationError, match="ปัญหา"):
        publish_analysis(year, FY, by=finance_officer)
    assert not AnnualAnalysis.objects.filter(published_at__isnull=False).exists()
    save_analysis(
        year, FY, problems="ผู้เสนอราคาน้อย", improvements="ประชาสัมพันธ์ให้ผู้ประกอบการทราบ", by=finance_officer
    )
    publish_analysis(year, FY, by=finance_officer)
    today = dt.date.today()
    with pytest.raises(ValidationError):
        record_channel(year, FY, channel="website", published_on=today, by=finance_officer)
    with pytest.raises(ValidationError):
        record_channel(
            year, FY, channel="facebook", published_on=today + dt.timedelta(days=3), by=finance_officer
        )
    measure = registry.measures["procurement.analysis_channels"].func
    period = Period(today - dt.timedelta(days=10), today + dt.timedelta(days=10))
    assert measure(year, period) == Decimal(1)  # the website
    record_channel(year, FY, channel="notice_board", published_on=today, by=finance_officer)
    record_channel(
        year, FY, channel="facebook", published_on=today, note="facebook.com/laemsom", by=finance_officer
    )
    assert measure(year, period) == Decimal(3)
    assert measure(year, Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31))) == Decimal(0)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "procurement.analysis_saved",
        "procurement.analysis_published",
        "procurement.analysis_channel",
    } <= actions
    evidence = oit.annual_report_evidence(year, FY + 1)
    assert [e["topic"] for e in evidence] == ["annual procurement report"] and evidence[0]["url"].endswith(
        "/procurement/analysis-2568/"
    )
    assert "procurement.annual_report" in registry.oit_providers


def test_only_the_manager_writes_the_analysis(year, integrity_officer, other_org_officer):
    from django.core.exceptions import PermissionDenied

    for who in (integrity_officer, other_org_officer):
        with pytest.raises(PermissionDenied):
            save_analysis(year, FY, problems="x", improvements="y", by=who)
    assert not AnnualAnalysis.objects.exists()


def test_the_excel_file_holds_the_figures_and_the_text(year, finance_officer):
    save_analysis(year, FY, problems="ราคากลางบางโครงการสูง", improvements="ทบทวนราคากลาง", by=finance_officer)
    _name, _type, data = exports.analysis_file(year, "xlsx", FY)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" in cells and 1_400_000 in cells and 50_000 in cells
    assert "ราคากลางบางโครงการสูง" in cells and "ทบทวนราคากลาง" in cells
    with pytest.raises(LookupError):
        exports.analysis_file(year, "xlsx", 2560)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_pdf_reads_in_thai_with_the_letterhead_and_signatures(year, finance_officer, tmp_path):
    save_analysis(year, FY, problems="ผู้เสนอราคาน้อยราย", improvements="เผยแพร่ประกาศล่วงหน้า", by=finance_officer)
    _name, _type, data = exports.analysis_file(year, "pdf", FY)
    path = tmp_path / "a.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True).stdout.decode()
    flat = "".join(text.split())  # lines wrap anywhere in Thai
    assert "รายงานผลการวิเคราะห์การจัดซื้อจัดจ้างประจำปีงบประมาณพ.ศ.2568" in flat
    assert year.name in flat and "ผู้เสนอราคาน้อยราย" in flat and "เผยแพร่ประกาศล่วงหน้า" in flat
    assert "50,000" in flat and "หจก.ก่อสร้างดี" in flat
    assert "ปลัด" in flat  # the signature block


def test_the_public_page_appears_only_once_published(client, year, finance_officer):
    url = reverse("procurement:analysis", kwargs={"org_slug": year.slug, "fiscal_year": FY})
    pdf = reverse(
        "procurement:analysis_file", kwargs={"org_slug": year.slug, "fiscal_year": FY, "fmt": "pdf"}
    )
    assert client.get(url).status_code == 404 and client.get(pdf).status_code == 404
    save_analysis(year, FY, problems="ปัญหา", improvements="แนวทาง", by=finance_officer)
    publish_analysis(year, FY, by=finance_officer)
    page = client.get(url)
    assert page.status_code == 200 and "หจก. ก่อสร้างดี" in page.content.decode()
    index = client.get(reverse("procurement:index", kwargs={"org_slug": year.slug}))
    assert url in index.content.decode()


def test_the_staff_page_saves_text_and_refuses_bad_input(client, year, finance_officer, unit_officer):
    url = reverse("procurement_staff:analysis", kwargs={"org_slug": year.slug}) + f"?fy={FY}"
    client.force_login(unit_officer)
    assert client.get(url).status_code == 200
    assert (
        client.post(url, {"fy": FY, "action": "save", "problems": "a", "improvements": "b"}).status_code
        == 403
    )
    client.force_login(finance_officer)
    r = client.post(url, {"fy": FY, "action": "publish"})
    assert r.status_code == 400 and "ก่อนเผยแพร่" in r.content.decode()
    r = client.post(url, {"fy": FY, "action": "save", "problems": "ปัญหา", "improvements": "แนวทาง"})
    assert r.status_code == 302
    assert client.post(url, {"fy": FY, "action": "publish"}).status_code == 302
    r = client.post(url, {"fy": FY, "action": "channel", "channel": "line", "published_on": "31/02/2568"})
    assert r.status_code == 400 and AnnualAnalysis.objects.get().channels.count() == 0
