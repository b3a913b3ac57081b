"""The rules a publication's metadata must meet: open fiscal years, periods inside the year, OIT codes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sujarit.core import thai

from ..models import DisclosurePolicy, PeriodKind

CODE_RE = re.compile(r"^O\d{1,2}$")
PERIOD_MAX = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2}


def ensure_open_year(org, fiscal_year):
    """Refuse a fiscal year that is closed: before the policy's first open year, or past next year."""
    try:
        fiscal_year = int(fiscal_year)
    except (TypeError, ValueError):
        raise ValidationError(_("Give the fiscal year in the Buddhist Era, such as 2568.")) from None
    policy = DisclosurePolicy.objects.filter(org=org).first()
    first = policy.first_open_fiscal_year if policy else None
    last = thai.current_fiscal_year() + 1
    if (first and fiscal_year < first) or fiscal_year > last or fiscal_year < 2400:
        if first:
            raise ValidationError(
                _("Fiscal year %(fy)s is closed for publishing; open years are %(first)s to %(last)s.")
                % {"fy": fiscal_year, "first": first, "last": last}
            )
        raise ValidationError(
            _("Fiscal year %(fy)s is closed for publishing; the latest open year is %(last)s.")
            % {"fy": fiscal_year, "last": last}
        )
    return fiscal_year


def check_period(fiscal_year, period_kind, period):
    """Return (period_kind, period) when the period lies in the fiscal year; raise otherwise."""
    period_kind = period_kind or ""
    if period_kind not in PeriodKind.values:
        raise ValidationError(_("Unknown kind of period."))
    if not period_kind:
        if period not in (None, ""):
            raise ValidationError(_("Choose whether the period is a month, a quarter or a half-year."))
        return "", None
    try:
        period = int(period)
    except (TypeError, ValueError):
        raise ValidationError(_("Choose which month, quarter or half-year.")) from None
    if not 1 <= period <= PERIOD_MAX[period_kind]:
        if period_kind == PeriodKind.MONTH:
            raise ValidationError(
                _("The month must be 1 to 12 (a month of fiscal year %(fy)s).") % {"fy": fiscal_year}
            )
        raise ValidationError(
            _("This period is not in fiscal year %(fy)s: choose 1 to %(max)s.")
            % {"fy": fiscal_year, "max": PERIOD_MAX[period_kind]}
        )
    return period_kind, period


def period_label(publication):
    """'มีนาคม 2568', 'ไตรมาส 2' …; empty for a whole-year publication."""
    kind, n, fy = publication.period_kind, publication.period, publication.fiscal_year
    if kind == PeriodKind.MONTH and n:
        year = fy - 1 if n >= 10 else fy
        return f"{thai.MONTHS[n - 1]} {year}"
    if kind == PeriodKind.QUARTER and n:
        return _("Quarter %(n)s") % {"n": n}
    if kind == PeriodKind.HALF and n:
        return _("Half-year %(n)s") % {"n": n}
    return ""


def clean_codes(codes):
    """Normalised OIT codes ('o16 ' → 'O16'), or a ValidationError naming the bad ones."""
    if isinstance(codes, str):
        codes = re.split(r"[\s,]+", codes)
    out, bad = [], []
    for code in codes:
        code = (code or "").strip().upper()
        if not code:
            continue
        (out if CODE_RE.match(code) else bad).append(code)
    if bad:
        raise ValidationError(
            _("Not an OIT item code: %(codes)s (write O1 to O43).") % {"codes": ", ".join(bad)}
        )
    return sorted(set(out), key=lambda c: int(c[1:]))
