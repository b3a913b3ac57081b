"""The open-data catalogue read by the clients harvesters really use, against a live server.

ckanapi (CKAN's own client, in its default POST mode and with get_only=True) and rdflib (parsing the
DCAT-AP catalogue), never an imitation of them.
"""

import hashlib

import ckanapi
import pytest
import rdflib
import requests

from .test_opendata import PDF, published  # noqa: F401  (the fixture: one public PDF, one draft)


@pytest.fixture
def site(live_server, transactional_db):
    return live_server.url.rstrip("/")


@pytest.mark.parametrize("get_only", [False, True], ids=["post", "get"])
def test_ckanapi_reads_the_catalogue(site, org, published, get_only):  # noqa: F811
    name = f"pub-{published.pk}"
    with ckanapi.RemoteCKAN(f"{site}/api/ckan/{org.slug}", get_only=get_only) as portal:
        assert portal.action.package_list() == [name]
        # What `ckanapi dump datasets --all` sends: CKAN ignores the parameters it has no use for.
        assert portal.call_action("package_list", {"include_private": False, "include_drafts": False}) == [
            name
        ]
        package = portal.call_action("package_show", {"id": name, "include_password_hash": True})
        assert package["title"] == published.title and package["owner_org"] == org.slug
        assert package["organization"]["title"] == org.name and package["tags"] == [{"name": "O16"}]

        [file_id] = [r["id"] for r in package["resources"] if r["mimetype"] == "application/pdf"]
        resource = portal.action.resource_show(id=file_id)
        assert resource["package_id"] == name and resource["format"] == "PDF"
        assert hashlib.sha256(requests.get(resource["url"], timeout=10).content).hexdigest() == (
            hashlib.sha256(PDF).hexdigest()
        )

        found = portal.action.package_search(q="จัดซื้อจัดจ้าง", fq="tags:O16", rows=5, sort="id asc")
        assert found["count"] == 1 and [p["name"] for p in found["results"]] == [name]

        assert portal.action.organization_list() == [org.slug]
        organization = portal.action.organization_show(id=org.slug, include_datasets=True)
        assert organization["package_count"] == 1 and [p["name"] for p in organization["packages"]] == [name]

        # CKAN's errors come back as ckanapi's exceptions, with the Thai message.
        with pytest.raises(ckanapi.NotFound) as missing:
            portal.action.package_show(id="pub-999999")
        assert "ไม่พบข้อมูล" in str(missing.value)
        with pytest.raises(ckanapi.ValidationError) as invalid:
            portal.action.package_search(rows="ten")
        assert invalid.value.error_dict["rows"] == ["จำนวนเต็มไม่ถูกต้อง"]
        with pytest.raises(ckanapi.SearchQueryError):
            portal.action.package_search(fliter="x")
        with pytest.raises(ckanapi.CKANAPIError):
            portal.action.package_create(name="not-here")

        # The versioned path too, as a client configured with {base}/api/3/action/ uses it.
        portal.base_url = "api/3/action/"
        assert portal.action.package_list() == [name]


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's own parser
def test_dcat_catalogue_parses_with_rdflib_and_has_dcat_aps_mandatory_properties(site, org, published):  # noqa: F811
    from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF  # here: pytest's collection pokes at module names

    graph = rdflib.Graph().parse(f"{site}/api/dcat/{org.slug}/catalog.jsonld", format="json-ld")

    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert set(graph.objects(catalog, DCAT.dataset)) == datasets
    assert len(datasets) == 2  # the publication and the metadata files; never the draft
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher):
        assert graph.value(catalog, prop) is not None, prop
    publisher = graph.value(catalog, DCTERMS.publisher)
    assert str(graph.value(publisher, FOAF.name)) == org.name
    for dataset in datasets:
        assert graph.value(dataset, DCTERMS.title) and graph.value(dataset, DCTERMS.description)
        assert graph.value(dataset, DCTERMS.publisher) == publisher
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert distributions and all(graph.value(d, DCAT.accessURL) for d in distributions)
        assert all((d, RDF.type, DCAT.Distribution) in graph for d in distributions)

    page = rdflib.URIRef(f"{site}/{org.slug}/disclosure/p/{published.pk}/")
    assert page in datasets, sorted(datasets)
    assert str(graph.value(page, DCTERMS.title)) == published.title
    [pdf] = [d for d in graph.objects(page, DCAT.distribution) if graph.value(d, DCAT.downloadURL)]
    assert graph.value(pdf, DCAT.mediaType) == rdflib.URIRef(
        "http://www.iana.org/assignments/media-types/application/pdf"
    )
    assert graph.value(pdf, DCTERMS.format) == rdflib.URIRef(
        "http://publications.europa.eu/resource/authority/file-type/PDF"
    )
    assert graph.value(pdf, DCAT.byteSize).toPython() == len(PDF)
