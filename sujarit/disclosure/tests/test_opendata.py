"""Open data: publication metadata and compliance as JSON/CSV, the DCAT-AP catalogue and the CKAN API."""

import csv
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
    assert files[0]["dcat:mediaType"] == "application/pdf"
    assert files[0]["spdx:checksum"]["spdx:checksumValue"] == hashlib.sha256(PDF).hexdigest()
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
    assert client.get(base + "package_search?rows=²&start=²").json()["result"]["count"] == 1


def test_unknown_org_is_404(client, db):
    assert client.get("/api/dcat/nowhere/catalog.jsonld").status_code == 404
    assert client.get("/api/ckan/nowhere/api/3/action/package_list").status_code == 404
