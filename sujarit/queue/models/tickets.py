"""Tickets and the per-service, per-day number counter that hands out their numbers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet

from .setup import Counter, Service


class ServiceDay(models.Model):
    """The last number given for a service on a day: the one row every issue of that day updates."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "day"], name="queue_serviceday_unique")]


class Status(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVING = "serving", _("Being served")
    DONE = "done", _("Served")
    NO_SHOW = "no_show", _("Did not come")


ACTIVE = (Status.CALLED, Status.SERVING)


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Kiosk")
    OFFICER = "officer", _("Issued by an officer")


class TicketQuerySet(OrgQuerySet):
    def of_day(self, day):
        return self.filter(day=day)

    def waiting(self):
        return self.filter(status=Status.WAITING)


class Ticket(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="queue_tickets")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField()
    number = models.PositiveIntegerField()
    priority_group = models.CharField(max_length=20, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.KIOSK)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The kiosk form's one-use token: a double tap sends it twice and gets the same ticket.
    # NULL, not "", for tickets without one: NULLs never collide in the unique constraint.
    request_token = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    follow_token = models.CharField(max_length=32, unique=True)  # the QR code's secret address
    counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    called_at = models.DateTimeField(null=True, blank=True)
    last_called_at = models.DateTimeField(null=True, blank=True)  # a recall moves it
    calls = models.PositiveIntegerField(default=0)
    out_of_order = models.BooleanField(default=False)
    call_reason = models.CharField(max_length=300, blank=True)
    served_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["day", "service", "number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "day", "number"], name="queue_ticket_number_unique"),
            models.UniqueConstraint(fields=["org", "request_token"], name="queue_ticket_request_unique"),
        ]
        indexes = [models.Index(fields=["org", "day", "status"], name="queue_ticket_day_status")]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return f"{self.service.prefix}{self.number:03d}"
