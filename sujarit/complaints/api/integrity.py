"""/api/v1/orgs/{slug}/integrity-reports: the corruption channel for applications, as the web form does it.

A client asks for a challenge, solves the proof-of-work (sha256(token + ":" + nonce) with `bits`
leading zero bits), then posts the report as JSON and gets the receipt in the body. Following a
report or sending a message needs a solved challenge too (`?purpose=receipt`, one per request): each
receipt look-up costs the server an Argon2id derivation. The same rules as the web form apply
(`pow.admit_report`, `pow.admit_receipt`): the difficulty rises with the client's rate and a client
has its own limits of reports and wrong receipts. The receipt is sent back only in JSON bodies,
never in a URL. Bodies are parsed here (not by Ninja) so that every
refusal is one clear `detail` message and nothing is stored.
"""

import base64
import binascii
import json
from datetime import date, datetime
from functools import wraps
from typing import Literal

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import BaseModel, Field
from pydantic import ValidationError as SchemaError

from sujarit.api.schemas import ErrorOut
from sujarit.core.models import Organization, Unit

from ..models import Category, Channel, Kind
from ..protection import casefiles, pow
from ..services import cases, intake, keys

router = Router(tags=["corruption reports"])


# --- schemas -------------------------------------------------------------------------------------


class CategoryOut(Schema):
    code: str
    name: str
    description: str


class ChallengeOut(Schema):
    token: str
    bits: int


class FileIn(BaseModel):
    name: str = Field("file", max_length=200)
    content_base64: str


class ReportIn(BaseModel):
    token: str = Field(max_length=500)
    nonce: str = Field(max_length=40)
    category: str = Field("", max_length=40, description="code of an integrity category")
    accused_unit: int | None = Field(None, description="id of the unit of the person complained about")
    accused_name: str = Field("", max_length=200)
    text: str = Field(max_length=intake.MAX_TEXT)
    when: str = Field("", max_length=200)
    where: str = Field("", max_length=200)
    name: str = Field("", max_length=200)
    phone: str = Field("", max_length=50)
    email: str = Field("", max_length=200)
    files: list[FileIn] = Field(default_factory=list, max_length=casefiles.MAX_FILES)
    recipients: list[int] | None = Field(
        None,
        max_length=200,
        description="ids of the integrity officers (from /recipients) the reporter chose to receive the "
        "report; left out, every officer may receive it. Officers of the accused unit or possibly named "
        "in the report are left out either way.",
    )


class RecipientsIn(BaseModel):
    accused_unit: int | None = None
    accused_name: str = Field("", max_length=200)
    text: str = Field("", max_length=intake.MAX_TEXT)


class OfficerOut(Schema):
    id: int
    label: str
    receives: bool
    excluded_because: str


class RecipientsOut(Schema):
    officers: list[OfficerOut]
    anyone: bool
    elsewhere: list[str]


class ReceiptOut(Schema):
    receipt: str
    status: str


class FollowIn(BaseModel):
    token: str = Field(max_length=500, description="a challenge asked for with purpose=receipt")
    nonce: str = Field(max_length=40)
    receipt: str = Field(max_length=100)


class MessageIn(BaseModel):
    token: str = Field(max_length=500, description="a challenge asked for with purpose=receipt")
    nonce: str = Field(max_length=40)
    receipt: str = Field(max_length=100)
    text: str = Field("", max_length=intake.MAX_TEXT)
    files: list[FileIn] = Field(default_factory=list, max_length=casefiles.MAX_FILES)


class EventOut(Schema):
    at: datetime
    type: str
    label: str
    state: str
    by_complainant: bool
    text: str
    files: list[str]


class CaseOut(Schema):
    status: str
    status_label: str
    received_at: datetime
    due_date: date
    outcome: str
    events: list[EventOut]


class SentOut(Schema):
    status: str


# --- helpers --------------------------------------------------------------------------------------


def _inline(schema):
    """A pydantic JSON schema with its $defs inlined (the OpenAPI document has no such section)."""
    defs = schema.pop("$defs", {})

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(dict(defs[ref.rsplit("/", 1)[1]]))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


def _body_doc(model):
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _inline(model.model_json_schema())}},
        }
    }


def _error(status, detail, code):
    return Status(status, {"detail": str(detail), "code": code})


class Refused(Exception):
    """A request refused with (status, detail, code)."""

    def __init__(self, status, detail, code):
        super().__init__(detail)
        self.response = _error(status, detail, code)


def _org(slug):
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        raise Refused(404, _("No organization has this address."), "org_not_found")
    return org


def _parse(request, model):
    try:
        body = request.body
    except RequestDataTooBig as e:
        raise Refused(413, _("The request is too large. Send smaller or fewer files."), "too_large") from e
    try:
        return model.model_validate(json.loads(body.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, SchemaError, TypeError, RecursionError) as e:
        raise Refused(
            400,
            _("The request could not be read: send a JSON object with the documented fields."),
            "bad_request",
        ) from e


def _files(items):
    uploads = []
    for f in items:
        try:
            data = base64.b64decode(f.content_base64, validate=True)
        except (binascii.Error, ValueError) as e:
            raise Refused(400, _("A file could not be read: send its content in base64."), "bad_file") from e
        uploads.append(SimpleUploadedFile(f.name or "file", data))
    try:
        return casefiles.check_uploads(uploads)
    except ValidationError as e:
        raise Refused(400, " ".join(e.messages), "bad_file") from e


def _no_store(response):
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"


def _refusing(view):
    """Turn Refused, Flood and ValidationError into JSON answers with a clear detail."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        _no_store(kwargs["response"])
        try:
            return view(request, *args, **kwargs)
        except Refused as e:
            return e.response
        except pow.Flood as e:
            return _error(429, " ".join(e.messages), "too_many")
        except pow.PowError as e:
            return _error(403, " ".join(e.messages), "bad_token")
        except ValidationError as e:
            return _error(400, " ".join(e.messages), "invalid")

    return wrapper


def _unit(org, pk):
    if pk is None:
        return None
    unit = Unit.objects.for_org(org).filter(pk=pk).first()
    if unit is None:
        raise Refused(400, _("Choose the unit from the list, or leave it empty."), "bad_unit")
    return unit


def _open(request, org, body):
    pow.admit_receipt(request, org, body.token, body.nonce)
    opened = intake.open_with_receipt(org, body.receipt)
    if opened is None:
        raise Refused(
            404, _("No report matches this receipt. Check the 16 digits and try again."), "wrong_receipt"
        )
    pow.receipt_matched(request)
    return opened


# --- endpoints ------------------------------------------------------------------------------------

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 429: ErrorOut}


@router.get(
    "{slug}/integrity-reports/challenge",
    response={200: ChallengeOut, 404: ErrorOut},
    summary="A proof-of-work challenge for a corruption report or a receipt look-up",
    description="`purpose` is `report` (the default) or `receipt` (for follow and messages). The "
    "difficulty `bits` rises when one client asks for many challenges or many reports arrive.",
)
@_refusing
def challenge(
    request,
    slug: str,
    response: HttpResponse,  # noqa: ARG001
    purpose: Literal["report", "receipt"] = "report",
):
    org = _org(slug)
    token = pow.issue(org, request, purpose)
    return {"token": token, "bits": pow.bits_of(token)}


@router.get(
    "{slug}/integrity-reports/categories",
    response={200: list[CategoryOut], 404: ErrorOut},
    summary="The kinds of misconduct a corruption report may name (their codes go in `category`)",
    description="The organization's integrity categories in use, in the order its web form lists them. "
    "When the list is not empty, a report must name one of these codes.",
)
@_refusing
def categories(request, slug: str, response: HttpResponse):  # noqa: ARG001
    org = _org(slug)
    rows = Category.objects.for_org(org).filter(kind=Kind.INTEGRITY, active=True).order_by("order", "name")
    return [{"code": c.code, "name": c.name, "description": c.description} for c in rows]


@router.post(
    "{slug}/integrity-reports",
    response={201: ReceiptOut, **ERRORS},
    summary="Send a corruption report (anonymous unless name or contact is given)",
    description="Returns the 16-digit receipt, shown only once. Sending the same body again within an "
    "hour returns the same receipt and makes no second report.",
    openapi_extra=_body_doc(ReportIn),
)
@_refusing
def submit(request, slug: str, response: HttpResponse):
    org = _org(slug)
    body = _parse(request, ReportIn)
    pow.admit_report(request, org, body.token, body.nonce)
    integrity = Category.objects.for_org(org).filter(kind=Kind.INTEGRITY, active=True)
    category = integrity.filter(code=body.category).first() if body.category else None
    if category is None and (body.category or integrity.exists()):
        raise Refused(400, _("Choose a kind of misconduct from the list."), "bad_category")
    unit = _unit(org, body.accused_unit)
    case, receipt = intake.submit_report(
        org,
        category=category,
        accused_unit=unit,
        accused_name=body.accused_name,
        text=body.text,
        when=body.when,
        where=body.where,
        name=body.name,
        phone=body.phone,
        email=body.email,
        checked_files=_files(body.files),
        token=body.token,
        channel=Channel.API,
        recipients=body.recipients,
    )
    return Status(201, {"receipt": receipt, "status": case.state})


@router.post(
    "{slug}/integrity-reports/recipients",
    response={200: RecipientsOut, **ERRORS},
    url_name="integrity_recipients",
    summary="The integrity officers who would receive a report, before it is sent",
    description="Show these to the reporter and let them leave any out (send the ids they keep as "
    "`recipients`). Give the accused unit, the name and the text to see who is left out automatically; "
    "when `anyone` is false the report would be refused: point the reporter to `elsewhere`.",
    openapi_extra=_body_doc(RecipientsIn),
)
@_refusing
def recipients(request, slug: str, response: HttpResponse):  # noqa: ARG001
    org = _org(slug)
    body = _parse(request, RecipientsIn)
    display = cases.policy_for(org).officer_display
    officers = []
    for person in keys.candidates(org):
        # An unknown unit is nobody's unit: no lookup needed, and no refusal of a preview.
        why = keys.conflict(person, body.accused_unit, [body.accused_name], [body.text])
        officers.append(
            {
                "id": person.pk,
                "label": keys.officer_label(person, display),
                "receives": not why,
                "excluded_because": why,
            }
        )
    return {
        "officers": officers,
        "anyone": any(o["receives"] for o in officers),
        "elsewhere": [str(route) for route in intake.ELSEWHERE],
    }


@router.post(
    "{slug}/integrity-reports/follow",
    response={200: CaseOut, **ERRORS},
    summary="Read a corruption report's status and answers with its receipt",
    openapi_extra=_body_doc(FollowIn),
)
@_refusing
def follow(request, slug: str, response: HttpResponse):
    org = _org(slug)
    body = _parse(request, FollowIn)
    case, key = _open(request, org, body)
    events = [
        {**e, "state": str(e["state"]), "label": str(e["label"]), "files": [f["name"] for f in e["files"]]}
        for e in intake.public_timeline(case, key)
    ]
    return {
        "status": case.state,
        "status_label": case.get_state_display(),
        "received_at": case.received_at,
        "due_date": case.due_date,
        "outcome": case.outcome,
        "events": events,
    }


@router.post(
    "{slug}/integrity-reports/messages",
    response={201: SentOut, **ERRORS},
    summary="Send a message (and files) to the integrity officers with the receipt",
    openapi_extra=_body_doc(MessageIn),
)
@_refusing
def message(request, slug: str, response: HttpResponse):
    org = _org(slug)
    body = _parse(request, MessageIn)
    case, key = _open(request, org, body)
    intake.reporter_message(case, key, body.text, _files(body.files))
    return Status(201, {"status": "sent"})
