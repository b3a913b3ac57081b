from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    """The disclosure portal's manifest: permissions, navigation, OIT evidence, measures, exports, demo."""

    name = "sujarit.disclosure"
    label = "disclosure"
    verbose_name = _("Public disclosure")
    sujarit_module = True

    def ready(self):
        from sujarit.core.models import Role
        from sujarit.core.registry import registry

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
            _("Configure the OIT catalogue, owners and ITA results"),
            (Role.ADMIN, Role.PLAN_COORDINATOR),
        )
        registry.add_permission(
            "disclosure.infocentre",
            _("Run the information centre and the Q&A board"),
            (Role.ADMIN, Role.UNIT_OFFICER, Role.PLAN_COORDINATOR),
        )
        self._register_contributions(registry)

    def _register_contributions(self, registry):
        from . import demo, exports, measures, oit

        measures.register(registry)
        oit.register(registry)
        exports.register(registry)
        registry.add_demo_loader(30, demo.load)
