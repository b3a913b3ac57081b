"""How an organization handles complaints: deadlines, reminders, retention, categories, holidays.

The published manuals (OIT O21) are generated from these rows, so they never drift from what the
software does.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet, Unit


class Kind(models.TextChoices):
    GENERAL = "general", _("General grievance")
    INTEGRITY = "integrity", _("Corruption or misconduct")


class DayCount(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", _("Working days (Monday–Friday, holidays excluded)")


class OfficerDisplay(models.TextChoices):
    """How a reporter sees each integrity officer in the list of who will receive the report."""

    NAME_UNIT = "name_unit", _("Name and unit")
    NAME = "name", _("Name only")
    UNIT = "unit", _("Unit only")


def _new_salt():
    return secrets.token_bytes(16)


class ComplaintPolicy(models.Model):
    """One per organization; created with defaults the first time it is needed (policy_for)."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="complaint_policy")
    due_days = models.PositiveSmallIntegerField(_("days to act or explain"), default=15)
    day_count = models.CharField(
        _("how days are counted"), max_length=10, choices=DayCount.choices, default=DayCount.CALENDAR
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind officers this many days before"), default=3
    )
    retention_days_general = models.PositiveIntegerField(
        _("keep general complainants' personal data this many days after closing"), default=365
    )
    retention_days_integrity = models.PositiveIntegerField(
        _("keep corruption reports' protected content this many days after closing"), default=1825
    )
    general_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit running the complaint centre"),
    )
    integrity_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit handling corruption complaints"),
    )
    officer_display = models.CharField(
        _("how reporters see the integrity officers who would receive their report"),
        max_length=10,
        choices=OfficerDisplay.choices,
        default=OfficerDisplay.NAME_UNIT,
    )
    phone = models.CharField(_("complaint phone line"), max_length=100, blank=True)
    email = models.EmailField(_("complaint e-mail"), blank=True)
    # The plan's goal "corruption cases down 5 % … 25 % against 2565" needs the baseline year's count,
    # which predates the platform: entered once here.
    baseline_year = models.PositiveSmallIntegerField(_("baseline fiscal year (B.E.)"), default=2565)
    baseline_integrity_cases = models.PositiveIntegerField(
        _("corruption complaints in the baseline year"), null=True, blank=True
    )
    # Salt of the receipt KDF: receipts are looked up by a deterministic slow hash (GlobaLeaks).
    receipt_salt = models.BinaryField(default=_new_salt, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()


class Topic(models.TextChoices):
    """What a category is about, as the plan's KPIs count it ("complaints about procurement down")."""

    NONE = "", _("Other matters")
    PERSONNEL = "personnel", _("Personnel management")
    SALARY_PROMOTION = "salary_promotion", _("Salary promotion")
    PROCUREMENT = "procurement", _("Procurement")
    BRIBERY = "bribery", _("Bribes and gifts")


class Category(models.Model):
    """What a complaint is about; routes a general complaint to its unit (Open311 service)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="complaint_categories")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.GENERAL)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaint_categories",
        verbose_name=_("responsible unit"),
    )
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Counted by the plan's "complaints about … down year on year" measures (complaints.measures).
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, blank=True, default="")

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["org", "kind", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "code"], name="complaint_category_code")]

    def __str__(self):
        return self.name


class Holiday(models.Model):
    """A day off for working-day deadlines; org=None rows are national holidays shared by all."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["org", "date"], name="holiday_unique_day")]

    def __str__(self):
        return f"{self.date} {self.name}"
