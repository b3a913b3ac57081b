"""Demo data: the seed plan of อบต.แหลมสอม, imported from the bundled document, and its progress: every
fiscal year before the current one reported and approved, the current year's 6-month round in progress.

The figures are made up but plausible and deterministic (seeded random); they are written through the
service verbs, as the demo staff (officer, coordinator), so the audit log and the states are real. A plan
that already has progress reports is left alone, so `sujarit demo load` twice changes nothing.
"""

import datetime as dt
import json
import random
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sujarit.core import thai

from .models import CannotDoReason, ItemStatus, ProgressReport
from .parsing import parse_plan
from .permissions import can_report_on
from .services.diffing import find_plan
from .services.importing import ImportResult, import_plan
from .services.kpis import auto_bind
from .services.progress import approve_report, done_in, due_date, save_report

SEED = Path(__file__).resolve().parent.parent / "demo" / "laemsom_plan_2566_2570.txt"


@lru_cache(maxsize=1)
def _seed_parsed_json():
    return json.dumps(parse_plan(SEED.read_bytes(), SEED.name), ensure_ascii=False)


def seed_parsed():
    """The bundled seed, parsed (a fresh copy each call; the parse itself is done once)."""
    return json.loads(_seed_parsed_json())


def load(org, stdout=None):
    """Import the bundled plan document into the demo organization (idempotent)."""
    parsed = seed_parsed()
    plan = find_plan(org, (parsed["cycle"]["first_year"], parsed["cycle"]["last_year"]))
    if plan is not None and plan.source_sha256 != parsed["source"]["sha256"]:
        # staff have imported their own revision since: `make run` must not undo it
        result = ImportResult(plan, "kept")
    else:
        result = import_plan(org, parsed, by=None, source_name=SEED.name)
    # Measures a module registered since the plan was first imported bind now (idempotent).
    auto_bind(result.plan)
    reports = load_progress(org, result.plan)
    if stdout is not None:
        plan = result.plan
        stdout.write(
            f"plan {plan.first_year}-{plan.last_year}: {result.status} "
            f"({plan.items.count()} items) from {SEED.name}; {reports} progress reports added"
        )
    return result


# --- the plan in the middle of its cycle ---------------------------------------------------------

NO_BUDGET_YEAR_OFFSET = 2  # the item that got no budget: the cycle's third fiscal year
WORK_DONE = [
    "ดำเนินการตามแผนแล้ว จัดประชุมชี้แจงผู้เกี่ยวข้องและเผยแพร่ผลทางเว็บไซต์ของ อบต.",
    "ดำเนินกิจกรรมตามขั้นตอนที่กำหนด รวบรวมหลักฐานและภาพถ่ายประกอบการรายงาน",
    "จัดกิจกรรมร่วมกับประชาชนและหน่วยงานในพื้นที่ สรุปผลเสนอผู้บริหารทราบ",
]
PROBLEMS = ["", "", "ระยะเวลาดำเนินการจำกัด", "ผู้เข้าร่วมกิจกรรมน้อยกว่าที่คาดไว้ในช่วงฤดูฝน"]


def _baht(value):
    return Decimal(value).quantize(Decimal("100"), rounding=ROUND_HALF_UP)


def _kpi_value(kpi, rng):
    """A plausible achieved value near the KPI's numeric target (mostly met), or None."""
    if kpi.measure_key or kpi.target_value is None or not kpi.target_op:
        return None
    target = Decimal(kpi.target_value)
    factor = Decimal(str(rng.choice([0.85, 1, 1, 1.05, 1.1, 1.2])))
    if kpi.target_op == "<=":
        factor = Decimal(str(rng.choice([0.5, 0.8, 1, 1, 1.2])))
    value = (target * factor).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    if kpi.target_unit == "percent":
        value = min(value, Decimal(100))
    return value


def _plan_of_year(item, year, round_months, rng, cannot_do, done_at):
    """The status, percent and reason of a demo item in one round."""
    if (item.pk, year) == cannot_do:
        return ItemStatus.CANNOT_DO, 0, CannotDoReason.NO_BUDGET
    if done_at.get(item.pk) == (year, round_months):
        return ItemStatus.DONE, 100, ""
    if round_months == 6:
        percent = rng.choice([15, 25, 35, 40, 50, 55, 60, 60, 65, 70])
    else:
        percent = rng.choice([45, 60, 75, 80, 85, 90, 90, 95, 95, 100])
    return ItemStatus.IN_PROGRESS, percent, ""


def _backdate(report, year, round_months, rng):
    """Submitted some days before the round's due date, approved a few days later (demo only)."""
    due = due_date(year, round_months)
    sent = timezone.make_aware(dt.datetime.combine(due - dt.timedelta(days=rng.randint(3, 25)), dt.time(10)))
    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=sent, reviewed_at=sent + dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(1, 6))
    )


def load_progress(org, plan, today=None):
    """Fill the plan's progress as a real organization in the middle of its cycle would have it.

    Needs the demo staff accounts "coordinator" (and "officer" for the items of their unit); does nothing
    when they are missing or when the plan has any progress report already. Returns the reports made."""
    users = {
        u.username: u
        for u in get_user_model().objects.filter(people__org=org, username__in=["coordinator", "officer"])
    }
    coordinator, officer = users.get("coordinator"), users.get("officer")
    if coordinator is None or ProgressReport.objects.for_org(org).filter(item__plan=plan).exists():
        return 0
    today = today or timezone.localdate()
    current = thai.fiscal_year_of(today)
    rng = random.Random(f"{org.slug}-{plan.first_year}-{plan.last_year}-progress")
    items = list(plan.items.select_related("responsible_unit", "plan").prefetch_related("budgets", "kpis"))
    items.sort(key=lambda i: i.number)
    past = [y for y in plan.fiscal_years if y < current]
    budget = {(i.pk, b.fiscal_year): b.amount for i in items for b in i.budgets.all() if b.amount}

    # One item got no budget in one year; a few one-off items were finished (and are locked after).
    no_budget_year = plan.first_year + NO_BUDGET_YEAR_OFFSET
    funded = [i for i in items if budget.get((i.pk, no_budget_year))]
    cannot_do = (funded[len(funded) // 2].pk, no_budget_year) if funded and no_budget_year in past else None
    others = [i for i in items if cannot_do is None or i.pk != cannot_do[0]]
    done_at = {}
    for item, year in zip(rng.sample(others, min(3, len(others))), past[1:], strict=False):
        done_at[item.pk] = (year, 12)

    made = 0
    with transaction.atomic():
        for year in [*past, current]:
            for round_months in (6, 12):
                in_progress = year == current
                if in_progress and round_months == 12:
                    continue
                for item in items:
                    if done_in(item, before=(year, round_months)) is not None:
                        continue  # done earlier: locked for the rest of the cycle
                    if in_progress and rng.random() < 0.3:
                        continue  # not started on the system yet
                    status, percent, reason = _plan_of_year(item, year, round_months, rng, cannot_do, done_at)
                    if in_progress:
                        percent = rng.choice([10, 15, 20, 25, 30, 35, 40, 45])
                    planned = budget.get((item.pk, year))
                    spent = Decimal(0)
                    if planned and status != ItemStatus.CANNOT_DO:
                        share = Decimal(percent) / 100 * Decimal(str(rng.choice([0.8, 0.9, 0.95, 1])))
                        spent = min(_baht(planned * share), planned)
                    kpi_values = {}
                    if round_months == 12 or in_progress:
                        kpi_values = {k.pk: _kpi_value(k, rng) for k in item.kpis.all() if not k.measure_key}
                    by = officer if officer is not None and can_report_on(officer, item) else coordinator
                    report = save_report(
                        item,
                        year,
                        round_months,
                        by=by,
                        status=status,
                        percent_done=percent,
                        spent=spent,
                        ordinance_amount=planned,
                        in_ordinance=status != ItemStatus.CANNOT_DO,
                        reason=reason,
                        remark=(
                            f"ไม่ได้รับการจัดสรรงบประมาณในข้อบัญญัติงบประมาณรายจ่ายประจำปี {year}" if reason else ""
                        ),
                        work_done="" if reason else rng.choice(WORK_DONE),
                        problems="ไม่ได้รับการจัดสรรงบประมาณ" if reason else rng.choice(PROBLEMS),
                        kpi_values={k: v for k, v in kpi_values.items() if v is not None},
                        submit=not in_progress or rng.random() < 0.5,
                    )
                    made += 1
                    if not in_progress:
                        approve_report(report, by=coordinator, comment="ตรวจสอบแล้ว ถูกต้องครบถ้วน")
                        _backdate(report, year, round_months, rng)
    return made
