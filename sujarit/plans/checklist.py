"""The plan's step of an organization's setup checklist (core.onboarding.checklist)."""

from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import SetupStep

from .models import Plan


def plan_imported(org):
    return Plan.objects.for_org(org).exists()


def register(registry):
    registry.add_setup_step(
        SetupStep(
            "plans.imported",
            _("The action plan imported"),
            plan_imported,
            "plans_staff:import",
            "plans",
            30,
            _("Upload the plan document made on the NACC template (.docx or .txt)."),
        )
    )
