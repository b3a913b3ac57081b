"""The queue's set-up forms (back office): a service, a counter, the priority policy."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sujarit.core.models import Person

from .models import PriorityGroup, Service


class ServiceForm(forms.Form):
    code = forms.SlugField(
        label=_("Code (Latin letters, digits, -)"),
        max_length=30,
        help_text=_("Used in links; cannot be changed."),
    )
    name = forms.CharField(label=_("Service"), max_length=200)
    prefix = forms.CharField(label=_("Ticket prefix"), max_length=3, initial="A")
    standard_minutes = forms.IntegerField(label=_("Standard time (minutes)"), min_value=1, max_value=480)
    manual_url = forms.CharField(label=_("Service manual link"), max_length=500, required=False)
    active = forms.BooleanField(label=_("Open for tickets"), required=False, initial=True)


class CounterForm(forms.Form):
    number = forms.IntegerField(label=_("Counter number"), min_value=1, max_value=999)
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    services = forms.ModelMultipleChoiceField(
        label=_("Services"), queryset=Service.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    officers = forms.ModelMultipleChoiceField(
        label=_("Officers"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    active = forms.BooleanField(label=_("Open"), required=False, initial=True)

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = Service.objects.for_org(org).filter(active=True)
        self.fields["officers"].queryset = Person.objects.for_org(org).filter(
            active=True, user__isnull=False, is_council=False
        )


class PolicyForm(forms.Form):
    priority_groups = forms.MultipleChoiceField(
        label=_("Called first, in this order"),
        choices=PriorityGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(label=_("Policy text"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
