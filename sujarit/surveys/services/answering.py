"""Answering a questionnaire: validate every answer, score it, keep one response per link or form.

Every refusal is a ValidationError with a Thai message and writes nothing. A response stores the
day, never the time, nor anything about the person answering.
"""

import hashlib
import hmac
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit, codes
from sujarit.core.permissions import ensure

from ..models import Answer, Channel, Phase, QuestionKind, Questionnaire, Response, State
from .common import MANAGE

FORM_SALT = "sujarit.surveys.form"
FORM_MAX_AGE = 2 * 24 * 3600
TEXT_LIMIT = 2000
NUMBER_LIMIT = Decimal("1000000000")
SATISFIED_FROM = Decimal("3.5")


class AlreadyAnswered(ValidationError):
    """This link (or this very form) was answered before: the first answer is kept."""


class Invalid(ValidationError):
    """Some answers are missing or wrong; `.by_question` maps question pk -> message."""

    def __init__(self, by_question):
        super().__init__(_("Some answers need your attention; they are marked below."))
        self.by_question = by_question


def _one(question, raw):
    """The stored value of one answer, None for no answer, or ValueError with a Thai message."""
    values = [v for v in raw if str(v).strip()]
    if not values:
        return None
    kind, first = question.kind, str(values[0]).strip()
    if kind == QuestionKind.LIKERT:
        if first not in {"1", "2", "3", "4", "5"}:
            raise ValueError(_("Choose a rating from 1 to 5."))
        return int(first)
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        picked = []
        for v in values if kind == QuestionKind.MULTIPLE else values[:1]:
            v = str(v).strip()
            if not v.isdigit() or int(v) >= len(question.choices):
                raise ValueError(_("Choose one of the choices shown."))
            picked.append(int(v))
        return sorted(set(picked)) if kind == QuestionKind.MULTIPLE else picked[0]
    if kind == QuestionKind.NUMBER:
        try:
            number = Decimal(first.replace(",", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) >= NUMBER_LIMIT:
            raise ValueError(_("Enter a number, such as 12 or 3.5."))
        return format(number.normalize(), "f")
    text = first.replace("\x00", "")
    if len(text) > TEXT_LIMIT:
        raise ValueError(_("At most %(n)s characters.") % {"n": TEXT_LIMIT})
    return text


def parse(version, getlist):
    """{question: value} from a form (getlist(name) -> list), or Invalid naming each bad answer."""
    values, errors = {}, {}
    for question in version.questions.all():
        try:
            value = _one(question, getlist(f"q{question.pk}"))
        except ValueError as e:
            errors[question.pk] = str(e)
            continue
        if value is None and question.required:
            errors[question.pk] = _("Please answer this question.")
        values[question] = value
    if errors:
        raise Invalid(errors)
    return values


def _scores(questionnaire, values):
    ratings = [v for q, v in values.items() if q.kind == QuestionKind.LIKERT and v is not None]
    out: dict[str, Decimal | int | bool] = {}
    if ratings:
        mean = (Decimal(sum(ratings)) / len(ratings)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        out["mean_rating"], out["satisfied"] = mean, mean >= SATISFIED_FROM
    scored = [q for q in values if q.scored]
    if questionnaire.is_test and scored:

        def right(q):
            v = values[q]
            return v is not None and sorted(v if isinstance(v, list) else [v]) == sorted(q.correct)

        score = sum(1 for q in scored if right(q))
        out["score"], out["max_score"] = score, len(scored)
        out["passed"] = score * 100 >= questionnaire.pass_mark * len(scored)
    return out


def _save(questionnaire, version, values, **fields):
    response = Response.objects.create(
        org=questionnaire.org, questionnaire=questionnaire, version=version, **fields,
        **_scores(questionnaire, values),
    )  # fmt: skip
    Answer.objects.bulk_create(
        [Answer(response=response, question=q, value=v) for q, v in values.items() if v is not None]
    )
    return response


def new_form_token(questionnaire):
    return codes.new_form_token(questionnaire.org, FORM_SALT)


def _digest(org, form_token):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{FORM_SALT}:{org.pk}:{form_token}".encode(), hashlib.sha256).hexdigest()


def _version(questionnaire, version):
    # The version the form showed, so an edit made meanwhile does not move the answers.
    if version is None or version.questionnaire_id != questionnaire.pk:
        return questionnaire.current_version()
    return version


@transaction.atomic
def submit(questionnaire, getlist, *, channel, form_token, version=None, phase="", context_key="", ref=""):
    """A person's answers through a public or invitation link; returns the response."""
    q = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if q.state != State.OPEN:
        raise ValidationError(_("This questionnaire is not open for answers."))
    if channel == Channel.LINK and not q.open_link:
        raise ValidationError(_("This questionnaire is answered through invitation links only."))
    if phase not in Phase.values or (phase and not q.is_test):
        raise ValidationError(_("This survey link is not valid. Check that it was copied whole."))
    codes.read_form_token(q.org, form_token, FORM_SALT, FORM_MAX_AGE)
    digest = _digest(q.org, form_token)
    taken = Response.objects.filter(form_digest=digest).exists()
    if ref:
        taken = taken or q.responses.filter(context_key=context_key, context_ref=ref, phase=phase).exists()
    if taken:
        raise AlreadyAnswered(_("This survey was already answered from this link. The first answer is kept."))
    version = _version(q, version)
    values = parse(version, getlist)
    fields = {"channel": channel, "phase": phase, "context_key": context_key, "context_ref": ref}
    try:
        with transaction.atomic():
            response = _save(
                q, version, values, form_digest=digest, submitted_on=timezone.localdate(), **fields
            )
    except IntegrityError as e:  # a second submission racing the first
        raise AlreadyAnswered(
            _("This survey was already answered from this link. The first answer is kept.")
        ) from e
    audit.record(
        q, "surveys.answered", channel=channel, version=version.number, phase=phase, context=context_key
    )
    return response


@transaction.atomic
def enter_paper_forms(questionnaire, forms, *, by, submitted_on, phase=""):
    """Staff type in paper forms: each a getlist function; all or none are kept; returns how many."""
    ensure(by, questionnaire.org, MANAGE)
    q = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if phase not in Phase.values or (phase and not q.is_test):
        raise ValidationError(_("Pre- and post-tests are for knowledge tests only."))
    if submitted_on > timezone.localdate():
        raise ValidationError(_("The date of the form cannot be in the future."))
    version = q.current_version()
    parsed = [parse(version, getlist) for getlist in forms]
    for values in parsed:
        _save(q, version, values, channel=Channel.PAPER, phase=phase, submitted_on=submitted_on)
    audit.record(q, "surveys.paper_forms_entered", actor=by, count=len(parsed), day=submitted_on.isoformat())
    return len(parsed)
