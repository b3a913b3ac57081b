"""Every write of the registers: verbs that check permission, validate, write and record one audit event.

Bad input raises ValidationError with a message for the person (Thai through the catalogue) and
changes nothing.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sujarit.core.permissions import ensure

MANAGE = "registers.manage"


def check(by, org):
    ensure(by, org, MANAGE)


def required(fields, *names):
    for name, label in names:
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValidationError(_("%(field)s is required.") % {"field": label})


def not_future(day, label):
    if day and day > timezone.localdate():
        raise ValidationError(_("%(field)s cannot be in the future.") % {"field": label})


def same_org(obj, org):
    if obj.org_id != org.pk:
        raise ValidationError(_("This record belongs to another organization."))
