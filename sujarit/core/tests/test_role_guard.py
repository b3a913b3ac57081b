"""Guarded roles: granting or removing one takes a second person's confirmation, and holders are told.

Generic in the core: these tests guard the finance officer role themselves (a module guards its own
role through the registry, as complaints does for the integrity officer role).
"""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sujarit.core import services
from sujarit.core.jobs import notify_role_change
from sujarit.core.models import AuditEvent, Role, RoleChange, RoleGrant
from sujarit.core.registry import RoleGuard, registry
from sujarit.core.tests.personas import make_staff


@pytest.fixture
def guarded(monkeypatch):
    monkeypatch.setitem(
        registry.role_guards,
        Role.FINANCE_OFFICER,
        RoleGuard(Role.FINANCE_OFFICER, confirmers=(Role.EXECUTIVE,)),
    )
    return Role.FINANCE_OFFICER


def person(user, org):
    return user.people.get(org=org)


def roles(user, org):
    return set(RoleGrant.objects.filter(person__user=user, person__org=org).values_list("role", flat=True))


def test_an_administrator_cannot_give_themself_a_guarded_role(guarded, org, admin_user):
    waiting = services.set_person_roles(person(admin_user, org), [Role.ADMIN, guarded], by=admin_user)
    assert guarded not in roles(admin_user, org)
    (change,) = waiting
    assert change.status == RoleChange.Status.PENDING and change.action == RoleChange.Action.GRANT
    with pytest.raises(PermissionDenied):
        services.confirm_role_change(change, by=admin_user)
    assert guarded not in roles(admin_user, org)
    assert AuditEvent.objects.filter(action="core.role_change_confirm_refused", actor=admin_user).exists()


def test_a_second_person_confirms_and_the_role_takes_effect(
    guarded, org, admin_user, executive, unit_officer
):
    target = person(unit_officer, org)
    (change,) = services.set_person_roles(target, [Role.UNIT_OFFICER, guarded], by=admin_user)
    services.confirm_role_change(change, by=executive)
    assert roles(unit_officer, org) == {Role.UNIT_OFFICER, guarded}
    change.refresh_from_db()
    assert change.status == RoleChange.Status.CONFIRMED and change.decided_by == executive
    actions = list(AuditEvent.objects.filter(target_id=str(target.pk)).values_list("action", flat=True))
    assert "core.role_change_requested" in actions and "core.role_change_confirmed" in actions
    with pytest.raises(ValidationError):  # a decided request is not decided again
        services.confirm_role_change(change, by=executive)


def test_removing_a_guarded_role_also_waits_for_confirmation(
    guarded, org, admin_user, executive, finance_officer
):
    (change,) = services.set_person_roles(person(finance_officer, org), [], by=admin_user)
    assert change.action == RoleChange.Action.REMOVE and roles(finance_officer, org) == {guarded}
    services.confirm_role_change(change, by=executive)
    assert roles(finance_officer, org) == set()


def test_the_person_concerned_cannot_confirm_their_own_change(guarded, org, admin_user, executive):
    (change,) = services.set_person_roles(person(executive, org), [Role.EXECUTIVE, guarded], by=admin_user)
    with pytest.raises(PermissionDenied):
        services.confirm_role_change(change, by=executive)
    assert guarded not in roles(executive, org)
    holder = make_staff(org, "t_holder", guarded)  # a holder of the role may confirm
    services.confirm_role_change(change, by=holder)
    assert guarded in roles(executive, org)


def test_someone_without_a_confirming_role_cannot_confirm(
    guarded, org, admin_user, unit_officer, coordinator
):
    (change,) = services.set_person_roles(
        person(unit_officer, org), [Role.UNIT_OFFICER, guarded], by=admin_user
    )
    other_admin = make_staff(org, "t_admin2", Role.ADMIN)
    for user in (coordinator, other_admin):
        with pytest.raises(PermissionDenied):
            services.confirm_role_change(change, by=user)
    assert guarded not in roles(unit_officer, org)


def test_registering_a_new_person_with_a_guarded_role_waits_too(guarded, org, admin_user):
    added = services.register_person(
        org, by=admin_user, full_name="สมหญิง", roles=[guarded], username="t_new", password="long-pass-91"
    )
    assert not added.grants.exists()
    assert added.role_changes.get().status == RoleChange.Status.PENDING


def test_holders_and_confirmers_are_told_and_see_the_request(
    guarded, client, org, admin_user, executive, finance_officer, unit_officer
):
    for user in (executive, finance_officer, unit_officer, admin_user):
        user.email = f"{user.username}@example.org"
        user.save()
    (change,) = services.set_person_roles(
        person(unit_officer, org), [Role.UNIT_OFFICER, guarded], by=admin_user
    )
    mail.outbox.clear()
    assert notify_role_change.call(change.pk) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["t_exec@example.org", "t_finance@example.org"]

    home = reverse("core_staff:home", kwargs={"org_slug": org.slug})
    decide = reverse("core_staff:role_change", kwargs={"org_slug": org.slug, "pk": change.pk})
    client.force_login(finance_officer)  # a holder of the role: told, and may confirm
    page = client.get(home).content.decode()
    assert f'data-change="{change.pk}"' in page and 'value="confirm"' in page
    client.force_login(admin_user)  # the requester: sees it, may withdraw, may not confirm
    page = client.get(home).content.decode()
    assert (
        f'data-change="{change.pk}"' in page and 'value="confirm"' not in page and 'value="withdraw"' in page
    )
    client.post(decide, {"decision": "confirm"})
    assert guarded not in roles(unit_officer, org)
    client.force_login(unit_officer)  # neither a holder nor a confirmer
    assert f'data-change="{change.pk}"' not in client.get(home).content.decode()
    client.force_login(executive)
    assert client.post(decide, {"decision": "confirm"}).status_code == 302
    assert guarded in roles(unit_officer, org)


def test_the_requester_withdraws_a_request(guarded, org, admin_user, unit_officer):
    (change,) = services.set_person_roles(
        person(unit_officer, org), [Role.UNIT_OFFICER, guarded], by=admin_user
    )
    services.refuse_role_change(change, by=admin_user)
    change.refresh_from_db()
    assert change.status == RoleChange.Status.WITHDRAWN
    assert guarded not in roles(unit_officer, org)


def test_unguarded_roles_change_at_once(org, admin_user, unit_officer):
    assert (
        services.set_person_roles(person(unit_officer, org), [Role.UNIT_OFFICER, Role.AUDITOR], by=admin_user)
        == []
    )
    assert roles(unit_officer, org) == {Role.UNIT_OFFICER, Role.AUDITOR}
