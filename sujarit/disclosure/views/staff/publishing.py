"""Back office of publishing: the list, a new publication, one publication's versions and actions,
and the approvals queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core import files
from sujarit.core.permissions import can
from sujarit.core.tenancy import staff_view

from ...forms.publishing import (
    WITHDRAWN,
    PublicationFilter,
    PublicationForm,
    ReturnForm,
    RevisionForm,
    TagsForm,
    WithdrawForm,
    content_kwargs,
)
from ...models import Kind, Publication, PublicationVersion, VersionState
from ...queries import publications
from ...services import publishing

PAGE_SIZE = 50
VIEW = "disclosure.oit"  # preparers, approvers and auditors may read the back-office lists


def _latest_state():
    latest = PublicationVersion.objects.filter(publication=OuterRef("pk")).order_by("-number")
    return Subquery(latest.values("state")[:1])


def _filtered(org, form):
    qs = Publication.objects.for_org(org)
    if form.is_valid():
        d = form.cleaned_data
        if d["state"] == WITHDRAWN:
            qs = qs.filter(withdrawn_at__isnull=False)
        elif d["state"] == VersionState.PUBLISHED:
            qs = qs.public()
        elif d["state"]:
            qs = qs.filter(withdrawn_at__isnull=True, versions__state=d["state"]).distinct()
        if d["area"]:
            qs = qs.filter(area=d["area"])
        if d["fiscal_year"]:
            qs = qs.filter(fiscal_year=d["fiscal_year"])
        if d["oit"]:
            qs = qs.filter(tags__code=d["oit"].strip().upper())
    return (
        qs.annotate(latest_state=_latest_state())
        .select_related("unit", "current_version")
        .prefetch_related("tags")
        .order_by("-updated_at", "-pk")
    )


@staff_view(VIEW)
def publication_list(request, org):
    form = PublicationFilter(request.GET or None)
    page = Paginator(_filtered(org, form), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    states = dict(VersionState.choices)
    rows = [(p, states.get(p.latest_state, ""), publications.period_label(p)) for p in page.object_list]
    ctx = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "kinds": Kind.choices,
        "may_prepare": can(request.user, org, publishing.PREPARE),
    }
    return render(request, "disclosure/staff/publication_list.html", ctx)


@staff_view(publishing.PREPARE)
def new(request, org):
    kind = request.GET.get("kind") or request.POST.get("kind") or Kind.DOCUMENT
    if kind not in Kind.values:
        kind = Kind.DOCUMENT
    form = PublicationForm(org, kind, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            publication = publishing.create(org, by=request.user, **form.create_kwargs())
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Saved as a draft. Send it for approval when it is ready."))
            return redirect("disclosure_staff:publication", org_slug=org.slug, pk=publication.pk)
    ctx = {"form": form, "kind": kind, "kind_label": Kind(kind).label, "kinds": Kind.choices}
    return render(request, "disclosure/staff/publication_new.html", ctx)


def _version(publication, request):
    number = request.POST.get("version")
    return get_object_or_404(PublicationVersion, publication=publication, number=number or 0)


def _bound_form(request, publication, action):
    """The posted form of a form-based action, bound to what was typed (None for button actions)."""
    if action == "revise":
        return RevisionForm(publication.kind, request.POST, request.FILES, prefix="revise")
    factory = {"return": ReturnForm, "withdraw": WithdrawForm, "tags": TagsForm}.get(action)
    return factory(request.POST, prefix=action) if factory else None


def _act(request, publication, action, form):
    """Run one posted action (its form already valid, or None for the buttons)."""
    user = request.user
    if action == "revise":
        publishing.revise(publication, by=user, **content_kwargs(form.cleaned_data))
    elif action == "submit":
        publishing.submit(_version(publication, request), by=user)
    elif action == "approve":
        publishing.approve(_version(publication, request), by=user)
    elif action == "return":
        publishing.return_version(
            _version(publication, request), by=user, comment=form.cleaned_data["comment"]
        )
    elif action == "withdraw":
        publishing.withdraw(publication, by=user, reason=form.cleaned_data["reason"])
    elif action == "tags":
        publishing.set_tags(publication, form.cleaned_data["codes"], by=user)


DONE = {
    "revise": gettext_lazy("A new draft version was made."),
    "submit": gettext_lazy("Sent for approval."),
    "approve": gettext_lazy("Approved: this version is now public."),
    "return": gettext_lazy("Returned to its author with your comment."),
    "withdraw": gettext_lazy("Withdrawn from the public lists."),
    "tags": gettext_lazy("OIT items saved."),
}


@staff_view(VIEW)
def publication_page(request, org, pk):
    publication = get_object_or_404(
        Publication.objects.for_org(org).select_related("unit", "current_version"), pk=pk
    )
    failed = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = _bound_form(request, publication, action)
        if form is not None and not form.is_valid():
            failed = form
        else:
            try:
                _act(request, publication, action, form)
            except ValidationError as e:
                if form is None:
                    messages.error(request, " ".join(e.messages))
                else:  # shown on the form, with what was typed kept
                    form.add_error(None, e)
                    failed = form
            except PermissionDenied as e:
                messages.error(request, str(e) or _("You may not do this."))
            else:
                if action in DONE:
                    messages.success(request, DONE[action])
                    return redirect("disclosure_staff:publication", org_slug=org.slug, pk=publication.pk)
        publication.refresh_from_db()
    versions = list(publication.versions.select_related("created_by", "reviewed_by").order_by("-number"))
    latest = versions[0] if versions else None
    user = request.user
    may_prepare = can(user, org, publishing.PREPARE) and publication.withdrawn_at is None
    forms = {
        "revise": RevisionForm(publication.kind, prefix="revise"),
        "return": ReturnForm(prefix="return"),
        "withdraw": WithdrawForm(prefix="withdraw"),
        "tags": TagsForm(prefix="tags", initial={"codes": ", ".join(t.code for t in publication.tags.all())}),
    }
    if failed is not None:
        forms[request.POST["action"]] = failed
    ctx = {
        "publication": publication,
        "period": publications.period_label(publication),
        "versions": versions,
        "latest": latest,
        "pending": next((v for v in versions if v.state == VersionState.PENDING), None),
        "may_prepare": may_prepare,
        "may_approve": can(user, org, publishing.APPROVE) and publication.withdrawn_at is None,
        "may_submit": may_prepare and latest is not None and latest.state == VersionState.DRAFT,
        "forms": forms,
        "public_url": publications.publication_url(publication) if publication.is_public else "",
        "tags": [t.code for t in publication.tags.all()],
    }
    return render(request, "disclosure/staff/publication.html", ctx)


@staff_view(VIEW)
def version_file(request, org, pk, number):
    """A version's file for staff (drafts included: the approver reads it before approving)."""
    publication = get_object_or_404(Publication.objects.for_org(org), pk=pk)
    version = get_object_or_404(PublicationVersion, publication=publication, number=number)
    if not version.file:
        raise Http404(_("This version has no file."))
    response = files.serve(version.file.open("rb"), version.file_name, version.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view(publishing.APPROVE)
def approvals(request, org):
    pending = (
        PublicationVersion.objects.filter(
            publication__org=org, publication__withdrawn_at__isnull=True, state=VersionState.PENDING
        )
        .select_related("publication", "created_by")
        .order_by("created_at")
    )
    return render(request, "disclosure/staff/approvals.html", {"pending": pending})
