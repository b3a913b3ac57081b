"""Vendors (ผู้ประกอบการ) and their directors, with the 13-digit IDs the red flags and conflict checks join on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet


class Vendor(models.Model):
    """A firm or person the organization buys from; `tax_id` is the 13-digit juristic-person/tax ID.

    The ID may be blank (a shop whose number the officer does not have): the red flag `invalid_id`
    then names the vendor, since a winner without a checkable ID cannot be matched to anyone.
    """

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    tax_id = models.CharField(_("tax ID (13 digits)"), max_length=13, blank=True)
    name = models.CharField(_("name"), max_length=300)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "tax_id"],
                condition=~models.Q(tax_id=""),
                name="procurement_vendor_unique_tax_id",
            )
        ]

    def __str__(self):
        return self.name


class Director(models.Model):
    """A director (กรรมการ) or owner of a vendor, with their 13-digit personal ID when known."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="directors")
    name = models.CharField(_("name"), max_length=200)
    id_number = models.CharField(_("ID number (13 digits)"), max_length=13, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
