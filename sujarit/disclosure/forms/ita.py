"""The form of an ITA result (staff with disclosure.configure)."""

from django import forms
from django.utils.translation import gettext_lazy

from ..models import ITAResult


class ITAForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Assessment year (B.E.)"))
    iit = forms.CharField(required=False, label="IIT")
    eit = forms.CharField(required=False, label="EIT")
    oit = forms.CharField(required=False, label="OIT")
    total = forms.CharField(label=gettext_lazy("Total score"))
    grade = forms.ChoiceField(
        required=False, label=gettext_lazy("Grade (blank: computed from the total)"),
        choices=[("", "—"), *ITAResult._meta.get_field("grade").choices],
    )  # fmt: skip
