"""The plan's part of the back office's home page: reports a person must write, reports to approve,
and the executive's figures (registry.add_work, registry.add_summary_figures)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.permissions import can, roles_of, unit_of
from sujarit.core.registry import WorkItem

from .models import Item, ItemStatus, ProgressReport, ReportState
from .permissions import REPORT_ANY_ROLES
from .services import progress

# A round's report is on the list from the day its period starts until half a year after it was due.
SHOWN_AFTER_DUE = dt.timedelta(days=183)


def _open_rounds(today):
    fy = thai.fiscal_year_of(today)
    for year in (fy - 1, fy):
        for rnd in (6, 12):
            due = progress.due_date(year, rnd)
            if progress.opens_on(year, rnd) <= today and today <= due + SHOWN_AFTER_DUE:
                yield year, rnd, due


def work(org, user, today=None):
    today = today or timezone.localdate()
    items = []
    plan_url = reverse("plans_staff:progress_list", kwargs={"org_slug": org.slug})
    if can(user, org, "plans.report"):
        own = Item.objects.filter(plan__org=org)
        if not roles_of(user, org) & REPORT_ANY_ROLES:
            unit = unit_of(user, org)
            own = own.filter(responsible_unit=unit) if unit else own.none()
        for year, rnd, due in _open_rounds(today):
            plan = progress.plan_for_year(org, year)
            if plan is None:
                continue
            in_plan = own.filter(plan=plan)
            sent = ProgressReport.objects.for_org(org).filter(
                fiscal_year=year, round=rnd, state__in=[ReportState.SUBMITTED, ReportState.APPROVED]
            )
            finished = ProgressReport.objects.for_org(org).filter(
                status=ItemStatus.DONE, state=ReportState.APPROVED
            )  # an item done is locked for the rest of the cycle: nothing more to report
            n = in_plan.exclude(pk__in=sent.values("item")).exclude(pk__in=finished.values("item")).count()
            if n:
                label = _(
                    "Progress reports of the %(round)s-month round, fiscal year %(year)s, due %(due)s"
                ) % {"round": rnd, "year": year, "due": thai.thai_date(due)}
                items.append(WorkItem("due", label, n, f"{plan_url}?year={year}", overdue=today > due))
    if can(user, org, "plans.approve"):
        n = ProgressReport.objects.for_org(org).filter(state=ReportState.SUBMITTED).count()
        if n:
            items.append(WorkItem("approve", _("Progress reports waiting for your approval"), n, plan_url))
    return items


def summary(org, fiscal_year):
    plan = progress.plan_for_year(org, fiscal_year)
    if plan is None:
        return []
    items = Item.objects.filter(plan=plan)
    done = (
        ProgressReport.objects.for_org(org)
        .filter(
            item__plan=plan, status=ItemStatus.DONE, state=ReportState.APPROVED, fiscal_year__lte=fiscal_year
        )
        .values("item")
        .distinct()
        .count()
    )
    approved = ProgressReport.objects.for_org(org).filter(
        item__plan=plan, fiscal_year=fiscal_year, state=ReportState.APPROVED
    )
    return [
        (_("Items in the plan"), items.count()),
        (_("Items done"), done),
        (_("Progress reports approved this fiscal year"), approved.count()),
    ]
