"""Staff forms. The answer form is drawn from the version's questions (templates/surveys/_questions.html)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sujarit.core.registry import registry

from .measures import PURPOSES
from .models import Kind, Phase, QuestionKind


def _purposes(kind):
    return [("", _("No KPI measure"))] + [
        (p.key, p.label) for p in PURPOSES if kind is None or p.kind == kind
    ]


def _contexts():
    return [("", _("None (public link or numbered invitations)"))] + [
        (c.key, c.label) for c in registry.survey_contexts.values() if c.module != "surveys"
    ]


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea, required=False, max_length=4000
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    purpose = forms.ChoiceField(label=_("Counts towards the KPI measure"), required=False)
    context_key = forms.ChoiceField(label=_("Invitations for records of"), required=False)
    open_link = forms.BooleanField(label=_("Anyone with the public link may answer"), required=False)
    pass_mark = forms.IntegerField(
        label=_("Pass mark (percent, tests)"), min_value=1, max_value=100, initial=80
    )

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = _purposes(kind)
        self.fields["context_key"].choices = _contexts()
        if kind is not None:  # the kind of an existing questionnaire does not change
            del self.fields["kind"]


class QuestionForm(forms.Form):
    section = forms.CharField(label=_("Section"), max_length=200, required=False)
    wording = forms.CharField(label=_("Question"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Choices, one per line (choice questions)"), widget=forms.Textarea, required=False
    )
    correct = forms.CharField(
        label=_("Correct choices (tests): their line numbers, e.g. 2 or 1,3"), max_length=60, required=False
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False)

    def clean_correct(self):
        text = self.cleaned_data.get("correct", "").replace(" ", "")
        parts = [p for p in text.split(",") if p]
        if any(not p.isdigit() or int(p) < 1 for p in parts):
            raise forms.ValidationError(_("Write line numbers such as 2 or 1,3."))
        return [int(p) - 1 for p in parts]

    def clean_choices(self):
        return [line for line in self.cleaned_data.get("choices", "").splitlines() if line.strip()]


class InvitationsForm(forms.Form):
    count = forms.IntegerField(label=_("How many links"), min_value=1, max_value=500, initial=20)
    phase = forms.ChoiceField(label=_("Round"), choices=Phase.choices, required=False)


class PaperForm(forms.Form):
    submitted_on = forms.DateField(
        label=_("Date of the form"), widget=forms.DateInput(attrs={"type": "date"})
    )
    phase = forms.ChoiceField(label=_("Round"), choices=Phase.choices, required=False)
