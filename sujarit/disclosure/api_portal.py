"""Placeholder until the module is written."""

from ninja import Router

router = Router(tags=["disclosure"])
