"""Back-office forms. Amounts stay text here: the service verbs read them (services.amount_of), so a
bad amount gets the same Thai message from the page, the API or a script."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sujarit.core import thai

from .models import CheckResult


def _thai_date(value):
    text = thai.arabic_digits((value or "").strip())
    try:
        day, month, year = (int(x) for x in text.split("/"))
        import datetime as dt

        return dt.date(thai.ce_year(year) if year > 2400 else year, month, day)
    except (ValueError, TypeError):
        raise forms.ValidationError(
            _("Type the date as day/month/year in the Buddhist Era, e.g. 15/01/2568.")
        ) from None


class ThaiDateField(forms.CharField):
    def to_python(self, value):
        return _thai_date(value)


class LineForm(forms.Form):
    code = forms.CharField(label=_("Line code"), max_length=40, required=False)
    plan = forms.CharField(label=_("Plan (แผนงาน)"), max_length=200)
    work = forms.CharField(label=_("Work (งาน)"), max_length=200)
    category = forms.CharField(label=_("Category (หมวด)"), max_length=200)
    item = forms.CharField(label=_("Item (รายการ)"), max_length=300)
    amount = forms.CharField(label=_("Amount (baht)"), max_length=30)


class TransferForm(forms.Form):
    source = forms.ModelChoiceField(label=_("From line"), queryset=None)
    target = forms.ModelChoiceField(label=_("To line"), queryset=None)
    amount = forms.CharField(label=_("Amount (baht)"), max_length=30)
    on = ThaiDateField(label=_("Date"))
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = lines
        self.fields["target"].queryset = lines


class DisbursementForm(forms.Form):
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=None)
    voucher = forms.CharField(label=_("Voucher number"), max_length=60)
    on = ThaiDateField(label=_("Date"))
    amount = forms.CharField(label=_("Amount (baht)"), max_length=30)
    payee = forms.CharField(label=_("Payee"), max_length=300)
    description = forms.CharField(label=_("What was paid for"), max_length=500)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines


class CheckForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class MeetingForm(forms.Form):
    on = ThaiDateField(label=_("Date"))
    title = forms.CharField(label=_("Meeting"), max_length=300)
    attendees = forms.CharField(label=_("Attendees"), max_length=10)
    summary = forms.CharField(
        label=_("What was followed and decided"), widget=forms.Textarea(attrs={"rows": 4})
    )
