"""The layouts the importer recognises by content, and how each row becomes a `Record`.

- e-GP open data, contract dataset of 2568 (`egp-contact-2568`): data rows of exactly 28 fields whose
  second field is an 11-digit project number. Its header row has 26 or 31 fields (a known trap), so
  rows are read by position, never by the header, and the header is reported and skipped.
- Sujarit's own template (docs: data/template_columns.json, downloadable from the back office): a
  header row naming its columns in Thai, in any order; bidders in one cell as
  "เลขประจำตัว|ชื่อ|ราคา; …".

Every row's shape and every ID's check digit are checked; one bad row rejects the file.
"""

import re

from .. import ids
from ..models import Method
from . import values
from .errors import ImportRejected, RowError
from .reader import read_rows
from .records import EGP_LAYOUT, LAYOUT_NAMES, TEMPLATE_LAYOUT, Parsed, Record
from .template import TEMPLATE_COLUMNS, parse_template

EGP_FIELDS = 28
_EGP_NUMBER = re.compile(r"^\d{11}$")


def _is_egp_row(cells):
    return len(cells) >= 2 and bool(_EGP_NUMBER.match(cells[1]))


def _trim(cells, width):
    cells = list(cells)
    while len(cells) > width and cells[-1] == "":
        cells.pop()
    return cells


def detect(rows):
    """The layout of the rows, by content; ImportRejected when none fits."""
    if any(c in TEMPLATE_COLUMNS for c in rows[0][1]) and "งานที่จัดซื้อหรือจัดจ้าง" in rows[0][1]:
        return TEMPLATE_LAYOUT
    egp_like = sum(1 for _line, cells in rows[:50] if _is_egp_row(cells))
    if egp_like and egp_like >= (min(len(rows), 50) - 1) / 2:
        return EGP_LAYOUT
    raise ImportRejected(
        [
            RowError(
                0,
                "ไม่รู้จักรูปแบบไฟล์: รับเฉพาะข้อมูลสัญญา e-GP ปี 2568 (28 ช่อง เลขโครงการ 11 หลัก) "
                "หรือแบบฟอร์มนำเข้าของสุจริต",
            )
        ]
    )


class IdNotes:
    """Collects what happened to IDs: repairs are notes, damage is a row error."""

    def __init__(self):
        self.repaired = []

    def take(self, raw, line, errors, *, required=False, label="เลขประจำตัวผู้เสียภาษี"):
        status, clean = ids.check(raw)
        if status == ids.REPAIRED:
            self.repaired.append(line)
        elif status == ids.EMPTY:
            if required:
                errors.append(RowError(line, f"ไม่มี{label}"))
        elif status != ids.OK:
            errors.append(RowError(line, f"{label}: {ids.reason(status, raw)}"))
        return clean

    def notes(self):
        if not self.repaired:
            return []
        lines = ", ".join(str(n) for n in self.repaired[:10]) + (" …" if len(self.repaired) > 10 else "")
        return [
            f"เติมเลข 0 นำหน้าเลขประจำตัวที่โปรแกรมตารางคำนวณตัดทิ้ง {len(self.repaired)} รายการ "
            f"(ตรวจเลขหลักสุดท้ายแล้วถูกต้อง) บรรทัด {lines}"
        ]


def _egp_record(line, c, errors, id_notes):
    bad = len(errors)

    def take(parse, text, label):
        try:
            return parse(text, label=label)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            return None

    try:
        method = values.method(c[6])
    except ValueError:
        method = Method.OTHER
    record = Record(
        line=line,
        egp_number=c[1],
        name=c[2][:500],
        unit_name=c[5][:200],
        method=method,
        method_detail=c[6][:200],
        announced_on=take(values.date, c[8], "วันที่ประกาศ"),
        budget=take(values.money, c[9], "งบประมาณ"),
        reference_price=take(values.money, c[10], "ราคากลาง"),
        agreed_price=take(values.money, c[11], "ราคาตกลงซื้อ/จ้าง"),
        status=(c[27] or c[17])[:100],
        contract_number=c[23][:100],
        contract_date=take(values.date, c[24], "วันที่ลงนามสัญญา"),
        delivery_date=take(values.date, c[25], "วันที่สิ้นสุดสัญญา"),
        contract_amount=take(values.money, c[26], "งบสัญญา"),
        bids_complete=False,
    )
    if not record.name:
        errors.append(RowError(line, "ไม่มีชื่อโครงการ"))
    if record.budget is None and len(errors) == bad:
        errors.append(RowError(line, "ไม่มีงบประมาณ"))
    tax_id = id_notes.take(c[21], line, errors, label="เลขนิติบุคคลผู้ชนะ")
    if tax_id or c[22]:
        record.winner = (tax_id, c[22][:300] or tax_id)
    return record


def _parse_egp(rows, agency):
    errors, records, notes, id_notes = [], [], [], IdNotes()
    skipped = 0
    start = 0
    if not _is_egp_row(rows[0][1]):
        line, header = rows[0]
        header = _trim(header, 0)
        if len(header) != EGP_FIELDS:
            notes.append(
                f"แถวหัวตาราง (บรรทัด {line}) มี {len(header)} ช่อง แต่แถวข้อมูลมี {EGP_FIELDS} ช่อง: "
                "อ่านข้อมูลตามตำแหน่งของรูปแบบ e-GP 2568 ไม่อ่านตามหัวตาราง"
            )
        else:
            notes.append(f"ข้ามแถวหัวตาราง (บรรทัด {line})")
        start = 1
    seen = {}
    for line, cells in rows[start:]:
        cells = _trim(cells, EGP_FIELDS)
        if len(cells) != EGP_FIELDS:
            errors.append(RowError(line, f"แถวมี {len(cells)} ช่อง แต่รูปแบบ e-GP 2568 มี {EGP_FIELDS} ช่อง"))
            continue
        if not _EGP_NUMBER.match(cells[1]):
            errors.append(RowError(line, f"รหัสโครงการ «{cells[1][:20]}» ไม่ใช่ตัวเลข 11 หลัก"))
            continue
        if agency is not None and not agency(cells[4]):
            skipped += 1
            continue
        if cells[1] in seen:
            errors.append(RowError(line, f"รหัสโครงการ {cells[1]} ซ้ำกับบรรทัด {seen[cells[1]]}"))
            continue
        seen[cells[1]] = line
        records.append(_egp_record(line, cells, errors, id_notes))
    if skipped:
        notes.append(f"ข้าม {skipped} แถวที่เป็นของหน่วยงานอื่น")
    return errors, records, notes + id_notes.notes()


def parse(data, *, agency=None):
    """Parse a file's bytes; `agency(name) -> bool` keeps e-GP rows of this organization only."""
    rows = read_rows(data)
    layout = detect(rows)
    if layout == EGP_LAYOUT:
        errors, records, notes = _parse_egp(rows, agency)
    else:
        id_notes = IdNotes()
        errors, records, notes = parse_template(rows, id_notes)
        notes += id_notes.notes()
    if errors:
        raise ImportRejected(errors, layout)
    if not records:
        raise ImportRejected([RowError(0, "ไม่มีแถวข้อมูลของหน่วยงานนี้ในไฟล์")], layout)
    return Parsed(layout, records, [f"รูปแบบไฟล์: {LAYOUT_NAMES[layout]}", *notes])
