"""Open data for anyone: publications and compliance as JSON and CSV, and for harvesters the DCAT-AP
catalogue and CKAN's package_list / package_show / package_search."""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, csv_bytes, file_response
from sujarit.core.tenancy import public_view

from ...queries import opendata


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


def _ckan(request, result, status=200):
    body = {"help": request.build_absolute_uri(request.path), "success": status == 200}
    body["result" if status == 200 else "error"] = result
    return _cors(JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False}))


@public_view
def ckan_package_list(request, org):
    return _ckan(request, [opendata.ckan_name(p) for p in opendata.publications(org)])


def _int(value, default, high):
    # isdigit() alone accepts "²", which int() refuses.
    return min(int(value), high) if value and value.isascii() and value.isdigit() else default


@public_view
def ckan_package_search(request, org):
    rows, start = _int(request.GET.get("rows"), 100, 1000), _int(request.GET.get("start"), 0, 10**9)
    pubs = opendata.publications(org)
    absolute = _absolute(request)
    page = [opendata.ckan_package(org, p, absolute) for p in pubs[start : start + rows]]
    return _ckan(request, {"count": pubs.count(), "results": page})


@public_view
def ckan_package_show(request, org):
    ident = (request.GET.get("id") or "").removeprefix("pub-")
    p = (
        opendata.publications(org).filter(pk=int(ident)).first()
        if ident.isascii() and ident.isdigit()
        else None
    )
    if p is None:
        return _ckan(request, {"__type": "Not Found Error", "message": _("Not found")}, status=404)
    return _ckan(request, opendata.ckan_package(org, p, _absolute(request)))
