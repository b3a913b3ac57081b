"""Forms of the publishing back office (shape only: the verbs in services/publishing.py judge the content)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sujarit.core import thai

from ..models import Area, Kind, PeriodKind, VersionState

ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx"
WITHDRAWN = "withdrawn"


def _body(required):
    return forms.CharField(
        label=_("Text") if required else _("Description (optional)"),
        required=required,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8 if required else 3}),
    )


def _content_fields(form, kind):
    """Add the fields that carry a version's content for this kind of publication."""
    if kind == Kind.DOCUMENT:
        form.fields["upload"] = forms.FileField(
            label=_("File"),
            help_text=_("PDF, Word (DOCX), Excel (XLSX) or an image; checked by its content."),
            widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        )
        form.fields["body"] = _body(False)
    elif kind == Kind.LINK:
        form.fields["url"] = forms.CharField(
            label=_("Address"),
            max_length=1000,
            help_text=_("https://… or a page of this site (/…); it is checked before saving."),
            widget=forms.TextInput(attrs={"inputmode": "url"}),
        )
        form.fields["body"] = _body(False)
    else:
        form.fields["body"] = _body(True)
    form.fields["note"] = forms.CharField(label=_("What changed (optional)"), max_length=500, required=False)


def content_kwargs(cleaned):
    return {
        "body": cleaned.get("body", ""),
        "url": cleaned.get("url", ""),
        "upload": cleaned.get("upload"),
        "note": cleaned.get("note", ""),
    }


class PublicationForm(forms.Form):
    """A new publication of one kind; kind-dependent content fields are added by _content_fields."""

    title = forms.CharField(label=_("Title"), max_length=300)
    area = forms.ChoiceField(label=_("Area"), choices=Area.choices)
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2400, max_value=3000)
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, required=False)
    period = forms.IntegerField(
        label=_("Which period"),
        required=False,
        help_text=_("Month 1–12 (10 = October), quarter 1–4 or half-year 1–2."),
    )
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=None, required=False)
    publish_date = forms.DateField(
        label=_("Publish date (optional)"),
        required=False,
        help_text=_("Left empty, the day it is approved."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    oit_codes = forms.CharField(
        label=_("OIT items"), max_length=200, required=False, help_text=_("Codes such as O16, O17.")
    )

    def __init__(self, org, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["unit"].queryset = org.units.all()
        self.fields["fiscal_year"].initial = thai.current_fiscal_year()
        _content_fields(self, kind)

    def create_kwargs(self):
        d = self.cleaned_data
        return {
            "kind": self.kind,
            "title": d["title"],
            "area": d["area"],
            "fiscal_year": d["fiscal_year"],
            "period_kind": d["period_kind"],
            "period": d["period"],
            "unit": d["unit"],
            "publish_date": d["publish_date"],
            "oit_codes": d["oit_codes"],
            **content_kwargs(d),
        }


class RevisionForm(forms.Form):
    def __init__(self, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _content_fields(self, kind)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"), max_length=500, widget=forms.Textarea({"rows": 3})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why it is withdrawn"), max_length=500)


class TagsForm(forms.Form):
    codes = forms.CharField(label=_("OIT items"), max_length=200, required=False)


class PublicationFilter(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), *VersionState.choices, (WITHDRAWN, _("Withdrawn"))],
    )
    area = forms.ChoiceField(label=_("Area"), required=False, choices=[("", _("All")), *Area.choices])
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), required=False, min_value=2400, max_value=3000)
    oit = forms.CharField(label=_("OIT item"), required=False, max_length=10)
