"""The OIT catalogue: NACC's disclosure items, kept as data per assessment year (2566: 43, 2567: 33).

Loaded from data/oit_<year>.json; a platform operator (never an organization's administrator)
imports and exports a year as JSON or CSV (`manage.py disclosure catalogue import|export`, or the
platform catalogue page), corrects items, and adds a new year. Format: docs/ARCHITECTURE.md.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet, Person, Unit


class Area(models.TextChoices):
    """The five disclosure areas of ITA indicator 9, as the seed plan names them."""

    BASIC = "basic", _("Basic information")
    ADMINISTRATION = "administration", _("Administration")
    BUDGET = "budget", _("Budget and procurement")
    HR = "hr", _("Human resources")
    TRANSPARENCY = "transparency", _("Promoting transparency")


class Frequency(models.TextChoices):
    STANDING = "standing", _("Kept current (no fixed period)")
    YEARLY = "yearly", _("Once in the fiscal year")
    HALF_YEARLY = "half_yearly", _("Every 6 months")
    QUARTERLY = "quarterly", _("Every quarter")
    MONTHLY = "monthly", _("Every month")


class OITYear(models.Model):
    """One assessment year's catalogue; `fiscal_year` is the fiscal year whose disclosures it assesses."""

    year = models.PositiveSmallIntegerField(_("assessment year (B.E.)"), unique=True)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year assessed (B.E.)"))
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return self.title


class OITItem(models.Model):
    catalogue = models.ForeignKey(OITYear, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=10)  # O1 … O33
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    requirement = models.TextField(_("what it requires"), blank=True)
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices)
    previous_code = models.CharField(_("code in the previous catalogue"), max_length=10, blank=True)
    # The stable subjects the item is about (keys of core/data/oit_topics.json): providers' evidence
    # reaches the item through them, whatever its code this year. An item merging two subjects
    # (2568 O3: contact and Q&A) is proven only when each one is.
    topics = models.JSONField(_("topics"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        ordering = ["catalogue", "order"]
        constraints = [models.UniqueConstraint(fields=["catalogue", "code"], name="oititem_unique_code")]

    def __str__(self):
        return f"{self.code} {self.title}"


class OITOwner(models.Model):
    """Who in an organization owns an OIT item (by code, so it carries over to the next catalogue)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="oit_owners")
    code = models.CharField(max_length=10)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrgQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org", "code"], name="oitowner_unique")]


class Grade(models.TextChoices):
    AA = "AA", "AA"
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"
    E = "E", "E"
    F = "F", "F"


class ITAResult(models.Model):
    """The organization's past ITA result of one assessment year, as NACC announced it."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="ita_results")
    year = models.PositiveSmallIntegerField(_("assessment year (B.E.)"))
    iit = models.DecimalField(_("IIT"), max_digits=5, decimal_places=2, null=True, blank=True)
    eit = models.DecimalField(_("EIT"), max_digits=5, decimal_places=2, null=True, blank=True)
    oit = models.DecimalField(_("OIT"), max_digits=5, decimal_places=2, null=True, blank=True)
    total = models.DecimalField(_("total score"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("grade"), max_length=2, choices=Grade.choices, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["org", "-year"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="itaresult_unique_year")]
