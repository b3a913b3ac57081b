"""Reads shared by the pages, the measures, the OIT evidence and the PDF."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from sujarit.core.models import Person

from .models import (
    CommitteeMember,
    ControlEvaluation,
    DelegateReport,
    DelegationOrder,
    EthicsActivity,
    EthicsCode,
    Forum,
    ForumIssue,
    Honour,
    HRDocument,
    Improvement,
    Network,
    Nomination,
    ObserverInvitation,
    RiskAssessment,
    SalaryRound,
    Training,
    Treatment,
    Village,
)


def assessments(org, fiscal_year=None):
    qs = RiskAssessment.objects.for_org(org)
    return qs.filter(fiscal_year=fiscal_year) if fiscal_year else qs


def published_assessments(org):
    return RiskAssessment.objects.for_org(org).filter(published_on__isnull=False)


def risks_with_treatments(assessment):
    return assessment.risks.prefetch_related("treatments")


def heat_counts(assessment):
    """{(likelihood, impact): number of risks} of the assessment."""
    counts: dict[tuple[int, int], int] = {}
    for likelihood, impact in assessment.risks.values_list("likelihood", "impact"):
        counts[(likelihood, impact)] = counts.get((likelihood, impact), 0) + 1
    return counts


def treatments_of_year(org, fiscal_year):
    return Treatment.objects.for_org(org).filter(risk__assessment__fiscal_year=fiscal_year)


def orders_in_force(org, start, end):
    """Delegation orders in force at some time between start and end."""
    return DelegationOrder.objects.for_org(org).filter(
        Q(effective_until__isnull=True) | Q(effective_until__gte=start), effective_from__lte=end
    )


def next_month(month):
    """The first day of the month after the one that starts on `month`."""
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def in_force_in(order, month):
    """Whether the order was in force at some time in the month that starts on `month`."""
    return next_month(month) > order.effective_from and (
        order.effective_until is None or month <= order.effective_until
    )


def months_due(order, start, end, today):
    """First days of the months between start and end, already over by `today`, in which the order
    was in force: each should have its delegate's report."""
    months, month = [], start.replace(day=1)
    while month <= end:
        if next_month(month) <= today and in_force_in(order, month):
            months.append(month)
        month = next_month(month)
    return months


def reported_months(org, start, end):
    """{order id: set of months with a delegate's report} between start and end, in one query."""
    found: dict[int, set] = {}
    rows = DelegateReport.objects.for_org(org).filter(month__range=(start.replace(day=1), end))
    for order_id, month in rows.values_list("order_id", "month"):
        found.setdefault(order_id, set()).add(month)
    return found


def missing_reports(order, reported, start, end, today):
    """(months reported, months due without a report) for the order between start and end, given the
    set of its reported months (reported_months)."""
    due = months_due(order, start, end, today)
    return sum(1 for m in due if m in reported), [m for m in due if m not in reported]


def trainings_between(org, start, end):
    return Training.objects.for_org(org).filter(held_on__range=(start, end))


def pending_nominations(org):
    """Nominations not awarded yet, their scores fetched with them."""
    return Nomination.objects.for_org(org).filter(honour__isnull=True).prefetch_related("scores")


def honours_between(org, start, end):
    return Honour.objects.for_org(org).filter(awarded_on__range=(start, end))


def forums_between(org, start, end):
    return Forum.objects.for_org(org).filter(held_on__range=(start, end)).select_related("village")


def villages(org):
    return Village.objects.for_org(org)


def village_choices(org):
    """[(number, "หมู่ที่ 3 บ้านนา")] of the organization's villages, for other modules' forms."""
    return [(v.number, str(v)) for v in Village.objects.for_org(org).only("number", "name")]


def village_coverage(org, start, end):
    """Per village: (village, forums, attendees, share of its population that attended, percent)."""
    rows = []
    forums = list(forums_between(org, start, end))
    for village in villages(org):
        held = [f for f in forums if f.village_id == village.pk]
        attendees = sum(f.attendees for f in held)
        share = round(100 * attendees / village.population, 1) if village.population else None
        rows.append({"village": village, "forums": len(held), "attendees": attendees, "share": share})
    return rows


def networks_active(org, start, end):
    """Networks founded by `end` and not ended before `start`."""
    return Network.objects.for_org(org).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start), founded_on__lte=end
    )


def control_evaluations(org):
    return ControlEvaluation.objects.for_org(org)


def control_evaluation(org, fiscal_year):
    return ControlEvaluation.objects.for_org(org).filter(fiscal_year=fiscal_year).first()


def improvements_of_year(org, fiscal_year):
    return Improvement.objects.for_org(org).filter(evaluation__fiscal_year=fiscal_year)


def salary_rounds(org, fiscal_year=None):
    qs = SalaryRound.objects.for_org(org)
    return qs.filter(fiscal_year=fiscal_year) if fiscal_year else qs


def hr_documents(org, fiscal_year=None):
    qs = HRDocument.objects.for_org(org)
    return qs.filter(fiscal_year=fiscal_year) if fiscal_year else qs


def ethics_codes(org):
    return EthicsCode.objects.for_org(org)


def code_in_force(org, on):
    """The latest code of ethics adopted by `on`, or None."""
    return EthicsCode.objects.for_org(org).filter(adopted_on__lte=on).first()


def ethics_activities_between(org, start, end):
    return EthicsActivity.objects.for_org(org).filter(held_on__range=(start, end))


def staff(org):
    """Active staff (not council members): who acknowledges the code of ethics."""
    return Person.objects.for_org(org).filter(active=True, is_council=False)


def forum_issues_between(org, start, end):
    return (
        ForumIssue.objects.for_org(org)
        .filter(forum__held_on__range=(start, end))
        .select_related("forum__village")
        .order_by("forum__village__number", "forum__held_on", "pk")
    )


def committee_members(org):
    return CommitteeMember.objects.for_org(org).select_related("village")


def completed_terms(org, start, end):
    """Community committee members whose 4-year term ended between start and end (and by today),
    served to its end (found from the start of their term; no one has to mark them)."""
    end = min(end, timezone.localdate())
    return [
        m
        for m in committee_members(org).filter(term_started_on__lte=end)
        if start <= m.term_ends_on <= end and (m.left_on is None or m.left_on >= m.term_ends_on)
    ]


def invitations_between(org, start, end):
    return (
        ObserverInvitation.objects.for_org(org)
        .filter(invited_on__range=(start, end))
        .select_related("network")
    )
