"""The complaints module's API router (mounted under /api/v1/orgs/ by its manifest): both channels'
staff endpoints, the corruption channel's reporter endpoints and the public statistics."""

from ninja import Router

from . import integrity as api_integrity
from . import staff as api_staff
from . import stats as api_stats

router = Router()
router.add_router("", api_integrity.router)
router.add_router("", api_stats.router)
router.add_router("", api_staff.router)
