"""Civic registers: honours (plan items 3–5), community forums by village (item 18) and the
anti-corruption watchdog network (items 20, 21)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet


class Honour(models.Model):
    class Category(models.TextChoices):
        INTEGRITY = "integrity", _("Role model of integrity")
        COMMUNITY_COMMITTEE = "community_committee", _("Community committee member")
        PUBLIC_BENEFIT = "public_benefit", _("Public benefit")

    class Recipient(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANIZATION = "organization", _("Organization")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("honoured"), max_length=300)
    recipient = models.CharField(_("recipient"), max_length=12, choices=Recipient.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    reason = models.TextField(_("reason"), blank=True)
    awarded_on = models.DateField(_("awarded on"))

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on", "pk"]

    def __str__(self):
        return self.name


class Village(models.Model):
    """A village (หมู่) of the organization's area and its population, against which forums count."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(_("village number"))
    name = models.CharField(_("village name"), max_length=200)
    population = models.PositiveIntegerField(_("population"))

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["org", "number"], name="registers_village_unique")]

    def __str__(self):
        return f"หมู่ที่ {self.number} {self.name}"


class Forum(models.Model):
    """A community forum (เวทีประชาคม) held in one village."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="forums")
    held_on = models.DateField(_("held on"))
    attendees = models.PositiveIntegerField(_("attendees"))
    issues = models.TextField(_("issues raised"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "pk"]


class Network(models.Model):
    """A watchdog community or an anti-corruption network the organization works with."""

    class Kind(models.TextChoices):
        WATCHDOG = "watchdog", _("Watchdog community")
        NETWORK = "network", _("Cooperation network")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    founded_on = models.DateField(_("founded on"))
    members = models.PositiveIntegerField(_("members"), default=0)
    activities = models.TextField(_("activities"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-founded_on", "pk"]

    def __str__(self):
        return self.name
