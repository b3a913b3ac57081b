"""General grievances: submission (web, staff registration, other channels), following, adding information.

A complainant follows their case with a short public tracking code and a follow secret shown once;
the secret is kept only as a password hash. A form carries a one-time signed token whose digest the
case keeps, so a form sent twice (double tap, reload) makes one case.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core import audit, codes
from sujarit.core.permissions import can

from ..models import Case, Category, Channel, EventType, Kind, State
from ..protection import crypto
from . import cases

TOKEN_SALT = "sujarit.complaints.general-form"
TOKEN_MAX_AGE = 24 * 3600
# A resent form within this time may show a fresh secret (the first page was never seen).
RENEW_WINDOW = timedelta(minutes=15)
STAFF_CHANNELS = (
    Channel.WALK_IN,
    Channel.PHONE,
    Channel.LETTER,
    Channel.DAMRONGDHAMA,
    Channel.SOCIAL,
    Channel.TRAFFY,
)


TooManyTries = codes.TooManyTries


# --- codes, secrets and form tokens -----------------------------------------------------------


def new_tracking_code():
    return codes.new_code(lambda code: Case.objects.filter(tracking_code=code).exists())


def new_form_token(org):
    """A signed one-time token for a complaint form of org (hidden field)."""
    return codes.new_form_token(org, TOKEN_SALT)


def check_form_token(org, token):
    """ValidationError when the token is missing, forged, expired or for another organization."""
    codes.read_form_token(org, token, TOKEN_SALT, TOKEN_MAX_AGE)


def _coordinate(value, limit):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as e:
        raise ValidationError(_("The map position could not be read.")) from e
    if not -limit <= number <= limit:
        raise ValidationError(_("The map position could not be read."))
    return number


# --- submission ---------------------------------------------------------------------------------


def submit(
    org,
    *,
    channel,
    category,
    subject,
    description,
    location="",
    latitude=None,
    longitude=None,
    name="",
    phone="",
    email="",
    checked_files=(),
    token=None,
    by=None,
    received_at=None,
):
    """A new general case routed to the category's unit → (case, secret); a resent token gives (case, "")."""
    digest = crypto.token_digest(token) if token else None
    if digest:
        existing = Case.objects.for_org(org).filter(submission_token=digest).first()
        if existing is not None:
            return existing, ""
    try:
        with transaction.atomic():
            return _create(
                org,
                digest,
                channel=channel,
                category=category,
                subject=subject,
                description=description,
                location=location,
                latitude=latitude,
                longitude=longitude,
                name=name,
                phone=phone,
                email=email,
                checked_files=checked_files,
                by=by,
                received_at=received_at,
            )
    except IntegrityError:
        # Two copies of one form raced: the other one made the case.
        existing = digest and Case.objects.for_org(org).filter(submission_token=digest).first()
        if existing:
            return existing, ""
        raise


def _column_size(name):
    field = Case._meta.get_field(name)
    assert isinstance(field, models.Field)  # the case's own text columns, not relations
    return field.max_length


def _create(
    org, digest, *, channel, category, subject, description, by, received_at, checked_files, **fields
):
    staff = by is not None and getattr(by, "is_authenticated", False)
    if staff and not can(by, org, "complaints.handle"):
        raise PermissionDenied("complaints.handle")
    channel = Channel(channel)
    if not staff and channel in STAFF_CHANNELS:
        raise PermissionDenied("only staff register complaints from other channels")
    now = timezone.now()
    if received_at is None or not staff:
        received_at = now
    elif received_at > now + timedelta(minutes=5):
        raise ValidationError(_("The date received cannot be in the future."))
    if not isinstance(category, Category) or category.org_id != org.pk or category.kind != Kind.GENERAL:
        raise ValidationError(_("Choose what the complaint is about."))
    if not category.active and not staff:
        raise ValidationError(_("Choose what the complaint is about."))
    subject, description = (subject or "").strip(), (description or "").strip()
    if not subject or not description:
        raise ValidationError(_("Write the subject and the details of the complaint."))
    fields["latitude"] = _coordinate(fields["latitude"], 90)
    fields["longitude"] = _coordinate(fields["longitude"], 180)
    for key in ("location", "name", "phone", "email"):
        # Cut to the column's size: PostgreSQL refuses longer text where SQLite would keep it.
        fields[key] = (fields[key] or "").strip()[: _column_size(key)]
    secret = codes.new_secret()
    case = cases.create_case(
        org,
        Kind.GENERAL,
        received_at=received_at,
        by=by,
        channel=channel,
        category=category,
        unit=category.unit or cases.policy_for(org).general_unit,
        subject=subject[:200],
        description=description,
        tracking_code=new_tracking_code(),
        secret_hash=make_password(secret),
        submission_token=digest,
        **fields,
    )
    created = case.events.get(type=EventType.CREATED)
    for checked in checked_files:
        cases.store_file(case, checked, event=created, by_complainant=not staff, public=True)
    audit.record(
        case,
        "complaints.submitted",
        actor=by if staff else None,
        channel=channel.value,
        category=category.pk,
        files=len(checked_files),
    )
    return case, secret


def register(org, *, by, channel, received_at, **fields):
    """Staff record a complaint that came by another channel, with the date it was first received."""
    if Channel(channel) not in STAFF_CHANNELS:
        raise ValidationError(_("Choose the channel the complaint came by."))
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied("complaints.handle")
    return submit(org, by=by, channel=channel, received_at=received_at, **fields)


@transaction.atomic
def renew_secret(case):
    """A fresh follow secret for a case whose form was resent within minutes (the first page was lost)."""
    if case.kind != Kind.GENERAL or timezone.now() - case.received_at > RENEW_WINDOW:
        return ""
    secret = codes.new_secret()
    case.secret_hash = make_password(secret)
    case.save(update_fields=["secret_hash", "updated_at"])
    audit.record(case, "complaints.secret_renewed")
    return secret


# --- following ----------------------------------------------------------------------------------


def follow(org, tracking_code, secret, *, client):
    """The general case of org with this code and secret, or None (nothing tells which was wrong).

    `client` is `core.throttle.client_tag(request)`: wrong secrets lock the guesser, not the case.
    """
    cases_of_org = Case.objects.for_org(org).filter(kind=Kind.GENERAL)
    return codes.follow(
        cases_of_org, "tracking_code", tracking_code, secret, scope=f"complaints:{org.pk}", client=client
    )


@transaction.atomic
def add_information(case, text, checked_files=()):
    """More text or files from the complainant, on their case's timeline."""
    if case.kind != Kind.GENERAL:
        raise ValidationError(_("This case cannot be followed here."))
    if case.state == State.CLOSED:
        raise ValidationError(_("This case is closed. Send a new complaint if the problem is back."))
    text = (text or "").strip()
    if not text and not checked_files:
        raise ValidationError(_("Write something or attach a file."))
    event = cases.add_event(case, EventType.COMPLAINANT, by_complainant=True, body=text, state=case.state)
    for checked in checked_files:
        cases.store_file(case, checked, event=event, by_complainant=True, public=True)
    case.save(update_fields=["updated_at"])
    audit.record(case, "complaints.complainant_added", files=len(checked_files))
    return event


# --- the staff side's reads (every look at a complainant's case is audited) ----------------------


def record_viewed(case, *, by):
    """Record that a staff member opened the case page."""
    audit.record(case, "complaints.viewed", actor=by)


def read_file(case, case_file, *, by):
    """(bytes, name) of one of the case's files for a staff member; each download is audited."""
    data, name = cases.read_file(case_file)
    audit.record(case, "complaints.file_downloaded", actor=by, file=case_file.pk)
    return data, name
