from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig, NavEntry, SummaryFigures


class ComplaintsConfig(ModuleConfig):
    """The complaints module's manifest: permissions, navigation, measures, OIT evidence, exports, demo,
    its API routers and its password hook."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def manifest(self, registry):
        from sujarit.core.models import Role  # models load only once the app registry is ready

        registry.add_permission(
            "complaints.view",
            _("See general complaints"),
            (Role.ADMIN, Role.EXECUTIVE, Role.UNIT_OFFICER, Role.INTEGRITY_OFFICER),
        )
        registry.add_permission(
            "complaints.handle",
            _("Handle general complaints"),
            (Role.ADMIN, Role.UNIT_OFFICER, Role.INTEGRITY_OFFICER),
        )
        registry.add_permission("complaints.configure", _("Configure complaint handling"), (Role.ADMIN,))
        registry.add_permission(
            "complaints.reports",
            _("See complaint statistics and summary reports"),
            (Role.ADMIN, Role.EXECUTIVE, Role.UNIT_OFFICER, Role.INTEGRITY_OFFICER, Role.AUDITOR),
        )
        # Only integrity officers: executives, council members and administrators never see these cases.
        registry.add_permission(
            "integrity.handle", _("Handle corruption and misconduct complaints"), (Role.INTEGRITY_OFFICER,)
        )

        P, S = "public", "staff"
        for entry in (
            NavEntry("complaints", _("Complaints"), "complaints:index", P, order=20),
            # OIT O22: the corruption channel is linked from the home page, apart from general complaints.
            NavEntry("complaints", _("Report corruption"), "complaints:integrity_report", P, order=21),
            NavEntry("complaints", _("Complaints"), "complaints_staff:inbox", S, "complaints.view", 20),
            NavEntry(
                "complaints",
                _("Corruption complaints"),
                "complaints_staff:integrity_inbox",
                S,
                "integrity.handle",
                21,
            ),
            NavEntry(
                "complaints", _("Complaint reports"), "complaints_staff:reports", S, "complaints.reports", 22
            ),
            NavEntry(
                "complaints",
                _("Complaint settings"),
                "complaints_staff:settings",
                S,
                "complaints.configure",
                23,
            ),
        ):
            registry.add_nav(entry)

        from sujarit.core.registry import RoleGuard

        from .services import keys

        registry.add_password_hook("complaints.unlock_keys", keys.unlock_on_sign_in)
        # Whoever holds this role receives new corruption reports: an administrator alone must not be
        # able to give it (to themself or anyone), nor take it from the officers who hold it.
        registry.guard_role(
            RoleGuard(
                Role.INTEGRITY_OFFICER,
                confirmers=(Role.EXECUTIVE,),
                reason=_("Integrity officers receive and read corruption reports."),
                module="complaints",
            )
        )
        registry.add_dashboard_warning("complaints.integrity_officers", keys.dashboard_warnings)
        from . import work

        registry.add_work("complaints", work.work)
        registry.add_summary_figures(SummaryFigures("complaints", _("Complaints"), work.summary, order=20))
        self._register_contributions(registry)

    def _register_contributions(self, registry):
        """Measures, OIT evidence, exports, demo data and the survey context (each in its own module)."""
        from sujarit.core.registry import SurveyContext

        from . import demo, exports, measures, moving, oit
        from .queries import satisfaction

        registry.add_survey_context(
            SurveyContext(
                satisfaction.CONTEXT,
                _("A resolved or closed complaint"),
                "complaints",
                satisfaction.resolve,
                ref_model="complaints.case",
            )
        )
        moving.register(registry)
        measures.register(registry)
        oit.register(registry)
        from . import oversight

        oversight.register(registry)
        exports.register(registry)
        registry.add_demo_loader("complaints", 20, demo.load)
        from . import checklist

        checklist.register(registry)
        registry.add_api_router("complaints", "sujarit.complaints.api.router")
