"""The JSON API under /api/v1/: each module's Ninja router, as its manifest names it, under /orgs/."""

from django.utils.module_loading import import_string
from ninja import NinjaAPI

from sujarit.core.registry import registry

api = NinjaAPI(
    title="Sujarit API",
    version="1",
    description="Open data of Thai local governments' anti-corruption and transparency plans.",
    urls_namespace="api",
)

for _module, _path in registry.api_routers.items():
    api.add_router("/orgs/", import_string(_path))
