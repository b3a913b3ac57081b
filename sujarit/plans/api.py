"""/api/v1/orgs/{slug}/plan — filled in by the plans module."""

from ninja import Router

router = Router(tags=["plans"])
