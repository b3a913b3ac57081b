"""What the verbs share: permission keys and bounded text."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MANAGE = "surveys.manage"
VIEW = "surveys.view"


def text(value, limit, label, *, required=False):
    """Stripped text without NUL characters; a clear message when missing or too long."""
    value = str(value or "").replace("\x00", "").strip()
    if required and not value:
        raise ValidationError(_("%(field)s is required.") % {"field": label})
    if len(value) > limit:
        raise ValidationError(
            _("%(field)s is too long (at most %(limit)s characters).") % {"field": label, "limit": limit}
        )
    return value
