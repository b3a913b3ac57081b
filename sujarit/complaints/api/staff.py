"""/api/v1/orgs/{slug}/integrity-cases: corruption cases for integrity officers, with their session.

Same rules as the staff pages: the `integrity.handle` permission, and a case only for an officer
holding its key (404 otherwise, so its existence stays hidden). Protected text is decrypted with the
officer's key from the session vault; every read is audited; answers are never cached.
"""

from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from ninja import Router, Schema, Status
from ninja.security import django_auth

from sujarit.api.schemas import ErrorOut, org_not_found
from sujarit.core.models import Organization
from sujarit.core.permissions import can, is_staff_of, requires_2fa
from sujarit.core.tenancy import SESSION_2FA

from ..models import OPEN_STATES, Case, State
from ..queries import deadlines
from ..services import integrity, keys

router = Router(tags=["complaints (integrity officers)"], auth=django_auth)


class CategoryOut(Schema):
    code: str
    name: str


class CaseRowOut(Schema):
    id: int
    number: str
    category: CategoryOut | None
    channel: str
    received_at: datetime
    due_date: date
    days_left: int | None  # negative: overdue; None once answered, explained or no longer open
    state: str
    outcome: str


class CaseListOut(Schema):
    count: int
    cases: list[CaseRowOut]


class FileOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class EventOut(Schema):
    type: str
    at: datetime
    by_reporter: bool
    by: str
    internal: bool
    detail: str
    text: str
    files: list[FileOut]


class StepOut(Schema):
    kind: str
    date: date
    note: str


class IdentityOut(Schema):
    name: str
    phone: str
    email: str


class CaseOut(CaseRowOut):
    accused_unit: str | None
    assignee: str | None
    text: str
    when: str
    where: str
    accused_name: str
    identity_given: bool
    identity: IdentityOut | None  # only once revealed to this officer in this session (the web page)
    files: list[FileOut]
    timeline: list[EventOut]
    steps: list[StepOut]


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _error(status, detail, code):
    return Status(status, {"detail": detail, "code": code})


def _officer_org(request, slug):
    """(org, None) for an integrity officer of org with a verified session, else (None, error)."""
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return None, org_not_found(slug)
    user = request.auth
    if not is_staff_of(user, org) or not can(user, org, integrity.PERMISSION):
        return None, _error(403, "ไม่มีสิทธิ์ดูเรื่องร้องเรียนการทุจริตขององค์กรนี้", "forbidden")
    if requires_2fa(user, org) and not request.session.get(SESSION_2FA):
        return None, _error(403, "ต้องยืนยันตัวตนสองขั้นตอนก่อน", "two_factor_required")
    return org, None


def _days_left(case, today):
    due = deadlines.countdown(case, today)
    if due["status"] in ("left", "today"):
        return due["days"]
    return -due["days"] if due["status"] == "late" else None


def _row(case, today):
    return {
        "id": case.pk,
        "number": case.number,
        "category": {"code": case.category.code, "name": case.category.name} if case.category else None,
        "channel": case.channel,
        "received_at": case.received_at,
        "due_date": case.due_date,
        "days_left": _days_left(case, today),
        "state": case.state,
        "outcome": case.outcome,
    }


def _file(f):
    return {
        "id": f["file"].pk,
        "name": f["name"],
        "content_type": f["file"].content_type,
        "size": f["file"].size,
    }


@router.get(
    "{slug}/integrity-cases",
    response={200: CaseListOut, **ERRORS},
    summary="Corruption cases the signed-in integrity officer holds (no protected text)",
)
def list_cases(request, slug: str, response: HttpResponse, state: str = "", overdue: bool = False):
    add_never_cache_headers(response)
    org, error = _officer_org(request, slug)
    if error:
        return error
    today = timezone.localdate()
    qs = integrity.inbox(request.auth, org, via="api").select_related("category").order_by("due_date", "pk")
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state in State.values:
        qs = qs.filter(state=state)
    if overdue:
        qs = qs & Case.objects.overdue(today)
    rows = [_row(c, today) for c in qs]
    return {"count": len(rows), "cases": rows}


@router.get(
    "{slug}/integrity-cases/{case_id}",
    response={200: CaseOut, **ERRORS},
    summary="One corruption case, decrypted with the officer's key (audited)",
)
def get_case(request, slug: str, case_id: int, response: HttpResponse):
    add_never_cache_headers(response)
    org, error = _officer_org(request, slug)
    if error:
        return error
    case = integrity.get_case(request.auth, org, case_id)
    if case is None:
        return _error(404, "ไม่พบเรื่องนี้", "case_not_found")
    try:
        data = integrity.open_case(request, request.auth, case)
    except keys.KeyLocked:
        return _error(403, "กุญแจของท่านยังล็อกอยู่ ลงชื่อเข้าใช้ใหม่หรือปลดล็อกในหน้าเจ้าหน้าที่", "key_locked")
    except keys.NoAccess:
        return _error(404, "ไม่พบเรื่องนี้", "case_not_found")
    return {
        **_row(case, timezone.localdate()),
        "accused_unit": case.accused_unit.name if case.accused_unit else None,
        "assignee": case.assignee.full_name if case.assignee else None,
        **{f: data[f] for f in integrity.PROTECTED_FIELDS},
        "identity_given": data["identity_given"],
        "identity": data["identity"],
        "files": [_file(f) for f in data["files"]],
        "timeline": [
            {
                "type": t["event"].type,
                "at": t["event"].created_at,
                "by_reporter": t["event"].by_complainant,
                "by": t["event"].by.get_username() if t["event"].by else "",
                "internal": not t["event"].is_public,
                "detail": str(t["detail"]),
                "text": t["text"],
                "files": [_file(f) for f in t["files"]],
            }
            for t in data["timeline"]
        ],
        "steps": [{"kind": s["step"].kind, "date": s["step"].date, "note": s["note"]} for s in data["steps"]],
    }
