from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ScopeKind


class SupervisorForm(forms.Form):
    username = forms.CharField(label=_("user name"), max_length=150)
    full_name = forms.CharField(label=_("full name"), max_length=200)
    office = forms.CharField(label=_("office"), max_length=200, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    scope = forms.ChoiceField(label=_("scope"), choices=ScopeKind.choices)
    region = forms.TypedChoiceField(
        label=_("NACC region"),
        choices=[("", "—"), ("0", "ส่วนกลาง (กรุงเทพมหานคร)")] + [(str(n), f"ภาค {n}") for n in range(1, 10)],
        required=False,
        coerce=int,
        empty_value=None,
    )
    province = forms.CharField(label=_("province"), max_length=100, required=False)
    district = forms.CharField(label=_("district"), max_length=100, required=False)
