"""Part 2 and the preface: budget totals that must add up, and item counts that must match the lists."""

from collections import Counter
from decimal import Decimal

from .base import (
    ERROR,
    TYPE_LABELS,
    TYPE_ORDER,
    Finding,
    as_count,
    as_dict,
    as_list,
    counts_text,
    fmt_baht,
    group_years,
    money,
    year_keys,
    years_text,
)
from .text import type_of

TOTAL_WHERE = "ส่วนที่ 2 รวมทั้งสิ้น"


def dim_where(number):
    return f"ส่วนที่ 2 มิติที่ {number}"


def summary_rows(dimension):
    return [r for r in as_list(as_dict(dimension.get("summary")).get("items")) if isinstance(r, dict)]


def row_type(row):
    kind = row.get("type")
    return kind if kind in TYPE_ORDER else type_of(row.get("name"))


def check_dimension_totals(ctx):
    for dim in ctx.dimensions:
        summary = as_dict(dim.get("summary"))
        if "stated_budget" not in summary:
            continue
        stated = as_dict(summary.get("stated_budget"))
        rows = summary_rows(dim)
        years = sorted(set(year_keys(stated)) | {y for r in rows for y in year_keys(r.get("budget"))})
        pairs = []
        for year in years:
            total = money(stated.get(str(year)))
            row_sum = sum(
                (money(as_dict(r.get("budget")).get(str(year))) or Decimal(0) for r in rows), Decimal(0)
            )
            if (total or Decimal(0)) != row_sum:
                pairs.append((year, total, row_sum))
        for (total, row_sum), ys in group_years(pairs):
            each = "ปีละ " if len(ys) > 1 else " "
            stated_text = f"ระบุ{each}{fmt_baht(total)}" if total is not None else "ไม่ได้ระบุยอดรวม"
            yield Finding(
                "summary.dimension_total_mismatch",
                ERROR,
                dim_where(dim.get("number", "?")),
                f"แถว “รวม” ของมิติที่ {dim.get('number', '?')} {years_text(ys)} {stated_text} "
                f"แต่ผลรวมของรายการในมิตินี้เท่ากับ{each}{fmt_baht(row_sum)}",
            )


def check_grand_total(ctx):
    total = as_dict(ctx.parsed.get("summary_total"))
    if "stated_budget" not in total:
        return
    stated = as_dict(total.get("stated_budget"))
    dims = [as_dict(as_dict(d.get("summary")).get("stated_budget")) for d in ctx.dimensions]
    years = sorted(set(year_keys(stated)) | {y for d in dims for y in year_keys(d)})
    pairs = []
    for year in years:
        parts = tuple(money(d.get(str(year))) or Decimal(0) for d in dims)
        grand = money(stated.get(str(year)))
        if (grand or Decimal(0)) != sum(parts, Decimal(0)):
            pairs.append((year, grand, parts))
    for (grand, parts), ys in group_years(pairs):
        each = "ปีละ " if len(ys) > 1 else " "
        addends = " + ".join(fmt_baht(p).removesuffix(" บาท") for p in parts)
        stated_text = f"ระบุ{each}{fmt_baht(grand)}" if grand is not None else "ไม่ได้ระบุยอดรวม"
        yield Finding(
            "summary.grand_total_mismatch",
            ERROR,
            TOTAL_WHERE,
            f"รวมทั้งสิ้น{years_text(ys)} {stated_text} แต่ผลรวมของ {len(parts)} มิติ ({addends}) "
            f"เท่ากับ{each}{fmt_baht(sum(parts, Decimal(0)))}",
        )


def check_budget_years(ctx):
    """Budget columns for fiscal years outside the plan's cycle."""
    if not ctx.years:
        return
    cycle = set(ctx.years)
    places = [(TOTAL_WHERE, as_dict(ctx.parsed.get("summary_total")).get("stated_budget"))]
    for dim in ctx.dimensions:
        summary = as_dict(dim.get("summary"))
        where = dim_where(dim.get("number", "?"))
        places.append((where, summary.get("stated_budget")))
        places.extend((f"{where} ลำดับที่ {r.get('seq', '?')}", r.get("budget")) for r in summary_rows(dim))
    for where, budget in places:
        outside = [y for y in year_keys(budget) if y not in cycle]
        if outside:
            yield Finding(
                "summary.year_outside_cycle",
                ERROR,
                where,
                f"มีงบประมาณของ{years_text(outside)} ซึ่งอยู่นอกรอบแผน {years_text(ctx.years)}",
            )


def _counts(mapping):
    mapping = as_dict(mapping)
    return {k: as_count(mapping.get(k)) for k in TYPE_ORDER}


def _same(a, b):
    return all((a.get(k, 0) or 0) == (b.get(k, 0) or 0) for k in TYPE_ORDER)


def _tally(kinds):
    tally = Counter(k for k in kinds if k)
    return {k: tally.get(k, 0) for k in TYPE_ORDER}, sum(1 for k in kinds if not k)


def _surplus(stated, actual, numbered):
    """' (โครงการ: ลำดับที่ 6)' — which listed items make a type's count exceed the stated one."""
    parts = []
    for kind in TYPE_ORDER:
        if actual.get(kind, 0) > stated.get(kind, 0):
            numbers = [str(n) for n, k in numbered if k == kind]
            if len(numbers) <= 5:
                parts.append(f"{TYPE_LABELS[kind]}: ลำดับที่ {', '.join(numbers)}")
    return f" ({'; '.join(parts)})" if parts else ""


def check_dimension_counts(ctx):
    # a dimension listing nothing counts as listing zero, unless nothing was read from that Part at all
    any_rows = any(summary_rows(d) for d in ctx.dimensions)
    for dim in ctx.dimensions:
        summary = as_dict(dim.get("summary"))
        stated = _counts(summary.get("stated_counts"))
        if not as_dict(summary.get("stated_counts")):
            continue
        number = dim.get("number", "?")
        stated_text = counts_text(stated)
        listed, unknown = _tally([row_type(r) for r in summary_rows(dim)])
        if any_rows and not unknown and not _same(stated, listed):
            yield Finding(
                "summary.counts_mismatch",
                ERROR,
                dim_where(number),
                f"แถว “รวม” ของมิติที่ {number} ระบุ “จำนวน {stated_text}” "
                f"แต่รายการในตารางส่วนที่ 2 มี {counts_text(listed)}"
                + _surplus(stated, listed, [(r.get("seq", "?"), row_type(r)) for r in summary_rows(dim)]),
            )
        part3 = [i for i in ctx.items if i.get("dimension") == number]
        detailed, unknown3 = _tally([i.get("type") if i.get("type") in TYPE_ORDER else None for i in part3])
        if ctx.items and not unknown3 and not _same(stated, detailed):
            numbers = [i.get("number") for i in part3]
            span = (
                f"ลำดับที่ {numbers[0]}–{numbers[-1]}"
                if len(numbers) > 1
                else f"ลำดับที่ {numbers[0]}"
                if numbers
                else "ไม่มีรายการของมิตินี้"
            )
            yield Finding(
                "summary.counts_mismatch_part3",
                ERROR,
                dim_where(number),
                f"แถว “รวม” ของมิติที่ {number} ระบุ “จำนวน {stated_text}” "
                f"แต่รายละเอียดในส่วนที่ 3 ({span}) มี {counts_text(detailed)}"
                + _surplus(stated, detailed, [(i.get("number"), i.get("type")) for i in part3]),
            )


def check_grand_counts(ctx):
    total = as_dict(ctx.parsed.get("summary_total"))
    stated = _counts(total.get("stated_counts"))
    dims = [as_dict(as_dict(d.get("summary")).get("stated_counts")) for d in ctx.dimensions]
    if as_dict(total.get("stated_counts")) and any(dims):
        summed = {k: sum(as_count(d.get(k)) for d in dims) for k in TYPE_ORDER}
        if not _same(stated, summed):
            yield Finding(
                "summary.grand_counts_mismatch",
                ERROR,
                TOTAL_WHERE,
                f"แถว “รวมทั้งสิ้น” ระบุ “จำนวน {counts_text(stated)}” "
                f"แต่ผลรวมของแถว “รวม” ทั้ง {len(dims)} มิติ เท่ากับ {counts_text(summed)}",
            )
    intro = as_dict(total.get("intro_counts"))
    if intro and as_dict(total.get("stated_counts")) and not _same(_counts(intro), stated):
        yield Finding(
            "summary.intro_counts_mismatch",
            ERROR,
            "ส่วนที่ 2 ข้อความก่อนตาราง",
            f"ข้อความก่อนตารางระบุ “รวมจำนวน {counts_text(_counts(intro))}” "
            f"แต่แถว “รวมทั้งสิ้น” ระบุ “จำนวน {counts_text(stated)}”",
        )


def check_preface(ctx):
    preface = as_dict(ctx.parsed.get("preface"))
    total = preface.get("stated_total_items")
    per_dim = as_dict(preface.get("stated_items_per_dimension"))
    rows = [r for d in ctx.dimensions for r in summary_rows(d)]
    if isinstance(total, int):
        actual = []
        if ctx.items and total != len(ctx.items):
            actual.append(f"ส่วนที่ 3 มี {len(ctx.items)} รายการ")
        if rows and total != len(rows):
            actual.append(f"ตารางส่วนที่ 2 มี {len(rows)} รายการ")
        stated_sum = sum(as_count(v) for v in per_dim.values())
        if per_dim and total != stated_sum:
            actual.append(f"ผลรวมรายมิติในคำนำเท่ากับ {stated_sum}")
        if actual:
            yield Finding(
                "summary.preface_total_mismatch",
                ERROR,
                "คำนำ",
                f"คำนำระบุ “รวมทั้งสิ้นจำนวน {total} โครงการ” แต่" + " และ".join(actual),
            )
    for key, stated in sorted(per_dim.items(), key=lambda kv: str(kv[0])):
        if not isinstance(stated, int):
            continue
        try:
            number = int(key)
        except (TypeError, ValueError):
            continue
        dim = next((d for d in ctx.dimensions if d.get("number") == number), None)
        actual = []
        part3 = sum(1 for i in ctx.items if i.get("dimension") == number)
        if ctx.items and part3 != stated:
            actual.append(f"ส่วนที่ 3 มี {part3} รายการ")
        if dim is not None and summary_rows(dim) and len(summary_rows(dim)) != stated:
            actual.append(f"ตารางส่วนที่ 2 มี {len(summary_rows(dim))} รายการ")
        if actual:
            yield Finding(
                "summary.preface_dimension_mismatch",
                ERROR,
                f"คำนำ มิติที่ {number}",
                f"คำนำระบุมิติที่ {number} “จำนวน {stated} โครงการ” แต่" + " และ".join(actual),
            )


RULES = (
    check_dimension_totals,
    check_grand_total,
    check_budget_years,
    check_dimension_counts,
    check_grand_counts,
    check_preface,
)
