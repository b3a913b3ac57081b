"""The corruption channel's JSON API: challenge, report, follow, message; refusals lose nothing."""

import base64
import io
import json
import threading

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from sujarit.complaints.models import Case, Category, Channel, EventType, Kind
from sujarit.complaints.protection import pow
from sujarit.complaints.services import cases, intake

TEXT = "นายกเรียกรับเงินจากผู้ประกอบการตลาดนัด"


def _base(org):
    return f"/api/v1/orgs/{org.slug}/integrity-reports"


def _post(client, url, body, **extra):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(url, data, content_type="application/json", **extra)


def _report(client, org, **extra):
    challenge = client.get(f"{_base(org)}/challenge").json()
    body = {
        "token": challenge["token"],
        "nonce": pow.solve(challenge["token"], challenge["bits"]),
        "category": "bribe",
        "text": TEXT,
    }
    body.update(extra)
    return _post(client, _base(org), body), body


def _with_work(client, org, body):
    """body plus a solved receipt challenge (each follow or message needs its own)."""
    challenge = client.get(f"{_base(org)}/challenge", {"purpose": "receipt"}).json()
    return {**body, "token": challenge["token"], "nonce": pow.solve(challenge["token"], challenge["bits"])}


def _follow(client, org, receipt, org_slug=None):
    url = f"/api/v1/orgs/{org_slug or org.slug}/integrity-reports/follow"
    return _post(client, url, _with_work(client, org, {"receipt": receipt}))


def test_challenge_gives_a_token_and_the_difficulty(client, org):
    response = client.get(f"{_base(org)}/challenge")
    assert response.status_code == 200 and response.json()["bits"] == 4
    assert "no-store" in response["Cache-Control"]
    assert client.get("/api/v1/orgs/nowhere/integrity-reports/challenge").status_code == 404


def test_categories_list_the_codes_a_report_names(
    client, org, other_org, categories, keyed_integrity_officer
):
    Category.objects.create(org=org, kind=Kind.INTEGRITY, code="old", name="เลิกใช้", active=False)
    Category.objects.create(org=other_org, kind=Kind.INTEGRITY, code="theirs", name="ของที่อื่น")
    response = client.get(f"{_base(org)}/categories")
    assert response.status_code == 200
    listed = {c["code"]: c["name"] for c in response.json()}
    # the integrity categories in use: not the general ones, not retired ones, not another org's
    assert listed == {"bribe": "เรียกรับสินบน", "procurement": "การจัดซื้อจัดจ้างไม่โปร่งใส"}
    # and a code read from the list is what a report is accepted with
    assert _report(client, org, category="procurement")[0].status_code == 201
    assert client.get("/api/v1/orgs/nowhere/integrity-reports/categories").status_code == 404


def test_report_returns_the_receipt_and_follow_reads_the_reply(
    client, org, categories, keyed_integrity_officer
):
    response, _body = _report(client, org, name="สมหญิง", accused_name="นายก")
    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert set(data) == {"receipt", "status"} and len(data["receipt"]) == 16  # no internal number
    case = Case.objects.get(org=org)
    assert case.channel == Channel.API and case.identity_given
    assert case.number not in response.content.decode()

    _case, key = intake.open_with_receipt(org, data["receipt"])
    cases.add_event(case, EventType.REPLY, by=keyed_integrity_officer, body="ขอรายละเอียดวันเวลา", key=key)
    followed = _follow(client, org, data["receipt"])
    assert followed.status_code == 200
    texts = [e["text"] for e in followed.json()["events"]]
    assert "ขอรายละเอียดวันเวลา" in texts and followed.json()["status"] == "received"

    sent = _post(
        client,
        f"{_base(org)}/messages",
        _with_work(client, org, {"receipt": data["receipt"], "text": "เมื่อวันที่ 3"}),
    )
    assert sent.status_code == 201
    assert cases.event_text(case.events.get(type=EventType.COMPLAINANT), key) == "เมื่อวันที่ 3"


def test_same_body_twice_makes_one_case(client, org, categories, keyed_integrity_officer):
    first, body = _report(client, org)
    again = _post(client, _base(org), body)
    assert again.status_code == 201 and again.json()["receipt"] == first.json()["receipt"]
    assert Case.objects.count() == 1


def test_malformed_json_gets_a_clear_detail(client, org, categories, keyed_integrity_officer):
    nested = b"[" * 100_000  # deeper than the JSON parser's recursion limit
    for body in (
        b"{not json",
        b"[]",
        b"\xff\xfe",
        json.dumps({"text": TEXT}),
        json.dumps({"token": 5}),
        nested,
    ):
        response = _post(client, _base(org), body)
        assert response.status_code == 400, body
        assert response.json()["code"] == "bad_request" and response.json()["detail"]
    assert not Case.objects.exists()


def test_bad_token_or_work_is_refused(client, org, categories, keyed_integrity_officer, settings):
    settings.SUJARIT_POW_BITS = 12
    challenge = client.get(f"{_base(org)}/challenge").json()
    wrong = next(str(n) for n in range(10_000) if not pow.solved(challenge["token"], str(n)))
    for token, nonce in (("forged", "1"), (challenge["token"], wrong), (challenge["token"], "")):
        response = _post(
            client, _base(org), {"token": token, "nonce": nonce, "category": "bribe", "text": TEXT}
        )
        assert response.status_code == 403 and response.json()["code"] == "bad_token"
    assert not Case.objects.exists()


def test_replayed_token_with_another_report_is_refused(client, org, categories, keyed_integrity_officer):
    _first, body = _report(client, org)
    response = _post(client, _base(org), {**body, "text": "เรื่องอื่น"})
    assert response.status_code == 400 and Case.objects.count() == 1


def test_unknown_category_or_unit_is_refused(client, org, categories, keyed_integrity_officer):
    assert _report(client, org, category="road")[0].status_code == 400
    assert _report(client, org, category="")[0].status_code == 400
    assert _report(client, org, accused_unit=999_999)[0].status_code == 400
    assert not Case.objects.exists()


def test_a_flooding_client_gets_429_and_another_reporter_still_gets_through(
    client, org, categories, keyed_integrity_officer, settings
):
    settings.SUJARIT_REPORTS_PER_CLIENT = 3
    for i in range(3):
        assert _report(client, org, text=f"เรื่องที่ {i}")[0].status_code == 201
    response = _report(client, org, text="อีกเรื่อง")[0]
    assert response.status_code == 429 and response.json()["code"] == "too_many"
    honest = Client(REMOTE_ADDR="198.51.100.30")
    assert _report(honest, org, text="เรื่องจริงจากอีกคน")[0].status_code == 201
    assert Case.objects.count() == 4


def test_challenges_get_harder_for_a_client_asking_for_many(client, org):
    seen = [client.get(f"{_base(org)}/challenge").json()["bits"] for _ in range(pow.FREE_CHALLENGES + 2)]
    assert seen[-1] == seen[0] + 2
    assert Client(REMOTE_ADDR="198.51.100.31").get(f"{_base(org)}/challenge").json()["bits"] == seen[0]
    assert client.get(f"{_base(org)}/challenge", {"purpose": "other"}).status_code == 422


def test_receipt_look_ups_need_a_solved_challenge(client, org, categories, keyed_integrity_officer, settings):
    receipt = _report(client, org)[0].json()["receipt"]
    settings.SUJARIT_POW_BITS = 12
    for body in ({"receipt": receipt}, {"receipt": receipt, "token": "forged", "nonce": "1"}):
        response = _post(client, f"{_base(org)}/follow", body)
        assert response.status_code in (400, 403) and "events" not in response.json()
    reused = _with_work(client, org, {"receipt": receipt})
    assert _post(client, f"{_base(org)}/follow", reused).status_code == 200
    again = _post(client, f"{_base(org)}/follow", reused)
    assert again.status_code == 403 and again.json()["code"] == "bad_token"  # one look-up per challenge


def test_bad_files_are_refused(client, org, categories, keyed_integrity_officer):
    exe = {"name": "x.exe", "content_base64": base64.b64encode(b"MZ\x90\x00" * 64).decode()}
    assert _report(client, org, files=[exe])[0].json()["code"] == "bad_file"
    not_b64 = {"name": "a.pdf", "content_base64": "%%%"}
    assert _report(client, org, files=[not_b64])[0].json()["code"] == "bad_file"
    assert not Case.objects.exists()


def test_photo_sent_through_the_api_loses_its_exif(client, org, categories, keyed_integrity_officer):
    img, out = Image.new("RGB", (16, 16), (1, 2, 3)), io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "WhistlePhone"
    img.save(out, format="JPEG", exif=exif)
    photo = {"name": "p.jpg", "content_base64": base64.b64encode(out.getvalue()).decode()}
    receipt = _report(client, org, files=[photo])[0].json()["receipt"]
    case, key = intake.open_with_receipt(org, receipt)
    data, name = cases.read_file(case.files.get(), key)
    assert name == "p.jpg" and b"WhistlePhone" not in data


def test_wrong_receipts_are_refused_then_rate_limited(client, org, categories, keyed_integrity_officer):
    receipt = _report(client, org)[0].json()["receipt"]
    for _ in range(pow.RECEIPT_FAILURES):
        response = _follow(client, org, "1234 5678 9012 3456")
        assert response.status_code == 404 and response.json()["code"] == "wrong_receipt"
    blocked = _follow(client, org, receipt)
    assert blocked.status_code == 429
    other_client = Client(REMOTE_ADDR="198.51.100.4")
    assert _follow(other_client, org, receipt).status_code == 200
    message = _post(
        client, f"{_base(org)}/messages", _with_work(client, org, {"receipt": receipt, "text": "x"})
    )
    assert message.status_code == 429
    assert not Case.objects.get().events.filter(type=EventType.COMPLAINANT).exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_receipts_get_no_more_tries_than_the_limit(
    org, categories, keyed_integrity_officer, settings
):
    """20 guesses at once from one client: exactly the limit of them reach the (slow) receipt hash."""
    settings.SUJARIT_KDF_MEMLIMIT = 16 * 1024 * 1024  # a slower look-up, nearer production, widens any race
    settings.SUJARIT_POW_MAX_BITS = 8
    guesser, tries = "203.0.113.50", 2 * pow.RECEIPT_FAILURES
    bodies = [_with_work(Client(REMOTE_ADDR=guesser), org, {"receipt": f"{i:016d}"}) for i in range(tries)]
    barrier, statuses = threading.Barrier(tries), []

    def guess(body):
        try:
            client = Client(REMOTE_ADDR=guesser)
            barrier.wait()
            statuses.append(_post(client, f"{_base(org)}/follow", body).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess, args=(body,)) for body in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [404] * pow.RECEIPT_FAILURES + [429] * (tries - pow.RECEIPT_FAILURES)


def test_receipt_of_another_org_opens_nothing(client, org, other_org, categories, keyed_integrity_officer):
    receipt = _report(client, org)[0].json()["receipt"]
    response = _post(
        client,
        f"/api/v1/orgs/{other_org.slug}/integrity-reports/follow",
        _with_work(client, other_org, {"receipt": receipt}),
    )
    assert response.status_code == 404


def test_openapi_documents_the_bodies(client):
    doc = client.get("/api/v1/openapi.json").json()
    post = doc["paths"]["/api/v1/orgs/{slug}/integrity-reports"]["post"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert {"token", "nonce", "text"} <= set(schema["required"]) and "$defs" not in json.dumps(schema)


@given(text=st.one_of(st.text(max_size=60), st.from_regex(r"[0-9๐-๙ \-]{0,40}", fullmatch=True)))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_receipt_string_is_a_clean_refusal(org_with_report, text):
    org, receipt = org_with_report
    if intake.crypto.normalize_receipt(text) == receipt:
        return
    assert intake.open_with_receipt(org, text) is None


@given(text=st.one_of(st.text(max_size=60), st.integers(), st.none(), st.lists(st.integers(), max_size=3)))
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_receipt_in_the_api_is_a_clean_refusal(org_with_report, text):
    org, _receipt = org_with_report
    cache.clear()  # the per-client limit is tested elsewhere
    client = Client()
    response = _post(client, f"{_base(org)}/follow", _with_work(client, org, {"receipt": text}))
    assert response.status_code in (400, 404) and response.json()["detail"]


@pytest.fixture
def org_with_report(org, categories, keyed_integrity_officer):
    token = pow.issue(org)
    _case, receipt = intake.submit_report(
        org, category=categories["bribe"], accused_unit=None, accused_name="", text=TEXT, token=token
    )
    return org, receipt


@pytest.fixture
def _keep_the_test_connection():
    """Calls go straight to the WSGI app; like Django's test client, keep the test's connection open."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_fuzzed_requests_never_fail_and_match_the_schema(
    org, categories, keyed_integrity_officer, _keep_the_test_connection
):
    import schemathesis

    from sujarit.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [op.ok() for op in schema.get_all_operations() if "/integrity-reports" in op.ok().path]
    assert len(operations) == 6  # challenge, categories, report, recipients, follow, messages
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def fuzz(case):
            cache.clear()
            if "slug" in (case.path_parameters or {}) and hash(str(case.body)) % 2:
                case.path_parameters["slug"] = org.slug  # reach the organization, not only 404s
            case.call_and_validate()

        fuzz()
