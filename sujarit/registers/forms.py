"""Forms of the registers' staff pages; the verbs validate (with Thai messages) and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    DelegationOrder,
    Honour,
    Improvement,
    Network,
    Risk,
    RiskAssessment,
    Training,
    Treatment,
    Village,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _model_form(model, field_names, **widgets):
    meta = type("Meta", (), {"model": model, "fields": field_names, "widgets": widgets})
    return type(f"{model.__name__}Form", (forms.ModelForm,), {"Meta": meta})


class AssessmentForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year"))
    kind = forms.ChoiceField(label=_("Kind"), choices=RiskAssessment.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)


class RiskForm(forms.Form):
    process = forms.CharField(label=_("Work process"), max_length=300)
    event = forms.CharField(label=_("Risk event"), widget=forms.Textarea(attrs={"rows": 2}))
    # Plain integers: the verb checks the 1–5 scale and says so in Thai.
    likelihood = forms.IntegerField(label=_("Likelihood (1–5)"))
    impact = forms.IntegerField(label=_("Impact (1–5)"))
    existing_controls = forms.CharField(
        label=_("Existing controls"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)


class TreatmentForm(forms.Form):
    risk = forms.ModelChoiceField(label=_("Risk"), queryset=Risk.objects.none())
    measure = forms.CharField(label=_("Treatment measure"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    plan_item = forms.IntegerField(label=_("Plan item number"), required=False, min_value=1)

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risk"].queryset = assessment.risks.all()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Treatment.Status.choices)
    done_on = forms.DateField(label=_("Date done"), required=False, widget=DATE)


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("Published on"), widget=DATE)
    channels = forms.CharField(
        label=_("Channels, one per line"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


DelegationForm = _model_form(
    DelegationOrder,
    [
        "number",
        "title",
        "delegator",
        "delegate",
        "powers",
        "effective_from",
        "effective_until",
        "published_on",
    ],
    effective_from=DATE,
    effective_until=DATE,
    published_on=DATE,
    powers=forms.Textarea(attrs={"rows": 2}),
)
TrainingForm = _model_form(
    Training,
    [
        "title",
        "topic",
        "held_on",
        "plan_item",
        *(f"{g}_{k}" for g in Training.GROUPS for k in ("expected", "attended")),
    ],
    held_on=DATE,
    topic=forms.Textarea(attrs={"rows": 2}),
)
HonourForm = _model_form(Honour, ["name", "recipient", "category", "awarded_on", "reason"], awarded_on=DATE)
VillageForm = _model_form(Village, ["number", "name", "population"])
NetworkForm = _model_form(Network, ["name", "kind", "founded_on", "members", "activities"], founded_on=DATE)


class ForumForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    attendees = forms.IntegerField(label=_("Attendees"))
    issues = forms.CharField(
        label=_("Issues raised"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    proposals = forms.CharField(
        label=_("Proposals"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.for_org(org)


ImprovementForm = _model_form(
    Improvement,
    ["mission", "risk", "existing_control", "assessment", "remaining_risk", "improvement", "due_on", "owner"],
    due_on=DATE,
    **{
        f: forms.Textarea(attrs={"rows": 2})
        for f in ("risk", "existing_control", "assessment", "remaining_risk", "improvement")
    },
)


class StepsForm(forms.Form):
    certified_on = forms.DateField(label=_("Certified by the head (ปค.1) on"), required=False, widget=DATE)
    sent_on = forms.DateField(label=_("Sent to the district on"), required=False, widget=DATE)
    published_on = forms.DateField(label=_("Published on"), required=False, widget=DATE)


class ImprovementStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Improvement.Status.choices)
    done_on = forms.DateField(label=_("Date done"), required=False, widget=DATE)


class ComponentsForm(forms.Form):
    """ปค.4: a conclusion on each of the five components and the overall one."""

    environment = forms.CharField(
        label="1. สภาพแวดล้อมการควบคุม", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    risk = forms.CharField(
        label="2. การประเมินความเสี่ยง", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    activities = forms.CharField(
        label="3. กิจกรรมการควบคุม", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    information = forms.CharField(
        label="4. สารสนเทศและการสื่อสาร", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    monitoring = forms.CharField(
        label="5. กิจกรรมการติดตามผล", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    overall = forms.CharField(
        label=_("Overall conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.Form):
    """ปค.6: the internal auditor's review."""

    findings = forms.CharField(
        label=_("Findings of the review"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    auditor_name = forms.CharField(label=_("Internal auditor"), required=False, max_length=200)
    auditor_position = forms.CharField(label=_("Internal auditor's position"), required=False, max_length=200)
    reviewed_on = forms.DateField(label=_("Reviewed on"), required=False, widget=DATE)
