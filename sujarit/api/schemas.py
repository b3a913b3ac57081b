"""What every module's router shares: one error shape and one answer for an unknown organization."""

from ninja import Schema, Status


class ErrorOut(Schema):
    """An error: a Thai `detail` for people and a stable `code` for programs.

    `code` is absent only on Ninja's own 401 for a request without a session.
    """

    detail: str
    code: str | None = None


def org_not_found(slug):
    """The API's one answer for an unknown organization slug (HTTP 404)."""
    return Status(404, {"detail": f"ไม่พบองค์กร '{slug}'", "code": "org_not_found"})
