"""The back office: questionnaires, their questions (versioned), invitation links, paper forms, results."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core.charts import bar_chart
from sujarit.core.periods import Period
from sujarit.core.permissions import can
from sujarit.core.spreadsheet import file_response
from sujarit.core.tenancy import staff_view

from .. import contexts, exports, queries
from ..forms import InvitationsForm, PaperForm, QuestionForm, QuestionnaireForm
from ..models import Question, Questionnaire, State
from ..services import answering, editing, standard
from ..services.common import MANAGE, VIEW
from ..standard import catalogue
from .public import items, likert_scale


def _q(org, pk):
    return get_object_or_404(Questionnaire.objects.for_org(org), pk=pk)


def _back(q):
    return redirect("surveys_staff:detail", org_slug=q.org.slug, pk=q.pk)


@staff_view(VIEW)
def index(request, org):
    ctx = {
        "questionnaires": Questionnaire.objects.for_org(org).order_by("state", "title"),
        "standard": catalogue().values(),
        "form": QuestionnaireForm(),
        "can_manage": can(request.user, org, MANAGE),
    }
    return render(request, "surveys/staff/index.html", ctx)


@staff_view(MANAGE)
def load_standard(request, org):
    if request.method != "POST":
        return redirect("surveys_staff:index", org_slug=org.slug)
    keys = [k for k in request.POST.getlist("key") if k]
    try:
        made = standard.load_standard(org, by=request.user, keys=keys or None)
    except ValidationError as e:
        messages.error(request, e.messages[0])
    else:
        messages.success(request, _("%(n)s standard questionnaire(s) added as drafts.") % {"n": len(made)})
    return redirect("surveys_staff:index", org_slug=org.slug)


@staff_view(MANAGE)
def create(request, org):
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            q = editing.create(org, by=request.user, **d)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            return _back(q)
    return render(request, "surveys/staff/settings.html", {"form": form}, status=400 if form.errors else 200)


@staff_view(VIEW)
def detail(request, org, pk):
    q = _q(org, pk)
    version = q.current_version()
    ctx = {
        "q": q,
        "version": version,
        "questions": version.questions.all(),
        "answered": version.responses.exists(),
        "versions": q.versions.count(),
        "respondents": q.responses.count(),
        "states": [
            (State.OPEN, _("Open for answers")),
            (State.CLOSED, _("Close for answers")),
            (State.DRAFT, _("Back to draft")),
        ],
        "invitations": InvitationsForm(),
        "context_label": queries.context_label(q.context_key) if q.context_key else "",
        "can_manage": can(request.user, org, MANAGE),
    }
    return render(request, "surveys/staff/detail.html", ctx)


@staff_view(MANAGE)
def settings(request, org, pk):
    q = _q(org, pk)
    initial = {
        f: getattr(q, f) for f in ("title", "description", "purpose", "context_key", "open_link", "pass_mark")
    }
    form = QuestionnaireForm(request.POST or None, initial=initial, kind=q.kind)
    if request.method == "POST" and form.is_valid():
        try:
            editing.update(q, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Saved."))
            return _back(q)
    return render(
        request, "surveys/staff/settings.html", {"form": form, "q": q}, status=400 if form.errors else 200
    )


@staff_view(MANAGE)
def set_state(request, org, pk):
    q = _q(org, pk)
    if request.method == "POST":
        try:
            editing.set_state(q, request.POST.get("state", ""), by=request.user)
        except ValidationError as e:
            messages.error(request, e.messages[0])
        else:
            messages.success(
                request, _("The questionnaire is now: %(state)s") % {"state": q.get_state_display()}
            )
    return _back(q)


@staff_view(MANAGE)
def question(request, org, pk, qid=None):
    q = _q(org, pk)
    found = get_object_or_404(Question, pk=qid, version__questionnaire=q) if qid else None
    initial = {}
    if found is not None:
        initial = {"section": found.section, "wording": found.text, "kind": found.kind, "required": found.required,
                   "choices": "\n".join(found.choices), "order": found.order,
                   "correct": ",".join(str(i + 1) for i in found.correct)}  # fmt: skip
    form = QuestionForm(request.POST or None, initial=initial or None)
    if request.method == "POST" and form.is_valid():
        try:
            editing.save_question(q, by=request.user, question=found, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Question saved."))
            return _back(q)
    ctx = {"form": form, "q": q, "found": found, "answered": q.current_version().responses.exists()}
    return render(request, "surveys/staff/question.html", ctx, status=400 if form.errors else 200)


@staff_view(MANAGE)
def question_delete(request, org, pk, qid):
    q = _q(org, pk)
    found = get_object_or_404(Question, pk=qid, version__questionnaire=q)
    if request.method == "POST":
        try:
            editing.delete_question(q, found, by=request.user)
        except ValidationError as e:
            messages.error(request, e.messages[0])
        else:
            messages.success(request, _("Question removed."))
    return _back(q)


@staff_view(MANAGE)
def invitations(request, org, pk):
    q = _q(org, pk)
    form = InvitationsForm(request.POST or None)
    if request.method != "POST":
        return _back(q)
    links = []
    if form.is_valid():
        phase = form.cleaned_data["phase"] if q.is_test else ""
        try:
            numbers = editing.issue_invitations(q, form.cleaned_data["count"], by=request.user)
        except ValidationError as e:
            messages.error(request, e.messages[0])
            return _back(q)
        links = [(n, request.build_absolute_uri(contexts.invitation_url(q, contexts.NUMBERED, n, phase)))
                 for n in numbers]  # fmt: skip
    return render(request, "surveys/staff/invitations.html", {"q": q, "links": links, "form": form})


@staff_view(MANAGE)
def paper(request, org, pk):
    q = _q(org, pk)
    version = q.current_version()
    form = PaperForm(request.POST or None, initial={"submitted_on": timezone.localdate()})
    ctx = {
        "q": q,
        "version": version,
        "form": form,
        "errors": {},
        "values": {},
        "likert_scale": likert_scale(),
    }
    if request.method == "POST" and form.is_valid():
        phase = form.cleaned_data["phase"] if q.is_test else ""
        try:
            answering.enter_paper_forms(
                q,
                [request.POST.getlist],
                by=request.user,
                submitted_on=form.cleaned_data["submitted_on"],
                phase=phase,
            )
        except answering.Invalid as e:
            ctx.update(errors=e.by_question, values=request.POST, error=e.messages[0])
        except ValidationError as e:
            ctx.update(values=request.POST, error=e.messages[0])
        else:
            messages.success(request, _("The paper form was entered. Enter the next one."))
            return redirect("surveys_staff:paper", org_slug=org.slug, pk=q.pk)
    ctx["items"] = items(version.questions.all(), ctx["values"], ctx["errors"])
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/staff/paper.html", ctx, status=status)


def _period(request, q):
    years = queries.fiscal_years(q)
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2400 < int(raw) < 2700:
        return int(raw), Period.for_fiscal_year(int(raw)), years
    return None, None, years


def _charts(data):
    """Each version gets a chart of its mean ratings, each choice question a chart of its counts."""
    for v in data["versions"]:
        likert = [r for r in v["questions"] if "distribution" in r]
        rows = [(r["question"].text, r["mean"]) for r in likert]
        v["chart"] = (
            bar_chart(rows, title=_("Mean rating of each question (of 5)"), max_value=5) if rows else None
        )
        for r in v["questions"]:
            if "choice_counts" in r:
                r["chart"] = bar_chart(
                    [(t, n) for t, n, _s, _ok in r["choice_counts"]], title=r["question"].text
                )
    if data["phases"]:
        rows = [(p["label"], p["share"]) for p in data["phases"]]
        data["phase_chart"] = bar_chart(
            rows, title=_("Share passing (%)"), max_value=100, fmt=lambda x: f"{x} %"
        )
    return data


@staff_view(VIEW)
def results(request, org, pk):
    q = _q(org, pk)
    year, period, years = _period(request, q)
    data = _charts(queries.results(q, period))
    ctx = {"q": q, "data": data, "year": year, "years": years}
    return render(request, "surveys/staff/results.html", ctx)


@staff_view(VIEW)
def results_export(request, org, pk, fmt):
    q = _q(org, pk)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    _year, period, _years = _period(request, q)
    try:
        filename, content_type, data = exports.answers_export(q, fmt, period)
    except LookupError as e:
        messages.error(request, str(e))
        return redirect("surveys_staff:results", org_slug=org.slug, pk=q.pk)
    return file_response(filename, content_type, data)


staff_urls = [
    path("surveys/", index, name="index"),
    path("surveys/standard/", load_standard, name="load_standard"),
    path("surveys/new/", create, name="create"),
    path("surveys/<int:pk>/", detail, name="detail"),
    path("surveys/<int:pk>/settings/", settings, name="settings"),
    path("surveys/<int:pk>/state/", set_state, name="state"),
    path("surveys/<int:pk>/questions/new/", question, name="question_new"),
    path("surveys/<int:pk>/questions/<int:qid>/", question, name="question"),
    path("surveys/<int:pk>/questions/<int:qid>/delete/", question_delete, name="question_delete"),
    path("surveys/<int:pk>/invitations/", invitations, name="invitations"),
    path("surveys/<int:pk>/paper/", paper, name="paper"),
    path("surveys/<int:pk>/results/", results, name="results"),
    path("surveys/<int:pk>/results.<str:fmt>", results_export, name="results_export"),
]
