"""Open311 GeoReport v2 driven by the real `georeport` client (JSON and XML) against a live server.

`georeport` only reads (it has no call for POST), so filing is a form-encoded POST exactly as the
specification's example shows it: api_key, jurisdiction_id, attribute[...] and the citizen's fields.
"""

import xml.etree.ElementTree as ET

import pytest
import requests
from georeport import GeoReport

from ..models import Case, Channel, Kind

# The specification's POST example, in Thai, with the fields a client adds that Sujarit has no use for.
SPEC_POST = {
    "api_key": "xyz",
    "jurisdiction_id": "laemsom.go.th",
    "service_code": "road",
    "lat": "7.45124",
    "long": "99.61234",
    "address_string": "หน้าโรงเรียนบ้านแหลมสอม",
    "email": "somying@example.com",
    "device_id": "tt222111",
    "account_id": "123456",
    "first_name": "สมหญิง",
    "last_name": "ใจดี",
    "phone": "0812345678",
    "description": "หลุมใหญ่กลางถนน รถจักรยานยนต์ล้มแล้วสองคัน",
    "media_url": "https://photos.example.org/hole.jpg",
    "attribute[WHISPER]": "GRAFFITI",
    "attribute[ISSUE][]": ["pothole", "crack"],
}


@pytest.fixture
def site(live_server, transactional_db):
    return live_server.url.rstrip("/")


@pytest.fixture
def root(site, org, categories):
    return f"{site}/api/open311/v2/{org.slug}"


def file_request(root, fmt="json", **changes):
    return requests.post(f"{root}/requests.{fmt}", data={**SPEC_POST, **changes}, timeout=10)


def test_georeport_client_reads_services_definitions_and_requests_as_json(root, org):
    response = file_request(root)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    [answer] = response.json()
    request_id = answer["service_request_id"]
    case = Case.objects.get(tracking_code=request_id)
    assert (case.kind, case.channel, case.category.code) == (Kind.GENERAL, Channel.OPEN311, "road")
    assert case.name == "สมหญิง ใจดี" and case.location == SPEC_POST["address_string"]

    client = GeoReport(root, jurisdiction="laemsom.go.th", api_key="xyz")
    services = client.get_service_list()
    assert {s["service_code"] for s in services} == {"road", "waste"}
    assert all(s["metadata"] is False for s in services)  # no corruption category is ever a service
    assert client.get_service_definition("road") == {"service_code": "road", "attributes": []}

    got = client.get_service_request(request_id)
    assert got["service_request_id"] == request_id and got["status"] == "open"
    assert got["description"] == SPEC_POST["description"] and got["media_url"] == SPEC_POST["media_url"]
    assert (got["lat"], got["long"]) == (7.45124, 99.61234)
    assert [r["service_request_id"] for r in client.get_service_requests()] == [request_id]
    assert client.get_service_requests(service_code="waste") == []
    assert [r["service_request_id"] for r in client.get_service_requests(status="open")] == [request_id]
    assert client.get_service_requests(service_request_id=request_id)[0]["service_code"] == "road"
    listed = requests.get(f"{root}/requests.json", timeout=10).text
    for personal in ("สมหญิง", "somying@example.com", "0812345678", answer["follow_secret"]):
        assert personal not in listed

    with pytest.raises(requests.HTTPError) as missing:
        client.get_service_definition("bribe")  # a corruption category: unknown to Open311
    assert missing.value.response.status_code == 404


def test_georeport_client_reads_the_xml_format(root):
    response = file_request(root, "xml")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/xml")
    answer = ET.fromstring(response.content)
    assert answer.tag == "service_requests" and answer[0].tag == "request"
    request_id = answer.findtext("request/service_request_id")

    client = GeoReport(root, output_format="xml")
    assert {s["service_code"] for s in client.get_service_list()} == {"road", "waste"}
    assert client.get_service_definition("waste")["service_code"] == "waste"
    got = client.get_service_request(request_id)
    assert got["service_request_id"] == request_id and got["status"] == "open"
    assert got["service_name"] == "ถนนชำรุด"
    assert client.get_service_requests(service_request_id=request_id)["service_request_id"] == request_id


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_code_is_the_specs_error_array(root, fmt):
    response = file_request(root, fmt, service_code="bribe")  # a corruption category is no service

    assert response.status_code == 400
    if fmt == "json":
        errors = response.json()
        assert errors == [{"code": 400, "description": "ไม่พบบริการที่มี service_code นี้"}]
    else:
        errors = ET.fromstring(response.content)
        assert errors.tag == "errors" and [e.tag for e in errors] == ["error"]
        assert errors.findtext("error/code") == "400" and errors.findtext("error/description")
    assert not Case.objects.exists()
