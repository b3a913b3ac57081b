"""Procurement projects (โครงการจัดซื้อจัดจ้าง), their bids, and the files imported into them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet, Unit

from .vendors import Vendor


class Method(models.TextChoices):
    """Methods of the 2560 Procurement Act; the Thai name as published is kept in `method_detail`."""

    E_BIDDING = "e_bidding", _("e-bidding")
    E_MARKET = "e_market", _("e-market")
    SELECTION = "selection", _("Selection (คัดเลือก)")
    SPECIFIC = "specific", _("Specific method (เฉพาะเจาะจง)")
    OTHER = "other", _("Other")


COMPETITIVE = (Method.E_BIDDING, Method.E_MARKET, Method.SELECTION)
THAI_METHOD = {
    Method.E_BIDDING: "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
    Method.E_MARKET: "ตลาดอิเล็กทรอนิกส์ (e-market)",
    Method.SELECTION: "คัดเลือก",
    Method.SPECIFIC: "เฉพาะเจาะจง",
    Method.OTHER: "อื่น ๆ",
}


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered in the back office")
    EGP = "egp", _("e-GP open data")
    TEMPLATE = "template", _("Sujarit template")


class ProjectQuerySet(OrgQuerySet):
    def in_range(self, start, end):
        """Projects whose summary date (contract date, else announcement) falls in [start, end]."""
        return self.filter(
            models.Q(contract_date__range=(start, end))
            | models.Q(contract_date__isnull=True, announced_on__range=(start, end))
        )


class Project(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    egp_number = models.CharField(_("e-GP project number"), max_length=11, blank=True)
    name = models.CharField(_("procurement"), max_length=500)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    budget_line = models.CharField(_("budget line"), max_length=300, blank=True)
    budget_source = models.CharField(_("source of funds"), max_length=200, default="เงินงบประมาณ")
    budget = models.DecimalField(_("budget (baht)"), max_digits=16, decimal_places=2)
    reference_price = models.DecimalField(
        _("reference price (baht)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    method_detail = models.CharField(_("method as published"), max_length=200, blank=True)
    announced_on = models.DateField(_("announcement date"), null=True, blank=True)
    closing_on = models.DateField(_("closing date"), null=True, blank=True)
    winner = models.ForeignKey(Vendor, on_delete=models.PROTECT, null=True, blank=True, related_name="won")
    agreed_price = models.DecimalField(
        _("agreed price (baht)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    reason = models.CharField(_("reason for the choice"), max_length=500, blank=True)
    contract_number = models.CharField(_("contract number"), max_length=100, blank=True)
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    contract_amount = models.DecimalField(
        _("contract amount (baht)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    delivery_date = models.DateField(_("delivery date"), null=True, blank=True)
    delivery_note = models.CharField(_("delivery"), max_length=300, blank=True)
    status = models.CharField(_("status as published"), max_length=100, blank=True)
    # False for e-GP contract data, which names the winner only: bidder-count flags then stay silent.
    bids_complete = models.BooleanField(_("every bidder is recorded"), default=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-contract_date", "-announced_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "egp_number"],
                condition=~models.Q(egp_number=""),
                name="procurement_unique_egp",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def summary_date(self):
        """The date that puts the project in a month's summary: the contract's, else the announcement's."""
        return self.contract_date or self.announced_on

    @property
    def method_label(self):
        return self.method_detail or THAI_METHOD.get(self.method, self.method)


class Bid(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="bids")
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="bids")
    price = models.DecimalField(_("offered price (baht)"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["price", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "vendor"], name="procurement_bid_unique")]


class ImportBatch(models.Model):
    """An imported file, by its sha256: the same file imported again is recognised and changes nothing."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255)
    layout = models.CharField(max_length=40)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at"]
        constraints = [models.UniqueConstraint(fields=["org", "sha256"], name="procurement_import_unique")]
