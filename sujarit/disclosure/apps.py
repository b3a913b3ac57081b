from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig, NavEntry


class DisclosureConfig(ModuleConfig):
    """The disclosure portal's manifest: permissions, navigation, OIT evidence, measures, exports, demo."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.disclosure"
    label = "disclosure"
    verbose_name = _("Public disclosure")

    def manifest(self, registry):
        # Models cannot be imported while apps.py is (the app registry is not ready yet).
        from sujarit.core.models import Role

        preparers = (
            Role.ADMIN,
            Role.PLAN_COORDINATOR,
            Role.UNIT_OFFICER,
            Role.FINANCE_OFFICER,
            Role.INTEGRITY_OFFICER,
        )
        registry.add_permission("disclosure.prepare", _("Prepare publications"), preparers)
        registry.add_permission(
            "disclosure.approve", _("Approve publications before they go live"), (Role.ADMIN, Role.EXECUTIVE)
        )
        registry.add_permission(
            "disclosure.oit",
            _("See the OIT board and ITA readiness"),
            (*preparers, Role.EXECUTIVE, Role.AUDITOR),
        )
        registry.add_permission(
            "disclosure.configure",
            _("Assign OIT item owners and enter ITA results"),
            (Role.ADMIN, Role.PLAN_COORDINATOR),
        )
        registry.add_permission(
            "disclosure.infocentre",
            _("Run the information centre and the Q&A board"),
            (Role.ADMIN, Role.UNIT_OFFICER, Role.PLAN_COORDINATOR),
        )
        P, S = "public", "staff"
        for entry in (
            NavEntry("disclosure", _("Public information"), "disclosure:portal", P, order=30),
            NavEntry(
                "disclosure", _("Information centre"), "disclosure:infocentre", P, order=31, primary=False
            ),
            NavEntry("disclosure", _("Questions and answers"), "disclosure:qa", P, order=32, primary=False),
            NavEntry("disclosure", _("OIT disclosure"), "disclosure:oit", P, order=33, primary=False),
            NavEntry(
                "disclosure", _("Publications"), "disclosure_staff:publications", S, "disclosure.oit", 30
            ),
            NavEntry("disclosure", _("Approvals"), "disclosure_staff:approvals", S, "disclosure.approve", 31),
            NavEntry("disclosure", _("OIT board"), "disclosure_staff:board", S, "disclosure.oit", 32),
            NavEntry("disclosure", _("ITA readiness"), "disclosure_staff:ita", S, "disclosure.oit", 33),
            NavEntry(
                "disclosure",
                _("Information centre"),
                "disclosure_staff:infocentre",
                S,
                "disclosure.infocentre",
                34,
            ),
            NavEntry(
                "disclosure", _("Q&A moderation"), "disclosure_staff:qa", S, "disclosure.infocentre", 35
            ),
        ):
            registry.add_nav(entry)
        self._register_contributions(registry)

    def _register_contributions(self, registry):
        from sujarit.core.registry import SurveyContext

        from . import demo, measures, oit  # they import models: see manifest()
        from .services import infocentre

        measures.register(registry)
        registry.add_survey_context(
            SurveyContext(
                infocentre.SURVEY_CONTEXT,
                _("An answered information request"),
                "disclosure",
                infocentre.answered_request,
                ref_model="disclosure.inforequest",
            )
        )
        oit.register(registry)
        from . import oversight

        oversight.register(registry)
        registry.add_demo_loader("disclosure", 30, demo.load)
        from . import checklist

        checklist.register(registry)
        from . import work

        registry.add_work("disclosure", work.work)
        registry.add_api_router("disclosure", "sujarit.disclosure.api.router")
        from sujarit.core.registry import Query

        from .queries import menu

        registry.add_query(Query("disclosure.oit_menu", menu.oit_menu, "disclosure"))
