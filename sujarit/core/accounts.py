"""User names: one normal form for signing in, counting failed sign-ins and creating accounts.

" b_council", "B_Council" and a full-width "ｂ_council" are one name: NFKC, without surrounding
spaces, case-folded. The sign-in lock counts that form and the backend looks it up, so a variant
spelling neither gets fresh tries nor signs in as someone else.
"""

import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

MAX_LENGTH = 150


def normalize_username(raw):
    """A user name as typed → the one form stored, looked up and counted."""
    text = unicodedata.normalize("NFKC", str(raw or ""))
    return unicodedata.normalize("NFKC", text.casefold()).strip()[:MAX_LENGTH]


def find_user(username):
    """The account whose user name normalizes to the same form as `username`, or None."""
    name = normalize_username(username)
    if not name:
        return None
    users = get_user_model()._default_manager
    user = users.filter(username=name).first()
    if user is None:
        # Accounts made before names were normalized (or by `createsuperuser`) keep their case.
        user = next(
            (u for u in users.filter(username__iexact=name) if normalize_username(u.username) == name), None
        )
    return user


def org_username(org, name):
    """The account name an organization's administrator gives: `<org slug>.<name>`, normalized.

    Slugs have no dot, so the prefix is unambiguous; a name typed with the prefix already keeps one.
    """
    name = normalize_username(name).removeprefix(f"{org.slug}.")
    return normalize_username(f"{org.slug}.{name}")


def username_taken(username):
    return find_user(username) is not None


class UsernameBackend(ModelBackend):
    """Django's model backend, finding the account by the normalized user name."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = find_user(username)
        if user is None:
            get_user_model()().set_password(password)  # the same work as for a real account (timing)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
