"""Schemathesis fuzzes the API from its own OpenAPI document: no 5xx, responses match the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from sujarit.wsgi import application


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight to the WSGI app; like Django's test client, keep the test's connection open."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
def test_api_never_fails_and_matches_its_schema(seed_plan):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 2

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def fuzz(case):
            case.call_and_validate()

        fuzz()


@pytest.mark.django_db
def test_fuzzing_reaches_the_seeded_plan(seed_plan):
    """The fuzzer is not only meeting 404s: the seeded organization answers with its plan."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    op = schema["/api/v1/orgs/{slug}/plan"]["GET"]
    response = op.Case(path_parameters={"slug": seed_plan.org.slug}).call()
    assert response.status_code == 200 and len(response.json()["items"]) == 27
