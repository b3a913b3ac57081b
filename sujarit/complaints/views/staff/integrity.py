"""The integrity officers' back office for corruption cases: inbox, case, files, unlock, grants.

Only holders of `integrity.handle` reach these pages, and a case opens only for an officer holding
its key: any other case answers 404, so a conflicted officer cannot learn that it exists. Every
response is no-store; a page that puts a secret in the vault attaches its cookie on the way out.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core import files, vault
from sujarit.core.tenancy import staff_view

from ...models import OPEN_STATES, Case, Category, Kind, Outcome, State, StepKind
from ...protection import casefiles
from ...queries import deadlines
from ...services import integrity, keys, workflow

PERM = integrity.PERMISSION
PER_PAGE = 50


def protected(view):
    """No-store on every answer, 403/404 pages without a trace of the case, locked key → unlock page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = render(request, "404.html", status=404)
        except PermissionDenied:
            response = render(request, "403.html", status=403)
        except keys.KeyLocked:
            url = reverse("complaints_staff:integrity_unlock", kwargs={"org_slug": kwargs["org_slug"]})
            response = redirect(f"{url}?next={request.path}")
        add_never_cache_headers(response)
        return vault.attach(request, response)

    return wrapper


def _officer_view(view):
    return protected(staff_view(PERM)(view))


def _case_or_404(request, org, pk):
    case = integrity.find_case(request.user, org, pk)
    if case is None:
        # Kept off (conflicted), another organization's, or no such case: the same answer.
        raise Http404
    return case


# --- inbox ----------------------------------------------------------------------------------------


class InboxFilter(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=Category.objects.none(), required=False
    )
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)

    def __init__(self, org, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All states")), ("open", _("Open"))] + list(State.choices)
        self.fields["category"].queryset = Category.objects.for_org(org).filter(kind=Kind.INTEGRITY)
        self.fields["category"].empty_label = _("All categories")


@_officer_view
def inbox(request, org):
    """Number, category, received, due and state only: the list never shows protected text."""
    form = InboxFilter(org, request.GET or None)
    qs = integrity.inbox(request.user, org).select_related("category").order_by("due_date", "pk")
    today = timezone.localdate()
    if form.is_valid():
        state = form.cleaned_data["state"]
        if state == "open":
            qs = qs.filter(state__in=OPEN_STATES)
        elif state:
            qs = qs.filter(state=state)
        if form.cleaned_data["category"]:
            qs = qs.filter(category=form.cleaned_data["category"])
        if form.cleaned_data["overdue"]:
            qs = qs & Case.objects.overdue(today)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(c, deadlines.countdown(c, today)) for c in page.object_list]
    ctx = {
        "form": form,
        "rows": rows,
        "page": page,
        "locked": not _unlocked(request, org),
    }
    return render(request, "complaints/staff/integrity_inbox.html", ctx)


def _unlocked(request, org):
    cached = getattr(request, "_integrity_unlocked", None)
    if cached is None:
        try:
            keys.private_key(request, integrity.officer(request.user, org))
            cached = True
        except keys.KeyLocked:
            cached = False
        request._integrity_unlocked = cached
    return cached


# --- the case -------------------------------------------------------------------------------------


class RevealForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why you need the reporter's identity"), max_length=1000)


class MessageForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Message"), max_length=10000, widget=forms.Textarea)


class StateForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("New state"), choices=State.choices)
    note = forms.CharField(label=gettext_lazy("Note to the reporter"), required=False, widget=forms.Textarea)
    forwarded_to = forms.CharField(label=gettext_lazy("Forwarded to"), max_length=200, required=False)


class AssignForm(forms.Form):
    person = forms.TypedChoiceField(label=gettext_lazy("Officer in charge"), coerce=int)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=Outcome.choices)
    note = forms.CharField(label=gettext_lazy("Internal note"), required=False, widget=forms.Textarea)


class SpamForm(forms.Form):
    spam = forms.BooleanField(required=False, widget=forms.HiddenInput)


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Step"), choices=StepKind.choices)
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea)


ACTIONS = {
    "reveal": RevealForm,
    "reply": MessageForm,
    "note": MessageForm,
    "state": StateForm,
    "assign": AssignForm,
    "outcome": OutcomeForm,
    "step": StepForm,
    "spam": SpamForm,
}


def _forms(case, bound=None, action=""):
    out = {}
    for name, cls in ACTIONS.items():
        form = cls(bound, prefix=name) if name == action else cls(prefix=name)
        if name == "state":
            form.fields["state"].choices = [(s.value, s.label) for s in workflow.next_states(case)]
        if name == "assign":
            form.fields["person"].choices = [(p.pk, p.full_name) for p in integrity.keyed_officers(case)]
        if name == "spam" and name != action:
            form = cls(prefix=name, initial={"spam": not case.spam})
        out[name] = form
    return out


def _act(request, case, action, data):
    """Run one officer action with the case key; ValidationError leaves the case unchanged."""
    user = request.user
    key = integrity.key_for(request, user, case)
    if action == "reveal":
        integrity.reveal_identity(request, user, case, data["reason"])
        return _("The reporter's identity is shown to you for this session. The reason was recorded.")
    if action in ("reply", "note"):
        checked = casefiles.check_uploads(request.FILES.getlist(f"{action}-files"))
        verb = workflow.reply if action == "reply" else workflow.add_note
        verb(case, data["text"], by=user, key=key, checked_files=checked)
        return _("The message was sent to the reporter.") if action == "reply" else _("The note was added.")
    if action == "state":
        workflow.change_state(
            case, data["state"], by=user, key=key, note=data["note"], forwarded_to=data["forwarded_to"]
        )
        return _("The state was changed.")
    if action == "assign":
        person = integrity.keyed_officers(case).filter(pk=data["person"]).first()
        if person is None:
            raise ValidationError(_("Choose an officer who can open this case."))
        workflow.assign(case, person, by=user)
        return _("The case was assigned.")
    if action == "outcome":
        integrity.record_outcome(case, data["outcome"], by=user, key=key, note=data["note"])
        return _("The outcome was recorded.")
    if action == "spam":
        workflow.mark_spam(case, data["spam"], by=user, key=key)
        return (
            _("Marked as spam or a test: left out of statistics and KPIs.")
            if data["spam"]
            else _("The case counts in statistics and KPIs again.")
        )
    integrity.add_step(case, data["kind"], data["date"], data["note"], by=user, key=key)
    return _("The step was recorded.")


@_officer_view
def case_page(request, org, pk):
    case = _case_or_404(request, org, pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms_ = _forms(case, request.POST or None, action)
    status = 200
    if request.method == "POST":
        form = forms_.get(action)
        if form is None:
            messages.error(request, _("Nothing was changed: unknown action."))
            status = 400
        elif form.is_valid():
            try:
                done = _act(request, case, action, form.cleaned_data)
            except ValidationError as e:
                form.add_error(None, e.messages)
            else:
                messages.success(request, done)
                return redirect("complaints_staff:integrity_case", org_slug=org.slug, pk=case.pk)
        if status == 200:
            messages.error(request, _("Nothing was changed: please correct the problems shown below."))
            status = 400
        case.refresh_from_db()
    data = integrity.open_case(request, request.user, case)
    ctx = {
        "case": case,
        "data": data,
        "forms": forms_,
        "due": deadlines.countdown(case, timezone.localdate()),
    }
    return render(request, "complaints/staff/integrity_case.html", ctx, status=status)


@_officer_view
def case_file(request, org, pk, file_pk):
    """A case file decrypted on the fly; never cached, never sniffed."""
    case = _case_or_404(request, org, pk)
    found = integrity.read_file(request, request.user, case, file_pk)
    if found is None:
        raise Http404
    data, name, content_type = found
    return files.serve(data, name, content_type)


# --- unlocking the officer's key and granting cases to colleagues ---------------------------------


class UnlockForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Your password"), widget=forms.PasswordInput)
    new_key = forms.BooleanField(required=False)


def _next(request, org):
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}):
        return nxt
    return reverse("complaints_staff:integrity_inbox", kwargs={"org_slug": org.slug})


def _too_many_tries(request, org):
    error = _("Too many wrong passwords. Wait a while, then try again.")
    ctx = {"form": UnlockForm(), "next": _next(request, org), "lost": False, "error": error}
    return render(request, "complaints/staff/integrity_unlock.html", ctx, status=429)


@_officer_view
def unlock(request, org):
    """Unlock the officer's key with their password (normally done at sign-in)."""
    person = integrity.officer(request.user, org)
    form = UnlockForm(request.POST or None)
    lost = False
    if request.method == "POST" and keys.unlock_locked(request.user):
        return _too_many_tries(request, org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = keys.unlock_with_password(request, request.user, person, d["password"], new_key=d["new_key"])
        if done == "locked":  # the limit was reached between the check above and this try
            return _too_many_tries(request, org)
        if done == "wrong":
            form.add_error("password", _("The password is not right."))
        elif done == "created":
            # First use, or a password reset made the old key unreadable: colleagues grant cases again.
            messages.success(request, _("Your new key is ready. Ask a colleague to give you the open cases."))
            return redirect(_next(request, org))
        elif done == "unlocked":
            messages.success(request, _("Your key is unlocked for this session."))
            return redirect(_next(request, org))
        else:
            lost = True
            form.add_error(
                None,
                _("Your key was made with an earlier password. You can make a new key with this password."),
            )
    ctx = {"form": form, "next": _next(request, org), "lost": lost}
    return render(request, "complaints/staff/integrity_unlock.html", ctx, status=400 if form.errors else 200)


@_officer_view
def grants(request, org):
    """Cases a colleague (new, or with a new key) cannot open yet and this officer can give them."""
    if request.method == "POST":
        case = _case_or_404(request, org, _int(request.POST.get("case")))
        person = next(
            (p for p in integrity.colleagues(org) if p.pk == _int(request.POST.get("person"))), None
        )
        if person is None:
            messages.error(request, _("Choose one of the listed officers."))
        else:
            try:
                integrity.grant_access(request, request.user, case, person)
            except ValidationError as e:
                messages.error(request, " ".join(e.messages))
            else:
                messages.success(
                    request,
                    _("%(name)s can now open case %(number)s.")
                    % {"name": person.full_name, "number": case.number},
                )
        return redirect("complaints_staff:integrity_grants", org_slug=org.slug)
    pairs = integrity.grants(request, request.user, org)
    return render(request, "complaints/staff/integrity_grants.html", {"pairs": pairs})


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
