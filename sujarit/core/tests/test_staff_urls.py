"""Walks the URLconf: every staff URL refuses anonymous users, users without its permission,
and users of another organization; every URL that changes data shared by all organizations refuses
every organization's staff, whatever their roles.

It also walks the models: a model without an `org` is either reached through a tenant row, or is
platform or per-account data, declared below with the guard of its writes (issue 8, item 8).
"""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from sujarit.core import services
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
def test_every_staff_url_refuses_outsiders(
    client, org, other_org, other_org_officer, citizen, platform_operator
):
    # Supervisors watch many organizations and platform operators run the platform: neither is staff.
    from sujarit.oversight.services import grant

    supervisor, _link = grant(username="t_supervisor", full_name="x", scope="country", by=None)
    outsiders = (other_org_officer, supervisor.user, platform_operator)
    lacking_users = {}
    for route, pattern in staff_routes():
        url = concrete(route, org.slug)
        perm = registry.permissions[pattern.callback.sujarit_permission]

        client.logout()
        for method in ("get", "post"):
            resp = getattr(client, method)(url)
            assert resp.status_code == 302 and "/accounts/login/" in resp["Location"], (method, url)

        for outsider in outsiders:
            client.force_login(outsider)
            assert client.get(url).status_code == 403, f"{outsider.username} opened {url}"
            assert client.post(url).status_code == 403, f"{outsider.username} posted {url}"

        lacking = [r for r in Role.values if r not in perm.roles]
        if lacking and lacking[0] not in lacking_users:
            lacking_users[lacking[0]] = make_staff(org, f"walk_{lacking[0]}", lacking[0])
        user = lacking_users[lacking[0]] if lacking else citizen
        client.force_login(user)
        assert client.get(url).status_code == 403, f"{user.username} without {perm.key} opened {url}"
        assert client.post(url).status_code == 403, f"{user.username} without {perm.key} posted {url}"


# --- shared (non-tenant) data -------------------------------------------------------------------

# Every model without an `org` field, and why a write to it cannot reach another organization.
THROUGH_A_TENANT_ROW = {  # written only through the named parent, whose `org` the verb checks
    "core.rolegrant": "person",
    "complaints.caseevent": "case",
    "complaints.casefile": "case",
    "complaints.casekey": "case",
    "complaints.disciplinarystep": "case",
    "complaints.officerkey": "person",
    "disclosure.publicationversion": "publication",
    "disclosure.publicationtag": "publication",
    "procurement.director": "vendor",
    "procurement.bid": "project",
    "procurement.analysischannel": "analysis",  # written only by services.analysis.record_channel
    "surveys.version": "questionnaire",
    "surveys.question": "version.questionnaire",
    "surveys.answer": "response",
    "queue.serviceday": "service",  # the day's number counter, moved only by issue_ticket
    "registers.nominationscore": "nomination",  # written only by services.honours.score (same_org)
}
PLATFORM_DATA = {  # shared by every organization: platform operators only (/platform/…, shell)
    "disclosure.oityear",
    "disclosure.oititem",
    "core.platformoperator",  # granted only by `sujarit platform operator add`
    "core.auditcheckpoint",  # written only by `sujarit audit checkpoint` (cron), never from a page
    "oversight.supervisor",  # granted only by platform operators (/platform/supervisors/, the shell)
}
PER_ACCOUNT = {  # a person's own: only that signed-in user writes it
    "core.totpdevice",
    "core.organization",  # the tenant itself: update_organization checks core.manage_org *in* it
}


def test_every_model_without_an_organization_is_declared_with_its_guard():
    undeclared = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if not model.__module__.startswith("sujarit.") or any(f.name == "org" for f in model._meta.fields):
            continue
        parent = THROUGH_A_TENANT_ROW.get(label)
        if parent is not None:
            related = model
            for step in parent.split("."):  # a path of foreign keys ending at a row with an org
                related = related._meta.get_field(step).related_model
            assert any(f.name == "org" for f in related._meta.fields), f"{label}.{parent} is no tenant row"
        elif label not in PLATFORM_DATA | PER_ACCOUNT:
            undeclared.append(label)
    assert undeclared == [], f"shared models whose writes nobody has checked: {undeclared}"


def platform_routes():
    return [(r, p) for r, p in _walk(get_resolver().url_patterns) if r.startswith("platform/")]


def test_shared_data_urls_are_platform_pages():
    routes = platform_routes()
    assert routes, "the OIT catalogue editor is a platform page"
    unguarded = [r for r, p in routes if not getattr(p.callback, "sujarit_platform", False)]
    assert unguarded == [], f"platform URLs without @platform_view: {unguarded}"
    marked = [
        r for r, p in _walk(get_resolver().url_patterns) if getattr(p.callback, "sujarit_platform", False)
    ]
    assert sorted(marked) == sorted(r for r, _p in routes), "platform pages live under /platform/"


@pytest.mark.django_db
def test_every_shared_data_url_refuses_every_organization_role(
    client, org, other_org_officer, platform_operator
):
    # An administrator holding every role of the organization: no organization role reaches shared data.
    everything = make_staff(org, "walk_everything", Role.ADMIN)
    services.set_person_roles(everything.people.get(org=org), Role.values, by=everything)
    for route, _pattern in platform_routes():
        url = concrete(route, org.slug)
        client.logout()
        for method in ("get", "post"):
            resp = getattr(client, method)(url)
            assert resp.status_code == 302 and "/accounts/login/" in resp["Location"], (method, url)
        for user in (everything, other_org_officer):
            client.force_login(user)
            assert client.get(url).status_code == 403, f"{user.username} opened {url}"
            assert client.post(url).status_code == 403, f"{user.username} posted {url}"
        client.force_login(platform_operator)
        assert client.get(url).status_code in (200, 404), f"the platform operator could not open {url}"
