"""The reporter's side of the corruption channel: submit a report, return with the receipt, answer.

A report's identity, contact and free text are sealed with the case's own key (crypto.py); the key
is sealed to the integrity officers who may read it (keys.recipients) and wrapped for the receipt.
The receipt is derived from the form's one-time token with the server's secret, so a form sent
twice (double click, lost answer) finds its case and shows the same receipt instead of making a
second case; only the token's digest is stored.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core import audit
from sujarit.core.models import Unit

from ..models import PUBLIC_EVENTS, Case, Category, Channel, ComplaintPolicy, EventType, Kind
from ..protection import crypto, pow
from . import cases, keys

PROTECTED_FIELDS = ("text", "when", "where", "accused_name", "name", "phone", "email")
MAX_TEXT = 10_000
MAX_SHORT = 200
RESEND_WINDOW = timedelta(hours=1)  # a resent form finds its case for this long
# Where a report goes that no officer of the organization can read.
ELSEWHERE = (
    gettext_lazy("the NACC, hotline 1205"),
    gettext_lazy("the PACC, hotline 1206"),
    gettext_lazy("the Damrongdhama Centre, hotline 1567"),
)


def receipt_for_token(token):
    """The 16-digit receipt of a submission token (HMAC with the server's secret)."""
    mac = hmac.new(
        settings.SECRET_KEY.encode(), f"sujarit.integrity.receipt:{token}".encode(), hashlib.sha256
    )
    number = int.from_bytes(mac.digest(), "big") % 10**crypto.RECEIPT_DIGITS
    return f"{number:0{crypto.RECEIPT_DIGITS}d}"


def _clean(value, limit, label):
    value = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if len(value) > limit:
        raise ValidationError(
            _("%(field)s is too long (at most %(n)s characters).") % {"field": label, "n": limit}
        )
    return value


def _validate(org, *, category, accused_unit, text, when, where, accused_name, name, phone, email):
    """The protected fields, cleaned; ValidationError with a Thai-translatable message otherwise."""
    if category is not None and not (
        isinstance(category, Category)
        and category.org_id == org.pk
        and category.kind == Kind.INTEGRITY
        and category.active
    ):
        raise ValidationError(_("Choose a kind of misconduct from the list."))
    if accused_unit is not None and not (isinstance(accused_unit, Unit) and accused_unit.org_id == org.pk):
        raise ValidationError(_("Choose the unit from the list, or leave it empty."))
    fields = {
        "text": _clean(text, MAX_TEXT, _("What happened")),
        "when": _clean(when, MAX_SHORT, _("When")),
        "where": _clean(where, MAX_SHORT, _("Where")),
        "accused_name": _clean(accused_name, MAX_SHORT, _("Name or position of the person")),
        "name": _clean(name, MAX_SHORT, _("Your name")),
        "phone": _clean(phone, 50, _("Your phone")),
        "email": _clean(email, MAX_SHORT, _("Your e-mail")),
    }
    if not fields["text"]:
        raise ValidationError(_("Tell us what happened."))
    if fields["email"]:
        try:
            validate_email(fields["email"])
        except ValidationError as e:
            raise ValidationError(_("The e-mail address does not look right.")) from e
    return fields


def _resent(org, token, fields):
    """(case, receipt) of an earlier submission of the same form, or None; refuse a replayed token."""
    case = Case.objects.filter(org=org, submission_token=crypto.token_digest(token)).first()
    if case is None:
        return None
    refused = ValidationError(
        _("This form was already used to send a report. Open the report page again to send a new one.")
    )
    if case.received_at < timezone.now() - RESEND_WINDOW:
        raise refused
    receipt = receipt_for_token(token)
    opened = open_with_receipt(org, receipt)
    # Only the very same report is a resend; a different report on a used form is a replay.
    if opened is None or read_case(*opened).get("text") != fields["text"]:
        raise refused
    return case, receipt


def submit_report(
    org,
    *,
    category,
    accused_unit,
    accused_name,
    text,
    when="",
    where="",
    name="",
    phone="",
    email="",
    checked_files=(),
    token,
    channel=Channel.WEB,
    recipients=None,
):
    """Receive a corruption report; (case, receipt). ValidationError and nothing stored otherwise.

    The caller has let the report through `pow.admit_report` (work done, client within its limit).
    `recipients`: ids of the integrity officers the reporter chose from keys.candidates (None: the
    client did not ask, every officer may receive it); the automatic exclusions apply either way.
    """
    pow.read(org, token)
    fields = _validate(
        org,
        category=category,
        accused_unit=accused_unit,
        text=text,
        when=when,
        where=where,
        accused_name=accused_name,
        name=name,
        phone=phone,
        email=email,
    )
    # The slow receipt hash runs before the transaction: on SQLite a write transaction holds the
    # database's write lock, and ~70 ms of Argon2 inside it would put every report in single file.
    receipt = receipt_for_token(token)
    derived = crypto.receipt_keys(receipt, cases.policy_for(org).receipt_salt)
    try:
        return _submit(
            org, fields, category, accused_unit, checked_files, token, channel, receipt, derived, recipients
        )
    except IntegrityError:
        # The same form arrived twice at once: the other request made the case.
        found = _resent(org, token, fields)
        if found is None:
            raise
        return found


@transaction.atomic
def _submit(org, fields, category, accused_unit, checked_files, token, channel, receipt, derived, chosen):
    found = _resent(org, token, fields)
    if found is not None:
        return found
    if not keys.channel_ready(org):
        raise ValidationError(
            _("The corruption complaint channel is not open yet. Please contact the organization by phone.")
        )
    chosen = None if chosen is None else list(chosen)
    people = choose_recipients(org, accused_unit, fields, chosen)
    if chosen is not None:
        # Kept (sealed) so that no colleague can later grant the case to an officer the reporter left out.
        fields = {**fields, "left_out": sorted({p.pk for p in keys.candidates(org)} - set(chosen))}
    policy = cases.policy_for(org)
    key = crypto.new_key()
    lookup, wrap = derived
    case = cases.create_case(
        org,
        Kind.INTEGRITY,
        key=key,
        channel=channel,
        category=category,
        unit=policy.integrity_unit,
        accused_unit=accused_unit,
        sealed=crypto.seal_json(key, fields),
        identity_given=bool(fields["name"] or fields["phone"] or fields["email"]),
        receipt_lookup=lookup,
        receipt_wrap=crypto.encrypt(wrap, key),
        submission_token=crypto.token_digest(token),
    )
    keys.seal_for(case, key, people)
    created = case.events.first()
    for checked in checked_files:
        cases.store_file(case, checked, event=created, key=key, by_complainant=True)
    # Only the number: no actor, no address, nothing the reporter wrote.
    audit.record(case, "complaints.integrity_received", number=case.number)
    return case, receipt


def nobody_can_read():
    """The refusal of a report no officer could open, with the routes outside the organization."""
    return ValidationError(
        _(
            "No integrity officer here can receive this report: each one works in the unit you complain "
            "about, may be named in it, or was left out by you. Nothing was sent. Report it outside the "
            "organization instead: the NACC (hotline 1205), the PACC (hotline 1206) or the Damrongdhama "
            "Centre (hotline 1567)."
        )
    )


def choose_recipients(org, accused_unit, fields, chosen=None):
    """The officers a new report is sealed to; ValidationError when none is left (nothing is stored)."""
    if chosen is not None:
        chosen = list(chosen)
        if not chosen:
            raise ValidationError(_("Choose at least one integrity officer to receive your report."))
    people = keys.recipients(
        org,
        accused_unit.pk if accused_unit else None,
        [fields.get("accused_name", "")],
        [fields.get("text", "")],
        chosen=chosen,
    )
    if not people:
        raise nobody_can_read()
    return people


def open_with_receipt(org, receipt_text):
    """(case, case_key) for a receipt, or None when it is not a receipt of this organization."""
    receipt = crypto.normalize_receipt(receipt_text)
    if receipt is None:
        return None
    policy = ComplaintPolicy.objects.filter(org=org).only("receipt_salt").first()
    if policy is None:
        return None
    lookup, wrap = crypto.receipt_keys(receipt, policy.receipt_salt)
    case = Case.objects.filter(org=org, kind=Kind.INTEGRITY, receipt_lookup=lookup).first()
    if case is None or case.receipt_wrap is None:
        return None
    try:
        return case, crypto.decrypt(wrap, case.receipt_wrap)
    except crypto.CryptoError:
        return None


def read_case(case, case_key):
    """The protected fields of a corruption case (empty strings once purged)."""
    data = {f: "" for f in PROTECTED_FIELDS}
    if case.sealed is not None:
        data.update(crypto.open_json(case_key, case.sealed) or {})
    return data


@transaction.atomic
def reporter_message(case, case_key, text, checked_files=()):
    """A message (and files) from the reporter to the officers, sealed with the case key."""
    if not case.is_integrity:
        raise ValidationError(_("This is not a corruption report."))
    if case.purged_at is not None:
        raise ValidationError(
            _("This report has been closed and its content removed; it takes no more messages.")
        )
    if not keys.readable(case):
        # Like a new report nobody could open: not accepted, and the reporter is told where else to go.
        raise ValidationError(
            _(
                "No integrity officer can open this report any more, so a message would reach no one. "
                "Report it outside the organization instead: the NACC (hotline 1205), the PACC (hotline "
                "1206) or the Damrongdhama Centre (hotline 1567)."
            )
        )
    text = _clean(text, MAX_TEXT, _("Message"))
    if not text and not checked_files:
        raise ValidationError(_("Write a message or attach a file."))
    if case.sealed is not None:
        try:
            crypto.decrypt(case_key, case.sealed)  # a wrong key would seal text nobody can read
        except crypto.CryptoError as e:
            raise ValidationError(_("Open your report again with your receipt.")) from e
    event = cases.add_event(case, EventType.COMPLAINANT, by_complainant=True, body=text, key=case_key)
    for checked in checked_files:
        cases.store_file(case, checked, event=event, key=case_key, by_complainant=True)
    audit.record(case, "complaints.integrity_reporter_message", number=case.number)
    return event


def public_timeline(case, case_key):
    """What the reporter sees of the case's history: texts unsealed, notes and officers' names left out."""
    events = case.events.filter(type__in=PUBLIC_EVENTS).prefetch_related("files")
    timeline = []
    for event in events:
        files = [f for f in event.files.all() if f.by_complainant or f.public]
        timeline.append(
            {
                "at": event.created_at,
                "type": event.type,
                "label": event.get_type_display(),
                "state": event.get_state_display() if event.type == EventType.STATE and event.state else "",
                "by_complainant": event.by_complainant,
                "text": cases.event_text(event, case_key),
                "files": [
                    {"id": f.pk, "name": crypto.open_text(case_key, f.sealed_name) or "file"} for f in files
                ],
            }
        )
    return timeline
