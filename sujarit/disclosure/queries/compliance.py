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
- incomplete: evidence in time, but the item's requirement is not met: a provider says what its data
  still lacks (executives without photo or contact; contact without phone or e-mail), or an item of
  several topics (2568 O3: contact and Q&A) has evidence of only some. A publication tagged with the
  item's code is a person's statement that the item is met, so it covers every topic.
- late: the only evidence of the year is dated after the fiscal year ended (an assessor of that year
  could not have seen it). Evidence for a later fiscal year never counts for an earlier one.
- missing: no evidence at all.

Evidence reaches an item through its topics (core/data/oit_topics.json): providers name topics, each
year's catalogue maps its codes to topics, so one provider proves 2567 O23 and 2568 O19.

The estimated OIT score gives every item the same weight: proven 1, out of date and incomplete ½ (a
partial series or a page short of a detail is what assessors most often mark down rather than zero),
late and missing 0; × 100. NACC's own scoring is
per item and by assessor judgement; this is an estimate, not their formula.
"""

import datetime as dt
import logging
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.registry import oit_topics, registry

from ..models import Frequency, OITOwner, PeriodKind, PublicationTag
from ..services import catalogue
from . import publications

log = logging.getLogger(__name__)

PROVEN, OUT_OF_DATE, INCOMPLETE, LATE, MISSING = "proven", "out_of_date", "incomplete", "late", "missing"
STATUSES = (PROVEN, OUT_OF_DATE, INCOMPLETE, LATE, MISSING)
POINTS = {PROVEN: Decimal(1), OUT_OF_DATE: Decimal("0.5"), INCOMPLETE: Decimal("0.5")}
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


def _provider_evidence(org, fy, topics):
    """{topic: [evidence]} from every registered OIT provider that offers one of topics."""
    out = defaultdict(list)
    seen = set()
    wanted = set(topics)
    for provider in registry.oit_providers.values():
        offered = wanted & set(provider.topics)
        if not offered:
            continue
        try:
            found = provider.func(org, fy) or []
        except Exception:  # one module's failure must not take the whole board down
            log.exception("OIT provider %s failed", provider.key)
            continue
        for ev in found:
            topic = ev.get("topic")
            if topic not in offered or (topic, ev.get("url"), ev.get("title")) in seen:
                continue
            seen.add((topic, ev.get("url"), ev.get("title")))
            out[topic].append(
                {
                    "title": str(ev.get("title", "")),
                    "url": ev.get("url", ""),
                    "date": ev.get("date"),
                    "source": provider.key,
                    "topic": topic,
                    "fiscal_year": ev.get("fiscal_year") or fy,
                    "period_kind": ev.get("period_kind", ""),
                    "period": ev.get("period"),
                    "missing": [str(m) for m in ev.get("missing") or []],
                }
            )
    return out


# --- the board -----------------------------------------------------------------------------------


def _day(date):
    if isinstance(date, dt.datetime):
        return timezone.localtime(date).date() if timezone.is_aware(date) else date.date()
    return date


def _in_time(e, fy_end):
    return e["date"] is None or _day(e["date"]) <= fy_end


def _unmet(item, on_time):
    """What the item's requirement still lacks given the evidence in time ([] when met)."""
    if any(e["source"] == "publication" for e in on_time):
        return []
    labels = oit_topics()
    gaps = []
    for topic in item.topics or []:
        found = [e for e in on_time if e.get("topic") == topic]
        if not found:
            gaps.append(_("No evidence of “%(topic)s”") % {"topic": labels.get(topic, topic)})
        elif all(e.get("missing") for e in found):
            gaps.extend(m for m in found[0]["missing"] if m not in gaps)
    return gaps


def _assess(item, fy, evidence, today):
    """(status, evidence shown, due date, [(label, covered, last day)], [what is missing]) of one item."""
    frequency = item.frequency
    fy_end = thai.fiscal_year_bounds(fy)[1]
    if frequency == Frequency.STANDING:
        counted = [e for e in evidence if not e.get("fiscal_year") or e["fiscal_year"] <= fy]
        on_time = [e for e in counted if _in_time(e, fy_end)]
        late = [dict(e, late=True) for e in counted if not _in_time(e, fy_end)]
        if on_time:
            gaps = _unmet(item, on_time)
            return (INCOMPLETE if gaps else PROVEN), on_time, (fy_end if gaps else None), [], gaps
        if late:
            return LATE, late, fy_end, [], []
        return MISSING, [], fy_end, [], []
    in_year = [e for e in evidence if e["fiscal_year"] == fy]
    on_time = [e for e in in_year if _in_time(e, fy_end)]
    late = [dict(e, late=True) for e in in_year if not _in_time(e, fy_end)]
    older = [dict(e, stale=True) for e in evidence if e["fiscal_year"] and e["fiscal_year"] < fy]
    rows = []
    covered = set()
    for e in on_time:
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
    unmet = []
    if not on_time and late:
        status = LATE
    elif not on_time and not older:
        status = MISSING
    elif on_time and not gaps:
        unmet = _unmet(item, on_time)
        status = INCOMPLETE if unmet else PROVEN
    else:
        status = OUT_OF_DATE
    open_rows = gaps or [r for r in rows if not r[1] and r[2] >= today]
    due = open_rows[0][2] if open_rows else (fy_end if unmet else None)
    shown = on_time + late + (older[:3] if status != PROVEN else [])
    return status, shown, due, rows, unmet


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
    by_topic = _provider_evidence(org, fy, {t for i in items for t in (i.topics or [])})
    published = _publication_evidence(org, codes)
    owners = _owners(org)
    rows = []
    for item in items:
        evidence = [e for t in item.topics or [] for e in by_topic.get(t, [])] + published.get(item.code, [])
        status, shown, due, period_rows, unmet = _assess(item, fy, evidence, today)
        rows.append(
            {
                "item": item,
                "status": status,
                "evidence": shown,
                "owner": owners.get(item.code),
                "due": due,
                "periods": period_rows,
                "unmet": unmet,
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
    points = sum((POINTS.get(r["status"], Decimal(0)) for r in rows), Decimal(0))
    return (points * 100 / len(rows)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def estimated_oit_score(org, year):
    """The estimated OIT score of org for assessment year `year` (see the module's rule)."""
    return score_of(board(org, year))
