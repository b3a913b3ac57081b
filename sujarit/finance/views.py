"""Budget control pages: the ordinance's lines with transfers and flags, disbursements with their
cross-check, and the spending reports (public and back office). Every write is a service verb."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.permissions import can
from sujarit.core.spreadsheet import file_response
from sujarit.core.tenancy import public_view, staff_view

from . import exports, queries, services
from .forms import CheckForm, DisbursementForm, LineForm, MeetingForm, TransferForm
from .models import BudgetLine, Disbursement, MonitoringMeeting


def _years(request):
    fy, _ok = thai.parse_fiscal_year(request.GET.get("fy") or request.POST.get("fy"))
    return fy, [fy + 1, fy, fy - 1, fy - 2]


def _back(name, org, fy):
    return redirect(reverse(name, kwargs={"org_slug": org.slug}) + f"?fy={fy}")


@staff_view("finance.view")
def lines(request, org):
    fy, years = _years(request)
    qs = BudgetLine.objects.for_org(org).filter(fiscal_year=fy)
    forms = {"line": LineForm(), "transfer": TransferForm(lines=qs), "meeting": MeetingForm()}
    status = 200
    if request.method == "POST":
        if not can(request.user, org, "finance.manage"):
            raise PermissionDenied("finance.manage")
        action = request.POST.get("action")
        if action not in forms:
            raise Http404(action)
        form = (
            TransferForm(request.POST, lines=qs)
            if action == "transfer"
            else type(forms[action])(request.POST)
        )
        forms[action] = form
        if form.is_valid():
            try:
                if action == "line":
                    services.add_line(org, fiscal_year=fy, by=request.user, **form.cleaned_data)
                    messages.success(request, _("The budget line is added."))
                elif action == "transfer":
                    services.transfer(org, by=request.user, **form.cleaned_data)
                    messages.success(request, _("The transfer is recorded."))
                else:
                    services.record_meeting(org, by=request.user, **form.cleaned_data)
                    messages.success(request, _("The meeting is recorded."))
                return _back("finance_staff:lines", org, fy)
            except ValidationError as exc:
                form.add_error(None, exc)
        status = 400
    rows = queries.report(org, queries.year_period(fy))
    ctx = {
        "fy": fy,
        "years": years,
        "rows": rows,
        "totals": queries.totals(rows),
        "flags": queries.flags(org, fy),
        "quarters": queries.quarters(fy),
        "line_form": forms["line"],
        "transfer_form": forms["transfer"],
        "meeting_form": forms["meeting"],
        "meetings": MonitoringMeeting.objects.for_org(org).filter(on__range=thai.fiscal_year_bounds(fy)),
        "can_manage": can(request.user, org, "finance.manage"),
    }
    return render(request, "finance/staff/lines.html", ctx, status=status)


@staff_view("finance.view")
def disbursements(request, org):
    fy, years = _years(request)
    qs = BudgetLine.objects.for_org(org).filter(fiscal_year=fy)
    form = DisbursementForm(lines=qs)
    status = 200
    if request.method == "POST":
        if not can(request.user, org, "finance.manage"):
            raise PermissionDenied("finance.manage")
        form = DisbursementForm(request.POST, lines=qs)
        if form.is_valid():
            try:
                services.record_disbursement(org, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The disbursement is recorded."))
                return _back("finance_staff:disbursements", org, fy)
        status = 400
    rows = (
        Disbursement.objects.for_org(org)
        .filter(line__fiscal_year=fy)
        .select_related("line", "recorded_by", "checked_by")
    )
    ctx = {
        "fy": fy,
        "years": years,
        "rows": rows,
        "form": form,
        "can_manage": can(request.user, org, "finance.manage"),
        "can_check": can(request.user, org, "finance.check"),
    }
    return render(request, "finance/staff/disbursements.html", ctx, status=status)


@staff_view("finance.check")
def check(request, org, pk):
    row = get_object_or_404(Disbursement.objects.for_org(org).select_related("line", "recorded_by"), pk=pk)
    form = CheckForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.cross_check(org, row, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The cross-check is recorded."))
                return _back("finance_staff:disbursements", org, row.line.fiscal_year)
        status = 400
    return render(request, "finance/staff/check.html", {"row": row, "form": form}, status=status)


def _period(slug):
    try:
        return queries.period_of(slug)
    except ValueError:
        raise Http404(slug) from None


@public_view
def index(request, org):
    fy, years = _years(request)
    return render(
        request,
        "finance/public/index.html",
        {"fy": fy, "years": years, "quarters": queries.quarters(fy), "months": queries.months(fy)},
    )


@public_view
def spending(request, org, slug):
    period = _period(slug)
    rows = queries.report(org, period)
    ctx = {"period": period, "title": exports.title(period), "rows": rows, "totals": queries.totals(rows)}
    return render(request, "finance/public/spending.html", ctx)


@public_view
def spending_file(request, org, slug, fmt):
    period = _period(slug)
    if fmt not in ("pdf", "xlsx"):
        raise Http404(fmt)
    try:
        filename, content_type, data = exports.report_file(org, period, fmt)
    except LookupError:
        raise Http404(slug) from None
    return file_response(filename, content_type, data, inline=fmt == "pdf")
