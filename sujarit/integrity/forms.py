"""Forms of the integrity pages; the verbs in services.py do the checking that counts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Announcement, Gift, InterestRole, Relation

DATE = forms.DateInput(attrs={"type": "date"})


class DeclarationForm(forms.Form):
    id_number = forms.CharField(label=_("ID number (13 digits)"), required=False, max_length=30)
    address = forms.CharField(label=_("address"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    former_surnames = forms.CharField(
        label=_("former surnames"), required=False, help_text=_("Separated by commas, e.g. a maiden name.")
    )


class RelativeForm(forms.Form):
    relation = forms.ChoiceField(label=_("relation"), choices=Relation.choices)
    name = forms.CharField(label=_("full name"), max_length=200)
    id_number = forms.CharField(label=_("ID number (13 digits)"), required=False, max_length=30)
    address = forms.CharField(label=_("address"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    former_surnames = forms.CharField(label=_("former surnames"), required=False, max_length=300)


class InterestForm(forms.Form):
    firm_name = forms.CharField(label=_("firm"), max_length=300)
    firm_tax_id = forms.CharField(label=_("firm's tax ID (13 digits)"), required=False, max_length=30)
    role = forms.ChoiceField(label=_("role"), choices=InterestRole.choices)
    share_percent = forms.CharField(label=_("share (%)"), required=False, max_length=10)


class NoInterestForm(forms.Form):
    project_id = forms.ChoiceField(label=_("procurement"))
    committee = forms.CharField(label=_("committee"), max_length=200)

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project_id"].choices = [
            (p["id"], f"{p['egp_number']} {p['name']}".strip()) for p in projects
        ]


class GiftForm(forms.Form):
    offered_on = forms.DateField(label=_("date"), widget=DATE)
    recipient = forms.CharField(label=_("offered to"), max_length=200)
    giver = forms.CharField(label=_("giver"), max_length=300)
    description = forms.CharField(label=_("gift"), max_length=300)
    value = forms.CharField(label=_("value (baht)"), max_length=20)
    occasion = forms.CharField(label=_("occasion"), max_length=300)
    status = forms.ChoiceField(label=_("handling"), choices=Gift.Handling.choices)
    handling = forms.CharField(
        label=_("what was done with it"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnnouncementForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Announcement.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=300)
    signed_by = forms.CharField(label=_("signed by"), max_length=200)
    signed_on = forms.DateField(label=_("signed on"), widget=DATE)
    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 4}))


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("activity"), max_length=300)
    held_on = forms.DateField(label=_("held on"), widget=DATE)
    participants = forms.IntegerField(label=_("participants"), min_value=1)
    summary = forms.CharField(label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
