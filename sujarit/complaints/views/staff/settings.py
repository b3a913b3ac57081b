"""The complaint settings page: the 15-day policy, retention, categories and the organization's holidays."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sujarit.core.models import Unit
from sujarit.core.tenancy import staff_view

from ...models import Category, ComplaintPolicy, Holiday
from ...queries.policy import policy_for
from ...services import configure, holidays, keys

PERM = "complaints.configure"


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ComplaintPolicy
        fields = configure.POLICY_FIELDS
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"inputmode": "email"}),
        }

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("general_unit", "integrity_unit"):
            self.fields[name].queryset = Unit.objects.for_org(org)
        limits = {
            "due_days": (1, 90),
            "remind_days_before": (0, 60),
            # A typo of a few days would erase complainants' data at the next daily run.
            "retention_days_general": (30, 3650),
            "retention_days_integrity": (30, 7300),
            "baseline_year": (2500, 2700),
        }
        for name, (low, high) in limits.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update({"min": low, "max": high, "inputmode": "numeric"})

    def clean(self):
        data = super().clean()
        due, remind = data.get("due_days"), data.get("remind_days_before")
        if due is not None and remind is not None and remind >= due:
            self.add_error(
                "remind_days_before",
                _("Reminders must come before the due date: fewer days than the days to act."),
            )
        return data


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = configure.CATEGORY_FIELDS
        labels = {"kind": gettext_lazy("Channel")}
        help_texts = {
            "code": gettext_lazy("Short code of lower-case letters, digits and dashes (used by Open311)."),
            "unit": gettext_lazy("General complaints in this category go to this unit."),
            "topic": gettext_lazy(
                "The plan's indicators “complaints about personnel management, salary promotion or "
                "procurement down” count the complaints of the categories with that topic."
            ),
        }

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = org
        self.fields["unit"].queryset = Unit.objects.for_org(org)
        self.fields["order"].required = False

    def clean_code(self):
        code = self.cleaned_data["code"]
        taken = Category.objects.for_org(self.org).filter(code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Another category already uses the code “%(code)s”.") % {"code": code})
        return code

    def clean_order(self):
        return self.cleaned_data.get("order") or 0

    def validate_unique(self):
        # The form has no org field; clean_code checks the code within the organization.
        pass


class HolidayForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)


def _page(request, org, policy_form=None, holiday_form=None, status=200):
    today = timezone.localdate()
    ctx = {
        "policy_form": policy_form or PolicyForm(instance=policy_for(org), org=org),
        "holiday_form": holiday_form or HolidayForm(),
        "categories": Category.objects.for_org(org).select_related("unit"),
        "warnings": keys.coverage_warnings(org),
        "own_holidays": Holiday.objects.for_org(org).filter(date__gte=today - datetime.timedelta(days=366)),
        "national_holidays": Holiday.objects.filter(
            org__isnull=True, date__gte=today, date__lte=today + datetime.timedelta(days=366)
        ),
    }
    return render(request, "complaints/staff/settings.html", ctx, status=status)


def _apply(request, verb, *args, **kwargs):
    """Run a verb; a ValidationError becomes a message. True when it succeeded."""
    try:
        verb(*args, **kwargs)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
        return False
    return True


@staff_view(PERM)
def settings_page(request, org):
    if request.method != "POST":
        return _page(request, org)
    form = PolicyForm(request.POST, instance=policy_for(org), org=org)
    if not form.is_valid():
        return _page(request, org, policy_form=form, status=400)
    # The ModelForm only validates; the verb writes (so the audit log and permission check apply).
    values = {k: form.cleaned_data[k] for k in configure.POLICY_FIELDS}
    form.instance.refresh_from_db()
    if _apply(request, configure.update_policy, org, by=request.user, **values):
        messages.success(request, _("Complaint settings saved."))
        return redirect("complaints_staff:settings", org_slug=org.slug)
    return _page(request, org, policy_form=form, status=400)


@staff_view(PERM)
def category_edit(request, org, pk=None):
    category = get_object_or_404(Category.objects.for_org(org), pk=pk) if pk else None
    form = CategoryForm(request.POST or None, instance=category, org=org)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in configure.CATEGORY_FIELDS}
        if category is not None:
            category.refresh_from_db()  # is_valid() wrote the form's values onto the instance
        if _apply(request, configure.save_category, org, by=request.user, category=category, **values):
            messages.success(request, _("Category saved."))
            return redirect("complaints_staff:settings", org_slug=org.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "complaints/staff/settings_category.html",
        {"form": form, "category": category},
        status=status,
    )


@staff_view(PERM)
def holiday_add(request, org):
    if request.method != "POST":
        return redirect("complaints_staff:settings", org_slug=org.slug)
    form = HolidayForm(request.POST)
    if not form.is_valid():
        return _page(request, org, holiday_form=form, status=400)
    d = form.cleaned_data
    if _apply(request, holidays.add_holiday, org, d["date"], d["name"], by=request.user):
        messages.success(request, _("Holiday added."))
        return redirect("complaints_staff:settings", org_slug=org.slug)
    return _page(request, org, holiday_form=form, status=400)


@staff_view(PERM)
def holiday_remove(request, org, pk):
    if request.method == "POST" and _apply(request, holidays.remove_holiday, org, pk, by=request.user):
        messages.success(request, _("Holiday removed."))
    return redirect("complaints_staff:settings", org_slug=org.slug)
