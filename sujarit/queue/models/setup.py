"""What the office sets up: the services it gives, its counters with their officers, and its published
priority policy."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet, Person


class Service(models.Model):
    """A service the office gives, with the standard time its service manual (OIT O11) states."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="queue_services")
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("service"), max_length=200)
    prefix = models.CharField(_("ticket prefix"), max_length=3, default="A")
    standard_minutes = models.PositiveIntegerField(_("standard time (minutes)"), default=10)
    manual_url = models.CharField(_("service manual link"), max_length=500, blank=True)
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["org", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["org", "code"], name="queue_service_code_unique")]

    def __str__(self):
        return self.name


class Counter(models.Model):
    """A service counter: the services it calls for and the officers who work at it."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="queue_counters")
    number = models.PositiveIntegerField(_("counter number"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    services = models.ManyToManyField(Service, related_name="counters")
    officers = models.ManyToManyField(Person, related_name="queue_counters", blank=True)
    active = models.BooleanField(default=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["org", "number"]
        constraints = [models.UniqueConstraint(fields=["org", "number"], name="queue_counter_number_unique")]

    def __str__(self):
        return self.name or f"ช่องบริการ {self.number}"


class PriorityGroup(models.TextChoices):
    ELDERLY = "elderly", _("Elderly (60 and over)")
    DISABLED = "disabled", _("People with disabilities")
    PREGNANT = "pregnant", _("Pregnant women")


class Policy(models.Model):
    """The office's published calling order: which groups, if any, are called before others."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="queue_policy")
    priority_groups = models.JSONField(default=list, blank=True)  # PriorityGroup values
    note = models.TextField(_("policy text"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    def group_labels(self):
        return [PriorityGroup(g).label for g in self.priority_groups if g in PriorityGroup.values]
