"""Storing a parsed plan: first import, re-import of the same document, a revision, a failed import."""

import copy
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from sujarit.core.models import AuditEvent, Unit
from sujarit.plans.models import (
    KPI,
    Dimension,
    Goal,
    Item,
    ItemBudget,
    Mission,
    Plan,
    ProgressReport,
    RiskRow,
)
from sujarit.plans.services import importing
from sujarit.plans.services.importing import diff_plan, import_plan

PLAN_MODELS = (Plan, Dimension, Mission, Item, ItemBudget, KPI, Goal, RiskRow)


def snapshot(org):
    """Every plan row of org as plain values, to prove that nothing changed."""
    out = {}
    for model in PLAN_MODELS:
        out[model.__name__] = sorted(
            tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.for_org(org).values()
        )
    return out


# --- the seed ----------------------------------------------------------------------------------


def test_seed_imports_completely(seed_plan, org):
    plan = seed_plan
    assert (plan.first_year, plan.last_year) == (2566, 2570)
    assert plan.source_name == "laemsom_plan_2566_2570.txt"
    assert len(plan.source_sha256) == 64
    assert plan.parsed["format"] == "sujarit.plan/1"
    assert plan.dimensions.count() == 4
    assert Mission.objects.filter(dimension__plan=plan).count() == 12
    assert plan.items.count() == 27
    assert sorted(plan.items.values_list("number", flat=True)) == list(range(1, 28))
    assert plan.goals.count() == 10
    assert plan.risks.count() == 4
    # every item has a budget row per fiscal year, and the seed's 70,000 baht a year is there
    assert ItemBudget.objects.filter(item__plan=plan).count() == 27 * 5
    for year in plan.fiscal_years:
        total = sum(b.amount or 0 for b in ItemBudget.objects.filter(item__plan=plan, fiscal_year=year))
        assert total > 0
    assert KPI.objects.filter(item__plan=plan).count() >= 27
    assert KPI.objects.filter(item__plan=plan).exclude(target_op="").exists()
    first = plan.items.get(number=1)
    assert first.responsible_unit.name == "สำนักปลัด"
    assert Unit.objects.filter(org=org, name__contains="องค์การบริหารส่วนตำบล").count() == 0


def test_seed_import_is_idempotent(seed_plan, org):
    before = snapshot(org)
    events = AuditEvent.objects.count()
    from sujarit.plans import demo

    result = demo.load(org)
    assert result.status == "unchanged"
    assert result.changes == []
    assert snapshot(org) == before
    assert AuditEvent.objects.count() == events


# --- a small hand-built plan --------------------------------------------------------------------


def test_import_creates_rows_and_maps_units(org, mini_parsed):
    result = import_plan(org, mini_parsed, by=None, source_name="mini.txt")
    plan = result.plan
    assert result.status == "created"
    assert [c["kind"] for c in result.changes] == ["plan.new"]
    assert plan.items.count() == 3 and plan.dimensions.count() == 2
    item1, item2, item3 = plan.items.order_by("number")
    assert item1.responsible_unit.name == "สำนักปลัด"
    assert item2.responsible_unit.name == "กองคลัง"
    assert item3.responsible_unit is None  # the template's placeholder names no unit
    assert item1.mission.code == "1.1" and item1.dimension.number == 1
    assert item1.budgets.get(fiscal_year=2567).amount == Decimal("20000")
    kpi = item1.kpis.get(kind="output")
    assert (kpi.target_op, kpi.target_value, kpi.target_unit) == (">=", Decimal("30"), "person")
    assert item2.kpis.get(kind="outcome").target_op == ""
    assert plan.goals.count() == 5 and plan.risks.count() == 1
    assert AuditEvent.objects.filter(action="plans.imported", target_id=str(plan.pk)).exists()


def test_same_document_twice_changes_nothing(org, mini_parsed):
    import_plan(org, mini_parsed, by=None)
    before = snapshot(org)
    events = AuditEvent.objects.count()
    result = import_plan(org, copy.deepcopy(mini_parsed), by=None)
    assert result.status == "unchanged"
    assert diff_plan(org, mini_parsed) == []
    assert snapshot(org) == before
    assert AuditEvent.objects.count() == events


def _report(item, year=2566, rnd=6):
    return ProgressReport.objects.create(
        org=item.org, item=item, fiscal_year=year, round=rnd, state="approved"
    )


def test_revision_is_shown_before_it_replaces_and_keeps_progress(org, mini_parsed):
    plan = import_plan(org, mini_parsed, by=None).plan
    kept = _report(plan.items.get(number=1))
    _report(plan.items.get(number=3))

    revised = copy.deepcopy(mini_parsed)
    revised["items"][0]["budget"]["per_year"]["2568"] = "25000"
    revised["items"][0]["outcomes"][0]["target"]["value"] = "90"
    revised["items"][1]["name"] = "โครงการอบรมคุณธรรมจริยธรรมสำหรับผู้บริหารและสมาชิกสภา"
    revised["items"][1]["responsible"]["text"] = "สำนักปลัด องค์การบริหารส่วนตำบลแหลมสอม"
    del revised["items"][2]  # item 3 is dropped
    revised["items"].append({**copy.deepcopy(mini_parsed["items"][2]), "number": 4, "name": "กิจกรรมใหม่"})

    changes = diff_plan(org, revised)
    budget = next(c for c in changes if c["kind"] == "item.budget")
    assert (budget["year"], budget["old"], budget["new"]) == (2568, "20,000", "25,000")
    assert any(c["kind"] == "kpi.changed" for c in changes)
    renamed = next(c for c in changes if c["kind"] == "item.renamed")
    assert renamed["major"] is True  # a wholly different name is flagged
    assert any(c["kind"] == "item.unit" and c["new"] == "สำนักปลัด" for c in changes)
    removed = next(c for c in changes if c["kind"] == "item.removed")
    assert removed["reports"] == 1
    assert any(c["kind"] == "item.added" for c in changes)
    # the diff alone changed nothing
    assert plan.items.get(number=1).budgets.get(fiscal_year=2568).amount == Decimal("20000")

    result = import_plan(org, revised, by=None)
    assert result.status == "updated"
    assert sorted(plan.items.values_list("number", flat=True)) == [1, 2, 4]
    item1 = plan.items.get(number=1)
    assert item1.pk == kept.item_id
    assert ProgressReport.objects.filter(pk=kept.pk).exists()
    assert ProgressReport.objects.filter(item__plan=plan).count() == 1
    assert item1.budgets.get(fiscal_year=2568).amount == Decimal("25000")
    assert item1.kpis.get(kind="outcome").target_value == Decimal("90")
    assert plan.items.get(number=2).responsible_unit.name == "สำนักปลัด"
    assert AuditEvent.objects.filter(action="plans.replaced").count() == 1
    assert import_plan(org, revised, by=None).status == "unchanged"


def test_small_rename_is_not_flagged(org, mini_parsed):
    import_plan(org, mini_parsed, by=None)
    revised = copy.deepcopy(mini_parsed)
    revised["items"][0]["name"] += "ฯ"
    renamed = next(c for c in diff_plan(org, revised) if c["kind"] == "item.renamed")
    assert renamed["major"] is False


def test_failed_import_leaves_nothing_behind(org, mini_parsed, monkeypatch):
    calls = []

    def boom(*args):
        calls.append(args)
        if len(calls) == 2:  # after the plan, dimensions, missions and the first item are written
            raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_sync_kpis", boom)
    with pytest.raises(RuntimeError):
        import_plan(org, mini_parsed, by=None)
    assert len(calls) == 2
    assert all(not model.objects.for_org(org).exists() for model in PLAN_MODELS)
    assert not Unit.objects.filter(org=org, name="กองคลัง").exists()
    assert not AuditEvent.objects.filter(action__startswith="plans.").exists()


def test_failed_revision_keeps_the_old_plan(org, mini_parsed, monkeypatch):
    import_plan(org, mini_parsed, by=None)
    before = snapshot(org)
    revised = copy.deepcopy(mini_parsed)
    revised["items"][0]["name"] = "ชื่อใหม่ทั้งหมด"
    del revised["items"][1]

    def boom(*args):
        raise RuntimeError("midway")

    monkeypatch.setattr(importing, "_sync_simple", boom)
    with pytest.raises(RuntimeError):
        import_plan(org, revised, by=None)
    assert snapshot(org) == before


def test_import_needs_the_permission(org, mini_parsed, unit_officer, coordinator):
    with pytest.raises(PermissionDenied):
        import_plan(org, mini_parsed, by=unit_officer)
    assert not Plan.objects.exists()
    plan = import_plan(org, mini_parsed, by=coordinator).plan
    assert plan.imported_by == coordinator
    assert AuditEvent.objects.get(action="plans.imported").actor == coordinator


def test_plans_of_two_orgs_are_apart(org, other_org, mini_parsed):
    import_plan(org, mini_parsed, by=None)
    import_plan(other_org, copy.deepcopy(mini_parsed), by=None)
    assert Plan.objects.for_org(other_org).count() == 1
    assert Item.objects.for_org(other_org).count() == 3
    assert all(
        i.responsible_unit is None or i.responsible_unit.org == other_org
        for i in Item.objects.for_org(other_org)
    )


@pytest.mark.parametrize(
    "spoil, words",
    [
        (lambda p: p["cycle"].update(first_year=None, last_year=None), "ปีงบประมาณ"),
        (lambda p: p["items"][1].update(number=1), "ซ้ำ"),
        (lambda p: p["items"][2].update(dimension=None), "มิติ"),
        (lambda p: p.update(items=[]), "ส่วนที่ 3"),
    ],
)
def test_a_parse_the_rows_cannot_hold_is_refused_in_thai(org, mini_parsed, spoil, words):
    from sujarit.plans.services.diffing import PlanNotImportable

    spoil(mini_parsed)
    with pytest.raises(PlanNotImportable, match=words):
        import_plan(org, mini_parsed, by=None)
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_placeholder_budget_is_stored_as_not_stated_not_as_no_budget(seed_plan):
    from sujarit.plans import exports

    item27 = seed_plan.items.get(number=27)
    assert item27.uses_budget is None
    assert seed_plan.items.get(number=1).uses_budget is False
    header, rows = exports.eplan_rows(seed_plan.org, seed_plan)
    row27 = next(r for r in rows if r[0] == 27)
    assert exports.NOT_STATED in row27 and exports.NO_BUDGET not in row27
