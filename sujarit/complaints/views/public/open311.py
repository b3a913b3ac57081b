"""Open311 GeoReport v2 under /api/open311/v2/<org-slug>/ (JSON, and XML as the spec requires).

- Only general grievances: corruption categories and cases are never listed, found or counted.
- POST requests.json takes form-encoded parameters (the spec) or a JSON object; no api_key is needed
  (one sent is ignored), so citizens' own apps can file; the request is created at once, so the
  answer carries the service_request_id (the tracking code), never a deferred token.
- The follow secret (to read replies and add information on the website) is returned once, in the
  POST answer only, as the extension field `follow_secret` — never in service_notice, which clients
  may store or show publicly, and never as `token`, which clients put in a URL (tokens/<token>).
- Floods: at most SUJARIT_SUBMISSIONS_PER_MINUTE Open311 cases per organization a minute, and
  PER_CLIENT per client address in PER_CLIENT_WINDOW (counted in the cache under core.throttle.client_tag, a
  daily-rotating HMAC: the address itself is never stored), answered 429.
- No cookie or session is read, so cross-site use is harmless: CORS is open and POST is CSRF-exempt.
"""

import datetime as dt
import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from sujarit.core import codes, throttle
from sujarit.core.models import Organization

from ... import open311
from ...models import Case, Channel
from ...open311 import Open311Error
from ...queries.policy import policy_for
from ...services import general

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# Generous: one Open311 server (e.g. a FixMyStreet instance) may file for many citizens.
PER_CLIENT = getattr(settings, "SUJARIT_OPEN311_PER_CLIENT", 30)  # submissions from one client address …
PER_CLIENT_WINDOW = 600  # … per this many seconds


def _render(fmt, shape, payload, status=200):
    if fmt == "xml":
        body = open311.to_xml(shape, payload)
    else:
        body = json.dumps(payload, ensure_ascii=False)
    response = HttpResponse(body, status=status, content_type=FORMATS.get(fmt, FORMATS["json"]))
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _errors(fmt, error):
    return _render(fmt, "errors", error.as_list(), status=error.status)


def endpoint(*methods):
    """An Open311 view: (request, org, fmt, …) -> (shape, payload[, status]); errors as the spec's list."""

    def decorate(view):
        @csrf_exempt
        def wrapper(request, org_slug, fmt, **kwargs):
            fmt_ok = fmt if fmt in FORMATS else "json"
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Allow-Methods"] = ", ".join((*methods, "OPTIONS"))
                response["Access-Control-Allow-Headers"] = "Content-Type"
                return response
            try:
                if fmt not in FORMATS:
                    raise Open311Error(404, _("Unknown format: use .json or .xml."))
                if request.method not in methods:
                    raise Open311Error(405, _("This method is not allowed here."))
                org = Organization.objects.filter(slug=org_slug).first()
                if org is None:
                    raise Open311Error(404, _("There is no organization with this address."))
                shape, payload, *status = view(request, org, fmt, **kwargs)
            except Open311Error as error:
                response = _errors(fmt_ok, error)
                if error.status == 405:
                    response["Allow"] = ", ".join(methods)
                return response
            return _render(fmt, shape, payload, *status)

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        return wrapper

    return decorate


@endpoint("GET")
def discovery(request, org, fmt):
    """Where the service lives, which formats it speaks, whom to contact."""
    policy = policy_for(org)
    base = request.build_absolute_uri(
        reverse("complaints_site:open311_services", kwargs={"org_slug": org.slug, "fmt": "json"})
    )
    contact = " ".join(p for p in (org.name, policy.phone or org.phone, policy.email or org.email) if p)
    return (
        "discovery",
        {
            "changeset": "2025-01-01T00:00:00+07:00",
            "contact": contact,
            "key_service": _("No API key is needed."),
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": base.rsplit("/", 1)[0],
                    "changeset": "2025-01-01T00:00:00+07:00",
                    "type": "production",
                    "formats": ["application/json", "text/xml"],
                }
            ],
        },
    )


@endpoint("GET")
def services(request, org, fmt):
    """The active general categories as service types."""
    return "services", [open311.service(c) for c in open311.general_categories(org)]


@endpoint("GET")
def service_definition(request, org, fmt, code):
    """A service's extra fields: none (metadata is false for every service)."""
    category = open311.general_categories(org).filter(code=code).first()
    if category is None:
        raise Open311Error(404, _("There is no service with this service_code."))
    return "service_definition", open311.service_definition(category)


def _params(request):
    """The POST parameters: a JSON object when sent as JSON, else the form (as the spec says)."""
    try:
        if request.content_type != "application/json":
            return request.POST
        raw = request.body
    except RequestDataTooBig:
        raise Open311Error(413, _("The request is too large.")) from None
    try:
        data = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Open311Error(400, _("The request body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise Open311Error(400, _("The request body must be an object of parameters."))
    return data


def _check_flood(request, org):
    """Refuse when this organization or this client sends more than the limits (no address is stored)."""
    since = timezone.now() - dt.timedelta(minutes=1)
    recent = Case.objects.for_org(org).filter(channel=Channel.OPEN311, received_at__gte=since).count()
    key = f"sujarit:complaints:open311:{throttle.client_tag(request)}"
    # The client's slot is taken in one atomic count (not checked, then counted): parallel posts
    # from one client cannot all pass before the first is counted.
    if recent >= settings.SUJARIT_SUBMISSIONS_PER_MINUTE or not throttle.take(
        key, PER_CLIENT, PER_CLIENT_WINDOW
    ):
        raise Open311Error(429, _("Too many requests are arriving right now. Please wait and send again."))


def _no_store(view):
    """The POST answer carries the follow secret: no cache may keep it."""

    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "POST":
            response["Cache-Control"] = "no-store"
        return response

    wrapper.csrf_exempt = True
    wrapper.__name__ = view.__name__
    return wrapper


@_no_store
@endpoint("GET", "POST")
def requests(request, org, fmt):
    """GET: service requests (newest first, at most 1000); POST: file a new general complaint."""
    if request.method == "POST":
        return _create(request, org)
    qs = open311.filter_requests(open311.general_requests(org), request.GET)
    return "requests", [open311.request(case) for case in qs]


def _create(request, org):
    categories = {c.code: c for c in open311.general_categories(org)}
    fields = open311.parse_request(_params(request), categories)
    _check_flood(request, org)
    try:
        case, secret = general.submit(org, channel=Channel.OPEN311, **fields)
    except ValidationError as error:
        raise Open311Error(400, *error.messages) from None
    answer = {
        "service_request_id": case.tracking_code,
        "service_notice": open311.service_notice(case),
        "account_id": None,
        "follow_secret": codes.format_secret(secret),
    }
    return "requests", [answer], 200


@endpoint("GET")
def request_detail(request, org, fmt, request_id):
    """One service request by its id (the case's tracking code)."""
    case = open311.general_requests(org).filter(tracking_code=request_id).first()
    if case is None:
        raise Open311Error(404, _("There is no service request with this id."))
    return "requests", [open311.request(case)]


@endpoint("GET")
def token(request, org, fmt, token):
    """Ids are given at once, so a token is the id itself: known ids answer, others are 404."""
    exists = open311.general_requests(org).filter(tracking_code=token).exists()
    if not exists:
        raise Open311Error(404, _("There is no service request with this token."))
    return "requests", [{"service_request_id": token, "token": token}]
