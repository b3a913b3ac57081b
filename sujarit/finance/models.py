"""The budget ordinance (ข้อบัญญัติงบประมาณรายจ่ายประจำปี) as lines per fiscal year, transfers between
lines (โอนงบประมาณ), disbursements against the lines and a second officer's cross-check of each
(plan item 12, "สอบยันความถูกต้อง (Cross Check)")."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet

ZERO = Decimal(0)


class BudgetLine(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    code = models.CharField(_("line code"), max_length=40, blank=True)
    plan = models.CharField(_("plan (แผนงาน)"), max_length=200)
    work = models.CharField(_("work (งาน)"), max_length=200)
    category = models.CharField(_("category (หมวด)"), max_length=200)
    item = models.CharField(_("item (รายการ)"), max_length=300)
    amount = models.DecimalField(_("amount in the ordinance (baht)"), max_digits=16, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "work", "category", "item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "fiscal_year", "plan", "work", "category", "item"], name="finance_line_unique"
            )
        ]

    def __str__(self):
        return f"{self.plan} / {self.work} / {self.category} / {self.item}"

    def figures(self, until=None):
        """(transfers in, transfers out, current amount, disbursed) up to `until` (a date) or all."""
        transfers = Transfer.objects.filter(org_id=self.org_id)
        disbursed = self.disbursements.all()
        if until is not None:
            transfers, disbursed = transfers.filter(on__lte=until), disbursed.filter(on__lte=until)
        t = transfers.aggregate(
            tin=Sum("amount", filter=Q(target=self)), tout=Sum("amount", filter=Q(source=self))
        )
        tin, tout = t["tin"] or ZERO, t["tout"] or ZERO
        spent = disbursed.aggregate(s=Sum("amount"))["s"] or ZERO
        return tin, tout, self.amount + tin - tout, spent


class Transfer(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="transfers_out")
    target = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="transfers_in")
    amount = models.DecimalField(_("amount (baht)"), max_digits=16, decimal_places=2)
    on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]


class CheckResult(models.TextChoices):
    CORRECT = "correct", _("Correct")
    ERROR = "error", _("Error found")


class Disbursement(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="disbursements")
    voucher = models.CharField(_("voucher number (ฎีกา)"), max_length=60)
    on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (baht)"), max_digits=16, decimal_places=2)
    payee = models.CharField(_("payee"), max_length=300)
    description = models.CharField(_("what was paid for"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    check_result = models.CharField(
        _("cross-check result"), max_length=10, choices=CheckResult.choices, blank=True
    )
    check_note = models.CharField(_("cross-check note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["org", "voucher"], name="finance_voucher_unique")]

    def __str__(self):
        return self.voucher


class MonitoringMeeting(models.Model):
    """A meeting that followed the budget's spending (item 12: at least one a quarter)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    on = models.DateField(_("date"))
    title = models.CharField(_("meeting"), max_length=300)
    attendees = models.PositiveIntegerField(_("attendees"))
    summary = models.TextField(_("what was followed and decided"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
