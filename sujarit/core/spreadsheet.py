"""Excel (openpyxl) and CSV files for download, and the HTTP response that carries them.

Both builders take a list of columns and rows of plain values: Decimal/int/float stay numbers
(Excel shows them with #,##0 or #,##0.00), dates stay dates, everything else becomes text.

Text may come from citizens (an Open311 address) or from an imported document (a plan item's name),
so every text cell — titles and headers too — goes through `neutralize`: a spreadsheet shows it as
text and never runs it as a formula (OWASP "CSV injection"). Numbers are never touched: -500 typed
as a number stays a number.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FONT_NAME = "TH Sarabun New"  # what Thai offices have installed; Excel falls back when it is missing
FONT_SIZE = 16


# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (or DDE command) on open.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Skipped before looking for a trigger: " =1+1" and "\u200b=1+1" are formulas to some spreadsheets.
_LEADING_BLANKS = " \t\r\n\x0b\x0c\xa0\u200b\u200c\u200d\u2060\ufeff\u3000"


def formula_like(text):
    """Whether a spreadsheet might run this text as a formula (OWASP's list, also after leading blanks)."""
    return text.startswith(FORMULA_TRIGGERS) or text.lstrip(_LEADING_BLANKS).startswith(FORMULA_TRIGGERS)


def neutralize(text):
    """Text a spreadsheet shows as text: a leading ' when it could be read as a formula (OWASP)."""
    text = str(text)
    return "'" + text if formula_like(text) else text


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 14  # in Excel's character units; Thai text needs generous widths
    number_format: str = ""  # "" = chosen from the value (#,##0 / #,##0.00 / a date)
    wrap: bool = False


@dataclass
class Sheet:
    title: str  # the sheet's tab (at most 31 characters; cut if longer)
    columns: list
    rows: list
    heading: str = ""  # a title row above the header row
    subheading: str = ""
    footer_rows: list | None = None  # e.g. totals, written bold below the data


def _number_format(value, column):
    if column.number_format:
        return column.number_format
    if isinstance(value, bool):
        return ""
    if isinstance(value, Decimal):
        return "#,##0" if value == value.to_integral_value() else "#,##0.00"
    if isinstance(value, int):
        return "#,##0"
    if isinstance(value, float):
        return "#,##0.00"
    if isinstance(value, dt.datetime):
        return "d/m/yyyy h:mm"
    if isinstance(value, dt.date):
        return "d/m/yyyy"
    return ""


def _cell_value(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, bool | int | float | Decimal | dt.date):
        return value
    return neutralize(value)


def _put(ws, row, column, value):
    """Write one cell; text is always a string cell (openpyxl would make "=…" a formula, "#N/A" an error)."""
    cell = ws.cell(row=row, column=column)
    value = _cell_value(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


_SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def xlsx_bytes(sheets) -> bytes:
    """An .xlsx workbook of one or more `Sheet`s: title row, styled Thai header row, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    if isinstance(sheets, Sheet):
        sheets = [sheets]
    workbook = Workbook()
    workbook.remove(workbook.active)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    plain = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title.translate(_SHEET_TITLE_FORBIDDEN)[:31] or "Sheet")
        ncols = max(len(sheet.columns), 1)
        row = 1
        for text, size in ((sheet.heading, FONT_SIZE + 4), (sheet.subheading, FONT_SIZE)):
            if text:
                _put(ws, row, 1, text).font = Font(name=FONT_NAME, size=size, bold=True)
                ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")
                if ncols > 1:
                    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
                row += 1
        if row > 1:
            row += 1  # a blank line between the title and the table
        header_row = row
        for col, column in enumerate(sheet.columns, start=1):
            cell = _put(ws, row, col, column.title)
            cell.font = bold
            cell.fill = PatternFill("solid", fgColor="D9E2F3")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = border
            ws.column_dimensions[get_column_letter(col)].width = column.width
        for values, font in [(r, plain) for r in sheet.rows] + [(r, bold) for r in sheet.footer_rows or []]:
            row += 1
            for col, (value, column) in enumerate(zip(values, sheet.columns, strict=False), start=1):
                cell = _put(ws, row, col, value)
                cell.font = font
                cell.border = border
                fmt = _number_format(value, column)
                if fmt:
                    cell.number_format = fmt
                cell.alignment = Alignment(vertical="top", wrap_text=column.wrap)
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        ws.print_options.gridLines = False
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.print_title_rows = f"{header_row}:{header_row}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.0f}" if value == value.to_integral_value() else format(value, "f")
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | int | float):
        return str(value)
    return neutralize(value)


def csv_bytes(header, rows) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel opens Thai text correctly), CRLF line ends, no formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralize(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def content_disposition(filename, disposition="attachment"):
    """attachment; filename="ascii-fallback"; filename*=UTF-8''… (RFC 6266 / RFC 5987)."""
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in filename)
    fallback = re.sub(r"_+", "_", fallback).strip("_.") or "download"
    if "." in filename and "." not in fallback:
        fallback += "." + filename.rsplit(".", 1)[1]
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(filename, content_type, data, inline=False):
    """An HttpResponse carrying a generated file; the Thai file name survives the download."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, "inline" if inline else "attachment")
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    return response
