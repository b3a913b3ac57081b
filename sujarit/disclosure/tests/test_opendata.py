"""Open data: publication metadata and compliance as JSON/CSV, the DCAT-AP catalogue and the CKAN API."""

import csv
import hashlib
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from sujarit.disclosure.queries import ckan
from sujarit.disclosure.services import publishing

PDF = b"%PDF-1.4\n% summary\n%%EOF\n"


@pytest.fixture
def published(org, coordinator, executive):
    """A public monthly procurement summary (PDF, O16), and a draft that must never show."""
    p = publishing.create(
        org, by=coordinator, kind="document", title="สรุปผลการจัดซื้อจัดจ้าง ตุลาคม 2567", area="budget",
        fiscal_year=2568, period_kind="month", period=10, oit_codes=["O16"],
        upload=SimpleUploadedFile("summary.pdf", PDF, "application/pdf"),
    )  # fmt: skip
    version = p.versions.get()
    publishing.submit(version, by=coordinator)
    publishing.approve(version, by=executive)
    publishing.create(org, by=coordinator, kind="page", title="ร่างที่ยังไม่อนุมัติ", area="basic",
                      fiscal_year=2568, body="ร่าง")  # fmt: skip
    p.refresh_from_db()
    return p


def test_json_lists_public_publications_with_file_metadata_and_compliance(client, org, published):
    data = client.get(reverse("disclosure:opendata_json", kwargs={"org_slug": org.slug})).json()
    assert [p["title"] for p in data["publications"]] == [published.title]
    row = data["publications"][0]
    assert row["oit_codes"] == ["O16"] and row["fiscal_year"] == 2568 and row["period"] == 10
    assert row["version"] == 1 and row["file_type"] == "application/pdf" and row["file_size"] == len(PDF)
    assert row["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert row["url"].startswith("http://testserver/")
    assert client.get(row["url"]).status_code == 200
    assert client.get(row["file_url"]).status_code == 200
    compliance = data["compliance"]
    assert compliance["items"] and {i["status"] for i in compliance["items"]} <= {
        "proven",
        "missing",
        "out_of_date",
        "incomplete",
        "late",
    }


def test_csv_of_publications_and_of_compliance(client, org, published):
    url = reverse("disclosure:opendata_csv", kwargs={"org_slug": org.slug})
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    assert len(rows) == 1 and rows[0]["oit_codes"] == "O16" and rows[0]["file_name"] == "summary.pdf"
    status = list(
        csv.DictReader(io.StringIO(client.get(url + "?table=compliance").content.decode("utf-8-sig")))
    )
    assert {"code", "status", "due"} <= set(status[0])


def test_dcat_catalogue_has_a_dataset_per_publication_with_its_distribution(client, org, published):
    response = client.get(f"/api/dcat/{org.slug}/catalog.jsonld")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/ld+json")
    doc = response.json()
    assert doc["@type"] == "dcat:Catalog" and "dcat" in doc["@context"]
    datasets = [d for d in doc["dcat:dataset"] if d["dct:identifier"] == str(published.pk)]
    assert len(datasets) == 1
    dists = datasets[0]["dcat:distribution"]
    files = [d for d in dists if "dcat:downloadURL" in d]
    assert files[0]["dcat:mediaType"] == {
        "@id": "http://www.iana.org/assignments/media-types/application/pdf"
    }
    assert files[0]["spdx:checksum"]["spdx:checksumValue"]["@value"] == hashlib.sha256(PDF).hexdigest()
    assert all("ร่างที่ยังไม่อนุมัติ" != d.get("dct:title") for d in doc["dcat:dataset"])


def test_ckan_package_list_and_show(client, org, published):
    base = f"/api/ckan/{org.slug}/api/3/action/"
    listing = client.get(base + "package_list").json()
    assert listing["success"] and listing["result"] == [f"pub-{published.pk}"]
    shown = client.get(base + f"package_show?id=pub-{published.pk}").json()
    assert shown["success"] and shown["result"]["title"] == published.title
    assert shown["result"]["tags"] == [{"name": "O16"}]
    assert any(r["mimetype"] == "application/pdf" for r in shown["result"]["resources"])
    search = client.get(base + "package_search?rows=10").json()
    assert search["result"]["count"] == 1
    missing = client.get(base + "package_show?id=pub-999999")
    assert missing.status_code == 404 and missing.json()["success"] is False
    # "²" passes str.isdigit() but is no number: an answer, not a server error.
    assert client.get(base + "package_show?id=pub-²").status_code == 404
    bad_rows = client.get(base + "package_search?rows=²&start=²")
    assert bad_rows.status_code == 409 and bad_rows.json()["error"]["__type"] == "Validation Error"


def test_unknown_org_is_404(client, db):
    assert client.get("/api/dcat/nowhere/catalog.jsonld").status_code == 404
    for path in ("/api/ckan/nowhere/api/3/action/package_list", "/api/ckan/nowhere/api/action/package_list"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["error"] == {
            "__type": "Not Found Error",
            "message": "ไม่พบข้อมูล: ไม่มีองค์กรที่ใช้ที่อยู่นี้",
        }


# --- CKAN's action API: paths, methods, the envelope and its errors -------------------------------

CKAN = "/api/ckan/laemsom/api/action/"


def test_ckan_answers_on_both_paths_by_get_and_by_post_without_a_csrf_token(org, published):
    client = Client(enforce_csrf_checks=True)
    name = f"pub-{published.pk}"
    calls = [
        client.get(CKAN + "package_show", {"id": name}),
        client.get(f"/api/ckan/{org.slug}/api/3/action/package_show", {"id": name}),
        client.post(CKAN + "package_show", json.dumps({"id": name}), content_type="application/json"),
        client.post(CKAN + "package_show", {"id": name}),  # a form
        # curl -d '{"id": …}' sends JSON labelled as a form; CKAN reads it as JSON.
        client.post(
            CKAN + "package_show", json.dumps({"id": name}), content_type="application/x-www-form-urlencoded"
        ),
    ]
    for response in calls:
        assert response.status_code == 200, response.content
        body = response.json()
        assert set(body) == {"help", "success", "result"} and body["success"] is True
        assert body["result"]["name"] == name
        assert body["help"] == "http://testserver/api/ckan/laemsom/api/3/action/help_show?name=package_show"
    help_text = client.get(body["help"].removeprefix("http://testserver")).json()
    assert help_text["success"] and "pub-<n>" in help_text["result"]


@pytest.mark.parametrize(
    "body, content_type, detail",
    [
        (b'{"id": ', "application/json", "JSON ผิดพลาด"),
        (b"[1, 2]", "application/json", "ข้อมูลคำขอไม่ถูกต้อง"),
        (b'"pub-1"', "application/json", "ข้อมูลคำขอไม่ถูกต้อง"),
        (b"\xff\xfe{", "application/json", "JSON ผิดพลาด"),
        (b"{" * 100_000, "text/plain", "JSON ผิดพลาด"),
        (b"a&" * 3000, "application/x-www-form-urlencoded", "อ่านแบบฟอร์มไม่ได้"),
        (b"no boundary", "multipart/form-data", "อ่านแบบฟอร์มไม่ได้"),
    ],
)
def test_ckan_malformed_body_is_a_400_in_the_envelope(client, org, published, body, content_type, detail):
    response = client.post(CKAN + "package_show", body, content_type=content_type)
    assert response.status_code == 400
    data = response.json()
    assert data["success"] is False and data["error"]["__type"] == "Bad Request"
    assert data["error"]["message"].startswith("คำขอไม่ถูกต้อง - ") and detail in data["error"]["message"]


@pytest.mark.parametrize(
    "action, params, status, error",
    [
        ("package_show", {}, 409, {"__type": "Validation Error", "id": ["ไม่มีค่า"]}),
        ("package_show", {"id": ["a", "b"]}, 409, {"__type": "Validation Error", "id": ["ต้องเป็นข้อความ"]}),
        ("package_show", {"id": "pub-999999"}, 404, {"__type": "Not Found Error", "message": "ไม่พบข้อมูล"}),
        ("package_search", {"rows": "ten"}, 409, {"__type": "Validation Error", "rows": ["จำนวนเต็มไม่ถูกต้อง"]}),
        (
            "package_search",
            {"start": -1},
            409,
            {"__type": "Validation Error", "start": ["ต้องเป็นจำนวนเต็มที่ไม่ติดลบ"]},
        ),
        ("package_list", {"limit": True}, 409, {"__type": "Validation Error", "limit": ["จำนวนเต็มไม่ถูกต้อง"]}),
        ("resource_show", {"id": "pub-1-nothing"}, 404, None),
        ("organization_show", {"id": "other"}, 404, None),
        ("help_show", {"name": "package_create"}, 404, None),
    ],
)
def test_ckan_errors_have_ckans_shape_and_status(client, org, published, action, params, status, error):
    response = client.post(CKAN + action, json.dumps(params), content_type="application/json")
    assert response.status_code == status
    data = response.json()
    assert set(data) == {"help", "success", "error"} and data["success"] is False
    if error is not None:
        assert data["error"] == error
    else:
        assert data["error"]["__type"] == "Not Found Error" and data["error"]["message"].startswith(
            "ไม่พบข้อมูล: "
        )


def test_ckan_search_refuses_what_it_cannot_apply(client, org, published):
    unknown = client.get(CKAN + "package_search", {"rows": 5, "fliter": "x"})
    assert unknown.status_code == 400
    assert unknown.json()["error"]["__type"] == "Search Query Error"
    assert "fliter" in unknown.json()["error"]["message"]
    unsupported = client.get(CKAN + "package_search", {"fq": "res_format:CSV"})
    assert unsupported.status_code == 400 and "res_format:CSV" in unsupported.json()["error"]["message"]
    bad_date = client.get(CKAN + "package_search", {"fq": "metadata_modified:[yesterday TO *]"})
    assert bad_date.status_code == 400
    bad_sort = client.get(CKAN + "package_search", {"sort": "popularity desc"})
    assert bad_sort.status_code == 409 and bad_sort.json()["error"]["__type"] == "Search Error"
    unknown_action = client.post(CKAN + "package_create", "{}", content_type="application/json")
    assert unknown_action.status_code == 400 and "package_create" in unknown_action.json()["error"]["message"]
    # The other actions ignore extra parameters, as CKAN does (ckanapi's dump sends some).
    extra = {"id": f"pub-{published.pk}", "include_password_hash": True, "include_users": False}
    assert (
        client.post(CKAN + "package_show", json.dumps(extra), content_type="application/json").status_code
        == 200
    )


def test_ckan_search_filters_sorts_and_pages(client, org, published):
    def names(**params):
        data = client.get(CKAN + "package_search", params).json()
        assert data["success"], data
        return data["result"]["count"], [p["name"] for p in data["result"]["results"]]

    name = f"pub-{published.pk}"
    assert names() == (1, [name])
    assert names(q="จัดซื้อจัดจ้าง ตุลาคม") == (1, [name])
    assert names(q="งบลงทุน") == (0, [])
    assert names(fq="tags:O16") == (1, [name]) and names(fq="tags:O1") == (0, [])
    assert names(fq=f"organization:{org.slug} metadata_modified:[2020-01-01T00:00:00Z TO NOW]") == (1, [name])
    assert names(fq="metadata_modified:[2100-01-01T00:00:00Z TO *]") == (0, [])
    assert names(fq="-organization:laemsom") == (0, [])
    assert names(sort="id asc", rows=1, start=1) == (1, [])


def test_ckan_search_query_count_does_not_grow_with_the_page(
    client, org, published, coordinator, executive, django_assert_max_num_queries
):
    for n in range(5):
        p = publishing.create(
            org, by=coordinator, kind="document", title=f"ประกาศ {n}", area="basic", fiscal_year=2568,
            oit_codes=["O1"], upload=SimpleUploadedFile(f"{n}.pdf", PDF + bytes([n]), "application/pdf"),
        )  # fmt: skip
        version = p.versions.get()
        publishing.submit(version, by=coordinator)
        publishing.approve(version, by=executive)
    with django_assert_max_num_queries(4):
        data = client.get(CKAN + "package_search", {"rows": 100}).json()
    assert data["result"]["count"] == 6 and len(data["result"]["results"]) == 6


@hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    method=st.sampled_from(["GET", "POST"]),
    content_type=st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain", ""]),
    body=st.one_of(
        st.binary(max_size=300),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
            ),
            max_leaves=20,
        ).map(lambda value: json.dumps(value).encode()),
    ),
    query=st.lists(st.tuples(st.text(max_size=10), st.lists(st.text(max_size=10), max_size=3)), max_size=4),
)
def test_ckan_request_parameters_are_a_dict_or_a_400(method, content_type, body, query):
    try:
        params = ckan.request_params(method, content_type, body, query)
    except ckan.ActionError as error:
        assert error.status == 400 and error.error["__type"] == "Bad Request" and error.error["message"]
    else:
        assert isinstance(params, dict) and all(isinstance(k, str) for k in params)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
PARAM_NAMES = st.sampled_from(
    ["id", "name", "q", "fq", "fq_list", "sort", "rows", "start", "limit", "offset", "all_fields",
     "include_datasets", "callback", "facet.field", "x"]
)  # fmt: skip


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    action=st.sampled_from([*ckan.ACTIONS, "package_create"]),
    params=st.dictionaries(
        PARAM_NAMES,
        JSON_VALUES
        # NUL: PostgreSQL refuses it in a query, so it must never reach one.
        | st.sampled_from(
            [
                "pub-1",
                "laemsom",
                "tags:O16",
                "metadata_modified:[2020-01-01 TO *]",
                "id asc",
                "a\x00",
                "tags:\x00",
            ]
        )
        | st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
        max_size=5,
    ),
)
@example(action="package_search", params={"q": "a\x00"})
@example(action="package_search", params={"fq": "tags:O\x0016"})
@example(action="package_search", params={"rows": 10**30, "start": 2**64})
def test_ckan_actions_answer_any_parameters_or_refuse_them_as_ckan_does(org, published, action, params):
    try:
        result = ckan.call(org, action, params, lambda path: "http://testserver" + path)
    except ckan.ActionError as error:
        assert error.status in (400, 404, 409) and error.error["__type"] in (
            "Bad Request", "Not Found Error", "Validation Error", "Search Query Error", "Search Error",
        )  # fmt: skip
    else:
        json.dumps(result)  # what the view sends
