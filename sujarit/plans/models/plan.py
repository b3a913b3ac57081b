"""The plan as imported from its document: cycle, dimensions, missions, items, budgets, KPIs, goals, risks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet, Unit


class ItemType(models.TextChoices):
    PROJECT = "project", _("Project (โครงการ)")
    MEASURE = "measure", _("Measure (มาตรการ)")
    ACTIVITY = "activity", _("Activity (กิจกรรม)")
    GUIDELINE = "guideline", _("Guideline (แนวปฏิบัติงาน)")


class Plan(models.Model):
    """One organization's plan for one cycle (e.g. 2566–2570), as imported from its document."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=500)
    first_year = models.PositiveSmallIntegerField(_("first fiscal year (BE)"))
    last_year = models.PositiveSmallIntegerField(_("last fiscal year (BE)"))
    intro = models.JSONField(default=dict, blank=True)  # rationale, objectives, benefits, goal statements
    stated_summary = models.JSONField(default=dict, blank=True)  # Part 2 as the document states it
    source_name = models.CharField(max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    parsed = models.JSONField(default=dict, blank=True)  # the whole parse, kept for re-lint and diff
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["org", "-first_year"]
        constraints = [
            models.UniqueConstraint(fields=["org", "first_year", "last_year"], name="plan_unique_cycle")
        ]

    def __str__(self):
        return self.title

    @property
    def fiscal_years(self):
        return list(range(self.first_year, self.last_year + 1))


class Dimension(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="dimensions")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=500)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="dimension_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Mission(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="missions")
    code = models.CharField(max_length=10)  # "1.1"
    name = models.CharField(max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["dimension", "order"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Item(models.Model):
    """A project, measure or activity of the plan (Part 3 'ลำดับที่ N')."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    mission = models.ForeignKey(
        Mission, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    item_type = models.CharField(_("type"), max_length=20, choices=ItemType.choices)
    name = models.CharField(_("name"), max_length=1000)
    rationale = models.TextField(_("rationale"), blank=True)
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    steps = models.JSONField(_("steps"), default=list, blank=True)
    duration = models.TextField(_("duration"), blank=True)
    budget_text = models.TextField(_("budget as written"), blank=True)
    # None: the document does not say (e.g. the template placeholder was left in).
    uses_budget = models.BooleanField(null=True, default=True)
    responsible_text = models.TextField(_("responsible unit as written"), blank=True)
    responsible_unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="item_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.name}"


class ItemBudget(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="budgets")
    fiscal_year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["item", "fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["item", "fiscal_year"], name="itembudget_unique_year")]


class KPIKind(models.TextChoices):
    OUTPUT = "output", _("Output (ผลผลิต)")
    OUTCOME = "outcome", _("Outcome (ผลลัพธ์)")


class KPI(models.Model):
    """An output or outcome with its target; valued by hand or bound to a registry measure."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="kpis")
    kind = models.CharField(max_length=10, choices=KPIKind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    target_op = models.CharField(max_length=2, blank=True)  # ">=", "<=", "="; "" = no numeric target
    target_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(max_length=30, blank=True)  # "percent", "count", "channel", "report", …
    measure_key = models.CharField(max_length=100, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["item", "kind", "order"]

    def __str__(self):
        return self.text[:80]


class Goal(models.Model):
    """Part 1's goals table: one indicator's target in one fiscal year."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(default=0)
    indicator = models.CharField(max_length=500)
    fiscal_year = models.PositiveSmallIntegerField()
    target_text = models.CharField(max_length=200)
    target_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(max_length=30, blank=True)
    measure_key = models.CharField(max_length=100, blank=True)  # same on every year of an indicator

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "fiscal_year"]


class RiskRow(models.Model):
    """Part 1's fraud-risk table: a work process, its risk issues, level and control measures."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="risks")
    number = models.PositiveSmallIntegerField()
    process = models.TextField()
    issues = models.JSONField(default=list)
    level = models.CharField(max_length=50, blank=True)
    controls = models.JSONField(default=list)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
