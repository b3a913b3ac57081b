"""Back-office forms: dates are typed and shown in the Buddhist Era (15/01/2568), money as Decimal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sujarit.core import thai
from sujarit.core.models import Unit

from . import ids
from .ingest import values
from .models import Channel, Outcome, Project, Vendor


class ThaiDateInput(forms.TextInput):
    def format_value(self, value):
        if hasattr(value, "year"):
            return f"{value.day:02d}/{value.month:02d}/{thai.be_year(value.year)}"
        return value


class ThaiDateField(forms.Field):
    """A date typed as day/month/year in the Buddhist Era (a CE year or yyyy-mm-dd is read too)."""

    widget = ThaiDateInput(attrs={"placeholder": "วว/ดด/ปปปป (พ.ศ.)", "inputmode": "numeric"})

    def to_python(self, value):
        try:
            return values.date(value, label=str(self.label))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class VendorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    tax_id = forms.CharField(label=_("Tax ID (13 digits)"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    directors = forms.CharField(
        label=_("Directors, one a line: name | 13-digit ID"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_tax_id(self):
        status, clean = ids.check(self.cleaned_data["tax_id"])
        if status not in (ids.OK, ids.EMPTY, ids.REPAIRED):
            raise forms.ValidationError(ids.reason(status, self.cleaned_data["tax_id"]))
        return clean

    def clean_directors(self):
        out = []
        for n, line in enumerate(self.cleaned_data["directors"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _sep, number = line.partition("|")
            status, clean = ids.check(number)
            if status not in (ids.OK, ids.EMPTY):
                raise forms.ValidationError(f"บรรทัด {n}: {ids.reason(status, number)}")
            out.append((name.strip()[:200], clean))
        return out


class ProjectForm(forms.ModelForm):
    announced_on = ThaiDateField(label=_("Announcement date"), required=False)
    closing_on = ThaiDateField(label=_("Closing date"), required=False)
    contract_date = ThaiDateField(label=_("Contract date"), required=False)
    delivery_date = ThaiDateField(label=_("Delivery date"), required=False)
    bids_text = forms.CharField(
        label=_("Bidders, one a line: vendor's tax ID | offered price"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = Project
        fields = [
            "egp_number", "name", "unit", "budget_line", "budget_source", "budget", "reference_price", "method",
            "method_detail", "announced_on", "closing_on", "winner", "agreed_price", "reason", "contract_number",
            "contract_date", "contract_amount", "delivery_date", "delivery_note", "status",
        ]  # fmt: skip

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = org
        self.fields["unit"].queryset = Unit.objects.for_org(org)
        self.fields["winner"].queryset = Vendor.objects.for_org(org)
        if self.instance.pk and not self.is_bound:
            self.initial["bids_text"] = "\n".join(
                f"{b.vendor.tax_id or b.vendor.name} | {b.price}"
                for b in self.instance.bids.select_related("vendor")
            )

    def clean_bids_text(self):
        vendors = Vendor.objects.for_org(self.org)
        out = []
        for n, line in enumerate(self.cleaned_data["bids_text"].splitlines(), start=1):
            if not line.strip():
                continue
            who, _sep, price = line.rpartition("|")
            who = who.strip()
            vendor = vendors.filter(tax_id=who).first() if who.isdigit() else vendors.filter(name=who).first()
            if vendor is None:
                raise forms.ValidationError(f"บรรทัด {n}: ไม่พบผู้ประกอบการ «{who[:40]}» (บันทึกผู้ประกอบการก่อน)")
            try:
                out.append((vendor, values.money(price, required=True, label="ราคาที่เสนอ")))
            except ValueError as exc:
                raise forms.ValidationError(f"บรรทัด {n}: {exc}") from None
        return out


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or Excel .xlsx)"))


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    note = forms.CharField(label=_("What the review found"), widget=forms.Textarea(attrs={"rows": 3}))


class AnalysisForm(forms.Form):
    problems = forms.CharField(
        label=_("Problems found"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    improvements = forms.CharField(
        label=_("Improvements for next year"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )


class ChannelForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.WEBSITE]
    )
    published_on = ThaiDateField(label=_("Published on"))
    note = forms.CharField(label=_("Where, or a link"), max_length=300, required=False)
