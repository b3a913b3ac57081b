from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig


class IntegrityConfig(ModuleConfig):
    """Integrity's manifest: conflicts of interest (item 14) and No Gift (item 8) — permissions,
    navigation, KPI measures, OIT evidence (O25-O27) and the yearly No Gift report as export."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.integrity"
    label = "integrity"
    verbose_name = _("Integrity")

    def manifest(self, registry):
        from sujarit.core.models import Role
        from sujarit.core.registry import NavEntry

        from . import exports, measures, moving, oit

        registry.add_permission(
            "integrity.declare",
            _("Declare one's relatives, business interests and no-interest"),
            tuple(Role.values),
        )
        # The matches name staff's relatives: integrity officers and administrators only, every view audited.
        registry.add_permission(
            "integrity.manage",
            _("Run the conflict of interest check, decide its matches, keep the gift register"),
            (Role.ADMIN, Role.INTEGRITY_OFFICER),
        )
        for entry in (
            NavEntry("integrity", _("No Gift"), "integrity:no_gift", "public", order=45, primary=False),
            NavEntry(
                "integrity",
                _("My declaration"),
                "integrity_staff:declaration",
                "staff",
                "integrity.declare",
                45,
            ),
            NavEntry(
                "integrity",
                _("Conflicts of interest"),
                "integrity_staff:matches",
                "staff",
                "integrity.manage",
                46,
            ),
            NavEntry(
                "integrity", _("Gift register"), "integrity_staff:gifts", "staff", "integrity.manage", 47
            ),
        ):
            registry.add_nav(entry)
        measures.register(registry)
        oit.register(registry)
        exports.register(registry)
        moving.register(registry)
