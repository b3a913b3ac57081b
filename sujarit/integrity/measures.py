"""The integrity module's KPI measures (seed plan items 8 and 14).

Bound on import by their hints: "มีประกาศใช้ NO Gift Policy จำนวน 1 ฉบับ" (item 8) →
integrity.no_gift_announced; "...ดำเนินการตามแนวทาง NO Gift Policy จำนวนร้อยละ 100" (item 8) →
integrity.no_gift_followed; "มีประกาศใช้มาตรการป้องกันผลประโยชน์ทับซ้อน จำนวน 1 ฉบับ" (item 14) →
integrity.coi_announced. The others are offered in the KPI picker.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.figures import percent
from sujarit.core.registry import Measure

from . import queries
from .models import Announcement, CoiMatch, Declaration, Gift


def _fy(period):
    return period.fiscal_year or thai.fiscal_year_of(period.end)


def no_gift_announced(org, period):
    return Decimal(queries.announcements_of_year(org, _fy(period), Announcement.Kind.NO_GIFT).count())


def coi_announced(org, period):
    return Decimal(queries.announcements_of_year(org, _fy(period), Announcement.Kind.COI).count())


def no_gift_followed(org, period):
    """Covered people who kept no gift in the fiscal year (a gift received and not handed over)."""
    people = [p for p, _position in queries.covered_people(org)]
    if not people:
        return None
    kept = set(
        queries.gifts_of_year(org, _fy(period))
        .filter(status=Gift.Handling.RECEIVED)
        .values_list("recipient", flat=True)
    )
    kept = {" ".join(k.split()) for k in kept}
    return percent(sum(1 for p in people if " ".join(p.full_name.split()) not in kept), len(people))


def gift_reports(org, period):
    return Decimal(Gift.objects.for_org(org).filter(offered_on__range=(period.start, period.end)).count())


def declarations_filed(org, period):
    people = [p.pk for p, _position in queries.covered_people(org)]
    if not people:
        return None
    filed = (
        Declaration.objects.for_org(org)
        .filter(person_id__in=people, declared_at__date__lte=period.end)
        .count()
    )
    return percent(filed, len(people))


def confirmed_coi(org, period):
    return Decimal(
        CoiMatch.objects.for_org(org)
        .filter(status=CoiMatch.Status.CONFIRMED, decided_at__date__range=(period.start, period.end))
        .count()
    )


MEASURES = (
    Measure(
        "integrity.no_gift_announced",
        _("No Gift Policy declarations signed"),
        "count",
        no_gift_announced,
        "integrity",
        _("No Gift Policy declarations the executive signed in the fiscal year."),
        hints=(r"(?i)ประกาศ\s*ใช้\s*no\s*gift\s*policy",),
    ),
    Measure(
        "integrity.no_gift_followed",
        _("People who kept no gift"),
        "percent",
        no_gift_followed,
        "integrity",
        _(
            "Share of executives, council members and staff who kept no gift in the fiscal year (gift register)."
        ),
        hints=(r"(?i)ดำเนินการ\s*ตาม\s*แนวทาง\s*no\s*gift\s*policy",),
    ),
    Measure(
        "integrity.coi_announced",
        _("Conflict of interest measures announced"),
        "count",
        coi_announced,
        "integrity",
        _("Conflict of interest prevention measures the executive signed in the fiscal year."),
        hints=(r"ประกาศ\s*ใช้\s*มาตรการ\s*ป้องกัน\s*ผลประโยชน์\s*ทับซ้อน",),
    ),
    Measure(
        "integrity.gift_reports",
        _("Gift reports filed"),
        "count",
        gift_reports,
        "integrity",
        _("Gifts offered, received, refused or handed over recorded in the period."),
    ),
    Measure(
        "integrity.declarations_filed",
        _("Conflict of interest declarations filed"),
        "percent",
        declarations_filed,
        "integrity",
        _("Share of covered people who have filed their declaration of relatives and interests."),
    ),
    Measure(
        "integrity.confirmed_coi",
        _("Confirmed conflict of interest cases"),
        "count",
        confirmed_coi,
        "integrity",
        _("Matches a person confirmed as conflicts of interest in the period."),
    ),
)


def register(registry):
    for measure in MEASURES:
        registry.add_measure(measure)
