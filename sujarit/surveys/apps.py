from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig


class SurveysConfig(ModuleConfig):
    """The survey engine's manifest: permissions, navigation, one KPI measure per purpose, its own
    survey context (numbered invitation links), exports, demo data, API router and queries."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def manifest(self, registry):
        from sujarit.core.models import Role
        from sujarit.core.registry import Export, NavEntry, Query

        from . import contexts, demo, embedded, exports, measures, moving

        registry.add_permission("surveys.view", _("See survey results"), tuple(Role.values))
        registry.add_permission(
            "surveys.manage",
            _("Make questionnaires, open them and enter paper forms"),
            (Role.ADMIN, Role.PLAN_COORDINATOR, Role.UNIT_OFFICER),
        )
        registry.add_nav(
            NavEntry("surveys", _("Surveys"), "surveys:index", "public", order=60, primary=False)
        )
        registry.add_nav(
            NavEntry("surveys", _("Surveys"), "surveys_staff:index", "staff", "surveys.view", 60)
        )
        measures.register(registry)
        contexts.register(registry)
        moving.register(registry)
        registry.add_export(
            Export(
                "surveys.results",
                _("Survey results"),
                ("xlsx", "csv"),
                exports.results_export,
                "surveys",
                permission="surveys.view",
                params=("fiscal_year",),
            )
        )
        registry.add_demo_loader("surveys", 40, demo.load)
        registry.add_api_router("surveys", "sujarit.surveys.api.router")
        registry.add_query(Query("surveys.link_for", contexts.link_for, "surveys"))
        registry.add_query(Query("surveys.answered", contexts.answered, "surveys"))
        registry.add_query(Query("surveys.paper_entry_url", contexts.paper_entry_url, "surveys"))
        registry.add_query(Query("surveys.tally", measures.tally, "surveys"))
        registry.add_query(Query("surveys.embedded_form", embedded.embedded_form, "surveys"))
        registry.add_query(Query("surveys.answer_embedded", embedded.answer_embedded, "surveys"))
        registry.add_query(Query("surveys.context_tally", embedded.context_tally, "surveys"))
