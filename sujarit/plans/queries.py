"""Reads of the published plan for public pages and the API: a fixed number of queries per page.

Only approved progress reports (and the KPI values and evidence they carry) are public.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db.models import Count, Max, Prefetch
from django.utils import translation

from sujarit.core import audit, thai
from sujarit.core.periods import Period
from sujarit.core.registry import registry

from .models import (
    KPI,
    Dimension,
    Goal,
    Item,
    ItemBudget,
    KPIResult,
    Mission,
    Plan,
    ProgressReport,
    ReportState,
)
from .services import kpis as kpi_service


def current_plan(org):
    """The plan covering the current fiscal year, else the latest one; None when there is none.

    The stored parse (large, kept for re-lint and diff) is deferred.
    """
    plans = Plan.objects.for_org(org).defer("parsed").order_by("-first_year", "-last_year")
    year = thai.current_fiscal_year()
    return plans.filter(first_year__lte=year, last_year__gte=year).first() or plans.first()


def plan_version(plan, approved_only=True):
    """A key that changes whenever what the public pages show changes: import, approvals, and any
    recorded change of the organization's data (KPIs bound to measures are computed from the records,
    e.g. a survey answered at the counter moves item 15 — core.audit.org_version).

    approved_only=False: whenever any progress report changes (the staff copy of a report).
    """
    reports = (
        _approved(plan)
        if approved_only
        else ProgressReport.objects.filter(org_id=plan.org_id, item__plan=plan)
    )
    agg = reports.aggregate(n=Count("id"), last=Max("updated_at"))
    stamp = plan.imported_at.timestamp() if plan.imported_at else 0
    last = agg["last"].timestamp() if agg["last"] else 0
    return f"{plan.pk}-{stamp}-{agg['n']}-{last}-{audit.org_version(plan.org_id)}"


def _approved(plan):
    return ProgressReport.objects.filter(org_id=plan.org_id, item__plan=plan, state=ReportState.APPROVED)


def started_years(plan):
    """The plan's fiscal years that have begun (the years a KPI can have a value in)."""
    now = thai.current_fiscal_year()
    return [y for y in plan.fiscal_years if y <= now]


@dataclass
class ItemRow:
    """An item as the plan page lists it (the item carries its `kpi_count`)."""

    item: Item
    budget_row: list[Decimal | None]  # one amount per fiscal year of the plan; None: not stated
    budget_total: Decimal
    latest_report: ProgressReport | None  # the latest approved one


@dataclass
class MissionRow:
    mission: Mission
    items: list[ItemRow]


@dataclass
class DimensionRow:
    dimension: Dimension
    missions: list[MissionRow]
    loose_items: list[ItemRow]  # the dimension's items under no mission
    budget_totals: list[Decimal]  # per fiscal year


@dataclass
class ItemDetail:
    """One item as its public page shows it."""

    item: Item
    budget_rows: list[tuple[int, Decimal | None]]  # (fiscal year, amount or None)
    kpi_list: list[KPI]  # each with `latest`, its latest KPIValue or None
    approved_reports: list[ProgressReport]


def plan_overview(plan):
    """Dimensions → missions → items, each item with budget per year, KPI count, latest approved report."""
    dims = list(Dimension.objects.filter(plan=plan))
    missions = list(Mission.objects.filter(dimension__plan=plan))
    items = list(
        Item.objects.filter(plan=plan)
        .select_related("responsible_unit")
        .annotate(kpi_count=Count("kpis"))
        .order_by("number")
    )
    budgets: defaultdict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for b in ItemBudget.objects.filter(item__plan=plan).only("item_id", "fiscal_year", "amount"):
        budgets[b.item_id][b.fiscal_year] = b.amount
    latest: dict[int, ProgressReport] = {}
    for r in (
        _approved(plan)
        .order_by("fiscal_year", "round")
        .only("item_id", "fiscal_year", "round", "percent_done", "status")
    ):
        latest[r.item_id] = r
    years = plan.fiscal_years
    by_mission: defaultdict[int, list[ItemRow]] = defaultdict(list)
    by_dim_loose: defaultdict[int, list[ItemRow]] = defaultdict(list)
    rows = []
    for item in items:
        budget_row = [budgets[item.pk].get(y) for y in years]
        total = sum((a for a in budget_row if a is not None), Decimal(0))
        row = ItemRow(item, budget_row, total, latest.get(item.pk))
        rows.append(row)
        if item.mission_id:
            by_mission[item.mission_id].append(row)
        else:
            by_dim_loose[item.dimension_id].append(row)
    missions_of: defaultdict[int, list[MissionRow]] = defaultdict(list)
    for m in missions:
        missions_of[m.dimension_id].append(MissionRow(m, by_mission.get(m.pk, [])))
    totals = [Decimal(0)] * len(years)
    dimensions = []
    for d in dims:
        mission_rows, loose = missions_of.get(d.pk, []), by_dim_loose.get(d.pk, [])
        in_dim = [i for m in mission_rows for i in m.items] + loose
        dim = DimensionRow(d, mission_rows, loose, _budget_totals(in_dim, len(years)))
        totals = [a + b for a, b in zip(totals, dim.budget_totals, strict=True)]
        dimensions.append(dim)
    return {"plan": plan, "years": years, "dimensions": dimensions, "items": rows, "budget_totals": totals}


def _budget_totals(rows: list[ItemRow], n_years: int) -> list[Decimal]:
    totals = [Decimal(0)] * n_years
    for row in rows:
        for k, amount in enumerate(row.budget_row):
            if amount is not None:
                totals[k] += amount
    return totals


def item_detail(plan, number) -> ItemDetail | None:
    """One item with budgets, KPIs (target and latest approved value) and approved reports; None if absent."""
    item = (
        Item.objects.filter(plan=plan, number=number)
        .select_related("dimension", "mission", "responsible_unit")
        .first()
    )
    if item is None:
        return None
    budgets = {b.fiscal_year: b.amount for b in ItemBudget.objects.filter(item=item)}
    kpis = list(KPI.objects.filter(item=item))
    for v in kpi_service.latest(plan.org, kpis, started_years(plan)):
        # The page's table rows are the KPIs themselves; their latest value rides along on each one
        # (a page-only attribute, not a column: set with setattr because the model does not declare it).
        setattr(v.kpi, "latest", v if v.value is not None else None)  # noqa: B010
    reports = list(
        ProgressReport.objects.filter(item=item, state=ReportState.APPROVED)
        .order_by("fiscal_year", "round")
        .prefetch_related(
            "evidence",
            Prefetch(
                "kpi_results",
                queryset=KPIResult.objects.select_related("kpi").order_by("kpi__kind", "kpi__order"),
            ),
        )
    )
    return ItemDetail(item, [(y, budgets.get(y)) for y in plan.fiscal_years], kpis, reports)


def goals_table(plan):
    """Rows of {indicator, order, measure, targets: [goal per fiscal year], measured: [value or None]}.

    A goal bound to a registry measure is measured for each fiscal year that has begun.
    """
    rows: dict[int, dict[str, Any]] = {}  # by the goal's order
    for g in Goal.objects.filter(plan=plan):
        row = rows.setdefault(g.order, {"indicator": g.indicator, "order": g.order, "targets": {}, "key": ""})
        row["targets"][g.fiscal_year] = g
        row["key"] = row["key"] or g.measure_key
    years = plan.fiscal_years
    cache: kpi_service.MeasureCache = {}
    out = []
    for _o, r in sorted(rows.items()):
        measure = registry.measures.get(r["key"]) if r["key"] else None
        measured = []
        for y in years:
            period = Period.for_fiscal_year(y)
            measured.append(
                kpi_service.measure_value(plan.org, measure.key, period, cache)
                if measure and period.has_started
                else None
            )
        out.append(
            {
                "indicator": r["indicator"],
                "order": r["order"],
                "measure": measure,
                "targets": [r["targets"].get(y) for y in years],
                "cells": list(zip([r["targets"].get(y) for y in years], measured, strict=True)),
            }
        )
    return out


def page_exists(org, url_name, kwargs):
    """Whether a public plan page (resolved from a link's address) shows something: a plan, an item."""
    plan = current_plan(org)
    if plan is None:
        return False
    return "number" not in kwargs or plan.items.filter(number=kwargs["number"]).exists()


def goal_targets(org, indicator_contains):
    """[(fiscal year, target value, target text)] of the current plan's goals whose indicator names
    `indicator_contains` (e.g. "ITA"), first goal per year — for modules that compare with the plan."""
    plan = current_plan(org)
    if plan is None:
        return []
    goals = Goal.objects.for_org(org).filter(plan=plan, indicator__icontains=indicator_contains)
    seen: dict[int, tuple[int, Decimal | None, str]] = {}
    for g in goals.order_by("fiscal_year", "order"):
        seen.setdefault(g.fiscal_year, (g.fiscal_year, g.target_value, g.target_text))
    return list(seen.values())


@lru_cache(maxsize=1)
def _pending_rules():
    data = json.loads((Path(__file__).resolve().parent / "data" / "kpi_pending.json").read_text("utf-8"))
    rules = [(re.compile(r["pattern"]), r) for r in data["rules"]]
    return rules, data["otherwise"]


def pending_reason(text):
    """Why a KPI is not computed from the platform's records yet (data/kpi_pending.json), in the
    active language; {"needs": module to come or "", "text": sentence}."""
    rules, otherwise = _pending_rules()
    found = next((r for pattern, r in rules if pattern.search(text or "")), otherwise)
    lang = "en" if (translation.get_language() or "th").startswith("en") else "th"
    return {"needs": found["needs"], "text": found[lang]}


def kpi_coverage(org, plan, fiscal_year):
    """Every KPI of the plan with its binding, its value and status for fiscal_year (the one rule) and,
    when no measure computes it, the reason; plus the coverage figure (bound / total)."""
    kpis = list(
        KPI.objects.for_org(org)
        .filter(item__plan=plan)
        .select_related("item")
        .order_by("item__number", "kind", "order")
    )
    rows = []
    for v in kpi_service.evaluate(org, kpis, fiscal_year):
        k = v.kpi
        rows.append(
            {
                "item": k.item.number,
                "kpi_id": k.pk,
                "kind": k.kind,
                "text": k.text,
                "target": kpi_service.target_text(k),
                "measure": k.measure_key,
                "value": None if v.value is None else format(v.value.normalize(), "f"),
                "status": str(v.status),
                "reason": None if k.measure_key else pending_reason(k.text),
            }
        )
    bound = sum(1 for r in rows if r["measure"])
    return {
        "fiscal_year": fiscal_year,
        "total": len(rows),
        "bound": bound,
        "items": len({r["item"] for r in rows if r["measure"]}),
        "kpis": rows,
    }


def _squeezed(text):
    """Text without spaces: the plan's tables break words across lines, so names compare this way."""
    return re.sub(r"\s+", "", text or "")


def part1_risks(org, fiscal_year):
    """Part 1's fraud-risk table of the plan covering fiscal_year, for the risk register.

    None when no plan covers that year; else {"plan": title, "rows": [{number, process, issues,
    level, controls: [{"text", "item"}]}]} where "item" is the number of the plan item a control
    measure names (matched without spaces, fuzzily), or None.
    """
    from rapidfuzz import fuzz

    plan = (
        Plan.objects.for_org(org)
        .defer("parsed")
        .filter(first_year__lte=fiscal_year, last_year__gte=fiscal_year)
        .order_by("-first_year")
        .first()
    )
    if plan is None:
        return None
    items = [(i.number, _squeezed(i.name)) for i in plan.items.only("number", "name")]

    def item_of(text):
        name = _squeezed(re.sub(r"^\s*\d+\s*[.)]\s*", "", text))
        best, best_score = None, 0.0
        for number, item_name in items:
            score = (
                100.0 if name and (name in item_name or item_name in name) else fuzz.ratio(name, item_name)
            )
            if score > best_score:
                best, best_score = number, score
        return best if best_score >= 85 else None

    rows = [
        {
            "number": r.number,
            "process": r.process,
            "issues": list(r.issues),
            "level": r.level,
            "controls": [{"text": c, "item": item_of(c)} for c in r.controls],
        }
        for r in plan.risks.all()
    ]
    return {"plan": plan.title, "first_year": plan.first_year, "last_year": plan.last_year, "rows": rows}
