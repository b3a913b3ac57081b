"""The disclosure module's API router (mounted under /api/v1/orgs/ by its manifest): the OIT board and
the publications portal."""

from ninja import Router

from . import board, portal

router = Router()
router.add_router("", board.router)
router.add_router("", portal.router)
