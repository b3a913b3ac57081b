"""The disclosure module's step of an organization's setup checklist (core.onboarding.checklist)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import SetupStep

from .models import OITItem, OITOwner, OITYear


def oit_owned(org):
    """Every item of the newest OIT catalogue has an owner (a unit or a person)."""
    newest = OITYear.objects.order_by("-year").first()
    if newest is None:
        return False
    codes = set(OITItem.objects.filter(catalogue=newest).values_list("code", flat=True))
    owned = set(
        OITOwner.objects.for_org(org)
        .filter(Q(unit__isnull=False) | Q(person__isnull=False), code__in=codes)
        .values_list("code", flat=True)
    )
    return bool(codes) and owned >= codes


def register(registry):
    registry.add_setup_step(
        SetupStep(
            "disclosure.oit_owners",
            _("OIT item owners"),
            oit_owned,
            "disclosure_staff:board",
            "disclosure",
            60,
            _("Give every OIT item a unit or person who publishes it."),
        )
    )
