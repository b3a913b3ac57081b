"""Supervisors and the snapshots they read.

A Supervisor is an account that watches many organizations at once — a NACC regional office, a
province's local-administration office (สถ.จ.), a district office (อำเภอ), the national office — within
one scope. It holds no role in any organization, so no staff page opens to it.

A Snapshot is one organization's oversight figures for one fiscal year, computed from every module's
`OversightFigure`s; pages read snapshots, never the modules' tables (services.snapshots).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization


class ScopeKind(models.TextChoices):
    COUNTRY = "country", _("The whole country")
    REGION = "region", _("A NACC region")
    PROVINCE = "province", _("A province")
    DISTRICT = "district", _("A district")


class Supervisor(models.Model):
    """Granted and withdrawn only by platform operators (services.grant / withdraw), audited."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisor")
    full_name = models.CharField(_("full name"), max_length=200)
    office = models.CharField(_("office"), max_length=200, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=ScopeKind.choices)
    region = models.PositiveSmallIntegerField(_("NACC region"), null=True, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scope", "region", "province", "district", "full_name"]


class Snapshot(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    values = models.JSONField(default=dict)  # figure key -> number or None
    computed_at = models.DateTimeField()
    # Set by a change to one of the figures' source models: the next reading recomputes it.
    dirty = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "fiscal_year"], name="snapshot_unique_year")]
        indexes = [models.Index(fields=["fiscal_year", "dirty"])]
