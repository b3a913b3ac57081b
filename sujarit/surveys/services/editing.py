"""Making and changing questionnaires. An edit after answers arrived makes a new version first."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sujarit.core import audit
from sujarit.core.permissions import ensure
from sujarit.core.registry import registry

from ..measures import BY_KEY
from ..models import Kind, Question, QuestionKind, Questionnaire, State, Version
from .common import MANAGE, text

MAX_CHOICES = 20
MAX_INVITATIONS = 500  # per batch


def _key(org, wanted):
    base = slugify(wanted or "")[:50] or "survey"
    key, n = base, 1
    while Questionnaire.objects.for_org(org).filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


def _check_settings(kind, purpose, context_key, pass_mark):
    if kind not in Kind.values:
        raise ValidationError(_("Choose whether this is a satisfaction survey or a knowledge test."))
    if purpose and (purpose not in BY_KEY or BY_KEY[purpose].kind != kind):
        raise ValidationError(_("This measure does not count this kind of questionnaire."))
    if context_key and context_key not in registry.survey_contexts:
        raise ValidationError(_("No installed module offers this kind of record for surveys."))
    if not isinstance(pass_mark, int) or not 1 <= pass_mark <= 100:
        raise ValidationError(_("The pass mark is a percentage from 1 to 100."))


@transaction.atomic
def create(org, *, by, title, kind=Kind.SATISFACTION, description="", purpose="", context_key="",
           open_link=True, pass_mark=80, key="", standard=""):  # fmt: skip
    """A new questionnaire (draft) with an empty first version."""
    ensure(by, org, MANAGE)
    title = text(title, 300, _("Title"), required=True)
    _check_settings(kind, purpose, context_key, pass_mark)
    q = Questionnaire.objects.create(
        org=org,
        key=_key(org, key or standard or title),
        title=title,
        description=text(description, 4000, _("Introduction")),
        kind=kind,
        purpose=purpose,
        context_key=context_key,
        open_link=bool(open_link),
        pass_mark=pass_mark,
        standard=standard,
    )
    Version.objects.create(questionnaire=q, number=1)
    audit.record(q, "surveys.questionnaire_created", actor=by, key=q.key, standard=standard)
    return q


@transaction.atomic
def update(questionnaire, *, by, title, description="", purpose="", context_key="", open_link=True,
           pass_mark=80):  # fmt: skip
    """Change a questionnaire's settings (not its questions: those are versioned)."""
    ensure(by, questionnaire.org, MANAGE)
    q = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    _check_settings(q.kind, purpose, context_key, pass_mark)
    q.title = text(title, 300, _("Title"), required=True)
    q.description = text(description, 4000, _("Introduction"))
    q.purpose, q.context_key, q.open_link, q.pass_mark = purpose, context_key, bool(open_link), pass_mark
    q.save(
        update_fields=[
            "title",
            "description",
            "purpose",
            "context_key",
            "open_link",
            "pass_mark",
            "updated_at",
        ]
    )
    audit.record(q, "surveys.questionnaire_updated", actor=by, purpose=purpose, context=context_key)
    return q


@transaction.atomic
def set_state(questionnaire, state, *, by):
    """Open, close or reopen a questionnaire; one with no question cannot open."""
    ensure(by, questionnaire.org, MANAGE)
    if state not in State.values:
        raise ValidationError(_("Unknown state."))
    q = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if state == State.OPEN and not q.current_version().questions.exists():
        raise ValidationError(_("Add at least one question before opening the questionnaire."))
    previous, q.state = q.state, state
    q.save(update_fields=["state", "updated_at"])
    audit.record(q, "surveys.state_changed", actor=by, state=state, previous=previous)
    questionnaire.state = state
    return q


def _writable_version(q):
    """The current version, or a copy of it when someone has answered it (old answers keep theirs)."""
    current = q.current_version()
    if not current.responses.exists():
        return current, None
    fresh = Version.objects.create(questionnaire=q, number=current.number + 1)
    mapping = {}
    for old in current.questions.all():
        mapping[old.pk] = Question.objects.create(
            version=fresh,
            order=old.order,
            section=old.section,
            text=old.text,
            kind=old.kind,
            choices=old.choices,
            correct=old.correct,
            required=old.required,
        )
    return fresh, mapping


def _choices(kind, lines, correct, is_test):
    lines = [text(c, 300, _("Choice")) for c in lines]
    lines = [c for c in lines if c]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(lines) < 2:
            raise ValidationError(_("A choice question needs at least two choices, one per line."))
        if len(lines) > MAX_CHOICES:
            raise ValidationError(_("At most %(n)s choices.") % {"n": MAX_CHOICES})
        if len(set(lines)) != len(lines):
            raise ValidationError(_("Two choices have the same text."))
    else:
        lines = []
    correct = sorted({int(i) for i in correct or []}) if lines else []
    if any(i < 0 or i >= len(lines) for i in correct):
        raise ValidationError(_("A correct answer must be one of the choices."))
    if kind == QuestionKind.SINGLE and len(correct) > 1:
        raise ValidationError(_("A single-choice question has one correct answer."))
    return lines, (correct if is_test else [])


@transaction.atomic
def save_question(questionnaire, *, by, wording, kind, section="", choices=(), correct=(), required=True,
                  order=None, question=None):  # fmt: skip
    """Add a question, or change one; returns the question as saved (in a new version if answered)."""
    ensure(by, questionnaire.org, MANAGE)
    q = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if kind not in QuestionKind.values:
        raise ValidationError(_("Choose the kind of answer."))
    body = text(wording, 500, _("Question"), required=True)
    section = text(section, 200, _("Section"))
    choices, correct = _choices(kind, choices, correct, q.is_test)
    if question is not None and question.version.questionnaire_id != q.pk:
        raise ValidationError(_("This question belongs to another questionnaire."))
    version, mapping = _writable_version(q)
    if question is not None:
        if question.version_id != q.current_version().pk and mapping is None:
            raise ValidationError(_("This question is from an earlier version; edit the current one."))
        question = mapping[question.pk] if mapping else question
    else:
        last = version.questions.order_by("-order").first()
        question = Question(version=version, order=(last.order + 1) if last else 1)
    question.section, question.text, question.kind = section, body, kind
    question.choices, question.correct, question.required = choices, correct, bool(required)
    if order is not None:
        question.order = int(order)
    question.save()
    audit.record(q, "surveys.question_saved", actor=by, version=version.number, question=question.pk)
    return question


@transaction.atomic
def delete_question(questionnaire, question, *, by):
    """Remove a question from the current version (answered versions keep it)."""
    ensure(by, questionnaire.org, MANAGE)
    q = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if question.version.questionnaire_id != q.pk or question.version_id != q.current_version().pk:
        raise ValidationError(_("This question is not in the current version."))
    if q.state == State.OPEN and question.version.questions.count() == 1:
        raise ValidationError(_("An open questionnaire keeps at least one question."))
    version, mapping = _writable_version(q)
    (mapping[question.pk] if mapping else question).delete()
    audit.record(q, "surveys.question_deleted", actor=by, version=version.number)
    return version


@transaction.atomic
def issue_invitations(questionnaire, count, *, by):
    """Number `count` more one-time invitation links; returns their numbers (the links are signed)."""
    ensure(by, questionnaire.org, MANAGE)
    if not isinstance(count, int) or not 1 <= count <= MAX_INVITATIONS:
        raise ValidationError(_("Make from 1 to %(n)s links at a time.") % {"n": MAX_INVITATIONS})
    q = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    first = q.invitations_issued + 1
    q.invitations_issued += count
    q.save(update_fields=["invitations_issued", "updated_at"])
    audit.record(q, "surveys.invitations_issued", actor=by, first=first, count=count)
    questionnaire.invitations_issued = q.invitations_issued
    return list(range(first, first + count))
