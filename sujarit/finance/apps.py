from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig


class FinanceConfig(ModuleConfig):
    """Finance's manifest (plan item 12): permissions, navigation, the spending report as export and
    OIT evidence (O13), KPI measures and demo data."""

    default = True
    name = "sujarit.finance"
    label = "finance"
    verbose_name = _("Budget control")

    def manifest(self, registry):
        from sujarit.core.models import Role
        from sujarit.core.registry import NavEntry

        registry.add_permission(
            "finance.view", _("See the budget, disbursements and spending reports"), tuple(Role.values)
        )
        registry.add_permission(
            "finance.manage",
            _("Enter budget lines, transfers and disbursements"),
            (Role.ADMIN, Role.FINANCE_OFFICER),
        )
        # The cross-check is a second pair of eyes: finance officers check each other's vouchers, and the
        # auditor may too; nobody checks their own (services.cross_check).
        registry.add_permission(
            "finance.check", _("Cross-check disbursements"), (Role.ADMIN, Role.FINANCE_OFFICER, Role.AUDITOR)
        )
        for entry in (
            NavEntry("finance", _("Budget spending"), "finance:index", "public", order=42, primary=False),
            NavEntry("finance", _("Budget control"), "finance_staff:lines", "staff", "finance.view", 42),
        ):
            registry.add_nav(entry)
        from . import demo, exports, measures, oit

        exports.register(registry)
        oit.register(registry)
        measures.register(registry)
        registry.add_demo_loader("finance", 45, demo.load)
