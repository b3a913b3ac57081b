"""Walks the URLconf: every staff URL refuses anonymous users, users without its permission,
and users of another organization."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from sujarit.core.models import Role
from sujarit.core.registry import registry

from .personas import make_staff


def _walk(patterns, prefix=""):
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route, p


def staff_routes():
    return [(r, p) for r, p in _walk(get_resolver().url_patterns) if r.startswith("<slug:org_slug>/staff/")]


def concrete(route, slug):
    url = route.replace("<slug:org_slug>", slug)
    url = re.sub(r"<int:\w+>", "1", url)
    url = re.sub(r"<(?:str|slug|uuid|path):\w+>|<\w+>", "x", url)
    return "/" + url.lstrip("^").rstrip("$")


def test_there_are_staff_urls_and_all_are_guarded():
    routes = staff_routes()
    assert len(routes) >= 4
    unguarded = [r for r, p in routes if not getattr(p.callback, "sujarit_permission", None)]
    assert unguarded == [], f"staff URLs without @staff_view: {unguarded}"


@pytest.mark.django_db
def test_every_staff_url_refuses_outsiders(client, org, other_org, other_org_officer, citizen):
    lacking_users = {}
    for route, pattern in staff_routes():
        url = concrete(route, org.slug)
        perm = registry.permissions[pattern.callback.sujarit_permission]

        client.logout()
        for method in ("get", "post"):
            resp = getattr(client, method)(url)
            assert resp.status_code == 302 and "/accounts/login/" in resp["Location"], (method, url)

        client.force_login(other_org_officer)
        assert client.get(url).status_code == 403, f"other org's admin opened {url}"
        assert client.post(url).status_code == 403, f"other org's admin posted {url}"

        lacking = [r for r in Role.values if r not in perm.roles]
        if lacking and lacking[0] not in lacking_users:
            lacking_users[lacking[0]] = make_staff(org, f"walk_{lacking[0]}", lacking[0])
        user = lacking_users[lacking[0]] if lacking else citizen
        client.force_login(user)
        assert client.get(url).status_code == 403, f"{user.username} without {perm.key} opened {url}"
        assert client.post(url).status_code == 403, f"{user.username} without {perm.key} posted {url}"
