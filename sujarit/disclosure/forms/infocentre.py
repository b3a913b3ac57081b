"""Forms of the information centre and the Q&A board (public and back office)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ChannelKind, InfoChannel, LegalGround, Outcome
from ..services import infocentre


def _tel(label, **kw):
    return forms.CharField(
        label=label,
        max_length=300,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        **kw,
    )


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS, skipped by screen readers); robots fill it."""

    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_robot(self):
        return bool(self.data.get("website"))


class InfoRequestForm(HoneypotMixin):
    """The public request form (phone-first)."""

    token = forms.CharField(widget=forms.HiddenInput)
    subject = forms.CharField(
        label=_("The information you ask for"),
        max_length=infocentre.MAX_SUBJECT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Describe the document or information clearly enough for the officer to find it."),
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    contact = _tel(_("Phone or e-mail"))

    def __init__(self, org, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", infocentre.new_form_token(org))


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=40)
    secret = forms.CharField(
        label=_("Follow secret"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class QuestionForm(HoneypotMixin):
    question = forms.CharField(
        label=_("Your question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    name = forms.CharField(
        label=_("Name shown with the question"),
        max_length=100,
        required=False,
        help_text=_("Optional. Leave empty to ask without a name."),
    )
    contact = _tel(_("Phone or e-mail"), required=False, help_text=_("Optional. Only the officers see it."))


class RecordForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=ChannelKind.choices)
    received_on = forms.DateField(label=_("Received"), widget=forms.DateInput(attrs={"type": "date"}))
    subject = forms.CharField(label=_("What was asked"), widget=forms.Textarea(attrs={"rows": 4}))
    name = forms.CharField(label=_("Requester's name"), max_length=200, required=False)
    contact = _tel(_("Requester's contact"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("received_on", timezone.localdate())


class AnswerForm(forms.Form):
    answered_on = forms.DateField(label=_("Answered"), widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    legal_ground = forms.ChoiceField(
        label=_("Legal ground (refused or partly disclosed)"),
        choices=[("", "—"), *LegalGround.choices],
        required=False,
    )
    forwarded_to = forms.CharField(label=_("Forwarded to"), max_length=300, required=False)
    note = forms.CharField(
        label=_("What was given (staff only)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("answered_on", timezone.localdate())


class ChannelForm(forms.ModelForm):
    url = forms.URLField(label=_("address"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = InfoChannel
        fields = ["kind", "name", "contact", "url", "active", "order"]


class PolicyForm(forms.Form):
    purge_after_days = forms.IntegerField(
        label=_("Days after the answer before the requester's name and contact are erased"),
        min_value=1,
        max_value=3650,
    )
    how_to_request = forms.CharField(
        label=_("How to request information (shown on the public page)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PublishForm(forms.Form):
    question = forms.CharField(label=_("Question (as published)"), widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason (not public)"), max_length=300)
