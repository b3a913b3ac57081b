"""OIT evidence from the integrity module, by topic (2567 codes for orientation): O25 ประกาศเจตนารมณ์นโยบาย No Gift Policy — the declaration the executive signed in the
fiscal year; O26 การสร้างวัฒนธรรม No Gift Policy — the culture activities held; O27 รายงานผลตามนโยบาย
No Gift Policy — the yearly report (gifts received, refused, handed over), once the year has a declaration."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import OITProvider

from . import queries
from .models import Announcement


def _report_url(org, fy):
    return reverse("integrity:no_gift", kwargs={"org_slug": org.slug}) + f"?year={fy}"


def declaration_evidence(org, fiscal_year):
    return [
        {
            "topic": "no gift declaration",
            "title": a.title,
            "url": reverse("integrity:announcement", kwargs={"org_slug": org.slug, "pk": a.pk}),
            "date": a.signed_on,
        }
        for a in queries.announcements_of_year(org, fiscal_year, Announcement.Kind.NO_GIFT)
    ]


def culture_evidence(org, fiscal_year):
    return [
        {
            "topic": "no gift culture",
            "title": a.title,
            "url": _report_url(org, fiscal_year) + "#activities",
            "date": a.held_on,
        }
        for a in queries.activities_of_year(org, fiscal_year)
    ]


def report_evidence(org, fiscal_year):
    declaration = queries.announcements_of_year(org, fiscal_year, Announcement.Kind.NO_GIFT).first()
    if declaration is None:
        return []
    last = (
        queries.gifts_of_year(org, fiscal_year)
        .order_by("-offered_on")
        .values_list("offered_on", flat=True)
        .first()
    )
    return [
        {
            "topic": "no gift report",
            "title": f"รายงานผลตามนโยบาย No Gift Policy ปีงบประมาณ พ.ศ. {fiscal_year}",
            "url": _report_url(org, fiscal_year),
            "date": max(filter(None, [last, declaration.signed_on])),
        }
    ]


def register(registry):
    for provider in (
        OITProvider(
            "integrity.no_gift_declaration",
            ("no gift declaration",),
            _("No Gift Policy declaration"),
            declaration_evidence,
            "integrity",
        ),
        OITProvider(
            "integrity.no_gift_culture",
            ("no gift culture",),
            _("No Gift culture activities"),
            culture_evidence,
            "integrity",
        ),
        OITProvider(
            "integrity.no_gift_report",
            ("no gift report",),
            _("No Gift Policy yearly report"),
            report_evidence,
            "integrity",
        ),
    ):
        registry.add_oit_provider(provider)
