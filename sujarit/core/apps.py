from django.utils.translation import gettext_lazy as _

from .registry import ModuleConfig


class CoreConfig(ModuleConfig):
    """The core's manifest: its permissions and navigation entries."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .middleware import mark_seen

        user_logged_in.connect(mark_seen, dispatch_uid="sujarit.core.mark_seen")

        super().ready()

    def manifest(self, registry):
        from . import onboarding
        from .models import Role
        from .registry import MoveRewrite, NavEntry, SetupStep

        everyone = tuple(Role.values)
        registry.add_permission("core.staff_home", _("Open the back office"), everyone)
        registry.add_permission("core.view_audit", _("Read the audit log"), (Role.ADMIN, Role.AUDITOR))
        registry.add_permission("core.manage_org", _("Manage the organization and its people"), (Role.ADMIN,))
        registry.add_permission(
            "core.view_people",
            _("See the people and their roles"),
            (Role.ADMIN, Role.EXECUTIVE, Role.AUDITOR),
        )
        # A moved person keeps the keys they had (see Person.former_pks).
        registry.add_move_rewrite(
            MoveRewrite("core.person", "former_pks", lambda value, row: [*(value or []), row.old_pk])
        )
        registry.add_nav(NavEntry("core", _("Home"), "core:org_home", "public", order=0))
        registry.add_nav(
            NavEntry("core", _("Back office"), "core_staff:home", "staff", "core.staff_home", order=0)
        )
        registry.add_nav(
            NavEntry("core", _("Organization"), "core_staff:org_profile", "staff", "core.manage_org", 900)
        )
        registry.add_nav(
            NavEntry("core", _("People and roles"), "core_staff:people", "staff", "core.view_people", 910)
        )
        registry.add_nav(
            NavEntry("core", _("Audit log"), "core_staff:audit_log", "staff", "core.view_audit", 920)
        )
        for step in (
            SetupStep("core.units", _("Units"), onboarding.has_units, "core_staff:people", "core", 10,
                      _("Add the organization's units (สำนักปลัด, กองคลัง, …).")),
            SetupStep("core.people", _("People and roles"), onboarding.has_people_and_roles, "core_staff:people",
                      "core", 20, _("Give the executive and a plan coordinator their accounts.")),
            SetupStep("core.integrity", _("Integrity officers"), onboarding.has_integrity_officers,
                      "core_staff:people", "core", 40,
                      _("At least two integrity officers, in different units, read the corruption channel.")),
        ):  # fmt: skip
            registry.add_setup_step(step)
