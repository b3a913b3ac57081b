"""Open data for anyone: publications and compliance as JSON and CSV, and for harvesters the DCAT-AP
catalogue and CKAN's read actions (queries/ckan.py)."""

from urllib.parse import urlencode

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sujarit.core.models import Organization
from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, csv_bytes, file_response
from sujarit.core.tenancy import public_view

from ...queries import ckan, opendata


def _absolute(request):
    return lambda p: request.build_absolute_uri(p) if p and p.startswith("/") else p


@public_view
def opendata_json(request, org):
    data = opendata.as_json(org, _absolute(request))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_view
def opendata_csv(request, org):
    table = "compliance" if request.GET.get("table") == "compliance" else "publications"
    header, rows = opendata.csv_table(org, _absolute(request), table)
    response = file_response(f"{org.slug}-{table}.csv", CSV_CONTENT_TYPE, csv_bytes(header, rows))
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- DCAT and CKAN for harvesters (global URLs) ------------------------------------------------


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_view
def dcat(request, org):
    absolute = _absolute(request)
    slug = {"org_slug": org.slug}
    doc = opendata.dcat_catalog(
        org,
        absolute,
        absolute(request.path),
        absolute(reverse("core:org_home", kwargs=slug)),
        {
            "json": absolute(reverse("disclosure:opendata_json", kwargs=slug)),
            "csv": absolute(reverse("disclosure:opendata_csv", kwargs=slug)),
        },
    )
    response = JsonResponse(doc, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return _cors(response)


@csrf_exempt  # every action only reads; no cookie or session is used
@require_http_methods(["GET", "HEAD", "POST", "OPTIONS"])
def ckan_action(request, org_slug, action):
    """CKAN's action API (read actions) at {base}/api/action/<name> and {base}/api/3/action/<name>."""
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type, Authorization, X-CKAN-API-Key"
        return _cors(response)
    help_url = reverse("disclosure_site:ckan_action_3", kwargs={"org_slug": org_slug, "action": "help_show"})
    envelope = {"help": request.build_absolute_uri(f"{help_url}?{urlencode({'name': action})}")}
    try:
        org = Organization.objects.filter(slug=org_slug).first()
        if org is None:
            raise ckan.not_found(_("There is no organization with this address."))
        try:
            body = request.body
        except RequestDataTooBig:
            raise ckan.bad_request(_("The request is too large.")) from None
        try:
            form = request.POST.lists() if request.content_type == "multipart/form-data" else None
        except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
            raise ckan.bad_request(_("The form could not be read (malformed, or too many fields).")) from None
        params = ckan.request_params(request.method, request.content_type, body, request.GET.lists(), form)
        result = ckan.call(org, action, params, _absolute(request))
    except ckan.ActionError as error:
        status = error.status
        envelope.update(success=False, error=error.error)
    else:
        status = 200
        envelope.update(success=True, result=result)
    return _cors(JsonResponse(envelope, status=status, json_dumps_params={"ensure_ascii": False}))
