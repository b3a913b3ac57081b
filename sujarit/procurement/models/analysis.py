"""The annual procurement analysis (plan item 13): the officer's own text on the year, its publication
and the channels it was published through. The figures are computed from the records (analysis.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet


class Channel(models.TextChoices):
    """Where the analysis reached the public; the website is the system's own page, counted on publishing."""

    WEBSITE = "website", _("The organization's website")
    NOTICE_BOARD = "notice_board", _("Notice board")
    FACEBOOK = "facebook", _("Facebook page")
    LINE = "line", _("LINE official account")
    BROADCAST = "broadcast", _("Village broadcast tower")
    MEETING = "meeting", _("Community meeting")
    DOCUMENT = "document", _("Printed copies")
    OTHER = "other", _("Other channel")


class AnnualAnalysis(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    problems = models.TextField(_("problems found"), blank=True)
    improvements = models.TextField(_("improvements for next year"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "fiscal_year"], name="procurement_analysis_unique")
        ]

    def __str__(self):
        return f"{self.org_id}:{self.fiscal_year}"


class AnalysisChannel(models.Model):
    analysis = models.ForeignKey(AnnualAnalysis, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    published_on = models.DateField(_("published on"))
    note = models.CharField(_("where, or a link"), max_length=300, blank=True)

    class Meta:
        ordering = ["published_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["analysis", "channel"], name="procurement_analysis_channel_unique"
            )
        ]
