"""Cases of both channels, their timelines, files and the keys of the protected channel.

One Case model serves both kinds, so the 15-day rule, reminders, statistics and retention are written
once. A general case keeps its text in plain columns; a corruption case keeps identity, contact and
every free text only inside `sealed` blobs encrypted with the case's own key (see crypto.py), and its
staff list is exactly the people holding a CaseKey.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet, Person, Unit

from .config import Category, Kind


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    DAMRONGDHAMA = "damrongdhama", _("Damrongdhama Centre (1567)")
    SOCIAL = "social", _("Social media")
    TRAFFY = "traffy", _("Traffy Fondue")
    OPEN311 = "open311", _("Open311 application")
    API = "api", _("API")


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    FORWARDED = "forwarded", _("Forwarded to another agency")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


OPEN_STATES = (State.RECEIVED, State.ACCEPTED, State.ASSIGNED, State.IN_PROGRESS)
# States that count as the organization having acted on the case (the 15-day rule).
ANSWERED_STATES = (State.OUT_OF_SCOPE, State.FORWARDED, State.RESOLVED, State.CLOSED)


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated")
    NOT_SUBSTANTIATED = "not_substantiated", _("Not substantiated")
    REFERRED_DISCIPLINARY = "referred_disciplinary", _("Referred for disciplinary action")
    REFERRED_NACC = "referred_nacc", _("Referred to the NACC")
    REFERRED_POLICE = "referred_police", _("Referred to the police")


class CaseQuerySet(OrgQuerySet):
    def general(self):
        return self.filter(kind=Kind.GENERAL)

    def integrity(self):
        return self.filter(kind=Kind.INTEGRITY)

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def counted(self):
        """Cases that count in statistics and KPIs: not marked as spam or a test."""
        return self.filter(spam=False)

    def overdue(self, today):
        """Open cases past their due date that were neither answered nor explained (the 15-day rule)."""
        return self.filter(
            state__in=OPEN_STATES, due_date__lt=today, first_answer_at__isnull=True, explained_at__isnull=True
        )


class Case(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="complaint_cases")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    number = models.CharField(_("case number"), max_length=30)  # shown to staff: ร-2570-0001 / ท-2570-0001
    # General: a short public tracking code and a follow secret stored as a password hash.
    tracking_code = models.CharField(max_length=20, null=True, blank=True, unique=True)
    secret_hash = models.CharField(max_length=200, blank=True)
    # Corruption: sha256 of the receipt's slow hash; the case key wrapped for the receipt holder.
    receipt_lookup = models.CharField(max_length=64, null=True, blank=True, unique=True)
    receipt_wrap = models.BinaryField(null=True, blank=True)
    # Double submission: sha256 of the form's one-time token, so a resent form finds its case.
    submission_token = models.CharField(max_length=64, null=True, blank=True, unique=True)

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("category"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaint_cases",
        verbose_name=_("responsible unit"),
    )
    accused_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit of the person complained about"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.RECEIVED)
    # Marked by an officer as spam or a test (audited): left out of statistics, KPIs and reminders.
    spam = models.BooleanField(_("spam or test"), default=False)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    assignee = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("officer in charge"),
    )

    # General cases only (plain; personal data purged after retention).
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    description = models.TextField(_("details"), blank=True)
    location = models.CharField(_("place"), max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    # Corruption cases only: JSON of the protected fields, encrypted with the case key.
    sealed = models.BinaryField(null=True, blank=True)
    identity_given = models.BooleanField(default=False)

    received_at = models.DateTimeField(_("received"))
    due_date = models.DateField(_("due"))
    first_answer_at = models.DateTimeField(null=True, blank=True)
    explained_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True)  # 1–5
    satisfied_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["org", "number"], name="case_unique_number")]
        indexes = [models.Index(fields=["org", "kind", "state"]), models.Index(fields=["org", "received_at"])]

    def __str__(self):
        return self.number

    @property
    def is_integrity(self):
        return self.kind == Kind.INTEGRITY

    @property
    def is_open(self):
        return self.state in OPEN_STATES


class EventType(models.TextChoices):
    CREATED = "created", _("Case received")
    STATE = "state", _("State changed")
    ASSIGNED = "assigned", _("Officer assigned")
    REPLY = "reply", _("Message to the complainant")
    NOTE = "note", _("Internal note")
    COMPLAINANT = "complainant", _("Information from the complainant")
    EXPLANATION = "explanation", _("Delay explained")
    REMINDER = "reminder", _("Reminder sent")
    ESCALATED = "escalated", _("Escalated to the executive")
    OUTCOME = "outcome", _("Outcome recorded")
    STEP = "step", _("Disciplinary step")
    SATISFACTION = "satisfaction", _("Satisfaction given")
    REVEALED = "revealed", _("Identity revealed to an officer")
    PURGED = "purged", _("Personal data removed (retention)")
    SPAM = "spam", _("Marked as spam or a test")
    UNSPAM = "unspam", _("Counted again (not spam)")


# Events the complainant sees in their timeline; notes, reminders and reveals never reach them.
PUBLIC_EVENTS = (
    EventType.CREATED,
    EventType.STATE,
    EventType.REPLY,
    EventType.COMPLAINANT,
    EventType.EXPLANATION,
    EventType.OUTCOME,
    EventType.SATISFACTION,
)


class CaseEvent(models.Model):
    """One line of a case's history; `body` is plain for general cases, `sealed_body` for corruption."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=20, choices=EventType.choices)
    created_at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_complainant = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=State.choices, blank=True)
    body = models.TextField(blank=True)
    sealed_body = models.BinaryField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    @property
    def is_public(self):
        return self.type in PUBLIC_EVENTS


class CaseFile(models.Model):
    """A file of a case; a corruption case's file is stored encrypted with the case key, name sealed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="files")
    event = models.ForeignKey(
        CaseEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    blob = models.FileField(upload_to="cases/%Y/", max_length=300)
    name = models.CharField(max_length=255, blank=True)
    sealed_name = models.BinaryField(null=True, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    by_complainant = models.BooleanField(default=False)
    public = models.BooleanField(default=False)  # staff files the complainant may see
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class OfficerKey(models.Model):
    """An integrity officer's Curve25519 key pair; the private half wrapped with a key from their password."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="integrity_key")
    public_key = models.BinaryField()
    wrapped_private = models.BinaryField()
    salt = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)


class CaseKey(models.Model):
    """A corruption case's key sealed to one officer's public key: the case's access list."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="keys")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="case_keys")
    sealed_key = models.BinaryField()
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="casekey_unique")]


class StepKind(models.TextChoices):
    FACT_FINDING = "fact_finding", _("Fact-finding inquiry ordered")
    FACT_REPORT = "fact_report", _("Fact-finding report")
    DISCIPLINARY = "disciplinary", _("Disciplinary inquiry ordered")
    DISCIPLINARY_REPORT = "disciplinary_report", _("Disciplinary inquiry report")
    PUNISHMENT = "punishment", _("Punishment ordered")
    APPEAL = "appeal", _("Appeal")
    REFERRAL = "referral", _("Referred to another authority")
    FOLLOW_UP = "follow_up", _("Follow-up of the offender")


class DisciplinaryStep(models.Model):
    """Item 26: the punishment process of a corruption case, step by step with dates."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=30, choices=StepKind.choices)
    date = models.DateField(_("date"))
    sealed_note = models.BinaryField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
