"""Governance registers: delegation orders and their delegates' monthly reports (plan item 17), and
trainings (items 1, 2, 24, 25)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet, Person


class DelegationOrder(models.Model):
    """An order by which the executive or the permanent secretary delegates powers to someone."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    number = models.CharField(_("order number"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    delegator = models.CharField(_("delegated by"), max_length=200)
    delegate = models.CharField(_("delegated to"), max_length=200)
    powers = models.TextField(_("powers delegated"))
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    # the circular letter to every unit and to the delegate (item 17, step 2)
    circulated_on = models.DateField(_("circulated on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from", "pk"]

    def __str__(self):
        return f"{self.number} {self.title}"


class DelegateReport(models.Model):
    """A delegate's monthly report of the work done under a delegation order (item 17, step 4)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(DelegationOrder, on_delete=models.CASCADE, related_name="reports")
    month = models.DateField(_("month reported"))  # always the first day of the month
    summary = models.TextField(_("work done under the order"))
    reported_on = models.DateField(_("reported on"))

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["order", "month"]
        constraints = [models.UniqueConstraint(fields=["order", "month"], name="one_delegate_report_a_month")]

    def __str__(self):
        return f"{self.order.number} {self.month:%Y-%m}"


class Training(models.Model):
    """A training session with its participants by group: who was expected and who came."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    topic = models.TextField(_("topics"), blank=True)
    held_on = models.DateField(_("held on"))
    plan_item = models.PositiveSmallIntegerField(_("plan item number"), null=True, blank=True)
    executives_expected = models.PositiveSmallIntegerField(_("executives expected"), default=0)
    executives_attended = models.PositiveSmallIntegerField(_("executives attended"), default=0)
    council_expected = models.PositiveSmallIntegerField(_("council members expected"), default=0)
    council_attended = models.PositiveSmallIntegerField(_("council members attended"), default=0)
    staff_expected = models.PositiveSmallIntegerField(_("staff expected"), default=0)
    staff_attended = models.PositiveSmallIntegerField(_("staff attended"), default=0)
    # the handouts and slides given, one per line (a title or a link)
    materials = models.TextField(_("materials"), blank=True)

    objects = OrgQuerySet.as_manager()

    GROUPS = ("executives", "council", "staff")

    class Meta:
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def expected(self):
        return self.executives_expected + self.council_expected + self.staff_expected

    @property
    def attended(self):
        return self.executives_attended + self.council_attended + self.staff_attended


class SalaryRound(models.Model):
    """A salary-promotion round (item 11): its committee, criteria and results published, appeals."""

    class Number(models.IntegerChoices):
        APRIL = 1, _("Round 1 (1 April)")
        OCTOBER = 2, _("Round 2 (1 October)")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    number = models.PositiveSmallIntegerField(_("round"), choices=Number.choices)
    committee = models.TextField(_("committee members, one per line"))
    criteria_published_on = models.DateField(_("criteria published on"), null=True, blank=True)
    results_published_on = models.DateField(_("results published on"), null=True, blank=True)
    assessed = models.PositiveSmallIntegerField(_("staff assessed"), default=0)
    promoted = models.PositiveSmallIntegerField(_("staff promoted"), default=0)
    appeals = models.PositiveSmallIntegerField(_("appeals"), default=0)
    appeals_resolved = models.PositiveSmallIntegerField(_("appeals resolved"), default=0)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "fiscal_year", "number"], name="registers_salary_round_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_number_display()} {self.fiscal_year}"

    @property
    def committee_list(self):
        return [line.strip() for line in self.committee.splitlines() if line.strip()]


class HRDocument(models.Model):
    """A published HR transparency measure (item 10; OIT O18–O20): policy, criteria, plan, report."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("HR management policy")
        CRITERIA = "criteria", _("HR management and development criteria")
        PLAN = "plan", _("HR plan")
        REPORT = "report", _("Yearly HR management and development report")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    published_on = models.DateField(_("published on"))
    link = models.URLField(_("link to the published document"), blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "kind", "pk"]

    def __str__(self):
        return self.title


class EthicsCode(models.Model):
    """The organization's code of ethics, adopted and published; staff acknowledge having read it."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    adopted_on = models.DateField(_("adopted on"))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    # Where the code was published, one per line (website, notice board …): item 1 counts them.
    channels = models.TextField(_("channels, one per line"), blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-adopted_on", "-pk"]

    def __str__(self):
        return self.title

    @property
    def channel_list(self):
        return [line.strip() for line in self.channels.splitlines() if line.strip()]


class EthicsActivity(models.Model):
    """An activity of the yearly ethics drive."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("held on"))
    participants = models.PositiveIntegerField(_("participants"), default=0)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return self.title


class EthicsAcknowledgement(models.Model):
    """A member of staff acknowledged the code of ethics (signed that they read it)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    code = models.ForeignKey(EthicsCode, on_delete=models.CASCADE, related_name="acknowledgements")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    acknowledged_on = models.DateField(_("acknowledged on"))

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-acknowledged_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["code", "person"], name="registers_ethics_ack_unique")]
