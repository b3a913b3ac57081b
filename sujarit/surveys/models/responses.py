"""Responses: anonymous by construction.

A response stores the day it came (not the time), the channel, the context record it rates (a
module's own reference, e.g. a case number, never a person), and its answers. One response per
invitation or context record is a database constraint; an open-link form carries a one-time token
whose digest is unique, so a form sent twice is kept once.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Organization, OrgQuerySet

from .questionnaires import Phase, Question, Questionnaire, Version


class Channel(models.TextChoices):
    LINK = "link", _("Public link")
    INVITATION = "invitation", _("Invitation link")
    PAPER = "paper", _("Paper form entered by staff")


class Response(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="survey_responses")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    phase = models.CharField(max_length=4, choices=Phase.choices, blank=True, default="")
    context_key = models.CharField(max_length=80, blank=True)
    context_ref = models.CharField(max_length=80, blank=True)
    form_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    submitted_on = models.DateField()
    # Computed once when the response is saved (services/answering.py).
    satisfied = models.BooleanField(null=True)  # satisfaction: mean rating ≥ 3.5
    mean_rating = models.DecimalField(max_digits=3, decimal_places=2, null=True)
    score = models.PositiveSmallIntegerField(null=True)  # tests: points
    max_score = models.PositiveSmallIntegerField(null=True)
    passed = models.BooleanField(null=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "context_key", "context_ref", "phase"],
                condition=~models.Q(context_ref=""),
                name="surveys_one_response_per_context",
            )
        ]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # likert: 1–5; single: choice index; multiple: [indexes]; number: "12.5"; text: "…"
    value = models.JSONField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="surveys_one_answer_per_question")
        ]
