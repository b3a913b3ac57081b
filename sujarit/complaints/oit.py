"""OIT evidence the complaint module's own data proves (by topic; 2567 codes for orientation, domain/ita-oit.md).

O21 แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ — the published corruption manual.
O22 ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ — the protected online channel, once an integrity
officer holds a key (before that the channel accepts nothing).
O23 ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบประจำปี — the fiscal year's statistics page.
"""

from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Role
from sujarit.core.periods import Period
from sujarit.core.registry import OITProvider

from .models import Case, ComplaintPolicy, Kind, OfficerKey


def _started(fiscal_year):
    return Period.for_fiscal_year(fiscal_year).has_started


def manual_evidence(org, fiscal_year):
    """O21: the corruption complaint manual, dated by the last change of the settings it is built from."""
    policy = ComplaintPolicy.objects.filter(org=org).first()
    if policy is None or not _started(fiscal_year):
        return []
    return [
        {
            "topic": "complaint manual",
            "title": "คู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
            "url": reverse("complaints:integrity_manual", kwargs={"org_slug": org.slug}),
            "date": timezone.localdate(policy.updated_at) if policy.updated_at else None,
        }
    ]


def channel_evidence(org, fiscal_year):
    """O22: the corruption channel's page, dated when the first integrity officer's key made it ready."""
    first = OfficerKey.objects.filter(
        person__org=org, person__active=True, person__grants__role=Role.INTEGRITY_OFFICER
    ).aggregate(first=Min("created_at"))["first"]
    if first is None or not _started(fiscal_year):
        return []
    return [
        {
            "topic": "complaint channel",
            "title": "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
            "url": reverse("complaints:integrity_report", kwargs={"org_slug": org.slug}),
            "date": timezone.localdate(first),
        }
    ]


def stats_evidence(org, fiscal_year):
    """O23: the year's corruption complaint statistics; dated today for the running year, else by its last case."""
    period = Period.for_fiscal_year(fiscal_year)
    if not period.has_started:
        return []
    today = timezone.localdate()
    if today <= period.end:
        date = today
    else:
        start, end = period.datetime_bounds()
        last = (
            Case.objects.for_org(org)
            .counted()
            .filter(kind=Kind.INTEGRITY, received_at__gte=start, received_at__lt=end)
            .aggregate(last=Max("received_at"))["last"]
        )
        date = timezone.localdate(last) if last else period.end
    url = reverse("complaints:integrity_stats", kwargs={"org_slug": org.slug})
    return [
        {
            "topic": "complaint statistics",
            "title": f"ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. {fiscal_year}",
            "url": f"{url}?year={fiscal_year}",
            "date": date,
        }
    ]


def register(registry):
    registry.add_oit_provider(
        OITProvider(
            "complaints.manual",
            ("complaint manual",),
            _("Corruption complaint handling manual"),
            manual_evidence,
            "complaints",
        )
    )
    registry.add_oit_provider(
        OITProvider(
            "complaints.channel",
            ("complaint channel",),
            _("Corruption complaint channel"),
            channel_evidence,
            "complaints",
        )
    )
    registry.add_oit_provider(
        OITProvider(
            "complaints.stats",
            ("complaint statistics",),
            _("Corruption complaint statistics"),
            stats_evidence,
            "complaints",
        )
    )
