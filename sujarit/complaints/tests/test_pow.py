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


def test_wrong_receipts_are_counted_per_client_and_then_refused():
    rf = RequestFactory()
    guesser = rf.post("/", REMOTE_ADDR="203.0.113.9")
    other = rf.post("/", REMOTE_ADDR="198.51.100.7")
    for _ in range(pow.RECEIPT_FAILURES):
        pow.check_receipt_rate(guesser)
        pow.receipt_failed(guesser)
    with pytest.raises(pow.Flood):
        pow.check_receipt_rate(guesser)
    pow.check_receipt_rate(other)  # another client is not held back


def test_client_tag_does_not_contain_the_address():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    tag = throttle.client_tag(request)
    assert "203" not in tag and len(tag) == 32
    assert tag == throttle.client_tag(request)  # stable within the day
