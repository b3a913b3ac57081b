"""Which OIT items an organization proves for an assessment year, and the OIT score that would give.

Evidence of an item comes from two places: the registry's OIT providers (a module's own data, asked
for the assessed fiscal year) and public publications tagged with the item's code. The rules:

- standing ("kept current"): proven by any current evidence — a provider's, or any public tagged
  publication whatever its fiscal year.
- yearly: proven by evidence that belongs to the fiscal year: a provider's answer for that year
  (providers return nothing when their data does not cover it) or a publication of that fiscal year.
- half-yearly, quarterly, monthly: every period of the fiscal year that has ended must have
  evidence (a monthly item: one per month up to last month; O16's "ไม่มีการจัดซื้อจัดจ้าง" notice
  for a quiet month is such a publication). A publication counts for its stated period (a month
  also counts for its quarter and half, a quarter for its half), else for the period of its
  publish date; a provider's evidence may name "period_kind"/"period", else its date decides.
- out_of_date: some evidence, but a required period (or this fiscal year) has none.
- missing: no evidence at all.

The estimated OIT score gives every item the same weight: proven 1, out of date ½ (a partial series
is what assessors most often mark down rather than zero), missing 0; × 100. NACC's own scoring is
per item and by assessor judgement; this is an estimate, not their formula.
"""

import datetime as dt
import logging
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.registry import registry

from ..models import Frequency, OITOwner, OITYear, PeriodKind, PublicationTag
from ..services import catalogue
from . import publications

log = logging.getLogger(__name__)

PROVEN, OUT_OF_DATE, MISSING = "proven", "out_of_date", "missing"
STATUSES = (PROVEN, OUT_OF_DATE, MISSING)
# months per period of each frequency (a year is the whole fiscal year)
SPAN = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
    Frequency.STANDING: 12,
}
KIND_SPAN = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6}


# --- periods of a fiscal year ------------------------------------------------------------------


def _month_start(fy, index):
    """The first day of the fiscal year's month `index` (1 = October)."""
    start, _end = thai.fiscal_year_bounds(fy)
    m = start.month - 1 + index - 1
    return dt.date(start.year + m // 12, m % 12 + 1, 1)


def periods(fy, frequency):
    """[(number, first day, last day)] of the item's periods in fiscal year fy (1-based)."""
    span = SPAN[frequency]
    out = []
    for n in range(1, 12 // span + 1):
        first = _month_start(fy, (n - 1) * span + 1)
        after = _month_start(fy, n * span + 1) if n * span < 12 else thai.fiscal_year_bounds(fy)[1]
        last = after - dt.timedelta(days=1) if n * span < 12 else after
        out.append((n, first, last))
    return out


def period_label(fy, frequency, n):
    span = SPAN[frequency]
    if span == 1:
        first = _month_start(fy, n)
        return f"{thai.MONTHS_SHORT[first.month - 1]} {thai.be_year(first.year)}"
    if span == 3:
        return _("Quarter %(n)s") % {"n": n}
    if span == 6:
        return _("First half (Oct–Mar)") if n == 1 else _("Second half (Apr–Sep)")
    return _("Fiscal year %(fy)s") % {"fy": fy}


def _fiscal_month(calendar_month):
    return (calendar_month - 10) % 12 + 1


def _period_of(frequency, fy, *, kind="", number=None, date=None):
    """The item-period number (1-based) a piece of evidence covers in fy, or None."""
    span = SPAN[frequency]
    if kind in KIND_SPAN and number and KIND_SPAN[kind] <= span:
        # month numbers are calendar months; quarter/half are of the fiscal year
        first_month = (
            _fiscal_month(number) if kind == PeriodKind.MONTH else (number - 1) * KIND_SPAN[kind] + 1
        )
        if 1 <= first_month <= 12:
            return (first_month - 1) // span + 1
    if date is None:
        return None
    if isinstance(date, dt.datetime):
        date = timezone.localtime(date).date() if timezone.is_aware(date) else date.date()
    if thai.fiscal_year_of(date) != fy:
        return None
    return (_fiscal_month(date.month) - 1) // span + 1


# --- evidence ------------------------------------------------------------------------------------


def _publication_evidence(org, codes):
    """{code: [evidence]} of public publications tagged with any of codes (every fiscal year)."""
    tags = (
        PublicationTag.objects.filter(code__in=codes, publication__in=publications.public_publications(org))
        .select_related("publication__org", "publication__current_version")
        .order_by("-publication__fiscal_year", "-publication__publish_date", "-publication__pk")
    )
    out = defaultdict(list)
    for tag in tags:
        p = tag.publication
        version = p.current_version
        date = p.publish_date or (
            timezone.localdate(version.published_at) if version and version.published_at else None
        )
        out[tag.code].append(
            {
                "title": p.title,
                "url": publications.publication_url(p),
                "date": date,
                "source": "publication",
                "fiscal_year": p.fiscal_year,
                "period_kind": p.period_kind,
                "period": p.period,
                "publication": p,
            }
        )
    return out


# Providers speak the codes of the 2567 catalogue (plans/oit.py, complaints/oit.py); another year's
# items are matched to them through the catalogues' previous codes.
PROVIDER_YEAR = 2567


def provider_codes(cat):
    """{item code of cat: the same item's code in the providers' (2567) catalogue}."""
    own = {i.code: i.code for i in cat.items.all()}
    if cat.year == PROVIDER_YEAR:
        return own
    step = -1 if cat.year > PROVIDER_YEAR else 1
    current = own  # item code of cat -> its code in `year`
    year = cat.year
    while year != PROVIDER_YEAR:
        catalogue.ensure_loaded(year + step)
        nxt = OITYear.objects.filter(year=year + step).first()
        if nxt is None:
            return own  # a gap in the chain: assume the codes did not change
        if step == -1:  # walk back: this year's previous_code is the older year's code
            prev = {i.code: i.previous_code for i in OITYear.objects.get(year=year).items.all()}
            current = {k: prev.get(v, "") for k, v in current.items()}
        else:  # walk forward: the newer year's item whose previous_code is ours
            newer = {i.previous_code: i.code for i in nxt.items.all() if i.previous_code}
            current = {k: newer.get(v, "") for k, v in current.items()}
        year += step
    return {k: v for k, v in current.items() if v}


def _provider_evidence(org, fy, codes):
    """{code: [evidence]} from every registered OIT provider that offers one of codes (2567 codes)."""
    out = defaultdict(list)
    seen = set()
    wanted = set(codes)
    for provider in registry.oit_providers.values():
        offered = wanted & set(provider.oit_codes)
        if not offered:
            continue
        try:
            found = provider.func(org, fy) or []
        except Exception:  # one module's failure must not take the whole board down
            log.exception("OIT provider %s failed", provider.key)
            continue
        for ev in found:
            code = ev.get("oit")
            if code not in offered or (code, ev.get("url"), ev.get("title")) in seen:
                continue
            seen.add((code, ev.get("url"), ev.get("title")))
            out[code].append(
                {
                    "title": str(ev.get("title", "")),
                    "url": ev.get("url", ""),
                    "date": ev.get("date"),
                    "source": provider.key,
                    "fiscal_year": fy,
                    "period_kind": ev.get("period_kind", ""),
                    "period": ev.get("period"),
                }
            )
    return out


# --- the board -----------------------------------------------------------------------------------


def _assess(item, fy, evidence, today):
    """(status, evidence shown, due date, [(label, covered, last day)]) of one item."""
    frequency = item.frequency
    if frequency == Frequency.STANDING:
        current = evidence
        status = PROVEN if current else MISSING
        fy_end = thai.fiscal_year_bounds(fy)[1]
        due = None if current else fy_end
        return status, current, due, []
    in_year = [e for e in evidence if e["fiscal_year"] == fy]
    older = [dict(e, stale=True) for e in evidence if e["fiscal_year"] < fy]
    rows = []
    covered = set()
    for e in in_year:
        n = _period_of(frequency, fy, kind=e["period_kind"], number=e["period"], date=e["date"])
        if frequency == Frequency.YEARLY:
            n = 1  # anything of the fiscal year proves a yearly item
        if n is not None:
            covered.add(n)
    for n, _first, last in periods(fy, frequency):
        rows.append((period_label(fy, frequency, n), n in covered, last))
    if frequency == Frequency.YEARLY:
        required = rows
    else:
        required = [r for r in rows if r[2] < today]
    gaps = [r for r in required if not r[1]]
    if not in_year and not older:
        status = MISSING
    elif in_year and not gaps:
        status = PROVEN
    else:
        status = OUT_OF_DATE
    open_rows = gaps or [r for r in rows if not r[1] and r[2] >= today]
    due = open_rows[0][2] if open_rows else None
    shown = in_year + (older[:3] if status != PROVEN else [])
    return status, shown, due, rows


def _owners(org):
    return {o.code: o for o in OITOwner.objects.for_org(org).select_related("unit", "person")}


def board(org, year, *, today=None):
    """Rows {item, status, evidence, owner, due, periods} for every item of assessment year `year`.

    Raises LookupError when there is no catalogue for `year`.
    """
    cat = catalogue.catalogue_for(year)
    if cat is None:
        raise LookupError(year)
    today = today or timezone.localdate()
    items = list(cat.items.all())
    codes = [i.code for i in items]
    fy = cat.fiscal_year
    to_provider = provider_codes(cat)
    by_provider_code = _provider_evidence(org, fy, to_provider.values())
    provided = {code: by_provider_code.get(ref, []) for code, ref in to_provider.items()}
    published = _publication_evidence(org, codes)
    owners = _owners(org)
    rows = []
    for item in items:
        evidence = provided.get(item.code, []) + published.get(item.code, [])
        status, shown, due, period_rows = _assess(item, fy, evidence, today)
        rows.append(
            {
                "item": item,
                "status": status,
                "evidence": shown,
                "owner": owners.get(item.code),
                "due": due,
                "periods": period_rows,
                "overdue": bool(due and due < today and status != PROVEN),
            }
        )
    return rows


def counts(rows):
    out = {s: 0 for s in STATUSES}
    for r in rows:
        out[r["status"]] += 1
    out["total"] = len(rows)
    return out


def score_of(rows):
    """The estimated OIT score (0–100, two decimals) of board rows; None for an empty catalogue."""
    if not rows:
        return None
    c = counts(rows)
    points = Decimal(c[PROVEN]) + Decimal(c[OUT_OF_DATE]) / 2
    return (points * 100 / len(rows)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def estimated_oit_score(org, year):
    """The estimated OIT score of org for assessment year `year` (see the module's rule)."""
    return score_of(board(org, year))
