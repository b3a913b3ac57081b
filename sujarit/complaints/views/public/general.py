"""Public pages of general grievances: the landing page, the complaint form, following a case."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import codes, files, throttle
from sujarit.core.tenancy import public_view

from ...forms import GeneralAddInformationForm, GeneralComplaintForm, GeneralTrackForm
from ...models import PUBLIC_EVENTS, Case, CaseFile, Channel, Kind
from ...services import cases, general, satisfaction

SESSION_PREFIX = "complaints:follow:"


def _grant(request, case):
    request.session[SESSION_PREFIX + str(case.pk)] = True
    request.session.cycle_key()  # a fresh session id once it opens a case


class NotOpened(Http404):
    """This browser has not opened the case with its secret (or there is no such case)."""


def _granted_case(request, org, code):
    """The general case this session opened with its secret, or NotOpened (never says which)."""
    case = (
        Case.objects.for_org(org).filter(kind=Kind.GENERAL, tracking_code=codes.normalize_code(code)).first()
    )
    if case is None or not request.session.get(SESSION_PREFIX + str(case.pk)):
        raise NotOpened(_("Open your case with its tracking code and follow secret."))
    return case


def _no_store(response):
    # The secret and the case's personal data must not stay in shared or browser caches.
    response["Cache-Control"] = "no-store"
    return response


@public_view
def index(request, org):
    policy = cases.policy_for(org)
    return render(request, "complaints/public/index.html", {"policy": policy})


@public_view
def new(request, org):
    form = GeneralComplaintForm(org, request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("action") != "rate" and form.is_valid():
        try:
            case, secret = general.submit(org, channel=Channel.WEB, **form.submit_kwargs())
        except ValidationError as e:
            form.add_error(None, e)
        else:
            resent = not secret
            if resent:  # the first answer page was lost (double tap, reload): a fresh secret
                secret = general.renew_secret(case)
            ctx = {"case": case, "secret": codes.format_secret(secret) if secret else "", "resent": resent}
            return _no_store(render(request, "complaints/public/general_sent.html", ctx))
    return _no_store(
        render(
            request,
            "complaints/public/general_new.html",
            {
                "form": form,
                "categories": form.fields["category"].queryset,
                "map_tiles": settings.SUJARIT_MAP_TILES,
                "map_center": settings.SUJARIT_MAP_CENTER,
                "map_attribution": settings.SUJARIT_MAP_ATTRIBUTION,
            },
        )
    )


@public_view
def track(request, org):
    # a saved link to a case (/complaints/case/CODE/) opened in a fresh browser lands here with its code
    code = codes.normalize_code(request.GET.get("code", ""))[:30]
    form = GeneralTrackForm(request.POST or None, initial={"code": code} if code else None)
    if request.method == "POST" and request.POST.get("action") != "rate" and form.is_valid():
        try:
            case = general.follow(
                org,
                form.cleaned_data["code"],
                form.cleaned_data["secret"],
                client=throttle.client_tag(request),
            )
        except general.TooManyTries as e:
            form.add_error(None, e)
        else:
            if case is not None:
                _grant(request, case)
                return redirect("complaints:case", org_slug=org.slug, code=case.tracking_code)
            form.add_error(
                None, _("The tracking code or the follow secret is not right. Check them and try again.")
            )
    ctx = {"form": form, "from_link": bool(code) and request.method != "POST"}
    return _no_store(render(request, "complaints/public/general_track.html", ctx))


@public_view
def case_page(request, org, code):
    try:
        case = _granted_case(request, org, code)
    except NotOpened:
        # ask for the secret, the same way whether or not the code exists
        track_url = reverse("complaints:track", kwargs={"org_slug": org.slug})
        return redirect(track_url + "?" + urlencode({"code": codes.normalize_code(code)[:30]}))
    survey_values = survey_errors = None
    if request.method == "POST" and request.POST.get("action") == "rate":
        try:
            satisfaction.answer(case, request.POST.getlist, request.POST.get("token"))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            survey_values, survey_errors = request.POST, getattr(e, "by_question", None)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect("complaints:case", org_slug=org.slug, code=case.tracking_code)
    adding = request.method == "POST" and request.POST.get("action") != "rate"
    form = GeneralAddInformationForm(request.POST if adding else None, request.FILES if adding else None)
    if adding and form.is_valid():
        try:
            general.add_information(case, form.cleaned_data["text"], form.cleaned_data["files"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            return redirect("complaints:case", org_slug=org.slug, code=case.tracking_code)
    events = case.events.filter(type__in=PUBLIC_EVENTS).select_related("by")
    ctx = {
        "case": case,
        "timeline": [(e, cases.event_text(e)) for e in events],
        "survey": satisfaction.survey_for(case, values=survey_values, errors=survey_errors),
        "files": case.files.filter(public=True),
        "form": form,
        "days_left": (case.due_date - timezone.localdate()).days,
    }
    status = 400 if survey_values is not None else 200
    return _no_store(render(request, "complaints/public/general_case.html", ctx, status=status))


@public_view
def case_file(request, org, code, file_pk):
    case = _granted_case(request, org, code)
    f = get_object_or_404(CaseFile, case=case, pk=file_pk, public=True)
    data, name = cases.read_file(f)
    return _no_store(files.serve(data, name, f.content_type))
