"""Complaints on the back office's home page: cases waiting for this person, and the executive's
counts (corruption cases as numbers only, never their content)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core.periods import Period
from sujarit.core.permissions import can, person_of
from sujarit.core.registry import WorkItem

from .models import Case, Kind, Outcome
from .permissions import visible_cases


def work(org, user, today=None):
    today = today or timezone.localdate()
    items = []
    person = person_of(user, org)
    if person is None:
        return items
    if can(user, org, "complaints.handle"):
        general = visible_cases(user, org, Kind.GENERAL).open()  # a unit officer: their unit's and their own
        inbox = reverse("complaints_staff:inbox", kwargs={"org_slug": org.slug})
        n, late = general.count(), general.overdue(today).count()
        if n:
            items.append(
                WorkItem("waiting", _("Complaints waiting to be handled"), n, inbox, overdue=bool(late))
            )
    if can(user, org, "integrity.handle"):
        mine = visible_cases(user, org, Kind.INTEGRITY).open()
        n, late = mine.count(), mine.overdue(today).count()
        if n:
            url = reverse("complaints_staff:integrity_inbox", kwargs={"org_slug": org.slug})
            items.append(WorkItem("waiting", _("Corruption cases open for you"), n, url, overdue=bool(late)))
    return items


def summary(org, fiscal_year, today=None):
    today = today or timezone.localdate()
    period = Period.for_fiscal_year(fiscal_year)
    cases = Case.objects.for_org(org).counted()
    year = cases.filter(received_at__date__range=(period.start, period.end))
    general, integrity = year.filter(kind=Kind.GENERAL), year.filter(kind=Kind.INTEGRITY)
    return [
        (_("Complaints received"), general.count()),
        (_("Complaints still open"), cases.filter(kind=Kind.GENERAL).open().count()),
        (_("Complaints past the answer deadline"), cases.filter(kind=Kind.GENERAL).overdue(today).count()),
        (_("Corruption cases received"), integrity.count()),
        (_("Corruption cases still open"), cases.filter(kind=Kind.INTEGRITY).open().count()),
        (_("Corruption cases found substantiated"), integrity.filter(outcome=Outcome.SUBSTANTIATED).count()),
    ]
