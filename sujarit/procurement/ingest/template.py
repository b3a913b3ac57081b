"""Sujarit's own import template: a header row of Thai column names (any order), one row per project.

Bidders go in one cell, "เลขประจำตัว|ชื่อ|ราคา" entries separated by ";". A project is identified by
its e-GP number, or by its contract number when it has none (small purchases without an e-GP number).
"""

from . import values
from .errors import RowError
from .records import Record

# Thai column title -> (record field, required)
TEMPLATE_COLUMNS = {
    "เลขที่โครงการ e-GP": ("egp_number", False),
    "งานที่จัดซื้อหรือจัดจ้าง": ("name", True),
    "หน่วยงานย่อย": ("unit_name", False),
    "รายการงบประมาณ": ("budget_line", False),
    "แหล่งที่มาของงบประมาณ": ("budget_source", False),
    "วงเงินงบประมาณ": ("budget", True),
    "ราคากลาง": ("reference_price", False),
    "วิธีจัดซื้อจัดจ้าง": ("method", True),
    "วันที่ประกาศ": ("announced_on", False),
    "วันที่ยื่นข้อเสนอ": ("closing_on", False),
    "ผู้เสนอราคาและราคาที่เสนอ": ("bids", False),
    "เลขประจำตัวผู้ได้รับคัดเลือก": ("winner_tax_id", False),
    "ผู้ได้รับคัดเลือก": ("winner_name", False),
    "ราคาที่ตกลง": ("agreed_price", False),
    "เหตุผลที่คัดเลือก": ("reason", False),
    "เลขที่สัญญา": ("contract_number", False),
    "วันที่สัญญา": ("contract_date", False),
    "มูลค่าสัญญา": ("contract_amount", False),
    "วันส่งมอบ": ("delivery_date", False),
    "การส่งมอบ": ("delivery_note", False),
}
MONEY = {"budget": "วงเงินงบประมาณ", "reference_price": "ราคากลาง", "agreed_price": "ราคาที่ตกลง"}
MONEY["contract_amount"] = "มูลค่าสัญญา"
DATES = {
    "announced_on": "วันที่ประกาศ",
    "closing_on": "วันที่ยื่นข้อเสนอ",
    "contract_date": "วันที่สัญญา",
    "delivery_date": "วันส่งมอบ",
}
TEXT_LIMITS = {"name": 500, "unit_name": 200, "budget_line": 300, "budget_source": 200, "reason": 500}
TEXT_LIMITS |= {"contract_number": 100, "delivery_note": 300}


def _bids(text, line, errors, id_notes):
    out = []
    for n, entry in enumerate(p for p in text.split(";") if p.strip()):
        parts = [p.strip() for p in entry.split("|")]
        if len(parts) != 3:
            errors.append(RowError(line, f"ผู้เสนอราคารายที่ {n + 1} ต้องเขียนเป็น เลขประจำตัว|ชื่อ|ราคา"))
            continue
        tax_id = id_notes.take(
            parts[0], line, errors, required=True, label=f"เลขประจำตัวผู้เสนอราคารายที่ {n + 1}"
        )
        try:
            price = values.money(parts[2], required=True, label=f"ราคาที่เสนอของรายที่ {n + 1}")
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if tax_id:
            out.append((tax_id, parts[1][:300] or tax_id, price))
    if len({b[0] for b in out}) != len(out):
        errors.append(RowError(line, "ผู้เสนอราคารายเดียวกันซ้ำในโครงการเดียว"))
    return out


def _row(line, cells, columns, errors, id_notes):
    got = {key: (cells[i] if i < len(cells) else "") for i, key in columns.items()}
    bad = len(errors)
    fields = {}
    for key, text in got.items():
        try:
            if key in MONEY:
                fields[key] = values.money(text, required=key == "budget", label=MONEY[key])
            elif key in DATES:
                fields[key] = values.date(text, label=DATES[key])
            elif key == "method":
                fields["method"] = values.method(text)
                fields["method_detail"] = text[:200]
            elif key in TEXT_LIMITS:
                fields[key] = text[: TEXT_LIMITS[key]]
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
    if not got.get("name"):
        errors.append(RowError(line, "ไม่มีชื่องานที่จัดซื้อหรือจัดจ้าง"))
    number = got.get("egp_number", "")
    if number and not (len(number) == 11 and number.isdigit()):
        errors.append(RowError(line, f"เลขที่โครงการ e-GP «{number[:20]}» ไม่ใช่ตัวเลข 11 หลัก"))
    if not number and not got.get("contract_number"):
        errors.append(RowError(line, "ต้องมีเลขที่โครงการ e-GP หรือเลขที่สัญญาอย่างใดอย่างหนึ่ง"))
    bids = _bids(got.get("bids", ""), line, errors, id_notes)
    winner_id = id_notes.take(got.get("winner_tax_id", ""), line, errors, label="เลขประจำตัวผู้ได้รับคัดเลือก")
    winner = (
        (winner_id, got.get("winner_name", "")[:300] or winner_id)
        if winner_id or got.get("winner_name")
        else None
    )
    if winner and bids and winner[0] not in {b[0] for b in bids}:
        errors.append(RowError(line, "ผู้ได้รับคัดเลือกไม่อยู่ในรายชื่อผู้เสนอราคา"))
    if len(errors) > bad:
        return None
    return Record(line=line, egp_number=number, winner=winner, bids=bids, bids_complete=bool(bids), **fields)


def parse_template(rows, id_notes):
    header_line, header = rows[0]
    columns, errors, records, seen = {}, [], [], {}
    for i, title in enumerate(header):
        if title in TEMPLATE_COLUMNS:
            key = TEMPLATE_COLUMNS[title][0]
            if key in columns.values():
                errors.append(RowError(header_line, f"คอลัมน์ «{title}» ซ้ำ"))
            columns[i] = key
    missing = [
        t for t, (key, required) in TEMPLATE_COLUMNS.items() if required and key not in columns.values()
    ]
    if missing:
        errors.append(RowError(header_line, "ไม่มีคอลัมน์ที่ต้องมี: " + ", ".join(missing)))
        return errors, [], []
    width = len(header)
    for line, cells in rows[1:]:
        cells = list(cells)
        while len(cells) > width and cells[-1] == "":
            cells.pop()
        if len(cells) > width:
            errors.append(RowError(line, f"แถวมี {len(cells)} ช่อง มากกว่าหัวตาราง ({width} ช่อง)"))
            continue
        record = _row(line, cells, columns, errors, id_notes)
        if record is None:
            continue
        identity = record.egp_number or "สัญญา " + record.contract_number
        if identity in seen:
            errors.append(RowError(line, f"โครงการ {identity} ซ้ำกับบรรทัด {seen[identity]}"))
            continue
        seen[identity] = line
        records.append(record)
    return errors, records, []
