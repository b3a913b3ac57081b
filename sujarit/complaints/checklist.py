"""The complaints module's step of an organization's setup checklist (core.onboarding.checklist)."""

from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import SetupStep

from .models import Category


def has_categories(org):
    return Category.objects.filter(org=org).exists()


def register(registry):
    registry.add_setup_step(
        SetupStep(
            "complaints.categories",
            _("Complaint categories"),
            has_categories,
            "complaints_staff:settings",
            "complaints",
            50,
            _("Name the kinds of complaint and the unit each goes to."),
        )
    )
