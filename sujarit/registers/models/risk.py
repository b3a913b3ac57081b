"""The fraud-risk register of a fiscal year (plan item 23; OIT O28/O29): work processes, risk events
rated likelihood × impact (1–5), banded into levels, and the treatments that answer them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sujarit.core.models import Organization, OrgQuerySet


class Level(models.TextChoices):
    LOW = "low", pgettext_lazy("risk level", "Low")
    MEDIUM = "medium", pgettext_lazy("risk level", "Medium")
    HIGH = "high", pgettext_lazy("risk level", "High")
    VERY_HIGH = "very_high", pgettext_lazy("risk level", "Very high")


# Highest score (likelihood × impact) of each level; common Thai public-sector practice
# (domain/controls-and-thai.md). An organization's deployment may set SUJARIT_RISK_BANDS.
DEFAULT_BANDS = ((3, Level.LOW), (8, Level.MEDIUM), (14, Level.HIGH), (25, Level.VERY_HIGH))


def level_of(score):
    """The level whose band holds score (1–25)."""
    for top, level in getattr(settings, "SUJARIT_RISK_BANDS", DEFAULT_BANDS):
        if score <= top:
            return Level(level)
    return Level.VERY_HIGH


class RiskAssessment(models.Model):
    """One yearly assessment: the fraud-risk assessment, or the bribery-risk one ITA 2568 asks for."""

    class Kind(models.TextChoices):
        FRAUD = "fraud", _("Fraud risk assessment")
        BRIBERY = "bribery", _("Bribery risk assessment")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FRAUD)
    title = models.CharField(_("title"), max_length=300)
    published_on = models.DateField(null=True, blank=True)
    # Where the result was published, one per line (website, notice board …): item 23 counts them.
    channels = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["org", "fiscal_year", "kind"], name="registers_assessment_unique")
        ]

    def __str__(self):
        return self.title

    @property
    def channel_list(self):
        return [line.strip() for line in self.channels.splitlines() if line.strip()]


class Risk(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="risks")
    process = models.CharField(_("work process"), max_length=300)
    event = models.TextField(_("risk event"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"))
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"))
    existing_controls = models.TextField(_("existing controls"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    # Where the row came from when not typed in: "plan:<first>-<last>:<row>" for Part 1 of the plan,
    # so importing the plan again adds nothing twice.
    source = models.CharField(max_length=60, blank=True, default="")

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "source"],
                condition=~models.Q(source=""),
                name="registers_risk_source_unique",
            )
        ]

    def __str__(self):
        return self.process

    @property
    def score(self):
        return self.likelihood * self.impact

    @property
    def level(self):
        return level_of(self.score)


class Treatment(models.Model):
    """A measure answering one risk, with its owner, due date and progress."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("treatment", "Planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("treatment", "In progress")
        DONE = "done", pgettext_lazy("treatment", "Done")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="treatments")
    measure = models.TextField(_("treatment measure"))
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    # The plan item the measure carries out, by number (the plan module is not imported).
    plan_item = models.PositiveSmallIntegerField(_("plan item number"), null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.measure[:80]
