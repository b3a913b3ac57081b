"""Store a parsed plan: create it, or bring the stored rows in line with a revised document.

Rows are matched by the document's own keys (dimension number, mission code, item number, KPI kind
and position, fiscal year), updated only where they differ, so the same document imported twice
changes nothing and a revision keeps the progress reports of items that still exist.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.permissions import ensure
from sujarit.core.registry import registry
from sujarit.core.services import ensure_unit

from ..models import KPI, Dimension, Goal, Item, ItemBudget, Mission, Plan, RiskRow
from ..parsing import parse_plan
from .diffing import ITEM_FIELDS, _jsonish, current_rows, desired_state, diff_plan, find_plan
from .kpis import auto_bind

__all__ = ["ImportResult", "assign_unit", "diff_plan", "import_plan", "parse_and_import", "unassigned_items"]


@dataclass
class ImportResult:
    plan: Plan
    status: str  # "created", "updated", "unchanged" (the demo loader also says "kept")
    changes: list = field(default_factory=list)

    @property
    def unchanged(self):
        return self.status == "unchanged"


@transaction.atomic
def import_plan(org, parsed, *, by, source_name=""):
    """Create or update org's plan of the parsed cycle; by=None is the system (demo data, tests)."""
    if by is not None:
        ensure(by, org, "plans.import")
    want = desired_state(parsed, org)
    plan = find_plan(org, want["cycle"])
    changes = diff_plan(org, parsed)
    if plan is not None and not changes:
        return ImportResult(plan, "unchanged", [])
    source = parsed.get("source") or {}
    status = "created" if plan is None else "updated"
    if plan is None:
        plan = Plan(org=org, first_year=want["cycle"][0], last_year=want["cycle"][1])
    plan.title = want["plan"]["title"]
    plan.intro = _jsonish(want["plan"]["intro"])
    plan.stated_summary = _jsonish(want["plan"]["stated_summary"])
    plan.parsed = _jsonish(parsed)
    plan.source_name = (source_name or source.get("name") or "")[:255]
    plan.source_sha256 = source.get("sha256") or ""
    plan.imported_at = timezone.now()
    plan.imported_by = by if getattr(by, "is_authenticated", False) else None
    plan.save()
    _sync(org, plan, want, by)
    # Part 1's risk table becomes the fraud-risk register's rows when that module is installed; it
    # runs before auto_bind so KPIs read a register that already holds the plan's risks.
    follow = registry.query("registers.import_plan_risks")
    if follow is not None:
        follow(org, plan_first_year=plan.first_year, plan_last_year=plan.last_year, by=by)
    auto_bind(plan, by=by)
    audit.record(
        plan,
        "plans.imported" if status == "created" else "plans.replaced",
        actor=by,
        cycle=f"{plan.first_year}-{plan.last_year}",
        source_name=plan.source_name,
        sha256=plan.source_sha256,
        items=len(want["items"]),
        changes=[{"kind": c["kind"], "where": c["where"]} for c in changes],
    )
    return ImportResult(plan, status, changes)


def parse_and_import(org, data, filename, *, by):
    """Parse a document's bytes and import it (PlanParseError propagates; nothing is stored then)."""
    parsed = parse_plan(data, filename)
    return import_plan(org, parsed, by=by, source_name=filename)


def _save_changed(obj, values):
    """Set the fields that differ and save only those; returns True when something changed."""
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, values[k])
    if changed:
        obj.save(update_fields=changed)
    return bool(changed)


def _sync(org, plan, want, by):
    have = current_rows(plan)

    dims = have["dimensions"]
    for number, values in want["dimensions"].items():
        if number in dims:
            _save_changed(dims[number], values)
        else:
            dims[number] = Dimension.objects.create(org=org, plan=plan, number=number, **values)

    missions = have["missions"]
    for code, values in want["missions"].items():
        values = {**values, "dimension": dims[values["dimension"]]}
        if code in missions:
            _save_changed(missions[code], values)
        else:
            missions[code] = Mission.objects.create(org=org, code=code, **values)

    units = {}
    items = have["items"]
    for number, w in want["items"].items():
        if w["dimension"] not in dims:  # an item of a dimension the document never names
            dims[w["dimension"]] = Dimension.objects.create(
                org=org, plan=plan, number=w["dimension"], name=str(w["dimension"])
            )
        unit = None
        if w["unit"]:
            if w["unit"] not in units:
                units[w["unit"]] = ensure_unit(org, w["unit"], by=by)
            unit = units[w["unit"]]
        elif number in items:
            # the document names no unit (blank or a template placeholder): keep the one assigned by hand
            unit = items[number].responsible_unit
        values = {f: w[f] for f in ITEM_FIELDS}
        values.update(
            dimension=dims[w["dimension"]], mission=missions.get(w["mission"]), responsible_unit=unit
        )
        if number in items:
            _save_changed(items[number], values)
        else:
            items[number] = Item.objects.create(org=org, plan=plan, number=number, **values)
        item = items[number]
        _sync_budgets(org, item, have["budgets"].get(number, {}), w["budgets"])
        _sync_kpis(org, item, have["kpis"].get(number, {}), w["kpis"])

    for number in set(items) - set(want["items"]):
        items[number].delete()
    for code in set(missions) - set(want["missions"]):
        missions[code].delete()
    for number in set(dims) - set(want["dimensions"]):
        if not Item.objects.filter(dimension=dims[number]).exists():
            dims[number].delete()

    _sync_simple(
        have["goals"],
        want["goals"],
        lambda key, v: Goal(org=org, plan=plan, order=key[0], fiscal_year=key[1], **v),
    )
    _sync_simple(have["risks"], want["risks"], lambda key, v: RiskRow(org=org, plan=plan, number=key, **v))


def _sync_budgets(org, item, have, want):
    for year, amount in want.items():
        if year in have:
            _save_changed(have[year], {"amount": amount})
        else:
            ItemBudget.objects.create(org=org, item=item, fiscal_year=year, amount=amount)
    for year in set(have) - set(want):
        have[year].delete()


def _sync_kpis(org, item, have, want):
    for (kind, order), values in want.items():
        if (kind, order) in have:
            _save_changed(have[(kind, order)], values)
        else:
            KPI.objects.create(org=org, item=item, kind=kind, order=order, **values)
    for key in set(have) - set(want):
        have[key].delete()  # its reported values go with it (the diff said so)


def _sync_simple(have, want, make):
    for key, values in want.items():
        if key in have:
            _save_changed(have[key], values)
        else:
            make(key, values).save()
    for key in set(have) - set(want):
        have[key].delete()


def unassigned_items(plan):
    """The plan's items with no responsible unit (the document left a placeholder such as
    "ระบุหน่วยงานที่รับผิดชอบ…" or nothing): a unit officer cannot report on them until one is assigned."""
    return list(plan.items.filter(responsible_unit__isnull=True).order_by("number"))


@transaction.atomic
def assign_unit(item, unit, *, by):
    """Make `unit` (of the item's organization) responsible for the item; audited."""
    ensure(by, item.org, "plans.import")
    if unit is None or unit.org_id != item.org_id:
        raise ValidationError(_("Choose one of the organization's units."))
    old = item.responsible_unit.name if item.responsible_unit_id else ""
    item.responsible_unit = unit
    item.save(update_fields=["responsible_unit"])
    audit.record(item, "plans.item_unit_assigned", actor=by, item=item.number, unit=unit.name, previous=old)
    return item
