"""Progress on the plan: an item's report per fiscal year and round, and the KPI values it states."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Attachment, Organization, OrgQuerySet

from .plan import KPI, Item


class Round(models.IntegerChoices):
    SIX = 6, _("6 months")
    TWELVE = 12, _("12 months")


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANNOT_DO = "cannot_do", _("Cannot be carried out")


class CannotDoReason(models.TextChoices):
    """Why an item cannot be carried out: E-PlanNACC's list, in its order."""

    NO_BUDGET = "no_budget", _("No budget allocated")
    POLICY_CHANGED = "policy_changed", _("The executive's policy changed")
    NOT_ENOUGH_STAFF = "not_enough_staff", _("Not enough staff")
    OTHER = "other", _("Other")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


class ProgressReport(models.Model):
    """An item's progress in one fiscal year and round; the unit submits, the coordinator approves."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reports")
    fiscal_year = models.PositiveSmallIntegerField()
    round = models.PositiveSmallIntegerField(choices=Round.choices)
    status = models.CharField(max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED)
    percent_done = models.PositiveSmallIntegerField(default=0)
    spent = models.DecimalField(max_digits=14, decimal_places=2, default=0)  # E-PlanNACC: disbursed
    # E-PlanNACC's progress fields: the amount in the budget ordinance (ข้อบัญญัติ/เทศบัญญัติ), whether the
    # item is in the ordinance or operation plan, and for "cannot be carried out" the reason and its text.
    ordinance_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    in_ordinance = models.BooleanField(null=True, blank=True)
    reason = models.CharField(max_length=20, choices=CannotDoReason.choices, blank=True)
    reason_text = models.TextField(blank=True)
    remark = models.TextField(blank=True)
    work_done = models.TextField(blank=True)
    problems = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    # What the activity was: when it took place, who took part, and where it was published.
    activity_start = models.DateField(null=True, blank=True)
    activity_end = models.DateField(null=True, blank=True)
    participants = models.PositiveIntegerField(null=True, blank=True)
    participant_groups = models.TextField(blank=True)  # e.g. "ประชาชน 40 คน, พนักงาน 12 คน"
    published_url = models.URLField(max_length=500, blank=True)
    # Written after the round's due date had passed, e.g. by an organization that started with Sujarit
    # in the middle of its cycle: shown as such in public and in the reports.
    entered_afterwards = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    # Public once the report is approved (the upload form says so).
    evidence = models.ManyToManyField(Attachment, blank=True, related_name="+")
    # Never public (attendance sheets, ID card copies: personal data under the PDPA); staff only.
    internal_evidence = models.ManyToManyField(Attachment, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["item", "fiscal_year", "round"]
        constraints = [
            models.UniqueConstraint(fields=["item", "fiscal_year", "round"], name="report_unique_round"),
            models.CheckConstraint(condition=models.Q(percent_done__lte=100), name="report_percent_max_100"),
        ]


class KPIResult(models.Model):
    """A KPI's achieved value as reported in a progress report."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="kpi_results")
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="results")
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "kpi"], name="kpiresult_unique")]
