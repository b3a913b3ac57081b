"""Bytes → rows of text cells, from CSV (UTF-8, UTF-8 with BOM, or Windows-874/TIS-620) or .xlsx."""

import csv
import datetime as dt
import io
import zipfile

from .errors import ImportRejected, RowError

MAX_ROWS = 200_000


def _decode(data):
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected([RowError(0, "อ่านไฟล์ไม่ได้: ไม่ใช่ไฟล์ CSV ที่เข้ารหัส UTF-8 หรือ TIS-620")])


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in values])
            if len(rows) > MAX_ROWS:
                break
        workbook.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise ImportRejected([RowError(0, f"อ่านไฟล์ Excel ไม่ได้ ({type(exc).__name__})")]) from None
    return rows  # padded to the sheet's width by read-only mode; layouts trim trailing empty cells


def read_rows(data):
    """[(line, [cells])] of the file's non-empty rows; raises ImportRejected when it cannot be read."""
    if not data:
        raise ImportRejected([RowError(0, "ไฟล์ว่างเปล่า")])
    if data[:4] == b"PK\x03\x04":
        try:
            zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            raise ImportRejected([RowError(0, "อ่านไฟล์ Excel ไม่ได้ (ไฟล์เสีย)")]) from None
        rows = list(enumerate(_xlsx_rows(data), start=1))
    else:
        if b"\x00" in data:
            raise ImportRejected([RowError(0, "ไฟล์นี้ไม่ใช่ CSV หรือ Excel (.xlsx)")])
        text = _decode(data)
        rows = []
        reader = csv.reader(io.StringIO(text, newline=""))
        first = 1
        try:
            for row in reader:
                rows.append((first, row))  # a quoted cell may span lines: report the row's first line
                first = reader.line_num + 1
                if len(rows) > MAX_ROWS:
                    break
        except csv.Error as exc:
            raise ImportRejected([RowError(first, f"อ่านไฟล์ CSV ไม่ได้: {exc}")]) from None
    if len(rows) > MAX_ROWS:
        raise ImportRejected([RowError(0, f"ไฟล์ยาวเกิน {MAX_ROWS:,} แถว")])
    out = []
    for line, row in rows:
        cells = [c.strip() for c in row]
        if any(cells):
            out.append((line, cells))
    if not out:
        raise ImportRejected([RowError(0, "ไฟล์ไม่มีข้อมูล")])
    return out
