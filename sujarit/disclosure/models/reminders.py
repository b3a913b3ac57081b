"""What the OIT reminder job has sent: one row per item, assessment year and due date (so never twice)."""

from django.db import models

from sujarit.core.models import Organization, OrgQuerySet


class OITReminder(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()  # assessment year
    code = models.CharField(max_length=10)
    due = models.DateField()  # the end of the period the reminder is about
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "code", "due"], name="oitreminder_unique_period")
        ]
