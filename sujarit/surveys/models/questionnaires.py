"""Questionnaires (satisfaction surveys and knowledge tests) and their versions.

A questionnaire's questions belong to a version. While no one has answered, the current version is
edited in place; once answers exist, an edit copies the questions into a new version first, so old
answers keep the questions they answered (services/editing.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet


class Kind(models.TextChoices):
    SATISFACTION = "satisfaction", _("Satisfaction survey")
    TEST = "test", _("Knowledge test")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft, not open yet")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed for answers")


class Phase(models.TextChoices):
    NONE = "", _("Single round")
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Rating 1–5")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Free text")


class Questionnaire(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="questionnaires")
    key = models.SlugField(_("short name in links"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("introduction"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SATISFACTION)
    # Which KPI measure counts its answers (measures.PURPOSES); "" = none.
    purpose = models.CharField(_("counts towards"), max_length=40, blank=True)
    # A registered survey context (registry.survey_contexts) whose records get invitation links.
    context_key = models.CharField(_("attached to"), max_length=80, blank=True)
    open_link = models.BooleanField(_("anyone with the public link may answer"), default=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (percent of points)"), default=80)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    standard = models.CharField(_("made from the standard questionnaire"), max_length=60, blank=True)
    invitations_issued = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        constraints = [models.UniqueConstraint(fields=["org", "key"], name="surveys_questionnaire_key")]

    def __str__(self):
        return self.title

    @property
    def is_test(self):
        return self.kind == Kind.TEST

    def current_version(self):
        return self.versions.order_by("-number").first()


class Version(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="surveys_version_number")
        ]

    def __str__(self):
        return f"{self.questionnaire} v{self.number}"


class Question(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    section = models.CharField(_("section"), max_length=200, blank=True)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)  # [text, …]
    correct = models.JSONField(_("correct choices"), default=list, blank=True)  # [index, …] (tests)
    required = models.BooleanField(_("an answer is required"), default=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    @property
    def scored(self):
        """A test question with correct answers gives a point."""
        return bool(self.correct) and self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
