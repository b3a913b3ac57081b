"""Forms of the OIT board: an item's owner, an item of the catalogue, copying a year."""

from django import forms
from django.utils.translation import gettext_lazy

from sujarit.core.models import Person, Unit

from ..models import OITItem
from ..services import catalogue


class OwnerForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, label=gettext_lazy("Unit"))
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=gettext_lazy("Person")
    )

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_org(org)
        self.fields["person"].queryset = Person.objects.for_org(org).filter(active=True, is_council=False)
        # The board renders this form once per item: read the choices once, not once per row.
        for name in ("unit", "person"):
            self.fields[name].widget.choices = list(self.fields[name].choices)


class ItemForm(forms.ModelForm):
    class Meta:
        model = OITItem
        fields = ["title", "area", "frequency", "requirement", "previous_code", "order", "source", "verified"]


class CopyForm(forms.Form):
    source = forms.TypedChoiceField(coerce=int, label=gettext_lazy("Copy the catalogue of"))
    year = forms.IntegerField(
        min_value=2500, max_value=2700, label=gettext_lazy("New assessment year (B.E.)")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(y, y) for y in catalogue.years()]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Catalogue file (JSON or CSV)"),
        help_text=gettext_lazy(
            "Replaces the whole catalogue of the year the file names; see docs/ARCHITECTURE.md."
        ),
    )
