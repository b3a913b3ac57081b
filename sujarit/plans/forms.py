"""Forms of the progress reporting pages: the report, the coordinator's review, the KPI measure binding."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core import files
from sujarit.core.registry import registry

from .models import CannotDoReason, ItemStatus
from .parsing.dates import DateError, parse_date
from .services import kpi_text
from .services.kpis import target_text


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by core.files (type by content, size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        errors = []
        for upload in uploads:
            try:
                files.read_upload(upload, kinds=files.EVIDENCE_KINDS)
            except ValidationError as e:
                errors.append(f"{upload.name}: {' '.join(e.messages)}")
            finally:
                upload.seek(0)
        if errors:
            raise ValidationError(errors)
        return uploads


class ThaiDateInput(forms.TextInput):
    def format_value(self, value):
        if hasattr(value, "year"):
            return f"{value.day:02d}/{value.month:02d}/{value.year + 543}"
        return value


class ThaiDateField(forms.Field):
    """A date typed as day/month/year in the Buddhist Era (15/01/2568)."""

    widget = ThaiDateInput(attrs={"placeholder": "วว/ดด/ปปปป (พ.ศ.)", "inputmode": "numeric"})

    def to_python(self, value):
        try:
            return parse_date(value)
        except DateError as e:
            raise ValidationError(str(e)) from None


class ProgressReportForm(forms.Form):
    """The report of a round, with E-PlanNACC's progress fields first and in its order."""

    ordinance_amount = forms.DecimalField(
        label=gettext_lazy("Amount in the budget ordinance (baht)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    spent = forms.DecimalField(
        label=gettext_lazy("Budget actually spent (baht)"), min_value=0, max_digits=14, decimal_places=2
    )
    in_ordinance = forms.TypedChoiceField(
        label=gettext_lazy("Included in the budget ordinance or operation plan"),
        choices=[("", "—"), ("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ItemStatus.choices)
    reason = forms.ChoiceField(
        label=gettext_lazy("Why it cannot be carried out"),
        choices=[("", "—"), *CannotDoReason.choices],
        required=False,
        help_text=gettext_lazy("Only when the status is “Cannot be carried out”."),
    )
    reason_text = forms.CharField(label=gettext_lazy("Other reason"), required=False)
    percent_done = forms.IntegerField(label=gettext_lazy("Percent done (0–100)"), min_value=0, max_value=100)
    work_done = forms.CharField(label=gettext_lazy("What was done"), widget=forms.Textarea, required=False)
    problems = forms.CharField(
        label=gettext_lazy("Problems and obstacles"), widget=forms.Textarea, required=False
    )
    next_steps = forms.CharField(label=gettext_lazy("Next steps"), widget=forms.Textarea, required=False)
    activity_start = ThaiDateField(label=gettext_lazy("Activity held from"), required=False)
    activity_end = ThaiDateField(label=gettext_lazy("Activity held until"), required=False)
    participants = forms.IntegerField(
        label=gettext_lazy("Number of participants"), min_value=0, required=False
    )
    participant_groups = forms.CharField(
        label=gettext_lazy("Participant groups"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Who took part, with numbers where useful, e.g. “villagers 40, staff 12”."),
    )
    published_url = forms.URLField(
        label=gettext_lazy("Link where the activity was published"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("The news or Facebook post about the activity, e.g. https://…"),
    )
    remark = forms.CharField(
        label=gettext_lazy("Remark"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    evidence = MultipleFileField(
        label=gettext_lazy("Evidence files and photos (published)"),
        required=False,
        help_text=gettext_lazy(
            "Once the coordinator approves the report these files are published on the organization's "
            "public site. Do not put attendance sheets, ID card copies or other personal data here. "
            "PDF, PNG, JPEG, WebP, Word (.docx) or Excel (.xlsx); several files may be chosen."
        ),
    )
    internal_evidence = MultipleFileField(
        label=gettext_lazy("Internal files (never published)"),
        required=False,
        help_text=gettext_lazy(
            "Attendance sheets, ID card copies and other personal data (PDPA): kept for staff and "
            "auditors only, never shown on the public site or in public exports."
        ),
    )

    def __init__(self, *args, kpis=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kpis = list(kpis)
        for kpi in self.kpis:
            if kpi.measure_key:
                continue  # measured by the platform, not reported by hand
            label = kpi.text
            if kpi.target_unit == kpi_text.YESNO:
                # An existence ("มี…") is answered yes or no, its evidence attached below; stored as 1 / 0.
                self.fields[f"kpi_{kpi.pk}"] = forms.TypedChoiceField(
                    label=label,
                    required=False,
                    choices=[
                        ("", _("Not reported yet")),
                        ("1", _("Yes, there is")),
                        ("0", _("No, there is not")),
                    ],
                    coerce=Decimal,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    help_text=_("Is there? Attach the evidence (order, announcement, photos) below."),
                )
                stored = self.initial.get(f"kpi_{kpi.pk}")
                if stored is not None:  # 1.00 from the database ticks "1"
                    self.initial[f"kpi_{kpi.pk}"] = "1" if kpi_text.is_yes(stored) else "0"
                continue
            target = target_text(kpi)
            self.fields[f"kpi_{kpi.pk}"] = forms.DecimalField(
                label=label,
                required=False,
                max_digits=14,
                decimal_places=2,
                help_text=(_("Achieved value; target %(target)s") % {"target": target})
                if target
                else _("Achieved value"),
            )

    def kpi_fields(self):
        return [self[f"kpi_{k.pk}"] for k in self.kpis if f"kpi_{k.pk}" in self.fields]

    def kpi_values(self):
        return {k.pk: self.cleaned_data.get(f"kpi_{k.pk}") for k in self.kpis if f"kpi_{k.pk}" in self.fields}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("approve", gettext_lazy("Approve")), ("return", gettext_lazy("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        widget=forms.Textarea,
        required=False,
        help_text=gettext_lazy("Required when returning a report: say what needs changing."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what needs changing: a comment is required to return a report."))
        return data


class MeasureForm(forms.Form):
    measure_key = forms.ChoiceField(label=gettext_lazy("Measure"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_key"].choices = [("", _("— none: the value is reported by hand —"))] + [
            (m.key, f"{m.label} ({m.key})") for m in registry.measures.values()
        ]
