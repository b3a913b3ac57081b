"""The queue's cast: two services, two counters giving the tax service, an officer at counter 1."""

import pytest

from sujarit.core.models import Person
from sujarit.core.tests.personas import make_staff

from ..services.setup import create_counter, create_service, publish_policy


@pytest.fixture
def tax(org):
    return create_service(org, code="tax", name="ชำระภาษี", prefix="A", standard_minutes=10)


@pytest.fixture
def welfare(org):
    return create_service(org, code="welfare", name="เบี้ยยังชีพ", prefix="B", standard_minutes=15)


@pytest.fixture
def counter_officer(org):
    return make_staff(org, "t_counter", "unit_officer")


@pytest.fixture
def counters(org, tax, welfare, counter_officer, unit_officer):
    first = create_counter(
        org, number=1, services=[tax, welfare], officers=[Person.objects.get(user=counter_officer)]
    )
    second = create_counter(org, number=2, services=[tax], officers=[Person.objects.get(user=unit_officer)])
    return first, second


@pytest.fixture
def priority_policy(org):
    return publish_policy(org, priority_groups=["elderly", "disabled", "pregnant"])
