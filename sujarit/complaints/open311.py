"""Open311 GeoReport v2: parsing a client's parameters and mapping general cases to the spec's shapes.

Only general cases and general categories ever pass through here; corruption cases are filtered out
by every query (`general_requests`), so their existence and numbers never reach an Open311 client.
Output never carries the complainant's name, phone or e-mail.
"""

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models import OuterRef, Subquery
from django.utils import dateparse, timezone
from django.utils.translation import gettext as _

from .models import ANSWERED_STATES, Case, CaseEvent, Category, Channel, EventType, Kind

MAX_DESCRIPTION = 4000
MAX_RESULTS = 1000
DEFAULT_DAYS = 90
# A media_url is kept as text at the end of the description (never fetched: no server-side requests
# to addresses a client chooses); the GET output splits it back out.
MEDIA_MARK = "\n\nmedia_url: "
# Events whose text the complainant sees as the organization's answer (status_notes).
ANSWER_EVENTS = (EventType.REPLY, EventType.STATE, EventType.EXPLANATION, EventType.OUTCOME)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Open311Error(Exception):
    """A client error: answered as the spec's list of {code, description}."""

    def __init__(self, status, *descriptions):
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = [str(d) for d in descriptions]

    def as_list(self):
        return [{"code": self.status, "description": d} for d in self.descriptions]


# ---------------------------------------------------------------------------------------------- parsing


def _text(data, name, limit):
    value = data.get(name)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Open311Error(400, _("%(field)s must be text.") % {"field": name})
    value = _CONTROL.sub("", str(value)).strip()
    if len(value) > limit:
        raise Open311Error(
            400, _("%(field)s is longer than %(limit)d characters.") % {"field": name, "limit": limit}
        )
    return value


def _coordinate(data, name, bound):
    raw = _text(data, name, 40)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, _("%(field)s must be a number.") % {"field": name}) from None
    if not math.isfinite(value) or abs(value) > bound:
        raise Open311Error(
            400, _("%(field)s must be between -%(bound)d and %(bound)d.") % {"field": name, "bound": bound}
        )
    return Decimal(str(round(value, 6))).quantize(Decimal("0.000001"))


def parse_request(data, categories):
    """The cleaned fields of a POST service request, or Open311Error (nothing is written here).

    `data` is a mapping of the client's parameters (form or JSON); `categories` maps a service code to
    its active general Category.
    """
    if not hasattr(data, "get"):
        raise Open311Error(400, _("The request body must be an object of parameters."))
    code = _text(data, "service_code", 40)
    if not code:
        raise Open311Error(400, _("service_code is required."))
    category = categories.get(code)
    if category is None:
        raise Open311Error(400, _("There is no service with this service_code."))
    description = _text(data, "description", MAX_DESCRIPTION)
    if not description:
        raise Open311Error(400, _("description is required: say what the problem is."))
    latitude = _coordinate(data, "lat", 90)
    longitude = _coordinate(data, "long", 180)
    if (latitude is None) != (longitude is None):
        raise Open311Error(400, _("lat and long must be given together."))
    address = _text(data, "address_string", 300) or _text(data, "address_id", 300)
    if latitude is None and not address:
        raise Open311Error(400, _("A location is required: lat and long, address_string or address_id."))
    email = _text(data, "email", 254)
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise Open311Error(400, _("email is not a valid e-mail address.")) from None
    media_url = _text(data, "media_url", 1000)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise Open311Error(400, _("media_url must be an http or https address.")) from None
        description += MEDIA_MARK + media_url
    name = " ".join(p for p in (_text(data, "first_name", 100), _text(data, "last_name", 100)) if p)
    return {
        "category": category,
        "subject": _subject(description.split(MEDIA_MARK)[0], category),
        "description": description,
        "location": address,
        "latitude": latitude,
        "longitude": longitude,
        "name": name,
        "phone": _text(data, "phone", 50),
        "email": email,
    }


def _subject(description, category):
    first = description.strip().splitlines()[0].strip() if description.strip() else ""
    if not first:
        return category.name
    return first if len(first) <= 100 else first[:99] + "…"


def parse_datetime(name, raw):
    """An ISO 8601 date or date-time parameter as (aware datetime, date_only), or Open311Error."""
    raw = (raw or "").strip()
    error = Open311Error(
        400, _("%(field)s must be an ISO 8601 date, e.g. 2025-01-31T08:00:00+07:00.") % {"field": name}
    )
    if not raw or len(raw) > 40:
        raise error
    try:
        value = dateparse.parse_datetime(raw)
        date_only = False
        if value is None:
            day = dateparse.parse_date(raw)
            if day is None:
                raise error
            value, date_only = dt.datetime.combine(day, dt.time()), True
    except ValueError:
        raise error from None
    # Outside these years a date is a typo, and extreme ones overflow when moved to UTC.
    if not 1900 <= value.year <= 2200:
        raise error
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value, date_only


def _list(raw, limit=100):
    return [p.strip() for p in (raw or "").split(",") if p.strip()][:limit]


def filter_requests(qs, params):
    """Apply GET requests.json filters (ids override the rest, as the spec says), newest first."""
    ids = _list(params.get("service_request_id"), MAX_RESULTS)
    if ids:
        return qs.filter(tracking_code__in=ids)[:MAX_RESULTS]
    codes = _list(params.get("service_code"))
    if codes:
        qs = qs.filter(category__code__in=codes)
    statuses = set(_list(params.get("status")))
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status must be open or closed."))
    if statuses == {"open"}:
        qs = qs.exclude(state__in=ANSWERED_STATES)
    elif statuses == {"closed"}:
        qs = qs.filter(state__in=ANSWERED_STATES)
    start = end = None
    if params.get("start_date") is not None:
        start, _d = parse_datetime("start_date", params.get("start_date"))
    if params.get("end_date") is not None:
        end, date_only = parse_datetime("end_date", params.get("end_date"))
        if date_only:
            end += dt.timedelta(days=1)  # a plain end date includes that whole day
    if start is not None and end is not None and start > end:
        raise Open311Error(400, _("start_date must not be after end_date."))
    if start is None and end is None:
        start = timezone.now() - dt.timedelta(days=DEFAULT_DAYS)
    if start is not None:
        qs = qs.filter(received_at__gte=start)
    if end is not None:
        qs = qs.filter(received_at__lt=end) if date_only else qs.filter(received_at__lte=end)
    return qs[:MAX_RESULTS]


# ------------------------------------------------------------------------------------------- mapping


def general_categories(org):
    """The organization's active general categories: its Open311 services."""
    return Category.objects.for_org(org).filter(kind=Kind.GENERAL, active=True).select_related("unit")


def general_requests(org):
    """General cases of the organization, with what the output needs in one query."""
    latest_answer = (
        CaseEvent.objects.filter(case=OuterRef("pk"), type__in=ANSWER_EVENTS, by_complainant=False)
        .exclude(body="")
        .order_by("-created_at", "-pk")
        .values("body")[:1]
    )
    return (
        Case.objects.for_org(org)
        .general()
        .counted()  # spam and tests are not republished
        .exclude(tracking_code__isnull=True)
        .select_related("category", "unit")
        .annotate(status_notes=Subquery(latest_answer))
        .order_by("-received_at", "-pk")
    )


def iso(value):
    """ISO 8601 with the Bangkok offset (+07:00), to the second."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def expected(due_date):
    """The due date as the last second of that day in Bangkok (the 15-day rule)."""
    if due_date is None:
        return None
    return iso(timezone.make_aware(dt.datetime.combine(due_date, dt.time(23, 59, 59))))


def status_of(case):
    return "closed" if case.state in ANSWERED_STATES else "open"


def service_notice(case):
    return _("The organization will act on this request or explain the delay by %(date)s.") % {
        "date": case.due_date.isoformat()
    }


def service(category):
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": category.unit.name if category.unit else "",
    }


def service_definition(category):
    return {"service_code": category.code, "attributes": []}


def request(case):
    """One case as a GeoReport service request (no complainant identity or contact).

    Only a request filed through Open311 itself, whose client knows GeoReport publishes it, shows its
    description, place and the organization's latest answer; a case filed on the website, by phone or
    in person shows only its service, state and dates (nobody was told their words would be public).
    """
    published = case.channel == Channel.OPEN311
    description, _sep, media_url = (case.description or "").partition(MEDIA_MARK)
    if not published:
        description, media_url = "", ""
    return {
        "service_request_id": case.tracking_code,
        "status": status_of(case),
        "status_notes": (getattr(case, "status_notes", None) or "") if published else "",
        "service_name": case.category.name if case.category else "",
        "service_code": case.category.code if case.category else "",
        "description": description,
        "agency_responsible": case.unit.name if case.unit else "",
        "service_notice": service_notice(case),
        "requested_datetime": iso(case.received_at),
        "updated_datetime": iso(case.updated_at),
        "expected_datetime": expected(case.due_date),
        "address": case.location if published else "",
        "address_id": "",
        "zipcode": "",
        "lat": float(case.latitude) if published and case.latitude is not None else None,
        "long": float(case.longitude) if published and case.longitude is not None else None,
        "media_url": media_url,
    }


# ----------------------------------------------------------------------------------------------- XML

# Root and item element of each response shape, as in the spec's XML examples.
XML_SHAPES = {
    "services": ("services", "service"),
    "requests": ("service_requests", "request"),
    "errors": ("errors", "error"),
}


# Element name of one item of a list-valued field.
LIST_ITEMS = {"attributes": "attribute", "endpoints": "endpoint", "formats": "format", "values": "value"}


def _fill(element, value, item_tag="value"):
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ET.SubElement(element, key), inner, LIST_ITEMS.get(key, "value"))
    elif isinstance(value, list):
        for inner in value:
            _fill(ET.SubElement(element, item_tag), inner)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def to_xml(shape, payload):
    """The payload as the spec's XML: a list under its root, or a single object (definition, discovery)."""
    if shape in XML_SHAPES:
        root_tag, item_tag = XML_SHAPES[shape]
        root = ET.Element(root_tag)
        for item in payload:
            _fill(ET.SubElement(root, item_tag), item)
    else:
        root = ET.Element(shape)
        _fill(root, payload)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
