"""The module contract: a strict registry, manifests run once, everything built from the manifests."""

import pytest
from django.apps import apps
from django.conf import settings

from sujarit.core.registry import (
    Export,
    Measure,
    ModuleConfig,
    NavEntry,
    OITProvider,
    Query,
    Registry,
    RegistryError,
    SurveyContext,
    registry,
)


def _noop(*args, **kwargs):
    return None


ENTRIES = [
    ("permission", lambda r: r.add_permission("x.do", "do", ("admin",))),
    ("navigation entry", lambda r: r.add_nav(NavEntry("x", "X", "x:index", "public"))),
    ("measure", lambda r: r.add_measure(Measure("x.m", "m", "count", _noop))),
    ("OIT provider", lambda r: r.add_oit_provider(OITProvider("x.p", ("structure",), "p", _noop))),
    ("export", lambda r: r.add_export(Export("x.e", "e", ("csv",), _noop))),
    ("demo loader", lambda r: r.add_demo_loader("x", 10, _noop)),
    ("query", lambda r: r.add_query(Query("x.q", _noop, "x"))),
    ("password hook", lambda r: r.add_password_hook("x.h", _noop)),
    ("API router", lambda r: r.add_api_router("x", "x.api.router")),
    ("survey context", lambda r: r.add_survey_context(SurveyContext("x.c", "c", "x", _noop))),
]


@pytest.mark.parametrize("kind,add", ENTRIES, ids=[e[0] for e in ENTRIES])
def test_every_kind_of_entry_refuses_a_duplicate_key(kind, add):
    fresh = Registry()
    add(fresh)
    with pytest.raises(RegistryError, match=kind):
        add(fresh)


def test_a_module_manifest_runs_once_however_often_ready_is_called():
    before = (len(registry.permissions), len(registry.nav), len(registry.measures), len(registry.exports))
    for config in apps.get_app_configs():
        if isinstance(config, ModuleConfig):
            config.ready()
    after = (len(registry.permissions), len(registry.nav), len(registry.measures), len(registry.exports))
    assert after == before


def test_every_business_app_is_a_registered_module():
    """A module whose apps.py Django did not pick (two AppConfig classes, no `default`) contributes
    nothing; this catches it."""
    ours = [
        a for a in settings.INSTALLED_APPS if a.startswith("sujarit.") and not a.startswith("sujarit.api")
    ]
    assert sorted(config.name for config in registry.modules.values()) == sorted(ours)


def test_the_api_mounts_every_router_a_manifest_names(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert {"plans", "complaints", "disclosure"} <= set(registry.api_routers) <= set(registry.modules)
    for module in registry.api_routers:
        assert any(op.startswith(f"sujarit_{module}_") for op in operations), module


def test_a_query_of_an_absent_module_is_none():
    assert registry.query("nosuchmodule.anything") is None
    assert registry.query("plans.goal_targets") is not None
