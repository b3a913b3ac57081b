"""The complaint settings page: policy, categories and holidays, for administrators only."""

import datetime as dt

import pytest
from django.urls import reverse

from sujarit.core.models import AuditEvent
from sujarit.core.services import ensure_unit

from ..models import Category, DayCount, Holiday, Kind
from ..queries.policy import policy_for
from ..services.holidays import load_national_holidays


def url(org, name="settings", **kwargs):
    return reverse(f"complaints_staff:{name}", kwargs={"org_slug": org.slug, **kwargs})


def policy_data(policy, **changes):
    data = {
        "due_days": policy.due_days,
        "day_count": policy.day_count,
        "remind_days_before": policy.remind_days_before,
        "retention_days_general": policy.retention_days_general,
        "retention_days_integrity": policy.retention_days_integrity,
        "general_unit": policy.general_unit_id or "",
        "integrity_unit": policy.integrity_unit_id or "",
        "officer_display": policy.officer_display,
        "phone": policy.phone,
        "email": policy.email,
        "baseline_year": policy.baseline_year,
        "baseline_integrity_cases": policy.baseline_integrity_cases or "",
    }
    data.update(changes)
    return data


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_admin_sees_policy_categories_and_holidays(admin_client, org, categories):
    load_national_holidays()
    response = admin_client.get(url(org))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="policy-form"' in page and "ถนนชำรุด" in page and "เรียกรับสินบน" in page
    assert 'id="holiday-form"' in page


@pytest.mark.parametrize("persona", ["unit_officer", "executive", "integrity_officer", "council_member"])
def test_only_administrators_may_open_the_settings(client, org, policy, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(org)).status_code == 403
    assert client.post(url(org), policy_data(policy, due_days=5)).status_code == 403
    assert policy_for(org).due_days == 15


def test_anonymous_is_sent_to_sign_in_and_other_org_admin_is_refused(client, org, policy, other_org_officer):
    assert client.get(url(org)).status_code == 302
    client.force_login(other_org_officer)
    for name, kwargs in [("settings", {}), ("settings_category_new", {}), ("settings_holiday_add", {})]:
        assert client.post(url(org, name, **kwargs), {"date": "2026-06-10", "name": "x"}).status_code == 403
    assert not Holiday.objects.exists()


def test_admin_changes_the_policy_and_it_is_audited(admin_client, org, policy):
    treasury = ensure_unit(org, "กองคลัง")
    response = admin_client.post(
        url(org),
        policy_data(
            policy,
            due_days=10,
            day_count=DayCount.WORKING,
            remind_days_before=2,
            retention_days_general=400,
            integrity_unit=treasury.pk,
            email="complaints@laemsom.go.th",
            baseline_integrity_cases=4,
        ),
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.due_days, policy.day_count, policy.remind_days_before) == (10, DayCount.WORKING, 2)
    assert policy.integrity_unit == treasury and policy.baseline_integrity_cases == 4
    event = AuditEvent.objects.get(action="complaints.policy_changed")
    assert "due_days" in event.data["fields"] and "email" in event.data["fields"]
    assert "complaints@laemsom.go.th" not in str(event.data)


@pytest.mark.parametrize(
    "changes",
    [
        {"due_days": 0},
        {"due_days": "สิบห้า"},
        {"remind_days_before": 15},  # not before the due date
        {"retention_days_general": 3},  # would erase data at the next run
        {"day_count": "lunar"},
        {"email": "not-an-address"},
    ],
)
def test_bad_policy_input_gets_a_message_and_changes_nothing(admin_client, org, policy, changes):
    response = admin_client.post(url(org), policy_data(policy, **changes))
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    policy.refresh_from_db()
    assert policy.due_days == 15 and policy.retention_days_general == 365 and policy.email == ""
    assert not AuditEvent.objects.filter(action="complaints.policy_changed").exists()


def test_unit_of_another_organization_is_refused(admin_client, org, other_org, policy):
    foreign = ensure_unit(other_org, "กองช่างอื่น")
    response = admin_client.post(url(org), policy_data(policy, general_unit=foreign.pk))
    assert response.status_code == 400
    policy.refresh_from_db()
    assert policy.general_unit.org == org


def test_admin_adds_and_edits_a_category(admin_client, org, policy):
    roads = ensure_unit(org, "กองช่าง")
    data = {"kind": Kind.GENERAL, "code": "lights", "name": "ไฟฟ้าส่องสว่างดับ", "unit": roads.pk, "active": "on"}
    assert admin_client.get(url(org, "settings_category_new")).status_code == 200
    assert admin_client.post(url(org, "settings_category_new"), data).status_code == 302
    category = Category.objects.get(org=org, code="lights")
    assert category.unit == roads and category.active
    edit = url(org, "settings_category_edit", pk=category.pk)
    assert admin_client.post(edit, {**data, "name": "ไฟทางดับ", "active": ""}).status_code == 302
    category.refresh_from_db()
    assert category.name == "ไฟทางดับ" and not category.active
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "complaints.category_added" in actions and "complaints.category_changed" in actions


def test_duplicate_or_malformed_category_code_is_refused(admin_client, org, categories):
    for code in ("road", "ถนน", "two words"):
        response = admin_client.post(
            url(org, "settings_category_new"), {"kind": Kind.GENERAL, "code": code, "name": "ซ้ำ"}
        )
        assert response.status_code == 400
        assert 'class="errorlist' in response.content.decode()
    assert Category.objects.for_org(org).count() == 4


def test_category_of_another_organization_is_not_found(client, org, other_org, other_org_officer, categories):
    client.force_login(other_org_officer)
    edit = reverse(
        "complaints_staff:settings_category_edit",
        kwargs={"org_slug": other_org.slug, "pk": categories["road"].pk},
    )
    assert client.get(edit).status_code == 404


def test_admin_adds_and_removes_an_organization_holiday(admin_client, org, policy):
    response = admin_client.post(
        url(org, "settings_holiday_add"), {"date": "2026-06-10", "name": "วันก่อตั้ง อบต."}
    )
    assert response.status_code == 302
    holiday = Holiday.objects.get(org=org)
    assert holiday.date == dt.date(2026, 6, 10)
    assert "วันก่อตั้ง" in admin_client.get(url(org)).content.decode()
    again = admin_client.post(
        url(org, "settings_holiday_add"), {"date": "2026-06-10", "name": "ซ้ำ"}, follow=True
    )
    assert Holiday.objects.filter(org=org).count() == 1
    assert any(m.level_tag == "error" for m in again.context["messages"])
    assert admin_client.post(url(org, "settings_holiday_remove", pk=holiday.pk)).status_code == 302
    assert not Holiday.objects.filter(org=org).exists()
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "complaints.holiday_added" in actions and "complaints.holiday_removed" in actions


def test_bad_holiday_input_and_national_holiday_removal_are_refused(admin_client, org, policy):
    load_national_holidays()
    assert (
        admin_client.post(url(org, "settings_holiday_add"), {"date": "31/02/2569", "name": "x"}).status_code
        == 400
    )
    national = Holiday.objects.filter(org__isnull=True).first()
    response = admin_client.post(url(org, "settings_holiday_remove", pk=national.pk), follow=True)
    assert any(m.level_tag == "error" for m in response.context["messages"])
    assert Holiday.objects.filter(pk=national.pk).exists()
    assert not Holiday.objects.filter(org=org).exists()
