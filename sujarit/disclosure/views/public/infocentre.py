"""The information centre's public pages (channels, requests, statistics, visitors) and the Q&A board.

The back office is in views/staff/infocentre.py. Requesters' names and contacts appear on no public
page; the follow pages send Cache-Control: no-store.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sujarit.core import codes, thai, throttle
from sujarit.core.spreadsheet import CSV_CONTENT_TYPE, csv_bytes, file_response
from sujarit.core.tenancy import public_view

from ...forms.infocentre import InfoRequestForm, QuestionForm, TrackForm
from ...models import InfoRequest, PageGroup
from ...queries import infocentre as infocentre_stats
from ...queries.qa import public_questions
from ...queries.visits import monthly as monthly_visits
from ...services import infocentre, qa, visits

SESSION_PREFIX = "disclosure:info-follow:"
QA_PAGE = 30


def _no_store(response):
    # The follow secret and the request's state must not stay in shared or browser caches.
    response["Cache-Control"] = "no-store"
    return response


@public_view
def infocentre_page(request, org):
    visits.count(request, org, PageGroup.INFOCENTRE)
    year, ok = infocentre_stats.pick_year(request.GET.get("year"))
    if not ok:
        messages.warning(request, _("That is not a fiscal year; showing %(year)s.") % {"year": year})
    data = infocentre_stats.yearly(org, year)
    months = monthly_visits(org, year)
    ctx = {
        "fiscal_year": year,
        "years": infocentre_stats.years_with_requests(org),
        "data": data,
        "channels": infocentre_stats.active_channels(org),
        "policy": infocentre.policy_for(org),
        "visit_groups": [label for _value, label in PageGroup.choices],
        "visit_months": months,
        "visit_total": sum(m["total"] for m in months),
        "answer_days": infocentre_stats.ANSWER_DAYS,
    }
    return render(request, "disclosure/public/infocentre.html", ctx)


def _year_or_none(request):
    year, ok = infocentre_stats.pick_year(request.GET.get("year"))
    return year if ok else None


def _bad_year():
    return HttpResponseBadRequest(
        _("The fiscal year must be a Buddhist Era year such as 2568."),
        content_type="text/plain; charset=utf-8",
    )


@public_view
def infocentre_csv(request, org):
    year = _year_or_none(request)
    if year is None:
        return _bad_year()
    header, rows = infocentre_stats.csv_rows(infocentre_stats.yearly(org, year))
    name = _("Information requests")
    return file_response(f"{name} {year} {org.slug}.csv", CSV_CONTENT_TYPE, csv_bytes(header, rows))


@public_view
def infocentre_json(request, org):
    year = _year_or_none(request)
    if year is None:
        return _bad_year()
    data = infocentre_stats.json_data(org, infocentre_stats.yearly(org, year))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@public_view
def request_new(request, org):
    visits.count(request, org, PageGroup.INFOCENTRE)
    form = InfoRequestForm(org, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_robot:  # a robot filled the hidden field: look successful, keep nothing
            return _no_store(render(request, "disclosure/public/infocentre_sent.html", {"robot": True}))
        d = form.cleaned_data
        try:
            found, secret = infocentre.file_request(
                org,
                subject=d["subject"],
                name=d["name"],
                contact=d["contact"],
                token=d["token"],
                client=throttle.client_tag(request),
            )
        except qa.Flood as e:
            form.add_error(None, e)
            status = 429
        except ValidationError as e:
            form.add_error(None, e)
        else:
            ctx = {"info_request": found, "secret": codes.format_secret(secret) if secret else ""}
            return _no_store(render(request, "disclosure/public/infocentre_sent.html", ctx))
    ctx = {"form": form, "policy": infocentre.policy_for(org)}
    return _no_store(render(request, "disclosure/public/infocentre_request.html", ctx, status=status))


@public_view
def request_track(request, org):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = infocentre.follow(
                org,
                form.cleaned_data["number"],
                form.cleaned_data["secret"],
                client=throttle.client_tag(request),
            )
        except infocentre.TooManyTries as e:
            form.add_error(None, e)
        else:
            if found is not None:
                request.session[SESSION_PREFIX + str(found.pk)] = True
                request.session.cycle_key()
                return redirect("disclosure:infocentre_status", org_slug=org.slug, number=found.number)
            form.add_error(
                None, _("The tracking number or the follow secret is not right. Check them and try again.")
            )
    return _no_store(render(request, "disclosure/public/infocentre_track.html", {"form": form}))


@public_view
def request_status(request, org, number):
    found = InfoRequest.objects.for_org(org).filter(number=codes.normalize_code(number)).first()
    if found is None or not request.session.get(SESSION_PREFIX + str(found.pk)):
        raise Http404(_("Open your request with its tracking number and follow secret."))
    values = errors = None
    if request.method == "POST":
        try:
            infocentre.answer_survey(found, request.POST.getlist, request.POST.get("token"))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            values, errors = request.POST, getattr(e, "by_question", None)
        else:
            messages.success(request, _("Thank you for rating our service."))
            return redirect("disclosure:infocentre_status", org_slug=org.slug, number=found.number)
    survey = infocentre.survey_for(found, values=values, errors=errors)
    ctx = {"info_request": found, "survey": survey, "rated": survey is None and infocentre.rated(found)}
    status = 400 if values is not None else 200
    return _no_store(render(request, "disclosure/public/infocentre_status.html", ctx, status=status))


@public_view
def qa_board(request, org):
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not form.is_robot:
            d = form.cleaned_data
            try:
                qa.ask(
                    org,
                    question=d["question"],
                    name=d["name"],
                    contact=d["contact"],
                    client=throttle.client_tag(request),
                )
            except qa.Flood as e:
                form.add_error(None, e)
                status = 429
            except ValidationError as e:
                form.add_error(None, e)
        if not form.errors:
            messages.success(
                request,
                _("Thank you. Your question will appear on this board once an officer has answered it."),
            )
            return redirect("disclosure:qa", org_slug=org.slug)
    else:
        visits.count(request, org, PageGroup.QA)
    questions = public_questions(org)
    try:
        # Clamped: a huge page number must not reach the database as an offset it cannot hold.
        page = min(max(1, int(request.GET.get("page", 1))), 10_000)
    except ValueError:
        page = 1
    shown = list(questions[(page - 1) * QA_PAGE : page * QA_PAGE + 1])
    ctx = {
        "form": form,
        "questions": shown[:QA_PAGE],
        "page": page,
        "has_next": len(shown) > QA_PAGE,
        "fiscal_year": thai.current_fiscal_year(),
    }
    return render(request, "disclosure/public/qa.html", ctx, status=status)
