"""The monthly summary สขร.1 and the ITA 16-field format: every month, no blank cell, PDF and Excel."""

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sujarit.procurement import exports, summary
from sujarit.procurement.models import Method

from .helpers import project, vendor

JAN = summary.Month(2025, 1)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")


@pytest.fixture
def january(org):
    a, b = vendor(org, "หจก.ทดสอบหนึ่ง"), vendor(org, "บริษัท ทดสอบสอง จำกัด")
    return project(org, method=Method.E_BIDDING, day=dt.date(2025, 1, 20), budget=1_000_000, ref=990_000,
                   agreed=900_000, winner=a, bidders=[(a, 900_000), (b, 950_000)], name="จ้างก่อสร้างถนนคอนกรีต")  # fmt: skip


def _no_blank(rows):
    return all(cell not in (None, "") for row in rows for cell in row)


def test_a_month_lists_its_procurement_with_bidders_and_contract(org, january):
    rows = summary.skr1_rows(org, JAN)
    assert len(rows) == 1 and len(rows[0]) == len(summary.SKR1_COLUMNS) == 9
    n, name, budget, ref, method, bids, winner, reason, contract = rows[0]
    assert (n, name, budget, ref) == (1, "จ้างก่อสร้างถนนคอนกรีต", Decimal("1000000"), Decimal("990000"))
    assert "หจก.ทดสอบหนึ่ง ราคา 900,000 บาท" in bids and "บริษัท ทดสอบสอง จำกัด ราคา 950,000 บาท" in bids
    assert winner == "หจก.ทดสอบหนึ่ง ราคา 900,000 บาท"
    assert contract.endswith("ลงวันที่ 20 มกราคม 2568")
    assert reason == "-" and _no_blank(rows)


def test_a_month_without_procurement_says_so_without_blank_cells(org, january):
    rows = summary.skr1_rows(org, summary.Month(2025, 2))
    assert rows[0][1] == "ไม่มีการจัดซื้อจัดจ้าง" and _no_blank(rows)


def test_the_ita_format_has_sixteen_fields_and_a_row_for_each_quiet_month(org, january):
    rows = summary.ita_rows(org, 2568)
    assert all(len(r) == len(summary.ITA_COLUMNS) == 16 for r in rows)
    assert _no_blank(rows)
    project_rows = [r for r in rows if r[7] == "จ้างก่อสร้างถนนคอนกรีต"]
    assert len(project_rows) == 1 and project_rows[0][14] == "หจก.ทดสอบหนึ่ง"
    assert len(rows) == 12  # the fiscal year 2568 has ended: 11 quiet months and one project
    assert sum("ไม่มีการจัดซื้อจัดจ้าง" in r[7] for r in rows) == 11


def test_the_excel_summary_has_one_sheet_per_month_with_numbers_as_numbers(org, january):
    _name, _ct, data = exports.skr1_export(org, "xlsx", 2568)
    wb = load_workbook(io.BytesIO(data))
    assert len(wb.sheetnames) == 12 and wb.sheetnames[3] == "2568-01"
    values = [c.value for row in wb["2568-01"].iter_rows() for c in row]
    assert "จ้างก่อสร้างถนนคอนกรีต" in values and 1000000 in values
    assert any(v == "ไม่มีการจัดซื้อจัดจ้าง" for row in wb["2567-10"].iter_rows() for v in [row[1].value])


def test_hostile_text_is_neutralised_in_the_spreadsheets(org):
    evil = vendor(org, '=HYPERLINK("http://x")')
    project(
        org,
        day=dt.date(2025, 1, 5),
        agreed=100,
        winner=evil,
        bidders=[(evil, 100)],
        name="+cmd|' /C calc'!A0",
    )
    _name, _ct, data = exports.ita_export(org, "csv", 2568)
    text = data.decode("utf-8-sig")
    assert "'+cmd" in text and ",=" not in text
    wb = load_workbook(io.BytesIO(exports.skr1_export(org, "xlsx", 2568)[2]))
    cells = [c for row in wb["2568-01"].iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" and not c.value.startswith(("=", "+")) for c in cells)


@needs_poppler
def test_the_pdf_is_a4_landscape_and_its_thai_text_reads_back(org, january, tmp_path):
    _name, content_type, data = exports.month_file(org, JAN, "pdf")
    assert content_type == "application/pdf"
    path = tmp_path / "skr1.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "841.89 x 595.276" in info or "842 x 595" in info  # A4 landscape, in points
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    ).stdout
    for words in ("แบบ สขร. ๑", "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนมกราคม 2568", "ลำดับ",
                  "จ้างก่อสร้างถนนคอนกรีต", "หจก.ทดสอบหนึ่ง", "ประกวดราคา", org.name):  # fmt: skip
        assert words.replace(" ", "") in "".join(text.split()), words  # cells wrap lines


@needs_poppler
def test_the_pdf_of_a_quiet_month_says_there_was_no_procurement(org, tmp_path):
    path = tmp_path / "quiet.pdf"
    path.write_bytes(exports.month_file(org, JAN, "pdf")[2])
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    ).stdout
    assert "ไม่มีการจัดซื้อจัดจ้าง" in text


def test_the_export_centre_serves_the_year_and_audits_it(client, org, january, finance_officer):
    from sujarit.core.models import AuditEvent

    client.force_login(finance_officer)
    assert "สขร.1" in client.get(f"/{org.slug}/staff/exports/").content.decode()
    resp = client.get(f"/{org.slug}/staff/exports/procurement.skr1/xlsx/?fiscal_year=2568")
    assert resp.status_code == 200 and resp.content.startswith(b"PK")
    resp = client.get(f"/{org.slug}/staff/exports/procurement.ita/csv/?fiscal_year=2568")
    assert resp.status_code == 200 and "เลขที่โครงการในระบบ e-GP" in resp.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="core.exported", data__export="procurement.ita").exists()
    assert client.get(f"/{org.slug}/staff/exports/procurement.ita/csv/?fiscal_year=2999").status_code == 404


def test_the_home_page_links_the_procurement_page(client, org):
    assert f'href="/{org.slug}/procurement/"' in client.get(f"/{org.slug}/").content.decode()
