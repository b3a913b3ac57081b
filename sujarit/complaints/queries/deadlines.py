"""The 15-day rule: when a case is due, counted in calendar or working days (policy).

Reads only; the days off themselves are kept by services/holidays.py.
"""

import datetime

from django.db.models import Q

from ..models import DayCount, Holiday
from .policy import policy_for


def holidays(org, start, end):
    """Dates off between start and end: national rows (org=None) and the organization's own."""
    return set(
        Holiday.objects.filter(Q(org__isnull=True) | Q(org=org), date__gte=start, date__lte=end).values_list(
            "date", flat=True
        )
    )


def add_days(org, start, days, day_count):
    """The date `days` days after start; working days skip weekends and holidays."""
    if day_count != DayCount.WORKING:
        return start + datetime.timedelta(days=days)
    off = holidays(org, start, start + datetime.timedelta(days=days * 3 + 30))
    current, left = start, days
    while left > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            left -= 1
    return current


def countdown(case, today):
    """Where a case stands against its due date, for the inboxes: {"status", "days"}.

    status: "answered" (first answer given), "explained" (delay explained to the complainant),
    "closed" (no longer open), "late" (days past due), "today", or "left" (days to go).
    """
    if case.first_answer_at:
        return {"status": "answered", "days": None}
    if not case.is_open:
        return {"status": "closed", "days": None}
    if case.explained_at:
        return {"status": "explained", "days": None}
    left = (case.due_date - today).days
    if left < 0:
        return {"status": "late", "days": -left}
    return {"status": "today" if left == 0 else "left", "days": left}


def due_date(org, received, policy=None):
    """The date by which a case received on `received` must be acted on or explained."""
    policy = policy or policy_for(org)
    return add_days(org, received, policy.due_days, policy.day_count)


def days_before(org, date, days, day_count):
    """The date `days` days before date; working days skip weekends and holidays (reminders)."""
    if day_count != DayCount.WORKING:
        return date - datetime.timedelta(days=days)
    off = holidays(org, date - datetime.timedelta(days=days * 3 + 30), date)
    current, left = date, days
    while left > 0:
        current -= datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            left -= 1
    return current


def remind_on(org, case, policy):
    """The day officers are reminded of a case (policy.remind_days_before before its due date)."""
    return days_before(org, case.due_date, policy.remind_days_before, policy.day_count)
