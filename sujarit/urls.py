"""Root URLconf: global pages, the API, then every module's public and staff patterns per organization.

A module contributes `public_urlpatterns` (under /<org-slug>/, namespace = app label) and
`staff_urlpatterns` (under /<org-slug>/staff/, namespace = "<label>_staff") from its urls.py.
"""

from importlib import import_module

from django.urls import include, path

from .api.router import api
from .core.registry import registry

_public, _staff, _global = [], [], []
for config in registry.modules.values():
    mod = import_module(f"{config.name}.urls")
    label = config.label
    if getattr(mod, "urlpatterns", None):
        _global.append(path("", include((mod.urlpatterns, f"{label}_site"), namespace=f"{label}_site")))
    _public.append(path("", include((getattr(mod, "public_urlpatterns", []), label), namespace=label)))
    _staff.append(
        path(
            "", include((getattr(mod, "staff_urlpatterns", []), f"{label}_staff"), namespace=f"{label}_staff")
        )
    )

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    *_global,
    path("<slug:org_slug>/staff/", include(_staff)),
    path("<slug:org_slug>/", include(_public)),
]

# Slugs an organization may not take are read from these patterns: core.onboarding.reserved_slugs().

handler403 = "sujarit.core.views.errors.forbidden"
handler404 = "sujarit.core.views.errors.not_found"
handler500 = "sujarit.core.views.errors.server_error"
