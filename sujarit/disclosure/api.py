"""The disclosure module's API router (mounted under /api/v1/orgs/ by its manifest): the OIT board and
the publications portal."""

from ninja import Router

from . import api_board, api_portal

router = Router()
router.add_router("", api_board.router)
router.add_router("", api_portal.router)
