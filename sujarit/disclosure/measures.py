"""The disclosure module's KPI measures: the information centre of plan item 6, and the ITA score of
items 9 and 16.

Each is `func(org, period) -> Decimal | None`; None means there is nothing to measure yet.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.registry import Measure

from .models import Area, ITAResult, Publication
from .queries import infocentre as infocentre_stats


def info_channels(org, period):
    """Number of channels the information centre offers now (the list is not kept per period)."""
    return Decimal(infocentre_stats.active_channels(org).count())


def info_requests_answered_within_15(org, period):
    """Share of information requests received in the period answered within 15 days (percent)."""
    return infocentre_stats.within_share(org, period)


def info_satisfaction(org, period):
    """Share of the centre's satisfaction answers (online ratings and paper survey) that were satisfied."""
    return infocentre_stats.satisfaction_share(org, period)


def ita_score(org, period):
    """The ITA total NACC announced for the fiscal year the period ends in (the assessment year)."""
    year = period.fiscal_year or thai.fiscal_year_of(period.end)
    result = ITAResult.objects.for_org(org).filter(year=year).first()
    return result.total if result is not None else None


def transparency_publications(org, period):
    """Number of public publications of the "promoting transparency" area (anti-corruption plans,
    measures, complaint handling, integrity) dated within the period."""
    return Decimal(
        Publication.objects.for_org(org)
        .public()
        .filter(area=Area.TRANSPARENCY, publish_date__gte=period.start, publish_date__lte=period.end)
        .count()
    )


def areas_disclosed(org, period):
    """How many of the five disclosure areas have at least one public publication dated in the period."""
    return Decimal(
        Publication.objects.for_org(org)
        .public()
        .filter(publish_date__gte=period.start, publish_date__lte=period.end)
        .values("area")
        .distinct()
        .count()
    )


MEASURES = (
    Measure(
        "disclosure.ita_score",
        _("ITA score"),
        "score",
        ita_score,
        "disclosure",
        _(
            "The organization's total ITA score of the assessment year, as NACC announced it and the ITA "
            "readiness page keeps it (pass mark 85)."
        ),
        # Items 9 and 16: "…มีผลการประเมิน ITA ผ่านเกณฑ์การประเมิน (85 คะแนนขึ้นไป)"
        hints=(r"ผลการประเมิน\s*ITA",),
    ),
    Measure(
        "disclosure.info_channels",
        _("Information channels offered"),
        "count",
        info_channels,
        "disclosure",
        _(
            "Number of channels the information centre offers now for asking and getting information "
            "(phone, walk-in, website, social media, Q&A board …), as listed on its public page."
        ),
        # Item 6: "มีจำนวนช่องทางการประชาสัมพันธ์ อย่างน้อย 5 ช่องทาง"
        hints=(r"จำนวนช่องทางการประชาสัมพันธ์",),
    ),
    Measure(
        "disclosure.info_requests_answered_within_15",
        _("Information requests answered within 15 days"),
        "percent",
        info_requests_answered_within_15,
        "disclosure",
        _(
            "Share of requests for official information received in the period answered within 15 days; "
            "open requests not yet 15 days old are not counted."
        ),
        hints=(r"(ขอ|คำขอ)\s*ข้อมูลข่าวสาร.*15\s*วัน",),
    ),
    Measure(
        "disclosure.info_satisfaction",
        _("Satisfaction with the information centre"),
        "percent",
        info_satisfaction,
        "disclosure",
        _(
            "Share of satisfied answers (4 or 5 of 5 online, satisfied on the paper survey) about the "
            "information centre in the fiscal years of the period."
        ),
        # Item 6: "ประชาชนมีความพึงพอใจต่อการใช้บริการศูนย์ข้อมูลข่าวสารไม่ต่ำกว่าร้อยละ 80"
        hints=(r"พึงพอใจ.*ศูนย์ข้อมูลข่าวสาร",),
    ),
    Measure(
        "disclosure.transparency_publications",
        _("Anti-corruption information published"),
        "count",
        transparency_publications,
        "disclosure",
        _(
            "Number of publications of the portal's “promoting transparency” area (anti-corruption plan "
            "and measures, complaint handling, integrity) public now and dated within the period."
        ),
        # Item 2: "มีการเผยแพร่ข้อมูล/องค์ความรู้ด้านการต่อต้านการทุจริตจำนวนอย่างน้อย 5 เรื่องขึ้นไป"
        hints=(r"เผยแพร่ข้อมูล.*ต่อต้านการทุจริต.*เรื่อง",),
    ),
    Measure(
        "disclosure.areas_disclosed",
        _("Disclosure areas with publications"),
        "count",
        areas_disclosed,
        "disclosure",
        _(
            "How many of the five disclosure areas (basic information, administration, budget and "
            "procurement, human resources, promoting transparency) have a public publication dated within "
            "the period."
        ),
        # Item 7: "มีการเปิดเผยข้อมูลสาธารณะ … ใน 5 ประเด็น ดังนี้ - ข้อมูลพื้นฐาน - การบริหารงาน …"
        hints=(r"เปิดเผยข้อมูลสาธารณะ.*5\s*ประเด็น",),
    ),
)


def register(registry):
    for measure in MEASURES:
        registry.add_measure(measure)
