"""Part 2 against Part 3: every listed item has its detail, under the same name, type, dimension and budget.

Part 2 numbers items per dimension and Part 3 numbers them through the plan, often in another order, so
rows are paired by name (normalised, type word stripped) rather than by number."""

from decimal import Decimal

from .base import (
    ERROR,
    TYPE_LABELS,
    WARNING,
    Finding,
    as_dict,
    as_int,
    as_text,
    fmt_baht,
    group_years,
    item_where,
    money,
    year_keys,
    years_text,
)
from .summary import row_type, summary_rows
from .text import best_pairs, name_key, short

PAIR_THRESHOLD = 0.5


def row_where(dim_number, row):
    return f"ส่วนที่ 2 มิติที่ {dim_number} ลำดับที่ {row.get('seq', '?')}"


def _row_label(dim_number, row):
    return f"ส่วนที่ 2 มิติที่ {dim_number} ลำดับที่ {row.get('seq', '?')}"


def pairs(ctx):
    """([(dim, row)], [item], [(row_index, item_index)]) — Part 2 rows paired with Part 3 items."""
    rows = [(d.get("number"), r) for d in ctx.dimensions for r in summary_rows(d)]
    left = [name_key(r.get("name"), ctx.org_name) for _d, r in rows]
    right = [name_key(i.get("name"), ctx.org_name) for i in ctx.items]
    paired = [(i, j) for i, j, _score in best_pairs(left, right, PAIR_THRESHOLD)]
    return rows, ctx.items, paired


def _p3_amount(item, year):
    budget = as_dict(item.get("budget"))
    value = as_dict(budget.get("per_year")).get(str(year))
    if value is None:
        return Decimal(0) if budget.get("uses_budget") is False else None
    return money(value)


def _budget_findings(dim_number, row, item, years):
    budget = as_dict(item.get("budget"))
    if budget.get("placeholder") or "budget" not in row:
        return
    row_budget = as_dict(row.get("budget"))
    diffs = []
    for year in years:
        p3 = _p3_amount(item, year)
        if p3 is None:
            continue
        p2 = money(row_budget.get(str(year))) or Decimal(0)
        if p2 != p3:
            diffs.append((year, p2, p3))
    text = as_text(budget.get("text"))
    for (p2, p3), ys in group_years(diffs):
        each = "ปีละ " if len(ys) > 1 else ""
        p2_text = f"{each}{fmt_baht(p2)}" if p2 else "ไม่มีงบประมาณ (“-”)"
        p3_text = f"{each}{fmt_baht(p3)}" if p3 else f"“{short(text, 40)}”" if text else "0 บาท"
        yield Finding(
            "items.budget_mismatch",
            ERROR,
            item_where(item, "budget"),
            f"งบประมาณ{years_text(ys)}: {_row_label(dim_number, row)} ระบุ {p2_text} "
            f"แต่ลำดับที่ {item.get('number', '?')} ในส่วนที่ 3 ระบุ {p3_text}",
        )


def check_pairs(ctx):
    rows, items, paired = pairs(ctx)
    if not rows or not items:
        return
    rows_paired = {i for i, _j in paired}
    items_paired = {j for _i, j in paired}
    for index, (dim_number, row) in enumerate(rows):
        if index not in rows_paired:
            yield Finding(
                "items.missing_in_part3",
                ERROR,
                row_where(dim_number, row),
                f"“{short(as_text(row.get('name')))}” อยู่ในตารางส่วนที่ 2 มิติที่ {dim_number} "
                "แต่ไม่มีรายละเอียดในส่วนที่ 3",
            )
    for index, item in enumerate(items):
        if index not in items_paired:
            yield Finding(
                "items.missing_in_part2",
                ERROR,
                item_where(item),
                f"ลำดับที่ {item.get('number', '?')} “{short(as_text(item.get('name')))}” มีรายละเอียดในส่วนที่ 3 "
                "แต่ไม่อยู่ในตารางส่วนที่ 2",
            )
    years = ctx.years
    for i, j in sorted(paired, key=lambda p: as_int(items[p[1]].get("number")) or 0):
        dim_number, row = rows[i]
        item = items[j]
        number = item.get("number", "?")
        row_name, item_name = as_text(row.get("name")), as_text(item.get("name"))
        if item.get("dimension") != dim_number:
            yield Finding(
                "items.dimension_mismatch",
                ERROR,
                item_where(item),
                f"ลำดับที่ {number} อยู่ในมิติที่ {item.get('dimension')} ของส่วนที่ 3 "
                f"แต่ในตารางส่วนที่ 2 อยู่ในมิติที่ {dim_number} (ลำดับที่ {row.get('seq', '?')})",
            )
        p2_type, p3_type = row_type(row), item.get("type")
        if p2_type and p3_type in TYPE_LABELS and p2_type != p3_type:
            yield Finding(
                "items.type_mismatch",
                ERROR,
                item_where(item, "name"),
                f"{_row_label(dim_number, row)} ระบุเป็น{TYPE_LABELS[p2_type]} “{short(row_name)}” "
                f"แต่ส่วนที่ 3 ลำดับที่ {number} ระบุเป็น{TYPE_LABELS[p3_type]} “{short(item_name)}”",
            )
        if name_key(row_name, ctx.org_name) != name_key(item_name, ctx.org_name):
            yield Finding(
                "items.name_mismatch",
                WARNING,
                item_where(item, "name"),
                f"ชื่อไม่ตรงกัน: {_row_label(dim_number, row)} “{short(row_name, 120)}” "
                f"กับส่วนที่ 3 ลำดับที่ {number} “{short(item_name, 120)}”",
            )
        row_mission, item_mission = as_text(row.get("mission")), as_text(item.get("mission"))
        if (
            row_mission
            and item_mission
            and row_mission != item_mission
            and item.get("dimension") == dim_number
        ):
            yield Finding(
                "items.mission_mismatch",
                WARNING,
                item_where(item),
                f"ลำดับที่ {number} อยู่ใต้ภารกิจ {item_mission} ในส่วนที่ 3 แต่ตารางส่วนที่ 2 จัดไว้ในภารกิจ {row_mission}",
            )
        budget_years = years or sorted(
            set(year_keys(row.get("budget"))) | set(year_keys(as_dict(item.get("budget")).get("per_year")))
        )
        yield from _budget_findings(dim_number, row, item, budget_years)


RULES = (check_pairs,)
