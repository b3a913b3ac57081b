"""The fixed cast of the tests: staff of the demo-like organization by role, and outsiders.

Tests read like specifications: `test_other_org_officer_cannot_open_report(other_org_officer, ...)`.
"""

import pytest
from django.contrib.auth import get_user_model

from sujarit.core import services
from sujarit.core.models import Organization, Role


def make_org(slug="laemsom", name="องค์การบริหารส่วนตำบลแหลมสอม"):
    org = Organization.objects.filter(slug=slug).first()
    return org or services.create_organization(slug=slug, name=name, province="ตรัง", district="ปะเหลียน")


def make_staff(org, username, role, unit_name="สำนักปลัด"):
    unit = services.ensure_unit(org, unit_name)
    user, _person = services.create_staff_account(
        org, username=username, password="pw-" + username, full_name=username, roles=[role], unit=unit
    )
    return user


@pytest.fixture
def org(db):
    return make_org()


@pytest.fixture
def other_org(db):
    return make_org("other-org", "องค์การบริหารส่วนตำบลอื่น")


@pytest.fixture
def admin_user(org):
    return make_staff(org, "t_admin", Role.ADMIN)


@pytest.fixture
def executive(org):
    return make_staff(org, "t_exec", Role.EXECUTIVE)


@pytest.fixture
def coordinator(org):
    return make_staff(org, "t_coord", Role.PLAN_COORDINATOR)


@pytest.fixture
def unit_officer(org):
    return make_staff(org, "t_officer", Role.UNIT_OFFICER)


@pytest.fixture
def finance_officer(org):
    return make_staff(org, "t_finance", Role.FINANCE_OFFICER, "กองคลัง")


@pytest.fixture
def integrity_officer(org):
    return make_staff(org, "t_integrity", Role.INTEGRITY_OFFICER)


@pytest.fixture
def council_member(org):
    return make_staff(org, "t_council", Role.COUNCIL_MEMBER, "สภา")


@pytest.fixture
def auditor(org):
    return make_staff(org, "t_auditor", Role.AUDITOR, "หน่วยตรวจสอบภายใน")


@pytest.fixture
def other_org_officer(other_org):
    return make_staff(other_org, "t_other", Role.ADMIN)


@pytest.fixture
def citizen(db):
    """Someone with an account but no role in any organization."""
    return get_user_model().objects.create_user(username="t_citizen", password="pw-citizen")


@pytest.fixture
def platform_operator(db):
    """Runs the platform: changes data shared by every organization; staff of none."""
    user = get_user_model().objects.create_user(username="t_operator", password="pw-operator")
    services.add_platform_operator(user)
    return user


@pytest.fixture
def persona_by_role(org):
    """A function role -> a user of `org` holding only that role."""

    def get(role):
        return make_staff(org, f"t_{role}", role)

    return get
