"""The information centre's verbs: requests under the Official Information Act, channels, surveys.

A request filed on the public form (or recorded by staff from another channel) gets a tracking
number and a follow secret shown once and kept only as a password hash; with both the requester sees
the state of the request and, once it is answered, rates the service once (1–5). The requester's
name and contact are for staff only and are erased `purge_after_days` after the answer
(`jobs.purge_personal_data`, run daily). Statistics live in queries/infocentre.py.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit, codes
from sujarit.core.permissions import ensure
from sujarit.core.registry import registry

from ..models import (
    ChannelKind,
    InfoCentrePolicy,
    InfoChannel,
    InfoRequest,
    LegalGround,
    Outcome,
)
from ..models.infocentre import WITHHOLDING
from . import qa

PERMISSION = "disclosure.infocentre"
TOKEN_SALT = "sujarit.disclosure.info-request-form"
TOKEN_MAX_AGE = 24 * 3600
PUBLIC_REQUESTS_PER_HOUR = 5  # per client (an HMAC tag of the address, only in the cache)
MAX_SUBJECT = 4000
SURVEY_CONTEXT = "disclosure.answered_request"


def ratable(info_request):
    """An answered request not rated before the satisfaction form moved to the survey engine."""
    return info_request.answered_on is not None and info_request.rating is None


def answered_request(org, ref):
    """Survey context (registry.add_survey_context): an answered request, named by its number only."""
    ref = str(ref)
    found = InfoRequest.objects.for_org(org).filter(pk=int(ref)).first() if ref.isdigit() else None
    return {"label": found.number} if found is not None and ratable(found) else None


TooManyTries = codes.TooManyTries


def policy_for(org):
    policy, _created = InfoCentrePolicy.objects.get_or_create(org=org)
    return policy


# --- numbers, secrets and form tokens -----------------------------------------------------------


def new_number():
    return codes.new_code(lambda code: InfoRequest.objects.filter(number=code).exists())


def new_form_token(org):
    """A signed one-time token for the public request form (hidden field)."""
    return codes.new_form_token(org, TOKEN_SALT)


def _token_digest(org, token):
    codes.read_form_token(org, token, TOKEN_SALT, TOKEN_MAX_AGE)
    return qa.digest(token)


# --- requests -----------------------------------------------------------------------------------


def _text(value, limit, label, *, required=False):
    value = str(value or "").strip()
    if required and not value:
        raise ValidationError(_("%(field)s is required.") % {"field": label})
    if len(value) > limit:
        raise ValidationError(
            _("%(field)s is too long (at most %(n)s characters).") % {"field": label, "n": limit}
        )
    return value


def _new_request(org, *, channel, subject, name, contact, received_on, by, digest=None):
    secret = codes.new_secret()
    request = InfoRequest.objects.create(
        org=org,
        number=new_number(),
        channel=channel,
        subject=subject,
        requester_name=name,
        requester_contact=contact,
        received_on=received_on,
        secret_hash=make_password(secret),
        submission_token=digest,
        created_by=by,
    )
    # The number and channel only: no name, contact or text in the audit log.
    audit.record(
        request, "disclosure.info_request_received", actor=by, number=request.number, channel=channel
    )
    return request, secret


def file_request(org, *, subject, name, contact, token, client=""):
    """A citizen's request from the public form → (request, secret); a resent form gives (request, "")."""
    digest = _token_digest(org, token)
    existing = InfoRequest.objects.for_org(org).filter(submission_token=digest).first()
    if existing is not None:
        return existing, ""
    subject = _text(subject, MAX_SUBJECT, _("The information you ask for"), required=True)
    name = _text(name, 200, _("Your name"), required=True)
    contact = _text(contact, 300, _("Phone or e-mail"), required=True)
    qa.check_flood(client, "info-request", PUBLIC_REQUESTS_PER_HOUR)
    try:
        with transaction.atomic():
            found = _new_request(
                org,
                channel=ChannelKind.WEBSITE,
                subject=subject,
                name=name,
                contact=contact,
                received_on=timezone.localdate(),
                by=None,
                digest=digest,
            )
    except Exception as e:
        qa.give_back_flood(client, "info-request")
        if not isinstance(e, IntegrityError):
            raise
        # Two copies of one form raced: the other one made the request.
        existing = InfoRequest.objects.for_org(org).filter(submission_token=digest).first()
        if existing is None:
            raise
        return existing, ""
    return found


@transaction.atomic
def record(org, *, by, channel, subject, received_on, name="", contact=""):
    """Staff record a request that came by any channel → (request, secret for the requester's slip)."""
    ensure(by, org, PERMISSION)
    if channel not in ChannelKind.values:
        raise ValidationError(_("Choose the channel the request came by."))
    if not isinstance(received_on, dt.date):
        raise ValidationError(_("Enter the date the request was received."))
    if received_on > timezone.localdate():
        raise ValidationError(_("The date received cannot be in the future."))
    return _new_request(
        org,
        channel=channel,
        subject=_text(subject, MAX_SUBJECT, _("What was asked"), required=True),
        name=_text(name, 200, _("Requester's name")),
        contact=_text(contact, 300, _("Requester's contact")),
        received_on=received_on,
        by=by,
    )


@transaction.atomic
def answer(info_request, *, by, answered_on, outcome, legal_ground="", forwarded_to="", note=""):
    """Record (or correct) the answer: date, outcome, the legal ground of a refusal, where it was sent."""
    ensure(by, info_request.org, PERMISSION)
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose the outcome of the request."))
    if not isinstance(answered_on, dt.date):
        raise ValidationError(_("Enter the date of the answer."))
    if answered_on < info_request.received_on:
        raise ValidationError(_("The answer cannot be dated before the request was received."))
    if answered_on > timezone.localdate():
        raise ValidationError(_("The date of the answer cannot be in the future."))
    if outcome in WITHHOLDING and not legal_ground:
        raise ValidationError(_("A refusal or partial disclosure must name its legal ground."))
    if outcome not in WITHHOLDING:
        legal_ground = ""
    forwarded_to = _text(forwarded_to, 300, _("Forwarded to"))
    if outcome == Outcome.FORWARDED and not forwarded_to:
        raise ValidationError(_("Write the agency the request was forwarded to."))
    if legal_ground and legal_ground not in LegalGround.values:
        raise ValidationError(_("Choose the legal ground from the list."))
    corrected = info_request.answered_on is not None
    info_request.answered_on = answered_on
    info_request.outcome = outcome
    info_request.legal_ground = legal_ground
    info_request.forwarded_to = forwarded_to if outcome == Outcome.FORWARDED else ""
    info_request.answer_note = _text(note, MAX_SUBJECT, _("What was given"))
    info_request.save(
        update_fields=["answered_on", "outcome", "legal_ground", "forwarded_to", "answer_note", "updated_at"]
    )
    audit.record(
        info_request,
        "disclosure.info_request_answered",
        actor=by,
        number=info_request.number,
        outcome=outcome,
        legal_ground=legal_ground,
        days=info_request.days_taken,
        corrected=corrected,
    )
    return info_request


def follow(org, number, secret, *, client):
    """The request of org with this number and secret, or None (nothing tells which was wrong).

    `client` is `core.throttle.client_tag(request)`: wrong secrets lock the guesser, not the request.
    """
    requests_of_org = InfoRequest.objects.for_org(org)
    return codes.follow(
        requests_of_org, "number", number, secret, scope=f"info-request:{org.pk}", client=client
    )


def survey_for(info_request, *, values=None, errors=None):
    """The survey engine's information-centre questions to draw on the request's page, or None."""
    embedded = registry.query("surveys.embedded_form")
    if embedded is None or not ratable(info_request):
        return None
    return embedded(info_request.org, SURVEY_CONTEXT, info_request.pk, values=values, errors=errors)


def rated(info_request):
    """True once the requester answered (or rated the request before the move)."""
    answered = registry.query("surveys.answered")
    return bool(info_request.rating) or bool(
        answered and answered(info_request.org, SURVEY_CONTEXT, info_request.pk)
    )


def answer_survey(info_request, getlist, form_token):
    """The requester's answers, stored and counted by the survey engine, once per request."""
    answer_embedded = registry.query("surveys.answer_embedded")
    if answer_embedded is None:
        raise ValidationError(_("This questionnaire is not open for answers."))
    response = answer_embedded(info_request.org, SURVEY_CONTEXT, info_request.pk, getlist, form_token)
    audit.record(info_request, "disclosure.info_request_rated", number=info_request.number)
    return response


# --- channels, settings and surveys -------------------------------------------------------------


@transaction.atomic
def save_channel(org, *, by, kind, name, contact="", url="", active=True, order=0, channel=None):
    """Add a channel (channel=None) or change one of org's channels."""
    ensure(by, org, PERMISSION)
    if channel is not None and channel.org_id != org.pk:
        raise ValidationError(_("This channel belongs to another organization."))
    if kind not in ChannelKind.values:
        raise ValidationError(_("Choose the kind of channel."))
    name = _text(name, 200, _("Name"), required=True)
    url = _text(url, 500, _("Address"))
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as e:
            raise ValidationError(_("The address must start with https:// or http://.")) from e
    channel = channel or InfoChannel(org=org)
    channel.kind, channel.name, channel.url = kind, name, url
    channel.contact = _text(contact, 300, _("Contact details"))
    channel.active, channel.order = bool(active), int(order or 0)
    added = channel.pk is None
    channel.save()
    audit.record(
        channel, "disclosure.info_channel_saved", actor=by, added=added, kind=kind, active=channel.active
    )
    return channel


@transaction.atomic
def save_policy(org, *, by, purge_after_days, how_to_request=""):
    ensure(by, org, PERMISSION)
    if not isinstance(purge_after_days, int) or not 1 <= purge_after_days <= 3650:
        raise ValidationError(_("Keep the requester's data between 1 and 3,650 days after the answer."))
    policy = policy_for(org)
    policy.purge_after_days = purge_after_days
    policy.how_to_request = _text(how_to_request, 4000, _("How to request information"))
    policy.save(update_fields=["purge_after_days", "how_to_request", "updated_at"])
    audit.record(policy, "disclosure.infocentre_settings_saved", actor=by, purge_after_days=purge_after_days)
    return policy
