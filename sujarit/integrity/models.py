"""Integrity records: staff declarations (own ID, address, relatives, business interests), committee
members' no-interest declarations per procurement, COI matches and their decisions, the gift register,
the No Gift and COI policy announcements and the culture activities."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sujarit.core.models import Organization, OrgQuerySet, Person


class Declaration(models.Model):
    """A covered person's own declaration: ID, address and former surnames (maiden names)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="integrity_declaration")
    id_number = models.CharField(_("ID number (13 digits)"), max_length=13, blank=True)
    address = models.TextField(_("address"), blank=True)
    former_surnames = models.CharField(_("former surnames"), max_length=300, blank=True)
    declared_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    def former(self):
        return tuple(s.strip() for s in self.former_surnames.split(",") if s.strip())


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Sibling")


class Relative(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="relatives")
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)
    name = models.CharField(_("full name"), max_length=200)
    id_number = models.CharField(_("ID number (13 digits)"), max_length=13, blank=True)
    address = models.TextField(_("address"), blank=True)
    former_surnames = models.CharField(_("former surnames"), max_length=300, blank=True)

    class Meta:
        ordering = ["relation", "name"]

    def former(self):
        return tuple(s.strip() for s in self.former_surnames.split(",") if s.strip())


class InterestRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    PARTNER = "partner", _("Partner")
    SHAREHOLDER = "shareholder", _("Shareholder")


class BusinessInterest(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="interests")
    firm_name = models.CharField(_("firm"), max_length=300)
    firm_tax_id = models.CharField(_("firm's tax ID (13 digits)"), max_length=13, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=InterestRole.choices)
    share_percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["firm_name"]


class NoInterest(models.Model):
    """A committee member's declaration that they have no interest in a procurement project."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    project_id = models.PositiveIntegerField()  # procurement's project, reached through its query
    project_name = models.CharField(_("procurement"), max_length=500)
    committee = models.CharField(_("committee"), max_length=200)
    declared_on = models.DateField(_("declared on"))

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-declared_on"]
        constraints = [
            models.UniqueConstraint(fields=["org", "person", "project_id"], name="integrity_one_no_interest")
        ]


class CoiMatch(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("coi match", "To review")
        CONFIRMED = "confirmed", pgettext_lazy("coi match", "Confirmed conflict")
        DISMISSED = "dismissed", pgettext_lazy("coi match", "Dismissed")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)  # subject ref | counterparty ref
    subject = models.CharField(_("person"), max_length=300)
    official = models.CharField(_("official"), max_length=300, blank=True)
    relation = models.CharField(_("relation"), max_length=10, blank=True)
    counterparty = models.CharField(_("counterparty"), max_length=300)
    kind = models.CharField(max_length=12)
    score = models.PositiveSmallIntegerField(_("score"))
    rule = models.CharField(max_length=20)
    reason = models.TextField(_("reason"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField()

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "subject"]
        constraints = [models.UniqueConstraint(fields=["org", "key"], name="integrity_coi_match_unique")]

    def relation_label(self):
        return Relation(self.relation).label if self.relation in Relation.values else ""


class Gift(models.Model):
    class Handling(models.TextChoices):
        OFFERED = "offered", pgettext_lazy("gift", "Offered")
        RECEIVED = "received", pgettext_lazy("gift", "Received")
        REFUSED = "refused", pgettext_lazy("gift", "Refused")
        HANDED_OVER = "handed_over", pgettext_lazy("gift", "Handed over")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    recipient = models.CharField(_("offered to"), max_length=200)
    giver = models.CharField(_("giver"), max_length=300)
    description = models.CharField(_("gift"), max_length=300)
    value = models.DecimalField(_("value (baht)"), max_digits=12, decimal_places=2)
    occasion = models.CharField(_("occasion"), max_length=300)
    offered_on = models.DateField(_("date"))
    status = models.CharField(_("handling"), max_length=12, choices=Handling.choices)
    handling = models.TextField(_("what was done with it"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-offered_on", "-pk"]


class Announcement(models.Model):
    """A policy the executive signed: the No Gift declaration (O25) or the COI prevention measure."""

    class Kind(models.TextChoices):
        NO_GIFT = "no_gift", _("No Gift Policy declaration")
        COI = "coi", _("Conflict of interest prevention measure")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    signed_by = models.CharField(_("signed by"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    text = models.TextField(_("text"))

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on"]


class Activity(models.Model):
    """A No Gift culture activity (meeting, seminar) of the fiscal year (O26)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("activity"), max_length=300)
    held_on = models.DateField(_("held on"))
    participants = models.PositiveIntegerField(_("participants"))
    summary = models.TextField(_("summary"), blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
