"""Back office of the information centre (requests register, channels, settings, surveys) and the
Q&A moderation queue. Every page needs `disclosure.infocentre`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sujarit.core import codes, thai
from sujarit.core.registry import registry
from sujarit.core.tenancy import staff_view

from ...forms.infocentre import (
    AnswerForm,
    ChannelForm,
    PolicyForm,
    PublishForm,
    RecordForm,
    RejectForm,
)
from ...models import InfoChannel, InfoRequest, InfoSurvey, Question, QuestionState
from ...queries import infocentre as infocentre_stats
from ...queries.qa import public_questions, waiting
from ...services import infocentre, qa

PERM = "disclosure.infocentre"
PAGE_SIZE = 50


@staff_view(PERM)
def register(request, org):
    year, _ok = infocentre_stats.pick_year(request.GET.get("year"))
    start, end = thai.fiscal_year_bounds(year)
    rows = InfoRequest.objects.for_org(org).filter(received_on__gte=start, received_on__lte=end)
    if request.GET.get("open"):
        rows = rows.open()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "page": page,
        "fiscal_year": year,
        "years": infocentre_stats.years_with_requests(org),
        "only_open": bool(request.GET.get("open")),
        "data": infocentre_stats.yearly(org, year),
        "waiting_questions": waiting(org).count(),
    }
    return render(request, "disclosure/staff/infocentre.html", ctx)


@staff_view(PERM)
def record(request, org):
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found, secret = infocentre.record(org, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            ctx = {"info_request": found, "secret": codes.format_secret(secret)}
            response = render(request, "disclosure/staff/infocentre_recorded.html", ctx)
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "disclosure/staff/infocentre_record.html", {"form": form})


@staff_view(PERM)
def request_detail(request, org, pk):
    found = get_object_or_404(InfoRequest.objects.for_org(org), pk=pk)
    initial = {}
    if found.answered_on:
        initial = {
            "answered_on": found.answered_on,
            "outcome": found.outcome,
            "legal_ground": found.legal_ground,
            "forwarded_to": found.forwarded_to,
            "note": found.answer_note,
        }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            infocentre.answer(found, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The answer was recorded."))
            return redirect("disclosure_staff:infocentre_request", org_slug=org.slug, pk=found.pk)
    return render(request, "disclosure/staff/infocentre_request.html", {"info_request": found, "form": form})


@staff_view(PERM)
def channels(request, org):
    form = ChannelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            infocentre.save_channel(org, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The channel was added."))
            return redirect("disclosure_staff:infocentre_channels", org_slug=org.slug)
    rows = InfoChannel.objects.for_org(org)
    ctx = {"form": form, "channels": rows, "active": sum(1 for c in rows if c.active)}
    return render(request, "disclosure/staff/infocentre_channels.html", ctx)


@staff_view(PERM)
def channel_edit(request, org, pk):
    channel = get_object_or_404(InfoChannel.objects.for_org(org), pk=pk)
    form = ChannelForm(request.POST or None, instance=None, initial=_channel_initial(channel))
    if request.method == "POST" and form.is_valid():
        try:
            infocentre.save_channel(org, by=request.user, channel=channel, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The channel was saved."))
            return redirect("disclosure_staff:infocentre_channels", org_slug=org.slug)
    return render(request, "disclosure/staff/infocentre_channel.html", {"form": form, "channel": channel})


def _channel_initial(channel):
    return {f: getattr(channel, f) for f in ChannelForm.Meta.fields}


def _paper_entry_url(org):
    url_for = registry.query("surveys.paper_entry_url")
    return url_for(org, infocentre.SURVEY_CONTEXT) if url_for is not None else None


@staff_view(PERM)
def settings_page(request, org):
    policy = infocentre.policy_for(org)
    action = request.POST.get("action") if request.method == "POST" else None
    policy_form = PolicyForm(
        request.POST if action == "policy" else None,
        initial={"purge_after_days": policy.purge_after_days, "how_to_request": policy.how_to_request},
    )
    if action == "policy" and policy_form.is_valid():
        try:
            infocentre.save_policy(org, by=request.user, **policy_form.cleaned_data)
        except ValidationError as e:
            policy_form.add_error(None, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("disclosure_staff:infocentre_settings", org_slug=org.slug)
    ctx = {
        "policy_form": policy_form,
        # Paper satisfaction forms are typed in on the survey engine's page, one form at a time; the
        # yearly totals entered by hand before the move stay readable here.
        "paper_entry_url": _paper_entry_url(org),
        "kept_totals": InfoSurvey.objects.for_org(org),
    }
    return render(request, "disclosure/staff/infocentre_settings.html", ctx)


@staff_view(PERM)
def qa_queue(request, org):
    ctx = {
        "waiting": waiting(org),
        "published": public_questions(org)[:20],
    }
    return render(request, "disclosure/staff/qa.html", ctx)


@staff_view(PERM)
def qa_question(request, org, pk):
    question = get_object_or_404(Question.objects.for_org(org), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    publish_form = PublishForm(
        request.POST if action == "publish" else None,
        initial={"question": question.question, "answer": question.answer},
    )
    reject_form = RejectForm(request.POST if action == "reject" else None)
    if action == "publish" and publish_form.is_valid():
        d = publish_form.cleaned_data
        try:
            qa.publish(question, by=request.user, answer=d["answer"], text=d["question"])
        except ValidationError as e:
            publish_form.add_error(None, e)
        else:
            messages.success(request, _("The question and its answer are on the public board."))
            return redirect("disclosure_staff:qa", org_slug=org.slug)
    if action == "reject" and reject_form.is_valid():
        try:
            qa.reject(question, by=request.user, reason=reject_form.cleaned_data["reason"])
        except ValidationError as e:
            reject_form.add_error(None, e)
        else:
            messages.success(request, _("The question was rejected."))
            return redirect("disclosure_staff:qa", org_slug=org.slug)
    ctx = {
        "question": question,
        "publish_form": publish_form,
        "reject_form": reject_form,
        "is_pending": question.state == QuestionState.PENDING,
        "is_rejected": question.state == QuestionState.REJECTED,
    }
    return render(request, "disclosure/staff/qa_question.html", ctx)
