from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig


class ProcurementConfig(ModuleConfig):
    """Procurement's manifest: permissions, navigation, the monthly summary as export and OIT evidence,
    KPI measures, demo data and the API router."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.procurement"
    label = "procurement"
    verbose_name = _("Procurement")

    def manifest(self, registry):
        from sujarit.core.models import Role
        from sujarit.core.registry import NavEntry

        registry.add_permission(
            "procurement.view", _("See procurement records and red flags"), tuple(Role.values)
        )
        registry.add_permission(
            "procurement.manage",
            _("Enter and import procurement records"),
            (Role.ADMIN, Role.FINANCE_OFFICER),
        )
        # Not the finance officer: whoever ran a purchase does not clear its flags.
        registry.add_permission(
            "procurement.review", _("Record the review of red flags"), (Role.ADMIN, Role.INTEGRITY_OFFICER)
        )
        for entry in (
            NavEntry("procurement", _("Procurement"), "procurement:index", "public", order=40, primary=False),
            NavEntry(
                "procurement", _("Procurement"), "procurement_staff:projects", "staff", "procurement.view", 40
            ),
            NavEntry(
                "procurement", _("Red flags"), "procurement_staff:flags", "staff", "procurement.view", 41
            ),
        ):
            registry.add_nav(entry)
        from sujarit.core.registry import Query

        from . import demo, exports, measures, moving, oit, queries

        moving.register(registry)
        registry.add_query(Query("procurement.year_projects", queries.year_projects, "procurement"))

        exports.register(registry)
        oit.register(registry)
        measures.register(registry)
        registry.add_demo_loader("procurement", 40, demo.load)
        from sujarit.core.registry import Query

        from . import queries

        registry.add_query(Query("procurement.counterparties", queries.counterparties, "procurement"))
        registry.add_api_router("procurement", "sujarit.procurement.api.router")
        from sujarit.core.registry import Query

        from . import queries

        registry.add_query(Query("procurement.project_by_number", queries.project_by_number, "procurement"))
