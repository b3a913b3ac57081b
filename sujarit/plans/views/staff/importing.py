"""Back office: upload a plan document, preview its lint findings and what it changes, then import.

The uploaded bytes are kept between the two steps as a core Attachment of the organization (size,
type and sha256 checked); the confirm step re-reads and re-parses them, so what is imported is
exactly what was previewed.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core import files
from sujarit.core.models import Attachment, Unit
from sujarit.core.permissions import can
from sujarit.core.tenancy import staff_view

from ... import queries
from ...lint import lint_plan
from ...models import Item
from ...parsing import PlanParseError, parse_plan
from ...services.diffing import PlanNotImportable, check_importable, diff_plan, find_plan, unit_name
from ...services.importing import assign_unit, import_plan, unassigned_items

PLAN_KINDS = ("text", "docx")
DOCX_TYPE = files.content_type_of("docx")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Plan document (.txt or .docx)"),
        help_text=gettext_lazy("The plan written on NACC's template, as a Word file or as text."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,text/plain," + DOCX_TYPE}),
    )


def _parse(data, name):
    """(parsed, None) or (None, the parser's Thai message)."""
    try:
        parsed = parse_plan(data, name)
        check_importable(parsed)
    except (PlanParseError, PlanNotImportable) as e:
        return None, str(e)
    return parsed, None


def _lint(parsed, org):
    return [f.to_dict() for f in lint_plan(parsed, org=org)]


def _counts(findings):
    return {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}


@staff_view("plans.import")
def upload(request, org):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            data, _kind = files.read_upload(
                uploaded, kinds=PLAN_KINDS, max_bytes=settings.SUJARIT_MAX_UPLOAD_BYTES
            )
        except ValidationError as e:
            form.add_error("file", e)
        else:
            parsed, error = _parse(data, uploaded.name)
            if error:
                form.add_error("file", error)
            else:
                uploaded.seek(0)
                with transaction.atomic():
                    att = files.store(org, uploaded, by=request.user, kinds=PLAN_KINDS)
                return redirect("plans_staff:import_preview", org_slug=org.slug, pk=att.pk)
    current = queries.current_plan(org)
    return render(
        request,
        "plans/staff/import.html",
        {"form": form, "plan": current},
        status=400 if form.errors else 200,
    )


def _upload_of(org, pk):
    att = Attachment.objects.for_org(org).filter(pk=pk).first()
    if att is None or att.content_type not in (files.content_type_of("text"), DOCX_TYPE):
        raise Http404(_("No such uploaded plan document."))
    with att.file.open("rb") as fh:
        data = fh.read()
    return att, data


def _base(plan):
    return plan.source_sha256 + "@" + plan.imported_at.isoformat() if plan and plan.imported_at else ""


@staff_view("plans.import")
def preview(request, org, pk):
    att, data = _upload_of(org, pk)
    parsed, error = _parse(data, att.original_name)
    if error:
        messages.error(request, error)
        return redirect("plans_staff:import", org_slug=org.slug)
    cycle = (parsed["cycle"]["first_year"], parsed["cycle"]["last_year"])
    plan = find_plan(org, cycle)
    if request.method == "POST":
        if request.POST.get("base", "") != _base(plan):
            messages.error(
                request,
                _("The plan was changed by someone else meanwhile; check what this document changes now."),
            )
            return redirect("plans_staff:import_preview", org_slug=org.slug, pk=att.pk)
        findings = _lint(parsed, org)
        if _counts(findings)["error"] and not request.POST.get("confirm_errors"):
            messages.error(
                request,
                _(
                    "The document has errors a reviewer would send back. Read them below and tick "
                    "“publish anyway” to import it; nothing was imported."
                ),
            )
            return _preview_page(request, org, att, parsed, plan, findings, status=400)
        result = import_plan(org, parsed, by=request.user, source_name=att.original_name)
        text = {
            "created": _("The plan was imported: %(n)s items."),
            "updated": _("The plan was replaced: %(n)s items."),
            "unchanged": _("The plan already matches this document; nothing changed."),
        }[result.status]
        messages.success(request, text % {"n": result.plan.items.count()})
        return redirect("plans_staff:lint", org_slug=org.slug)
    return _preview_page(request, org, att, parsed, plan, _lint(parsed, org))


def _preview_page(request, org, att, parsed, plan, findings, status=200):
    changes = diff_plan(org, parsed)
    ctx = {
        "upload": att,
        "parsed": parsed,
        "plan": plan,
        "changes": [] if plan is None else changes,
        "findings": findings,
        "counts": _counts(findings),
        "base": _base(plan),
        "item_count": len(parsed.get("items") or []),
        "dimension_count": len(parsed.get("dimensions") or []),
        "no_unit": [
            i.get("number")
            for i in parsed.get("items") or []
            if isinstance(i, dict) and not unit_name(i.get("responsible"), org)
        ],
    }
    return render(request, "plans/staff/import_preview.html", ctx, status=status)


@staff_view("plans.view")
def lint(request, org):
    plan = queries.current_plan(org)
    findings = _lint(plan.parsed, org) if plan and plan.parsed else []
    ctx = {
        "plan": plan,
        "findings": findings,
        "counts": _counts(findings),
        "can_import": can(request.user, org, "plans.import"),
        "item_count": plan.items.count() if plan else 0,
        "unassigned": unassigned_items(plan) if plan else [],
        "units": list(Unit.objects.for_org(org).order_by("order", "name")),
    }
    return render(request, "plans/staff/import_lint.html", ctx)


@staff_view("plans.import")
def item_unit(request, org, number):
    """Assign a responsible unit to an item the document left without one (POST from the review page)."""
    plan = queries.current_plan(org)
    item = Item.objects.for_org(org).filter(plan=plan, number=number).first() if plan else None
    if item is None:
        raise Http404(_("No such item in the plan."))
    if request.method == "POST":
        raw = request.POST.get("unit", "")
        unit = (
            Unit.objects.for_org(org).filter(pk=int(raw)).first()
            if raw.isascii() and raw.isdigit() and len(raw) < 10
            else None
        )
        try:
            assign_unit(item, unit, by=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(
                request,
                _("Item %(n)s is now reported on by %(unit)s.") % {"n": item.number, "unit": unit.name},
            )
    return redirect("plans_staff:lint", org_slug=org.slug)
