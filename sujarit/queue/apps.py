from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig, NavEntry


class QueueConfig(ModuleConfig):
    """The fair service queue's manifest: permissions, navigation, measures, OIT evidence, API, demo."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.queue"
    label = "queue"
    verbose_name = _("Service queue")

    def manifest(self, registry):
        # Models cannot be imported while apps.py is (the app registry is not ready yet).
        from sujarit.core.models import Role

        registry.add_permission(
            "queue.serve",
            _("Work a service counter and issue tickets"),
            (Role.ADMIN, Role.UNIT_OFFICER, Role.PLAN_COORDINATOR, Role.FINANCE_OFFICER),
        )
        registry.add_permission(
            "queue.manage", _("Set up the service queue and its policy"), (Role.ADMIN, Role.PLAN_COORDINATOR)
        )
        registry.add_permission(
            "queue.report",
            _("See the queue's statistics and fairness report"),
            (Role.ADMIN, Role.PLAN_COORDINATOR, Role.EXECUTIVE, Role.AUDITOR),
        )
        P, S = "public", "staff"
        for entry in (
            NavEntry("queue", _("Service queue"), "queue:kiosk", P, order=50, primary=False),
            NavEntry("queue", _("Queue policy"), "queue:policy", P, order=51, primary=False),
            NavEntry("queue", _("Service counters"), "queue_staff:counters", S, "queue.serve", 50),
            NavEntry("queue", _("Queue statistics"), "queue_staff:report", S, "queue.report", 51),
            NavEntry("queue", _("Queue set-up"), "queue_staff:setup", S, "queue.manage", 52),
        ):
            registry.add_nav(entry)
        self._register_contributions(registry)

    def _register_contributions(self, registry):
        from sujarit.core.registry import SurveyContext

        from . import demo, measures, oit, queries  # they import models: see manifest()

        measures.register(registry)
        registry.add_survey_context(
            SurveyContext(
                queries.SURVEY_CONTEXT, _("A ticket served at the counter"), "queue", queries.served_ticket
            )
        )
        oit.register(registry)
        registry.add_demo_loader("queue", 50, demo.load)
        registry.add_api_router("queue", "sujarit.queue.api.router")
