from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import Export, ModuleConfig, NavEntry, OITProvider, Query, SummaryFigures


class PlansConfig(ModuleConfig):
    """The action plan's manifest: permissions, navigation, KPI measures, OIT evidence, exports, demo
    data, its API router and the queries it offers other modules."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.plans"
    label = "plans"
    verbose_name = _("Action plan")

    def manifest(self, registry):
        # Models can be imported only once the app registry is ready, so not at the top of apps.py.
        from sujarit.core.models import Role

        from . import demo, exports, measures, oit, queries

        staff = tuple(Role.values)
        registry.add_permission("plans.view", _("See the plan in the back office"), staff)
        registry.add_permission(
            "plans.import", _("Import and replace the plan"), (Role.ADMIN, Role.PLAN_COORDINATOR)
        )
        registry.add_permission(
            "plans.report",
            _("Write progress reports"),
            (Role.UNIT_OFFICER, Role.PLAN_COORDINATOR, Role.ADMIN),
        )
        registry.add_permission(
            "plans.approve", _("Approve or return progress reports"), (Role.PLAN_COORDINATOR,)
        )
        registry.add_nav(NavEntry("plans", _("Action plan"), "plans:plan", "public", order=10))
        registry.add_nav(
            NavEntry("plans", _("Action plan"), "plans_staff:dashboard", "staff", "plans.view", 10)
        )
        registry.add_nav(NavEntry("plans", _("Plan document"), "plans_staff:lint", "staff", "plans.view", 11))

        registry.add_export(
            Export(
                "plans.eplan",
                _("Plan items for E-PlanNACC"),
                ("xlsx", "csv"),
                exports.eplan_export,
                "plans",
                permission="plans.view",
            )
        )
        registry.add_export(
            Export(
                "plans.eplan_progress",
                _("Progress of a round for E-PlanNACC"),
                ("xlsx", "csv"),
                exports.eplan_progress_export,
                "plans",
                permission="plans.view",
                params=("fiscal_year", "round"),
            )
        )
        registry.add_export(
            Export(
                "plans.monitoring",
                _("Monitoring report (6/12 months)"),
                ("pdf", "xlsx"),
                exports.monitoring_export,
                "plans",
                permission="plans.view",
                params=("fiscal_year", "round"),
            )
        )
        registry.add_nav(
            NavEntry("plans", _("Progress summary"), "plans:summary", "public", order=11, primary=False)
        )
        registry.add_nav(NavEntry("plans", _("Reports"), "plans:reports", "public", order=12, primary=False))
        registry.add_nav(
            NavEntry(
                "plans", _("Reports and exports"), "plans_staff:monitoring_reports", "staff", "plans.view", 12
            )
        )

        registry.add_oit_provider(
            OITProvider(
                "plans.plan",
                ("anti-corruption plan", "anti-corruption report"),
                _("Action plan and its monitoring reports"),
                oit.plan_evidence,
                "plans",
            )
        )

        measures.register(registry)
        from . import oversight

        oversight.register(registry)
        registry.add_demo_loader("plans", 10, demo.load)
        from . import checklist

        checklist.register(registry)
        registry.add_api_router("plans", "sujarit.plans.api.router")

        registry.add_query(Query("plans.goal_targets", queries.goal_targets, "plans"))
        registry.add_query(Query("plans.page_exists", queries.page_exists, "plans"))
        registry.add_query(Query("plans.part1_risks", queries.part1_risks, "plans"))
        from . import work

        registry.add_work("plans", work.work)
        registry.add_summary_figures(SummaryFigures("plans", _("Action plan"), work.summary, order=10))
