"""Schemas shared by every module's router (one error shape for the whole API)."""

from ninja import Schema


class ErrorOut(Schema):
    """An error: a Thai `detail` for people and a stable `code` for programs.

    `code` is absent only on Ninja's own 401 for a request without a session.
    """

    detail: str
    code: str | None = None
