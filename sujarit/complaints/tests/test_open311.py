"""Open311 GeoReport v2: an existing Open311 client can list services, file and follow general complaints."""

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from ..models import Case, Channel, Kind, State
from ..services import cases, general, workflow
from ..views.public import open311 as views

BASE = "/api/open311/v2/laemsom/"
FILED = {
    "service_code": "road",
    "lat": "7.451234",
    "long": "99.612345",
    "address_string": "หน้าโรงเรียนบ้านแหลมสอม",
    "description": "หลุมใหญ่กลางถนน รถจักรยานยนต์ล้มแล้วสองคัน",
    "first_name": "สมหญิง",
    "last_name": "ใจดีมาก",
    "email": "somying@example.com",
    "phone": "0812345678",
}
PERSONAL = ("สมหญิง", "ใจดีมาก", "somying@example.com", "0812345678")


def post(client, data=FILED, **extra):
    return client.post(BASE + "requests.json", data, **extra)


def body(response):
    return json.loads(response.content)


def error_codes(response):
    data = body(response)
    assert isinstance(data, list) and data, data
    assert all(set(e) == {"code", "description"} and e["description"] for e in data)
    return {e["code"] for e in data}


def file_case(org, category, officer, *, days_ago=0, description="ไฟทางดับทั้งซอย"):
    """A case an officer registered by phone (only staff may give the date it was received)."""
    case, _secret = general.submit(
        org,
        by=officer,
        channel=Channel.PHONE,
        category=category,
        subject=description[:50],
        description=description,
        location="ซอย 3",
        name="ผู้ร้อง ทดสอบ",
        phone="0899999999",
        received_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    return case


@pytest.fixture
def integrity_case(org, categories):
    """A corruption case — given a tracking code too, the worst case for a leak."""
    with transaction.atomic():
        return cases.create_case(
            org, Kind.INTEGRITY, category=categories["bribe"], tracking_code="SECRET-INTEGRITY-1"
        )


# ------------------------------------------------------------------------------------------- services


def test_services_are_the_active_general_categories(client, org, categories):
    categories["waste"].active = False
    categories["waste"].save(update_fields=["active"])

    response = client.get(BASE + "services.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert body(response) == [
        {
            "service_code": "road",
            "service_name": "ถนนชำรุด",
            "description": "",
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": "กองช่าง",
        }
    ]


def test_service_definition_has_no_attributes(client, org, categories):
    assert body(client.get(BASE + "services/road.json")) == {"service_code": "road", "attributes": []}


def test_corruption_category_is_not_a_service(client, org, categories):
    assert client.get(BASE + "services/bribe.json").status_code == 404
    assert "bribe" not in client.get(BASE + "services.json").content.decode()


def test_discovery_names_the_endpoint_and_formats(client, org, policy):
    data = body(client.get(BASE + "discovery.json"))
    endpoint = data["endpoints"][0]
    assert endpoint["url"] == "http://testserver/api/open311/v2/laemsom"
    assert endpoint["formats"] == ["application/json", "text/xml"]
    assert "0 7536 0000" in data["contact"]


# ------------------------------------------------------------------------------------ the client flow


def test_open311_client_files_and_follows_a_request(client, org, categories):
    services = body(client.get(BASE + "services.json"))
    assert {s["service_code"] for s in services} == {"road", "waste"}

    response = post(client)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    [answer] = body(response)
    request_id = answer["service_request_id"]
    assert answer["account_id"] is None
    assert answer["follow_secret"]
    case = Case.objects.get(tracking_code=request_id)
    assert case.channel == Channel.OPEN311
    assert case.kind == Kind.GENERAL
    assert case.unit.name == "กองช่าง"
    assert case.name == "สมหญิง ใจดีมาก" and case.email == "somying@example.com"
    assert case.due_date.isoformat() in answer["service_notice"]
    assert answer["follow_secret"] not in answer["service_notice"]
    assert general.follow(org, request_id, answer["follow_secret"], client="citizen") == case

    response = client.get(BASE + f"requests/{request_id}.json")
    [got] = body(response)
    assert got["service_request_id"] == request_id
    assert got["status"] == "open"
    assert got["service_code"] == "road" and got["service_name"] == "ถนนชำรุด"
    assert got["agency_responsible"] == "กองช่าง"
    assert got["description"] == FILED["description"]
    assert got["address"] == FILED["address_string"]
    assert (got["lat"], got["long"]) == (7.451234, 99.612345)
    assert got["requested_datetime"].endswith("+07:00")
    assert got["expected_datetime"] == f"{case.due_date.isoformat()}T23:59:59+07:00"
    assert got["status_notes"] == ""

    listed = body(client.get(BASE + "requests.json"))
    assert [r["service_request_id"] for r in listed] == [request_id]
    for text in (client.get(BASE + "requests.json").content, response.content):
        for personal in PERSONAL:
            assert personal not in text.decode()
        assert answer["follow_secret"] not in text.decode()


def test_request_filed_as_json_is_accepted(client, org, categories):
    data = {"service_code": "waste", "address_string": "ตลาดนัด", "description": "ขยะล้นถัง"}
    response = client.post(BASE + "requests.json", json.dumps(data), content_type="application/json")

    assert response.status_code == 200
    case = Case.objects.get(tracking_code=body(response)[0]["service_request_id"])
    assert case.description == "ขยะล้นถัง" and case.location == "ตลาดนัด"
    assert case.latitude is None


def test_media_url_is_kept_as_text_and_given_back(client, org, categories):
    response = post(client, {**FILED, "media_url": "https://photos.example.org/a.jpg"})
    request_id = body(response)[0]["service_request_id"]

    [got] = body(client.get(BASE + f"requests/{request_id}.json"))
    assert got["media_url"] == "https://photos.example.org/a.jpg"
    assert got["description"] == FILED["description"]


def test_status_and_notes_follow_the_officers(client, org, categories, admin_user):
    request_id = body(post(client))[0]["service_request_id"]
    case = Case.objects.get(tracking_code=request_id)

    workflow.change_state(case, State.ACCEPTED, by=admin_user)
    workflow.change_state(case, State.IN_PROGRESS, by=admin_user)
    workflow.add_note(case, "บันทึกภายใน ห้ามเผยแพร่", by=admin_user)
    [got] = body(client.get(BASE + f"requests/{request_id}.json"))
    assert got["status"] == "open"
    assert got["status_notes"] == ""

    workflow.reply(case, "ซ่อมถนนเรียบร้อยแล้ว ขอบคุณที่แจ้ง", by=admin_user)
    workflow.change_state(case, State.RESOLVED, by=admin_user)
    [got] = body(client.get(BASE + f"requests/{request_id}.json"))
    assert got["status"] == "closed"
    assert got["status_notes"] == "ซ่อมถนนเรียบร้อยแล้ว ขอบคุณที่แจ้ง"
    assert "บันทึกภายใน" not in client.get(BASE + "requests.json").content.decode()

    assert [r["service_request_id"] for r in body(client.get(BASE + "requests.json?status=closed"))] == [
        request_id
    ]
    assert body(client.get(BASE + "requests.json?status=open")) == []


def test_out_of_scope_and_forwarded_cases_are_closed(client, org, categories, admin_user):
    first, second = (
        file_case(org, categories["road"], admin_user),
        file_case(org, categories["waste"], admin_user),
    )
    workflow.change_state(first, State.OUT_OF_SCOPE, by=admin_user, note="ไม่อยู่ในอำนาจหน้าที่")
    workflow.change_state(second, State.FORWARDED, by=admin_user, forwarded_to="การไฟฟ้าส่วนภูมิภาค")

    got = {r["service_request_id"]: r for r in body(client.get(BASE + "requests.json"))}
    assert got[first.tracking_code]["status"] == "closed"
    assert got[second.tracking_code]["status"] == "closed"


def test_cases_filed_elsewhere_show_only_service_state_and_dates(client, org, categories, admin_user):
    """A caller by phone was never told their words would be published: only Open311 filings are."""
    by_phone = file_case(org, categories["road"], admin_user, description="บ้านนายสมชายน้ำท่วม")
    workflow.change_state(by_phone, State.OUT_OF_SCOPE, by=admin_user, note="แจ้งคุณสมชายแล้ว")
    got = {r["service_request_id"]: r for r in body(client.get(BASE + "requests.json"))}[
        by_phone.tracking_code
    ]
    assert got["status"] == "closed" and got["service_code"] == "road"
    assert got["description"] == "" and got["status_notes"] == "" and got["address"] == ""
    assert got["lat"] is None and "สมชาย" not in str(got)


# ------------------------------------------------------------------------------------------- filters


def test_list_filters(client, org, categories, admin_user):
    road = file_case(org, categories["road"], admin_user, days_ago=1)
    waste = file_case(org, categories["waste"], admin_user, days_ago=10)
    old = file_case(org, categories["road"], admin_user, days_ago=200)

    def ids(query):
        response = client.get(BASE + "requests.json" + query)
        assert response.status_code == 200, response.content
        return [r["service_request_id"] for r in body(response)]

    assert ids("") == [road.tracking_code, waste.tracking_code]  # the last 90 days, newest first
    assert ids("?service_code=waste") == [waste.tracking_code]
    assert ids("?service_code=waste,road") == [road.tracking_code, waste.tracking_code]
    assert ids(f"?service_request_id={old.tracking_code},{waste.tracking_code}") == [
        waste.tracking_code,
        old.tracking_code,
    ]
    start = (timezone.localdate() - dt.timedelta(days=300)).isoformat()
    end = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    assert ids(f"?start_date={start}&end_date={end}") == [waste.tracking_code, old.tracking_code]
    stamp = timezone.localtime(waste.received_at).isoformat().replace("+", "%2B")
    assert ids(f"?start_date={stamp}") == [road.tracking_code, waste.tracking_code]
    assert ids(f"?end_date={stamp}") == [waste.tracking_code, old.tracking_code]


def test_list_query_count_is_fixed(client, org, categories, admin_user, django_assert_max_num_queries):
    for _n in range(5):
        file_case(org, categories["road"], admin_user)
    with django_assert_max_num_queries(3):
        assert len(body(client.get(BASE + "requests.json"))) == 5


def test_other_organization_cases_are_not_listed(client, org, other_org, categories, admin_user):
    case = file_case(org, categories["road"], admin_user)
    assert client.get(f"/api/open311/v2/{other_org.slug}/requests.json").content == b"[]"
    assert (
        client.get(f"/api/open311/v2/{other_org.slug}/requests/{case.tracking_code}.json").status_code == 404
    )


# ---------------------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    "change",
    [
        {"service_code": "nosuch"},
        {"service_code": "bribe"},
        {"service_code": ""},
        {"lat": "", "long": "", "address_string": ""},
        {"long": "", "address_string": ""},
        {"lat": "91"},
        {"long": "abc"},
        {"description": "ก" * 4001},
        {"description": "   "},
        {"email": "not-an-email"},
        {"media_url": "file:///etc/passwd"},
    ],
)
def test_bad_request_is_refused_and_nothing_is_filed(client, org, categories, change):
    response = post(client, {**FILED, **change})

    assert response.status_code == 400
    assert error_codes(response) == {400}
    assert not Case.objects.exists()


def test_corruption_code_is_refused_as_an_unknown_service(client, org, categories):
    unknown = body(post(client, {**FILED, "service_code": "nosuch"}))
    bribe = body(post(client, {**FILED, "service_code": "bribe"}))
    assert unknown == bribe


def test_post_needs_no_csrf_token_or_api_key(org, categories):
    client = Client(enforce_csrf_checks=True)
    assert post(client, {**FILED, "api_key": "anything"}).status_code == 200
    assert (
        client.post(BASE + "requests.json", json.dumps(FILED), content_type="application/json").status_code
        == 200
    )


def test_longest_description_is_accepted(client, org, categories):
    assert post(client, {**FILED, "description": "ก" * 4000}).status_code == 200


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"', "null", '{"service_code": ["road"]}'])
def test_malformed_json_is_refused(client, org, categories, raw):
    response = client.post(BASE + "requests.json", raw, content_type="application/json")
    assert response.status_code == 400
    assert error_codes(response) == {400}
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "start_date=yesterday",
        "end_date=2025-13-01",
        "start_date=0001-01-01T00:00:00Z",
        "start_date=2025-02-01&end_date=2025-01-01",
        "status=pending",
    ],
)
def test_bad_list_parameters_are_refused(client, org, categories, query):
    response = client.get(BASE + "requests.json?" + query)
    assert response.status_code == 400
    assert error_codes(response) == {400}


def test_unknown_things_are_404_in_json(client, org, categories):
    for url in (
        "/api/open311/v2/no-such-org/services.json",
        "/api/open311/v2/no-such-org/requests.json",
        BASE + "requests/NOPE-1.json",
        BASE + "tokens/NOPE-1.json",
        BASE + "services/nosuch.json",
        BASE + "services.yaml",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json")
        assert error_codes(response) == {404}
    assert client.post("/api/open311/v2/no-such-org/requests.json", FILED).status_code == 404


def test_floods_are_refused_without_losing_what_came_before(client, org, categories, settings, monkeypatch):
    settings.SUJARIT_SUBMISSIONS_PER_MINUTE = 2
    assert post(client).status_code == 200
    assert post(client).status_code == 200
    response = post(client)
    assert response.status_code == 429 and error_codes(response) == {429}
    assert Case.objects.count() == 2

    settings.SUJARIT_SUBMISSIONS_PER_MINUTE = 100
    monkeypatch.setattr(views, "PER_CLIENT", 3)
    assert post(client).status_code == 200
    assert post(client).status_code == 429  # this client already sent 3
    assert post(client, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_wrong_method_is_405(client, org, categories):
    response = client.post(BASE + "services.json", {})
    assert response.status_code == 405
    assert error_codes(response) == {405}


# --------------------------------------------------------------------------------- corruption cases


def test_corruption_cases_never_appear(client, org, categories, integrity_case, admin_user):
    code = integrity_case.tracking_code
    general_case = file_case(org, categories["road"], admin_user)

    listed = client.get(BASE + "requests.json?start_date=2000-01-01").content.decode()
    assert code not in listed and integrity_case.number not in listed
    assert [r["service_request_id"] for r in json.loads(listed)] == [general_case.tracking_code]
    assert body(client.get(BASE + f"requests.json?service_request_id={code}")) == []
    assert body(client.get(BASE + "requests.json?service_code=bribe")) == []
    assert client.get(BASE + f"requests/{code}.json").status_code == 404
    assert client.get(BASE + f"tokens/{code}.json").status_code == 404
    # Same answer as for an id that never existed: nothing tells that it does.
    assert body(client.get(BASE + f"requests/{code}.json")) == body(client.get(BASE + "requests/NOPE-1.json"))


# -------------------------------------------------------------------------------------- tokens, XML


def test_token_of_a_request_is_its_id(client, org, categories):
    request_id = body(post(client))[0]["service_request_id"]
    assert body(client.get(BASE + f"tokens/{request_id}.json")) == [
        {"service_request_id": request_id, "token": request_id}
    ]


def test_xml_variants(client, org, categories):
    services = ET.fromstring(client.get(BASE + "services.xml").content)
    assert services.tag == "services"
    assert sorted(s.findtext("service_code") for s in services.findall("service")) == ["road", "waste"]
    assert services.find("service").findtext("metadata") == "false"

    response = client.post(BASE + "requests.xml", FILED)
    assert response["Content-Type"].startswith("text/xml")
    request_id = ET.fromstring(response.content).find("request").findtext("service_request_id")

    got = ET.fromstring(client.get(BASE + f"requests/{request_id}.xml").content)
    assert got.tag == "service_requests"
    assert got.find("request").findtext("status") == "open"
    assert got.find("request").findtext("lat") == "7.451234"

    definition = ET.fromstring(client.get(BASE + "services/road.xml").content)
    assert definition.tag == "service_definition" and definition.find("attributes") is not None

    errors = ET.fromstring(client.get(BASE + "requests/NOPE-1.xml").content)
    assert errors.tag == "errors" and errors.find("error").findtext("code") == "404"

    discovery = ET.fromstring(client.get(BASE + "discovery.xml").content)
    assert [f.text for f in discovery.iter("format")] == ["application/json", "text/xml"]


def test_longest_names_fit_the_column_on_every_database(client, org, categories):
    """first_name and last_name may each be 100 characters: together they still fit the name column."""
    response = post(client, {**FILED, "first_name": "ก" * 100, "last_name": "ข" * 100})
    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_code=body(response)[0]["service_request_id"])
    assert len(case.name) == 200 and case.name.startswith("ก" * 100)
