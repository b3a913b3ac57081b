from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig, NavEntry, Query


class RegistersConfig(ModuleConfig):
    """The registers' manifest: fraud risk, delegation orders, trainings, honours, forums, networks."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.registers"
    label = "registers"
    verbose_name = _("Registers")

    def manifest(self, registry):
        # Models can be imported only once the app registry is ready, so not at the top of apps.py.
        from sujarit.core.models import Role

        from . import demo, exports, measures, oit, queries
        from .services import risk

        registry.add_permission("registers.view", _("See the registers"), tuple(Role.values))
        registry.add_permission(
            "registers.manage",
            _("Keep the registers (risk, delegations, trainings, honours, forums, networks)"),
            (Role.ADMIN, Role.PLAN_COORDINATOR, Role.UNIT_OFFICER, Role.INTEGRITY_OFFICER),
        )
        registry.add_nav(
            NavEntry(
                "registers", _("Risk and registers"), "registers:index", "public", order=40, primary=False
            )
        )
        registry.add_nav(
            NavEntry("registers", _("Registers"), "registers_staff:index", "staff", "registers.view", 40)
        )
        measures.register(registry)
        oit.register(registry)
        exports.register(registry)
        registry.add_demo_loader("registers", 45, demo.load)
        # the village (หมู่ที่) picker of the complaint form reads the villages through this
        registry.add_query(Query("registers.villages", queries.village_choices, "registers"))
        # The plan's import hands its Part 1 risk table to the register (plans.services.importing).
        registry.add_query(Query("registers.import_plan_risks", risk.import_plan_risks, "registers"))
