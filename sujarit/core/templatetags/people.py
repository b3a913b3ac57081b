"""Who did it, as colleagues and citizens know them: "name, position", never a sign-in name."""

from django import template

from ..models import Person

register = template.Library()


def _label(person):
    return f"{person.full_name}, {person.position}" if person.position else person.full_name


@register.simple_tag(takes_context=True)
def who(context, user, org=None):
    """The user's name and position in `org` (the page's organization by default)."""
    if user is None:
        return ""
    org = org or context.get("org")
    cache = context.render_context.setdefault("people.who", {})
    key = (getattr(org, "pk", None), user.pk)
    if key not in cache:
        people = Person.objects.filter(user_id=user.pk)
        if org is not None:
            people = people.filter(org_id=org.pk)
        person = people.only("full_name", "position").first()
        cache[key] = _label(person) if person else (user.get_full_name() or user.get_username())
    return cache[key]


@register.simple_tag(takes_context=True)
def actor(context, event):
    """An audit event's actor by name and position; the stored label when the account is gone."""
    if not event.actor_id:
        return event.actor_label
    org_id = event.org_id
    cache = context.render_context.setdefault("people.actor", {})
    key = (org_id, event.actor_id)
    if key not in cache:
        person = (
            Person.objects.filter(user_id=event.actor_id, org_id=org_id).only("full_name", "position").first()
        )
        cache[key] = _label(person) if person else event.actor_label
    return cache[key]
