"""The corruption channel's public pages (OIT O22): report, return with the receipt, follow and answer.

Every page answers with `Cache-Control: no-store` and `Referrer-Policy: same-origin`; nothing about
the client (address, browser) is logged or stored; the receipt never appears in a URL and the
reporter's case is found from the session (the case key sits in the cookie-keyed vault).
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core import files, vault
from sujarit.core.models import Unit
from sujarit.core.tenancy import public_view

from ...models import Case, CaseFile, Category, Kind
from ...protection import casefiles, crypto, pow
from ...services import cases, intake, keys, satisfaction

SESSION_CASE = "reporter_case"
VAULT_NAME = "reporter"


def _protected(view):
    """No caching, no referrer to other sites, and the vault cookie when the view put a key in it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        # Not "no-referrer": under it browsers send `Origin: null` with the forms' POSTs, which the
        # CSRF check must refuse. "same-origin" gives other sites nothing either (no URL here holds
        # a secret), and these pages load and link nothing from elsewhere.
        response["Referrer-Policy"] = "same-origin"
        return vault.attach(request, response)

    return wrapper


def _text_input(inputmode=None):
    attrs = {"autocomplete": "off"}
    if inputmode:
        attrs["inputmode"] = inputmode
    return forms.TextInput(attrs=attrs)


class ReportForm(forms.Form):
    category = forms.ModelChoiceField(
        queryset=Category.objects.none(),
        label=gettext_lazy("What kind of misconduct"),
        required=False,
        empty_label=gettext_lazy("— Choose one —"),
    )
    accused_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=gettext_lazy("Unit of the person you complain about"),
        required=False,
        empty_label=gettext_lazy("Not sure / do not want to say"),
    )
    accused_name = forms.CharField(
        label=gettext_lazy("Name or position of that person"),
        required=False,
        max_length=intake.MAX_SHORT,
        widget=_text_input(),
    )
    text = forms.CharField(
        label=gettext_lazy("What happened"),
        max_length=intake.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
    )
    when = forms.CharField(
        label=gettext_lazy("When"), required=False, max_length=intake.MAX_SHORT, widget=_text_input()
    )
    where = forms.CharField(
        label=gettext_lazy("Where"), required=False, max_length=intake.MAX_SHORT, widget=_text_input()
    )
    name = forms.CharField(
        label=gettext_lazy("Your name"), required=False, max_length=intake.MAX_SHORT, widget=_text_input()
    )
    phone = forms.CharField(
        label=gettext_lazy("Your phone"), required=False, max_length=50, widget=_text_input("tel")
    )
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail"),
        required=False,
        max_length=intake.MAX_SHORT,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )

    # Plain checkboxes, all ticked at first: the reporter sees who would receive the report and can
    # leave anyone out without JavaScript (recipients.js only greys out the accused unit's officers).
    recipients = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Who receives your report"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, org, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = Category.objects.for_org(org).filter(kind=Kind.INTEGRITY, active=True)
        self.fields["category"].queryset = categories
        self.fields["category"].required = categories.exists()
        self.fields["accused_unit"].queryset = Unit.objects.for_org(org)
        display = cases.policy_for(org).officer_display
        self.officers = [(p, keys.officer_label(p, display)) for p in keys.candidates(org)]
        self.fields["recipients"].choices = [(p.pk, label) for p, label in self.officers]
        self.fields["recipients"].initial = [p.pk for p, _label in self.officers]

    def recipient_rows(self):
        """(person id, label, unit id, ticked) for the template's list of officers."""
        ticked = {str(v) for v in (self["recipients"].value() or [])}
        return [(p.pk, label, p.unit_id or "", str(p.pk) in ticked) for p, label in self.officers]


def _report_page(request, org, form, status=200, error=""):
    policy = cases.policy_for(org)
    ctx = {
        "form": form,
        "policy": policy,
        "ready": keys.channel_ready(org),
        "max_files": casefiles.MAX_FILES,
        "error": error,
    }
    if ctx["ready"]:
        ctx["token"] = pow.issue(org, request)
        ctx["bits"] = pow.bits_of(ctx["token"])
    return render(request, "complaints/public/integrity_report.html", ctx, status=status)


@_protected
@public_view
def report(request, org):
    if request.method != "POST":
        return _report_page(request, org, ReportForm(org))
    form = ReportForm(org, request.POST)
    if not form.is_valid():
        return _report_page(request, org, form, status=400)
    token = request.POST.get("token", "")
    try:
        pow.admit_report(request, org, token, request.POST.get("nonce", ""))
        checked = casefiles.check_uploads(request.FILES.getlist("files"))
        case, receipt = intake.submit_report(org, checked_files=checked, token=token, **form.cleaned_data)
    except pow.Flood as e:
        return _report_page(request, org, form, status=429, error=" ".join(e.messages))
    except ValidationError as e:
        return _report_page(request, org, form, status=400, error=" ".join(e.messages))
    policy = cases.policy_for(org)
    holders = [k.person for k in case.keys.select_related("person__unit").order_by("person__full_name")]
    ctx = {
        "receipt": crypto.format_receipt(receipt),
        "case": case,
        "policy": policy,
        "recipients": [keys.officer_label(p, policy.officer_display) for p in holders],
    }
    return render(request, "complaints/public/integrity_receipt.html", ctx)


def _follow_page(request, org, status=200, error=""):
    token = pow.issue(org, request, pow.RECEIPT)
    ctx = {"error": error, "token": token, "bits": pow.bits_of(token)}
    return render(request, "complaints/public/integrity_follow.html", ctx, status=status)


@_protected
@public_view
def follow(request, org):
    if request.method != "POST":
        return _follow_page(request, org)
    try:
        # Work done on a fresh token and the try counted before the slow receipt hash runs.
        pow.admit_receipt(request, org, request.POST.get("token", ""), request.POST.get("nonce", ""))
    except pow.Flood as e:
        return _follow_page(request, org, status=429, error=" ".join(e.messages))
    except ValidationError as e:
        return _follow_page(request, org, status=400, error=" ".join(e.messages))
    opened = intake.open_with_receipt(org, request.POST.get("receipt", ""))
    if opened is None:
        return _follow_page(
            request,
            org,
            status=400,
            error=_("No report matches this receipt. Check the 16 digits and try again."),
        )
    pow.receipt_matched(request)
    case, key = opened
    request.session.cycle_key()
    vault.put(request, VAULT_NAME, key)
    request.session[SESSION_CASE] = case.pk
    return redirect(reverse("complaints:integrity_case", kwargs={"org_slug": org.slug}))


def _reporter_case(request, org):
    """(case, key) the session opened with a receipt, or (None, None)."""
    pk, key = request.session.get(SESSION_CASE), vault.get(request, VAULT_NAME)
    if not pk or key is None:
        return None, None
    case = Case.objects.for_org(org).filter(kind=Kind.INTEGRITY, pk=pk).first()
    return (case, key) if case is not None else (None, None)


def _case_page(request, org, case, key, status=200, error="", survey_values=None, survey_errors=None):
    ctx = {
        "case": case,
        "report": intake.read_case(case, key),
        "timeline": intake.public_timeline(case, key),
        "survey": satisfaction.survey_for(case, values=survey_values, errors=survey_errors),
        "readable": keys.readable(case),
        "elsewhere": intake.ELSEWHERE,
        "max_files": casefiles.MAX_FILES,
        "error": error,
    }
    return render(request, "complaints/public/integrity_case.html", ctx, status=status)


def _leave(request, org):
    vault.drop(request, VAULT_NAME)
    request.session.pop(SESSION_CASE, None)
    request.session.cycle_key()
    messages.info(request, _("You have left your report. Use your receipt to open it again."))
    return redirect(reverse("complaints:integrity_follow", kwargs={"org_slug": org.slug}))


@_protected
@public_view
def case_view(request, org):
    case, key = _reporter_case(request, org)
    if case is None:
        messages.info(request, _("Enter your receipt to open your report."))
        return redirect(reverse("complaints:integrity_follow", kwargs={"org_slug": org.slug}))
    if request.method != "POST":
        return _case_page(request, org, case, key)
    action = request.POST.get("action", "")
    if action == "leave":
        return _leave(request, org)
    if action == "rate":
        try:
            satisfaction.answer(case, request.POST.getlist, request.POST.get("token"))
        except ValidationError as e:
            return _case_page(
                request, org, case, key, status=400, error=" ".join(e.messages),
                survey_values=request.POST, survey_errors=getattr(e, "by_question", None),
            )  # fmt: skip
        messages.success(request, _("Thank you for your answer."))
        return redirect(reverse("complaints:integrity_case", kwargs={"org_slug": org.slug}))
    try:
        checked = casefiles.check_uploads(request.FILES.getlist("files"))
        intake.reporter_message(case, key, request.POST.get("text", ""), checked)
        messages.success(request, _("Your message was sent to the integrity officers."))
    except ValidationError as e:
        return _case_page(request, org, case, key, status=400, error=" ".join(e.messages))
    return redirect(reverse("complaints:integrity_case", kwargs={"org_slug": org.slug}))


@_protected
@public_view
def case_file(request, org, pk):
    """A file of the reporter's own case they may see (their own, or one the officers made public)."""
    case, key = _reporter_case(request, org)
    if case is None:
        raise Http404()
    f = CaseFile.objects.filter(case=case, pk=pk).first()
    if f is None or not (f.by_complainant or f.public):
        raise Http404()
    data, name = cases.read_file(f, key)
    return files.serve(data, name or "file", f.content_type)
