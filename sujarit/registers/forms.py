"""Forms of the registers' staff pages; the verbs validate (with Thai messages) and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Person

from .models import (
    DelegationOrder,
    Forum,
    ForumIssue,
    Honour,
    HRDocument,
    Improvement,
    Network,
    Nomination,
    ObserverInvitation,
    Risk,
    RiskAssessment,
    SalaryRound,
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
        "circulated_on",
        "published_on",
    ],
    effective_from=DATE,
    effective_until=DATE,
    circulated_on=DATE,
    published_on=DATE,
    powers=forms.Textarea(attrs={"rows": 2}),
)


class DelegateReportForm(forms.Form):
    """A delegate's monthly report; the orders offered are the organization's."""

    order = forms.ModelChoiceField(label=_("Delegation order"), queryset=DelegationOrder.objects.none())
    month = forms.DateField(
        label=_("Month reported"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    summary = forms.CharField(label=_("Work done under the order"), widget=forms.Textarea(attrs={"rows": 3}))
    reported_on = forms.DateField(label=_("Reported on"), widget=DATE)

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = DelegationOrder.objects.for_org(org)


TrainingForm = _model_form(
    Training,
    [
        "title",
        "topic",
        "held_on",
        "plan_item",
        *(f"{g}_{k}" for g in Training.GROUPS for k in ("expected", "attended")),
        "materials",
    ],
    held_on=DATE,
    topic=forms.Textarea(attrs={"rows": 2}),
    materials=forms.Textarea(attrs={"rows": 2}),
)
HonourForm = _model_form(Honour, ["name", "recipient", "category", "awarded_on", "reason"], awarded_on=DATE)
NominationForm = _model_form(
    Nomination,
    ["name", "recipient", "category", "reason", "nominated_by", "nominated_on"],
    nominated_on=DATE,
    reason=forms.Textarea(attrs={"rows": 2}),
)


class _PendingNominationForm(forms.Form):
    """A form about a nomination of the organization not awarded yet."""

    nomination = forms.ModelChoiceField(label=_("Nomination"), queryset=Nomination.objects.none())

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = Nomination.objects.for_org(org).filter(honour__isnull=True)


class ScoreForm(_PendingNominationForm):
    member = forms.CharField(label=_("Committee member"), max_length=200)
    # A plain integer: the verb checks 0–100 and says so in Thai.
    score = forms.IntegerField(label=_("Score (0–100)"))


class AwardForm(_PendingNominationForm):
    awarded_on = forms.DateField(label=_("Awarded on"), widget=DATE)


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


class SalaryRoundForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year"))
    number = forms.TypedChoiceField(label=_("Round"), choices=SalaryRound.Number.choices, coerce=int)
    committee = forms.CharField(
        label=_("Committee members, one per line"), widget=forms.Textarea(attrs={"rows": 3})
    )
    criteria_published_on = forms.DateField(label=_("Criteria published on"), required=False, widget=DATE)
    results_published_on = forms.DateField(label=_("Results published on"), required=False, widget=DATE)
    assessed = forms.IntegerField(label=_("Staff assessed"), required=False)
    promoted = forms.IntegerField(label=_("Staff promoted"), required=False)
    appeals = forms.IntegerField(label=_("Appeals"), required=False)
    appeals_resolved = forms.IntegerField(label=_("Appeals resolved"), required=False)


class HRDocumentForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year"))
    kind = forms.ChoiceField(label=_("Kind"), choices=HRDocument.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    published_on = forms.DateField(label=_("Published on"), widget=DATE)
    link = forms.URLField(label=_("Link to the published document"), required=False, assume_scheme="https")


class EthicsCodeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE)
    published_on = forms.DateField(label=_("Published on"), required=False, widget=DATE)
    channels = forms.CharField(
        label=_("Channels, one per line"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EthicsActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    participants = forms.IntegerField(label=_("Participants"), required=False)


class AcknowledgementForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Member of staff"), queryset=Person.objects.none())
    acknowledged_on = forms.DateField(label=_("Acknowledged on"), widget=DATE)

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.for_org(org).filter(active=True, is_council=False)


class ForumIssueForm(forms.Form):
    forum = forms.ModelChoiceField(label=_("Community forum"), queryset=Forum.objects.none())
    issue = forms.CharField(label=_("Issue raised"), widget=forms.Textarea(attrs={"rows": 2}))
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = Forum.objects.for_org(org).select_related("village")
        self.fields["forum"].label_from_instance = lambda f: f"{f.village} {f.held_on:%d/%m/%Y}"


class IssueOutcomeForm(forms.Form):
    row = forms.ModelChoiceField(label=_("Proposal"), queryset=ForumIssue.objects.none())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ForumIssue.Outcome.choices)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE)
    outcome_note = forms.CharField(
        label=_("Where in the local development plan, or why not"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["row"].queryset = ForumIssue.objects.for_org(org)


class CommitteeMemberForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    position = forms.CharField(label=_("Position"), required=False, max_length=200)
    term_started_on = forms.DateField(label=_("Term started on"), widget=DATE)
    left_on = forms.DateField(label=_("Left on"), required=False, widget=DATE)

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.for_org(org)


class ObserverForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Watchdog community or network"), queryset=Network.objects.none()
    )
    observer = forms.CharField(label=_("Observer"), max_length=200)
    step = forms.ChoiceField(label=_("Step"), choices=ObserverInvitation.Step.choices)
    subject = forms.CharField(label=_("Project or budget"), max_length=300)
    procurement_ref = forms.CharField(label=_("e-GP project number"), required=False, max_length=40)
    invited_on = forms.DateField(label=_("Invited on"), widget=DATE)
    attended = forms.BooleanField(label=_("Attended"), required=False)

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = Network.objects.for_org(org)
