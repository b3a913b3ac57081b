"""Forms of the general complaint pages (public and back office); names start with General."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core.models import Person, Role, Unit
from sujarit.core.registry import registry

from .models import Category, Channel, Kind, State
from .protection import casefiles
from .services import general

ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx"


class GeneralFilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class GeneralFilesField(forms.FileField):
    """Up to five photos or documents; checked (and image metadata stripped) by casefiles."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", GeneralFilesInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        return casefiles.check_uploads(uploads)  # [(bytes, content_type, name)], ValidationError


def _tel(label, **kw):
    return forms.CharField(
        label=label, max_length=50, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"}), **kw
    )


def _coordinate():
    return forms.DecimalField(
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class GeneralComplaintForm(forms.Form):
    """The public complaint form (phone-first)."""

    token = forms.CharField(widget=forms.HiddenInput)
    category = forms.ModelChoiceField(
        queryset=Category.objects.none(),
        label=gettext_lazy("What is it about?"),
        empty_label=gettext_lazy("— Choose one —"),
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Details"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6})
    )
    village = forms.TypedChoiceField(
        label=gettext_lazy("Village (หมู่ที่)"), coerce=int, required=False, empty_value=None
    )
    location = forms.CharField(label=gettext_lazy("Place"), max_length=300, required=False)
    latitude = _coordinate()
    longitude = _coordinate()
    files = GeneralFilesField(label=gettext_lazy("Photos or documents (up to 5)"))
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=200, required=False)
    phone = _tel(gettext_lazy("Phone"))
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"inputmode": "email"}),
    )

    def __init__(self, org, *args, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = org
        qs = Category.objects.for_org(org).filter(kind=Kind.GENERAL)
        self.fields["category"].queryset = qs if staff else qs.filter(active=True)
        villages = registry.query("registers.villages")
        self.villages = dict(villages(org)) if villages else {}
        if self.villages:
            choices = [("", _("— Choose the village —")), *self.villages.items()]
            cast(forms.TypedChoiceField, self.fields["village"]).choices = choices
        else:  # no register of villages: the place is written in words only
            del self.fields["village"]
        self.fields["latitude"].label = _("Latitude")
        self.fields["longitude"].label = _("Longitude")
        if not self.is_bound:
            self.initial.setdefault("token", general.new_form_token(org))

    def clean_token(self):
        token = self.cleaned_data["token"]
        try:
            general.check_form_token(self.org, token)
        except ValidationError:
            # Re-shown with a fresh token, so sending the corrected form again works.
            self.data = self.data.copy()
            self.data[self.add_prefix("token")] = general.new_form_token(self.org)
            raise
        return token

    def clean_latitude(self):
        return _in_range(self.cleaned_data["latitude"], 90)

    def clean_longitude(self):
        return _in_range(self.cleaned_data["longitude"], 180)

    def clean(self):
        data = super().clean()
        # the village is kept with the place, as the officer would write it: "หมู่ที่ 3 บ้านนา ข้างศาลา"
        village = self.villages.get(data.get("village"))
        if village:
            place = data.get("location") or ""
            data["location"] = place if place.startswith(village) else f"{village} {place}".strip()
            if len(data["location"]) > 300:
                self.add_error("location", _("Write the place in at most 250 characters."))
        return data

    def submit_kwargs(self):
        d = self.cleaned_data
        keys = (
            "category",
            "subject",
            "description",
            "location",
            "latitude",
            "longitude",
            "name",
            "phone",
            "email",
        )
        return {**{k: d[k] for k in keys}, "checked_files": d["files"], "token": d["token"]}


def _in_range(value, limit):
    if value is not None and not -limit <= value <= limit:
        raise ValidationError(_("The map position could not be read."))
    return value


class GeneralRegisterForm(GeneralComplaintForm):
    """Staff record a complaint received by walk-in, phone, letter, 1567, social media or Traffy."""

    channel = forms.ChoiceField(
        label=gettext_lazy("Received by"), choices=[(c.value, c.label) for c in general.STAFF_CHANNELS]
    )
    received_at = forms.DateTimeField(
        label=gettext_lazy("Received on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )

    field_order = ["channel", "received_at"]

    def __init__(self, org, *args, **kwargs):
        super().__init__(org, *args, staff=True, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value > timezone.now():
            raise ValidationError(_("The date received cannot be in the future."))
        return value

    def submit_kwargs(self):
        return {
            **super().submit_kwargs(),
            "channel": self.cleaned_data["channel"],
            "received_at": self.cleaned_data["received_at"],
        }


class GeneralTrackForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    secret = forms.CharField(
        label=gettext_lazy("Follow secret"),
        max_length=30,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class GeneralAddInformationForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("More information"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = GeneralFilesField(label=gettext_lazy("Photos or documents (up to 5)"))

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("text") or "").strip() and not data.get("files"):
            raise ValidationError(_("Write something or attach a file."))
        return data


# --- back office -------------------------------------------------------------------------------


class GeneralStateForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("New state"))
    forwarded_to = forms.CharField(label=gettext_lazy("Agency forwarded to"), max_length=200, required=False)
    note = forms.CharField(
        label=gettext_lazy("Note to the complainant (shown on their case page)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, states, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(s.value, State(s).label) for s in states]

    def clean(self):
        data = super().clean()
        if data.get("state") == State.FORWARDED and not (data.get("forwarded_to") or "").strip():
            self.add_error("forwarded_to", _("Say which agency the case is forwarded to."))
        return data


class GeneralAssignForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label=gettext_lazy("Officer in charge"))

    def __init__(self, org, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.for_org(org)
            .filter(
                active=True,
                user__isnull=False,
                grants__role__in=(Role.ADMIN, Role.UNIT_OFFICER, Role.INTEGRITY_OFFICER),
            )
            .select_related("unit")
            .distinct()
        )


class GeneralMessageForm(forms.Form):
    """A reply to the complainant or an internal note, with files."""

    text = forms.CharField(
        label=gettext_lazy("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = GeneralFilesField(label=gettext_lazy("Files (up to 5)"))


class GeneralInboxFilter(forms.Form):
    state = forms.ChoiceField(required=False, label=gettext_lazy("State"))
    category = forms.ModelChoiceField(
        queryset=Category.objects.none(), required=False, label=gettext_lazy("Category")
    )
    unit = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("Unit"))
    channel = forms.ChoiceField(required=False, label=gettext_lazy("Channel"))
    overdue = forms.BooleanField(required=False, label=gettext_lazy("Overdue only"))

    def __init__(self, org, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["state"].choices = everything + [("open", _("Open")), *State.choices]
        self.fields["channel"].choices = everything + list(Channel.choices)
        self.fields["category"].queryset = Category.objects.for_org(org).filter(kind=Kind.GENERAL)
        self.fields["unit"].queryset = Unit.objects.for_org(org)
