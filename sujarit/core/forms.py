from typing import cast

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from . import accounts
from .models import Organization, OrgType, Role, Unit


class TOTPForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    coordinator_email = forms.EmailField(label=_("coordinator's e-mail"), required=False)

    class Meta:
        model = Organization
        fields = [
            "name", "short_name", "org_type", "size", "province", "district", "subdistrict", "address", "postcode",
            "phone", "email", "website", "area_km2", "population", "annual_income", "nacc_region", "head_name",
            "head_title", "palad_name", "coordinator_name", "coordinator_position", "coordinator_unit",
            "coordinator_phone", "coordinator_email",
        ]  # fmt: skip


class EmblemForm(forms.Form):
    file = forms.FileField(label=_("Emblem (PNG or JPEG picture)"), required=False)
    remove = forms.BooleanField(label=_("Remove the emblem"), required=False)

    def clean(self):
        data = super().clean()
        if not self.cleaned_data.get("remove") and not self.cleaned_data.get("file"):
            self.add_error("file", _("No file was chosen."))
        return data


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Unit name"), max_length=200)


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    is_council = forms.BooleanField(label=_("Council member"), required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    username = forms.CharField(
        label=_("Username (leave empty if this person does not sign in)"), max_length=150, required=False
    )
    password = forms.CharField(label=_("Initial password"), required=False, widget=forms.PasswordInput)

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = org
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = Unit.objects.for_org(org)
        self.fields["username"].help_text = _(
            "The person signs in as %(prefix)s followed by this name (letters, digits and . _ - only)."
        ) % {"prefix": f"{org.slug}."}

    def clean_username(self):
        """The name within this organization's prefix: "taken" can only mean taken here."""
        name = accounts.normalize_username(self.cleaned_data["username"])
        if not name:
            return ""
        full = accounts.org_username(self.org, name)
        try:
            UnicodeUsernameValidator()(full)
        except forms.ValidationError as e:
            raise forms.ValidationError(_("Use only letters, digits and . _ - in a username.")) from e
        if accounts.username_taken(full):
            raise forms.ValidationError(_("This username is already used in your organization."))
        return name

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("username"):
            from django.contrib.auth.password_validation import validate_password

            if not data.get("password"):
                self.add_error("password", _("Give an initial password for a person who signs in."))
            else:
                try:
                    validate_password(data["password"])
                except forms.ValidationError as exc:
                    self.add_error("password", exc)
        if data.get("roles") and not data.get("username"):
            self.add_error("roles", _("Roles need a username: only people who sign in hold roles."))
        return data


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class OnboardForm(forms.Form):
    """A new organization and its first administrator (core.onboarding.OrgSpec checks the values)."""

    name = forms.CharField(label=_("name"), max_length=200)
    slug = forms.CharField(
        label=_("web name"),
        max_length=60,
        help_text=_("Latin letters, digits and hyphens: the organization's address, e.g. /laemsom/."),
    )
    org_type = forms.ChoiceField(label=_("type"), choices=OrgType.choices, initial=OrgType.SAO)
    province = forms.CharField(label=_("province"), max_length=100)
    district = forms.CharField(label=_("district"), max_length=100, required=False)
    local_code = forms.CharField(label=_("local government code"), max_length=10, required=False)
    admin_name = forms.CharField(label=_("administrator's full name"), max_length=200, required=False)
    admin_email = forms.EmailField(label=_("administrator's e-mail"), required=False)
