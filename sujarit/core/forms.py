from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organization


class TOTPForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name", "short_name", "org_type", "size", "province", "district", "subdistrict", "address", "postcode",
            "phone", "email", "website", "area_km2", "population", "annual_income", "nacc_region", "head_name",
            "head_title", "palad_name", "coordinator_name", "coordinator_position", "coordinator_unit",
            "coordinator_phone", "coordinator_email",
        ]  # fmt: skip
