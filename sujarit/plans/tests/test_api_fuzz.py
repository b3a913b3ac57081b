"""Schemathesis fuzzes the API from its own OpenAPI document: no 5xx, responses match the schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from sujarit.wsgi import application


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
