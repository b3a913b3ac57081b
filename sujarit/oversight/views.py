"""Supervisors' board (/oversight/), the national public page (/national/) and the platform page that
grants supervisors (/platform/supervisors/). Every page answers in HTML, JSON, CSV and Excel
(`?format=`); none reads a module's table: they read snapshots (queries.board)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sujarit.core import spreadsheet, thai
from sujarit.core.charts import bar_chart
from sujarit.core.tenancy import platform_view

from . import queries, services
from .forms import SupervisorForm
from .models import Supervisor
from .scopes import Refused, normal_area, scope_of

FORMATS = ("html", "json", "csv", "xlsx")
ORG_ROWS = 500  # rows of organizations on the page; the downloads carry all of them
GROUP_HEADINGS = {
    "country": "ภาค (สำนักงาน ป.ป.ช. ประจำภาค)",
    "region": "จังหวัด",
    "province": "อำเภอ",
}


def _params(request, scope):
    """Area, fiscal year and table options from the query string; refusals in Thai for what is no place."""
    area = normal_area(request.GET.get("region"), request.GET.get("province"), request.GET.get("district"))
    if scope is not None and not scope.contains(area):
        if area.level == "country" and not request.GET.get("region"):
            area = scope  # the reader's own scope is where their page starts
        else:
            raise Refused(_("That area is outside what you oversee."))
    fy, fy_ok = thai.parse_fiscal_year(request.GET.get("fy"))
    try:
        value = float(request.GET["value"]) if request.GET.get("value") else None
    except ValueError:
        value = None
    opts = {
        "sort": request.GET.get("sort", "name"),
        "descending": request.GET.get("dir") == "desc",
        "q": request.GET.get("q", ""),
        "filter_key": request.GET.get("col", ""),
        "filter_op": request.GET.get("op", ""),
        "filter_value": value,
    }
    return area, fy, fy_ok, opts


def _render(request, template, board, *, fy_ok, public, scope):
    fmt = request.GET.get("format", "html")
    if fmt not in FORMATS:
        fmt = "html"
    stem = f"oversight-{board.fiscal_year}-{board.area.label}"
    if fmt == "json":
        return JsonResponse(queries.as_json(board), json_dumps_params={"ensure_ascii": False})
    if fmt in ("csv", "xlsx"):
        header, rows = queries.table(board)
        if fmt == "csv":
            return spreadsheet.file_response(
                f"{stem}.csv", "text/csv; charset=utf-8", spreadsheet.csv_bytes(header, rows)
            )
        sheet = spreadsheet.Sheet(
            _("Organizations"),
            [spreadsheet.Column(h, width=40 if i == 0 else 16, wrap=True) for i, h in enumerate(header)],
            rows,
            heading=_("Oversight of fiscal year %(fy)s: %(area)s")
            % {"fy": board.fiscal_year, "area": board.area.label},
        )
        return spreadsheet.file_response(
            f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            spreadsheet.xlsx_bytes(sheet),
        )
    chart_key = request.GET.get("chart") or next(
        (f.key for f in board.figures if f.unit == "percent" and f.colour),
        board.figures[0].key if board.figures else "",
    )
    chart_figure = next((f for f in board.figures if f.key == chart_key), None)
    chart = None
    if chart_figure is not None and board.groups:
        chart = bar_chart(
            [(g.label, g.values.get(chart_figure.key)) for g in board.groups],
            title=str(chart_figure.label),
            max_value=100 if chart_figure.unit in ("percent", "score") else None,
            fmt=lambda v: (
                "–"
                if v is None
                else f"{v:,.1f}".rstrip("0").rstrip(".")
                if isinstance(v, float)
                else f"{v:,}"
            ),
        )
    keep = {k: v for k, v in request.GET.items() if k in ("fy", "q", "col", "op", "value", "chart")}

    def link(area, **extra):
        return "?" + urlencode({**area.query(), **keep, **extra})

    sort_keep = {k: v for k, v in request.GET.items() if k not in ("sort", "dir", "format")}
    headers = []
    for key, label in [("name", _("Name of the organization"))] + [(f.key, f.label) for f in board.figures]:
        current = board.sort == key
        # A second click turns the order round; figures start from the largest, names from ก.
        descending = (not board.descending) if current else key != "name"
        headers.append({
            "key": key,
            "label": label,
            "link": "?" + urlencode({**sort_keep, "sort": key, "dir": "desc" if descending else "asc"}),
            "aria": ("descending" if board.descending else "ascending") if current else "none",
            "arrow": ("▼" if board.descending else "▲") if current else "",
        })  # fmt: skip
    shown = board.orgs[:ORG_ROWS]
    ctx = {
        "board": board,
        "public": public,
        "scope": scope,
        "fy_ok": fy_ok,
        "years": list(range(thai.current_fiscal_year(), thai.current_fiscal_year() - 5, -1)),
        "chart": chart,
        "chart_figure": chart_figure,
        "trail": [(label, link(area)) for label, area in board.area.trail()],
        "total_cells": board.total.cells(board.figures),
        "groups": [(g, link(g.area), g.cells(board.figures)) for g in board.groups],
        "groups_heading": GROUP_HEADINGS.get(str(board.area.level), ""),
        "headers": headers,
        "org_rows": [(r, r.cells(board.figures)) for r in shown],
        "shown_count": len(shown),
        "download": {f: "?" + urlencode({**request.GET.dict(), "format": f}) for f in ("xlsx", "csv", "json")},
        "filter_ops": [
            ("lt", _("less than")), ("gt", _("more than")), ("eq", _("equal to")), ("empty", _("no figure")),
            ("red", _("red")),
        ],
    }  # fmt: skip
    return render(request, template, ctx)


def _refused(request, exc, start):
    """A place that is none (or not the reader's): said in Thai, with the way back; nothing else shown."""
    return render(request, "oversight/refused.html", {"message": str(exc), "start": start}, status=404)


def board(request):
    """The supervisor's board: aggregates of their scope, drill-down, every organization's figures."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    scope = scope_of(request.user)
    if scope is None:
        raise PermissionDenied(_("This page is for supervisors of many organizations."))
    try:
        area, fy, fy_ok, opts = _params(request, scope)
    except Refused as exc:
        return _refused(request, exc, "oversight_site:board")
    found = queries.board(area, fy, **opts)
    return _render(request, "oversight/board.html", found, fy_ok=fy_ok, public=False, scope=scope)


def national(request):
    """The national public page: the same drill-down with the figures that are public anyway."""
    try:
        area, fy, fy_ok, opts = _params(request, None)
    except Refused as exc:
        return _refused(request, exc, "oversight_site:national")
    found = queries.board(area, fy, public_only=True, **opts)
    return _render(request, "oversight/board.html", found, fy_ok=fy_ok, public=True, scope=None)


@platform_view
def supervisors(request):
    form = SupervisorForm(request.POST or None)
    link = ""
    if request.method == "POST" and form.is_valid():
        try:
            supervisor, link = services.grant(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for msg in exc.messages:
                form.add_error(None, msg)
        else:
            messages.success(
                request,
                _("%(name)s now oversees %(scope)s.")
                % {"name": supervisor.full_name, "scope": supervisor.get_scope_display()},
            )
            if not link:
                return redirect("oversight_site:supervisors")
            form = SupervisorForm()
    status = 400 if request.method == "POST" and form.errors else 200
    ctx = {
        "form": form,
        "link": link,
        "supervisors": Supervisor.objects.select_related("user"),
        "provinces": thai.provinces(),
    }
    return render(request, "oversight/supervisors.html", ctx, status=status)


@platform_view
def withdraw(request, pk):
    supervisor = get_object_or_404(Supervisor.objects.select_related("user"), pk=pk)
    if request.method != "POST":
        return render(request, "oversight/withdraw.html", {"supervisor": supervisor})
    services.withdraw(supervisor, by=request.user)
    messages.success(
        request, _("%(name)s no longer oversees any organization.") % {"name": supervisor.full_name}
    )
    return redirect("oversight_site:supervisors")
