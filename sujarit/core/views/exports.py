"""The export centre: every export the modules register, listed and served from the registry."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import services
from ..permissions import can, ensure
from ..registry import registry
from ..spreadsheet import file_response
from ..tenancy import staff_view
from ..thai import current_fiscal_year

ROUNDS = (6, 12)


def _visible(user, org):
    return [e for e in registry.exports.values() if can(user, org, e.permission)]


def _params(export, query):
    """The export's declared choices from the query string, checked; raises ValueError in Thai."""
    params = {}
    if "fiscal_year" in export.params:
        try:
            year = int(query.get("fiscal_year", current_fiscal_year()))
        except (TypeError, ValueError):
            raise ValueError(_("The fiscal year must be a Buddhist Era year such as 2568.")) from None
        if not 2400 <= year <= 3000:
            raise ValueError(_("The fiscal year must be a Buddhist Era year such as 2568."))
        params["fiscal_year"] = year
    if "round" in export.params:
        try:
            rnd = int(query.get("round", 12))
        except (TypeError, ValueError):
            rnd = 0
        if rnd not in ROUNDS:
            raise ValueError(_("The report round is 6 or 12 months."))
        params["round"] = rnd
    return params


@staff_view("core.staff_home")
def index(request, org):
    return _index(request, org)


def _index(request, org, status=200):
    this_year = current_fiscal_year()
    ctx = {
        "exports": _visible(request.user, org),
        "years": range(this_year, this_year - 6, -1),
        "rounds": ROUNDS,
    }
    return render(request, "core/staff/exports.html", ctx, status=status)


@staff_view("core.staff_home")
def download(request, org, key, fmt):
    export = registry.exports.get(key)
    if export is None or fmt not in export.formats:
        raise Http404(key)
    ensure(request.user, org, export.permission)
    try:
        params = _params(export, request.GET)
    except ValueError as exc:
        messages.error(request, str(exc))
        return _index(request, org, status=400)
    try:
        filename, content_type, data = services.run_export(org, export, fmt, by=request.user, **params)
    except LookupError:
        messages.error(request, _("There is nothing to export for this choice yet."))
        return _index(request, org, status=404)
    return file_response(filename, content_type, data)
