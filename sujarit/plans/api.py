"""/api/v1/orgs/{slug}/plan: the published plan as open data (approved progress only, never drafts).

The shape follows docs/PLAN_FORMAT.md (money and targets as decimal strings, fiscal years as BE
string keys) plus ids, progress and each KPI's latest approved value and status.
"""

from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from ninja import Router, Schema, Status

from sujarit.api.schemas import ErrorOut, org_not_found
from sujarit.core.models import Organization

from .models import Dimension, Goal, Item, Mission, ProgressReport, ReportState, RiskRow
from .queries import current_plan, started_years
from .services import kpis as kpi_service

router = Router(tags=["plans"])


# --- schemas -------------------------------------------------------------------------------------


class OrgOut(Schema):
    slug: str
    name: str
    org_type: str
    province: str
    district: str


class CycleOut(Schema):
    first_year: int
    last_year: int
    fiscal_years: list[int]


class SourceOut(Schema):
    name: str
    sha256: str
    imported_at: datetime | None


class MissionOut(Schema):
    code: str
    name: str


class DimensionOut(Schema):
    number: int
    name: str
    missions: list[MissionOut]


class TargetOut(Schema):
    op: str
    value: str | None
    unit: str


class LatestValueOut(Schema):
    value: str
    fiscal_year: int
    round: int | None  # the round whose report gave it; None for a measure over the whole fiscal year
    source: str  # "manual" (typed in a progress report) or "measure" (computed from the records)


class KPIOut(Schema):
    id: int
    kind: str
    order: int
    text: str
    target: TargetOut | None
    measure_key: str
    latest: LatestValueOut | None
    status: str  # "met", "not_met", "not_measured", "no_target"


class BudgetOut(Schema):
    text: str
    uses_budget: bool | None  # None: the document does not say
    per_year: dict[str, str | None]


class ResponsibleOut(Schema):
    text: str
    unit: str | None


class KPIResultOut(Schema):
    kpi_id: int
    value: str | None
    note: str


class EvidenceOut(Schema):
    name: str
    content_type: str
    size: int
    sha256: str
    url: str


class ReportOut(Schema):
    fiscal_year: int
    round: int
    status: str  # not_started, in_progress, done, cannot_do
    reason: str  # when cannot_do: no_budget, policy_changed, not_enough_staff, other ("" otherwise)
    reason_text: str
    percent_done: int
    spent: str
    ordinance_amount: str | None  # baht in the budget ordinance (E-PlanNACC)
    in_ordinance: bool | None
    remark: str
    work_done: str
    problems: str
    next_steps: str
    approved_at: datetime | None
    kpi_results: list[KPIResultOut]
    evidence: list[EvidenceOut]


class ItemOut(Schema):
    id: int
    number: int
    dimension: int
    mission: str | None
    type: str
    name: str
    rationale: list[str]
    objectives: list[str]
    target_group: str
    steps: list[str]
    duration: str
    budget: BudgetOut
    responsible: ResponsibleOut
    kpis: list[KPIOut]
    progress: list[ReportOut]


class GoalTargetOut(Schema):
    text: str
    value: str | None
    unit: str


class GoalOut(Schema):
    indicator: str
    targets: dict[str, GoalTargetOut]


class RiskOut(Schema):
    number: int
    process: str
    issues: list[str]
    level: str
    controls: list[str]


class PlanOut(Schema):
    id: int
    organization: OrgOut
    title: str
    cycle: CycleOut
    source: SourceOut
    dimensions: list[DimensionOut]
    items: list[ItemOut]
    goals: list[GoalOut]
    risks: list[RiskOut]


# --- helpers --------------------------------------------------------------------------------------


def _num(value):
    """Decimal → the contract's string ("20000", "7200.5"); None stays None."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def _not_found(message, code):
    return Status(404, {"detail": message, "code": code})


def _org_and_plan(slug):
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return None, None, org_not_found(slug)
    plan = current_plan(org)
    if plan is None:
        return org, None, _not_found(f"{org.name} ยังไม่ได้เผยแพร่แผนปฏิบัติการ", "plan_not_found")
    return org, plan, None


def _kpi_status(value):
    """The one rule's status, except that a KPI without a numeric target says so."""
    if not value.kpi.target_op or value.kpi.target_value is None:
        return "no_target"
    return str(value.status)


def _kpi_values(org, plan, kpis):
    """kpi pk -> its KPIValue in the latest started fiscal year that has one (plans.services.kpis)."""
    return {v.kpi.pk: v for v in kpi_service.latest(org, kpis, started_years(plan))}


def _items_queryset(plan):
    approved = (
        ProgressReport.objects.filter(state=ReportState.APPROVED)
        .order_by("fiscal_year", "round")
        .prefetch_related("evidence", "kpi_results")
    )
    return (
        Item.objects.filter(plan=plan)
        .select_related("dimension", "mission", "responsible_unit")
        .prefetch_related("budgets", "kpis", Prefetch("reports", queryset=approved))
        .order_by("number")
    )


def _evidence_url(request, org, report, att):
    try:
        path = reverse(
            "plans:evidence", kwargs={"org_slug": org.slug, "pk": report.pk, "attachment_pk": att.pk}
        )
    except NoReverseMatch:
        return ""
    return request.build_absolute_uri(path)


def _item_out(request, org, plan, item, values):
    reports = list(item.reports.all())
    kpis = []
    for k in sorted(item.kpis.all(), key=lambda k: (k.kind != "output", k.order)):
        hit = values[k.pk]
        kpis.append(
            {
                "id": k.pk,
                "kind": k.kind,
                "order": k.order,
                "text": k.text,
                "target": {"op": k.target_op, "value": _num(k.target_value), "unit": k.target_unit}
                if k.target_op
                else None,
                "measure_key": k.measure_key,
                "latest": {
                    "value": _num(hit.value),
                    "fiscal_year": hit.fiscal_year,
                    "round": hit.round,
                    "source": hit.source,
                }
                if hit.value is not None
                else None,
                "status": _kpi_status(hit),
            }
        )
    budgets = {b.fiscal_year: b.amount for b in item.budgets.all()}
    return {
        "id": item.pk,
        "number": item.number,
        "dimension": item.dimension.number,
        "mission": item.mission.code if item.mission else None,
        "type": item.item_type,
        "name": item.name,
        "rationale": [p for p in item.rationale.split("\n\n") if p],
        "objectives": item.objectives,
        "target_group": item.target_group,
        "steps": item.steps,
        "duration": item.duration,
        "budget": {
            "text": item.budget_text,
            "uses_budget": item.uses_budget,
            "per_year": {str(y): _num(budgets.get(y)) for y in plan.fiscal_years},
        },
        "responsible": {
            "text": item.responsible_text,
            "unit": item.responsible_unit.name if item.responsible_unit else None,
        },
        "kpis": kpis,
        "progress": [
            {
                "fiscal_year": r.fiscal_year,
                "round": r.round,
                "status": r.status,
                "reason": r.reason,
                "reason_text": r.reason_text,
                "percent_done": r.percent_done,
                "spent": _num(r.spent) or "0",
                "ordinance_amount": _num(r.ordinance_amount),
                "in_ordinance": r.in_ordinance,
                "remark": r.remark,
                "work_done": r.work_done,
                "problems": r.problems,
                "next_steps": r.next_steps,
                "approved_at": r.reviewed_at,
                "kpi_results": [
                    {"kpi_id": kr.kpi_id, "value": _num(kr.value), "note": kr.note}
                    for kr in r.kpi_results.all()
                ],
                "evidence": [
                    {
                        "name": a.original_name,
                        "content_type": a.content_type,
                        "size": a.size,
                        "sha256": a.sha256,
                        "url": _evidence_url(request, org, r, a),
                    }
                    for a in r.evidence.all()
                ],
            }
            for r in reports
        ],
    }


# --- endpoints ------------------------------------------------------------------------------------


@router.get(
    "{slug}/plan",
    response={200: PlanOut, 404: ErrorOut},
    summary="An organization's action plan",
    description="The current plan: cycle, dimensions, missions, items with budgets, KPIs with targets and "
    "latest approved values, approved progress reports, goals and the fraud-risk table.",
)
def get_plan(request, slug: str):
    org, plan, error = _org_and_plan(slug)
    if error:
        return error
    missions = {}
    for m in Mission.objects.filter(dimension__plan=plan):
        missions.setdefault(m.dimension_id, []).append({"code": m.code, "name": m.name})
    items = list(_items_queryset(plan))
    values = _kpi_values(org, plan, [k for i in items for k in i.kpis.all()])
    goals = {}
    for g in Goal.objects.filter(plan=plan):
        goal = goals.setdefault(g.order, {"indicator": g.indicator, "targets": {}})
        goal["targets"][str(g.fiscal_year)] = {
            "text": g.target_text,
            "value": _num(g.target_value),
            "unit": g.target_unit,
        }
    return {
        "id": plan.pk,
        "organization": org,
        "title": plan.title,
        "cycle": {
            "first_year": plan.first_year,
            "last_year": plan.last_year,
            "fiscal_years": plan.fiscal_years,
        },
        "source": {"name": plan.source_name, "sha256": plan.source_sha256, "imported_at": plan.imported_at},
        "dimensions": [
            {"number": d.number, "name": d.name, "missions": missions.get(d.pk, [])}
            for d in Dimension.objects.filter(plan=plan)
        ],
        "items": [_item_out(request, org, plan, i, values) for i in items],
        "goals": [goals[k] for k in sorted(goals)],
        "risks": list(
            RiskRow.objects.filter(plan=plan).values("number", "process", "issues", "level", "controls")
        ),
    }


@router.get(
    "{slug}/plan/items/{number}",
    response={200: ItemOut, 404: ErrorOut},
    summary="One item of an organization's action plan",
)
def get_item(request, slug: str, number: int):
    org, plan, error = _org_and_plan(slug)
    if error:
        return error
    item = _items_queryset(plan).filter(number=number).first()
    if item is None:
        return _not_found(f"แผนนี้ไม่มีรายการลำดับที่ {number}", "item_not_found")
    return _item_out(request, org, plan, item, _kpi_values(org, plan, item.kpis.all()))
