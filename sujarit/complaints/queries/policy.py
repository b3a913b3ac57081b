"""The organization's complaint policy: every verb, page and rule reads it through policy_for."""

from ..models import ComplaintPolicy


def policy_for(org):
    """The organization's complaint policy, created with the defaults the first time."""
    policy, _created = ComplaintPolicy.objects.get_or_create(org=org)
    return policy
