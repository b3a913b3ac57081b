"""The back office: projects, vendors, imports and red flags. Every write is a service verb."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sujarit.core import thai
from sujarit.core.permissions import can
from sujarit.core.spreadsheet import XLSX_CONTENT_TYPE, Column, Sheet, file_response, xlsx_bytes
from sujarit.core.tenancy import staff_view

from .. import analysis, exports, ingest, queries, redflags
from ..forms import AnalysisForm, ChannelForm, ImportForm, ProjectForm, ReviewForm, VendorForm
from ..ingest.template import TEMPLATE_COLUMNS
from ..models import ImportBatch, Project, Vendor
from ..services import analysis as services_analysis
from ..services import importing, records, reviews


@staff_view("procurement.view")
def projects(request, org):
    fy, _ok = thai.parse_fiscal_year(request.GET.get("fy"))
    start, end = thai.fiscal_year_bounds(fy)
    rows = (
        Project.objects.for_org(org)
        .in_range(start, end)
        .select_related("winner", "unit")
        .annotate(bidders=Count("bids"))
        .order_by("-contract_date", "-announced_on", "-pk")
    )
    ctx = {
        "fy": fy,
        "years": queries.fiscal_years(org),
        "projects": rows,
        "undated": Project.objects.for_org(org).filter(contract_date=None, announced_on=None),
        "can_manage": can(request.user, org, "procurement.manage"),
    }
    return render(request, "procurement/staff/projects.html", ctx)


@staff_view("procurement.manage")
def project_edit(request, org, pk=None):
    project = get_object_or_404(Project.objects.for_org(org), pk=pk) if pk else None
    form = ProjectForm(request.POST or None, instance=project, org=org)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "bids_text"}
        try:
            records.save_project(
                org, values, form.cleaned_data["bids_text"], by=request.user, project=project
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("procurement_staff:projects", org_slug=org.slug)
    return render(request, "procurement/staff/project_edit.html", {"form": form, "project": project})


@staff_view("procurement.view")
def vendors(request, org):
    rows = Vendor.objects.for_org(org).prefetch_related("directors").annotate(wins=Count("won"))
    ctx = {"vendors": rows, "can_manage": can(request.user, org, "procurement.manage")}
    return render(request, "procurement/staff/vendors.html", ctx)


@staff_view("procurement.manage")
def vendor_edit(request, org, pk=None):
    vendor = get_object_or_404(Vendor.objects.for_org(org), pk=pk) if pk else None
    initial = {}
    if vendor is not None:
        initial = {
            "name": vendor.name,
            "tax_id": vendor.tax_id,
            "address": vendor.address,
            "phone": vendor.phone,
            "directors": "\n".join(f"{d.name} | {d.id_number}" for d in vendor.directors.all()),
        }
    form = VendorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            records.save_vendor(org, by=request.user, vendor=vendor, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The vendor is saved."))
            return redirect("procurement_staff:vendors", org_slug=org.slug)
    return render(request, "procurement/staff/vendor_edit.html", {"form": form, "vendor": vendor})


@staff_view("procurement.manage")
def import_file(request, org):
    form = ImportForm(request.POST or None, request.FILES or None)
    result, rejected, status = None, None, 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.SUJARIT_MAX_UPLOAD_BYTES:
            form.add_error(
                "file",
                _("The file is too large; the limit is %(limit)s MB.")
                % {"limit": settings.SUJARIT_MAX_UPLOAD_BYTES // 1048576},
            )
            status = 400
        else:  # the importer recognises CSV (UTF-8 or TIS-620) and .xlsx by content
            try:
                result = importing.import_file(org, upload.read(), upload.name, by=request.user)
            except ingest.ImportRejected as exc:
                rejected, status = exc, 400
    ctx = {
        "form": form,
        "result": result,
        "rejected": rejected,
        "batches": ImportBatch.objects.for_org(org)[:10],
        "columns": TEMPLATE_COLUMNS,
    }
    return render(request, "procurement/staff/import.html", ctx, status=status)


@staff_view("procurement.manage")
def import_template(request, org):
    sheet = Sheet(
        title="แบบฟอร์มนำเข้า",
        columns=[Column(title, 20) for title in TEMPLATE_COLUMNS],
        rows=[],
    )
    return file_response("แบบฟอร์มนำเข้าการจัดซื้อจัดจ้าง.xlsx", XLSX_CONTENT_TYPE, xlsx_bytes(sheet))


@staff_view("procurement.view")
def flags(request, org):
    fy, _ok = thai.parse_fiscal_year(request.GET.get("fy"))
    found = redflags.compute(org, fy)
    params = redflags.parameters()
    codes = sorted({f.code for f in found})
    ctx = {
        "fy": fy,
        "years": queries.fiscal_years(org),
        "flags": found,
        "rules": [(c, redflags.rule_text(c, params)) for c in redflags.RULES],
        "flagged_codes": codes,
        "can_review": can(request.user, org, "procurement.review"),
    }
    return render(request, "procurement/staff/flags.html", ctx)


@staff_view("procurement.review")
def flag_review(request, org, fiscal_year, code, key):
    flag = redflags.find(org, fiscal_year, code, key)
    if flag is None:
        raise Http404(key)
    initial = {"outcome": flag.review.outcome, "note": flag.review.note} if flag.review else {}
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reviews.review_flag(org, flag, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The review is recorded."))
            return redirect(
                reverse("procurement_staff:flags", kwargs={"org_slug": org.slug}) + f"?fy={fiscal_year}"
            )
    ctx = {"flag": flag, "form": form, "rule": redflags.rule_text(code), "fy": fiscal_year}
    return render(request, "procurement/staff/flag_review.html", ctx)


@staff_view("procurement.view")
def analysis_page(request, org):
    """The year's analysis as it will be published; the officer writes its text, publishes it and records
    the other channels it went out through."""
    fy, _ok = thai.parse_fiscal_year(request.GET.get("fy") or request.POST.get("fy"))
    a = analysis.build(org, fy)
    record = a.record
    can_manage = can(request.user, org, "procurement.manage")
    text_form = AnalysisForm(
        initial={"problems": record.problems, "improvements": record.improvements} if record else {}
    )
    channel_form = ChannelForm()
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("procurement.manage")
        action = request.POST.get("action")
        try:
            if action == "save":
                text_form = AnalysisForm(request.POST)
                if text_form.is_valid():
                    services_analysis.save_analysis(org, fy, by=request.user, **text_form.cleaned_data)
                    messages.success(request, _("The analysis text is saved."))
                else:
                    status = 400
            elif action == "publish":
                services_analysis.publish_analysis(org, fy, by=request.user)
                messages.success(request, _("The analysis is published on the website."))
            elif action == "channel":
                channel_form = ChannelForm(request.POST)
                if channel_form.is_valid():
                    services_analysis.record_channel(org, fy, by=request.user, **channel_form.cleaned_data)
                    messages.success(request, _("The channel is recorded."))
                else:
                    status = 400
            else:
                raise Http404(action)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
        if status == 200:
            return redirect(
                reverse("procurement_staff:analysis", kwargs={"org_slug": org.slug}) + f"?fy={fy}"
            )
        a = analysis.build(org, fy)
    ctx = {
        "fy": fy,
        "years": queries.fiscal_years(org),
        "a": a,
        "channels": analysis.channels(a.record),
        "text_form": text_form,
        "channel_form": channel_form,
        "can_manage": can_manage,
    }
    return render(request, "procurement/staff/analysis.html", ctx, status=status)


@staff_view("procurement.view")
def analysis_download(request, org, fiscal_year, fmt):
    if fmt not in ("pdf", "xlsx"):
        raise Http404(fmt)
    try:
        filename, content_type, data = exports.analysis_file(org, fmt, fiscal_year)
    except LookupError:
        raise Http404(fiscal_year) from None
    return file_response(filename, content_type, data, inline=fmt == "pdf")
