from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import ModuleConfig, NavEntry


class WebsiteConfig(ModuleConfig):
    """The public site's manifest: permission, navigation, the front page, OIT evidence, demo."""

    default = True  # apps.py also imports ModuleConfig; this is the one Django uses
    name = "sujarit.website"
    label = "website"
    verbose_name = _("Public website")

    def manifest(self, registry):
        # Models cannot be imported while apps.py is (the app registry is not ready yet).
        from sujarit.core.models import Role

        registry.add_permission(
            "website.edit",
            _("Edit the public website: news, executives, the organization's pages"),
            (Role.ADMIN, Role.PLAN_COORDINATOR),
        )
        P, S = "public", "staff"
        for entry in (
            NavEntry("website", _("News and activities"), "website:news", P, order=1, primary=False),
            NavEntry("website", _("Executives"), "website:executives", P, order=2, primary=False),
            NavEntry("website", _("About us"), "website:about_index", P, order=3, primary=False),
            NavEntry("website", _("e-Service"), "website:eservice", P, order=4, primary=False),
            NavEntry("website", _("ITA"), "website:ita", P, order=5, primary=False),
            NavEntry("website", _("Contact us"), "website:contact", P, order=6, primary=False),
            NavEntry("website", _("Public website"), "website_staff:index", S, "website.edit", 5),
        ):
            registry.add_nav(entry)
        self._register_contributions(registry)

    def _register_contributions(self, registry):
        from sujarit.core.registry import Query

        from . import demo, oit  # they import models: see manifest()
        from .views import public

        # The organization's home page (core:org_home) is this module's front page when installed.
        registry.add_query(Query("website.front_page", public.front_page, "website"))
        oit.register(registry)
        registry.add_demo_loader("website", 90, demo.load)
