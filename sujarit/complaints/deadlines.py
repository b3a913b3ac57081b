"""The 15-day rule: when a case is due, counted in calendar or working days (policy)."""

import datetime

from .models import DayCount, Holiday


def holidays(org, start, end):
    """Dates off between start and end: national rows (org=None) and the organization's own."""
    from django.db.models import Q

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


def due_date(org, received, policy=None):
    """The date by which a case received on `received` must be acted on or explained."""
    from .cases import policy_for

    policy = policy or policy_for(org)
    return add_days(org, received, policy.due_days, policy.day_count)
