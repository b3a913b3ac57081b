"""/api/v1/orgs/{slug}/queue/…: take a ticket (anyone, as the kiosk does), call the next ticket at a
counter (its officers, with their session), and read the current state (open data)."""

from datetime import date, datetime

from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import django_auth

from sujarit.api.schemas import ErrorOut, org_not_found
from sujarit.core.models import Organization
from sujarit.core.permissions import is_staff_of

from . import queries
from .errors import QueueError
from .models import Counter, Service
from .services.counter import call_next
from .services.tickets import issue_ticket

router = Router(tags=["queue"])


class TicketIn(Schema):
    token: str | None = None  # the kiosk form's one-use token: the same token gives the same ticket


class TicketOut(Schema):
    number: str
    service: str
    day: date
    issued_at: datetime
    status: str
    ahead: int
    estimated_wait_minutes: int
    follow_token: str


class CallOut(Schema):
    called: TicketOut | None
    counter: int


class CallingOut(Schema):
    number: str
    counter: str
    called_at: datetime | None


class ServiceStateOut(Schema):
    code: str
    name: str
    standard_minutes: int
    waiting: int


class StateOut(Schema):
    organization: str
    day: date
    calling: list[CallingOut]
    services: list[ServiceStateOut]


def _out(ticket):
    ahead = queries.ahead_of(ticket)
    return {
        "number": ticket.label,
        "service": ticket.service.code,
        "day": ticket.day,
        "issued_at": ticket.issued_at,
        "status": ticket.status,
        "ahead": ahead,
        "estimated_wait_minutes": queries.estimated_minutes(ticket, ahead),
        "follow_token": ticket.follow_token,
    }


def _refused(error, status=400):
    return Status(status, {"detail": str(error), "code": error.code})


@router.post(
    "/{slug}/queue/services/{code}/tickets",
    response={201: TicketOut, 400: ErrorOut, 404: ErrorOut},
    auth=None,
)
def take_ticket(request, slug: str, code: str, payload: TicketIn):
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return org_not_found(slug)
    service = Service.objects.for_org(org).filter(code=code).first()
    if service is None:
        return Status(404, {"detail": f"ไม่พบบริการ '{code}'", "code": "service_not_found"})
    try:
        ticket = issue_ticket(service, request_token=payload.token)
    except QueueError as error:
        return _refused(error)
    return Status(201, _out(ticket))


@router.post(
    "/{slug}/queue/counters/{counter_id}/call-next",
    response={200: CallOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=django_auth,
)
def call_next_ticket(request, slug: str, counter_id: int):
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return org_not_found(slug)
    if not is_staff_of(request.user, org):
        return Status(403, {"detail": "ไม่มีสิทธิ์ใช้ช่องบริการนี้", "code": "forbidden"})
    counter = Counter.objects.for_org(org).filter(pk=counter_id).first()
    if counter is None:
        return Status(404, {"detail": "ไม่พบช่องบริการ", "code": "counter_not_found"})
    try:
        ticket = call_next(counter, by=request.user)
    except QueueError as error:
        return _refused(error, 403 if error.code == "forbidden" else 400)
    return {"called": _out(ticket) if ticket else None, "counter": counter.number}


@router.get("/{slug}/queue/state", response={200: StateOut, 404: ErrorOut}, auth=None)
def state(request, slug: str):
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        return org_not_found(slug)
    board = queries.board(org)
    services = Service.objects.for_org(org).filter(active=True)
    return {
        "organization": org.slug,
        "day": timezone.localdate(),
        "calling": [
            {"number": t.label, "counter": str(t.counter), "called_at": t.last_called_at}
            for t in board["calling"]
        ],
        "services": [
            {
                "code": s.code,
                "name": s.name,
                "standard_minutes": s.standard_minutes,
                "waiting": board["waiting"].get(s.pk, 0),
            }
            for s in services
        ],
    }
