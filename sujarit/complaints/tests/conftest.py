"""Fixtures of the complaints module: a configured organization and integrity officers with keys."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from sujarit.core.models import Role
from sujarit.core.services import ensure_unit
from sujarit.core.tests.personas import make_staff

from ..models import Category, ComplaintPolicy, Kind
from ..services import keys


@pytest.fixture
def policy(org):
    unit = ensure_unit(org, "สำนักปลัด")
    return ComplaintPolicy.objects.create(
        org=org, general_unit=unit, integrity_unit=unit, phone="0 7536 0000"
    )


@pytest.fixture
def categories(org, policy):
    roads = ensure_unit(org, "กองช่าง")
    return {
        "road": Category.objects.create(org=org, code="road", name="ถนนชำรุด", unit=roads),
        "waste": Category.objects.create(org=org, code="waste", name="ขยะ", unit=policy.general_unit),
        "bribe": Category.objects.create(org=org, kind=Kind.INTEGRITY, code="bribe", name="เรียกรับสินบน"),
        "procure": Category.objects.create(
            org=org, kind=Kind.INTEGRITY, code="procurement", name="การจัดซื้อจัดจ้างไม่โปร่งใส"
        ),
    }


def _keyed(person_user, org):
    person = person_user.people.get(org=org)
    keys.setup_key(person, "pw-" + person_user.username)
    person.refresh_from_db()
    return person


@pytest.fixture
def keyed_integrity_officer(org, integrity_officer, policy):
    """The integrity officer persona with a key pair (made the way the first sign-in makes it)."""
    _keyed(integrity_officer, org)
    return integrity_officer


@pytest.fixture
def second_integrity_officer(org, policy):
    """An integrity officer of another unit (กองคลัง), with a key."""
    user = make_staff(org, "t_integrity2", Role.INTEGRITY_OFFICER, unit_name="กองคลัง")
    _keyed(user, org)
    return user


@pytest.fixture
def unlocked(rf=None):
    """unlocked(request, user, org): put the user's integrity key into the request's vault."""

    def unlock(request, user, org):
        person = user.people.get(org=org)
        assert keys.unlock(request, person, "pw-" + user.username)
        return person

    return unlock


@pytest.fixture
def rf_session():
    """A RequestFactory request with a working session (for services that use the vault)."""

    def make(path="/"):
        request = RequestFactory().get(path)
        request.session = SessionStore()
        return request

    return make
