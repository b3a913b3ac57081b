"""Public pages: the list of open questionnaires, answering by public link or invitation link.

Nothing about the person is kept: open links are rate-limited in the cache under core.throttle's
daily client tag (never stored), and every page sends Cache-Control: no-store.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from sujarit.core import throttle
from sujarit.core.tenancy import public_view

from .. import contexts, queries
from ..models import Channel, Phase, Questionnaire, State
from ..services import answering

LINK_ANSWERS_PER_HOUR = 5  # per questionnaire and client tag (a family may share one address)
LINK_WINDOW = 3600


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def likert_scale():
    return [
        ("1", _("very dissatisfied")),
        ("2", _("dissatisfied")),
        ("3", _("neutral")),
        ("4", _("satisfied")),
        ("5", _("very satisfied")),
    ]


def items(questions, values, errors):
    """What the answer form draws: each question with what was chosen or typed and its error."""
    getlist = values.getlist if hasattr(values, "getlist") else (lambda _name: [])
    return [
        {
            "q": q,
            "picked": getlist(f"q{q.pk}"),
            "error": errors.get(q.pk, ""),
            "choices": list(enumerate(q.choices)),
        }
        for q in questions
    ]


def _version(q, request):
    wanted = request.POST.get("version") if request.method == "POST" else None
    found = q.versions.filter(pk=wanted).first() if wanted and wanted.isdigit() else None
    return found or q.current_version()


def _answer(request, org, q, *, channel, phase, context_key="", ref="", label="", throttle_key=None):
    version = _version(q, request)
    ctx = {"q": q, "version": version, "phase": phase, "label": label, "errors": {}, "values": {},
           "likert_scale": likert_scale()}  # fmt: skip
    status = 200
    if q.state != State.OPEN:
        ctx["refusal"] = _("This questionnaire is not open for answers.")
        return _no_store(render(request, "surveys/public/refused.html", ctx, status=410))
    if request.method == "POST":
        try:
            # Taken before the work, atomically; given back when the answer is not stored.
            if throttle_key and not throttle.take(throttle_key, LINK_ANSWERS_PER_HOUR, LINK_WINDOW):
                throttle_key = None  # nothing to give back
                status = 429
                raise ValidationError(
                    _("Too many answers came from here in the last hour. Please try again later.")
                )
            answering.submit(
                q, request.POST.getlist, channel=channel, form_token=request.POST.get("token"),
                version=version, phase=phase, context_key=context_key, ref=ref,
            )  # fmt: skip
        except answering.AlreadyAnswered as e:
            if throttle_key:
                throttle.give_back(throttle_key)
            ctx["refusal"] = e.messages[0]
            return _no_store(render(request, "surveys/public/refused.html", ctx, status=409))
        except answering.Invalid as e:
            if throttle_key:
                throttle.give_back(throttle_key)
            ctx["errors"], ctx["values"], status = e.by_question, request.POST, 400
            ctx["error"] = e.messages[0]
        except ValidationError as e:
            if throttle_key:
                throttle.give_back(throttle_key)
            ctx["error"], ctx["values"], status = (
                e.messages[0],
                request.POST,
                status if status != 200 else 400,
            )
        else:
            return _no_store(render(request, "surveys/public/thanks.html", ctx))
    ctx["token"] = answering.new_form_token(q)
    ctx["items"] = items(version.questions.all(), ctx["values"], ctx["errors"])
    return _no_store(render(request, "surveys/public/answer.html", ctx, status=status))


@public_view
def index(request, org):
    return render(request, "surveys/public/index.html", {"questionnaires": queries.open_public(org)})


@public_view
def answer(request, org, key):
    q = Questionnaire.objects.for_org(org).filter(key=key, open_link=True).first()
    if q is None or q.state == State.DRAFT:
        raise Http404(_("There is no such survey."))
    phase = request.GET.get("phase", "") if q.is_test else ""
    if phase not in Phase.values:
        phase = ""
    tag = f"sujarit:surveys:link:{q.pk}:{throttle.client_tag(request)}"
    return _answer(request, org, q, channel=Channel.LINK, phase=phase, throttle_key=tag)


@public_view
def invitation(request, org, token):
    try:
        q, context_key, ref, phase, label = contexts.read(org, token)
    except contexts.BadLink as e:
        return _no_store(
            render(request, "surveys/public/refused.html", {"refusal": e.messages[0]}, status=404)
        )
    if q.responses.filter(context_key=context_key, context_ref=ref, phase=phase).exists():
        refusal = _("This survey was already answered from this link. The first answer is kept.")
        return _no_store(
            render(request, "surveys/public/refused.html", {"q": q, "refusal": refusal}, status=409)
        )
    return _answer(request, org, q, channel=Channel.INVITATION, phase=phase, context_key=context_key, ref=ref,
                   label=label)  # fmt: skip


public_urls = [
    path("surveys/", index, name="index"),
    path("surveys/i/<str:token>/", invitation, name="invitation"),
    path("surveys/<slug:key>/", answer, name="answer"),
]
