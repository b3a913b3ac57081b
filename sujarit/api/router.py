"""The JSON API under /api/v1/: Ninja routers that call the modules' services and querysets."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Sujarit API",
    version="1",
    description="Open data of Thai local governments' anti-corruption and transparency plans.",
    urls_namespace="api",
)

from sujarit.plans import api as plans_api  # noqa: E402

api.add_router("/orgs/", plans_api.router)

from sujarit.complaints import api_integrity, api_staff, api_stats  # noqa: E402

api.add_router("/orgs/", api_integrity.router)
api.add_router("/orgs/", api_stats.router)
api.add_router("/orgs/", api_staff.router)

from sujarit.disclosure import api_board, api_portal  # noqa: E402

api.add_router("/orgs/", api_board.router)
api.add_router("/orgs/", api_portal.router)
