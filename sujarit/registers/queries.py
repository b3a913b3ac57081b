"""Reads shared by the pages, the measures, the OIT evidence and the PDF."""

from django.db.models import Q
from django.utils import timezone

from sujarit.core.models import Person

from .models import (
    CommitteeMember,
    ControlEvaluation,
    DelegationOrder,
    EthicsActivity,
    EthicsCode,
    Forum,
    ForumIssue,
    Honour,
    HRDocument,
    Improvement,
    Network,
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


def trainings_between(org, start, end):
    return Training.objects.for_org(org).filter(held_on__range=(start, end))


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
