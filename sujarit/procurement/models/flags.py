"""An officer's review of a red flag. Flags are computed from the records (redflags.py) whenever they
are read; only the human outcome is stored, keyed by the flag's code and its stable key."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet


class Outcome(models.TextChoices):
    EXPLAINED = "explained", _("Explained: no irregularity")
    FALSE_POSITIVE = "false_positive", _("Wrong: the data was mistaken")
    REFERRED = "referred", _("Referred for investigation")


class FlagReview(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    fiscal_year = models.PositiveSmallIntegerField()
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    reviewed_at = models.DateTimeField()

    objects = OrgQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "code", "key"], name="procurement_review_unique")
        ]
