"""Internal control (Ministry of Finance standard 2561, plan item 22): the yearly evaluation and its
improvement plan (ปค.5), each improvement followed to done."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sujarit.core.models import Organization, OrgQuerySet


class ControlEvaluation(models.Model):
    """One fiscal year's evaluation: certified by the head (ปค.1), sent to the district, published."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    certified_on = models.DateField(_("certified on (ปค.1)"), null=True, blank=True)
    sent_on = models.DateField(_("sent to the district on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # ปค.4: the conclusion on each of the five components (keys of COMPONENTS) and the overall one.
    components = models.JSONField(default=dict, blank=True)
    overall = models.TextField(_("overall conclusion (ปค.4)"), blank=True)
    # ปค.6: the internal auditor's review of the evaluation.
    review_findings = models.TextField(_("internal auditor's findings (ปค.6)"), blank=True)
    auditor_name = models.CharField(_("internal auditor"), max_length=200, blank=True)
    auditor_position = models.CharField(_("internal auditor's position"), max_length=200, blank=True)
    reviewed_on = models.DateField(_("reviewed on (ปค.6)"), null=True, blank=True)

    # The five components of the Ministry of Finance standard 2561, in the order ปค.4 lists them.
    COMPONENTS = (
        ("environment", "1. สภาพแวดล้อมการควบคุม"),
        ("risk", "2. การประเมินความเสี่ยง"),
        ("activities", "3. กิจกรรมการควบคุม"),
        ("information", "4. สารสนเทศและการสื่อสาร"),
        ("monitoring", "5. กิจกรรมการติดตามผล"),
    )

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["org", "fiscal_year"], name="registers_control_unique")
        ]

    def __str__(self):
        return str(self.fiscal_year)

    @property
    def component_rows(self):
        return [(label, self.components.get(key, "")) for key, label in self.COMPONENTS]

    @property
    def components_done(self):
        return all((self.components.get(key) or "").strip() for key, _label in self.COMPONENTS)


class Improvement(models.Model):
    """A row of ปค.5, in its columns, and the follow-up of its improvement."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("improvement", "Planned")
        DONE = "done", pgettext_lazy("improvement", "Done")

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(ControlEvaluation, on_delete=models.CASCADE, related_name="improvements")
    mission = models.CharField(_("mission or objective"), max_length=300)
    risk = models.TextField(_("risk"))
    existing_control = models.TextField(_("existing internal control"), blank=True)
    assessment = models.TextField(_("evaluation of the control"), blank=True)
    remaining_risk = models.TextField(_("remaining risk"), blank=True)
    improvement = models.TextField(_("improvement of the control"))
    due_on = models.DateField(_("due date"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(null=True, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.mission
