from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import documents, onboarding, services, thai
from ..forms import EmblemForm, OrganizationForm
from ..models import AuditEvent, Role
from ..permissions import can, roles_of
from ..registry import registry
from ..spreadsheet import file_response
from ..tenancy import staff_view

WORK_ORDER = {"due": 0, "approve": 1, "waiting": 2}


@staff_view("core.staff_home")
def staff_home(request, org):
    """The person's own work first (from every module), the executive's one-page summary, then links."""
    warnings = [w for func in registry.dashboard_warnings for w in func(org, request.user)]
    checklist = onboarding.checklist(org) if can(request.user, org, "core.manage_org") else []
    work = sorted(
        (w for func in registry.work for w in func(org, request.user)),
        key=lambda w: (WORK_ORDER.get(w.kind, 9), not w.overdue),
    )
    summary = []
    if Role.EXECUTIVE in roles_of(request.user, org):
        year = thai.current_fiscal_year()
        summary = [(s.label, s.func(org, year)) for s in registry.summaries]
    ctx = {
        "warnings": warnings,
        "work": work,
        "summary": [(label, rows) for label, rows in summary if rows],
        "fiscal_year": thai.current_fiscal_year(),
        "totp_prompt": services.should_set_up_totp(request.user),
        "role_changes": services.role_changes_for(org, request.user),
        "checklist": checklist,
        "checklist_open": any(not s["done"] for s in checklist),
    }
    return render(request, "core/staff/home.html", ctx)


MAX_CHECKPOINT_BYTES = 1_000_000


def _posted_checkpoints(request):
    """The checkpoints pasted or uploaded with the check button; raises services.CheckpointError in Thai."""
    text = request.POST.get("checkpoint", "")
    upload = request.FILES.get("checkpoint_file")
    if upload is not None:
        if upload.size > MAX_CHECKPOINT_BYTES:
            raise services.CheckpointError(_("The checkpoint file is too large."))
        try:
            text += "\n" + upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise services.CheckpointError(_("The checkpoint file is not a text file.")) from None
    return services.parse_checkpoints(text)


@staff_view("core.view_audit")
def audit_log(request, org):
    """The organization's events; the check button walks the whole chain, against checkpoints if given."""
    events = AuditEvent.objects.for_org(org).select_related("actor").order_by("-seq")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    verdict, error, status = None, "", 200
    if request.method == "POST":
        try:
            verdict = services.check_audit_chain(
                org, by=request.user, checkpoints=_posted_checkpoints(request)
            )
        except services.CheckpointError as exc:
            error, status = str(exc), 400
    elif request.GET.get("verify"):
        verdict = services.check_audit_chain(org, by=request.user)
    ctx = {
        "page": page,
        "verdict": verdict,
        "checkpoint_error": error,
        "head": services.audit_head(),
        "latest_checkpoint": services.latest_audit_checkpoint(),
    }
    return render(request, "core/staff/audit_log.html", ctx, status=status)


@staff_view("core.view_audit")
def audit_checkpoint(request, org):
    """The chain's head now, signed, as a one-line file for the auditor to keep outside this system."""
    checkpoint = services.audit_head()
    if checkpoint is None:
        raise Http404("empty audit log")
    name = f"audit-checkpoint-{checkpoint.seq}.txt"
    return file_response(name, "text/plain; charset=utf-8", (checkpoint.line() + "\n").encode())


@staff_view("core.manage_org")
def org_profile(request, org):
    form = OrganizationForm(request.POST or None, instance=org)
    emblem_form = EmblemForm(request.POST or None, request.FILES or None, prefix="emblem")
    if request.method == "POST" and request.POST.get("action") == "emblem":
        if emblem_form.is_valid():
            try:
                if emblem_form.cleaned_data["remove"]:
                    services.remove_emblem(org, by=request.user)
                else:
                    services.set_emblem(org, emblem_form.cleaned_data["file"], by=request.user)
            except ValidationError as exc:
                emblem_form.add_error("file", exc)
            else:
                messages.success(request, _("The emblem was saved."))
                return redirect("core_staff:org_profile", org_slug=org.slug)
        form = OrganizationForm(instance=org)
    elif request.method == "POST" and form.is_valid():
        services.update_organization(
            org, by=request.user, **{f: form.cleaned_data[f] for f in form.changed_data}
        )
        messages.success(request, _("The organization profile was saved."))
        return redirect("core_staff:org_profile", org_slug=org.slug)
    else:
        emblem_form = EmblemForm(prefix="emblem")
    ctx = {"form": form, "emblem_form": emblem_form, "emblem": documents.emblem_data_uri(org)}
    status = 400 if emblem_form.errors or form.errors else 200
    return render(request, "core/staff/org_profile.html", ctx, status=status)
