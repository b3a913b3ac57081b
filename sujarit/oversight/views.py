"""Supervisors' board (/oversight/), the national public page (/national/) and the platform page that
grants supervisors (/platform/supervisors/). Every page answers in HTML, JSON, CSV and Excel
(`?format=`); none reads a module's table: they read snapshots (queries.board)."""

import json
import math
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sujarit.core import spreadsheet, thai
from sujarit.core.charts import bar_chart
from sujarit.core.tenancy import platform_view

from . import queries, services
from .forms import SupervisorForm
from .models import Supervisor
from .scopes import Refused, normal_area, scope_of

FORMATS = ("html", "json", "csv", "xlsx")
ORG_ROWS = 100  # organizations per page; the downloads carry all of them
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
    value = _filter_value(request.GET.get("col"), request.GET.get("op"), request.GET.get("value", ""))
    opts = {
        "sort": request.GET.get("sort", "name"),
        "descending": request.GET.get("dir") == "desc",
        "q": request.GET.get("q", ""),
        "filter_key": request.GET.get("col", ""),
        "filter_op": request.GET.get("op", ""),
        "filter_value": value,
    }
    return area, fy, fy_ok, opts


def _filter_value(column, op, text):
    """The number a "<, >, =" filter on a chosen column compares with; Refused, in Thai, when it is
    missing or no number (the form's number field sends numbers only: a hand-made address is told,
    not ignored)."""
    text = thai.arabic_digits(" ".join(text.split())).replace(",", "")
    if not column or op not in ("lt", "gt", "eq"):
        return None
    if not text:
        raise Refused(_("Give the number to compare the figure with."), status=400)
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise Refused(
            _("“%(value)s” is not a number to compare the figure with.") % {"value": text}, status=400
        )
    return value


def _answer(request, area, fy, fy_ok, opts, *, public):
    """The board of `area` in the asked format, from the cache while the area's snapshots are
    unchanged (services.cached_rendering: the freshness rule)."""
    fmt = request.GET.get("format", "html")
    fmt = fmt if fmt in FORMATS else "html"
    key = json.dumps([public, area.query(), fy, fy_ok, sorted(request.GET.items()), get_language()],
                     ensure_ascii=False)  # fmt: skip

    def build(pending):
        board = queries.board(area, fy, public_only=public, pending=pending, **opts)
        return _build(request, board, fmt, fy_ok=fy_ok, public=public)

    found = services.cached_rendering(key, area.organizations(), fy, build)
    if found["kind"] == "html":
        return render(request, "oversight/board.html", {"body": mark_safe(found["body"]), **found["page"]})
    if found["kind"] == "json":
        return HttpResponse(found["content"], content_type="application/json")
    return spreadsheet.file_response(found["filename"], found["content_type"], found["content"])


def _build(request, board, fmt, *, fy_ok, public):
    """What `_answer` keeps: a file's bytes, or the board's HTML without anything of the reader's
    session (no CSRF token, no messages: the page around it is rendered per request)."""
    stem = f"oversight-{board.fiscal_year}-{board.area.label}"
    if fmt == "json":
        content = json.dumps(queries.as_json(board), ensure_ascii=False, cls=DjangoJSONEncoder).encode()
        return {"kind": "json", "content": content}
    if fmt in ("csv", "xlsx"):
        header, rows = queries.table(board)
        if fmt == "csv":
            return {"kind": "file", "filename": f"{stem}.csv", "content_type": "text/csv; charset=utf-8",
                    "content": spreadsheet.csv_bytes(header, rows)}  # fmt: skip
        sheet = spreadsheet.Sheet(
            _("Organizations"),
            [spreadsheet.Column(h, width=40 if i == 0 else 16, wrap=True) for i, h in enumerate(header)],
            rows,
            heading=_("Oversight of fiscal year %(fy)s: %(area)s")
            % {"fy": board.fiscal_year, "area": board.area.label},
        )
        return {"kind": "file", "filename": f"{stem}.xlsx", "content": spreadsheet.xlsx_bytes(sheet),
                "content_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip
    ctx = _context(request, board, fy_ok=fy_ok, public=public)
    title = _("Local governments nationwide") if public else _("Oversight")
    return {
        "kind": "html",
        "body": render_to_string("oversight/_board.html", ctx),
        "page": {"title": f"{title} · {board.area.label}"},
    }


def _context(request, board, *, fy_ok, public):
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
            fmt=_chart_number,
        )
    keep = {k: v for k, v in request.GET.items() if k in ("fy", "q", "col", "op", "value", "chart")}

    def link(area, **extra):
        return "?" + urlencode({**area.query(), **keep, **extra})

    others = {k: v for k, v in request.GET.items() if k not in ("sort", "dir", "format", "page")}
    headers = []
    for key, label in [("name", _("Name of the organization"))] + [(f.key, f.label) for f in board.figures]:
        current = board.sort == key
        # A second click turns the order round; figures start from the largest, names from ก.
        descending = (not board.descending) if current else key != "name"
        headers.append({
            "key": key,
            "label": label,
            "link": "?" + urlencode({**others, "sort": key, "dir": "desc" if descending else "asc"}),
            "aria": ("descending" if board.descending else "ascending") if current else "none",
            "arrow": ("▼" if board.descending else "▲") if current else "",
        })  # fmt: skip
    pages = max(1, -(-len(board.orgs) // ORG_ROWS))
    try:
        page = min(max(1, int(request.GET.get("page", 1))), pages)
    except ValueError:
        page = 1
    shown = board.orgs[(page - 1) * ORG_ROWS : page * ORG_ROWS]
    paged = {k: v for k, v in request.GET.items() if k not in ("page", "format")}
    this_year = thai.current_fiscal_year()
    return {
        "board": board,
        "public": public,
        "fy_ok": fy_ok,
        "years": list(range(this_year, this_year - 5, -1)),
        "chart": chart,
        "chart_figure": chart_figure,
        "trail": [(label, link(area)) for label, area in board.area.trail()],
        "total_cells": board.total.cells(board.figures),
        "groups": [(g, link(g.area), g.cells(board.figures)) for g in board.groups],
        "groups_heading": GROUP_HEADINGS.get(str(board.area.level), ""),
        "headers": headers,
        "org_rows": [(r, r.cells(board.figures)) for r in shown],
        "page": page,
        "pages": pages,
        "first_shown": (page - 1) * ORG_ROWS + 1,
        "last_shown": (page - 1) * ORG_ROWS + len(shown),
        "previous": "?" + urlencode({**paged, "page": page - 1}) if page > 1 else "",
        "next": "?" + urlencode({**paged, "page": page + 1}) if page < pages else "",
        "download": {f: "?" + urlencode({**paged, "format": f}) for f in ("xlsx", "csv", "json")},
        "filter_ops": [
            ("lt", _("less than")), ("gt", _("more than")), ("eq", _("equal to")), ("empty", _("no figure")),
            ("red", _("red")),
        ],
    }  # fmt: skip


def _chart_number(value):
    if value is None:
        return "–"
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def _refused(request, exc, start):
    """A place that is none (or not the reader's): said in Thai, with the way back; nothing else shown."""
    ctx = {"message": str(exc), "start": start}
    return render(request, "oversight/refused.html", ctx, status=exc.status)


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
    return _answer(request, area, fy, fy_ok, opts, public=False)


def national(request):
    """The national public page: the same drill-down with the figures that are public anyway."""
    try:
        area, fy, fy_ok, opts = _params(request, None)
    except Refused as exc:
        return _refused(request, exc, "oversight_site:national")
    return _answer(request, area, fy, fy_ok, opts, public=True)


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
