"""The protected channel's keys: what each party can open, and who is kept off a case."""

import pytest
from django.urls import reverse

from sujarit.complaints.models import OfficerKey
from sujarit.complaints.protection import crypto
from sujarit.complaints.services import keys
from sujarit.core import vault
from sujarit.core.models import AuditEvent


def test_a_receipt_opens_what_was_wrapped_for_it_and_a_wrong_one_does_not(settings, db):
    salt = crypto.new_salt()
    receipt = "4929170305718463"
    lookup, wrap = crypto.receipt_keys(receipt, salt)
    case_key = crypto.new_key()
    wrapped = crypto.encrypt(wrap, case_key)
    again_lookup, again_wrap = crypto.receipt_keys(
        crypto.normalize_receipt(crypto.format_receipt(receipt)), salt
    )
    assert again_lookup == lookup and crypto.decrypt(again_wrap, wrapped) == case_key
    wrong = ("1" if receipt[0] != "1" else "2") + receipt[1:]
    wrong_lookup, wrong_wrap = crypto.receipt_keys(wrong, salt)
    assert wrong_lookup != lookup
    with pytest.raises(crypto.CryptoError):
        crypto.decrypt(wrong_wrap, wrapped)


@pytest.mark.parametrize(
    "text,ok",
    [
        ("1234 5678 9012 3456", True),
        ("1234-5678-9012-3456", True),
        ("๑๒๓๔๕๖๗๘๙๐๑๒๓๔๕๖", True),
        ("1234", False),
        ("1234 5678 9012 345a", False),
        ("", False),
        ("12345678901234567", False),
    ],
)
def test_receipts_are_read_as_people_type_them(text, ok):
    assert (crypto.normalize_receipt(text) is not None) is ok


def test_officer_key_unlocks_with_the_password_only(keyed_integrity_officer, org, rf_session):
    person = keyed_integrity_officer.people.get(org=org)
    request = rf_session()
    assert not keys.unlock(request, person, "wrong password")
    with pytest.raises(keys.KeyLocked):
        keys.private_key(request, person)
    assert keys.unlock(request, person, "pw-t_integrity")
    private = keys.private_key(request, person)
    sealed = crypto.seal_to(person.integrity_key.public_key, b"case key")
    assert crypto.unseal(private, sealed) == b"case key"
    # The session alone (a copy of the sessions table) does not hold the key in the clear.
    stored = request.session[vault.PREFIX + f"integrity:{person.pk}"]
    assert private.hex() not in stored and bytes(private) not in stored.encode()


def test_officers_of_the_accused_unit_or_named_are_not_recipients(
    org, keyed_integrity_officer, second_integrity_officer
):
    first = keyed_integrity_officer.people.get(org=org)
    second = second_integrity_officer.people.get(org=org)
    assert set(keys.recipients(org)) == {first, second}
    assert keys.recipients(org, accused_unit_id=second.unit_id) == [first]
    first.full_name = "นายสมชาย ใจดี"
    first.save()
    assert keys.recipients(org, accused_names=["สมชาย  ใจดี"]) == [second]


def test_channel_is_ready_only_when_an_integrity_officer_has_a_key(org, integrity_officer, policy):
    assert not keys.channel_ready(org)
    keys.setup_key(integrity_officer.people.get(org=org), "pw-t_integrity")
    assert keys.channel_ready(org)


def test_first_sign_in_gives_an_integrity_officer_a_key_and_later_sign_ins_unlock_it(
    client, org, integrity_officer
):
    person = integrity_officer.people.get(org=org)
    assert not hasattr(person, "integrity_key")
    response = client.post(
        reverse("core_site:login"), {"username": "t_integrity", "password": "pw-t_integrity"}
    )
    assert response.status_code == 302
    assert vault.COOKIE in response.cookies
    person.refresh_from_db()
    public = bytes(person.integrity_key.public_key)
    client.post(reverse("core_site:logout"))
    client.post(reverse("core_site:login"), {"username": "t_integrity", "password": "pw-t_integrity"})
    person.refresh_from_db()
    assert bytes(person.integrity_key.public_key) == public  # the same key, unlocked again
    assert vault.PREFIX + f"integrity:{person.pk}" in client.session


def test_other_staff_get_no_key_at_sign_in(client, org, executive):
    client.post(reverse("core_site:login"), {"username": "t_exec", "password": "pw-t_exec"})
    assert not OfficerKey.objects.exists()


def test_vault_cookie_is_secure_when_session_cookies_are(client, org, integrity_officer, settings):
    """Behind a TLS-terminating proxy request.is_secure() is False; SECURE_COOKIES must still hold."""
    settings.SESSION_COOKIE_SECURE = True
    response = client.post(
        reverse("core_site:login"), {"username": "t_integrity", "password": "pw-t_integrity"}
    )
    cookie = response.cookies[vault.COOKIE]
    assert cookie["secure"] and cookie["httponly"]


def test_unlock_form_after_a_password_reset_keeps_the_old_key_until_asked_for_a_new_one(
    org, keyed_integrity_officer, rf_session
):
    """An administrator's reset leaves a key the new password cannot open: the form says so and
    changes nothing; asked for a new key, it makes one and the old case keys go (colleagues re-grant)."""
    user = keyed_integrity_officer
    person = user.people.get(org=org)
    old_public = bytes(person.integrity_key.public_key)
    user.set_password("reset-by-admin")
    user.save()
    request = rf_session()

    assert keys.unlock_with_password(request, user, person, "not-it") == "wrong"
    assert keys.unlock_with_password(request, user, person, "reset-by-admin") == "lost"
    person.refresh_from_db()
    assert bytes(person.integrity_key.public_key) == old_public
    with pytest.raises(keys.KeyLocked):
        keys.private_key(request, person)

    assert keys.unlock_with_password(request, user, person, "reset-by-admin", new_key=True) == "created"
    person.refresh_from_db()
    assert bytes(person.integrity_key.public_key) != old_public
    assert keys.private_key(request, person)  # unlocked for this session
    assert AuditEvent.objects.filter(action="complaints.officer_key_unlock_failed", actor=user).count() == 1
    assert AuditEvent.objects.filter(
        action="complaints.officer_key_created", target_id=str(person.pk)
    ).exists()


def test_unlock_form_refuses_every_try_once_too_many_passwords_were_wrong(
    org, keyed_integrity_officer, rf_session, settings
):
    settings.SUJARIT_SIGNIN_MAX_FAILURES = 2
    user = keyed_integrity_officer
    person = user.people.get(org=org)
    request = rf_session()
    assert keys.unlock_with_password(request, user, person, "guess1") == "wrong"
    assert not keys.unlock_locked(user)
    assert keys.unlock_with_password(request, user, person, "guess2") == "wrong"
    assert keys.unlock_locked(user)
    assert keys.unlock_with_password(request, user, person, "pw-t_integrity") == "locked"
    with pytest.raises(keys.KeyLocked):
        keys.private_key(request, person)
