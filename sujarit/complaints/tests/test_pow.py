"""Proof-of-work challenges and the flood limits of the corruption channel."""

import hashlib
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import RequestFactory

from sujarit.complaints.protection import pow
from sujarit.core import throttle


def test_solved_challenge_is_accepted(org):
    token = pow.issue(org)
    nonce = pow.solve(token)
    pow.check(org, token, nonce)  # no exception
    digest = hashlib.sha256(f"{token}:{nonce}".encode()).digest()
    assert pow.leading_zero_bits(digest) >= 4


def test_unsolved_or_missing_work_is_refused(org, settings):
    settings.SUJARIT_POW_BITS = 12
    token = pow.issue(org)
    wrong = next(str(n) for n in range(10_000) if not pow.solved(token, str(n)))
    with pytest.raises(pow.PowError):
        pow.check(org, token, wrong)
    with pytest.raises(pow.PowError):
        pow.check(org, token, "")
    with pytest.raises(pow.PowError):
        pow.check(org, "", "1")


def test_forged_expired_or_other_org_token_is_refused(org, other_org):
    token = pow.issue(org)
    with pytest.raises(pow.PowError):
        pow.read(other_org, token)
    with pytest.raises(pow.PowError):
        pow.read(org, token[:-2] + "xx")
    # A token signed three hours ago: the right shape, past its age.
    with mock.patch("time.time", return_value=time.time() - 3 * 3600):
        stale = signing.dumps({"o": org.pk, "r": "x"}, salt=pow.SALT, compress=False)
    with pytest.raises(pow.PowError):
        pow.read(org, stale)


def test_leading_zero_bits():
    assert pow.leading_zero_bits(b"\x00\x00\xff") == 16
    assert pow.leading_zero_bits(b"\x0f") == 4
    assert pow.leading_zero_bits(b"\x80") == 0
    assert pow.leading_zero_bits(b"\x00\x01") == 15


def _receipt_try(org, request):
    token = pow.issue(org, purpose=pow.RECEIPT)
    pow.admit_receipt(request, org, token, pow.solve(token))


def test_wrong_receipts_are_counted_per_client_and_then_refused(org):
    rf = RequestFactory()
    guesser = rf.post("/", REMOTE_ADDR="203.0.113.9")
    other = rf.post("/", REMOTE_ADDR="198.51.100.7")
    for _ in range(pow.RECEIPT_FAILURES):
        _receipt_try(org, guesser)  # each one a wrong receipt: nothing given back
    with pytest.raises(pow.Flood):
        _receipt_try(org, guesser)
    _receipt_try(org, other)  # another client is not held back


def test_right_receipts_do_not_count_against_the_client(org):
    reporter = RequestFactory().post("/", REMOTE_ADDR="203.0.113.10")
    for _ in range(pow.RECEIPT_FAILURES + 3):
        _receipt_try(org, reporter)
        pow.receipt_matched(reporter)


def test_a_receipt_token_is_used_once_and_only_for_receipts(org):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.11")
    token = pow.issue(org, purpose=pow.RECEIPT)
    nonce = pow.solve(token)
    pow.admit_receipt(request, org, token, nonce)
    with pytest.raises(pow.PowError):
        pow.admit_receipt(request, org, token, nonce)
    report_token = pow.issue(org)
    with pytest.raises(pow.PowError):
        pow.admit_receipt(request, org, report_token, pow.solve(report_token))
    with pytest.raises(pow.PowError):
        pow.check(org, token, nonce)  # a receipt token sends no report


def test_difficulty_rises_with_the_clients_rate_and_not_for_others(org):
    rf = RequestFactory()
    flooder = rf.get("/", REMOTE_ADDR="203.0.113.20")
    reporter = rf.get("/", REMOTE_ADDR="198.51.100.20")
    seen = [pow.bits_of(pow.issue(org, flooder)) for _ in range(pow.FREE_CHALLENGES + 3)]
    assert seen[: pow.FREE_CHALLENGES] == [pow.bits()] * pow.FREE_CHALLENGES
    assert seen[pow.FREE_CHALLENGES :] == [pow.bits() + 1, pow.bits() + 2, pow.bits() + 3]
    assert pow.bits_of(pow.issue(org, reporter)) == pow.bits()  # the honest reporter pays as before


def test_difficulty_stops_at_the_ceiling(org, settings):
    settings.SUJARIT_POW_MAX_BITS = 6
    flooder = RequestFactory().get("/", REMOTE_ADDR="203.0.113.21")
    assert max(pow.bits_of(pow.issue(org, flooder)) for _ in range(20)) == 6


def test_the_token_carries_its_difficulty_and_the_work_must_match_it(org):
    flooder = RequestFactory().get("/", REMOTE_ADDR="203.0.113.22")
    for _ in range(pow.FREE_CHALLENGES + 4):
        token = pow.issue(org, flooder)
    assert pow.bits_of(token) == pow.bits() + 4
    easy = next(
        str(n)
        for n in range(100_000)
        if pow.solved(token, str(n), pow.bits()) and not pow.solved(token, str(n), pow.bits() + 4)
    )
    with pytest.raises(pow.PowError):
        pow.check(org, token, easy)
    pow.check(org, token, pow.solve(token))


def test_a_busy_organization_raises_the_work_instead_of_closing(
    org, categories, keyed_integrity_officer, settings
):
    from sujarit.complaints.services import intake

    settings.SUJARIT_SUBMISSIONS_PER_MINUTE = 2
    assert pow.difficulty(org) == pow.bits()
    for text in ("หนึ่ง", "สอง", "สาม", "สี่"):
        token = pow.issue(org)
        intake.submit_report(
            org, category=categories["bribe"], accused_unit=None, accused_name="", text=text, token=token
        )
    assert pow.difficulty(org) == pow.bits() + 2  # 4 reports a minute: twice the rate, one more doubling


def test_client_tag_does_not_contain_the_address():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    tag = throttle.client_tag(request)
    assert "203" not in tag and len(tag) == 32
    assert tag == throttle.client_tag(request)  # stable within the day
