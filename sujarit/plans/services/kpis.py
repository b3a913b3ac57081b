"""KPIs: each output/outcome's value (reported by hand, or computed by a registry measure) and status."""

import logging
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core import audit
from sujarit.core.periods import Period
from sujarit.core.registry import registry

from ..models import KPI, Goal, KPIResult, ReportState
from ..permissions import ensure_can_bind_measure
from . import kpi_text
from .progress import ReportError

log = logging.getLogger(__name__)

# A registry measure's values already computed in one request: (measure key, period) -> value.
MeasureCache = dict[tuple[str, Period], Decimal | None]


class KPIStatus(models.TextChoices):
    MET = "met", gettext_lazy("Met")
    NOT_MET = "not_met", gettext_lazy("Not met")
    NOT_MEASURED = "not_measured", gettext_lazy("Not yet measured")


UNIT_LABELS = {
    "percent": "%",
    "count": "",
    "channel": gettext_lazy("channels"),
    "report": gettext_lazy("reports"),
    "times": gettext_lazy("times"),
    "person": gettext_lazy("people"),
    "baht": gettext_lazy("baht"),
    "score": gettext_lazy("points"),
    "level": gettext_lazy("level"),
    "day": gettext_lazy("days"),
    "other": "",
    kpi_text.YESNO: "",
}
OP_SIGNS = {">=": "≥", "<=": "≤", "=": "=", ">": ">"}


def number_text(value):
    """'80' or '1,234.5' — a Decimal without trailing zeros, with thousands separators."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value.to_integral_value():,}"
    return f"{value.normalize():,f}"


def yes_no_text(value):
    """A yes/no KPI's answer: 'มี', 'ไม่มี'; a count bound to it keeps its number: 'มี (2)'."""
    if not kpi_text.is_yes(value):
        return _("No, there is not")
    if Decimal(value) == 1:
        return _("Yes, there is")
    return _("Yes, there is (%(n)s)") % {"n": number_text(value)}


def target_text(kpi):
    """'≥ 80 %', '≥ 3 channels', 'มี', 'ลดลง ≥ 5 %', or '' when the KPI has no numeric target."""
    if kpi.target_op not in OP_SIGNS or kpi.target_value is None:
        return ""
    if kpi.target_unit == kpi_text.YESNO:
        return _("Yes, there is")
    unit = UNIT_LABELS.get(kpi.target_unit, kpi.target_unit)
    text = f"{OP_SIGNS[kpi.target_op]} {number_text(kpi.target_value)} {unit}".strip()
    if kpi_text.shape_of_kpi(kpi) == kpi_text.REDUCTION:
        return _("down by %(target)s") % {"target": text}
    return text


def value_text(kpi, value):
    """An achieved value with the KPI's unit: '87.5 %'; a yes/no KPI's 'มี' or 'ไม่มี'."""
    if value is None:
        return ""
    if kpi.target_unit == kpi_text.YESNO:
        return yes_no_text(value)
    unit = UNIT_LABELS.get(kpi.target_unit, kpi.target_unit)
    return f"{number_text(value)} {unit}".strip()


@dataclass
class KPIValue:
    """A KPI's value and status for a fiscal year (or one round of it): the one rule's answer."""

    kpi: KPI
    value: Decimal | None
    status: str
    source: str  # "measure", "manual" or "" (no value)
    measure: object = None  # the registry Measure when bound
    fiscal_year: int | None = None
    round: int | None = None  # the round whose report gave a manual value; None for a measure's year

    @property
    def target(self):
        return target_text(self.kpi)

    @property
    def status_label(self):
        return KPIStatus(self.status).label

    @property
    def value_display(self):
        return value_text(self.kpi, self.value)


def compare(value, op, target):
    """True/False when value meets `op target`; None when there is nothing to compare."""
    if value is None or target is None or op not in (">=", "<=", "=", ">"):
        return None
    value, target = Decimal(value), Decimal(target)
    return {">=": value >= target, "<=": value <= target, "=": value == target, ">": value > target}[op]


def status_of(kpi, value):
    met = compare(value, kpi.target_op, kpi.target_value)
    if met is None:
        return KPIStatus.NOT_MEASURED
    return KPIStatus.MET if met else KPIStatus.NOT_MET


def manual_values(org, kpis, fiscal_years, round_months=None, *, approved_only=True):
    """kpi pk -> (value, fiscal year, round) typed in the progress reports of `fiscal_years`.

    The latest report with a value wins: the later fiscal year, then the 12-month round over the
    6-month one. With `round_months`, only that round's reports count. Only approved reports count
    unless `approved_only` is False (the back office's "as it stands" monitoring report).
    """
    results = KPIResult.objects.for_org(org).filter(
        kpi__in=[k.pk for k in kpis], report__fiscal_year__in=list(fiscal_years), value__isnull=False
    )
    if round_months:
        results = results.filter(report__round=round_months)
    if approved_only:
        results = results.filter(report__state=ReportState.APPROVED)
    rows = results.order_by("report__fiscal_year", "report__round", "report__reviewed_at", "pk").values_list(
        "kpi_id", "value", "report__fiscal_year", "report__round"
    )
    return {kpi_id: (value, year, rnd) for kpi_id, value, year, rnd in rows}  # later rows overwrite earlier


def measure_value(org, key, period, cache=None):
    """The registry measure's value for (org, period); None when unknown or when it fails."""
    cache = {} if cache is None else cache
    if (key, period) in cache:
        return cache[(key, period)]
    measure = registry.measures.get(key)
    value = None
    if measure is not None:
        try:
            value = measure.func(org, period)
        except Exception:  # one module's broken measure must not take the dashboard down
            log.exception("measure %s failed for org %s", key, org.pk)
            value = None
    cache[(key, period)] = None if value is None else Decimal(value)
    return cache[(key, period)]


def evaluate(org, kpis, fiscal_year, round_months=None, *, approved_only=True, cache=None):
    """The one rule: a KPIValue per KPI for the fiscal year, or for one round of it.

    A KPI bound to a registry measure takes the measure's value over the period (the round's, or the
    fiscal year's); any other KPI takes the value typed in its progress report (`manual_values`).
    Pages, reports, exports and the API all call this (or `latest`, built on it).
    """
    kpis = list(kpis)
    period = (
        Period.for_round(fiscal_year, round_months) if round_months else Period.for_fiscal_year(fiscal_year)
    )
    manual = manual_values(
        org, [k for k in kpis if not k.measure_key], [fiscal_year], round_months, approved_only=approved_only
    )
    cache = {} if cache is None else cache
    out = []
    for kpi in kpis:
        if kpi.measure_key:
            value = measure_value(org, kpi.measure_key, period, cache)
            source, measure, rnd = "measure", registry.measures.get(kpi.measure_key), round_months
        else:
            value, _year, rnd = manual.get(kpi.pk, (None, None, None))
            source, measure = "manual", None
        found = value is not None
        out.append(
            KPIValue(
                kpi,
                value,
                status_of(kpi, value),
                source if found else "",
                measure,
                fiscal_year if found else None,
                rnd if found else None,
            )
        )
    return out


def latest(org, kpis, years):
    """Per KPI, its value in the latest of `years` that has one, by the same rule as `evaluate`; a KPI
    with no value in any of them is "not yet measured". What the public pages and the API show."""
    kpis = list(kpis)
    manual = manual_values(org, [k for k in kpis if not k.measure_key], years)
    cache: MeasureCache = {}
    out = []
    for kpi in kpis:
        value = year = rnd = None
        source, measure = "", None
        if kpi.measure_key:
            measure = registry.measures.get(kpi.measure_key)
            for y in sorted(years, reverse=True):
                value = measure_value(org, kpi.measure_key, Period.for_fiscal_year(y), cache)
                if value is not None:
                    year, source = y, "measure"
                    break
        elif kpi.pk in manual:
            (value, year, rnd), source = manual[kpi.pk], "manual"
        out.append(KPIValue(kpi, value, status_of(kpi, value), source, measure, year, rnd))
    return out


def status_counts(values):
    counts = {s: 0 for s in KPIStatus.values}
    for v in values:
        counts[v.status] += 1
    return counts


@transaction.atomic
def bind_measure(kpi, measure_key, *, by):
    """Bind a KPI to a registered measure ("" unbinds it: the value is then reported by hand)."""
    ensure_can_bind_measure(by, kpi.org)
    measure_key = (measure_key or "").strip()
    if measure_key and measure_key not in registry.measures:
        raise ReportError(_("There is no measure called “%(key)s”.") % {"key": measure_key})
    kpi = KPI.objects.select_for_update().get(pk=kpi.pk)
    previous = kpi.measure_key
    if previous == measure_key:
        return kpi
    kpi.measure_key = measure_key
    kpi.save(update_fields=["measure_key"])
    audit.record(kpi, "plans.kpi_measure_bound", actor=by, measure=measure_key, previous=previous)
    return kpi


@transaction.atomic
def bind_goal_measure(plan, order, measure_key, *, by):
    """Bind one goal indicator (every fiscal year of its row) to a registered measure ("" unbinds)."""
    ensure_can_bind_measure(by, plan.org)
    measure_key = (measure_key or "").strip()
    if measure_key and measure_key not in registry.measures:
        raise ReportError(_("There is no measure called “%(key)s”.") % {"key": measure_key})
    rows = Goal.objects.select_for_update().filter(plan=plan, order=order)
    previous = {g.measure_key for g in rows}
    if previous == {measure_key}:
        return
    rows.update(measure_key=measure_key)
    audit.record(plan, "plans.goal_measure_bound", actor=by, goal=order, measure=measure_key)


def suggested_measure(text, kind=None):
    """The one measure whose hints match text and whose unit fits the KPI's shape (kpi_text), or None
    (no match, or several: a person decides)."""
    kind = kind or kpi_text.shape(text).kind
    found = [
        m.key
        for m in registry.measures.values()
        if any(re.search(h, text or "") for h in m.hints) and kpi_text.fits(kind, m.unit)
    ]
    return found[0] if len(found) == 1 else None


@transaction.atomic
def auto_bind(plan, *, by=None):
    """Bind the plan's unbound KPIs and goals whose text a measure's hints recognise; returns how many.

    Runs after every import, so an organization's indicators are measured from its own data
    without anyone typing the values; a binding a person made (or removed on purpose later) is kept.
    """
    bound = 0
    for kpi in KPI.objects.filter(item__plan=plan, measure_key=""):
        key = suggested_measure(kpi.text, kpi_text.shape_of_kpi(kpi))
        if key:
            KPI.objects.filter(pk=kpi.pk).update(measure_key=key)
            audit.record(kpi, "plans.kpi_measure_bound", actor=by, measure=key, previous="", automatic=True)
            bound += 1
    orders = Goal.objects.filter(plan=plan).values_list("order", "indicator").distinct()
    for order, indicator in orders:
        rows = Goal.objects.filter(plan=plan, order=order)
        if rows.exclude(measure_key="").exists():
            continue
        key = suggested_measure(indicator)
        if key:
            rows.update(measure_key=key)
            audit.record(plan, "plans.goal_measure_bound", actor=by, goal=order, measure=key, automatic=True)
            bound += 1
    return bound
