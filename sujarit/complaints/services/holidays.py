"""Days off that the 15-day rule skips: national holidays shipped as data, the organization's own.

`sujarit complaints holidays` loads the national file; the settings page adds and removes the
organization's days (permission `complaints.configure`). The counting is queries/deadlines.py.
"""

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sujarit.core import audit, thai
from sujarit.core.permissions import ensure

from ..models import Holiday

# --- national holidays: data shipped with the code, loaded by `sujarit complaints holidays` -------

NATIONAL_HOLIDAYS = Path(__file__).parent.parent / "data" / "holidays_th.json"


class HolidayFileError(ValueError):
    """The holiday file cannot be read; nothing was changed."""


def read_national_holidays(path=None):
    """(fiscal years, [(date, name)]) from the holiday file; HolidayFileError when it is malformed."""
    path = Path(path or NATIONAL_HOLIDAYS)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        years = [int(y) for y in data["fiscal_years"]]
        rows = [(datetime.date.fromisoformat(r["date"]), str(r["name"]).strip()) for r in data["holidays"]]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise HolidayFileError(f"{path.name}: {e}") from e
    dates = [d for d, _name in rows]
    if len(set(dates)) != len(dates):
        raise HolidayFileError(f"{path.name}: a date is listed twice")
    if any(not name for _d, name in rows):
        raise HolidayFileError(f"{path.name}: a holiday has no name")
    return years, rows


@transaction.atomic
def load_national_holidays(path=None):
    """Make the national rows (org=None) of the file's fiscal years match it; safe to run again.

    Returns {"created", "updated", "removed"}; a day taken out of the file (a corrected date) is
    removed, days of other fiscal years are left alone.
    """
    years, rows = read_national_holidays(path)
    existing = {}
    for fy in years:
        start, end = thai.fiscal_year_bounds(fy)
        for h in Holiday.objects.filter(org__isnull=True, date__gte=start, date__lte=end):
            existing[h.date] = h
    counts = {"created": 0, "updated": 0, "removed": 0}
    wanted = dict(rows)
    for day, name in rows:
        row = existing.get(day) or Holiday.objects.filter(org__isnull=True, date=day).first()
        if row is None:
            Holiday.objects.create(org=None, date=day, name=name)
            counts["created"] += 1
        elif row.name != name:
            row.name = name
            row.save(update_fields=["name"])
            counts["updated"] += 1
    gone = [h.pk for d, h in existing.items() if d not in wanted]
    if gone:
        Holiday.objects.filter(pk__in=gone).delete()
        counts["removed"] = len(gone)
    if any(counts.values()):
        audit.record(None, "complaints.national_holidays_loaded", **counts)
    return counts


# --- the organization's own days off (settings page) ---------------------------------------------


@transaction.atomic
def add_holiday(org, date, name, *, by):
    """Add a day off of the organization; ValidationError when the day is already one."""
    ensure(by, org, "complaints.configure")
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Give the holiday a name."))
    if Holiday.objects.filter(Q(org__isnull=True) | Q(org=org), date=date).exists():
        raise ValidationError(_("This day is already a holiday."))
    holiday = Holiday.objects.create(org=org, date=date, name=name[:200])
    audit.record(org, "complaints.holiday_added", actor=by, date=date)
    return holiday


@transaction.atomic
def remove_holiday(org, holiday_id, *, by):
    """Remove one of the organization's own days off (national days cannot be removed here)."""
    ensure(by, org, "complaints.configure")
    holiday = Holiday.objects.for_org(org).filter(pk=holiday_id).first()
    if holiday is None:
        raise ValidationError(_("This holiday does not exist or is a national holiday."))
    audit.record(org, "complaints.holiday_removed", actor=by, date=holiday.date)
    holiday.delete()
