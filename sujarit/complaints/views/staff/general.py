"""Back office of general grievances: the inbox, registering a complaint, handling one case.

Corruption cases never appear here, whoever looks (kind filter on every query); they have their
own back office reached only with the case key.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import codes, files
from sujarit.core.tenancy import staff_view

from ... import permissions
from ...forms import (
    GeneralAssignForm,
    GeneralInboxFilter,
    GeneralMessageForm,
    GeneralRegisterForm,
    GeneralStateForm,
)
from ...models import OPEN_STATES, Case, CaseFile, Kind
from ...queries import deadlines
from ...services import cases, general, workflow

PAGE_SIZE = 50


def _filtered(request, org, form):
    qs = permissions.visible_cases(request.user, org, Kind.GENERAL)
    if form.is_valid():
        d = form.cleaned_data
        if d["state"] == "open":
            qs = qs.filter(state__in=OPEN_STATES)
        elif d["state"]:
            qs = qs.filter(state=d["state"])
        if d["category"]:
            qs = qs.filter(category=d["category"])
        if d["unit"]:
            qs = qs.filter(unit=d["unit"])
        if d["channel"]:
            qs = qs.filter(channel=d["channel"])
        if d["overdue"]:
            qs = qs & Case.objects.overdue(timezone.localdate())
    return qs.select_related("category", "unit", "assignee")


@staff_view("complaints.view")
def inbox(request, org):
    form = GeneralInboxFilter(org, request.GET or None)
    page = Paginator(_filtered(request, org, form), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(c, deadlines.countdown(c, today)) for c in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "complaints/staff/general_inbox.html", ctx)


@staff_view("complaints.handle")
def register(request, org):
    form = GeneralRegisterForm(org, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            case, secret = general.register(org, by=request.user, **form.submit_kwargs())
        except ValidationError as e:
            form.add_error(None, e)
        else:
            if not secret:
                messages.info(request, _("This form was already sent: here is the case it made."))
                return redirect("complaints_staff:case", org_slug=org.slug, pk=case.pk)
            ctx = {"case": case, "secret": codes.format_secret(secret)}
            response = render(request, "complaints/staff/general_registered.html", ctx)
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "complaints/staff/general_register.html", {"form": form})


def _case(request, org, pk):
    """The general case pk of org; 404 for another kind or org, 403 when this user may not see it."""
    case = get_object_or_404(
        Case.objects.for_org(org).filter(kind=Kind.GENERAL).select_related("category", "unit", "assignee"),
        pk=pk,
    )
    if not permissions.can_see(request.user, case):
        raise PermissionDenied("complaints: not this user's case")
    return case


def _act(request, org, case):
    """Run the posted action; returns the bound form with errors, or None on success."""
    action = request.POST.get("action")
    user = request.user
    if action == "state":
        form = GeneralStateForm(workflow.next_states(case), request.POST)
        if form.is_valid():
            d = form.cleaned_data
            workflow.change_state(case, d["state"], by=user, note=d["note"], forwarded_to=d["forwarded_to"])
            return None
    elif action == "assign":
        form = GeneralAssignForm(org, request.POST)
        if form.is_valid():
            workflow.assign(case, form.cleaned_data["person"], by=user)
            return None
    elif action == "spam":
        workflow.mark_spam(case, request.POST.get("spam") == "1", by=user)
        return None
    elif action in ("reply", "note"):
        form = GeneralMessageForm(request.POST, request.FILES, prefix=action)
        if form.is_valid():
            verb = workflow.reply if action == "reply" else workflow.add_note
            verb(case, form.cleaned_data["text"], by=user, checked_files=form.cleaned_data["files"])
            return None
    else:
        return None
    return action, form


@staff_view("complaints.view")
def case_page(request, org, pk):
    case = _case(request, org, pk)
    may_handle = permissions.can_handle(request.user, case)
    failed = None
    if request.method == "POST":
        if not may_handle:
            raise PermissionDenied("complaints: may not handle this case")
        try:
            failed = _act(request, org, case)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            if failed is None:
                messages.success(request, _("Saved."))
                return redirect("complaints_staff:case", org_slug=org.slug, pk=case.pk)
    else:
        general.record_viewed(case, by=request.user)
    forms = {
        "state": GeneralStateForm(workflow.next_states(case)),
        "assign": GeneralAssignForm(org, initial={"person": case.assignee_id}),
        "reply": GeneralMessageForm(prefix="reply"),
        "note": GeneralMessageForm(prefix="note"),
    }
    if failed:
        forms[failed[0]] = failed[1]
    events = case.events.select_related("by")
    ctx = {
        "case": case,
        "may_handle": may_handle,
        "forms": forms,
        "next_states": workflow.next_states(case),
        "timeline": [(e, cases.event_text(e)) for e in events],
        "files": case.files.select_related("event"),
        "due": deadlines.countdown(case, timezone.localdate()),
    }
    return render(request, "complaints/staff/general_case.html", ctx)


@staff_view("complaints.view")
def case_file(request, org, pk, file_pk):
    case = _case(request, org, pk)
    f = get_object_or_404(CaseFile, case=case, pk=file_pk)
    data, name = general.read_file(case, f, by=request.user)
    return files.serve(data, name, f.content_type)
