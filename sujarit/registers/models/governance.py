"""Governance registers: delegation orders (plan item 17) and trainings (items 1, 2, 24, 25)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet


class DelegationOrder(models.Model):
    """An order by which the executive or the permanent secretary delegates powers to someone."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    number = models.CharField(_("order number"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    delegator = models.CharField(_("delegated by"), max_length=200)
    delegate = models.CharField(_("delegated to"), max_length=200)
    powers = models.TextField(_("powers delegated"))
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from", "pk"]

    def __str__(self):
        return f"{self.number} {self.title}"


class Training(models.Model):
    """A training session with its participants by group: who was expected and who came."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    topic = models.TextField(_("topics"), blank=True)
    held_on = models.DateField(_("held on"))
    plan_item = models.PositiveSmallIntegerField(_("plan item number"), null=True, blank=True)
    executives_expected = models.PositiveSmallIntegerField(_("executives expected"), default=0)
    executives_attended = models.PositiveSmallIntegerField(_("executives attended"), default=0)
    council_expected = models.PositiveSmallIntegerField(_("council members expected"), default=0)
    council_attended = models.PositiveSmallIntegerField(_("council members attended"), default=0)
    staff_expected = models.PositiveSmallIntegerField(_("staff expected"), default=0)
    staff_attended = models.PositiveSmallIntegerField(_("staff attended"), default=0)

    objects = OrgQuerySet.as_manager()

    GROUPS = ("executives", "council", "staff")

    class Meta:
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def expected(self):
        return self.executives_expected + self.council_expected + self.staff_expected

    @property
    def attended(self):
        return self.executives_attended + self.council_attended + self.staff_attended
