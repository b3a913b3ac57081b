"""Staff sign-in, with TOTP two-factor available to everyone and required per role."""

import threading

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connections
from django.test import Client

from sujarit.core import services
from sujarit.core.models import AuditEvent, Role, TOTPDevice


def _login(client, username, password, next_url="/"):
    return client.post("/accounts/login/", {"username": username, "password": password, "next": next_url})


@pytest.mark.django_db
def test_officer_signs_in_and_reaches_the_back_office(client, org, unit_officer):
    resp = _login(client, "t_officer", "pw-t_officer", f"/{org.slug}/staff/")
    assert resp.status_code == 302 and resp["Location"] == f"/{org.slug}/staff/"
    assert client.get(f"/{org.slug}/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="core.signed_in", actor=unit_officer).exists()


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message_and_audited(client, org, unit_officer):
    resp = _login(client, "t_officer", "wrong")
    assert resp.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="core.sign_in_failed").exists()


@pytest.mark.django_db
def test_next_pointing_to_another_site_is_ignored(client, org, unit_officer):
    resp = _login(client, "t_officer", "pw-t_officer", "https://evil.example/")
    assert resp["Location"] == "/"


@pytest.mark.django_db
def test_user_with_totp_needs_the_code_to_sign_in(client, org, unit_officer):
    device = services.start_totp(unit_officer)
    totp = pyotp.TOTP(device.secret)
    assert services.confirm_totp(unit_officer, totp.now())

    resp = _login(client, "t_officer", "pw-t_officer", f"/{org.slug}/staff/")
    assert resp.status_code == 302 and resp["Location"].startswith("/accounts/2fa/")
    assert "_auth_user_id" not in client.session  # not signed in yet

    bad = client.post("/accounts/2fa/", {"code": "000000", "next": f"/{org.slug}/staff/"})
    assert bad.status_code == 200 and "_auth_user_id" not in client.session

    # The code already used to confirm the device cannot be replayed; the next step's code is accepted.
    import time

    code = totp.at(int(time.time()) + 30)
    ok = client.post("/accounts/2fa/", {"code": code, "next": f"/{org.slug}/staff/"})
    assert ok.status_code == 302 and ok["Location"] == f"/{org.slug}/staff/"
    assert client.get(f"/{org.slug}/staff/").status_code == 200


@pytest.mark.django_db
def test_a_role_can_require_two_factor(client, org, admin_user, finance_officer):
    services.set_role_policy(org, Role.FINANCE_OFFICER, require_2fa=True, by=admin_user)
    client.force_login(finance_officer)
    resp = client.get(f"/{org.slug}/staff/")
    assert resp.status_code == 302 and resp["Location"].startswith("/accounts/2fa/setup/")

    page = client.get(resp["Location"])
    assert page.status_code == 200 and b"<svg" in page.content  # the QR code, drawn locally
    device = TOTPDevice.objects.get(user=finance_officer)
    code = pyotp.TOTP(device.secret).now()
    done = client.post("/accounts/2fa/setup/", {"code": code, "next": f"/{org.slug}/staff/"})
    assert done.status_code == 302
    assert client.get(f"/{org.slug}/staff/").status_code == 200


@pytest.mark.django_db
def test_people_page_sets_two_factor_policy_by_role(client, org, admin_user):
    client.force_login(admin_user)
    resp = client.post(f"/{org.slug}/staff/people/", {"require_2fa_auditor": "on"})
    assert resp.status_code == 302
    from sujarit.core.models import RolePolicy

    assert RolePolicy.objects.get(org=org, role=Role.AUDITOR).require_2fa
    assert AuditEvent.objects.filter(action="core.role_policy_set").exists()


@pytest.mark.django_db
def test_admin_adds_a_person_who_can_sign_in_with_a_role(client, org, admin_user):
    client.force_login(admin_user)
    unit = services.ensure_unit(org, "กองคลัง")
    resp = client.post(
        f"/{org.slug}/staff/people/add/",
        {"full_name": "นางสาวทดสอบ ระบบ", "position": "นักวิชาการเงินและบัญชี", "unit": unit.pk,
         "roles": ["finance_officer"], "username": "somying", "password": "a-Long-passw0rd"},
    )  # fmt: skip
    assert resp.status_code == 302
    client.logout()
    login = {"username": f"{org.slug}.somying", "password": "a-Long-passw0rd"}  # the organization's prefix
    assert client.post("/accounts/login/", login).status_code == 302
    assert client.get(f"/{org.slug}/staff/").status_code == 200


@pytest.mark.django_db
def test_roles_without_an_account_are_refused_and_nothing_is_added(client, org, admin_user):
    from sujarit.core.models import Person

    client.force_login(admin_user)
    before = Person.objects.count()
    resp = client.post(f"/{org.slug}/staff/people/add/", {"full_name": "ไม่มีบัญชี", "roles": ["auditor"]})
    assert resp.status_code == 200
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_admin_cannot_remove_their_own_admin_role(client, org, admin_user):
    from sujarit.core.models import Person

    client.force_login(admin_user)
    me = Person.objects.get(user=admin_user)
    resp = client.post(f"/{org.slug}/staff/people/{me.pk}/roles/", {"roles": ["auditor"]})
    assert resp.status_code == 200
    assert list(me.grants.values_list("role", flat=True)) == ["admin"]


@pytest.mark.django_db
def test_admin_cannot_edit_people_of_another_organization(
    client, org, admin_user, other_org, other_org_officer
):
    from sujarit.core.models import Person

    client.force_login(admin_user)
    theirs = Person.objects.get(user=other_org_officer)
    assert client.post(f"/{org.slug}/staff/people/{theirs.pk}/roles/", {"roles": []}).status_code == 404
    assert theirs.grants.count() == 1


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_name_for_a_while(client, org, unit_officer, settings):
    settings.SUJARIT_SIGNIN_MAX_FAILURES = 3
    for _ in range(3):
        assert _login(client, "t_officer", "wrong").status_code == 200
    locked = _login(client, "t_officer", "pw-t_officer")  # even the right password, while locked
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert "ครั้ง" in locked.content.decode() or "นาที" in locked.content.decode()
    assert AuditEvent.objects.filter(action="core.sign_in_locked").exists()
    assert _login(client, "someone_else", "whatever").status_code == 200  # other names are not locked


@pytest.mark.django_db
def test_repeated_wrong_codes_lock_the_second_step(client, org, unit_officer, settings):
    settings.SUJARIT_TOTP_MAX_FAILURES = 2
    device = services.start_totp(unit_officer)
    assert services.confirm_totp(unit_officer, pyotp.TOTP(device.secret).now())
    _login(client, "t_officer", "pw-t_officer")
    for _ in range(2):
        client.post("/accounts/2fa/", {"code": "000000"})
    import time

    good = pyotp.TOTP(device.secret).at(int(time.time()) + 30)
    resp = client.post("/accounts/2fa/", {"code": good})
    assert resp.status_code == 429 and "_auth_user_id" not in client.session


# --- one normal form of a user name; locks per account and client (issue 8, items 9 and 15) ------

ATTACKER, OWNER = {"REMOTE_ADDR": "203.0.113.9"}, {"REMOTE_ADDR": "198.51.100.7"}


def _login_from(client, where, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password}, **where)


@pytest.mark.django_db
def test_variant_spellings_of_a_name_share_its_failure_count(client, org, unit_officer, settings):
    settings.SUJARIT_SIGNIN_MAX_FAILURES = 3
    for variant in (" t_officer", "ｔ_ｏｆｆｉｃｅｒ", "T_Officer "):  # a space, full width, case
        assert _login(client, variant, "wrong").status_code == 200
    locked = _login(client, "t_officer", "pw-t_officer")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert set(
        AuditEvent.objects.filter(action="core.sign_in_failed").values_list("data__username", flat=True)
    ) == {"t_officer"}


@pytest.mark.django_db
def test_a_variant_spelling_signs_in_to_the_same_account(client, org, unit_officer):
    assert _login(client, " Ｔ_Officer ", "pw-t_officer").status_code == 302
    assert client.session["_auth_user_id"] == str(unit_officer.pk)


@pytest.mark.django_db
def test_a_known_name_cannot_be_used_to_keep_its_owner_out(client, org, unit_officer, settings):
    settings.SUJARIT_SIGNIN_MAX_FAILURES = 3
    for _ in range(3):
        assert _login_from(client, ATTACKER, "t_officer", "guess").status_code == 200
    assert _login_from(client, ATTACKER, "t_officer", "pw-t_officer").status_code == 429
    assert _login_from(client, OWNER, "t_officer", "pw-t_officer").status_code == 302  # at their desk


@pytest.mark.django_db
def test_failures_from_many_clients_slow_the_account_down_without_locking_it(
    client, org, unit_officer, settings
):
    settings.SUJARIT_SIGNIN_MAX_FAILURES = 10
    settings.SUJARIT_SIGNIN_ACCOUNT_CEILING = 6
    for i in range(6):  # a spread-out guess: each address stays under its own limit
        assert _login_from(client, {"REMOTE_ADDR": f"192.0.2.{i}"}, "t_officer", "guess").status_code == 200
    # Over the ceiling every client gets only a few tries, the attacker's as the owner's …
    slow = {"REMOTE_ADDR": "192.0.2.99"}
    for _ in range(3):
        assert _login_from(client, slow, "t_officer", "guess").status_code == 200
    assert _login_from(client, slow, "t_officer", "pw-t_officer").status_code == 429
    # … and the owner, who types the right password, still signs in.
    assert _login_from(client, OWNER, "t_officer", "pw-t_officer").status_code == 302


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_clients_failures(client, org, unit_officer, settings):
    settings.SUJARIT_SIGNIN_MAX_FAILURES = 3
    for _ in range(2):
        _login_from(client, OWNER, "t_officer", "typo")
    assert _login_from(client, OWNER, "t_officer", "pw-t_officer").status_code == 302
    client.logout()
    for _ in range(2):
        _login_from(client, OWNER, "t_officer", "typo")
    assert _login_from(client, OWNER, "t_officer", "pw-t_officer").status_code == 302


@pytest.mark.django_db
def test_new_accounts_are_stored_under_the_normal_form(org):
    user, _person = services.create_staff_account(
        org, username=" Ｓomchai ", password="pw-long-enough", full_name="สมชาย", roles=[Role.AUDITOR]
    )
    assert user.username == "somchai"


@pytest.mark.django_db
def test_a_name_used_by_another_organization_reveals_nothing(client, org, admin_user, other_org_officer):
    """User names are global; an administrator must not learn another organization's (issue 8, 15)."""
    client.force_login(admin_user)
    form = {"full_name": "นายทดสอบ", "roles": ["auditor"], "password": "a-Long-passw0rd"}
    resp = client.post(f"/{org.slug}/staff/people/add/", {**form, "username": "t_other"})
    assert resp.status_code == 302  # the other organization's "t_other" is not this one's business
    added = get_user_model().objects.get(people__org=org, people__full_name="นายทดสอบ")
    assert added.username == f"{org.slug}.t_other" and added != other_org_officer
    client.logout()
    assert _login(client, f"{org.slug}.t_other", "a-Long-passw0rd").status_code == 302
    # A name this organization already uses is refused, and says so: it is on its own people page.
    client.force_login(admin_user)
    again = client.post(f"/{org.slug}/staff/people/add/", {**form, "username": "T_Other"})
    assert again.status_code == 200 and get_user_model().objects.filter(people__org=org).count() == 2


@pytest.mark.django_db
def test_addresses_of_one_ipv6_subscriber_count_as_one_client(client, org, unit_officer, settings):
    settings.SUJARIT_SIGNIN_MAX_FAILURES = 3
    for i in range(3):  # a /64 holds 2**64 addresses: rotating through them gains nothing
        _login_from(client, {"REMOTE_ADDR": f"2001:db8:1:2::{i + 1:x}"}, "t_officer", "guess")
    assert (
        _login_from(client, {"REMOTE_ADDR": "2001:db8:1:2::ff"}, "t_officer", "pw-t_officer").status_code
        == 429
    )
    assert (
        _login_from(client, {"REMOTE_ADDR": "2001:db8:9:9::1"}, "t_officer", "pw-t_officer").status_code
        == 302
    )


class SlowerHasher(PBKDF2PasswordHasher):
    """A hasher taking a few ms (production's takes far longer), so parallel guesses overlap."""

    iterations = 20_000


def _parallel(n, work):
    barrier, results = threading.Barrier(n), []

    def run(i):
        try:
            barrier.wait()
            results.append(work(i))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connections["default"].vendor == "sqlite",
    reason="the in-memory SQLite test database refuses concurrent writers (each failure is audited); "
    "runs on PostgreSQL",
)
def test_parallel_password_guesses_get_no_more_tries_than_the_limit(org, settings):
    from sujarit.core.tests.personas import make_staff

    settings.PASSWORD_HASHERS = [f"{__name__}.SlowerHasher"]
    settings.SUJARIT_SIGNIN_MAX_FAILURES = 5
    make_staff(org, "t_target", Role.UNIT_OFFICER)
    statuses = _parallel(20, lambda i: _login(Client(), "t_target", f"guess-{i}").status_code)
    assert statuses.count(200) == 5 and statuses.count(429) == 15  # 5 passwords checked, 15 refused unchecked
    assert AuditEvent.objects.filter(action="core.sign_in_failed").count() == 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connections["default"].vendor == "sqlite",
    reason="the in-memory SQLite test database refuses concurrent writers; runs on PostgreSQL",
)
def test_parallel_audit_events_form_one_unbroken_chain(org):
    """Writers that audit at the same moment each get the next number (one used to fail with a 500)."""
    from sujarit.core import audit

    assert _parallel(20, lambda i: audit.record(org, "core.test_parallel", n=i).seq) is not None
    ok, bad = audit.verify()
    assert ok and bad is None
    assert AuditEvent.objects.filter(action="core.test_parallel").count() == 20
