"""The plan as rows: the state a parsed document asks for, the state stored, and what differs.

Both sides are reduced to the same plain shape (dicts keyed by the document's own numbers), so the
import can sync row by row and `diff_plan` can tell staff what a revised document changes before
anything is replaced.
"""

import difflib
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict

from django.db import models
from django.utils.translation import gettext as _

from ..models import KPI, Dimension, Goal, Item, ItemBudget, Mission, Plan, ProgressReport, RiskRow
from . import kpi_text

# An item whose name changed this much (difflib ratio below this) is flagged: progress reports stay
# with the item number, so staff should check it is still the same work.
RENAME_ALERT_RATIO = 0.6

ITEM_FIELDS = (
    "item_type", "name", "rationale", "objectives", "target_group", "steps", "duration",
    "budget_text", "uses_budget", "responsible_text",
)  # fmt: skip
DETAIL_FIELDS = ("rationale", "objectives", "target_group", "steps", "duration", "budget_text", "uses_budget")

_ORG_WORDS = re.compile(
    r"\s*(องค์การบริหารส่วน|เทศบาล|อบต\.|อบจ\.|กรุงเทพมหานคร|เมืองพัทยา).*$",
)
_PLACEHOLDER = re.compile(r"^(ระบุ|\(?ชื่อ|\.{3}|…)")


class DesiredState(TypedDict):
    """A parsed document as plain rows, keyed by the document's own numbers."""

    plan: dict[str, Any]  # title, intro, stated_summary
    cycle: tuple[int, int]  # first and last fiscal year
    dimensions: dict[int, dict[str, Any]]
    missions: dict[str, dict[str, Any]]  # by mission code ("1.1")
    items: dict[int, dict[str, Any]]  # with their "budgets" {year: amount} and "kpis" {(kind, order): …}
    goals: dict[tuple[int, int], dict[str, Any]]  # by (order, fiscal year)
    risks: dict[int, dict[str, Any]]


class StoredRows(TypedDict):
    """A stored plan's rows, keyed like DesiredState."""

    dimensions: dict[int, Dimension]
    missions: dict[str, Mission]
    items: dict[int, Item]
    budgets: dict[int, dict[int, ItemBudget]]  # item number -> fiscal year -> budget
    kpis: dict[int, dict[tuple[str, int], KPI]]  # item number -> (kind, order) -> KPI
    goals: dict[tuple[int, int], Goal]
    risks: dict[int, RiskRow]


class PlanNotImportable(ValueError):
    """The parse went through, but the plan lacks what storing it needs; the message is Thai."""


def check_importable(parsed):
    """Refuse, with a Thai reason, a parse the rows cannot hold (no cycle, an item without a dimension)."""
    cycle = parsed.get("cycle") or {}
    if not isinstance(cycle.get("first_year"), int) or not isinstance(cycle.get("last_year"), int):
        raise PlanNotImportable("ไม่พบปีงบประมาณของแผน (เช่น “พ.ศ. 2566 - 2570”) จึงนำเข้าไม่ได้")
    if not parsed.get("items"):
        raise PlanNotImportable("ไม่พบโครงการ/มาตรการ/กิจกรรมในส่วนที่ 3 จึงนำเข้าไม่ได้")
    if any(not isinstance(d.get("number"), int) for d in parsed.get("dimensions") or []):
        raise PlanNotImportable("พบมิติที่ไม่มีหมายเลขในส่วนที่ 2 จึงนำเข้าไม่ได้")
    seen = set()
    for item in parsed["items"]:
        number = item.get("number")
        if not isinstance(number, int):
            raise PlanNotImportable("พบรายการในส่วนที่ 3 ที่ไม่มีลำดับที่ จึงนำเข้าไม่ได้")
        if number in seen:
            raise PlanNotImportable(f"ลำดับที่ {number} ในส่วนที่ 3 ซ้ำกัน จึงนำเข้าไม่ได้ กรุณาแก้ลำดับที่ให้ไม่ซ้ำ")
        seen.add(number)
        if not isinstance(item.get("dimension"), int):
            raise PlanNotImportable(f"ไม่ทราบว่าลำดับที่ {number} อยู่ในมิติใด จึงนำเข้าไม่ได้")


def dec(value):
    """A decimal from the contract's string form ("20000", "7200.50"); None for null or junk."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None


def unit_name(responsible, org=None):
    """The core unit an item's 'responsible' block names, or None (placeholder, blank)."""
    responsible = responsible or {}
    if responsible.get("placeholder"):
        return None
    text = " ".join(str(responsible.get("unit") or responsible.get("text") or "").split())
    if org is not None and org.name:
        text = text.replace(org.name, "")
    text = _ORG_WORDS.sub("", text).strip(" ,/-")
    if not text or _PLACEHOLDER.match(text):
        return None
    return text[:200]


def _clip(text, n):
    text = "" if text is None else str(text)
    return text[:n]


def desired_state(parsed, org=None) -> DesiredState:
    """What the parsed document asks for, in the shape of the stored rows."""
    check_importable(parsed)
    stated = {
        "preface": parsed.get("preface") or {},
        "dimensions": {str(d["number"]): d.get("summary") or {} for d in parsed.get("dimensions") or []},
        "total": parsed.get("summary_total") or {},
    }
    cycle = parsed.get("cycle") or {}
    state: DesiredState = {
        "plan": {
            "title": _clip(parsed.get("title") or "", 500),
            "intro": parsed.get("intro") or {},
            "stated_summary": stated,
        },
        "cycle": (int(cycle["first_year"]), int(cycle["last_year"])),
        "dimensions": {},
        "missions": {},
        "items": {},
        "goals": {},
        "risks": {},
    }
    for dim in parsed.get("dimensions") or []:
        state["dimensions"][int(dim["number"])] = {"name": _clip(dim.get("name"), 500)}
        for order, mission in enumerate(dim.get("missions") or []):
            state["missions"][str(mission["code"])] = {
                "name": _clip(mission.get("name"), 500),
                "dimension": int(dim["number"]),
                "order": order,
            }
    for item in parsed.get("items") or []:
        budget = item.get("budget") or {}
        kpis: dict[tuple[str, int], dict[str, Any]] = {}
        for kind, key in (("output", "outputs"), ("outcome", "outcomes")):
            for order, entry in enumerate(item.get(key) or []):
                # The text decides the KPI's shape: an existence is a yes/no, "ลดลง" is year on year.
                target = kpi_text.shape(entry.get("text") or "", entry.get("target")).target()
                kpis[(kind, order)] = {
                    "text": entry.get("text") or "",
                    "target_op": target.get("op") or "",
                    "target_value": dec(target.get("value")),
                    "target_unit": _clip(target.get("unit") or "", 30),
                }
        mission = item.get("mission")
        state["items"][int(item["number"])] = {
            "item_type": item.get("type") or "activity",
            "name": _clip(item.get("name"), 1000),
            "rationale": "\n\n".join(item.get("rationale") or []),
            "objectives": list(item.get("objectives") or []),
            "target_group": item.get("target_group") or "",
            "steps": list(item.get("steps") or []),
            "duration": item.get("duration") or "",
            "budget_text": budget.get("text") or "",
            "uses_budget": budget.get("uses_budget", True),
            "responsible_text": (item.get("responsible") or {}).get("text") or "",
            "dimension": int(item["dimension"]),
            "mission": str(mission) if mission not in (None, "") else None,
            "unit": unit_name(item.get("responsible"), org),
            "budgets": {int(y): dec(v) for y, v in (budget.get("per_year") or {}).items()},
            "kpis": kpis,
        }
    for order, goal in enumerate(parsed.get("goals") or []):
        for year, target in (goal.get("targets") or {}).items():
            target = target or {}
            state["goals"][(order, int(year))] = {
                "indicator": _clip(goal.get("indicator"), 500),
                "target_text": _clip(target.get("text") or "", 200),
                "target_value": dec(target.get("value")),
                "target_unit": _clip(target.get("unit") or "", 30),
            }
    for risk in parsed.get("risks") or []:
        state["risks"][int(risk["number"])] = {
            "process": risk.get("process") or "",
            "issues": list(risk.get("issues") or []),
            "level": _clip(risk.get("level") or "", 50),
            "controls": list(risk.get("controls") or []),
        }
    return state


def find_plan(org, cycle):
    return Plan.objects.for_org(org).filter(first_year=cycle[0], last_year=cycle[1]).first()


def current_rows(plan) -> StoredRows:
    """The stored rows of a plan, keyed like desired_state (model instances, for syncing)."""
    dims = {d.number: d for d in Dimension.objects.filter(plan=plan)}
    missions = {m.code: m for m in Mission.objects.filter(dimension__plan=plan).select_related("dimension")}
    items = {
        i.number: i
        for i in Item.objects.filter(plan=plan).select_related("dimension", "mission", "responsible_unit")
    }
    budgets: dict[int, dict[int, ItemBudget]] = {}
    kpis: dict[int, dict[tuple[str, int], KPI]] = {}
    for b in ItemBudget.objects.filter(item__plan=plan).select_related("item"):
        budgets.setdefault(b.item.number, {})[b.fiscal_year] = b
    for k in KPI.objects.filter(item__plan=plan).select_related("item"):
        kpis.setdefault(k.item.number, {})[(k.kind, k.order)] = k
    goals = {(g.order, g.fiscal_year): g for g in Goal.objects.filter(plan=plan)}
    risks = {r.number: r for r in RiskRow.objects.filter(plan=plan)}
    return {
        "dimensions": dims,
        "missions": missions,
        "items": items,
        "budgets": budgets,
        "kpis": kpis,
        "goals": goals,
        "risks": risks,
    }


def _change(kind, where, message, old=None, new=None, **extra):
    return {"kind": kind, "where": where, "message": message, "old": old, "new": new, **extra}


def _fmt(value):
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"
    return str(value)


def _target(k):
    if isinstance(k, dict):
        op, value, unit = k["target_op"], k["target_value"], k["target_unit"]
    else:
        op, value, unit = k.target_op, k.target_value, k.target_unit
    return f"{op} {_fmt(value)} {unit}".strip() if op else "–"


def diff_plan(org, parsed):
    """What importing `parsed` would change in org's plan of the same cycle; [] when nothing."""
    want = desired_state(parsed, org)
    plan = find_plan(org, want["cycle"])
    cycle = f"{want['cycle'][0]}–{want['cycle'][1]}"
    if plan is None:
        return [
            _change(
                "plan.new",
                cycle,
                _("A new plan for %(cycle)s with %(n)s items.") % {"cycle": cycle, "n": len(want["items"])},
            )
        ]
    have = current_rows(plan)
    changes = []
    if plan.title != want["plan"]["title"]:
        changes.append(
            _change("plan.title", cycle, _("The plan's title changes."), plan.title, want["plan"]["title"])
        )
    if plan.intro != want["plan"]["intro"]:
        changes.append(
            _change("plan.intro", _("Part 1"), _("The introduction (rationale, objectives, goals) changes."))
        )
    if plan.stated_summary != _jsonish(want["plan"]["stated_summary"]):
        changes.append(_change("plan.summary", _("Part 2"), _("The summary table as stated changes.")))
    changes += _diff_named(have["dimensions"], want["dimensions"], "dimension", _("Dimension %s"))
    changes += _diff_named(have["missions"], want["missions"], "mission", _("Mission %s"))
    changes += _diff_items(plan, have, want)
    if _goal_rows(have["goals"]) != _goal_rows(want["goals"]):
        changes.append(_change("goals.changed", _("Part 1"), _("The goals table changes.")))
    if _risk_rows(have["risks"]) != want["risks"]:
        changes.append(_change("risks.changed", _("Part 1"), _("The fraud-risk table changes.")))
    return changes


def _jsonish(value):
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _diff_named(have, want, noun, where_fmt):
    changes = []
    for key in sorted(set(want) - set(have), key=str):
        changes.append(
            _change(
                f"{noun}.added", where_fmt % key, _("Added: %s") % want[key]["name"], None, want[key]["name"]
            )
        )
    for key in sorted(set(have) - set(want), key=str):
        changes.append(
            _change(
                f"{noun}.removed", where_fmt % key, _("Removed: %s") % have[key].name, have[key].name, None
            )
        )
    for key in sorted(set(have) & set(want), key=str):
        if have[key].name != want[key]["name"]:
            changes.append(
                _change(f"{noun}.renamed", where_fmt % key, _("Renamed."), have[key].name, want[key]["name"])
            )
    return changes


def _diff_items(plan, have, want):
    changes = []
    where = _("Item %s")
    items, wanted = have["items"], want["items"]
    reports: dict[int, int] = {}  # item number -> its progress reports, for items removed
    removed = set(items) - set(wanted)
    if removed:
        for number in ProgressReport.objects.filter(item__plan=plan, item__number__in=removed).values_list(
            "item__number", flat=True
        ):
            reports[number] = reports.get(number, 0) + 1
    for n in sorted(set(wanted) - set(items)):
        changes.append(
            _change("item.added", where % n, _("New item: %s") % wanted[n]["name"], None, wanted[n]["name"])
        )
    for n in sorted(removed):
        msg = _("Item removed: %s") % items[n].name
        if reports.get(n):
            msg += " " + _("Its %(n)s progress reports will be deleted.") % {"n": reports[n]}
        changes.append(
            _change("item.removed", where % n, msg, items[n].name, None, reports=reports.get(n, 0))
        )
    for n in sorted(set(items) & set(wanted)):
        changes += _diff_item(
            n, where % n, items[n], wanted[n], have["budgets"].get(n, {}), have["kpis"].get(n, {})
        )
    return changes


def _diff_item(n, where, item, w, budgets, kpis):
    changes = []
    if item.name != w["name"]:
        ratio = difflib.SequenceMatcher(None, item.name, w["name"]).ratio()
        major = ratio < RENAME_ALERT_RATIO
        msg = _("Renamed.")
        if major:
            msg = _(
                "Renamed so much that it may be different work; its progress reports stay with item %(n)s."
            ) % {"n": n}
        changes.append(
            _change("item.renamed", where, msg, item.name, w["name"], major=major, similarity=round(ratio, 2))
        )
    if item.item_type != w["item_type"]:
        changes.append(_change("item.type", where, _("Type changes."), item.item_type, w["item_type"]))
    mission = item.mission.code if item.mission else None
    if item.dimension.number != w["dimension"] or mission != w["mission"]:
        changes.append(
            _change(
                "item.moved",
                where,
                _("Moves to another dimension or mission."),
                f"{item.dimension.number} / {mission or '–'}",
                f"{w['dimension']} / {w['mission'] or '–'}",
            )
        )
    unit = item.responsible_unit.name if item.responsible_unit else None
    # a document that names no unit keeps the one assigned by hand (importing.assign_unit)
    if (w["unit"] and unit != w["unit"]) or item.responsible_text != w["responsible_text"]:
        changes.append(
            _change("item.unit", where, _("Responsible unit changes."), unit or "–", w["unit"] or unit or "–")
        )
    have_budget = {y: b.amount for y, b in budgets.items()}
    if have_budget != w["budgets"]:
        for year in sorted(set(have_budget) | set(w["budgets"])):
            old, new = have_budget.get(year), w["budgets"].get(year)
            if old != new or (year in have_budget) != (year in w["budgets"]):
                changes.append(
                    _change(
                        "item.budget",
                        where,
                        _("Budget of fiscal year %(year)s changes.") % {"year": year},
                        _fmt(old),
                        _fmt(new),
                        year=year,
                    )
                )
    if item.budget_text != w["budget_text"] and have_budget == w["budgets"]:
        changes.append(
            _change(
                "item.budget_text", where, _("Budget wording changes."), item.budget_text, w["budget_text"]
            )
        )
    details = [f for f in DETAIL_FIELDS if f != "budget_text" and getattr(item, f) != w[f]]
    if details:
        changes.append(
            _change(
                "item.details",
                where,
                _("Details change: %s") % ", ".join(_item_field_label(f) for f in details),
                fields=details,
            )
        )
    for key in sorted(set(w["kpis"]) - set(kpis)):
        changes.append(
            _change(
                "kpi.added", where, _("New KPI: %s") % w["kpis"][key]["text"], None, _target(w["kpis"][key])
            )
        )
    for key in sorted(set(kpis) - set(w["kpis"])):
        changes.append(
            _change("kpi.removed", where, _("KPI removed: %s") % kpis[key].text, _target(kpis[key]), None)
        )
    for key in sorted(set(kpis) & set(w["kpis"])):
        k, wk = kpis[key], w["kpis"][key]
        if (k.text, k.target_op, k.target_value, k.target_unit) != (
            wk["text"], wk["target_op"], wk["target_value"], wk["target_unit"],
        ):  # fmt: skip
            changes.append(
                _change("kpi.changed", where, _("KPI changes: %s") % wk["text"], _target(k), _target(wk))
            )
    return changes


def _item_field_label(name):
    field = Item._meta.get_field(name)
    assert isinstance(field, models.Field)  # DETAIL_FIELDS are the item's own columns, not relations
    return str(field.verbose_name)


def _goal_rows(goals):
    out = {}
    for key, g in goals.items():
        if isinstance(g, dict):
            out[key] = (g["indicator"], g["target_text"], g["target_value"], g["target_unit"])
        else:
            out[key] = (g.indicator, g.target_text, g.target_value, g.target_unit)
    return out


def _risk_rows(risks):
    return {
        n: {"process": r.process, "issues": r.issues, "level": r.level, "controls": r.controls}
        for n, r in risks.items()
    }
